/**
 * The in-memory matcher: which indicators a checked value meets, and how. Exact keys (phones, accounts,
 * domains and their parents, URL expressions…) live in one fingerprint table; IP ranges in a CIDR table.
 * It knows nothing of validity, TLP or scoring: it answers "which indicator numbers", and the verdict step
 * reads those indicators and decides.
 */
import { FingerprintTable } from '../index/fingerprint-table.js';
import { fingerprint, fingerprintKey, fingerprintKeys } from '../index/fingerprint.js';
import { CidrTable } from '../observables/cidr-table.js';
import { parseIp, type IpValue } from '../observables/ip.js';
import {
  LookupSlices,
  lookupKeys,
  lookupSlices,
  type MatchHow,
  type ObservableValue,
} from '../observables/observable-value.js';
import type { ObservableKind } from '../observables/observable.js';

/** What the matcher keeps of an indicator: its number and where it is indexed. */
export interface MatchEntry {
  readonly num: number;
  readonly kind: ObservableKind;
  /** Needed for IP ranges, which are not keys. */
  readonly canonical: string;
  readonly keys: readonly string[];
}

export interface Hit {
  readonly num: number;
  readonly how: MatchHow;
  /** The key or range that matched: `d:evil.example`, `u:evil.example/login/`, `10.0.0.0/8`. */
  readonly matched: string;
}

/** The interface the check engine needs; `ReferenceMatcher` in the tests implements it too. */
export interface Matcher {
  readonly size: number;
  add(e: MatchEntry): void;
  remove(e: MatchEntry): void;
  match(v: ObservableValue): Hit[];
}

function rangeOf(e: MatchEntry): IpValue | undefined {
  if (e.kind !== 'ip' || e.keys.length > 0) return undefined;
  const ip = parseIp(e.canonical);
  return ip.ok && ip.value.isRange ? ip.value : undefined;
}

export class IndexMatcher implements Matcher {
  readonly #keys: FingerprintTable;
  readonly #ranges = new CidrTable<number>();
  /** The canonical range of each range indicator, to name it in a hit. */
  readonly #rangeNames = new Map<number, string>();
  #entries = 0;

  /** `expected` pre-sizes the key table for a bulk load, so that it never rehashes on the way. */
  constructor(expected = 0) {
    this.#keys = new FingerprintTable(expected);
  }

  /** The number of indicators held. */
  get size(): number {
    return this.#entries;
  }

  /** Bytes held by the key table's typed arrays (the CIDR table is small and not counted). */
  get keyTableBytes(): number {
    return this.#keys.byteSize();
  }

  add(e: MatchEntry): void {
    let added = false;
    const range = rangeOf(e);
    if (range !== undefined) {
      added = this.#ranges.add(range, e.num);
      this.#rangeNames.set(e.num, range.canonical);
    }
    for (const k of e.keys) {
      const before = this.#keys.idCount;
      this.#keys.add(k, e.num);
      added ||= this.#keys.idCount > before;
    }
    if (added) this.#entries++;
  }

  remove(e: MatchEntry): void {
    let removed = false;
    const range = rangeOf(e);
    if (range !== undefined) {
      removed = this.#ranges.remove(range, e.num);
      this.#rangeNames.delete(e.num);
    }
    for (const k of e.keys) removed = this.#keys.remove(k, e.num) || removed;
    if (removed) this.#entries--;
  }

  // Scratch for match(), which runs to completion before the next call: the keys as slices, their
  // fingerprints, the ids of one hit key.
  readonly #slices = new LookupSlices();
  #fps = new Int32Array(64);
  readonly #ids: number[] = [];

  match(v: ObservableValue): Hit[] {
    const hits: Hit[] = [];
    const table = this.#keys;
    const ids = this.#ids;
    const slices = this.#slices;
    if (lookupSlices(v, slices)) {
      // Each key is hashed where it lies in the value; its string is built only when it hits. All the
      // fingerprints first, then the table's slots touched together, then the probes.
      const source = slices.source;
      const count = slices.count;
      if (this.#fps.length < 2 * count) this.#fps = new Int32Array(4 * count);
      const fps = this.#fps;
      const letter = slices.letter;
      const start = slices.start;
      for (let k = 0; k < count;) {
        // A run of keys with one letter and start (a URL's path prefixes under one host) is hashed in one pass.
        let run = k + 1;
        while (run < count && letter[run] === letter[k] && start[run] === start[k]) run++;
        if (run === k + 1) fingerprintKey(letter[k]!, source, start[k]!, slices.end[k]!, fps, 2 * k);
        else fingerprintKeys(letter[k]!, source, start[k]!, slices.end, k, run, fps);
        k = run;
      }
      if (count > 1) table.touch(fps, count);
      for (let k = 0; k < count; k++) {
        if (table.pushIdsFp(fps[2 * k]!, fps[2 * k + 1]!, ids) === 0) continue;
        const how = slices.how(k);
        const matched = slices.key(k);
        for (const num of ids) hits.push({ num, how, matched });
        ids.length = 0;
      }
    } else {
      const fps = this.#fps;
      for (const { key, how } of lookupKeys(v)) {
        fingerprint(key, fps);
        if (table.pushIdsFp(fps[0]!, fps[1]!, ids) === 0) continue;
        for (const num of ids) hits.push({ num, how, matched: key });
        ids.length = 0;
      }
    }
    const ip =
      v.kind === 'ip' ? v.ip : v.kind === 'url' && v.url?.hostIsIp === true ? hostIp(v.url.host) : undefined;
    if (ip !== undefined) {
      for (const m of this.#ranges.matchAll(ip)) {
        for (const num of m.values)
          hits.push({ num, how: 'cidr', matched: this.#rangeNames.get(num) ?? `/${m.prefix}` });
      }
    }
    return dedupe(hits);
  }

  /** Fast path for one key: whether any indicator holds it (no allocation). */
  hasKey(key: string): boolean {
    return this.#keys.has(key);
  }
}

function hostIp(host: string): IpValue | undefined {
  const ip = parseIp(host.startsWith('[') ? host.slice(1, -1) : host);
  return ip.ok ? ip.value : undefined;
}

/** One hit per indicator: the first found, which is the most specific (lookup keys come most specific first). */
function dedupe(hits: Hit[]): Hit[] {
  if (hits.length < 2) return hits;
  const seen = new Set<number>();
  return hits.filter((h) => (seen.has(h.num) ? false : (seen.add(h.num), true)));
}
