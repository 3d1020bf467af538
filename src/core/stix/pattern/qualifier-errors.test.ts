import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePattern } from './parser.js';
import { rejects } from '../../../../test/support/stix-testing.js';

const R = String.raw;

void test('a qualifier kind may appear once directly on a bracketed observation, as the validator rules', () => {
  const key = R`[win-registry-key:key = 'hkey_local_machine\\foo\\bar']`;
  rejects(`${key} WITHIN 5 SECONDS WITHIN 6 SECONDS`, 1, 74, /^a second WITHIN qualifier on the observation/);
  rejects(`(${key} REPEATS 2 TIMES REPEATS 3 TIMES)`, 1, 74, /^a second REPEATS qualifier/);
  const span = "START t'2016-06-01T01:30:00.123Z' STOP t'2016-06-01T02:20:00.123Z'";
  rejects(`${key} ${span} ${span}`, 1, 124, /^a second START qualifier/);
  // Different kinds, or the same kind on a parenthesized group, are fine.
  assert.ok(parsePattern(`${key} ${span} WITHIN 5 SECONDS REPEATS 2 TIMES`).ok);
  assert.ok(parsePattern(`(${key}) WITHIN 5 SECONDS WITHIN 6 SECONDS`).ok);
});

void test('qualifiers: positive numbers, SECONDS only, timestamps for START and STOP, and something to qualify', () => {
  rejects(
    '[a:b = 1] REPEATS 0 TIMES',
    1,
    19,
    "REPEATS takes a positive whole number of times, found '0' at column 19",
  );
  rejects('[a:b = 1] REPEATS 2.5 TIMES', 1, 19, /whole number of times, found '2.5'/);
  rejects('[a:b = 1] WITHIN 0.0 SECONDS', 1, 18, /positive number of seconds, found '0.0'/);
  rejects('[a:b = 1] REPEATS 2', 1, 20, 'expected TIMES after REPEATS 2, found end of pattern');
  rejects(
    "[a:b = 1] START '2016-01-01T00:00:00Z' STOP t'2016-01-02T00:00:00Z'",
    1,
    17,
    /^START takes a timestamp .*; write it as t'2016-01-01T00:00:00Z'$/,
  );
  rejects("[a:b = 1] START t'2016-01-01T00:00:00Z'", 1, 40, /^expected STOP after START/);
  rejects(
    "[a:b = 1] START t'2016-13-01T00:00:00Z' STOP t'2016-01-02T00:00:00Z'",
    1,
    17,
    /month 13 is out of range/,
  );
  rejects('WITHIN 5 SECONDS', 1, 1, 'WITHIN at column 1 has no observation expression before it to qualify');
  rejects('[a:b = 1] AND REPEATS 5 TIMES', 1, 15, /^REPEATS at column 15 has no observation expression/);
  rejects(
    "[file:name = 'a' WITHIN 5 SECONDS]",
    1,
    18,
    /found 'WITHIN' at column 18; qualifiers go after the '\]'$/,
  );
});
