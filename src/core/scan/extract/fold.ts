import { foldBankName } from '../../observables/banks.js';

// Character folding as `foldBankName` folds (lower case, diacritics removed, đ -> d, anything but a letter or
// digit dropped), one char code at a time from a table, so that words can be compared and bank names walked
// in a trie without building a string per word or normalizing the text. banks.ts stays the reference:
// fold.test.ts checks this table against `foldBankName` for every code it covers.

// Word characters (char-classes.ts) all lie below U+2000 except the fullwidth forms, which NFD keeps as they
// are, so foldBankName drops them; the table covers the codes below U+2000 and every other code folds to 0.
const TABLE_SIZE = 0x2000;
const FOLD = new Uint8Array(TABLE_SIZE);

for (let c = 0; c < TABLE_SIZE; c++) {
  if (c >= 0xd800) break; // never reached: the table ends well below the surrogates
  const folded = foldBankName(String.fromCharCode(c));
  // NFD of one precomposed letter is its base letter and marks; foldBankName keeps at most the base.
  if (folded.length === 1) FOLD[c] = folded.charCodeAt(0);
}

/** The folded ASCII code of `c` (a-z or 0-9), or 0 when folding drops it. */
export function foldCode(c: number): number {
  return c < TABLE_SIZE ? FOLD[c]! : 0;
}

/** `foldBankName(text.slice(start, end))`, without normalizing: `Tài Khoản` gives `taikhoan`. */
export function foldRange(text: string, start: number, end: number): string {
  let clean = true; // already lower-case ASCII letters and digits
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (!((c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39))) {
      clean = false;
      break;
    }
  }
  if (clean) return text.slice(start, end);
  let out = '';
  for (let i = start; i < end; i++) {
    const f = foldCode(text.charCodeAt(i));
    if (f !== 0) out += String.fromCharCode(f);
  }
  return out;
}
