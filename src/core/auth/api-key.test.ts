import { test } from 'node:test';
import assert from 'node:assert/strict';
import { apiKeyId, apiKeyMatches, generateApiKey } from './api-key.js';
import { parseAuthorization } from './credentials.js';

test('a generated key parses back to its id and matches only its own hash', () => {
  const k = generateApiKey();
  assert.match(k.key, /^tsn_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$/);
  assert.equal(apiKeyId(k.key), k.id);
  assert.ok(apiKeyMatches(k.key, k.hash));
  assert.ok(!apiKeyMatches(k.key.slice(0, -1) + (k.key.endsWith('A') ? 'B' : 'A'), k.hash));
  assert.ok(!k.hash.includes(k.key.slice(21)));
  assert.notEqual(generateApiKey().id, k.id);
});

test('anything not shaped like a key has no id', () => {
  assert.equal(apiKeyId(''), undefined);
  assert.equal(apiKeyId('tsn_xyz_abc'), undefined);
  assert.equal(apiKeyId('Bearer tsn_0123456789abcdef_' + 'a'.repeat(43)), undefined);
});

test('Authorization: Bearer and Basic (password or user name) carry the key', () => {
  assert.deepEqual(parseAuthorization(undefined), { kind: 'none' });
  assert.deepEqual(parseAuthorization('Bearer abc'), { kind: 'key', key: 'abc', scheme: 'bearer' });
  const basic = (s: string) => 'Basic ' + Buffer.from(s).toString('base64');
  assert.deepEqual(parseAuthorization(basic('alice:abc')), { kind: 'key', key: 'abc', scheme: 'basic' });
  assert.deepEqual(parseAuthorization(basic('abc:')), { kind: 'key', key: 'abc', scheme: 'basic' });
  assert.equal(parseAuthorization(basic('nocolon')).kind, 'malformed');
  assert.equal(parseAuthorization('Digest x').kind, 'malformed');
  assert.equal(parseAuthorization('Bearer').kind, 'malformed');
});
