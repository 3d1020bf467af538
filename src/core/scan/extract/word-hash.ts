import { isDigit, isSentenceEnd, isWordChar } from './char-classes.js';
import { foldCode, foldRange } from './fold.js';

// The words before a position, read backwards and compared with keywords without building strings: each word
// is hashed while it is read (FNV-1a over its folded codes, last character first) and folded into a string
// only when its hash is a keyword's. Words fold as bank names do (lower case, no diacritics), so `Số tài
// khoản`, `so tai khoan` and `SO TAI KHOAN` read alike.

const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;
const MAX_WORDS = 8;
// Hashes are kept to 30 bits: small integers are map keys V8 hashes without allocating.
const HASH_MASK = 0x3fffffff;

// The words read by the last call to readWordsBefore, nearest first. The core is synchronous: each caller
// reads them before anything else can call readWordsBefore again.
const HASH = new Int32Array(MAX_WORDS);
const START = new Int32Array(MAX_WORDS);
const END = new Int32Array(MAX_WORDS);

/**
 * Reads up to `maxWords` words before `pos` (nearest first), within `maxChars`, stopping at a sentence end
 * and at a word holding a digit (another number, whose own words these are not); returns how many.
 */
export function readWordsBefore(text: string, pos: number, maxChars: number, maxWords: number): number {
  let count = 0;
  const limit = Math.max(0, pos - maxChars);
  const most = Math.min(maxWords, MAX_WORDS);
  let i = pos - 1;
  while (i >= limit && count < most) {
    if (!isWordChar(text.charCodeAt(i))) {
      if (isSentenceEnd(text, i)) break;
      i--;
      continue;
    }
    const end = i + 1;
    let h = FNV_OFFSET;
    for (; i >= 0; i--) {
      const c = text.charCodeAt(i);
      if (!isWordChar(c)) break;
      if (isDigit(c)) return count;
      const f = foldCode(c);
      if (f !== 0) h = Math.imul(h ^ f, FNV_PRIME);
    }
    HASH[count] = h & HASH_MASK;
    START[count] = i + 1;
    END[count] = end;
    count++;
  }
  return count;
}

/** The hash readWordsBefore gives a folded word. */
function backwardHash(word: string): number {
  let h = FNV_OFFSET;
  for (let k = word.length - 1; k >= 0; k--) h = Math.imul(h ^ word.charCodeAt(k), FNV_PRIME);
  return h & HASH_MASK;
}

/** Folded keywords, looked up by the hash of a word just read. */
export class Keywords {
  private readonly byHash = new Map<number, string[]>();

  constructor(words: readonly string[]) {
    for (const word of words) {
      const h = backwardHash(word);
      const list = this.byHash.get(h);
      if (list === undefined) this.byHash.set(h, [word]);
      else list.push(word);
    }
  }

  /** The keyword that word `k` of the last read is, or undefined. */
  match(text: string, k: number): string | undefined {
    const list = this.byHash.get(HASH[k]!);
    if (list === undefined) return undefined;
    const word = foldRange(text, START[k]!, END[k]!);
    return list.includes(word) ? word : undefined;
  }
}

/** Keywords of one or two words ("STK", "tai khoan"): the last two words of a longer phrase suffice. */
export class Phrases {
  private readonly single: Keywords;
  private readonly later: Keywords;
  private readonly earlier: Keywords;
  private readonly pairs = new Map<string, string[]>();

  constructor(phrases: readonly string[]) {
    const singles: string[] = [];
    for (const phrase of phrases) {
      const space = phrase.indexOf(' ');
      if (space < 0) {
        singles.push(phrase);
        continue;
      }
      const first = phrase.slice(0, space);
      const second = phrase.slice(space + 1);
      const list = this.pairs.get(second);
      if (list === undefined) this.pairs.set(second, [first]);
      else list.push(first);
    }
    this.single = new Keywords(singles);
    this.later = new Keywords([...this.pairs.keys()]);
    this.earlier = new Keywords([...this.pairs.values()].flat());
  }

  /** Whether words [0, count) of the last readWordsBefore hold one of the phrases. */
  foundIn(text: string, count: number): boolean {
    for (let k = 0; k < count; k++) {
      if (this.single.match(text, k) !== undefined) return true;
      if (k + 1 >= count) continue;
      const second = this.later.match(text, k);
      if (second === undefined) continue;
      const first = this.earlier.match(text, k + 1); // words come nearest first
      if (first !== undefined && this.pairs.get(second)!.includes(first)) return true;
    }
    return false;
  }
}
