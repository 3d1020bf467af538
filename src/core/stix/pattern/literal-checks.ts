/**
 * Checks on the bodies of the prefixed constants `t'…'`, `h'…'` and `b'…'`. The grammar fixes their shape; these
 * functions say in words what is wrong, so a bad constant reads as "month 13 is out of range" rather than as a
 * stray identifier `t` followed by a string.
 */

const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?Z$/;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** What is wrong with the body of a `t'…'` constant (RFC 3339, UTC), or undefined if it is a real instant. */
export function timestampProblem(body: string): string | undefined {
  const m = TIMESTAMP.exec(body);
  if (m === null) return 'a timestamp must look like 2016-01-01T00:00:00Z or 2016-01-01T00:00:00.123Z (UTC)';
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (month < 1 || month > 12) return `month ${m[2]} is out of range`;
  if (day < 1 || day > daysInMonth(year, month)) return `day ${m[3]} is out of range for ${m[1]}-${m[2]}`;
  if (hour > 23) return `hour ${m[4]} is out of range`;
  if (minute > 59) return `minute ${m[5]} is out of range`;
  // 60 is a leap second, which RFC 3339 and the STIX grammar both allow.
  if (second > 60) return `second ${m[6]} is out of range`;
  return undefined;
}

/** What is wrong with the body of an `h'…'` constant, or undefined if it is whole bytes of hex. */
export function hexProblem(body: string): string | undefined {
  const bad = /[^0-9A-Fa-f]/.exec(body);
  if (bad !== null) return `'${bad[0]}' is not a hex digit`;
  if (body.length % 2 !== 0)
    return `it has an odd number of hex digits (${body.length}), so it is not whole bytes`;
  return undefined;
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{4}|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{2}==)$/;

/** What is wrong with the body of a `b'…'` constant, or undefined if it is padded base64 of at least one byte. */
export function base64Problem(body: string): string | undefined {
  if (body.length === 0) return 'it is empty; the grammar requires at least one byte';
  const bad = /[^A-Za-z0-9+/=]/.exec(body);
  if (bad !== null) return `'${bad[0]}' is not a base64 character`;
  if (body.length % 4 !== 0) return `its length (${body.length}) is not a multiple of 4; pad it with '='`;
  if (!BASE64.test(body)) return `'=' may only pad the end, at most twice`;
  return undefined;
}
