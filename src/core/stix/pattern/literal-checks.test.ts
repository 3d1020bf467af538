import { test } from 'node:test';
import assert from 'node:assert/strict';
import { base64Problem, hexProblem, timestampProblem } from './literal-checks.js';

void test('timestamps: RFC 3339 in UTC, with real calendar dates', () => {
  for (const ok of [
    '2016-01-01T00:00:00Z',
    '2016-06-01T01:30:00.123Z',
    '2018-03-22T12:11:14.1Z',
    '2016-02-29T23:59:59Z',
    '2000-02-29T00:00:00Z',
    '2016-12-31T23:59:60Z',
  ]) {
    assert.equal(timestampProblem(ok), undefined, ok);
  }
  assert.equal(timestampProblem('2015-02-29T00:00:00Z'), 'day 29 is out of range for 2015-02');
  assert.equal(timestampProblem('1900-02-29T00:00:00Z'), 'day 29 is out of range for 1900-02');
  assert.equal(timestampProblem('2016-04-31T00:00:00Z'), 'day 31 is out of range for 2016-04');
  assert.equal(timestampProblem('2016-00-10T00:00:00Z'), 'month 00 is out of range');
  assert.equal(timestampProblem('2016-01-01T24:00:00Z'), 'hour 24 is out of range');
  assert.equal(timestampProblem('2016-01-01T00:60:00Z'), 'minute 60 is out of range');
  assert.equal(timestampProblem('2016-01-01T00:00:61Z'), 'second 61 is out of range');
  // The grammar spells T and Z uppercase and has no offsets: a pattern's instants are UTC.
  for (const shape of [
    '2016-01-01t00:00:00z',
    '2016-01-01T00:00:00+01:00',
    '2016-01-01',
    '2016-01-01T00:00:00.Z',
  ]) {
    assert.match(timestampProblem(shape) ?? '', /must look like 2016-01-01T00:00:00Z/, shape);
  }
});

void test('hex: whole bytes of hex digits in either case', () => {
  assert.equal(hexProblem('ffd8'), undefined);
  assert.equal(hexProblem('FFd8'), undefined);
  assert.equal(hexProblem(''), undefined);
  assert.equal(hexProblem('ffd'), 'it has an odd number of hex digits (3), so it is not whole bytes');
  assert.equal(hexProblem('ffzz'), "'z' is not a hex digit");
});

void test('base64: padded groups of four, at least one byte', () => {
  assert.equal(base64Problem('dGhpcyBpcyBhIHRlc3Q='), undefined);
  assert.equal(base64Problem('dGVzdA=='), undefined);
  assert.equal(base64Problem('+/+/'), undefined);
  assert.equal(base64Problem(''), 'it is empty; the grammar requires at least one byte');
  assert.equal(base64Problem('abc'), "its length (3) is not a multiple of 4; pad it with '='");
  assert.equal(base64Problem('ab-_'), "'-' is not a base64 character");
  assert.equal(base64Problem('a==='), "'=' may only pad the end, at most twice");
  assert.equal(base64Problem('ab==cdef'), "'=' may only pad the end, at most twice");
});
