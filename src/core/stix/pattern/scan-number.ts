/**
 * Numbers as the STIX grammar writes them: integers `[+-]?(0|[1-9][0-9]*)` and floats `[+-]?[0-9]*.[0-9]+`, with
 * no exponent. Kept apart from the lexer because the limits on what a JavaScript number can hold live here.
 */
import { clip } from './tokens.js';

const DIGIT = /[0-9]/;

/** Whether a number starts at `i`: a digit, or a sign or point followed by digits. */
export function startsNumber(text: string, i: number): boolean {
  if (text[i] === '+' || text[i] === '-') i++;
  if (DIGIT.test(text[i] ?? '')) return true;
  return text[i] === '.' && DIGIT.test(text[i + 1] ?? '');
}

/** A scanned number and where it ends, or what is wrong with it as the head and tail of a message. */
export type NumberScan =
  | { readonly kind: 'integer' | 'float'; readonly value: number; readonly end: number }
  | { readonly head: string; readonly tail: string };

/** Scans the number starting at `start`, which `startsNumber` has accepted. */
export function scanNumber(text: string, start: number): NumberScan {
  let i = start;
  if (text[i] === '+' || text[i] === '-') i++;
  const digitsStart = i;
  while (DIGIT.test(text[i] ?? '')) i++;
  const digits = text.slice(digitsStart, i);
  const isFloat = text[i] === '.' && DIGIT.test(text[i + 1] ?? '');
  if (isFloat) {
    i++;
    while (DIGIT.test(text[i] ?? '')) i++;
  }
  const written = text.slice(start, i);
  // Other languages' 1.5e3 would otherwise read as the number 1.5 and a stray identifier e3.
  const exponent = /^[eE][+-]?[0-9]+/.exec(text.slice(i, i + 24));
  if (exponent !== null) {
    return {
      head: `the number ${clip(written + exponent[0])}`,
      tail: ' has an exponent, which STIX numbers cannot have',
    };
  }
  const value = Number(written);
  if (isFloat) {
    if (!Number.isFinite(value)) return { head: `the number ${clip(written)}`, tail: ' is too large' };
    return { kind: 'float', value, end: i };
  }
  if (digits.length > 1 && digits.startsWith('0')) {
    return { head: `integer ${clip(written)}`, tail: ' has a leading zero' };
  }
  // Beyond 2^53 a JavaScript number would silently change the constant; refuse rather than re-share it altered.
  if (!Number.isSafeInteger(value)) {
    return { head: `integer ${clip(written)}`, tail: ' is too large to keep exactly' };
  }
  // -0 and 0 are the same integer; one spelling keeps trees comparable.
  return { kind: 'integer', value: value === 0 ? 0 : value, end: i };
}
