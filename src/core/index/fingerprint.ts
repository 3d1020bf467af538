/**
 * A 64-bit fingerprint of a key string: the first 64 bits (h1, h2) of MurmurHash3_x86_128 over the string's
 * UTF-16LE code units, computed with `Math.imul` and `charCodeAt`, so it allocates nothing and never encodes
 * the string to bytes.
 *
 * Collisions. For n distinct keys the chance that any two share a fingerprint is about n² / 2⁶⁵: 3·10⁻⁶ at
 * 10 million keys, 7·10⁻⁵ at 50 million. A lookup value that is not an indicator matches some indicator's
 * fingerprint with probability about n / 2⁶⁴ (5·10⁻¹³ per key at 10 million). Such a false match would make
 * the index report an indicator for a value that is not it, so the index returns candidate ids and the
 * caller confirms each hit against the indicator's stored canonical value; a collision then costs one extra
 * comparison, never a wrong answer. MurmurHash3 is not keyed against adversaries: whoever can choose many
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

function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}
