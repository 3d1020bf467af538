/**
 * A verdict on the stream is the scan result's JSON with `seq` and `subject` in front (the bus contract,
 * test/bus/, holds each published verdict to it byte for byte).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ScanResult } from '../../src/services/scan-service.js';
import { verdictJson } from '../../src/services/stream-messages.js';

test('verdictJson is JSON.stringify({ seq, subject, ...result }) for every kind of result', () => {
  const results: ScanResult[] = [
    { verdict: 'clean', score: 0, items: [], rules: [] },
    {
      id: 'm-"1"',
      verdict: 'malicious',
      score: 97,
      items: [{ kind: 'url', raw: 'x.vn', start: 3, end: 7 }],
      rules: [],
    },
    { error: { code: 'TOCSIN_ERR_BAD_REQUEST', message: 'the message is not valid UTF-8' } },
    { id: 'e', error: { code: 'TOCSIN_ERR_INVALID_VALUE', message: 'too long \u2028' } },
  ];
  for (const r of results) {
    for (const subject of ['tocsin.scan.in.telco-a', 'a.scan.in."odd"\\subject']) {
      const got = verdictJson(123456, subject, r);
      assert.equal(got, JSON.stringify({ seq: 123456, subject, ...r }));
      assert.deepEqual(JSON.parse(got), { seq: 123456, subject, ...r });
    }
  }
});
