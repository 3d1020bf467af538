import assert from 'node:assert/strict';
import { test } from 'node:test';
import { confusion, f1, falsePositiveRate, measure, precision, recall, type Scored } from './metrics.js';

const hit = (ruleId: string, category: string) => ({ ruleId, category });

// Six messages: 4 spam (3 flagged), 2 ham (1 flagged).
const SCORED: Scored[] = [
  { spam: true, flagged: true, rules: [hit('a', 'x'), hit('b', 'x')] },
  { spam: true, flagged: true, rules: [hit('a', 'x')] },
  { spam: true, flagged: true, rules: [hit('c', 'y')] },
  { spam: true, flagged: false, rules: [] },
  { spam: false, flagged: true, rules: [hit('b', 'x')] },
  { spam: false, flagged: false, rules: [] },
];

test('confusion counts each message once, by label and decision', () => {
  assert.deepEqual(confusion(SCORED.map((s) => ({ actual: s.spam, predicted: s.flagged }))), {
    tp: 3,
    fp: 1,
    fn: 1,
    tn: 1,
  });
});

test('precision, recall, F1 and the false-positive rate', () => {
  const c = { tp: 3, fp: 1, fn: 1, tn: 1 };
  assert.equal(precision(c), 0.75);
  assert.equal(recall(c), 0.75);
  assert.equal(f1(c), 0.75);
  assert.equal(falsePositiveRate(c), 0.5);
  const d = { tp: 1, fp: 0, fn: 3, tn: 10 };
  assert.equal(precision(d), 1);
  assert.equal(recall(d), 0.25);
  assert.equal(f1(d), 0.4);
  assert.equal(falsePositiveRate(d), 0);
});

test('a ratio with nothing to divide by is undefined, not 0 or NaN', () => {
  const none = { tp: 0, fp: 0, fn: 5, tn: 5 };
  assert.equal(precision(none), undefined);
  assert.equal(recall(none), 0);
  assert.equal(f1(none), undefined);
  assert.equal(recall({ tp: 0, fp: 0, fn: 0, tn: 3 }), undefined);
  assert.equal(falsePositiveRate({ tp: 2, fp: 0, fn: 0, tn: 0 }), undefined);
  assert.equal(f1({ tp: 0, fp: 2, fn: 2, tn: 0 }), 0);
});

test('per rule and per category: hits, hits on spam, precision and recall', () => {
  const f = measure(SCORED);
  assert.equal(f.messages, 6);
  assert.equal(f.spam, 4);
  assert.equal(f.ham, 2);
  assert.deepEqual(f.byRule, [
    { key: 'a', hits: 2, spamHits: 2, precision: 1, recall: 0.5 },
    { key: 'b', hits: 2, spamHits: 1, precision: 0.5, recall: 0.25 },
    { key: 'c', hits: 1, spamHits: 1, precision: 1, recall: 0.25 },
  ]);
  // Rules a and b share category x: the first message counts once for it.
  assert.deepEqual(f.byCategory, [
    { key: 'x', hits: 3, spamHits: 2, precision: 2 / 3, recall: 0.5 },
    { key: 'y', hits: 1, spamHits: 1, precision: 1, recall: 0.25 },
  ]);
});

test('an empty set has counts of zero and no ratios', () => {
  const f = measure([]);
  assert.deepEqual(f.confusion, { tp: 0, fp: 0, fn: 0, tn: 0 });
  assert.equal(f.precision, undefined);
  assert.equal(f.recall, undefined);
  assert.deepEqual(f.byRule, []);
});
