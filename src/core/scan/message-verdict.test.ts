import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { RuleHit } from './rules/rule.js';
import { messageVerdict } from './message-verdict.js';

const rule = (weight: number): RuleHit => ({
  ruleId: 'r',
  name: 'r',
  category: 'phishing',
  weight,
  spans: [],
});

test('a malicious item makes the message malicious', () => {
  assert.deepEqual(
    messageVerdict(
      [
        { verdict: 'malicious', score: 90 },
        { verdict: 'unknown', score: 0 },
      ],
      [],
    ),
    { verdict: 'malicious', score: 90 },
  );
});

test('rules and items add up as independent evidence', () => {
  assert.equal(messageVerdict([], [rule(50)]).verdict, 'suspicious');
  assert.deepEqual(messageVerdict([{ verdict: 'suspicious', score: 50 }], [rule(50)]), {
    verdict: 'malicious',
    score: 75,
  });
});

test('a look-alike link is suspicious on its own', () => {
  assert.equal(messageVerdict([{ verdict: 'unknown', score: 0, lookalike: true }], []).verdict, 'suspicious');
});

test('nothing found is clean; an unknown link is unknown, not clean', () => {
  assert.deepEqual(messageVerdict([], []), { verdict: 'clean', score: 0 });
  assert.deepEqual(messageVerdict([{ verdict: 'allow-listed', score: 0 }], []), {
    verdict: 'clean',
    score: 0,
  });
  assert.deepEqual(
    messageVerdict(
      [
        { verdict: 'unknown', score: 0 },
        { verdict: 'allow-listed', score: 0 },
      ],
      [],
    ),
    { verdict: 'unknown', score: 0 },
  );
});
