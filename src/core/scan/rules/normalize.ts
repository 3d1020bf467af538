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

/*
 * How it runs: every message goes through here, so nothing is built per character. One table lookup
 * classifies each UTF-16 code (CLASS below); the folded codes of the words, their original ranges and where
 * each word starts go into buffers kept between calls (the core is synchronous: a call finishes before the
 * next begins). A second pass over the words joins the split runs, undoes the digit swaps and writes the
 * normalized codes with their offset map into output buffers. The string is made from those codes at the end
 * (`normalize`), or only when a regex needs it (`normalizeInPlace`, for evaluate.ts).
 */

const SPACE = 0x20;
const AT = 0x40;
// Digit-for-letter swaps, applied only inside words that also hold letters (`ch0 vay`, `t1en`): the letter a
// code reads as, or 0 for none. `@` reads as `a` too.
const LEET = new Uint8Array(128);
LEET[0x30] = 0x6f; // 0 -> o
LEET[0x31] = 0x69; // 1 -> i
LEET[0x33] = 0x65; // 3 -> e
LEET[0x34] = 0x61; // 4 -> a
LEET[0x35] = 0x73; // 5 -> s
LEET[0x37] = 0x74; // 7 -> t
LEET[AT] = 0x61;
// A run of single characters is read as one hidden word only from this length: `O T P`, not `ở à`.
const MIN_SPLIT_RUN = 3;

// What a UTF-16 code is to the normalizer. Below 0x80: the folded code of a word character (`a-z`, `0-9`, or
// `@`). Otherwise one of these, and for a separator the separator itself in the low byte.
const SPLITTER = 0x100; // | the char: separators that, put between single letters, hide a word
const BREAK = 0x200; // any other character: a word break, not a splitter
const INVISIBLE = 0x400; // zero-width, soft hyphen, BOM: skipped as if absent, even inside a word
const SILENT = 0x800; // combining marks, Greek and Cyrillic: part of the word before, folding to nothing

// Every code below U+2000 (ASCII, Latin, Greek, Cyrillic, combining marks, Vietnamese) from a 16 KiB
// table; the few above it that matter (zero-width, fullwidth forms, the ideographic space) from classAbove.
const TABLE_SIZE = 0x2000;
const SPLITTERS = [0x2e, 0x2d, 0x5f, 0x20, 0x2a, 0xb7]; // . - _ space * ·

/** The class of `code`, as the table holds it. */
function classify(code: number): number {
  if (code === 0xad || (code >= 0x200b && code <= 0x200d) || code === 0x2060 || code === 0xfeff) {
    return INVISIBLE;
  }
  let c = code;
  if (c >= 0xff01 && c <= 0xff5e)
    c -= 0xfee0; // fullwidth forms read as ASCII
  else if (c === 0x3000) c = SPACE; // ideographic space
  const f = c === AT ? AT : foldCode(c);
  if (f !== 0) return f;
  if ((c >= 0x300 && c <= 0x36f) || (c >= 0x370 && c <= 0x52f)) return SILENT;
  return SPLITTERS.includes(c) ? SPLITTER | c : BREAK;
}

const CLASS = new Uint16Array(TABLE_SIZE);
for (let code = 0; code < TABLE_SIZE; code++) CLASS[code] = classify(code);
// Above the table, only these codes are not a plain word break.
const ABOVE = new Map<number, number>();
for (let code = TABLE_SIZE; code < 0x10000; code++) {
  const k = classify(code);
  if (k !== BREAK) ABOVE.set(code, k);
}

/** The class of a code at or above TABLE_SIZE. */
function classAbove(code: number): number {
  return ABOVE.get(code) ?? BREAK;
}

// Buffers kept between calls, grown when a message needs more. Words: folded codes with their original
// [start, end), and per word the offset of its first code and the one separator before it (-1: none, several
// chars, or not a splitter). Output: the normalized codes and their offset map. Functions read the fields
// into locals first: a module-level `let` costs a check on every read.
interface Buffers {
  codes: Uint8Array;
  codeStarts: Int32Array;
  codeEnds: Int32Array;
  wordAt: Int32Array;
  wordGap: Int32Array;
  /** Per word, 1 when it holds a digit or `@`: only such words can have digit swaps to undo. */
  wordMixed: Uint8Array;
  outCodes: Uint8Array;
  outStarts: Int32Array;
  outEnds: Int32Array;
  outLength: number;
}

function buffers(size: number): Buffers {
  return {
    codes: new Uint8Array(size),
    codeStarts: new Int32Array(size),
    codeEnds: new Int32Array(size),
    wordAt: new Int32Array(size + 1),
    wordGap: new Int32Array(size + 1),
    wordMixed: new Uint8Array(size + 1),
    outCodes: new Uint8Array(2 * size),
    outStarts: new Int32Array(2 * size),
    outEnds: new Int32Array(2 * size),
    outLength: 0,
  };
}

const B: Buffers = buffers(256);

/** Makes every buffer hold what a text of `n` UTF-16 codes can need (the output: a space per code at most). */
function reserve(n: number): void {
  if (B.codes.length > n) return;
  Object.assign(B, buffers(Math.max(256, n + 1)));
}

/** Normalizes `text` for phrase and regex matching, keeping the offset map back to `text`. */
export function normalize(text: string): Normalized {
  const n = normalizeInPlace(typeof text === 'string' ? text : '');
  return { text: normalizedText(), starts: B.outStarts.slice(0, n), ends: B.outEnds.slice(0, n) };
}

/**
 * Normalizes `text` into the module's output buffers (read them with normalizedCodes, normalizedStarts,
 * normalizedEnds and normalizedText before the next call); returns the normalized length.
 */
export function normalizeInPlace(text: string): number {
  const n = text.length;
  reserve(n);
  const { codes, codeStarts, codeEnds, wordAt, wordGap, wordMixed } = B;
  // Pass 1: the words, as folded codes.
  let nc = 0;
  let nw = 0;
  let inWord = false;
  let gapChar = -1;
  let gapLen = 0;
  for (let i = 0; i < n; i++) {
    const code = text.charCodeAt(i);
    const k = code < TABLE_SIZE ? CLASS[code]! : classAbove(code);
    if (k < 0x80) {
      if (!inWord) {
        wordAt[nw] = nc;
        wordMixed[nw] = 0;
        wordGap[nw++] = gapLen === 1 ? gapChar : -1;
        inWord = true;
      }
      if (k < 0x61) wordMixed[nw - 1] = 1; // a digit or `@`
      codes[nc] = k;
      codeStarts[nc] = i;
      codeEnds[nc++] = i + 1;
    } else if (k === INVISIBLE) {
      continue;
    } else if (k === SILENT && inWord) {
      codeEnds[nc - 1] = i + 1; // a mark belongs to the letter before it
    } else {
      if (inWord) {
        inWord = false;
        gapLen = 0;
      }
      gapLen++;
      gapChar = (k & SPLITTER) !== 0 ? k & 0xff : -2;
    }
  }
  wordAt[nw] = nc;
  // Pass 2: join runs of one-char words split by the same separator (`c.h.u.y.e.n`), left to right, and
  // write each word out.
  let o = 0;
  let w = 0;
  while (w < nw) {
    let j = w + 1;
    if (wordAt[w + 1]! - wordAt[w]! === 1 && j < nw) {
      const sep = wordGap[j]!;
      while (sep >= 0 && j < nw && wordAt[j + 1]! - wordAt[j]! === 1 && wordGap[j] === sep) j++;
    }
    if (j - w >= MIN_SPLIT_RUN) {
      let mixed = 0;
      for (let k = w; k < j; k++) mixed |= wordMixed[k]!;
      o = writeWord(B, o, wordAt[w]!, wordAt[j]!, mixed !== 0);
    } else {
      for (let k = w; k < j; k++) o = writeWord(B, o, wordAt[k]!, wordAt[k + 1]!, wordMixed[k] !== 0);
    }
    w = j;
  }
  B.outLength = o;
  return o;
}

/**
 * Writes the word of codes [from, to) at output offset `o`; returns the new output length. Digit swaps are
 * undone in a word with at least two letters and no run of three digits (`t1en`, `0TP`, `kh0an`; `123456`,
 * `500k`, `x2`, `0912abc` stay), an `@` that was no letter is dropped, repeated letters are collapsed
 * (`khoaaan`; digits never are), and a space goes before the word unless it is the first.
 */
function writeWord(b: Buffers, o: number, from: number, to: number, mixed: boolean): number {
  const { codes, codeStarts, codeEnds, outCodes, outStarts, outEnds } = b;
  let letters = 0;
  let swaps = 0;
  let digitRun = 0;
  // A word of letters only (`mixed` false) has no swap to undo: the count below would find none.
  let leet = mixed;
  for (let i = from; leet && i < to; i++) {
    const c = codes[i]!;
    if (c >= 0x61) letters++;
    if (c >= 0x30 && c <= 0x39) {
      if (++digitRun >= 3) {
        leet = false;
        break;
      }
    } else digitRun = 0;
    if (LEET[c] !== 0) swaps++;
  }
  if (letters < 2 || swaps === 0) leet = false;
  let last = -1;
  for (let i = from; i < to; i++) {
    let c = codes[i]!;
    if (leet && LEET[c] !== 0) c = LEET[c]!;
    if (c === AT) continue; // an @ that was no letter
    if (c === last && c >= 0x61) {
      outEnds[o - 1] = codeEnds[i]!; // repeated letter: `khoaaan` is `khoan`
      continue;
    }
    if (last === -1 && o > 0) {
      // The space maps to the gap between the two words.
      outCodes[o] = SPACE;
      outStarts[o] = outEnds[o - 1]!;
      outEnds[o++] = codeStarts[i]!;
    }
    outCodes[o] = c;
    outStarts[o] = codeStarts[i]!;
    outEnds[o++] = codeEnds[i]!;
    last = c;
  }
  return o;
}

/** The codes of the last normalizeInPlace (valid until the next call): `a-z`, `0-9` and single spaces. */
export function normalizedCodes(): Uint8Array {
  return B.outCodes;
}

/** For normalized char i of the last normalizeInPlace, where in the original text it starts. */
export function normalizedStarts(): Int32Array {
  return B.outStarts;
}

/** For normalized char i of the last normalizeInPlace, where in the original text it ends. */
export function normalizedEnds(): Int32Array {
  return B.outEnds;
}

// The output is ASCII: decoded as Latin-1, the quickest way here from bytes to a string.
const LATIN1 = new TextDecoder('latin1');

/** The text of the last normalizeInPlace. */
export function normalizedText(): string {
  return LATIN1.decode(B.outCodes.subarray(0, B.outLength));
}
