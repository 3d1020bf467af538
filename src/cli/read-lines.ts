/**
 * Plain list files, one value a line, read as streams: a file of several gigabytes is never held whole.
 * Blank lines and lines starting with `#` are skipped; values are trimmed; line numbers count from 1.
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { tocsinError } from '../core/errors/errors.js';

export interface ListLine {
  /** 1-based line number in the file. */
  readonly line: number;
  readonly value: string;
}

/** Fails early, with a clear message, when the file cannot be read. */
export async function assertReadable(path: string): Promise<void> {
  try {
    const h = await open(path, 'r');
    const st = await h.stat();
    await h.close();
    if (st.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
    throw tocsinError('TOCSIN_ERR_NOT_FOUND', `cannot read ${path}: ${code}`, { cause: e });
  }
}

/** Counts the lines of a file in one fast streaming pass over its bytes (a last line without `\n` counts). */
export async function countLines(path: string): Promise<number> {
  let lines = 0;
  let last = 0x0a;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    let i = -1;
    while ((i = chunk.indexOf(0x0a, i + 1)) !== -1) lines++;
    if (chunk.length > 0) last = chunk[chunk.length - 1] ?? last;
  }
  return last === 0x0a ? lines : lines + 1;
}

/** The values of a list file, in order, with their line numbers; blank and `#` lines are left out. */
export async function* readListFile(path: string): AsyncGenerator<ListLine> {
  const rl = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
  let line = 0;
  try {
    for await (const raw of rl) {
      line++;
      const value = (line === 1 ? raw.replace(/^\uFEFF/, '') : raw).trim();
      if (value === '' || value.startsWith('#')) continue;
      yield { line, value };
    }
  } finally {
    rl.close();
  }
}

/** Groups a stream of items into arrays of at most `size`. */
export async function* batchesOf<T>(
  items: AsyncIterable<T> | Iterable<T>,
  size: number,
): AsyncGenerator<T[]> {
  let batch: T[] = [];
  for await (const item of items) {
    batch.push(item);
    if (batch.length >= size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}
