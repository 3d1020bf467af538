/**
 * The contract of an exact-key index: which indicator ids hold a key. `FingerprintTable` is the compact,
 * fast implementation; `ReferenceIndex` is the obviously correct oracle the tests hold it to.
 */

/** The largest indicator id an index accepts: ids are 1 … 2³¹ − 1 (0 marks an empty slot, the sign a list). */
export const MAX_INDICATOR_ID = 0x7fffffff;

/** Maps key strings to the indicator ids that hold them; a key holds each id at most once. */
export interface KeyIndex {
  /** The number of distinct keys holding at least one id. */
  readonly size: number;
  /** The number of (key, id) pairs. */
  readonly idCount: number;
  /** Records that indicator `id` holds `key`; adding a pair already present changes nothing. */
  add(key: string, id: number): void;
  /** Forgets that `id` holds `key`; false if it did not. The key's other ids stay. */
  remove(key: string, id: number): boolean;
  /** The ids holding `key`, oldest first, or undefined if none. */
  get(key: string): readonly number[] | undefined;
  /** Whether any id holds `key`. */
  has(key: string): boolean;
  /** The oldest id holding `key`, or 0 if none. */
  first(key: string): number;
  /** How many ids hold `key`. */
  count(key: string): number;
  /** Calls `cb` with each id holding `key`, oldest first, and returns how many; `cb` must not modify the index. */
  forEach(key: string, cb: (id: number) => void): number;
}

/** Throws unless `id` is an integer in 1 … MAX_INDICATOR_ID. */
export function assertIndicatorId(id: number): void {
  if (!Number.isInteger(id) || id < 1 || id > MAX_INDICATOR_ID) {
    throw new RangeError(`indicator id must be an integer in 1..${MAX_INDICATOR_ID}, got ${id}`);
  }
}
