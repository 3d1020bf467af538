import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parsePhoneWithLibrary } from './phone.js';
import { parseVietnamesePhoneFast } from './phone-vn.js';
import { prng as seeded } from '../../../test/support/prng.js';

function randomDigits(next: () => number, count: number): string {
  let out = '';
  for (let i = 0; i < count; i++) out += String(Math.floor(next() * 10));
  return out;
}

function pick<T>(next: () => number, items: readonly T[]): T {
  return items[Math.floor(next() * items.length)]!;
}

void test('the usual spellings of one mobile number are decided by the fast path alone', () => {
  for (const input of [
    '0912 345 678',
    '+84 912 345 678',
    '84912345678',
    '0084912345678',
    '091.234.5678',
    '(+84) 91-234-5678',
    '+84 (0) 912 345 678',
    '00 84 912-345-678',
  ]) {
    assert.deepEqual(
      parseVietnamesePhoneFast(input),
      { ok: true, value: { e164: '+84912345678', region: 'VN', type: 'mobile' } },
      input,
    );
  }
});

void test('the fast path reads the Vietnamese number types', () => {
  const cases: [string, string, string][] = [
    ['028 3829 5555', '+842838295555', 'fixed-line'],
    ['0203 3825 555', '+842033825555', 'fixed-line'],
    ['1800 1091', '+8418001091', 'toll-free'],
    ['1800 588 888', '+841800588888', 'toll-free'],
    ['1900 545 413', '+841900545413', 'premium-rate'],
    ['0389 123 456', '+84389123456', 'mobile'],
    ['0869 123 456', '+84869123456', 'mobile'],
  ];
  for (const [input, e164, type] of cases) {
    assert.deepEqual(
      parseVietnamesePhoneFast(input),
      { ok: true, value: { e164, region: 'VN', type } },
      input,
    );
  }
});

void test('the fast path leaves other countries, odd characters and rare ranges to libphonenumber-js', () => {
  for (const input of [
    '+33 1 23 45 67 89',
    '0033123456789',
    '0912abc',
    '0912\t345678',
    '0799 1234',
    '12',
    '+84',
  ]) {
    assert.equal(parseVietnamesePhoneFast(input), undefined, input);
  }
  // Without Vietnam as the default region a national number is not Vietnamese, but +84 still is.
  assert.equal(parseVietnamesePhoneFast('0912345678', false), undefined);
  assert.equal(parseVietnamesePhoneFast('+84912345678', false)?.ok, true);
});

void test('the fast path rejects what is no Vietnamese number, with the same words as libphonenumber-js', () => {
  // Pre-2018 11-digit mobile numbers (0912 was 0123…) are no longer valid.
  for (const input of ['0123 456 7890', '0912 345 67', '0912 345 6789', '0412 345 678', '84 00912345678']) {
    const fast = parseVietnamesePhoneFast(input);
    assert.equal(fast?.ok, false, input);
    assert.deepEqual(fast, parsePhoneWithLibrary(input, 'VN'), input);
  }
});

void test('the fast path agrees with libphonenumber-js on every 4-digit national prefix', () => {
  const next = seeded(84);
  // What the fast path may leave undecided: 00 + another country's code, and the rare 12xx/14x/16x/19xx,
  // 6x and 799 ranges, only at lengths where they can be valid.
  const mayDefer = /^0(?:0[1-9]|(?:1[2469]\d{5,7}|6\d{6,8}|799\d{4})$)/;
  for (let prefix = 0; prefix < 10_000; prefix++) {
    const head = String(prefix).padStart(4, '0');
    for (let length = 6; length <= 11; length++) {
      const input = '0' + head + randomDigits(next, length - 4);
      const fast = parseVietnamesePhoneFast(input);
      if (fast === undefined) assert.match(input, mayDefer);
      else assert.deepEqual(fast, parsePhoneWithLibrary(input, 'VN'), input);
    }
  }
});

void test('the fast path agrees with libphonenumber-js on 20,000 random spellings', () => {
  const next = seeded(20_240_901);
  const heads = ['3', '5', '7', '8', '9', '2', '1800', '1900', '1', '6', '0', '4', '84'];
  const prefixes = [
    '0',
    '+84',
    '84',
    '0084',
    '',
    '+84 0',
    '(+84) ',
    '+84-',
    '00 84 ',
    '840',
    '00',
    '+',
    '0 0',
    '8484',
  ];
  const separators = [' ', ' ', '.', '-', ' - ', '(', ')', '  '];
  let decided = 0;
  for (let i = 0; i < 20_000; i++) {
    const head = pick(next, heads);
    const nsn = head + randomDigits(next, Math.floor(next() * 12));
    const digits = pick(next, prefixes) + nsn;
    let input = next() < 0.1 ? ' ' : '';
    for (const ch of digits) {
      input += ch;
      if (next() < 0.15) input += pick(next, separators);
    }
    if (next() < 0.1) input += ' ';
    const fast = parseVietnamesePhoneFast(input);
    if (fast === undefined) continue;
    decided++;
    assert.deepEqual(fast, parsePhoneWithLibrary(input, 'VN'), JSON.stringify(input));
  }
  assert.ok(decided > 15_000, `decided ${decided}`);
});
