/**
 * Indicators read for recent hits, kept so that a value checked again does not read the store again. Two
 * generations approximate LRU at the cost of a Map lookup: when the young one fills, it becomes the old one
 * and the older one is dropped; a hit in the old generation moves to the young. So the cache stays between
 * one and two generations full: memory reaches its bound early and stays there, and hot indicators survive
 * a turnover. The check engine evicts what the index's change feed reports changed.
 */
import type { Indicator } from '../core/indicators/indicator.js';

export interface CachedIndicator {
  readonly ind: Indicator;
  /** The index keys the indicator is filed under, which a hit is confirmed against. */
  readonly keys: readonly string[];
}

export class IndicatorCache {
  readonly #generation: number;
  #young = new Map<number, CachedIndicator>();
  #old = new Map<number, CachedIndicator>();

  constructor(generation: number) {
    this.#generation = Math.max(1, generation);
  }

  get(num: number): CachedIndicator | undefined {
    const young = this.#young.get(num);
    if (young !== undefined) return young;
    const old = this.#old.get(num);
    if (old !== undefined) this.#put(num, old);
    return old;
  }

  /** Caches `ind` and its index keys (replacing what was cached under its number) and returns its entry. */
  set(ind: Indicator, keys: readonly string[]): CachedIndicator {
    const e: CachedIndicator = { ind, keys };
    this.#old.delete(ind.num);
    this.#put(ind.num, e);
    return e;
  }

  delete(num: number): void {
    this.#young.delete(num);
    this.#old.delete(num);
  }

  clear(): void {
    this.#young = new Map();
    this.#old = new Map();
  }

  /** Entries held (an entry in both generations counts once), at most two generations. */
  get size(): number {
    let n = this.#young.size;
    for (const k of this.#old.keys()) if (!this.#young.has(k)) n++;
    return n;
  }

  #put(num: number, e: CachedIndicator): void {
    if (this.#young.size >= this.#generation) {
      this.#old = this.#young;
      this.#young = new Map();
    }
    this.#young.set(num, e);
  }
}
