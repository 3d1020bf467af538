/**
 * Messages to scan, read as a stream from a file or standard input: plain text (one message a line), CSV with
 * a header (a `text` column, and optional `id`, `sender`, `timestamp`), or NDJSON (one `{ id?, text, sender?,
 * timestamp? }` a line). A line that cannot be read becomes an error for that line; the rest goes on.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { tocsinError } from '../core/errors/errors.js';
import type { ScanMessage } from '../services/scan-service.js';

export const MESSAGE_FORMATS = ['text', 'csv', 'ndjson'] as const;
export type MessageFormat = (typeof MESSAGE_FORMATS)[number];

/** One input record: its line (or CSV record) number, and the message or why it could not be read. */
export type MessageLine =
  | { readonly line: number; readonly message: ScanMessage }
  | { readonly line: number; readonly error: string };

/** The format a file name suggests: `.csv`, `.ndjson`/`.jsonl`, otherwise plain text. */
export function formatOf(path: string): MessageFormat {
  const p = path.toLowerCase();
  if (p.endsWith('.csv')) return 'csv';
  if (p.endsWith('.ndjson') || p.endsWith('.jsonl')) return 'ndjson';
  return 'text';
}

const OPTIONAL = ['id', 'sender', 'timestamp'] as const;

/** An NDJSON record as a message, or why it is not one. */
function fromJson(line: string): ScanMessage | string {
  let v: unknown;
  try {
    v = JSON.parse(line);
  } catch (e) {
    return `not JSON: ${(e as Error).message}`;
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return 'expected a JSON object';
  const o = v as Record<string, unknown>;
  if (typeof o['text'] !== 'string') return 'expected a "text" string';
  const m: { -readonly [K in keyof ScanMessage]: ScanMessage[K] } = { text: o['text'] };
  for (const k of OPTIONAL) {
    const x = o[k];
    if (x === undefined || x === null) continue;
    if (typeof x !== 'string') return `"${k}" must be a string`;
    m[k] = x;
  }
  return m;
}

async function* lines(input: Readable): AsyncGenerator<string> {
  const rl = createInterface({ input, crlfDelay: Infinity });
  for await (const l of rl) yield l;
}

/** Reads messages from `input` (a stream) in `format`. */
export async function* readMessages(input: Readable, format: MessageFormat): AsyncGenerator<MessageLine> {
  if (format === 'csv') {
    yield* readCsv(input);
    return;
  }
  let n = 0;
  for await (const raw of lines(input)) {
    n++;
    if (raw.trim() === '') continue;
    if (format === 'text') {
      yield { line: n, message: { text: raw } };
      continue;
    }
    const m = fromJson(raw);
    yield typeof m === 'string' ? { line: n, error: m } : { line: n, message: m };
  }
}

async function* readCsv(input: Readable): AsyncGenerator<MessageLine> {
  const parser = input.pipe(
    parse({
      columns: (h: string[]) => h.map((c) => c.trim().toLowerCase()),
      bom: true,
      relax_column_count: true,
    }),
  );
  let n = 0;
  try {
    for await (const rec of parser as AsyncIterable<Record<string, string | undefined>>) {
      n++;
      if (n === 1 && rec['text'] === undefined) {
        throw tocsinError(
          'TOCSIN_ERR_BAD_REQUEST',
          `the CSV header has no "text" column (found: ${Object.keys(rec).join(', ')})`,
        );
      }
      const text = rec['text'];
      if (text === undefined || text === '') {
        yield { line: n, error: 'the "text" column is empty' };
        continue;
      }
      const m: { -readonly [K in keyof ScanMessage]: ScanMessage[K] } = { text };
      for (const k of OPTIONAL) {
        const x = rec[k];
        if (x !== undefined && x !== '') m[k] = x;
      }
      yield { line: n, message: m };
    }
  } catch (e) {
    if ((e as { code?: string }).code?.startsWith('TOCSIN_ERR_') === true) throw e;
    // csv-parse stops at a malformed record (an unclosed quote): the rest of the file cannot be trusted.
    throw tocsinError(
      'TOCSIN_ERR_BAD_REQUEST',
      `the CSV is malformed after record ${n}: ${(e as Error).message}`,
      {
        cause: e,
      },
    );
  }
}

/** A stream of the file, or of standard input for `-`. */
export function openInput(path: string, stdin: Readable | undefined): Readable {
  if (path !== '-') return createReadStream(path);
  if (stdin === undefined) throw tocsinError('TOCSIN_ERR_BAD_REQUEST', 'no standard input to read');
  return stdin;
}
