import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ndjsonLines } from './ndjson-lines.js';

const enc = (s: string) => new TextEncoder().encode(s);

test('NDJSON lines: numbered from 1, trimmed, blank ones left out', () => {
  assert.deepEqual(ndjsonLines(enc('{"a":1}\r\n\n  \n {"b":"é"} \n')), [
    { line: 1, text: '{"a":1}' },
    { line: 4, text: '{"b":"é"}' },
  ]);
  assert.deepEqual(ndjsonLines(enc('')), []);
});

test('NDJSON lines: a line that is not UTF-8 has no text, and the others keep theirs and their numbers', () => {
  const bytes = new Uint8Array([...enc('{"a":1}\n\n'), 0x68, 0xc3, 0x0a, ...enc(' x \n'), 0xff]);
  assert.deepEqual(ndjsonLines(bytes), [
    { line: 1, text: '{"a":1}' },
    { line: 3, text: undefined },
    { line: 4, text: 'x' },
    { line: 5, text: undefined },
  ]);
});
