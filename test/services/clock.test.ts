import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isoString } from '../../src/services/clock.js';

test('isoString is toISOString, for the same millisecond again and for every other one', () => {
  const times = [0, 1, 1, 1, 1_700_000_000_123, 1_700_000_000_123, 1_700_000_000_124, -1, 8.64e15, 1];
  for (const ms of times) assert.equal(isoString(new Date(ms)), new Date(ms).toISOString());
  assert.throws(() => isoString(new Date(Number.NaN)), RangeError);
  assert.equal(isoString(new Date(5)), '1970-01-01T00:00:00.005Z');
});
