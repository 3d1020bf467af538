/**
 * Aho–Corasick over the normalized alphabet (`a-z`, `0-9`, space), as a full transition table: one table
 * read per character of the message, whatever the number of phrases. Matches count only on word
 * boundaries, so `an` never fires inside `ban`.
 */

export const ALPHABET = 37; // a-z, 0-9, space

/** The column of a normalized char, or -1 for any other (which resets to the root). */
function column(c: number): number {
  if (c >= 0x61 && c <= 0x7a) return c - 0x61;
  if (c >= 0x30 && c <= 0x39) return 26 + c - 0x30;
  return c === 0x20 ? 36 : -1;
}

const COLUMNS = new Uint8Array(128);
for (let c = 0; c < 128; c++) COLUMNS[c] = Math.max(0, column(c));

/**
 * The column of `c`, which must be a normalized char (`a-z`, `0-9` or a space, as normalize.ts writes them):
 * one table read, for the scan of normalized codes in evaluate.ts.
 */
export function columnOf(c: number): number {
  return COLUMNS[c]!;
}

/** A compiled automaton over a list of normalized patterns. */
export interface Automaton {
  readonly next: Int32Array;
  /** For each state, the patterns ending there (its own and those of its dictionary suffixes). */
  readonly outputs: readonly (readonly number[])[];
  readonly lengths: Int32Array;
}

/** Builds the automaton for `patterns` (normalized: only `a-z0-9` and single inner spaces). */
export function buildAutomaton(patterns: readonly string[]): Automaton {
  const trie: number[][] = [new Array<number>(ALPHABET).fill(-1)];
  const own: number[][] = [[]];
  patterns.forEach((p, id) => {
    let s = 0;
    for (let i = 0; i < p.length; i++) {
      const col = column(p.charCodeAt(i));
      if (col < 0) return; // compile.ts normalizes first, so this is never reached
      const row = trie[s]!;
      if (row[col]! < 0) {
        row[col] = trie.length;
        trie.push(new Array<number>(ALPHABET).fill(-1));
        own.push([]);
      }
      s = row[col]!;
    }
    own[s]!.push(id);
  });
  const n = trie.length;
  const next = new Int32Array(n * ALPHABET);
  const fail = new Int32Array(n);
  const outputs: number[][] = own.map((o) => o.slice());
  // Breadth first: a state's failure link is settled before its children need it.
  const queue: number[] = [];
  for (let col = 0; col < ALPHABET; col++) {
    const child = trie[0]![col]!;
    next[col] = child < 0 ? 0 : child;
    if (child > 0) queue.push(child);
  }
  for (let q = 0; q < queue.length; q++) {
    const s = queue[q]!;
    outputs[s]!.push(...outputs[fail[s]!]!);
    for (let col = 0; col < ALPHABET; col++) {
      const child = trie[s]![col]!;
      const viaFail = next[fail[s]! * ALPHABET + col]!;
      if (child < 0) next[s * ALPHABET + col] = viaFail;
      else {
        next[s * ALPHABET + col] = child;
        fail[child] = viaFail;
        queue.push(child);
      }
    }
  }
  return { next, outputs, lengths: Int32Array.from(patterns, (p) => p.length) };
}

/**
 * Calls `onMatch(pattern, start, end)` for every occurrence in `text` (normalized) that starts and ends on
 * a word boundary, in order of `end`.
 */
export function scan(
  a: Automaton,
  text: string,
  onMatch: (pattern: number, start: number, end: number) => void,
): void {
  let s = 0;
  for (let i = 0; i < text.length; i++) {
    const col = column(text.charCodeAt(i));
    s = col < 0 ? 0 : a.next[s * ALPHABET + col]!;
    const out = a.outputs[s]!;
    if (out.length === 0) continue;
    const end = i + 1;
    if (end < text.length && text.charCodeAt(end) !== 0x20) continue;
    for (const p of out) {
      const start = end - a.lengths[p]!;
      if (start === 0 || text.charCodeAt(start - 1) === 0x20) onMatch(p, start, end);
    }
  }
}
