import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isStixId, isStixTypeName, parseStixId, stixIdType, uuidv5 } from './stix-id.js';

function parsed(id: string) {
  const r = parseStixId(id);
  if (!r.ok) assert.fail(`${id}: ${r.error}`);
  return r.value;
}

function rejected(id: string): string {
  const r = parseStixId(id);
  if (r.ok) assert.fail(`${id} was accepted`);
  return r.error;
}

void test('an identifier is type--UUID, with the UUID version read from it', () => {
  assert.deepEqual(parsed('indicator--e2e1a340-4415-4ba8-9671-f7343fbf0836'), {
    type: 'indicator',
    uuid: 'e2e1a340-4415-4ba8-9671-f7343fbf0836',
    version: 4,
    isLowerCase: true,
  });
  assert.equal(parsed('ipv4-addr--28bb3599-77cd-5a82-a950-b5bc3caf07c4').version, 5);
  assert.equal(parsed('x-mitre-tactic--5e29b093-294e-49e9-a803-dab3d73b77dd').type, 'x-mitre-tactic');
  // Version 1 is RFC 4122 too: the spec asks only for RFC 4122 compliance (section 2.9).
  assert.equal(parsed('identity--1621d4d4-b67d-11e3-9670-f01faf20d111').version, 1);
});

void test('upper-case hex is read but flagged, since RFC 4122 writes UUIDs in lower case', () => {
  assert.equal(parsed('relationship--81f12913-1372-4c96-85ec-E9034ac98aba').isLowerCase, false);
});

void test('malformed identifiers are refused with the reason', () => {
  assert.match(rejected('indicator-e2e1a340-4415-4ba8-9671-f7343fbf0836'), /type--UUID/);
  assert.match(rejected('Indicator--e2e1a340-4415-4ba8-9671-f7343fbf0836'), /type name/);
  assert.match(rejected('x--e2e1a340-4415-4ba8-9671-f7343fbf0836'), /type name/);
  assert.match(rejected('indicator--e2e1a340-4415-4ba8-9671'), /not a UUID/);
  assert.match(rejected('indicator--e2e1a340-4415-0ba8-9671-f7343fbf0836'), /RFC 4122/); // version 0
  assert.match(rejected('indicator--e2e1a340-4415-4ba8-c671-f7343fbf0836'), /RFC 4122/); // variant 110x
  assert.match(rejected('indicator--00000000-0000-0000-0000-000000000000'), /RFC 4122/);
});

void test('type names are lowercase words joined by single hyphens, 3 to 250 characters', () => {
  assert.ok(isStixTypeName('attack-pattern'));
  assert.ok(isStixTypeName('x-tocsin-phone-number'));
  assert.ok(!isStixTypeName('ab'));
  assert.ok(!isStixTypeName('x--double'));
  assert.ok(!isStixTypeName('x_underscore'));
  assert.ok(!isStixTypeName('a'.repeat(251)));
});

void test('isStixId checks the type when asked', () => {
  const id = 'identity--f431f809-377b-45e0-aa1c-6a4751cae5ff';
  assert.ok(isStixId(id));
  assert.ok(isStixId(id, ['identity']));
  assert.ok(!isStixId(id, ['marking-definition']));
  assert.ok(!isStixId(42));
  assert.equal(stixIdType(id), 'identity');
  assert.equal(stixIdType('nothing'), undefined);
});

void test('uuidv5 matches the RFC 4122 / Python reference value', () => {
  // Python: uuid.uuid5(uuid.NAMESPACE_DNS, 'python.org')
  assert.equal(
    uuidv5('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'python.org'),
    '886313e1-3b8a-5372-9b90-0c9aee199e5d',
  );
});

void test('uuidv5 hashes the UTF-8 bytes of the name', () => {
  const ns = '00abedb4-aa42-466c-9c01-fed23315a9b7';
  assert.notEqual(uuidv5(ns, 'quêry.dll'), uuidv5(ns, 'query.dll'));
  assert.match(
    uuidv5(ns, 'quêry.dll'),
    /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
  );
});

void test('uuidv5 refuses a namespace that is not a UUID', () => {
  assert.throws(() => uuidv5('not-a-uuid', 'x'), TypeError);
});
