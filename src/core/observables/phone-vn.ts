import type { ParseResult } from './observable.js';
import type { Phone, PhoneType } from './phone.js';

/*
 * Fast path for Vietnamese phone numbers. libphonenumber-js parses about 80k numbers a second per core;
 * the message scanner needs millions, and nearly all it sees are Vietnamese. This reads the input once
 * by char code, applies the Vietnamese numbering plan as libphonenumber-js's metadata states it, and gives
 * back exactly what `parsePhone` would through libphonenumber-js (phone-vn.test.ts checks that on every
 * 4-digit prefix and on random spellings). Whatever it cannot settle alone (another country, odd
 * characters, the rare 12xx/14x/16x/199x/6x/799x ranges) it answers `undefined`, and `parsePhone`
 * asks libphonenumber-js.
 *
 * Plan (libphonenumber-js 1.13 metadata for VN; national significant number = NSN, without the 0):
 *   mobile        9 digits: 3x, 51/56/58/59, 522/523/528, 559, 70, 76-79, 81-88, 896-899, 90-98, 990-991, 993-999
 *   fixed line   10 digits: 2 + area code (02xx, and 024/028 whose next digit starts the subscriber)
 *   toll-free  8-10 digits: 1800…        premium-rate 8-10 digits: 1900…
 *   Possible lengths of any NSN: 7-10.
 */

/** Wording shared by the fast path and the libphonenumber-js path, so both answer a bad number alike. */
export const phoneErrors = {
  tooShort: 'phone number too short',
  tooLong: 'phone number too long',
  tooShortFor: (where: string): string => `too short for a phone number in ${where}`,
  tooLongFor: (where: string): string => `too long for a phone number in ${where}`,
  badLengthFor: (where: string): string => `wrong length for a phone number in ${where}`,
  invalidFor: (where: string): string => `not a valid phone number in ${where} (no such number range)`,
} as const;

// Failures are shared frozen objects: the scanner rejects far more strings than it accepts.
const TOO_SHORT: ParseResult<Phone> = Object.freeze({ ok: false, error: phoneErrors.tooShort });
const TOO_LONG: ParseResult<Phone> = Object.freeze({ ok: false, error: phoneErrors.tooLong });
const TOO_SHORT_VN: ParseResult<Phone> = Object.freeze({ ok: false, error: phoneErrors.tooShortFor('VN') });
const TOO_LONG_VN: ParseResult<Phone> = Object.freeze({ ok: false, error: phoneErrors.tooLongFor('VN') });
const INVALID_VN: ParseResult<Phone> = Object.freeze({ ok: false, error: phoneErrors.invalidFor('VN') });

// libphonenumber-js's own bounds on any national number, whatever the country.
const MIN_NSN = 2;
const MAX_NSN = 17;
// Vietnam's possible NSN lengths.
const VN_MIN = 7;
const VN_MAX = 10;
// Longer inputs go to libphonenumber-js, which has its own limits and messages for them.
const MAX_INPUT = 64;
const MAX_DIGITS = 21;

/** Marks in a 1000-entry table every 3-digit NSN prefix that begins with one of `prefixes`. */
function prefixTable(prefixes: readonly string[]): Uint8Array {
  const table = new Uint8Array(1000);
  for (const p of prefixes) {
    const span = 10 ** (3 - p.length);
    const from = Number(p) * span;
    table.fill(1, from, from + span);
  }
  return table;
}

// prettier-ignore
const MOBILE = prefixTable([
  '3',
  '51', '56', '58', '59', '522', '523', '528', '559',
  '70', '76', '77', '78', '79',
  '81', '82', '83', '84', '85', '86', '87', '88', '896', '897', '898', '899',
  '90', '91', '92', '93', '94', '95', '96', '97', '98', '990', '991', '993', '994', '995', '996', '997', '998', '999',
]);

// Area codes after the 2017-2018 renumbering (0203 Quảng Ninh … 0299 Sóc Trăng); for 024 Hà Nội and
// 028 TP.HCM the third digit is the subscriber's first, which must be 2-8 / 2-9.
// prettier-ignore
const FIXED = prefixTable([
  '203', '204', '205', '206', '207', '208', '209',
  '210', '211', '212', '213', '214', '215', '216', '218', '219',
  '220', '221', '222', '225', '226', '227', '228', '229',
  '232', '233', '234', '235', '236', '237', '238', '239',
  '242', '243', '244', '245', '246', '247', '248',
  '251', '252', '254', '255', '256', '257', '258', '259',
  '260', '261', '262', '263', '269',
  '270', '271', '272', '273', '274', '275', '276', '277',
  '282', '283', '284', '285', '286', '287', '288', '289',
  '290', '291', '292', '293', '294', '296', '297', '299',
]);

type Verdict = PhoneType | 'invalid' | 'undecided';

// Scratch space for one call; the core is synchronous, so no call can interleave with another.
const digits = new Uint8Array(MAX_DIGITS);
const at = new Uint16Array(MAX_DIGITS);

/** Classifies the NSN digits[s..e) by the Vietnamese plan, or says it needs libphonenumber-js. */
function classify(s: number, e: number): Verdict {
  const len = e - s;
  if (len < VN_MIN || len > VN_MAX) return 'invalid';
  const d0 = digits[s]!;
  const p3 = d0 * 100 + digits[s + 1]! * 10 + digits[s + 2]!;
  switch (d0) {
    case 2:
      return len === 10 && FIXED[p3] === 1 ? 'fixed-line' : 'invalid';
    case 3:
    case 5:
    case 8:
    case 9:
      return len === 9 && MOBILE[p3] === 1 ? 'mobile' : 'invalid';
    case 7:
      if (len === 9) return MOBILE[p3] === 1 ? 'mobile' : 'invalid';
      return len === 7 && p3 === 799 ? 'undecided' : 'invalid';
    case 1: {
      if (len >= 8 && digits[s + 3] === 0) {
        if (p3 === 180) return 'toll-free';
        if (p3 === 190) return 'premium-rate';
      }
      if (len === 10) return 'invalid';
      // 120x/1228 toll-free, 121x/140/160 mobile and 199x UAN are rare: libphonenumber-js decides them.
      const d1 = digits[s + 1];
      return d1 === 2 || d1 === 4 || d1 === 6 || d1 === 9 ? 'undecided' : 'invalid';
    }
    case 6:
      // 69x UAN and 672 VoIP, all under 10 digits, are rare: libphonenumber-js decides them.
      return len < 10 ? 'undecided' : 'invalid';
    default:
      return 'invalid';
  }
}

/** Matches libphonenumber-js's "national number pattern" for VN (its test for a plausible NSN). */
function plausible(s: number, e: number): boolean {
  const len = e - s;
  switch (digits[s]!) {
    case 1:
      return len >= 7 && len <= 10;
    case 2:
      return len === 10;
    case 6:
      return len >= 7 && len <= 9;
    case 7:
      return len === 7 || len === 9;
    case 3:
    case 5:
    case 8:
    case 9:
      return len === 9;
    default:
      return false;
  }
}

/** Drops one national prefix 0, as libphonenumber-js does, unless what remains would be too short. */
function dropTrunkZero(s: number, e: number): number {
  return digits[s] === 0 && e - s - 1 >= VN_MIN ? s + 1 : s;
}

/** Builds the E.164 string, slicing the input when the NSN digits are contiguous in it. */
function e164(input: string, s: number, e: number): string {
  const first = at[s]!;
  const last = at[e - 1]!;
  if (last - first === e - 1 - s) return '+84' + input.slice(first, last + 1);
  let out = '+84';
  for (let i = s; i < e; i++) out += String.fromCharCode(48 + digits[i]!);
  return out;
}

/** Answers for the NSN digits[s..e) the way libphonenumber-js would, or `undefined` if it must. */
function answer(input: string, s: number, e: number): ParseResult<Phone> | undefined {
  const verdict = classify(s, e);
  if (verdict === 'undecided') return undefined;
  if (verdict !== 'invalid') {
    return { ok: true, value: { e164: e164(input, s, e), region: 'VN', type: verdict } };
  }
  const len = e - s;
  if (len < MIN_NSN) return TOO_SHORT;
  if (len > MAX_NSN) return TOO_LONG;
  if (len < VN_MIN) return TOO_SHORT_VN;
  if (len > VN_MAX) return TOO_LONG_VN;
  return INVALID_VN;
}

/**
 * Parses a Vietnamese phone number without libphonenumber-js, or returns `undefined` when it cannot decide.
 * `national` says whether a number without a country code may be read as Vietnamese (default region VN).
 */
export function parseVietnamesePhoneFast(input: string, national = true): ParseResult<Phone> | undefined {
  const length = input.length;
  if (length > MAX_INPUT) return undefined;
  let n = 0;
  let plus = false;
  for (let i = 0; i < length; i++) {
    const c = input.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      if (n === MAX_DIGITS) return undefined;
      digits[n] = c - 48;
      at[n++] = i;
    } else if (c === 32 || c === 46 || c === 45 || c === 40 || c === 41) {
      // space . - ( ) only separate digit groups
    } else if (c === 43 && n === 0 && !plus) {
      plus = true;
    } else {
      return undefined;
    }
  }
  // One or two digits get libphonenumber-js's own verdict ("not a number" or "too short").
  if (n < 3) return undefined;

  if (plus) {
    if (digits[0] !== 8 || digits[1] !== 4) return undefined;
    return answer(input, dropTrunkZero(2, n), n);
  }
  if (!national) return undefined;
  if (digits[0] === 0 && digits[1] === 0 && digits[2] !== 0) {
    // 00 is Vietnam's international prefix: 0084… is Vietnamese, 0033… is French.
    if (n < 4 || digits[2] !== 8 || digits[3] !== 4) return undefined;
    return answer(input, dropTrunkZero(4, n), n);
  }
  if (digits[0] === 8 && digits[1] === 4) {
    // 84… may be the country code without its +: read it so when the whole is no Vietnamese number
    // but the rest is, or when the whole is too long (libphonenumber-js's rule).
    const whole = classify(0, n);
    if (whole !== 'invalid') return answer(input, 0, n);
    const rest = dropTrunkZero(2, n);
    if (n > VN_MAX || (!plausible(0, n) && plausible(rest, n))) return answer(input, rest, n);
    return answer(input, 0, n);
  }
  return answer(input, dropTrunkZero(0, n), n);
}
