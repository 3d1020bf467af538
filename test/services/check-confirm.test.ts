/**
 * A hit the index reports counts only when the key it matched is one of the keys its indicator was filed under
 * (the store's `keys` column, read with the indicator): the guard against a fingerprint collision.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { ANONYMOUS } from '../../src/core/sharing/tlp.js';
import { ensureOperator } from '../../src/services/bootstrap.js';
import { systemClock } from '../../src/services/clock.js';
import { buildServices } from '../../src/services/services.js';
import { phoneRow } from '../support/indicator-row.js';
import { sqliteFactory } from '../support/stores.js';

const factory = sqliteFactory();
after(() => factory.cleanup());

// Filed a minute ago: fresh enough to weigh fully.
const T0 = new Date(Date.now() - 60_000).toISOString();

test('a hit is kept only when its key is one the indicator was filed under', async () => {
  const store = await factory.open();
  try {
    const s = buildServices({ store, clock: systemClock, config: { keyLastUsedInterval: 60 } });
    const { orgId } = await ensureOperator(s, { name: 'C', country: 'VN', adminEmail: 'a@c.test' });
    const row = (canonical: string, keys: string[]) =>
      phoneRow(canonical, orgId, T0, { keys, confidence: 95 });
    const filed = await store.indicators.insert(row('+84912000001', ['p:+84912000001']));
    // Filed under a key its value would not give today (as under an older parser): the index holds it, and
    // a hit on it is the indicator's own.
    await store.indicators.insert(row('+84912000003', ['p:+84912000003', 'p:+84912000004']));
    await s.index.load();
    // What a fingerprint collision looks like to the check engine: the index names an indicator for a key
    // that is not one of its own.
    s.index.matcher.add({ num: filed.num, kind: 'phone', canonical: '', keys: ['p:+84912000002'] });
    const verdict = async (value: string) => {
      const [r] = await s.check.check(ANONYMOUS, [{ value }]);
      return r !== undefined && 'verdict' in r ? r.verdict : r?.error.code;
    };
    assert.equal(await verdict('0912000001'), 'malicious');
    assert.equal(await verdict('0912000002'), 'unknown', 'not the indicator the index named');
    assert.equal(await verdict('0912000004'), 'malicious', 'a key it was filed under');
  } finally {
    await store.close();
  }
});
