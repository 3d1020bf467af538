import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parsePhone, parsePhoneWithLibrary, type Phone } from './phone.js';

function parsed(input: string, defaultRegion?: string): Phone {
  const result = parsePhone(input, defaultRegion);
  assert.ok(result.ok, `${input}: ${result.ok ? '' : result.error}`);
  return result.value;
}

function rejected(input: string, defaultRegion?: string): string {
  const result = parsePhone(input, defaultRegion);
  assert.ok(!result.ok, `${input} should be rejected`);
  return result.error;
}

void test('every common spelling of a Vietnamese mobile number is one E.164 number', () => {
  for (const input of [
    '0912 345 678',
    '+84 912 345 678',
    '84912345678',
    '0084912345678',
    '091.234.5678',
    '(+84) 91-234-5678',
    '+84 (0) 912 345 678',
    '\u00a0091\u2013234\u20135678 ',
  ]) {
    assert.deepEqual(parsed(input), { e164: '+84912345678', region: 'VN', type: 'mobile' }, input);
  }
});

void test('Vietnamese number types', () => {
  assert.equal(parsed('024 3825 3535').type, 'fixed-line');
  assert.equal(parsed('0236 3822 222').type, 'fixed-line');
  assert.equal(parsed('1800 1091').type, 'toll-free');
  assert.equal(parsed('1800 588 888').e164, '+841800588888');
  assert.equal(parsed('1900 545 413').type, 'premium-rate');
  assert.equal(parsed('0799 1234').type, 'uan');
  assert.equal(parsed('0672 123 456').type, 'voip');
  assert.equal(parsed('0352 123 456').type, 'mobile');
});

void test('numbers of other countries keep their own region and type', () => {
  assert.deepEqual(parsed('+44 20 7946 0958'), { e164: '+442079460958', region: 'GB', type: 'fixed-line' });
  assert.deepEqual(parsed('+66 81 234 5678'), { e164: '+66812345678', region: 'TH', type: 'mobile' });
  // The +1 plan does not tell mobiles from fixed lines.
  assert.deepEqual(parsed('+1 212 555 0123'), { e164: '+12125550123', region: 'US', type: 'unknown' });
  assert.deepEqual(parsed('+800 1234 5678'), { e164: '+80012345678', region: undefined, type: 'toll-free' });
  // 00 is Vietnam's international prefix.
  assert.equal(parsed('00 66 81 234 5678').e164, '+66812345678');
});

void test('the default region decides how a national number is read', () => {
  assert.deepEqual(parsed('(212) 555-0123', 'US'), { e164: '+12125550123', region: 'US', type: 'unknown' });
  assert.equal(parsed('+84 912 345 678', 'US').e164, '+84912345678');
  assert.match(rejected('0912 345 678', 'US'), /not a valid phone number in US/);
  assert.match(rejected('0912 345 678', 'XX'), /unknown default region "XX"/);
});

void test('rejects what is not a valid number, saying why', () => {
  assert.equal(rejected('0912 34'), 'too short for a phone number in VN');
  assert.equal(rejected('0912 345 678 901'), 'too long for a phone number in VN');
  // 0123… was a mobile range before the 2018 renumbering.
  assert.equal(rejected('0123 456 7890'), 'not a valid phone number in VN (no such number range)');
  assert.equal(rejected('0412 345 678'), 'not a valid phone number in VN (no such number range)');
  assert.equal(rejected('0912 ABC 678'), 'phone number contains letters');
  assert.equal(rejected('09 một hai'), 'phone number contains letters');
  assert.equal(rejected('0912345678 ext. 12'), 'phone number contains letters');
  assert.equal(rejected('0912#345678'), 'unexpected character "#" in phone number');
  assert.equal(rejected('   '), 'empty phone number');
  assert.equal(rejected('--'), 'not a phone number: no digits');
  assert.equal(rejected('+999 123 4567'), 'unknown country calling code');
  assert.equal(rejected('1'), 'phone number too short');
  assert.equal(rejected('0'.repeat(30)), 'phone number too long');
  assert.equal(rejected('+1 212 555 012'), 'too short for a phone number in +1');
});

void test('the fast path and the library path give the same answers', () => {
  for (const input of ['0912 345 678', '84 0912 345 678', '028 3829 5555', '0123 456 7890', '0912 345']) {
    assert.deepEqual(parsePhone(input), parsePhoneWithLibrary(input), input);
  }
});
