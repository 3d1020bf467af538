import { isDigit, isInlineSpace, isWordChar } from './char-classes.js';
import { amountWordPrecedes, unitFollows } from './context-words.js';

/**
 * A run of digit groups as people write one number: `0912 345 678`, `091-234-5678`, `(+84) 912345678`,
 * `0123 456 789`, `5.000.000`. Phones, accounts and cards are all read from these.
 */
export interface NumberToken {
  /** Offset of the first character, a `+` or `(` included. */
  readonly start: number;
  readonly end: number;
  /** Every digit, separators dropped. */
  readonly digits: string;
  /** Digit-group spans, flattened: `[start0, end0, start1, end1, …]`. */
  readonly groups: readonly number[];
  /** Written with a `+` (an international number). */
  readonly plus: boolean;
  /** An amount, a date, a time, or glued to letters (`500k`, `10h30`): never a phone, account or card. */
  readonly inert: boolean;
  /** The folded label glued before it, if any: `stk` for `STK0123456789`. */
  readonly label: string | undefined;
}

// Beyond this many digits a run is no phone, account or card; reading stops joining groups.
const MAX_DIGITS = 24;

/** Whether `c` may separate two digit groups of one number. */
function isGroupSeparator(c: number): boolean {
  return isInlineSpace(c) || c === 0x2e || c === 0x2d;
}

// Group spans of the number being read; the core is synchronous, so no call can interleave with another.
const scratch = new Int32Array(2 * MAX_DIGITS + 4);

/**
 * Reads the number starting at `at` (a digit, `+` or `(`); undefined when it has fewer than six digits (no
 * phone, account or card is that short, and most numbers in messages are: times, prices, quantities). Two
 * groups are joined across one separator unless both have five digits or more: `0912 345 678` is one number,
 * while `0912345678 0987654321` is two and `970436 0123456789` is a BIN and an account.
 */
export function readNumberToken(text: string, at: number, label?: string): NumberToken | undefined {
  let i = at;
  let plus = false;
  let g = 0; // entries used in scratch
  let c = text.charCodeAt(i);
  if (c === 0x28 /* ( */) {
    let j = i + 1;
    if (text.charCodeAt(j) === 0x2b) {
      plus = true;
      j++;
    }
    const from = j;
    while (isDigit(text.charCodeAt(j))) j++;
    if (j === from || j - from > 4 || text.charCodeAt(j) !== 0x29) return undefined;
    scratch[g++] = from;
    scratch[g++] = j;
    i = j + 1;
    if (isInlineSpace(text.charCodeAt(i)) || text.charCodeAt(i) === 0x2d) i++;
    if (!isDigit(text.charCodeAt(i))) return undefined;
  } else if (c === 0x2b /* + */) {
    plus = true;
    i++;
    if (!isDigit(text.charCodeAt(i))) return undefined;
  }
  let count = g === 0 ? 0 : scratch[1]! - scratch[0]!;
  let closing = false; // the group being read was opened by '(': "+1 (415) 555-2671", "+84 (0) 912 345 678"
  for (;;) {
    const from = i;
    while (isDigit(text.charCodeAt(i))) i++;
    if (i === from) break;
    scratch[g++] = from;
    scratch[g++] = i;
    count += i - from;
    if (closing) {
      if (text.charCodeAt(i) !== 0x29) {
        // An unclosed bracket: "1900 1234 (1.000đ/phút)" ends before it.
        g -= 2;
        count -= i - from;
        break;
      }
      i++;
      closing = false;
      if (isDigit(text.charCodeAt(i))) continue; // "(415)555-2671"
    }
    c = text.charCodeAt(i);
    if (count >= MAX_DIGITS || !isGroupSeparator(c)) break;
    let next = i + 1;
    const open = text.charCodeAt(next) === 0x28;
    if (open) next++;
    if (!isDigit(text.charCodeAt(next))) break;
    let k = next;
    while (isDigit(text.charCodeAt(k))) k++;
    if (i - from >= 5 && k - next >= 5) break;
    i = next;
    closing = open;
  }
  if (count < 6) return undefined;
  const groups: number[] = [];
  let digits = g === 2 ? text.slice(scratch[0], scratch[1]) : '';
  for (let k = 0; k < g; k += 2) {
    const from = scratch[k]!;
    const to = scratch[k + 1]!;
    groups.push(from, to);
    if (g > 2) digits += text.slice(from, to);
  }
  const end = groups[g - 1]!;
  const inert = isInert(text, at, end, groups, digits);
  return { start: at, end, digits, groups, plus, inert, label };
}

/** Whether a number is an amount, date or time, or is glued to letters, so that it names nothing. */
function isInert(
  text: string,
  start: number,
  end: number,
  groups: readonly number[],
  digits: string,
): boolean {
  const after = text.charCodeAt(end);
  // Glued to a letter or digit after it: 500k, 10h30, 200000đ, 12abc.
  if (isWordChar(after)) return true;
  // A decimal part: 1.250.000,50 or 12,5.
  if (after === 0x2c && isDigit(text.charCodeAt(end + 1))) return true;
  if (unitFollows(text, end)) return true;
  // Amounts never start with 0, and 1800/1900 are service numbers ("miễn phí 1800 1091").
  if (digits.charCodeAt(0) === 0x30 || isServiceNumber(digits)) {
    return isAmountShaped(text, groups) || isDateShaped(text, groups);
  }
  if (amountWordPrecedes(text, start)) return true;
  // A round figure of up to eight digits is an amount written without its unit: "CK 500000 vao STK …".
  if (digits.length <= 8 && digits.endsWith('000')) return true;
  return isAmountShaped(text, groups) || isDateShaped(text, groups);
}

/** Whether `digits` starts 1800 or 1900, the toll-free and premium-rate ranges. */
function isServiceNumber(digits: string): boolean {
  return (
    digits.charCodeAt(0) === 0x31 &&
    (digits.charCodeAt(1) === 0x38 || digits.charCodeAt(1) === 0x39) &&
    digits.charCodeAt(2) === 0x30 &&
    digits.charCodeAt(3) === 0x30
  );
}

/** 5.000.000, 1.250.000, 500.000: dot-grouped thousands, the first group 1-3 digits not starting with 0. */
function isAmountShaped(text: string, groups: readonly number[]): boolean {
  if (groups.length < 4) return false;
  const first = groups[1]! - groups[0]!;
  if (first > 3 || text.charCodeAt(groups[0]!) === 0x30) return false;
  for (let g = 2; g < groups.length; g += 2) {
    if (text.charCodeAt(groups[g]! - 1) !== 0x2e) return false;
    if (groups[g + 1]! - groups[g]! !== 3) return false;
  }
  return true;
}

/** 12.05.2024, 12-05-2024, 2024-05-12: day, month and year in three groups. */
function isDateShaped(text: string, groups: readonly number[]): boolean {
  if (groups.length !== 6) return false;
  const a = groups[1]! - groups[0]!;
  const b = groups[3]! - groups[2]!;
  const c = groups[5]! - groups[4]!;
  const sep = text.charCodeAt(groups[2]! - 1);
  if (sep !== 0x2e && sep !== 0x2d) return false;
  if (text.charCodeAt(groups[4]! - 1) !== sep) return false;
  return (a <= 2 && b <= 2 && (c === 2 || c === 4)) || (a === 4 && b <= 2 && c <= 2);
}
