/**
 * Longest-prefix match over millions of IP ranges and addresses, in memory.
 *
 * One open-addressing hash table per prefix length, keyed by the masked network (a uint32 for IPv4, four for
 * IPv6, in typed arrays). A lookup masks the address once per prefix length in use, longest first, and stops at
 * the first hit; real feeds use a handful of lengths (/32, /24, /16…), so that is a few probes, with no BigInt,
 * no strings and no allocation until a match is returned.
 */
import type { IpValue } from './ip.js';
import { prefixMask } from './ip.js';

/** A matching range: its prefix length and the values stored on it. */
export interface CidrMatch<V> {
  readonly prefix: number;
  readonly values: readonly V[];
}

// Most ranges carry one value; keeping it bare instead of in a one-element array saves ~50 bytes a range.
class Bag<V> {
  constructor(readonly items: V[]) {}
}
type Slot<V> = V | Bag<V>;
const EMPTY: unique symbol = Symbol('empty');
type Cell<V> = Slot<V> | typeof EMPTY;

function slotValues<V>(slot: Slot<V>): V[] {
  return slot instanceof Bag ? slot.items.slice() : [slot];
}

/** The slot with `value` added, or undefined if it already holds it. */
function slotAdd<V>(slot: Slot<V>, value: V): Slot<V> | undefined {
  if (slot instanceof Bag) {
    const items = slot.items;
    if (items.includes(value)) return undefined;
    items.push(value);
    return slot;
  }
  return slot === value ? undefined : new Bag([slot, value]);
}

/** The slot without `value` (EMPTY when none is left), or undefined if it does not hold it. */
function slotRemove<V>(slot: Slot<V>, value: V): Cell<V> | undefined {
  if (!(slot instanceof Bag)) return slot === value ? EMPTY : undefined;
  const items = slot.items;
  const i = items.indexOf(value);
  if (i < 0) return undefined;
  items.splice(i, 1);
  return items.length === 1 ? items[0]! : slot;
}

/** A 32-bit finalizer (lowbias32): spreads masked networks, whose low bits are all zero, over the table. */
function mix(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  return x ^ (x >>> 16);
}

/**
 * A hash table of keys `width` uint32 words wide (1 for IPv4, 4 for IPv6), linear probing, at most half
 * full so a miss, the common case, ends within a probe or two; deletion shifts entries back, so no tombstones.
 */
class Level<V> {
  keys: Uint32Array;
  cells: Cell<V>[];
  mask: number;
  count = 0;

  constructor(
    private readonly width: 1 | 4,
    private readonly seed: number,
    capacity = 8,
  ) {
    this.keys = new Uint32Array(capacity * width);
    this.cells = new Array<Cell<V>>(capacity).fill(EMPTY);
    this.mask = capacity - 1;
  }

  home(k: Uint32Array, at: number): number {
    let h = mix(k[at]! ^ this.seed);
    if (this.width === 4) h = mix(mix(mix(h ^ k[at + 1]!) ^ k[at + 2]!) ^ k[at + 3]!);
    return h & this.mask;
  }

  /** The index of the key in `k` at `at`, or -1. */
  find(k: Uint32Array, at: number): number {
    const keys = this.keys;
    const cells = this.cells;
    let i = this.home(k, at);
    if (this.width === 1) {
      const key = k[at];
      for (;;) {
        if (cells[i] === EMPTY) return -1;
        if (keys[i] === key) return i;
        i = (i + 1) & this.mask;
      }
    }
    for (;;) {
      if (cells[i] === EMPTY) return -1;
      const j = i * 4;
      if (
        keys[j] === k[at] &&
        keys[j + 1] === k[at + 1] &&
        keys[j + 2] === k[at + 2] &&
        keys[j + 3] === k[at + 3]
      ) {
        return i;
      }
      i = (i + 1) & this.mask;
    }
  }

  /** Stores a new key (known absent) with its first value. */
  insert(k: Uint32Array, at: number, slot: Slot<V>): void {
    if ((this.count + 1) * 2 > this.cells.length) this.grow();
    let i = this.home(k, at);
    while (this.cells[i] !== EMPTY) i = (i + 1) & this.mask;
    for (let w = 0; w < this.width; w++) this.keys[i * this.width + w] = k[at + w]!;
    this.cells[i] = slot;
    this.count++;
  }

  /** Empties cell i, shifting back later entries of its probe run so every key stays reachable. */
  delete(i: number): void {
    const { keys, cells, mask, width } = this;
    let hole = i;
    for (let j = (i + 1) & mask; cells[j] !== EMPTY; j = (j + 1) & mask) {
      const h = this.home(keys, j * width);
      // The entry at j may move to the hole only if its home is not cyclically within (hole, j].
      const stays = hole <= j ? hole < h && h <= j : hole < h || h <= j;
      if (stays) continue;
      keys.copyWithin(hole * width, j * width, j * width + width);
      cells[hole] = cells[j]!;
      hole = j;
    }
    cells[hole] = EMPTY;
    this.count--;
  }

  private grow(): void {
    const { keys, cells, width } = this;
    const capacity = cells.length * 2;
    this.keys = new Uint32Array(capacity * width);
    this.cells = new Array<Cell<V>>(capacity).fill(EMPTY);
    this.mask = capacity - 1;
    this.count = 0;
    for (let i = 0; i < cells.length; i++) {
      const cell = cells[i]!;
      if (cell !== EMPTY) this.insert(keys, i * width, cell);
    }
  }
}

/** One IP version: a level per prefix length, and the lengths in use, longest first. */
class Family<V> {
  readonly levels: (Level<V> | undefined)[];
  lengths: Uint8Array = new Uint8Array(0);
  // The masked key of the current operation; a family is used by one call at a time.
  readonly key: Uint32Array;
  // masks[p * width + w]: the mask of word w for prefix length p.
  readonly masks: Uint32Array;

  constructor(
    readonly width: 1 | 4,
    private readonly seed: number,
  ) {
    const bits = width * 32;
    this.levels = new Array<Level<V> | undefined>(bits + 1).fill(undefined);
    this.key = new Uint32Array(width);
    this.masks = new Uint32Array((bits + 1) * width);
    for (let p = 0; p <= bits; p++) {
      for (let w = 0; w < width; w++) this.masks[p * width + w] = prefixMask(p - 32 * w);
    }
  }

  /** Sets `key` to the address words masked to prefix length p. */
  maskTo(words: Uint32Array, p: number): void {
    const m = p * this.width;
    for (let w = 0; w < this.width; w++) this.key[w] = words[w]! & this.masks[m + w]!;
  }

  level(p: number): Level<V> {
    let level = this.levels[p];
    if (level === undefined) {
      level = new Level<V>(this.width, this.seed);
      this.levels[p] = level;
      this.relist();
    }
    return level;
  }

  drop(p: number): void {
    this.levels[p] = undefined;
    this.relist();
  }

  private relist(): void {
    const lengths: number[] = [];
    for (let p = this.levels.length - 1; p >= 0; p--) if (this.levels[p] !== undefined) lengths.push(p);
    this.lengths = Uint8Array.from(lengths);
  }
}

/** Longest-prefix match from IP ranges (and single addresses) to the values stored on them. */
export class CidrTable<V> {
  private readonly v4: Family<V>;
  private readonly v6: Family<V>;
  // The address words of the current call, so lookups take no allocation.
  private readonly words = new Uint32Array(4);
  private pairs = 0;

  constructor() {
    // A random seed keeps crafted ranges from piling into one probe run.
    const seed = (Math.random() * 0x100000000) >>> 0;
    this.v4 = new Family<V>(1, seed);
    this.v6 = new Family<V>(4, seed);
  }

  /** How many (range, value) pairs the table holds. */
  get size(): number {
    return this.pairs;
  }

  /** Stores `value` on `range`; false if that range already holds that value. */
  add(range: IpValue, value: V): boolean {
    const family = this.load(range);
    family.maskTo(this.words, range.prefix);
    const level = family.level(range.prefix);
    const i = level.find(family.key, 0);
    if (i < 0) {
      level.insert(family.key, 0, value);
    } else {
      const slot = slotAdd(level.cells[i] as Slot<V>, value);
      if (slot === undefined) return false;
      level.cells[i] = slot;
    }
    this.pairs++;
    return true;
  }

  /** Removes `value` from `range`; false if it was not there. */
  remove(range: IpValue, value: V): boolean {
    const family = this.load(range);
    const level = family.levels[range.prefix];
    if (level === undefined) return false;
    family.maskTo(this.words, range.prefix);
    const i = level.find(family.key, 0);
    if (i < 0) return false;
    const cell = slotRemove(level.cells[i] as Slot<V>, value);
    if (cell === undefined) return false;
    if (cell === EMPTY) {
      level.delete(i);
      if (level.count === 0) family.drop(range.prefix);
    } else {
      level.cells[i] = cell;
    }
    this.pairs--;
    return true;
  }

  /**
   * The longest stored range containing `ip`, or undefined. A range as `ip` matches only stored ranges that
   * contain all of it (no longer prefix than its own).
   */
  match(ip: IpValue): CidrMatch<V> | undefined {
    const family = this.load(ip);
    const lengths = family.lengths;
    for (let n = 0; n < lengths.length; n++) {
      const p = lengths[n]!;
      if (p > ip.prefix) continue;
      family.maskTo(this.words, p);
      const level = family.levels[p]!;
      const i = level.find(family.key, 0);
      if (i >= 0) return { prefix: p, values: slotValues(level.cells[i] as Slot<V>) };
    }
    return undefined;
  }

  /** Every stored range containing `ip`, most specific first. */
  matchAll(ip: IpValue): CidrMatch<V>[] {
    const out: CidrMatch<V>[] = [];
    const family = this.load(ip);
    const lengths = family.lengths;
    for (let n = 0; n < lengths.length; n++) {
      const p = lengths[n]!;
      if (p > ip.prefix) continue;
      family.maskTo(this.words, p);
      const level = family.levels[p]!;
      const i = level.find(family.key, 0);
      if (i >= 0) out.push({ prefix: p, values: slotValues(level.cells[i] as Slot<V>) });
    }
    return out;
  }

  /** Copies the address words into `words` and picks the family of its version. */
  private load(ip: IpValue): Family<V> {
    if (ip.version === 4) {
      this.words[0] = ip.int;
      return this.v4;
    }
    const w = ip.words;
    this.words[0] = w[0];
    this.words[1] = w[1];
    this.words[2] = w[2];
    this.words[3] = w[3];
    return this.v6;
  }
}
