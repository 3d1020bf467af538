import { BANKS, foldBankName, type Bank } from '../../observables/banks.js';
import { isInlineSpace, isWordChar } from './char-classes.js';
import { foldCode } from './fold.js';

// Every name, code and alias of every bank (banks.ts), folded as `foldBankName` folds them (`Vietcom Bank`
// and `Vietcombank` are both `vietcombank`), in two tries over a-z: one walked forward from a word start, one
// backward from a word end. Text is walked char by char through its words and the spaces or hyphens between
// them, so `Vietcom bank`, `MB Bank` and `Sài Gòn - Hà Nội` meet their keys, and a word that starts no name
// costs a lookup or two and builds no string.

/**
 * How far a name alone says "bank". Weak: a descriptive phrase that is also ordinary language (`Quốc tế`,
 * `Nông nghiệp`), which counts only after "ngân hàng". Ambiguous: a short code that is also a common word
 * (`MB`: megabytes, miền Bắc), which counts only right next to an account after an account word. Strong: a
 * name, code or alias that means the bank.
 */
export const Strength = { Weak: 0, Ambiguous: 1, Strong: 2 } as const;
/** One of the `Strength` values. */
export type Strength = (typeof Strength)[keyof typeof Strength];

const AMBIGUOUS = new Set(['mb', 'cake']);
// Longest name in words: "Ngân hàng Thương mại TNHH MTV Dầu Khí Toàn Cầu" has ten.
const MAX_WORDS = 12;
const MAX_GAP = 3;

// The folded names, each with its strength; no key holds a digit (BINs are found as numbers).
const keys = new Map<string, Strength>();

function addKey(name: string, strength: Strength): void {
  const key = foldBankName(name);
  if (key === '' || !/^[a-z]+$/.test(key)) return;
  const known = keys.get(key);
  keys.set(key, known === undefined || strength > known ? strength : known);
}

/** An alias is strong when it is one word, says "bank", or holds the bank's own name or code. */
function aliasStrength(bank: Bank, alias: string): Strength {
  const key = foldBankName(alias);
  if (!/[\s_-]/u.test(alias.trim())) return AMBIGUOUS.has(key) ? Strength.Ambiguous : Strength.Strong;
  if (key.includes('bank') || key.startsWith('nganhang')) return Strength.Strong;
  const name = foldBankName(bank.name);
  const short = foldBankName(bank.short);
  if (key.includes(name) || (short.length >= 3 && key.includes(short))) return Strength.Strong;
  return Strength.Weak;
}

for (const bank of BANKS) {
  addKey(bank.short, aliasStrength(bank, bank.short));
  addKey(bank.name, aliasStrength(bank, bank.name));
  addKey(bank.legalName, Strength.Strong);
  for (const alias of bank.aliases) addKey(alias, aliasStrength(bank, alias));
}

/** A trie over a-z: CHILD[node * 26 + letter] is the next node or 0; STRENGTH[node] ends a name, or -1. */
interface Trie {
  readonly child: Uint16Array | Uint32Array;
  readonly strength: Int8Array;
}

function buildTrie(reversed: boolean): Trie {
  // One node per distinct prefix (suffix, reversed), plus the root: a few thousand, 16-bit slots.
  const prefixes = new Set<string>();
  for (const key of keys.keys()) {
    for (let k = 1; k <= key.length; k++) prefixes.add(reversed ? key.slice(-k) : key.slice(0, k));
  }
  const size = prefixes.size + 1;
  const child = size < 0x10000 ? new Uint16Array(size * 26) : new Uint32Array(size * 26);
  const strength = new Int8Array(size).fill(-1);
  let count = 1;
  for (const [key, s] of keys) {
    let node = 0;
    for (let k = 0; k < key.length; k++) {
      const slot = node * 26 + key.charCodeAt(reversed ? key.length - 1 - k : k) - 0x61;
      if (child[slot] === 0) child[slot] = count++;
      node = child[slot]!;
    }
    strength[node] = s;
  }
  return { child, strength };
}

// Forward for names read from their start; reversed for a name that must end just before a number.
const FORWARD = buildTrie(false);
const REVERSED = buildTrie(true);
const CHILD = FORWARD.child;
const STRENGTH = FORWARD.strength;

/** Whether only inline spaces, hyphens and `&` (at most MAX_GAP) lie in `text[from, to)`. */
function isNameGap(text: string, from: number, to: number): boolean {
  if (to - from > MAX_GAP) return false;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (!isInlineSpace(c) && c !== 0x2d && c !== 0x26) return false;
  }
  return true;
}

// Set by matchNameAt and matchNameEndingAt: the strength of the name matched.
let matched: Strength = Strength.Weak;

/** The strength of the name the last successful match found. */
export function matchedStrength(): Strength {
  return matched;
}

/** Whether a name starts with the folded letter `f`. */
export function startsName(f: number): boolean {
  return f >= 0x61 && f <= 0x7a && CHILD[f - 0x61] !== 0;
}

/**
 * The end of the longest name starting at the word at `start` and ending at a word end before `to`, or -1;
 * sets `matchedStrength`.
 */
export function matchNameAt(text: string, start: number, to: number): number {
  let node = 0;
  let x = start;
  let words = 0;
  let matchEnd = -1;
  for (;;) {
    while (x < to) {
      const c = text.charCodeAt(x);
      if (!isWordChar(c)) break;
      x++;
      const f = foldCode(c);
      if (f === 0) continue;
      if (f < 0x61) return matchEnd; // a digit: no name holds one
      node = CHILD[node * 26 + f - 0x61]!;
      if (node === 0) return matchEnd;
    }
    const strength = STRENGTH[node]!;
    if (strength >= 0) {
      matchEnd = x;
      matched = strength as Strength;
    }
    if (++words === MAX_WORDS) return matchEnd;
    let next = x;
    while (next < to && next - x <= MAX_GAP && !isWordChar(text.charCodeAt(next))) next++;
    if (next === x || next >= to || !isNameGap(text, x, next)) return matchEnd;
    x = next;
  }
}

/**
 * The start of the longest name that ends at `end` (a word end) and starts at a word start, or -1; sets
 * `matchedStrength`. Walks the reversed names backwards through the words before `end`.
 */
export function matchNameEndingAt(text: string, end: number): number {
  const child = REVERSED.child;
  let node = 0;
  let x = end;
  let words = 0;
  let start = -1;
  for (;;) {
    while (x > 0) {
      const c = text.charCodeAt(x - 1);
      if (!isWordChar(c)) break;
      const f = foldCode(c);
      if (f !== 0 && f < 0x61) {
        node = 0; // a digit: no name holds one
        break;
      }
      x--;
      if (f === 0) continue;
      node = child[node * 26 + f - 0x61]!;
      if (node === 0) break;
    }
    if (node === 0 || (x > 0 && isWordChar(text.charCodeAt(x - 1)))) break;
    const s = REVERSED.strength[node]!;
    if (s >= 0) {
      start = x;
      matched = s as Strength;
    }
    if (++words === MAX_WORDS) break;
    let g = x;
    while (g > 0 && x - g <= MAX_GAP && !isWordChar(text.charCodeAt(g - 1))) g--;
    if (g === x || g === 0 || !isNameGap(text, g, x)) break;
    x = g;
  }
  return start === end ? -1 : start;
}
