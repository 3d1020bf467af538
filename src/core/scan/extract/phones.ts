import { parseObservable, type ObservableValue } from '../../observables/observable-value.js';
import { extracted, type Extracted } from './extracted.js';
import type { NumberToken } from './number-tokens.js';

// Phone numbers in a message. A number written without `+` is read as Vietnamese, and only the way people
// write one: a leading 0 (`0912 345 678`, `028 3822 1234`), 84 before nine or ten digits, or a 1800/1900
// service number. A bare `912345678` is more often an amount, an ID or an account than a phone. Only the
// plan's mobile, fixed-line, toll-free and premium-rate ranges count: the rare ranges libphonenumber-js
// would have to decide (and French `06 12 34 56 78` read as Vietnamese) are left alone, so the scan never
// falls back to the slow library for a number written without `+`.

// Longest run of groups tried as one number: `+84 91 234 56 78` has five.
const MAX_GROUPS = 6;

const ACCEPTED_TYPES = new Set(['mobile', 'fixed-line', 'toll-free', 'premium-rate']);

/**
 * Whether `digits`, written without `+`, starts the way a Vietnamese number does and lies in a range the fast
 * parser decides alone: after the 0, 84 or 0084 comes a national number starting 2, 3, 5, 7, 8 or 9 (1800
 * and 1900 are written without the 0). The others would send parsePhone to libphonenumber-js, 50 times
 * slower, for numbers (`0123456789`, an account's shape) that no one dials.
 */
function nationalShape(digits: string): boolean {
  let s: number;
  if (digits.startsWith('1800') || digits.startsWith('1900'))
    return digits.length >= 8 && digits.length <= 10;
  if (digits.startsWith('0084')) s = 4;
  // 00 then any other country code: a foreign number written with Vietnam's international prefix, which
  // parsePhone leaves to libphonenumber-js and which, not being Vietnamese, is no phone here anyway.
  else if (digits.charCodeAt(0) === 0x30 && digits.charCodeAt(1) === 0x30 && digits.charCodeAt(2) !== 0x30)
    return false;
  else if (digits.startsWith('84') && (digits.length === 11 || digits.length === 12)) s = 2;
  else if (digits.charCodeAt(0) === 0x30) s = 1;
  else return false;
  if (digits.charCodeAt(s) === 0x30) s++; // +84 0912…: the trunk 0 written after the country code
  const d = digits.charCodeAt(s) - 48;
  const length = digits.length - s;
  return (length === 9 || length === 10) && (d === 2 || d === 3 || d === 5 || d === 7 || d === 8 || d === 9);
}

/** The phone value of `candidate` (the text of some groups), or undefined if it is none. */
function phoneValue(candidate: string, digits: string, international: boolean): ObservableValue | undefined {
  if (international) {
    if (digits.length < 8 || digits.length > 15) return undefined;
  } else if (digits.length < 8 || digits.length > 13 || !nationalShape(digits)) {
    return undefined;
  }
  const parsed = parseObservable('phone', candidate);
  if (!parsed.ok) return undefined;
  const { type, region } = parsed.value.details;
  if (!international && region !== 'VN') return undefined;
  return international || ACCEPTED_TYPES.has(type as string) ? parsed.value : undefined;
}

/** The digits of groups [from, to) of `tok`. */
function groupDigits(text: string, tok: NumberToken, from: number, to: number): string {
  if (to - from === 1) return text.slice(tok.groups[2 * from], tok.groups[2 * from + 1]);
  let out = '';
  for (let g = from; g < to; g++) out += text.slice(tok.groups[2 * g], tok.groups[2 * g + 1]);
  return out;
}

/** Where the text of groups [from, …) begins: the token's `+` or `(` belongs to its first group. */
function spanStart(tok: NumberToken, from: number): number {
  return from === 0 ? tok.start : tok.groups[2 * from]!;
}

/** The phone value of the whole token, or undefined: used to tell a phone from an account. */
export function wholeTokenPhone(text: string, tok: NumberToken): ObservableValue | undefined {
  if (tok.inert || tok.digits.length < 8) return undefined;
  const count = tok.groups.length / 2;
  if (count > MAX_GROUPS) return undefined;
  return phoneValue(text.slice(tok.start, tok.end), tok.digits, tok.plus);
}

/**
 * Appends the phone numbers in `tok` to `out`. From each group on, the longest run of groups that is a valid
 * number wins, so `0912 345 678 0987 654 321` gives two numbers and `Mã 123 0912345678` gives one. `whole`
 * is the value of the whole token when it was parsed already (null: it is no phone), to parse it only once.
 */
export function extractPhones(
  text: string,
  tok: NumberToken,
  out: Extracted[],
  whole?: ObservableValue | null,
): void {
  if (tok.inert) return;
  if (whole !== undefined && whole !== null) {
    out.push(extracted('phone', whole, text, tok.start, tok.end));
    return;
  }
  const count = tok.groups.length / 2;
  if (count === 1 && whole === null) return;
  let from = 0;
  while (from < count) {
    let found = 0;
    for (let to = Math.min(count, from + MAX_GROUPS); to > from; to--) {
      const start = spanStart(tok, from);
      const end = tok.groups[2 * to - 1]!;
      const digits = groupDigits(text, tok, from, to);
      const value = phoneValue(text.slice(start, end), digits, tok.plus && from === 0);
      if (value === undefined) continue;
      out.push(extracted('phone', value, text, start, end));
      found = to;
      break;
    }
    from = found > from ? found : from + 1;
  }
}
