import { fingerprint } from './fingerprint.js';
import { assertIndicatorId, type KeyIndex } from './key-index.js';

/**
 * Layout. One Int32Array holds every slot as three words, [hi, lo, value], so a probe touches one cache line
 * and the table costs 12 bytes per slot. A value of 0 marks an empty slot, a positive value is the single
 * indicator id holding the key (the common case), a negative value is ~offset of an id list in `IdLists`.
 *
 * Probing is linear with Robin Hood ordering: an entry never sits further from its home slot than the entry
 * it displaced, so a miss stops at the first entry nearer its own home than the probe is to the key's home,
 * instead of running to the end of the cluster; most lookups are misses (a URL asks for up to 30 keys).
 * Deletion shifts the following entries back one slot, so there are no tombstones to age the table.
 *
 * Load. The table grows (doubles) when it would pass 7/8 full, so between growths it is 7/16 to 7/8 full:
 * 12 / 0.875 ≈ 13.7 to 12 / 0.4375 ≈ 27.4 bytes per key, inside the 32-byte budget even right after a
 * growth. Robin Hood keeps probe sequences short at 7/8 (a few slots, one or two cache lines).
 */

const MIN_CAPACITY = 16;
const MAX_CAPACITY = 2 ** 29; // 6 GiB of slots; a typed array cannot be much longer.
const LOAD_NUM = 7;
const LOAD_SHIFT = 3; // grow past 7/8 full

/** The slot count a table needs to hold `keys` keys without growing. */
function capacityFor(keys: number): number {
  let capacity = MIN_CAPACITY;
  while ((capacity * LOAD_NUM) / 2 ** LOAD_SHIFT < keys) capacity *= 2;
  if (capacity > MAX_CAPACITY) throw new RangeError(`a fingerprint table cannot hold ${keys} keys`);
  return capacity;
}

/** An open-addressing hash table from 64-bit key fingerprints to indicator ids, over typed arrays. */
export class FingerprintTable implements KeyIndex {
  private slots: Int32Array;
  private mask: number;
  private growAt: number;
  private keyCount = 0;
  private pairCount = 0;
  private readonly lists = new IdLists();
  private readonly fp = new Int32Array(2);

  /** A table sized for `expectedKeys` keys, so a bulk load of that many never rehashes. */
  constructor(expectedKeys = 0) {
    const capacity = capacityFor(expectedKeys);
    this.slots = new Int32Array(capacity * 3);
    this.mask = capacity - 1;
    this.growAt = (capacity * LOAD_NUM) >>> LOAD_SHIFT;
  }

  /** A table pre-sized for `keys` keys. */
  static withCapacity(keys: number): FingerprintTable {
    return new FingerprintTable(keys);
  }

  /** The number of distinct keys (fingerprints) holding at least one id. */
  get size(): number {
    return this.keyCount;
  }

  /** The number of (key, id) pairs. */
  get idCount(): number {
    return this.pairCount;
  }

  /** The number of slots; the table grows when `size` passes 7/8 of it. */
  get capacity(): number {
    return this.mask + 1;
  }

  /** Bytes held by the table's typed arrays (slots and id lists), for the memory budget. */
  byteSize(): number {
    return this.slots.byteLength + this.lists.byteSize() + this.fp.byteLength;
  }

  add(key: string, id: number): void {
    fingerprint(key, this.fp);
    this.addFp(this.fp[0]!, this.fp[1]!, id);
  }

  remove(key: string, id: number): boolean {
    fingerprint(key, this.fp);
    return this.removeFp(this.fp[0]!, this.fp[1]!, id);
  }

  get(key: string): readonly number[] | undefined {
    fingerprint(key, this.fp);
    return this.getFp(this.fp[0]!, this.fp[1]!);
  }

  has(key: string): boolean {
    fingerprint(key, this.fp);
    return this.find(this.fp[0]!, this.fp[1]!) >= 0;
  }

  first(key: string): number {
    fingerprint(key, this.fp);
    return this.firstFp(this.fp[0]!, this.fp[1]!);
  }

  count(key: string): number {
    fingerprint(key, this.fp);
    return this.countFp(this.fp[0]!, this.fp[1]!);
  }

  forEach(key: string, cb: (id: number) => void): number {
    fingerprint(key, this.fp);
    return this.forEachFp(this.fp[0]!, this.fp[1]!, cb);
  }

  // The *Fp methods take a fingerprint already computed by `fingerprint()`; either halves' int32 or uint32
  // form is accepted (`| 0` maps both to the stored int32 form).

  /** `add` for a precomputed fingerprint. */
  addFp(hi: number, lo: number, id: number): void {
    assertIndicatorId(id);
    hi |= 0;
    lo |= 0;
    const t = this.slots;
    const mask = this.mask;
    let i = hi & mask;
    for (let d = 0; ; d++) {
      const b = i * 3;
      const v = t[b + 2]!;
      if (v === 0) {
        t[b] = hi;
        t[b + 1] = lo;
        t[b + 2] = id;
        break;
      }
      const h = t[b]!;
      if (h === hi && t[b + 1] === lo) {
        if (v === id || (v < 0 && this.lists.includes(v, id))) return;
        t[b + 2] = v > 0 ? this.lists.pair(v, id) : this.lists.append(v, id);
        this.pairCount++;
        return;
      }
      if (((i - (h & mask)) & mask) < d) {
        // The key is absent (it would sit before this richer entry): take the slot, push the rest along.
        place(t, mask, i, hi, lo, id, d);
        break;
      }
      i = (i + 1) & mask;
    }
    this.pairCount++;
    if (++this.keyCount > this.growAt) this.grow();
  }

  /** `remove` for a precomputed fingerprint. */
  removeFp(hi: number, lo: number, id: number): boolean {
    const b = this.find(hi | 0, lo | 0);
    if (b < 0) return false;
    const v = this.slots[b + 2]!;
    if (v > 0) {
      if (v !== id) return false;
      this.deleteAt(b / 3);
      this.keyCount--;
    } else {
      const next = this.lists.remove(v, id);
      if (next === 0) return false;
      this.slots[b + 2] = next;
    }
    this.pairCount--;
    return true;
  }

  /** `get` for a precomputed fingerprint. */
  getFp(hi: number, lo: number): readonly number[] | undefined {
    const b = this.find(hi | 0, lo | 0);
    if (b < 0) return undefined;
    const v = this.slots[b + 2]!;
    return v > 0 ? [v] : this.lists.toArray(v);
  }

  /** `has` for a precomputed fingerprint. */
  hasFp(hi: number, lo: number): boolean {
    return this.find(hi | 0, lo | 0) >= 0;
  }

  /** `first` for a precomputed fingerprint. */
  firstFp(hi: number, lo: number): number {
    const b = this.find(hi | 0, lo | 0);
    if (b < 0) return 0;
    const v = this.slots[b + 2]!;
    return v > 0 ? v : this.lists.first(v);
  }

  /** `count` for a precomputed fingerprint. */
  countFp(hi: number, lo: number): number {
    const b = this.find(hi | 0, lo | 0);
    if (b < 0) return 0;
    const v = this.slots[b + 2]!;
    return v > 0 ? 1 : this.lists.count(v);
  }

  /** `forEach` for a precomputed fingerprint. */
  forEachFp(hi: number, lo: number, cb: (id: number) => void): number {
    const b = this.find(hi | 0, lo | 0);
    if (b < 0) return 0;
    const v = this.slots[b + 2]!;
    if (v > 0) {
      cb(v);
      return 1;
    }
    return this.lists.forEach(v, cb);
  }

  /**
   * Pushes the ids holding the key with this fingerprint onto `out`, oldest first, and returns how many: the
   * check path's lookup, which allocates nothing and calls nothing back when the key is absent (most lookups).
   */
  pushIdsFp(hi: number, lo: number, out: number[]): number {
    const b = this.find(hi | 0, lo | 0);
    if (b < 0) return 0;
    const v = this.slots[b + 2]!;
    if (v > 0) {
      out.push(v);
      return 1;
    }
    return this.lists.pushAll(v, out);
  }

  /** What the last `touch` read: meaningless, kept so that its reads cannot be optimized away. */
  touched = 0;

  /**
   * Reads the home slot of each of `count` fingerprints (`fps[2k]`, `fps[2k + 1]`). The reads are independent,
   * so the processor overlaps their cache misses; the probes that follow (`pushIdsFp`) then find their slots in
   * the cache instead of waiting for memory one key after another.
   */
  touch(fps: Int32Array, count: number): void {
    const t = this.slots;
    const mask = this.mask;
    let sum = 0;
    for (let k = 0; k < count; k++) sum += t[(fps[2 * k]! & mask) * 3 + 2]!;
    this.touched = sum;
  }

  /** The word offset of the slot holding (hi, lo), or -1. */
  private find(hi: number, lo: number): number {
    const t = this.slots;
    const mask = this.mask;
    let i = hi & mask;
    for (let d = 0; ; d++) {
      const b = i * 3;
      if (t[b + 2] === 0) return -1;
      const h = t[b]!;
      if (h === hi) {
        if (t[b + 1] === lo) return b;
      } else if (((i - (h & mask)) & mask) < d) {
        return -1;
      }
      i = (i + 1) & mask;
    }
  }

  /** Empties slot `i` by shifting back the entries after it that are away from home. */
  private deleteAt(i: number): void {
    const t = this.slots;
    const mask = this.mask;
    for (;;) {
      const j = (i + 1) & mask;
      const bj = j * 3;
      if (t[bj + 2] === 0 || ((j - (t[bj]! & mask)) & mask) === 0) break;
      t.copyWithin(i * 3, bj, bj + 3);
      i = j;
    }
    t[i * 3 + 2] = 0;
  }

  private grow(): void {
    const old = this.slots;
    const capacity = (this.mask + 1) * 2;
    if (capacity > MAX_CAPACITY) throw new RangeError('fingerprint table is full');
    const t = new Int32Array(capacity * 3);
    const mask = capacity - 1;
    for (let b = 0; b < old.length; b += 3) {
      const v = old[b + 2]!;
      if (v !== 0) {
        const hi = old[b]!;
        place(t, mask, hi & mask, hi, old[b + 1]!, v, 0);
      }
    }
    this.slots = t;
    this.mask = mask;
    this.growAt = (capacity * LOAD_NUM) >>> LOAD_SHIFT;
  }
}

/** Robin Hood insertion of an absent key whose probe has reached slot `i` at distance `d` from home. */
function place(t: Int32Array, mask: number, i: number, hi: number, lo: number, v: number, d: number): void {
  for (;;) {
    const b = i * 3;
    const cv = t[b + 2]!;
    if (cv === 0) {
      t[b] = hi;
      t[b + 1] = lo;
      t[b + 2] = v;
      return;
    }
    const ch = t[b]!;
    const cd = (i - (ch & mask)) & mask;
    if (cd < d) {
      const cl = t[b + 1]!;
      t[b] = hi;
      t[b + 1] = lo;
      t[b + 2] = v;
      hi = ch;
      lo = cl;
      v = cv;
      d = cd;
    }
    i = (i + 1) & mask;
    d++;
  }
}

/**
 * The id lists of keys held by two or more indicators, in one Int32Array. A list is a block of 4·2^c words,
 * [length, c, id, id, …], handed out by size class c with a free list per class (linked through the first
 * id word), so churn reuses blocks instead of growing the array. A slot refers to a list as ~offset.
 */
class IdLists {
  private data = new Int32Array(64);
  private top = 0;
  private readonly free = new Int32Array(28).fill(-1);

  byteSize(): number {
    return this.data.byteLength + this.free.byteLength;
  }

  /** A new list [a, b]. */
  pair(a: number, b: number): number {
    const o = this.alloc(0);
    const d = this.data;
    d[o] = 2;
    d[o + 2] = a;
    d[o + 3] = b;
    return ~o;
  }

  includes(ref: number, id: number): boolean {
    const o = ~ref;
    const d = this.data;
    const end = o + 2 + d[o]!;
    for (let j = o + 2; j < end; j++) if (d[j] === id) return true;
    return false;
  }

  /** Appends `id` (absent) and returns the list's possibly moved reference. */
  append(ref: number, id: number): number {
    let o = ~ref;
    const len = this.data[o]!;
    const c = this.data[o + 1]!;
    if (len + 2 === 4 << c) {
      const n = this.alloc(c + 1);
      this.data.copyWithin(n, o, o + 2 + len);
      this.data[n + 1] = c + 1;
      this.release(o, c);
      o = n;
    }
    this.data[o + 2 + len] = id;
    this.data[o] = len + 1;
    return ~o;
  }

  /** Removes `id` keeping the others' order; returns the new slot value (a bare id once one is left), or 0 if absent. */
  remove(ref: number, id: number): number {
    const o = ~ref;
    const d = this.data;
    const len = d[o]!;
    const end = o + 2 + len;
    let j = o + 2;
    while (j < end && d[j] !== id) j++;
    if (j === end) return 0;
    d.copyWithin(j, j + 1, end);
    if (len > 2) {
      d[o] = len - 1;
      return ref;
    }
    const last = d[o + 2]!;
    this.release(o, d[o + 1]!);
    return last;
  }

  first(ref: number): number {
    return this.data[~ref + 2]!;
  }

  count(ref: number): number {
    return this.data[~ref]!;
  }

  toArray(ref: number): number[] {
    const o = ~ref;
    return Array.from(this.data.subarray(o + 2, o + 2 + this.data[o]!));
  }

  pushAll(ref: number, out: number[]): number {
    const o = ~ref;
    const d = this.data;
    const len = d[o]!;
    for (let j = o + 2; j < o + 2 + len; j++) out.push(d[j]!);
    return len;
  }

  forEach(ref: number, cb: (id: number) => void): number {
    const o = ~ref;
    const d = this.data;
    const len = d[o]!;
    for (let j = o + 2; j < o + 2 + len; j++) cb(d[j]!);
    return len;
  }

  private alloc(c: number): number {
    const head = this.free[c]!;
    if (head >= 0) {
      this.free[c] = this.data[head + 2]!;
    } else {
      const size = 4 << c;
      if (this.top + size > this.data.length) {
        let length = this.data.length * 2;
        while (this.top + size > length) length *= 2;
        if (length > 2 ** 31) throw new RangeError('fingerprint table id lists are full');
        const grown = new Int32Array(length);
        grown.set(this.data.subarray(0, this.top));
        this.data = grown;
      }
      const o = this.top;
      this.top += size;
      this.data[o + 1] = c;
      return o;
    }
    this.data[head + 1] = c;
    return head;
  }

  private release(o: number, c: number): void {
    this.data[o + 2] = this.free[c]!;
    this.free[c] = o;
  }
}
