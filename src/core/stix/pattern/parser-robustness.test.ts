import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePattern } from './parser.js';
import { rejected, rejects } from '../../../../test/support/stix-testing.js';

const R = String.raw;

void test('lines and columns count across line breaks', () => {
  rejects(
    "[\n  file:name = 'a'\n  AND file:size EQUALS 3\n]",
    3,
    17,
    "unknown operator 'EQUALS' at line 3, column 17",
  );
  rejects(
    "[a:b = 1]\r\nFOLLOWEDBY\r\n[c:d = 'x\\q']",
    3,
    10,
    /^invalid escape '\\q' in a string at line 3, column 10/,
  );
});

void test('trailing text after a complete pattern is reported', () => {
  rejects("[file:name = 'a'] xyz", 1, 19, /found 'xyz' at column 19$/);
  rejects("[file:name = 'a']]", 1, 18, "unexpected ']' at column 18: there is no '[' for it to close");
  rejects("[file:name = 'a'])", 1, 18, "unexpected ')' at column 18: there is no '(' for it to close");
  rejects("[file:name = 'a'] WITHIN 5 SECONDS 7", 1, 36, /found '7' at column 36$/);
});

void test('deep nesting is refused with a message, not a stack overflow', () => {
  const deep = `${'('.repeat(5000)}[a:b = 1]${')'.repeat(5000)}`;
  assert.match(rejected(deep).message, /^the pattern nests more than 64 levels deep/);
  const deepComparison = `[${'('.repeat(100)}a:b = 1${')'.repeat(100)}]`;
  assert.match(rejected(deepComparison).message, /nests more than 64 levels/);
  const ok = `${'('.repeat(60)}[a:b = 1]${')'.repeat(60)}`;
  assert.ok(parsePattern(ok).ok, 'sixty levels are fine');
  const chain = `([a:b = 1])${' WITHIN 5 SECONDS'.repeat(200)}`;
  assert.match(rejected(chain).message, /nests more than 64 levels/);
});

void test('every prefix of a valid pattern is answered with a result, never an exception', () => {
  const pattern = R`([file:hashes.'SHA-256' = 'aec0' OR file:x[*].y NOT IN (1, -2.5, h'ff', b'AQ==')] FOLLOWEDBY [EXISTS a:b]) WITHIN 5 SECONDS REPEATS 2 TIMES START t'2016-01-01T00:00:00Z' STOP t'2016-01-02T00:00:00Z' /* c */`;
  assert.ok(parsePattern(pattern).ok);
  for (let i = 0; i < pattern.length; i++) {
    const r = parsePattern(pattern.slice(0, i));
    if (r.ok) continue;
    assert.ok(
      r.error.line >= 1 && r.error.column >= 1 && r.error.column <= i + 1,
      `${i}: ${r.error.message}`,
    );
    assert.ok(r.error.message.length > 0);
  }
});
