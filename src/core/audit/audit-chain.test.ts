import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chainEntry, GENESIS_HASH, type AuditEntry, type AuditEvent } from './audit-entry.js';
import { verifyChain } from './verify-chain.js';

function chain(n: number): AuditEntry[] {
  const out: AuditEntry[] = [];
  let prev = { seq: 0, hash: GENESIS_HASH };
  for (let i = 0; i < n; i++) {
    const ev: AuditEvent = {
      actorUserId: 'u1',
      actorOrgId: 'o1',
      action: 'org.update',
      objectType: 'org',
      objectId: `o${i}`,
      before: i === 0 ? null : { name: `n${i - 1}` },
      after: { name: `n${i}` },
    };
    const e = chainEntry(ev, prev, new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString());
    out.push(e);
    prev = e;
  }
  return out;
}

test('an untouched chain verifies', async () => {
  const c = chain(5);
  const last = c[4]!;
  assert.deepEqual(await verifyChain(c, { seq: 5, hash: last.hash }), {
    ok: true,
    entries: 5,
    headHash: last.hash,
  });
  assert.equal(c[0]!.beforeDigest, null);
  assert.match(c[1]!.beforeDigest ?? '', /^[0-9a-f]{64}$/);
});

test('a changed field is named by its entry', async () => {
  const c = chain(5);
  c[2] = { ...c[2]!, action: 'org.delete' };
  const v = await verifyChain(c);
  assert.equal(v.ok, false);
  assert.ok(!v.ok && v.seq === 3 && v.problem === 'changed');
});

test('an entry rewritten with a fresh hash breaks the link of the next one', async () => {
  const c = chain(5);
  const forged = chainEntry(
    {
      actorUserId: 'x',
      actorOrgId: 'x',
      action: 'x',
      objectType: 'x',
      objectId: 'x',
      before: null,
      after: null,
    },
    { seq: 1, hash: c[0]!.hash },
    c[1]!.at,
  );
  c[1] = forged;
  const v = await verifyChain(c);
  assert.ok(!v.ok && v.seq === 3 && v.problem === 'changed', JSON.stringify(v));
});

test('a removed entry in the middle or at the end is named', async () => {
  const c = chain(5);
  const head = { seq: 5, hash: c[4]!.hash };
  const middle = c.filter((e) => e.seq !== 3);
  const v1 = await verifyChain(middle, head);
  assert.ok(!v1.ok && v1.seq === 3 && v1.problem === 'removed', JSON.stringify(v1));
  const v2 = await verifyChain(c.slice(0, 4), head);
  assert.ok(!v2.ok && v2.seq === 5 && v2.problem === 'removed', JSON.stringify(v2));
});
