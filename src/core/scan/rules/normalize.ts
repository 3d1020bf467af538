import { foldCode } from '../extract/fold.js';

/**
 * The matching form of a message: words of `a-z0-9` separated by one space. Folding (lower case, diacritics
 * off, đ -> d) reuses the extractor's table; on top of it the evasions scammers use are undone so that one
 * phrase catches them all. `starts[i]`/`ends[i]` give, for normalized char i, the original UTF-16 range it
 * came from, so a match on the normalized form reports a span in the original text.
 */
export interface Normalized {
  readonly text: string;
  readonly starts: Int32Array;
  readonly ends: Int32Array;
}

const SPACE = 0x20;
const AT = 0x40;
// Separators that, put between single letters, hide a word: `c.h.u.y.e.n`, `O T P`, `k-h-o-a-n`, `m_a`.
const SPLITTERS = new Set([0x2e, 0x2d, 0x5f, 0x20, 0x2a, 0xb7]);
// Digit-for-letter swaps, applied only inside words that also hold letters (`ch0 vay`, `t1en`).
const LEET: Record<number, number> = {
  0x30: 0x6f,
  0x31: 0x69,
  0x33: 0x65,
  0x34: 0x61,
  0x35: 0x73,
  0x37: 0x74,
};
// A run of single characters is read as one hidden word only from this length: `O T P`, not `ở à`.
const MIN_SPLIT_RUN = 3;

/** Whether `c` is invisible and can sit inside a word without breaking it (zero-width, soft hyphen, BOM). */
function isInvisible(c: number): boolean {
  return c === 0xad || (c >= 0x200b && c <= 0x200d) || c === 0x2060 || c === 0xfeff;
}

/** Whether `c` belongs to a word but folds to nothing: combining marks, Greek or Cyrillic letters. */
function isSilentLetter(c: number): boolean {
  return (c >= 0x300 && c <= 0x36f) || (c >= 0x370 && c <= 0x52f);
}

interface Token {
  codes: number[];
  starts: number[];
  ends: number[];
  /** The one separator char between the previous token and this one, or -1 (none, several, or other). */
  gap: number;
}

/** Normalizes `text` for phrase and regex matching, keeping the offset map back to `text`. */
export function normalize(text: string): Normalized {
  const tokens = readTokens(typeof text === 'string' ? text : '');
  const joined = joinSplitRuns(tokens);
  let out = '';
  const starts: number[] = [];
  const ends: number[] = [];
  for (const tok of joined) {
    deLeet(tok);
    let last = -1;
    for (let i = 0; i < tok.codes.length; i++) {
      const c = tok.codes[i]!;
      if (c === AT) continue; // an @ that was no letter
      if (c === last && c >= 0x61) {
        ends[ends.length - 1] = tok.ends[i]!; // repeated letter: `khoaaan` is `khoan`; digits stay as they are
        continue;
      }
      if (last === -1 && out.length > 0) {
        // The space maps to the gap between the two words.
        starts.push(ends[ends.length - 1]!);
        ends.push(tok.starts[i]!);
        out += ' ';
      }
      out += String.fromCharCode(c);
      starts.push(tok.starts[i]!);
      ends.push(tok.ends[i]!);
      last = c;
    }
  }
  return { text: out, starts: Int32Array.from(starts), ends: Int32Array.from(ends) };
}

/** Splits `text` into words of folded codes, noting the separator before each. */
function readTokens(text: string): Token[] {
  const tokens: Token[] = [];
  let cur: Token | undefined;
  let gapChar = -1;
  let gapLen = 0;
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (isInvisible(c)) continue;
    if (c >= 0xff01 && c <= 0xff5e)
      c -= 0xfee0; // fullwidth forms to ASCII
    else if (c === 0x3000) c = SPACE;
    const f = c === AT ? AT : foldCode(c);
    if (f !== 0) {
      if (cur === undefined) {
        cur = { codes: [], starts: [], ends: [], gap: gapLen === 1 ? gapChar : -1 };
        tokens.push(cur);
      }
      cur.codes.push(f);
      cur.starts.push(i);
      cur.ends.push(i + 1);
      continue;
    }
    if (cur !== undefined && isSilentLetter(c)) {
      cur.ends[cur.ends.length - 1] = i + 1; // a mark belongs to the letter before it
      continue;
    }
    if (cur !== undefined) {
      cur = undefined;
      gapLen = 0;
    }
    gapLen++;
    gapChar = SPLITTERS.has(c) ? c : -2;
  }
  return tokens;
}

/** Joins runs of one-character words split by the same separator: `c.h.u.y.e.n` -> `chuyen`. */
function joinSplitRuns(tokens: Token[]): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < tokens.length) {
    const first = tokens[i]!;
    let j = i + 1;
    if (first.codes.length === 1) {
      const sep = tokens[j]?.gap ?? -1;
      while (sep >= 0 && j < tokens.length && tokens[j]!.codes.length === 1 && tokens[j]!.gap === sep) j++;
    }
    if (j - i >= MIN_SPLIT_RUN) {
      const merged: Token = { codes: [], starts: [], ends: [], gap: first.gap };
      for (let k = i; k < j; k++) {
        const t = tokens[k]!;
        merged.codes.push(...t.codes);
        merged.starts.push(...t.starts);
        merged.ends.push(...t.ends);
      }
      out.push(merged);
    } else {
      for (let k = i; k < j; k++) out.push(tokens[k]!);
    }
    i = j;
  }
  return out;
}

/**
 * Undoes digit-for-letter swaps in a word with at least two letters and no run of three digits: `t1en`,
 * `0TP`, `kh0an`. Real numbers (`123456`, `500k`, `x2`, `0912abc`) are left alone.
 */
function deLeet(tok: Token): void {
  let letters = 0;
  let swaps = 0;
  let digitRun = 0;
  for (const c of tok.codes) {
    if (c >= 0x61) letters++;
    if (c >= 0x30 && c <= 0x39) {
      if (++digitRun >= 3) return;
    } else digitRun = 0;
    if (c === AT || LEET[c] !== undefined) swaps++;
  }
  if (letters < 2 || swaps === 0) return;
  for (let i = 0; i < tok.codes.length; i++) {
    const c = tok.codes[i]!;
    tok.codes[i] = c === AT ? 0x61 : (LEET[c] ?? c);
  }
}
