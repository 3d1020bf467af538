/**
 * A small bit filter in front of the fingerprint table: it answers "certainly absent" for most keys the index
 * does not hold, so that a check fingerprints and probes only the few keys that may be there. A URL asks for
 * about six keys and usually holds none of them; each one would otherwise cost a MurmurHash3 of the key and a
 * probe of a table far larger than the caches.
 *
 * The filter hashes with a polynomial hash over UTF-16 code units (`keyHash`: h = h·B + c, mod 2³²). That hash
 * composes: the hash of `<letter>:` + `s.slice(start, end)` follows from the prefix hashes of `s` in a few
 * operations (`sliceKeyHash`), so a URL's every host-suffix / path-prefix key is hashed in one pass over the
 * URL, not one pass per key.
 *
 * It is a blocked Bloom filter: a key sets three bits of one 64-byte block (one cache line), the block chosen by
 * the key's group (`keyGroupHash`: its body up to the first '/', i.e. the host of a URL key, the whole value of
 * any other key) and the bits by the whole key. A URL's keys under one host suffix (its path prefixes and the
 * domain key) share their group, so a check reads two or three cache lines, not one for each key; a host with
 * very many URL indicators fills its block, and its checks then pass the filter and go to the table.
 *
 * No false negatives: every key added sets its bits, and bits are never cleared; a removed key's bits stay set
 * (it then merely passes the filter, and the table answers). False positives cost one fingerprint and probe:
 * at 10 to 20 bits a key, about 1% of absent keys pass. The filter is sized from the expected key count; when
 * the table outgrows it, it doubles by copying each block into two (which keeps every key's bits where its
 * lookups will look), so a filter built far below its final size fills up and passes more keys: pre-size it.
 */

/** The base of the polynomial hash: odd, so that multiplying by it is a bijection mod 2³². */
const BASE = 0x9e3779b1 | 0;
const BASE_SQUARED = Math.imul(BASE, BASE);

const BLOCK_WORDS = 16; // 64 bytes, one cache line
const MIN_WORDS = 64;
const MAX_WORDS = 2 ** 25; // 128 MiB; past this the filter stops growing and merely fills up
const BITS_PER_KEY = 10; // when sizing; the filter doubles when it would hold fewer than 8 bits a key
const MIN_BITS_PER_KEY = 8;

/** The polynomial hash of a whole key string, as `sliceKeyHash` computes it for a slice. */
export function keyHash(key: string): number {
  let h = 0;
  for (let i = 0; i < key.length; i++) h = (Math.imul(h, BASE) + key.charCodeAt(i)) | 0;
  return h;
}

/**
 * The hash of a key's group: its body (after `<letter>:`) up to its first '/', or all of it. For a URL key
 * (`u:host/path`) that is the host, the same as its domain key's (`d:host`).
 */
export function keyGroupHash(key: string): number {
  let h = 0;
  for (let i = 2; i < key.length; i++) {
    const c = key.charCodeAt(i);
    if (c === 0x2f) break;
    h = (Math.imul(h, BASE) + c) | 0;
  }
  return h;
}

/** The group hash `keyHashes` computed last. */
export let lastGroupHash = 0;

/** `keyHash(key)`, and `keyGroupHash(key)` into `lastGroupHash`, in one pass over the key. */
export function keyHashes(key: string): number {
  const n = key.length;
  let h = 0;
  let g = 0;
  let i = 0;
  for (; i < n && i < 2; i++) h = (Math.imul(h, BASE) + key.charCodeAt(i)) | 0;
  for (; i < n; i++) {
    const c = key.charCodeAt(i);
    if (c === 0x2f) break;
    h = (Math.imul(h, BASE) + c) | 0;
    g = (Math.imul(g, BASE) + c) | 0;
  }
  for (; i < n; i++) h = (Math.imul(h, BASE) + key.charCodeAt(i)) | 0;
  lastGroupHash = g;
  return h;
}

let powers = new Int32Array(256);
let powersReady = 0;

/** BASE^i mod 2³² for i in 0 … n, as int32: one table, grown when a longer key is met. */
export function hashPowers(n: number): Int32Array {
  if (n >= powersReady) {
    if (n >= powers.length) {
      let length = powers.length * 2;
      while (length <= n) length *= 2;
      const grown = new Int32Array(length);
      grown.set(powers.subarray(0, powersReady));
      powers = grown;
    }
    const p = powers;
    let i = powersReady;
    if (i === 0) p[i++] = 1;
    for (; i < p.length; i++) p[i] = Math.imul(p[i - 1]!, BASE);
    powersReady = p.length;
  }
  return powers;
}

/**
 * Writes the prefix hashes of `s` from `from`: `out[i]` is the hash of `s.slice(from, i)` for i in from … to
 * (`out[from]` = 0). Returns `out`, or a larger array when `out` is too short for `to`.
 */
export function prefixHashes(s: string, from: number, to: number, out: Int32Array): Int32Array {
  if (out.length <= to) {
    let length = out.length * 2;
    while (length <= to) length *= 2;
    out = new Int32Array(length);
  }
  let h = 0;
  out[from] = 0;
  for (let i = from; i < to; i++) {
    h = (Math.imul(h, BASE) + s.charCodeAt(i)) | 0;
    out[i + 1] = h;
  }
  return out;
}

/**
 * `prefixHashes` over bytes: `out[i]` is the hash of the code units `bytes[from … i)` (the string's own code
 * units when it is ASCII, as `encodeInto` writes it). Reading a typed array is the same fast code for every
 * string, where `charCodeAt` slows down once it has met strings of several representations (flat one-byte,
 * two-byte, sliced, concatenated), as a check path does.
 */
export function prefixHashesOfBytes(
  bytes: Uint8Array,
  from: number,
  to: number,
  out: Int32Array,
): Int32Array {
  if (out.length <= to) {
    let length = out.length * 2;
    while (length <= to) length *= 2;
    out = new Int32Array(length);
  }
  let h = 0;
  out[from] = 0;
  let i = from;
  // Two units a step: the hash two units on is h·B² + c0·B + c1, so the chain of dependent multiplications is
  // half as long.
  for (const last = to - 1; i < last; i += 2) {
    const c0 = bytes[i]!;
    const c1 = bytes[i + 1]!;
    out[i + 1] = (Math.imul(h, BASE) + c0) | 0;
    h = (Math.imul(h, BASE_SQUARED) + Math.imul(c0, BASE) + c1) | 0;
    out[i + 2] = h;
  }
  if (i < to) out[i + 1] = (Math.imul(h, BASE) + bytes[i]!) | 0;
  return out;
}

/**
 * `keyHash(String.fromCharCode(letter) + ':' + s.slice(start, end))`, from the prefix hashes of `s` (`prefix`,
 * written by `prefixHashes` from some index ≤ start to some index ≥ end) and `hashPowers(end - start)`.
 */
export function sliceKeyHash(
  letter: number,
  prefix: Int32Array,
  pow: Int32Array,
  start: number,
  end: number,
): number {
  // The key's hash is head·B^len + hash(slice), and hash(slice) = prefix[end] − prefix[start]·B^len.
  const head = (Math.imul(letter, BASE) + 0x3a) | 0;
  return (Math.imul((head - prefix[start]!) | 0, pow[end - start]!) + prefix[end]!) | 0;
}

/**
 * The hash of `s.slice(start, end)` from its prefix hashes: a key's group hash when the slice is the key's body
 * up to its first '/'.
 */
export function sliceHash(prefix: Int32Array, pow: Int32Array, start: number, end: number): number {
  return (prefix[end]! - Math.imul(prefix[start]!, pow[end - start]!)) | 0;
}

/**
 * The filter: `add` each key's group and key hashes, then `mayHave` says false only for keys never added. A
 * key's bits are the same wherever its hashes came from (`keyHash` and `keyGroupHash` of the key string, or
 * `sliceKeyHash` and `sliceHash` of a slice).
 */
export class KeyFilter {
  private words: Int32Array;
  private shift: number;
  private setBits = 0;

  /** A filter sized for `expectedKeys` keys (10 to 20 bits a key). */
  constructor(expectedKeys = 0) {
    let words = MIN_WORDS;
    while (words * 32 < expectedKeys * BITS_PER_KEY && words < MAX_WORDS) words *= 2;
    this.words = new Int32Array(words);
    this.shift = 32 - Math.log2(words / BLOCK_WORDS);
  }

  /** Bytes held by the filter's bit array. */
  byteSize(): number {
    return this.words.byteLength;
  }

  /** The share of the filter's bits that are set. */
  get fill(): number {
    return this.setBits / (this.words.length * 32);
  }

  /** Sets the bits of a key whose group hash is `group` and key hash `key`. */
  add(group: number, key: number): void {
    const w = this.words;
    const block = (mix(group) >>> this.shift) * BLOCK_WORDS;
    const g = mix(key ^ 0x5bd1e995);
    // Three bit positions in the block's 512 bits, nine bits of g each.
    for (let shift = 0; shift < 27; shift += 9) {
      const bit = (g >>> shift) & 511;
      const i = block + (bit >>> 5);
      const m = 1 << (bit & 31);
      if ((w[i]! & m) === 0) {
        w[i] = w[i]! | m;
        this.setBits++;
      }
    }
  }

  /** False when no key with these hashes was ever added; true when one may have been. */
  mayHave(group: number, key: number): boolean {
    const w = this.words;
    const block = (mix(group) >>> this.shift) * BLOCK_WORDS;
    const g = mix(key ^ 0x5bd1e995);
    return (
      (w[block + ((g >>> 5) & 15)]! & (1 << (g & 31))) !== 0 &&
      (w[block + ((g >>> 14) & 15)]! & (1 << ((g >>> 9) & 31))) !== 0 &&
      (w[block + ((g >>> 23) & 15)]! & (1 << ((g >>> 18) & 31))) !== 0
    );
  }

  /** Doubles the filter while it holds fewer than 8 bits for each of `keys` keys (the table's key count). */
  fit(keys: number): void {
    while (this.words.length * 32 < keys * MIN_BITS_PER_KEY && this.words.length < MAX_WORDS) {
      // A key's block is the top bits of its group's mix; one more bit picks one of the two copies of its old
      // block.
      const old = this.words;
      const words = new Int32Array(old.length * 2);
      for (let j = 0; j < words.length; j++) words[j] = old[((j >>> 5) << 4) | (j & (BLOCK_WORDS - 1))]!;
      this.words = words;
      this.shift--;
      this.setBits *= 2;
    }
  }
}

// MurmurHash3's finalizer: every bit of the hash reaches the top bits, which pick the block.
function mix(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35 | 0);
  return h ^ (h >>> 16);
}
