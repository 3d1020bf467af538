import { test } from 'node:test';
import assert from 'node:assert/strict';
import { idContributingHash, idContributingValues, scoId } from './sco-id.js';

void test('the spec example {"value":"198.51.100.3"} gives ipv4-addr--28bb3599-77cd-5a82-a950-b5bc3caf07c4', () => {
  assert.equal(
    scoId('ipv4-addr', { value: '198.51.100.3' }),
    'ipv4-addr--28bb3599-77cd-5a82-a950-b5bc3caf07c4',
  );
});

// Deterministic ids printed in the examples of STIX 2.1 section 6 (and Appendix C).
const SPEC_EXAMPLES: readonly [string, Record<string, unknown>, string][] = [
  ['ipv4-addr', { value: '198.51.100.0/24' }, 'ipv4-addr--1ea47840-aa39-5aa8-b4a2-cd203eb6662a'],
  ['ipv4-addr', { value: '198.51.100.2' }, 'ipv4-addr--9cf4a8ec-7640-5f40-a006-79942896168b'],
  [
    'ipv6-addr',
    { value: '2001:0db8:85a3:0000:0000:8a2e:0370:7334' },
    'ipv6-addr--85a85a8c-ee99-5722-946d-3c3a3270fc6f',
  ],
  ['ipv6-addr', { value: '2001:0db8::/96' }, 'ipv6-addr--084d3b4c-7785-568a-a569-0c61c95754ab'],
  ['domain-name', { value: 'example.com' }, 'domain-name--bedb4899-d24b-5401-bc86-8f6b4cc18ec7'],
  ['url', { value: 'https://example.com/research/index.html' }, 'url--47c3cf9a-5027-5bf0-997a-017c7edc7c55'],
  [
    'email-addr',
    { value: 'john@example.com', display_name: 'John Doe' },
    'email-addr--7165e2a9-671f-585d-b1e1-ca59c671d934',
  ],
  ['directory', { path: 'C:\\Windows\\System32' }, 'directory--0a58d0c1-59e6-5afd-8252-dcd3f13e5622'],
  [
    'file',
    {
      hashes: { 'SHA-256': 'fe90a7e910cb3a4739bed9180e807e93fa70c90f25a8915476f5e4bfbac681db' },
      size: 25536,
      name: 'foo.dll',
    },
    'file--949eb97a-da1e-5292-8959-03c4249dc9f3',
  ],
  [
    'software',
    {
      name: 'Word',
      cpe: 'cpe:2.3:a:microsoft:word:2000:*:*:*:*:*:*:*',
      version: '2002',
      vendor: 'Microsoft',
    },
    'software--710b0b41-d4d0-5d6c-a400-fc9254554ffc',
  ],
  [
    'user-account',
    {
      user_id: '1001',
      account_login: 'jdoe',
      account_type: 'unix',
      display_name: 'John Doe',
      is_privileged: false,
    },
    'user-account--f94d689e-707d-58c3-b803-c720bb6ed096',
  ],
];

void test('the deterministic ids printed in the spec examples are reproduced', () => {
  for (const [type, obj, id] of SPEC_EXAMPLES)
    assert.equal(scoId(type, obj), id, `${type} ${JSON.stringify(obj)}`);
});

void test('only ID contributing properties count, whatever their order', () => {
  const a = scoId('file', { name: 'a.exe', size: 1, hashes: { 'SHA-256': 'ab'.repeat(32) } });
  const b = scoId('file', { hashes: { 'SHA-256': 'ab'.repeat(32) }, name: 'a.exe', mime_type: 'x/y' });
  assert.equal(a, b);
  assert.notEqual(a, scoId('file', { name: 'b.exe', hashes: { 'SHA-256': 'ab'.repeat(32) } }));
});

void test('of several hashes only one contributes: MD5, then SHA-1, SHA-256, SHA-512', () => {
  const md5 = 'd41d8cd98f00b204e9800998ecf8427e';
  const sha256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
  assert.deepEqual(idContributingHash({ 'SHA-256': sha256, MD5: md5 }), { MD5: md5 });
  assert.deepEqual(idContributingHash({ 'SHA-512': 'x', 'SHA-256': sha256 }), { 'SHA-256': sha256 });
  assert.equal(
    scoId('file', { hashes: { 'SHA-256': sha256, MD5: md5 } }),
    scoId('file', { hashes: { MD5: md5 } }),
  );
});

void test('with no preferred hash the first algorithm in code-point order is used, not the JSON order', () => {
  assert.deepEqual(idContributingHash({ TLSH: 't', SSDEEP: 's' }), { SSDEEP: 's' });
  assert.deepEqual(idContributingHash({ SSDEEP: 's', TLSH: 't' }), { SSDEEP: 's' });
  assert.equal(idContributingHash({}), undefined);
});

void test('no id when no contributing property is present: the SCO must then get a UUIDv4', () => {
  assert.equal(scoId('user-account', { display_name: 'John' }), undefined);
  assert.equal(scoId('process', { pid: 1221 }), undefined);
  assert.equal(scoId('x-unknown-sco', { value: 'x' }), undefined);
  assert.equal(idContributingValues('email-message', { is_multipart: false }), undefined);
});

void test('a custom SCO type can name its own contributing properties', () => {
  const id = scoId('x-example-thing', { value: 'v', other: 1 }, ['value']);
  assert.match(id ?? '', /^x-example-thing--[0-9a-f]{8}-[0-9a-f]{4}-5/);
  assert.equal(id, scoId('x-example-thing', { value: 'v' }, ['value']));
});
