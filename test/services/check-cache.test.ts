/** Indicators read for a check are kept in memory; a change made elsewhere evicts them with the index's catch-up. */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { SYSTEM } from '../../src/core/auth/principal.js';
import { ANONYMOUS } from '../../src/core/sharing/tlp.js';
import { ensureOperator } from '../../src/services/bootstrap.js';
import { systemClock } from '../../src/services/clock.js';
import { buildServices } from '../../src/services/services.js';
import { KyselyStore } from '../../src/store/kysely/kysely-store.js';
import { sqliteDialect } from '../../src/store/sqlite/sqlite-dialect.js';
import { sqliteFactory } from '../support/stores.js';

const factory = sqliteFactory();
after(() => factory.cleanup());

test('a change made by another node reaches a cached verdict at the next catch-up', async () => {
  const path = factory.newLocation();
  const storeA = new KyselyStore(sqliteDialect(path));
  await storeA.migrate();
  const storeB = new KyselyStore(sqliteDialect(path));
  try {
    const a = buildServices({ store: storeA, clock: systemClock, config: { keyLastUsedInterval: 60 } });
    const b = buildServices({ store: storeB, clock: systemClock, config: { keyLastUsedInterval: 60 } });
    await ensureOperator(a, { name: 'C', country: 'VN', adminEmail: 'a@c.test' });
    await a.index.load();
    const [filed] = await a.indicators.file(SYSTEM, [
      { value: '0912 000 111', categories: ['scam-call'], tlp: 'clear', confidence: 95 },
    ]);
    assert.ok(filed?.ok);
    const verdict = async () => {
      const [r] = await a.check.check(ANONYMOUS, [{ value: '0912000111' }]);
      return r !== undefined && 'verdict' in r ? r.verdict : r?.error.code;
    };
    // Answered at once only from memory: not before the indicator has been read, the same answer after.
    const item = [{ value: '0912 000 111' }, { value: '0912 999 999' }];
    assert.equal(a.check.checkCached(ANONYMOUS, item), undefined, 'the indicator is not in memory yet');
    assert.equal(await verdict(), 'malicious');
    assert.deepEqual(a.check.checkCached(ANONYMOUS, item), await a.check.check(ANONYMOUS, item));
    assert.equal(await verdict(), 'malicious', 'served from the cache');
    // Still a match, but no longer a strong one: only a fresh read of the indicator can tell.
    await b.indicators.update(SYSTEM, { kind: 'member', orgId: '', isOperator: true }, filed.indicator.id, {
      confidence: 10,
    });
    assert.equal(await verdict(), 'malicious', 'this node has not looked at the store yet');
    await a.index.catchUp();
    assert.equal(a.check.checkCached(ANONYMOUS, item), undefined, 'the change evicted it');
    assert.equal(await verdict(), 'suspicious');
  } finally {
    await storeA.close();
    await storeB.close();
  }
});
