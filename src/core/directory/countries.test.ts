import { test } from 'node:test';
import assert from 'node:assert/strict';
import { COUNTRY_CODES, isCountryCode } from './countries.js';

test('the list holds the 249 assigned ISO 3166-1 alpha-2 codes', () => {
  assert.equal(COUNTRY_CODES.size, 249);
  // Every code must be a region that ICU knows by name (an unknown code comes back unchanged).
  const names = new Intl.DisplayNames(['en'], { type: 'region' });
  for (const code of COUNTRY_CODES) assert.notEqual(names.of(code), code, code);
});

test('isCountryCode takes assigned codes only', () => {
  assert.ok(isCountryCode('VN'));
  assert.ok(isCountryCode('FR'));
  assert.ok(!isCountryCode('vn'));
  assert.ok(!isCountryCode('EU'));
  assert.ok(!isCountryCode('XK'));
  assert.ok(!isCountryCode('UK'));
});
