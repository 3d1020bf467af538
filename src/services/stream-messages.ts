/**
 * What a queue entry of the scan stream carries, and the verdict text that answers it.
 *
 * An entry is one message: a JSON object `{ id?, text, sender?, timestamp? }`, or plain UTF-8 text. Or, when
 * its publisher marks it `Content-Type: application/x-ndjson`, a batch: one JSON object a line, as the API's
 * NDJSON body takes them (a gateway that forwards a busy link's traffic sends hundreds a publication rather
 * than paying the broker's per-message cost for each). Its verdict is then NDJSON too: one line a message, in
 * order, each naming the line it answers.
 */
import type { ErrorCode } from '../core/errors/errors.js';
import { ndjsonLines } from '../core/json/ndjson-lines.js';
import { MAX_MESSAGES, type ScanMessage, type ScanResult } from './scan-service.js';

export const NDJSON = 'application/x-ndjson';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** A message, or why an input holds none. */
export type Decoded = ScanMessage | { readonly error: string; readonly code?: ErrorCode };

/** One line of an NDJSON entry: its number in the entry (1 for the first) and what it holds. */
export interface DecodedLine {
  readonly line: number;
  readonly message: Decoded;
}

/** Whether a `Content-Type` names NDJSON (parameters such as `charset` and letter case aside). */
export function isNdjson(contentType: string | undefined): boolean {
  if (contentType === undefined) return false;
  const semi = contentType.indexOf(';');
  return (semi < 0 ? contentType : contentType.slice(0, semi)).trim().toLowerCase() === NDJSON;
}

/** The message of a parsed JSON object, or why it is not one. */
function messageOf(v: unknown): Decoded {
  if (typeof v !== 'object' || v === null || Array.isArray(v))
    return { error: 'a message must be a JSON object' };
  const o = v as Record<string, unknown>;
  if (typeof o['text'] !== 'string') return { error: 'a JSON message needs a "text" string' };
  const m: { -readonly [K in keyof ScanMessage]: ScanMessage[K] } = { text: o['text'] };
  for (const k of ['id', 'sender', 'timestamp'] as const) {
    const x = o[k];
    if (typeof x === 'string') m[k] = x;
    else if (x !== undefined && x !== null) return { error: `"${k}" must be a string` };
  }
  return m;
}

/** The message a single entry carries, or why it carries none. */
export function decodeMessage(data: Uint8Array): Decoded {
  let text: string;
  try {
    text = utf8.decode(data);
  } catch {
    return { error: 'the message is not valid UTF-8' };
  }
  if (!text.trimStart().startsWith('{')) return { text };
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (e) {
    return { error: `the message starts with { but is not JSON: ${(e as Error).message}` };
  }
  return messageOf(v);
}

/**
 * The lines of an NDJSON entry, blank ones left out; or, when the entry as a whole cannot be answered line by
 * line (no line at all, or more than `MAX_MESSAGES`), why. A line that is not valid UTF-8 or not a message
 * is that line's own error: the others are scanned.
 */
export function decodeLines(
  data: Uint8Array,
): DecodedLine[] | { readonly error: string; readonly code: ErrorCode } {
  const out: DecodedLine[] = [];
  for (const { line, text } of ndjsonLines(data)) {
    if (out.length === MAX_MESSAGES)
      return {
        code: 'TOCSIN_ERR_BATCH_TOO_LARGE',
        error: `an NDJSON message holds at most ${MAX_MESSAGES} lines; this one has more`,
      };
    if (text === undefined) {
      out.push({ line, message: { error: `line ${line} is not valid UTF-8` } });
      continue;
    }
    let v: unknown;
    try {
      v = JSON.parse(text);
    } catch (e) {
      out.push({ line, message: { error: `line ${line} is not JSON: ${(e as Error).message}` } });
      continue;
    }
    const m = messageOf(v);
    out.push({ line, message: 'error' in m ? { error: `line ${line}: ${m.error}` } : m });
  }
  if (out.length === 0) return { code: 'TOCSIN_ERR_BAD_REQUEST', error: 'the NDJSON message holds no line' };
  return out;
}

/**
 * `JSON.stringify({ seq, subject, line?, ...r })`, without copying the result into a new object: the
 * result's own JSON with `seq`, `subject` and, for a line of an NDJSON entry, `line` put in front (a result is
 * never an empty object).
 */
export function verdictJson(seq: number, subject: string, r: ScanResult, line?: number): string {
  const head = `{"seq":${seq},"subject":${JSON.stringify(subject)},`;
  return `${line === undefined ? head : `${head}"line":${line},`}${JSON.stringify(r).slice(1)}`;
}

/**
 * An NDJSON verdict cut into parts of at most `limit` bytes, at line ends, for a bus that takes no larger
 * message (a line longer than `limit` is a part of its own). One part when it fits.
 */
export function splitLines(bytes: Uint8Array, limit: number): Uint8Array[] {
  if (bytes.length <= limit) return [bytes];
  const parts: Uint8Array[] = [];
  let start = 0;
  while (start < bytes.length) {
    if (bytes.length - start <= limit) {
      parts.push(bytes.subarray(start));
      break;
    }
    // The last line end within the limit; or, for a line longer than the limit, its own end.
    let cut = bytes.lastIndexOf(0x0a, start + limit);
    if (cut < start) cut = bytes.indexOf(0x0a, start + limit);
    if (cut < 0) cut = bytes.length;
    parts.push(bytes.subarray(start, cut));
    start = cut + 1;
  }
  return parts;
}

/** An error result, as the API answers one for a message it cannot scan. */
export function errorResult(code: ErrorCode, message: string): ScanResult {
  return { error: { code, message } };
}
