/**
 * TAXII's times: `date_added` kept as microseconds since 1970 (unique and increasing per store), written
 * as RFC 3339 with six fractional digits; and version keys, STIX timestamps with exactly nine fractional
 * digits so that text order is time order and `.1Z` equals `.100Z`.
 */

const TIMESTAMP = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d+))?Z$/;

/** The version key of a STIX timestamp, or undefined when it is not one. */
export function versionKey(ts: string): string | undefined {
  const m = TIMESTAMP.exec(ts);
  if (m === null) return undefined;
  const frac = (m[2] ?? '').slice(0, 9).padEnd(9, '0');
  return `${m[1]}.${frac}Z`;
}

/** Microseconds since 1970 of a timestamp (`…Z`, any precision, cut to the microsecond), or undefined. */
export function timestampToMicros(ts: string): number | undefined {
  const m = TIMESTAMP.exec(ts);
  if (m === null) return undefined;
  const ms = Date.parse(`${m[1]}Z`);
  if (Number.isNaN(ms)) return undefined;
  const frac = (m[2] ?? '').slice(0, 6).padEnd(6, '0');
  return ms * 1000 + Number(frac);
}

/** `2026-11-23T04:25:02.123456Z`. */
export function microsToTimestamp(us: number): string {
  const ms = Math.floor(us / 1000);
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 23)}${String(us - ms * 1000).padStart(3, '0')}Z`;
}
