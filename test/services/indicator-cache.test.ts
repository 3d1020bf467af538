/** The check engine's cache of indicators: bounded to two generations, recently used entries survive a turnover. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Indicator } from '../../src/core/indicators/indicator.js';
import { IndicatorCache } from '../../src/services/indicator-cache.js';

const ind = (num: number, confidence = 50): Indicator => ({
  id: `ind-${num}`,
  num,
  kind: 'phone',
  value: `+8491200${String(num).padStart(4, '0')}`,
  canonical: `+8491200${String(num).padStart(4, '0')}`,
  categories: ['scam-call'],
  confidence,
  sourceOrgId: 'org',
  createdBy: null,
  tlp: 'clear',
  recipients: [],
  validFrom: '2026-01-01T00:00:00.000Z',
  validUntil: null,
  firstSeen: null,
  lastSeen: null,
  description: null,
  revokedAt: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
});

const keys = (num: number): string[] => [`p:+8491200${String(num).padStart(4, '0')}`];

test('holds at most two generations, and what was used in the last generation survives the next turnover', () => {
  const c = new IndicatorCache(100);
  for (let n = 1; n <= 1_000; n++) {
    c.set(ind(n), keys(n));
    assert.ok(c.size <= 200, `size ${c.size} after ${n}`);
  }
  // 901–1000 are young, 801–900 old, the rest gone.
  assert.equal(c.get(700), undefined);
  assert.equal(c.get(850)?.ind.num, 850);
  // 850 was used: moved to the young generation, it outlives the next turnover; 851 does not.
  for (let n = 1_001; n <= 1_099; n++) c.set(ind(n), keys(n));
  assert.equal(c.get(850)?.ind.num, 850);
  assert.equal(c.get(851), undefined);
});

test('set replaces an entry (its keys with it), delete and clear forget', () => {
  const c = new IndicatorCache(10);
  c.set(ind(1, 90), keys(1));
  for (let n = 2; n <= 12; n++) c.set(ind(n), keys(n)); // 1 is now in the old generation
  const again = c.set(ind(1, 10), ['p:+84912009999']);
  assert.equal(c.get(1), again);
  assert.equal(again.ind.confidence, 10);
  assert.deepEqual(again.keys, ['p:+84912009999'], 'the keys of the new version');
  c.delete(1);
  assert.equal(c.get(1), undefined);
  assert.ok(c.get(12) !== undefined);
  c.clear();
  assert.equal(c.get(12), undefined);
  assert.equal(c.size, 0);
});
