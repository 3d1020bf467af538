import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bucketOf, HELD_OUT_PERCENT, partOf, splitCorpus, splitKey } from './split.js';

const messages = Array.from({ length: 2000 }, (_, i) => ({ text: `message number ${i}`, n: i }));

test('the split is deterministic: same text, same part, in every run', () => {
  const a = splitCorpus(messages);
  const b = splitCorpus([...messages].reverse());
  assert.deepEqual(
    a.heldOut.map((m) => m.n).sort((x, y) => x - y),
    b.heldOut.map((m) => m.n).sort((x, y) => x - y),
  );
  // Pinned: SHA-256 of "hello" starts 2cf24dba, and 0x2cf24dba = 754077114, so bucket 14.
  assert.equal(bucketOf('hello'), 0x2cf24dba % 100);
  assert.equal(bucketOf('hello'), 14);
  assert.equal(partOf('hello'), 'held-out');
});

test('the parts are disjoint, cover everything and keep the order', () => {
  const { dev, heldOut } = splitCorpus(messages);
  assert.equal(dev.length + heldOut.length, messages.length);
  const held = new Set(heldOut.map((m) => m.n));
  assert.ok(dev.every((m) => !held.has(m.n)));
  assert.deepEqual(
    [...dev, ...heldOut].map((m) => m.n).sort((x, y) => x - y),
    messages.map((m) => m.n),
  );
  assert.ok(dev.every((m, i) => i === 0 || dev[i - 1]!.n < m.n));
});

test('the held-out share is close to the one asked', () => {
  for (const pct of [HELD_OUT_PERCENT, 10, 50]) {
    const share = (100 * splitCorpus(messages, pct).heldOut.length) / messages.length;
    assert.ok(Math.abs(share - pct) < 4, `asked ${pct}%, got ${share}%`);
  }
  assert.equal(splitCorpus(messages, 0).heldOut.length, 0);
  assert.equal(splitCorpus(messages, 100).dev.length, 0);
});

test('copies that differ only in case or spacing fall in the same part', () => {
  assert.equal(splitKey('  Call  NOW\tto win '), 'call now to win');
  for (const m of messages.slice(0, 200)) {
    assert.equal(partOf(`  ${m.text.toUpperCase().replace(/ /g, '   ')}\n`), partOf(m.text));
  }
});
