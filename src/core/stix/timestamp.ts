/**
 * STIX 2.1 timestamps (section 2.16): RFC 3339 in the exact form `YYYY-MM-DDTHH:mm:ss[.s+]Z`, always UTC
 * with a literal `Z`, with any number of fractional digits (none at all means no decimal point). The
 * `created` and `modified` common properties additionally need at least millisecond precision (three
 * fractional digits, section 3.2).
 *
 * Timestamps are compared as text, not as Date: the fixed-width prefix sorts chronologically, and the
 * fraction is compared digit by digit, so microsecond and nanosecond timestamps (common in the wild)
 * compare exactly instead of being rounded to JavaScript's milliseconds.
 */
import { fail, ok, type ParseResult } from '../observables/observable.js';

/** A timestamp in STIX form, split into its whole-second part and its fractional digits. */
export interface StixTimestamp {
  readonly text: string;
  /** `YYYY-MM-DDTHH:mm:ss`. */
  readonly seconds: string;
  /** The digits after the decimal point, possibly empty. */
  readonly fraction: string;
}

const TIMESTAMP_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?Z$/;

/** Parses a STIX timestamp, checking the calendar (month lengths, leap years) and the clock (leap second 60). */
export function parseStixTimestamp(text: string): ParseResult<StixTimestamp> {
  const m = TIMESTAMP_RE.exec(text);
  if (m === null) {
    if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d*)?([+-]\d{2}:?\d{2}|z)?$/i.test(text)) {
      return fail(`"${clip(text)}" must be in UTC and end with "Z" (YYYY-MM-DDTHH:mm:ss[.s+]Z)`);
    }
    return fail(`"${clip(text)}" is not a STIX timestamp (YYYY-MM-DDTHH:mm:ss[.s+]Z)`);
  }
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (month < 1 || month > 12) return fail(`"${text}" has no month ${month}`);
  if (day < 1 || day > daysInMonth(year, month)) return fail(`"${text}" has no day ${day} in its month`);
  if (hour > 23 || minute > 59 || second > 60) return fail(`"${text}" is not a time of day`);
  return ok({ text, seconds: text.slice(0, 19), fraction: m[7] ?? '' });
}

/** Whether `text` is a valid STIX timestamp. */
export function isStixTimestamp(text: unknown): text is string {
  return typeof text === 'string' && parseStixTimestamp(text).ok;
}

/** Whether a valid timestamp has at least millisecond precision, as `created` and `modified` must. */
export function hasMillisecondPrecision(ts: StixTimestamp): boolean {
  return ts.fraction.length >= 3;
}

/** -1, 0 or 1 as `a` is before, at or after `b`; exact at any precision (`.1Z` equals `.100Z`). */
export function compareStixTimestamps(a: StixTimestamp, b: StixTimestamp): -1 | 0 | 1 {
  if (a.seconds !== b.seconds) return a.seconds < b.seconds ? -1 : 1;
  const width = Math.max(a.fraction.length, b.fraction.length);
  const fa = a.fraction.padEnd(width, '0');
  const fb = b.fraction.padEnd(width, '0');
  return fa === fb ? 0 : fa < fb ? -1 : 1;
}

/**
 * Compares two timestamp strings; undefined when either is not a valid timestamp, so that a validator
 * reports the bad timestamp once rather than a meaningless order.
 */
export function compareTimestampText(a: string, b: string): -1 | 0 | 1 | undefined {
  const pa = parseStixTimestamp(a);
  const pb = parseStixTimestamp(b);
  if (!pa.ok || !pb.ok) return undefined;
  return compareStixTimestamps(pa.value, pb.value);
}

/** Whether timestamp `a` is strictly later than `b` (false when either is invalid). */
export function isLater(a: string, b: string): boolean {
  return compareTimestampText(a, b) === 1;
}

/** Whether timestamp `a` is later than or equal to `b` (false when either is invalid). */
export function isLaterOrEqual(a: string, b: string): boolean {
  const c = compareTimestampText(a, b);
  return c === 0 || c === 1;
}

/** A Date in STIX form with millisecond precision: `2026-11-23T05:05:12.000Z`. */
export function formatStixTimestamp(date: Date): string {
  return date.toISOString();
}

/** The Date of a timestamp (rounded down to the millisecond), for arithmetic; undefined if invalid. */
export function stixTimestampToDate(text: string): Date | undefined {
  const p = parseStixTimestamp(text);
  if (!p.ok) return undefined;
  const ms = p.value.fraction.slice(0, 3).padEnd(3, '0');
  // A leap second has no Date of its own: it is taken as the last millisecond of its minute.
  const base = p.value.seconds.endsWith(':60') ? `${p.value.seconds.slice(0, 17)}59.999` : null;
  return new Date(base !== null ? `${base}Z` : `${p.value.seconds}.${ms}Z`);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function clip(s: string): string {
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}
