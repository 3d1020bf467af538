import assert from 'node:assert/strict';
import { test } from 'node:test';
import { summarize } from './summary.js';
import type { VerdictResult } from './verdict.js';

const unknown: VerdictResult = { verdict: 'unknown', score: 0, reasons: [] };

test('an unknown value is named by its kind, and never called safe', () => {
  const kinds = ['url', 'domain', 'ip', 'phone', 'bank-account', 'email', 'wallet', 'file-hash'];
  const sentences = kinds.map((k) => summarize(k, unknown));
  assert.equal(new Set(sentences).size, kinds.length);
  for (const s of sentences)
    assert.match(s, /^This [a-zA-Z -]+ is not in Tocsin's records\. That does not make it safe\.$/);
  assert.equal(
    summarize('phone', unknown),
    "This phone number is not in Tocsin's records. That does not make it safe.",
  );
  assert.equal(
    summarize('no-such-kind', unknown),
    "This value is not in Tocsin's records. That does not make it safe.",
  );
  assert.equal(
    summarize('bank-account', unknown, 'account 0011223344 at VCB'),
    "This QR code pays into account 0011223344 at VCB, which is not in Tocsin's records. That does not make it safe.",
  );
});

test('a listed value says what it is reported as, and a payment says not to pay', () => {
  const r: VerdictResult = {
    verdict: 'malicious',
    score: 92,
    reasons: [
      {
        how: 'exact',
        matched: 'p:+84912345678',
        categories: ['scam-call', 'impersonation'],
        firstSeen: null,
        lastSeen: null,
      },
      { how: 'exact', matched: 'p:+84912345678', categories: ['scam-call'], firstSeen: null, lastSeen: null },
    ],
  };
  assert.equal(
    summarize('phone', r),
    'This phone number is reported as scam-call, impersonation (score 92/100). Do not trust it.',
  );
  assert.match(summarize('bank-account', r, 'account 1 at VCB'), /Do not transfer money\.$/);
});
