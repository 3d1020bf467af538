import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  compareStixTimestamps,
  compareTimestampText,
  formatStixTimestamp,
  hasMillisecondPrecision,
  isLater,
  isLaterOrEqual,
  isStixTimestamp,
  parseStixTimestamp,
  stixTimestampToDate,
  type StixTimestamp,
} from './timestamp.js';

function ts(text: string): StixTimestamp {
  const r = parseStixTimestamp(text);
  if (!r.ok) assert.fail(`${text}: ${r.error}`);
  return r.value;
}

function rejected(text: string): string {
  const r = parseStixTimestamp(text);
  if (r.ok) assert.fail(`${text} was accepted`);
  return r.error;
}

void test('STIX timestamps are UTC with a Z and any number of fractional digits', () => {
  assert.deepEqual(ts('2016-01-20T12:31:12.123Z'), {
    text: '2016-01-20T12:31:12.123Z',
    seconds: '2016-01-20T12:31:12',
    fraction: '123',
  });
  assert.equal(ts('2016-01-20T12:31:12Z').fraction, '');
  assert.equal(ts('2014-05-08T09:00:00.000000Z').fraction, '000000');
  assert.equal(ts('2016-01-20T14:11:25.55Z').fraction, '55');
});

void test('timestamps without Z, with an offset or without seconds are refused', () => {
  assert.match(rejected('2016-01-20T12:31:12.123'), /UTC/);
  assert.match(rejected('2016-01-20T12:31:12+07:00'), /UTC/);
  assert.match(rejected('2016-01-20T12:31:12.123z'), /UTC/);
  assert.match(rejected('2016-01-20T12:31Z'), /not a STIX timestamp/);
  assert.match(rejected('2016-01-20 12:31:12Z'), /not a STIX timestamp/);
  assert.match(rejected('2016-01-20T12:31:12.Z'), /UTC|not a STIX timestamp/);
});

void test('the calendar and the clock are checked', () => {
  assert.match(rejected('2016-13-01T00:00:00Z'), /month/);
  assert.match(rejected('2023-02-29T00:00:00Z'), /day 29/);
  assert.ok(isStixTimestamp('2024-02-29T00:00:00Z'));
  assert.ok(!isStixTimestamp('1900-02-29T00:00:00Z'));
  assert.ok(isStixTimestamp('2000-02-29T00:00:00Z'));
  assert.match(rejected('2016-04-31T00:00:00Z'), /day 31/);
  assert.match(rejected('2016-01-20T24:00:00Z'), /time of day/);
  assert.ok(isStixTimestamp('2016-12-31T23:59:60Z')); // a leap second
  assert.ok(!isStixTimestamp(20160120));
});

void test('created and modified need millisecond precision', () => {
  assert.ok(hasMillisecondPrecision(ts('2016-01-20T12:31:12.123Z')));
  assert.ok(hasMillisecondPrecision(ts('2016-01-20T12:31:12.123456Z')));
  assert.ok(!hasMillisecondPrecision(ts('2016-01-20T12:31:12.12Z')));
  assert.ok(!hasMillisecondPrecision(ts('2016-01-20T12:31:12Z')));
});

void test('comparison is exact at any precision', () => {
  assert.equal(compareStixTimestamps(ts('2016-01-20T12:31:12.1Z'), ts('2016-01-20T12:31:12.100Z')), 0);
  assert.equal(compareStixTimestamps(ts('2016-01-20T12:31:12Z'), ts('2016-01-20T12:31:12.000Z')), 0);
  // One microsecond apart: a Date would see them equal.
  assert.equal(
    compareStixTimestamps(ts('2014-10-31T15:52:13.127931Z'), ts('2014-10-31T15:52:13.127930Z')),
    1,
  );
  assert.equal(compareStixTimestamps(ts('2014-10-31T15:52:13.127Z'), ts('2014-10-31T15:52:13.127931Z')), -1);
  assert.equal(compareStixTimestamps(ts('2016-12-31T23:59:60Z'), ts('2016-12-31T23:59:59.999Z')), 1);
  assert.equal(compareStixTimestamps(ts('2017-01-01T00:00:00Z'), ts('2016-12-31T23:59:60.5Z')), 1);
});

void test('comparison helpers treat invalid timestamps as incomparable', () => {
  assert.equal(compareTimestampText('2016-01-20T12:31:12Z', 'yesterday'), undefined);
  assert.ok(isLater('2016-01-21T00:00:00Z', '2016-01-20T00:00:00Z'));
  assert.ok(!isLater('2016-01-20T00:00:00Z', '2016-01-20T00:00:00.000Z'));
  assert.ok(isLaterOrEqual('2016-01-20T00:00:00Z', '2016-01-20T00:00:00.000Z'));
  assert.ok(!isLaterOrEqual('2016-01-20T00:00:00Z', 'bad'));
});

void test('conversion to and from Date keeps milliseconds', () => {
  assert.equal(
    formatStixTimestamp(new Date(Date.UTC(2026, 10, 23, 5, 5, 12, 7))),
    '2026-11-23T05:05:12.007Z',
  );
  assert.equal(stixTimestampToDate('2014-10-31T15:52:13.127931Z')?.toISOString(), '2014-10-31T15:52:13.127Z');
  assert.equal(stixTimestampToDate('2016-12-31T23:59:60Z')?.toISOString(), '2016-12-31T23:59:59.999Z');
  assert.equal(stixTimestampToDate('nope'), undefined);
});
