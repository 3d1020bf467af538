// Char-code tests for the message scanner. Table lookups and range checks rather than regexes: the scanner
// asks one or two of these per character of hundreds of millions of messages a day. Every test takes the
// result of `charCodeAt`, which is NaN past the end of the text; each answers false for NaN.
import { isBlank } from '../../observables/blank.js';

// 1 = ASCII digit, 2 = ASCII letter.
const ALNUM = new Uint8Array(128);
for (let c = 48; c <= 57; c++) ALNUM[c] = 1;
for (let c = 65; c <= 90; c++) ALNUM[c] = 2;
for (let c = 97; c <= 122; c++) ALNUM[c] = 2;

/** Whether `c` is an ASCII digit. */
export function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Whether `c` is an ASCII letter. */
export function isAsciiLetter(c: number): boolean {
  return c < 128 && ALNUM[c] === 2;
}

/** Whether `c` is an ASCII letter or digit. */
export function isAsciiAlnum(c: number): boolean {
  return c < 128 && ALNUM[c] !== 0;
}

/**
 * Whether `c` is a letter of the scripts the scanner reads besides ASCII: Latin with diacritics (Vietnamese
 * and French), combining marks (text typed in decomposed form), Greek and Cyrillic (look-alike letters in
 * domains) and fullwidth ASCII letters and digits.
 */
export function isNonAsciiLetter(c: number): boolean {
  if (c < 0xc0) return false;
  if (c <= 0x24f) return c !== 0xd7 && c !== 0xf7; // × and ÷ are signs
  if (c >= 0x300 && c <= 0x52f) return c !== 0x37e && c !== 0x387; // Greek question mark and ano teleia
  if (c >= 0x1e00 && c <= 0x1eff) return true; // Latin Extended Additional: ạ ả ấ … ỹ
  if (c >= 0xff10 && c <= 0xff5a) return c <= 0xff19 || (c >= 0xff21 && c <= 0xff3a) || c >= 0xff41;
  return false;
}

/** Whether `c` belongs to a word: an ASCII letter or digit, or a letter as `isNonAsciiLetter` reads it. */
export function isWordChar(c: number): boolean {
  if (c < 128) return ALNUM[c] !== 0;
  return isNonAsciiLetter(c);
}

/** Whether `c` may appear inside a domain label as written in text (IDNA sorts out the non-ASCII ones). */
export function isLabelChar(c: number): boolean {
  return c === 0x2d || isWordChar(c);
}

/** Whether `c` is a space that may sit inside a line: a digit-group separator or the padding of a defang. */
export function isInlineSpace(c: number): boolean {
  return c === 0x20 || c === 0xa0 || c === 0x09 || c === 0x202f;
}

/** Whether `c` is a full stop a domain may be written with: `.`, fullwidth `．`, ideographic `。` or `｡`. */
export function isDotLike(c: number): boolean {
  return c === 0x2e || c === 0xff0e || c === 0x3002 || c === 0xff61;
}

/**
 * Whether `text[i]` ends a sentence: `! ? ;`, a line break, an ellipsis or ideographic stop, or a full stop
 * followed by a blank or the end (a dot inside `0912.345.678` or `vcb.com.vn` ends nothing).
 */
export function isSentenceEnd(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c === 0x2e) {
    const next = text.charCodeAt(i + 1);
    return Number.isNaN(next) || isBlank(next);
  }
  return c === 0x21 || c === 0x3f || c === 0x3b || c === 0x0a || c === 0x0d || c === 0x2026 || c === 0x3002;
}

/** Whether the ASCII text at `at` equals `lower` (lowercase ASCII), ignoring ASCII case. */
export function asciiEqualsAt(text: string, at: number, lower: string): boolean {
  for (let k = 0; k < lower.length; k++) {
    if ((text.charCodeAt(at + k) | 0x20) !== lower.charCodeAt(k)) return false;
  }
  return true;
}

/** Whether `c` ends a token: the one blank set shared with URL trimming. */
export { isBlank };
