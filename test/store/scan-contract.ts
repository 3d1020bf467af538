/** The scan part of the Store contract: rule versions and daily counts, on every database. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { KyselyStore } from '../../src/store/kysely/kysely-store.js';
import type { StoreFactory } from '../support/stores.js';

const T0 = '2026-11-23T04:25:02.123Z';

export function scanContract(factory: StoreFactory): void {
  describe(`Scan store on ${factory.name}`, { skip: factory.skip }, () => {
    let store: KyselyStore;
    before(async () => {
      store = await factory.open();
    });
    after(async () => {
      await store.close();
      await factory.cleanup();
    });

    const version = (ruleId: string, v: number, extra: { deleted?: boolean; body?: string } = {}) => ({
      ruleId,
      version: v,
      body: extra.body ?? JSON.stringify({ name: `${ruleId} v${v}` }),
      deleted: extra.deleted ?? false,
      ownerOrgId: 'org-1',
      authorUserId: 'user-1',
      createdAt: T0,
    });

    test('rule versions: the latest of each rule, history in order, change numbers that only grow', async () => {
      assert.equal(await store.scan.lastRuleChange(), 0);
      const a1 = await store.scan.insertRule(version('a-rule', 1));
      const b1 = await store.scan.insertRule(version('b-rule', 1));
      const a2 = await store.scan.insertRule(version('a-rule', 2, { body: '{"name":"second"}' }));
      const b2 = await store.scan.insertRule(version('b-rule', 2, { deleted: true }));
      assert.ok(a1.changeSeq < b1.changeSeq && b1.changeSeq < a2.changeSeq && a2.changeSeq < b2.changeSeq);
      assert.equal(await store.scan.lastRuleChange(), b2.changeSeq);

      const latest = await store.scan.latestRules();
      assert.deepEqual(
        latest.map((r) => [r.ruleId, r.version, r.deleted, r.body]),
        [
          ['a-rule', 2, false, '{"name":"second"}'],
          ['b-rule', 2, true, b2.body],
        ],
      );
      assert.deepEqual(
        (await store.scan.ruleVersions('a-rule')).map((r) => r.version),
        [1, 2],
      );
      assert.deepEqual(await store.scan.ruleVersions('nothing'), []);
    });

    test('a version written twice is refused, and nothing of it stays', async () => {
      await store.scan.insertRule(version('c-rule', 1));
      const before = await store.scan.lastRuleChange();
      await assert.rejects(
        store.transaction((tx) => tx.scan.insertRule(version('c-rule', 1))),
        (e) => store.isUniqueViolation(e),
      );
      assert.equal(await store.scan.lastRuleChange(), before);
      assert.equal((await store.scan.ruleVersions('c-rule')).length, 1);
    });

    test('daily counts add up, per organization, across calls and within one call', async () => {
      await store.scan.addCounts([
        { day: '2026-11-22', orgId: 'o1', name: 'messages', count: 5 },
        { day: '2026-11-23', orgId: 'o1', name: 'messages', count: 3 },
        { day: '2026-11-23', orgId: 'o1', name: 'messages', count: 4 },
        { day: '2026-11-23', orgId: 'o2', name: 'category:phishing', count: 1 },
      ]);
      await store.scan.addCounts([{ day: '2026-11-23', orgId: 'o1', name: 'messages', count: 10 }]);
      await store.scan.addCounts([]);
      const all = await store.scan.counts({ fromDay: '2026-11-01', toDay: '2026-11-30' });
      assert.deepEqual(
        all.map((c) => [c.day, c.orgId, c.name, c.count]),
        [
          ['2026-11-22', 'o1', 'messages', 5],
          ['2026-11-23', 'o1', 'messages', 17],
          ['2026-11-23', 'o2', 'category:phishing', 1],
        ],
      );
      const one = await store.scan.counts({ fromDay: '2026-11-23', toDay: '2026-11-23', orgId: 'o2' });
      assert.deepEqual(
        one.map((c) => c.count),
        [1],
      );
    });
  });
}
