import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sha256Hex } from '../json/canonical-json.js';
import { entryHash, entryJson, entryJsonGeneral, GENESIS_HASH, type AuditEntry } from './audit-entry.js';

type Partial = Omit<AuditEntry, 'hash'>;

const base: Partial = {
  seq: 1,
  at: '2026-11-23T10:00:00.000Z',
  actorUserId: null,
  actorOrgId: 'o1',
  action: 'taxii.object.add',
  objectType: 'stix-object',
  objectId: 'indicator--0b7c3a8e-7a0f-4f4e-9d35-57b8a1a0b111',
  beforeDigest: null,
  afterDigest: 'a'.repeat(64),
  prevHash: GENESIS_HASH,
};

test('the direct serialization of an entry is the RFC 8785 text of the general serializer', () => {
  const odd = [
    '',
    'plain',
    'quote " and backslash \\',
    'control \u0000\u0001\u001f and \n\r\t\b\f',
    'Lừa đảo chuyển khoản',
    'emoji 😀 (a surrogate pair)',
    '\u2028\u2029 and \u007f',
    '<script>&amp;</script>',
  ];
  const cases: Partial[] = [base, { ...base, seq: 9_007_199_254_740_991, beforeDigest: 'b'.repeat(64) }];
  for (const s of odd) {
    cases.push(
      { ...base, objectId: s },
      { ...base, actorUserId: s, actorOrgId: null },
      { ...base, action: s },
    );
  }
  for (const e of cases) {
    assert.equal(entryJson(e), entryJsonGeneral(e), JSON.stringify(e));
    assert.equal(entryHash(e), sha256Hex(entryJsonGeneral(e)));
  }
  // The order of keys is RFC 8785's (UTF-16 code units), not the order they are written in.
  assert.match(
    entryJson(base),
    /^\{"action":.*"actorOrgId":.*"actorUserId":.*"afterDigest":.*"at":.*"seq":1\}$/,
  );
});

test('what only the general serializer judges goes through it: a lone surrogate is refused as before', () => {
  assert.throws(() => entryJson({ ...base, objectId: 'lone \ud800 surrogate' }), /surrogate/i);
  assert.throws(() => entryJsonGeneral({ ...base, objectId: 'lone \udc00' }), /surrogate/i);
  assert.throws(() => entryJson({ ...base, seq: Number.NaN }), /NaN/);
});
