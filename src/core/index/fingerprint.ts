/**
 * A 64-bit fingerprint of a key string: the first 64 bits (h1, h2) of MurmurHash3_x86_128 over the string's
 * UTF-16LE code units, computed with `Math.imul` and `charCodeAt`, so it allocates nothing and never encodes
 * the string to bytes.
 *
 * Collisions. For n distinct keys the chance that any two share a fingerprint is about n² / 2⁶⁵: 3·10⁻⁶ at
 * 10 million keys, 7·10⁻⁵ at 50 million. A lookup value that is not an indicator matches some indicator's
 * fingerprint with probability about n / 2⁶⁴ (5·10⁻¹³ per key at 10 million). Such a false match would make
 * the index report an indicator for a value that is not it, so the index returns candidate ids and the
 * caller confirms each hit against the keys the indicator is stored under (its row's `keys` column); a
 * collision then costs one extra comparison, never a wrong answer. MurmurHash3 is not keyed against adversaries: whoever can choose many
 * indicator keys could make them share a fingerprint, which lengthens one id list but cannot forge a match.
 */

const SEED = 0;
const C1 = 0x239b961b;
const C2 = 0xab0e9789 | 0;
const C3 = 0x38b34ae5;
const C4 = 0xa1e38b93 | 0;

/** Writes the fingerprint of `key` into `out`: out[0] is the high half, out[1] the low half (int32 bit patterns). */
export function fingerprint(key: string, out: Int32Array): void {
  const n = key.length;
  let h1 = SEED;
  let h2 = SEED;
  let h3 = SEED;
  let h4 = SEED;
  let i = 0;
  // Eight code units make one 16-byte block; two units make one little-endian 32-bit word.
  for (const end = n - 7; i < end; i += 8) {
    let k1 = key.charCodeAt(i) | (key.charCodeAt(i + 1) << 16);
    let k2 = key.charCodeAt(i + 2) | (key.charCodeAt(i + 3) << 16);
    let k3 = key.charCodeAt(i + 4) | (key.charCodeAt(i + 5) << 16);
    let k4 = key.charCodeAt(i + 6) | (key.charCodeAt(i + 7) << 16);
    k1 = Math.imul(k1, C1);
    k1 = (k1 << 15) | (k1 >>> 17);
    h1 ^= Math.imul(k1, C2);
    h1 = (h1 << 19) | (h1 >>> 13);
    h1 = (Math.imul((h1 + h2) | 0, 5) + 0x561ccd1b) | 0;
    k2 = Math.imul(k2, C2);
    k2 = (k2 << 16) | (k2 >>> 16);
    h2 ^= Math.imul(k2, C3);
    h2 = (h2 << 17) | (h2 >>> 15);
    h2 = (Math.imul((h2 + h3) | 0, 5) + 0x0bcaa747) | 0;
    k3 = Math.imul(k3, C3);
    k3 = (k3 << 17) | (k3 >>> 15);
    h3 ^= Math.imul(k3, C4);
    h3 = (h3 << 15) | (h3 >>> 17);
    h3 = (Math.imul((h3 + h4) | 0, 5) + 0x96cd1c35) | 0;
    k4 = Math.imul(k4, C4);
    k4 = (k4 << 18) | (k4 >>> 14);
    h4 ^= Math.imul(k4, C1);
    h4 = (h4 << 13) | (h4 >>> 19);
    h4 = (Math.imul((h4 + h1) | 0, 5) + 0x32ac3b17) | 0;
  }
  // The tail: up to seven code units, i.e. up to four partial words, mixed without the h-rounds.
  const r = n - i;
  if (r > 0) {
    let k = key.charCodeAt(i) | (r > 1 ? key.charCodeAt(i + 1) << 16 : 0);
    k = Math.imul(k, C1);
    k = (k << 15) | (k >>> 17);
    h1 ^= Math.imul(k, C2);
    if (r > 2) {
      k = key.charCodeAt(i + 2) | (r > 3 ? key.charCodeAt(i + 3) << 16 : 0);
      k = Math.imul(k, C2);
      k = (k << 16) | (k >>> 16);
      h2 ^= Math.imul(k, C3);
      if (r > 4) {
        k = key.charCodeAt(i + 4) | (r > 5 ? key.charCodeAt(i + 5) << 16 : 0);
        k = Math.imul(k, C3);
        k = (k << 17) | (k >>> 15);
        h3 ^= Math.imul(k, C4);
        if (r > 6) {
          k = Math.imul(key.charCodeAt(i + 6), C4);
          k = (k << 18) | (k >>> 14);
          h4 ^= Math.imul(k, C1);
        }
      }
    }
  }
  const bytes = n << 1;
  h1 ^= bytes;
  h2 ^= bytes;
  h3 ^= bytes;
  h4 ^= bytes;
  h1 = (h1 + h2 + h3 + h4) | 0;
  h2 = (h2 + h1) | 0;
  h3 = (h3 + h1) | 0;
  h4 = (h4 + h1) | 0;
  h1 = fmix32(h1);
  h2 = fmix32(h2);
  h3 = fmix32(h3);
  h4 = fmix32(h4);
  h1 = (h1 + h2 + h3 + h4) | 0;
  out[0] = h1;
  out[1] = (h2 + h1) | 0;
}

/**
 * The fingerprint of the key `<letter>:` + `body.slice(start, end)` (`letter` a UTF-16 code unit, e.g. 0x70 for
 * `p:`), computed without building that string: identical to `fingerprint(String.fromCharCode(letter) + ':' +
 * body.slice(start, end), out)` for every input, written at `out[at]` and `out[at + 1]`. Checks hash their
 * lookup keys straight from the canonical value (a phone's E.164, a URL's host suffixes and path prefixes),
 * and never build or flatten a key string.
 */
export function fingerprintKey(
  letter: number,
  body: string,
  start: number,
  end: number,
  out: Int32Array,
  at = 0,
): void {
  const n = end - start + 2; // code units of the whole key
  const o = start - 2; // body index of the key's code unit i is o + i, for i >= 2
  const head = (letter & 0xffff) | (0x3a << 16); // the key's first word: the letter and ':'
  let h1 = SEED;
  let h2 = SEED;
  let h3 = SEED;
  let h4 = SEED;
  let i = 0;
  for (const last = n - 7; i < last; i += 8) {
    let k1 = i === 0 ? head : body.charCodeAt(o + i) | (body.charCodeAt(o + i + 1) << 16);
    let k2 = body.charCodeAt(o + i + 2) | (body.charCodeAt(o + i + 3) << 16);
    let k3 = body.charCodeAt(o + i + 4) | (body.charCodeAt(o + i + 5) << 16);
    let k4 = body.charCodeAt(o + i + 6) | (body.charCodeAt(o + i + 7) << 16);
    k1 = Math.imul(k1, C1);
    k1 = (k1 << 15) | (k1 >>> 17);
    h1 ^= Math.imul(k1, C2);
    h1 = (h1 << 19) | (h1 >>> 13);
    h1 = (Math.imul((h1 + h2) | 0, 5) + 0x561ccd1b) | 0;
    k2 = Math.imul(k2, C2);
    k2 = (k2 << 16) | (k2 >>> 16);
    h2 ^= Math.imul(k2, C3);
    h2 = (h2 << 17) | (h2 >>> 15);
    h2 = (Math.imul((h2 + h3) | 0, 5) + 0x0bcaa747) | 0;
    k3 = Math.imul(k3, C3);
    k3 = (k3 << 17) | (k3 >>> 15);
    h3 ^= Math.imul(k3, C4);
    h3 = (h3 << 15) | (h3 >>> 17);
    h3 = (Math.imul((h3 + h4) | 0, 5) + 0x96cd1c35) | 0;
    k4 = Math.imul(k4, C4);
    k4 = (k4 << 18) | (k4 >>> 14);
    h4 ^= Math.imul(k4, C1);
    h4 = (h4 << 13) | (h4 >>> 19);
    h4 = (Math.imul((h4 + h1) | 0, 5) + 0x32ac3b17) | 0;
  }
  finishKey(h1, h2, h3, h4, head, body, o, i, n, out, at);
}

/**
 * `fingerprintKey` over code units held in a byte array (an ASCII string as `encodeInto` writes it): identical to
 * `fingerprintKey(letter, s, start, end, out, at)` when `body[i]` is `s.charCodeAt(i)`. A typed array reads alike
 * whatever string the bytes came from, where `charCodeAt` slows down on strings of mixed representations.
 */
export function fingerprintKeyOfBytes(
  letter: number,
  body: Uint8Array,
  start: number,
  end: number,
  out: Int32Array,
  at = 0,
): void {
  const n = end - start + 2; // code units of the whole key
  const o = start - 2; // body index of the key's code unit i is o + i, for i >= 2
  const head = (letter & 0xffff) | (0x3a << 16); // the key's first word: the letter and ':'
  let h1 = SEED;
  let h2 = SEED;
  let h3 = SEED;
  let h4 = SEED;
  let i = 0;
  for (const last = n - 7; i < last; i += 8) {
    let k1 = i === 0 ? head : body[o + i]! | (body[o + i + 1]! << 16);
    let k2 = body[o + i + 2]! | (body[o + i + 3]! << 16);
    let k3 = body[o + i + 4]! | (body[o + i + 5]! << 16);
    let k4 = body[o + i + 6]! | (body[o + i + 7]! << 16);
    k1 = Math.imul(k1, C1);
    k1 = (k1 << 15) | (k1 >>> 17);
    h1 ^= Math.imul(k1, C2);
    h1 = (h1 << 19) | (h1 >>> 13);
    h1 = (Math.imul((h1 + h2) | 0, 5) + 0x561ccd1b) | 0;
    k2 = Math.imul(k2, C2);
    k2 = (k2 << 16) | (k2 >>> 16);
    h2 ^= Math.imul(k2, C3);
    h2 = (h2 << 17) | (h2 >>> 15);
    h2 = (Math.imul((h2 + h3) | 0, 5) + 0x0bcaa747) | 0;
    k3 = Math.imul(k3, C3);
    k3 = (k3 << 17) | (k3 >>> 15);
    h3 ^= Math.imul(k3, C4);
    h3 = (h3 << 15) | (h3 >>> 17);
    h3 = (Math.imul((h3 + h4) | 0, 5) + 0x96cd1c35) | 0;
    k4 = Math.imul(k4, C4);
    k4 = (k4 << 18) | (k4 >>> 14);
    h4 ^= Math.imul(k4, C1);
    h4 = (h4 << 13) | (h4 >>> 19);
    h4 = (Math.imul((h4 + h1) | 0, 5) + 0x32ac3b17) | 0;
  }
  finishKeyOfBytes(h1, h2, h3, h4, head, body, o, i, n, out, at);
}

// Insertion order of the ends for fingerprintKeys, by length (a run has a handful of keys).
let order = new Int32Array(16);

/**
 * `fingerprintKey` for several keys that share their letter and start: for each j in [from, to), the key
 * `<letter>:` + `body.slice(start, ends[j])`, its fingerprint written at `out[2j]`, `out[2j + 1]`. The keys are
 * prefixes of the longest, so the blocks they share are hashed once (a URL's path prefixes under one host).
 */
export function fingerprintKeys(
  letter: number,
  body: string,
  start: number,
  ends: Int32Array,
  from: number,
  to: number,
  out: Int32Array,
): void {
  const count = to - from;
  if (order.length < count) order = new Int32Array(2 * count);
  const ord = order;
  for (let j = 0; j < count; j++) {
    const e = ends[from + j]!;
    let p = j;
    while (p > 0 && ends[from + ord[p - 1]!]! > e) {
      ord[p] = ord[p - 1]!;
      p--;
    }
    ord[p] = j;
  }
  const o = start - 2;
  const head = (letter & 0xffff) | (0x3a << 16);
  let h1 = SEED;
  let h2 = SEED;
  let h3 = SEED;
  let h4 = SEED;
  let i = 0;
  for (let q = 0; q < count; q++) {
    const j = from + ord[q]!;
    const n = ends[j]! - start + 2;
    for (const last = n - 7; i < last; i += 8) {
      let k1 = i === 0 ? head : body.charCodeAt(o + i) | (body.charCodeAt(o + i + 1) << 16);
      let k2 = body.charCodeAt(o + i + 2) | (body.charCodeAt(o + i + 3) << 16);
      let k3 = body.charCodeAt(o + i + 4) | (body.charCodeAt(o + i + 5) << 16);
      let k4 = body.charCodeAt(o + i + 6) | (body.charCodeAt(o + i + 7) << 16);
      k1 = Math.imul(k1, C1);
      k1 = (k1 << 15) | (k1 >>> 17);
      h1 ^= Math.imul(k1, C2);
      h1 = (h1 << 19) | (h1 >>> 13);
      h1 = (Math.imul((h1 + h2) | 0, 5) + 0x561ccd1b) | 0;
      k2 = Math.imul(k2, C2);
      k2 = (k2 << 16) | (k2 >>> 16);
      h2 ^= Math.imul(k2, C3);
      h2 = (h2 << 17) | (h2 >>> 15);
      h2 = (Math.imul((h2 + h3) | 0, 5) + 0x0bcaa747) | 0;
      k3 = Math.imul(k3, C3);
      k3 = (k3 << 17) | (k3 >>> 15);
      h3 ^= Math.imul(k3, C4);
      h3 = (h3 << 15) | (h3 >>> 17);
      h3 = (Math.imul((h3 + h4) | 0, 5) + 0x96cd1c35) | 0;
      k4 = Math.imul(k4, C4);
      k4 = (k4 << 18) | (k4 >>> 14);
      h4 ^= Math.imul(k4, C1);
      h4 = (h4 << 13) | (h4 >>> 19);
      h4 = (Math.imul((h4 + h1) | 0, 5) + 0x32ac3b17) | 0;
    }
    finishKey(h1, h2, h3, h4, head, body, o, i, n, out, 2 * j);
  }
}

// The tail (the key's last n - i < 8 code units, as in `fingerprint`) and the finalization, for a key of n code
// units whose first word is `head` and whose unit i >= 2 is body[o + i]; a key has at least two units, so a
// tail at i = 0 starts with `head`.
function finishKey(
  h1: number,
  h2: number,
  h3: number,
  h4: number,
  head: number,
  body: string,
  o: number,
  i: number,
  n: number,
  out: Int32Array,
  at: number,
): void {
  const r = n - i;
  if (r > 0) {
    let k = i === 0 ? head : body.charCodeAt(o + i) | (r > 1 ? body.charCodeAt(o + i + 1) << 16 : 0);
    k = Math.imul(k, C1);
    k = (k << 15) | (k >>> 17);
    h1 ^= Math.imul(k, C2);
    if (r > 2) {
      k = body.charCodeAt(o + i + 2) | (r > 3 ? body.charCodeAt(o + i + 3) << 16 : 0);
      k = Math.imul(k, C2);
      k = (k << 16) | (k >>> 16);
      h2 ^= Math.imul(k, C3);
      if (r > 4) {
        k = body.charCodeAt(o + i + 4) | (r > 5 ? body.charCodeAt(o + i + 5) << 16 : 0);
        k = Math.imul(k, C3);
        k = (k << 17) | (k >>> 15);
        h3 ^= Math.imul(k, C4);
        if (r > 6) {
          k = Math.imul(body.charCodeAt(o + i + 6), C4);
          k = (k << 18) | (k >>> 14);
          h4 ^= Math.imul(k, C1);
        }
      }
    }
  }
  const bytes = n << 1;
  h1 ^= bytes;
  h2 ^= bytes;
  h3 ^= bytes;
  h4 ^= bytes;
  h1 = (h1 + h2 + h3 + h4) | 0;
  h2 = (h2 + h1) | 0;
  h3 = (h3 + h1) | 0;
  h4 = (h4 + h1) | 0;
  h1 = fmix32(h1);
  h2 = fmix32(h2);
  h3 = fmix32(h3);
  h4 = fmix32(h4);
  h1 = (h1 + h2 + h3 + h4) | 0;
  out[at] = h1;
  out[at + 1] = (h2 + h1) | 0;
}

// finishKey over bytes.
function finishKeyOfBytes(
  h1: number,
  h2: number,
  h3: number,
  h4: number,
  head: number,
  body: Uint8Array,
  o: number,
  i: number,
  n: number,
  out: Int32Array,
  at: number,
): void {
  const r = n - i;
  if (r > 0) {
    let k = i === 0 ? head : body[o + i]! | (r > 1 ? body[o + i + 1]! << 16 : 0);
    k = Math.imul(k, C1);
    k = (k << 15) | (k >>> 17);
    h1 ^= Math.imul(k, C2);
    if (r > 2) {
      k = body[o + i + 2]! | (r > 3 ? body[o + i + 3]! << 16 : 0);
      k = Math.imul(k, C2);
      k = (k << 16) | (k >>> 16);
      h2 ^= Math.imul(k, C3);
      if (r > 4) {
        k = body[o + i + 4]! | (r > 5 ? body[o + i + 5]! << 16 : 0);
        k = Math.imul(k, C3);
        k = (k << 17) | (k >>> 15);
        h3 ^= Math.imul(k, C4);
        if (r > 6) {
          k = Math.imul(body[o + i + 6]!, C4);
          k = (k << 18) | (k >>> 14);
          h4 ^= Math.imul(k, C1);
        }
      }
    }
  }
  const bytes = n << 1;
  h1 ^= bytes;
  h2 ^= bytes;
  h3 ^= bytes;
  h4 ^= bytes;
  h1 = (h1 + h2 + h3 + h4) | 0;
  h2 = (h2 + h1) | 0;
  h3 = (h3 + h1) | 0;
  h4 = (h4 + h1) | 0;
  h1 = fmix32(h1);
  h2 = fmix32(h2);
  h3 = fmix32(h3);
  h4 = fmix32(h4);
  h1 = (h1 + h2 + h3 + h4) | 0;
  out[at] = h1;
  out[at + 1] = (h2 + h1) | 0;
}

function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}
