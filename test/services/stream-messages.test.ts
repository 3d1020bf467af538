/** What a scan stream entry holds (one message, or NDJSON lines), and how an NDJSON verdict is cut to fit. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { MAX_MESSAGES, type ScanResult } from '../../src/services/scan-service.js';
import {
  decodeLines,
  decodeMessage,
  isNdjson,
  splitLines,
  verdictJson,
} from '../../src/services/stream-messages.js';
import { prng } from '../support/prng.js';

const enc = (s: string) => new TextEncoder().encode(s);

describe('stream entries', () => {
  test('NDJSON is recognized by its media type, whatever its case and parameters', () => {
    for (const t of [
      'application/x-ndjson',
      'Application/X-NDJSON',
      'application/x-ndjson; charset=utf-8',
      ' application/x-ndjson ',
    ])
      assert.equal(isNdjson(t), true, t);
    for (const t of [undefined, '', 'application/json', 'text/plain', 'application/x-ndjsonx', 'x-ndjson'])
      assert.equal(isNdjson(t), false, String(t));
  });

  test('a single entry is a JSON message or plain text; anything else says why', () => {
    assert.deepEqual(decodeMessage(enc('{"id":"a","text":"hi","sender":null}')), { id: 'a', text: 'hi' });
    assert.deepEqual(decodeMessage(enc('hello {x}')), { text: 'hello {x}' });
    assert.match((decodeMessage(enc('{"text":1}')) as { error: string }).error, /"text" string/);
    assert.match(
      (decodeMessage(enc('{"text":"a","id":3}')) as { error: string }).error,
      /"id" must be a string/,
    );
    assert.match((decodeMessage(enc('{oops')) as { error: string }).error, /starts with \{ but is not JSON/);
    assert.match((decodeMessage(new Uint8Array([0xc3])) as { error: string }).error, /UTF-8/);
  });

  test('NDJSON lines keep their numbers; blank lines are skipped; each bad line is its own error', () => {
    const data = new Uint8Array([
      ...enc('{"text":"a"}\r\n\n  \n[1]\n{"text":"b","id":"x"}\nnope\n'),
      0xe2,
      0x82,
      0x0a,
      ...enc('{"text":"c"}'),
    ]);
    const got = decodeLines(data);
    assert.ok(Array.isArray(got));
    assert.deepEqual(
      got.map((l) => [l.line, 'error' in l.message ? l.message.error.replace(/:.*$/s, ':') : l.message.text]),
      [
        [1, 'a'],
        [4, 'line 4:'],
        [5, 'b'],
        [6, 'line 6 is not JSON:'],
        [7, 'line 7 is not valid UTF-8'],
        [8, 'c'],
      ],
    );
    assert.match((got[1]!.message as { error: string }).error, /must be a JSON object/);
  });

  test('an NDJSON entry with no line, or with more than the limit, is refused as a whole', () => {
    const none = decodeLines(enc('\n \n'));
    assert.ok(!Array.isArray(none));
    assert.equal(none.code, 'TOCSIN_ERR_BAD_REQUEST');
    const line = '{"text":"x"}\n';
    assert.ok(Array.isArray(decodeLines(enc(line.repeat(MAX_MESSAGES)))));
    const over = decodeLines(enc(line.repeat(MAX_MESSAGES + 1)));
    assert.ok(!Array.isArray(over));
    assert.equal(over.code, 'TOCSIN_ERR_BATCH_TOO_LARGE');
  });

  test('a verdict line is JSON.stringify({ seq, subject, line, ...result })', () => {
    const results: ScanResult[] = [
      { id: 'm', verdict: 'clean', score: 0, items: [], rules: [] },
      { error: { code: 'TOCSIN_ERR_BAD_REQUEST', message: 'line 2 is not JSON: "\u2028"' } },
    ];
    for (const r of results) {
      assert.equal(
        verdictJson(7, 'a.scan.in."b"', r, 12),
        JSON.stringify({ seq: 7, subject: 'a.scan.in."b"', line: 12, ...r }),
      );
      assert.equal(verdictJson(7, 's', r), JSON.stringify({ seq: 7, subject: 's', ...r }));
    }
  });

  test('an NDJSON verdict is cut at line ends into parts within the limit, and nothing is lost', () => {
    const r = prng(42);
    const rand = (n: number) => Math.floor(r() * n);
    for (let round = 0; round < 300; round++) {
      const lines = Array.from({ length: 1 + rand(40) }, () => 'x'.repeat(1 + rand(120)));
      const bytes = enc(lines.join('\n'));
      const limit = 20 + rand(300);
      const parts = splitLines(bytes, limit);
      const texts = parts.map((p) => new TextDecoder().decode(p));
      assert.deepEqual(texts.join('\n').split('\n'), lines, `round ${round}`);
      for (const t of texts) {
        assert.ok(t.length <= limit || !t.includes('\n'), `a part over ${limit} bytes holds one line only`);
        assert.ok(t.length > 0);
      }
      if (bytes.length <= limit) assert.equal(parts.length, 1);
    }
  });
});
