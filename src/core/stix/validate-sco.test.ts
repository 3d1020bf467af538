// Rules specific to SCOs: identifiers (section 2.9), value formats, and properties that go together.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scoId } from './sco-id.js';
import { validateStixObject } from './validate.js';

/** A valid SCO of `type` with `props` and its deterministic id. */
function sco(type: string, props: Record<string, unknown>): Record<string, unknown> {
  return { type, spec_version: '2.1', id: scoId(type, props), ...props };
}

function problems(obj: Record<string, unknown>): string[] {
  return validateStixObject(obj).map((p) => `${p.severity} ${p.path}`);
}

const IP = sco('ipv4-addr', { value: '198.51.100.3' });

void test('an SCO needs only type, id and its own required properties', () => {
  assert.deepEqual(IP.id, 'ipv4-addr--28bb3599-77cd-5a82-a950-b5bc3caf07c4');
  assert.deepEqual(problems(IP), []);
  assert.deepEqual(problems({ type: 'ipv4-addr', id: IP.id, value: '198.51.100.3' }), []);
  assert.deepEqual(problems({ ...IP, value: undefined }), ['error value']);
});

void test('SCO ids SHOULD be the deterministic UUIDv5', () => {
  assert.deepEqual(problems({ ...IP, id: 'ipv4-addr--1e4ffad7-0b88-41d4-ba4d-77d27490b956' }), [
    'warning id',
  ]);
  assert.deepEqual(problems({ ...IP, value: '198.51.100.4' }), ['warning id']); // v5, of another value
  const [w] = validateStixObject({ ...IP, id: 'ipv4-addr--1e4ffad7-0b88-41d4-ba4d-77d27490b956' });
  assert.match(w?.message ?? '', /ipv4-addr--28bb3599-77cd-5a82-a950-b5bc3caf07c4/);
});

void test('an SCO without contributing properties MUST have a UUIDv4', () => {
  const v4 = 'process--8fac80fe-a220-4ba9-8ffe-4f43ce8edff8';
  assert.deepEqual(problems({ type: 'process', id: v4, pid: 1221 }), []);
  assert.deepEqual(
    problems({ type: 'process', id: 'process--9cf4a8ec-7640-5f40-a006-79942896168b', pid: 1 }),
    ['error id'],
  );
  const ua = {
    type: 'user-account',
    id: 'user-account--9cf4a8ec-7640-5f40-a006-79942896168b',
    display_name: 'x',
  };
  assert.deepEqual(problems(ua), ['error id']);
});

void test('all-optional SCOs need at least one property of their own', () => {
  assert.deepEqual(problems({ type: 'process', id: 'process--8fac80fe-a220-4ba9-8ffe-4f43ce8edff8' }), [
    'error ',
  ]);
});

void test('versioning and other SDO properties are not applicable to SCOs', () => {
  assert.deepEqual(problems({ ...IP, created_by_ref: 'identity--f431f809-377b-45e0-aa1c-6a4751cae5ff' }), [
    'warning created_by_ref',
  ]);
  assert.deepEqual(problems({ ...IP, defanged: true }), []);
  assert.deepEqual(problems({ ...IP, spec_version: '2.0' }), ['error spec_version']);
});

void test('address values have their formats', () => {
  assert.deepEqual(problems(sco('ipv4-addr', { value: '198.51.100.0/24' })), []);
  assert.deepEqual(problems(sco('ipv4-addr', { value: '198.51.100.256' })), ['error value']);
  assert.deepEqual(problems(sco('ipv6-addr', { value: '2001:db8::1::2' })), ['error value']);
  assert.deepEqual(problems(sco('mac-addr', { value: 'D2-FB-49-24-37-18' })), ['error value']);
  assert.deepEqual(problems(sco('url', { value: 'example dot com' })), ['error value']);
  assert.deepEqual(problems(sco('email-addr', { value: 'John Doe <john@example.com>' })), ['error value']);
  const mac = 'mac-addr--cf2e5c28-b4c9-5de8-a0b5-d2e3d3a0ae65';
  assert.deepEqual(problems(sco('domain-name', { value: 'example.com', resolves_to_refs: [IP.id] })), []);
  assert.deepEqual(problems(sco('domain-name', { value: 'example.com', resolves_to_refs: [mac] })), [
    'error resolves_to_refs[0]',
  ]);
});

void test('a file needs hashes or a name, with well-formed hashes', () => {
  assert.deepEqual(problems(sco('file', { name: 'foo.dll' })), []);
  const v4 = 'file--1a2b3c4d-0000-4000-8000-000000000001';
  assert.deepEqual(
    problems({ type: 'file', id: v4, size: 25536, name_enc: 'windows-1252', mime_type: 'x' }),
    ['error name', 'error name_enc'],
  );
  assert.deepEqual(problems(sco('file', { hashes: { MD5: 'xyz' } })), ['error hashes.MD5']);
  assert.deepEqual(problems(sco('file', { hashes: { x_acme_hash: 'abc' } })), ['warning hashes.x_acme_hash']);
  assert.deepEqual(problems(sco('file', { name: 'a', size: -1 })), ['error size']);
});

void test('file extensions: predefined ones with their required properties, custom ones deprecated', () => {
  const zip = {
    name: 'foo.zip',
    extensions: { 'archive-ext': { contains_refs: ['file--70221dbf-52fd-5377-9619-c0ce6b3ffc8c'] } },
  };
  assert.deepEqual(problems(sco('file', zip)), []);
  assert.deepEqual(
    problems(sco('file', { name: 'foo.zip', extensions: { 'archive-ext': { comment: 'c' } } })),
    ['error extensions.archive-ext.contains_refs'],
  );
  assert.deepEqual(
    problems(sco('file', { name: 'a', extensions: { 'x-acme-foo-ext': { foo_val: 'foo' } } })),
    ['warning extensions.x-acme-foo-ext'],
  );
  assert.deepEqual(
    problems(sco('file', { name: 'a', extensions: { 'http-request-ext': { request_method: 'get' } } })),
    ['error extensions.http-request-ext'],
  );
});

void test('network traffic: protocols and an end, ports in range, end after start, not while active', () => {
  const nt = sco('network-traffic', { dst_ref: IP.id, protocols: ['ipv4', 'tcp'], dst_port: 443 });
  assert.deepEqual(problems(nt), []);
  assert.deepEqual(problems(sco('network-traffic', { protocols: ['tcp'] })), ['error src_ref']);
  assert.deepEqual(
    problems(sco('network-traffic', { dst_ref: IP.id, protocols: ['tcp'], dst_port: 70000 })),
    ['error dst_port'],
  );
  assert.deepEqual(
    problems(
      sco('network-traffic', {
        dst_ref: IP.id,
        protocols: ['tcp'],
        is_active: true,
        end: '2016-01-20T12:31:12Z',
      }),
    ),
    ['error end'],
  );
  assert.deepEqual(
    problems(
      sco('network-traffic', {
        dst_ref: IP.id,
        protocols: ['tcp'],
        start: '2016-01-20T12:31:12Z',
        end: '2016-01-20T12:31:11Z',
      }),
    ),
    ['error end'],
  );
  assert.deepEqual(
    problems(
      sco('network-traffic', { dst_ref: 'file--70221dbf-52fd-5377-9619-c0ce6b3ffc8c', protocols: ['tcp'] }),
    ),
    ['error dst_ref'],
  );
});

void test('email messages: multipart bodies exclude plain ones', () => {
  const from = 'email-addr--6deb37bd-12b7-54ae-805f-5f7146f3d171';
  assert.deepEqual(problems(sco('email-message', { is_multipart: false, from_ref: from, body: 'hi' })), []);
  assert.deepEqual(problems(sco('email-message', { is_multipart: true, from_ref: from, body: 'hi' })), [
    'error body',
  ]);
  assert.deepEqual(
    problems(
      sco('email-message', {
        is_multipart: true,
        subject: 's',
        body_multipart: [{ content_type: 'text/plain' }],
      }),
    ),
    ['error body_multipart[0]'],
  );
  assert.deepEqual(problems(sco('email-message', { subject: 's' })), ['error is_multipart']);
});

void test('artifacts carry a payload or a URL with hashes', () => {
  assert.deepEqual(problems(sco('artifact', { payload_bin: 'aGVsbG8gd29ybGQ=' })), []);
  const urlOnly = {
    type: 'artifact',
    id: 'artifact--1a2b3c4d-0000-4000-8000-000000000002',
    url: 'https://example.com/a',
  };
  assert.deepEqual(problems(urlOnly), ['error hashes']);
  assert.deepEqual(problems(sco('artifact', { payload_bin: 'not base64!' })), ['error payload_bin']);
  assert.deepEqual(
    problems(
      sco('artifact', { mime_type: 'image/png', hashes: { MD5: 'd41d8cd98f00b204e9800998ecf8427e' } }),
    ),
    ['error payload_bin'],
  );
});

void test('registry keys name their hive in full', () => {
  assert.deepEqual(problems(sco('windows-registry-key', { key: 'HKEY_LOCAL_MACHINE\\System\\Foo' })), []);
  assert.deepEqual(problems(sco('windows-registry-key', { key: 'HKLM\\System\\Foo' })), ['error key']);
  assert.deepEqual(
    problems(
      sco('windows-registry-key', {
        key: 'HKEY_LOCAL_MACHINE\\X',
        values: [{ name: 'Foo', data_type: 'REG_TEXT' }],
      }),
    ),
    ['error values[0].data_type'],
  );
});
