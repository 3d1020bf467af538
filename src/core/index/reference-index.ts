import { assertIndicatorId, type KeyIndex } from './key-index.js';

/** The slow, obviously correct key index (a Map of Sets) that tests hold `FingerprintTable` to. */
export class ReferenceIndex implements KeyIndex {
  readonly #map = new Map<string, Set<number>>();
  #idCount = 0;

  get size(): number {
    return this.#map.size;
  }

  get idCount(): number {
    return this.#idCount;
  }

  add(key: string, id: number): void {
    assertIndicatorId(id);
    let ids = this.#map.get(key);
    if (ids === undefined) {
      ids = new Set();
      this.#map.set(key, ids);
    }
    if (!ids.has(id)) {
      ids.add(id);
      this.#idCount++;
    }
  }

  remove(key: string, id: number): boolean {
    const ids = this.#map.get(key);
    if (ids === undefined || !ids.delete(id)) return false;
    this.#idCount--;
    if (ids.size === 0) this.#map.delete(key);
    return true;
  }

  get(key: string): readonly number[] | undefined {
    const ids = this.#map.get(key);
    return ids === undefined ? undefined : [...ids];
  }

  has(key: string): boolean {
    return this.#map.has(key);
  }

  first(key: string): number {
    const ids = this.#map.get(key);
    if (ids === undefined) return 0;
    for (const id of ids) return id;
    return 0;
  }

  count(key: string): number {
    return this.#map.get(key)?.size ?? 0;
  }

  forEach(key: string, cb: (id: number) => void): number {
    const ids = this.#map.get(key);
    if (ids === undefined) return 0;
    for (const id of ids) cb(id);
    return ids.size;
  }
}
