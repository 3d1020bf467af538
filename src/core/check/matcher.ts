/**
 * The in-memory matcher: which indicators a checked value meets, and how. Exact keys (phones, accounts,
 * domains and their parents, URL expressions…) live in one fingerprint table; IP ranges in a CIDR table.
 * It knows nothing of validity, TLP or scoring: it answers "which indicator numbers", and the verdict step
 * reads those indicators and decides.
 */
import { FingerprintTable } from '../index/fingerprint-table.js';
import { fingerprint, fingerprintKey, fingerprintKeyOfBytes } from '../index/fingerprint.js';
import {
  KeyFilter,
  hashPowers,
  keyGroupHash,
  keyHash,
  keyHashes,
  lastGroupHash,
  prefixHashes,
  prefixHashesOfBytes,
  sliceHash,
  sliceKeyHash,
} from '../index/key-filter.js';
import { asciiBytes } from '../observables/ascii-bytes.js';
import { CidrTable } from '../observables/cidr-table.js';
import { parseIp, type IpValue } from '../observables/ip.js';
import {
  LookupSlices,
  domainKeyCount,
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

const NO_BYTES = new Uint8Array(0);

function rangeOf(e: MatchEntry): IpValue | undefined {
  if (e.kind !== 'ip' || e.keys.length > 0) return undefined;
  const ip = parseIp(e.canonical);
  return ip.ok && ip.value.isRange ? ip.value : undefined;
}

export class IndexMatcher implements Matcher {
  readonly #keys: FingerprintTable;
  /** Every key's bits, so that most absent keys are never fingerprinted or probed. */
  readonly #filter: KeyFilter;
  /**
   * For each `d:` key a URL check has found as its host: 1 when the name has a registrable domain (so that it is
   * the host's first domain key), 2 when not (a public suffix: no domain indicator has one, but an index loaded
   * from data filed under an older Public Suffix List may).
   */
  readonly #hostKeys = new FingerprintTable();
  readonly #ranges = new CidrTable<number>();
  /** The canonical range of each range indicator, to name it in a hit. */
  readonly #rangeNames = new Map<number, string>();
  #entries = 0;

  /** `expected` pre-sizes the key table for a bulk load, so that it never rehashes on the way. */
  constructor(expected = 0) {
    this.#keys = new FingerprintTable(expected);
    this.#filter = new KeyFilter(expected);
  }

  /** The number of indicators held. */
  get size(): number {
    return this.#entries;
  }

  /**
   * Bytes held by the key table's typed arrays, its filter and the note of host keys checked (the CIDR table is
   * small and not counted).
   */
  get keyTableBytes(): number {
    return this.#keys.byteSize() + this.#filter.byteSize() + this.#hostKeys.byteSize();
  }

  /** The share of the key filter's bits that are set (its false-positive rate is about the cube of it). */
  get filterFill(): number {
    return this.#filter.fill;
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
      if (isFiltered(k.charCodeAt(0))) {
        const h = keyHashes(k);
        this.#filter.add(lastGroupHash, h);
      }
      added ||= this.#keys.idCount > before;
    }
    if (e.keys.length > 0) this.#filter.fit(this.#keys.size);
    if (added) this.#entries++;
  }

  remove(e: MatchEntry): void {
    let removed = false;
    const range = rangeOf(e);
    if (range !== undefined) {
      removed = this.#ranges.remove(range, e.num);
      this.#rangeNames.delete(e.num);
    }
    // The filter keeps the key's bits (it cannot clear them): the key then passes it and the table says no.
    for (const k of e.keys) removed = this.#keys.remove(k, e.num) || removed;
    if (removed) this.#entries--;
  }

  // Scratch for match(), which runs to completion before the next call: the keys as slices, the prefix hashes
  // of their source, the keys that pass the filter and their fingerprints, the ids of one hit key.
  readonly #slices = new LookupSlices();
  #prefix: Int32Array = new Int32Array(256);
  #passed = new Int32Array(32);
  #fps = new Int32Array(64);
  readonly #ids: number[] = [];

  match(v: ObservableValue): Hit[] {
    const hits: Hit[] = [];
    const table = this.#keys;
    const filter = this.#filter;
    const ids = this.#ids;
    const slices = this.#slices;
    if (v.kind !== 'url' && lookupSlices(v, slices)) {
      // One key (a phone number, an account, an address…): hashed where it lies and probed. The filter would
      // not pay here: a hit needs the probe anyway, and the filter's own hash and read cost about what the
      // probe of a miss does.
      const fps = this.#fps;
      for (let k = 0; k < slices.count; k++) {
        fingerprintKey(slices.letter[k]!, slices.source, slices.start[k]!, slices.end[k]!, fps, 0);
        if (table.pushIdsFp(fps[0]!, fps[1]!, ids) === 0) continue;
        const how = slices.how(k);
        const matched = slices.key(k);
        for (const num of ids) hits.push({ num, how, matched });
        ids.length = 0;
      }
    } else if (lookupSlices(v, slices, true)) {
      // Every key is a slice of one string: one pass gives its prefix hashes, from which each key's filter hash
      // follows in a few operations. Only the keys that pass the filter are fingerprinted (where they lie: no
      // key string is built unless it hits), their slots touched together (their cache misses overlap), then
      // probed.
      const source = slices.source;
      const count = slices.count;
      const letter = slices.letter;
      const start = slices.start;
      const end = slices.end;
      let from = source.length;
      let to = 0;
      for (let k = 0; k < count; k++) {
        if (start[k]! < from) from = start[k]!;
        if (end[k]! > to) to = end[k]!;
      }
      if (this.#passed.length < count) this.#passed = new Int32Array(2 * count);
      if (this.#fps.length < 2 * count) this.#fps = new Int32Array(4 * count);
      const passed = this.#passed;
      const fps = this.#fps;
      let n = 0;
      let ascii = false;
      let bytes: Uint8Array = NO_BYTES;
      if (count > 0) {
        // The source as bytes (a canonical URL, phone number… is ASCII; anything else is hashed as a string).
        const asBytes = asciiBytes(source);
        ascii = asBytes !== undefined;
        if (asBytes !== undefined) bytes = asBytes;
        const prefix = (this.#prefix = ascii
          ? prefixHashesOfBytes(bytes, from, to, this.#prefix)
          : prefixHashes(source, from, to, this.#prefix));
        const pow = hashPowers(to - from);
        // Each key's group is its slice up to the first '/' in it (a URL key's host): the first '/' from the
        // earliest start serves every key starting before it.
        const slash = ascii ? slashIn(bytes, from, to) : slashInString(source, from, to);
        for (let k = 0; k < count; k++) {
          const s = start[k]!;
          const e = end[k]!;
          const groupEnd =
            s <= slash ? (e < slash ? e : slash) : ascii ? slashIn(bytes, s, e) : slashInString(source, s, e);
          if (
            !isFiltered(letter[k]!) ||
            filter.mayHave(sliceHash(prefix, pow, s, groupEnd), sliceKeyHash(letter[k]!, prefix, pow, s, e))
          )
            passed[n++] = k;
        }
      }
      for (let q = 0; q < n; q++) {
        const k = passed[q]!;
        if (ascii) fingerprintKeyOfBytes(letter[k]!, bytes, start[k]!, end[k]!, fps, 2 * q);
        else fingerprintKey(letter[k]!, source, start[k]!, end[k]!, fps, 2 * q);
      }
      if (n > 1) table.touch(fps, n);
      // Slices from domainFrom on are candidates for a URL's domain keys: only the first domainKeyCount(host)
      // of them are keys, which the Public Suffix List walk says, done only when one of them is found.
      const domainFrom = slices.domainFrom;
      let domainKeys = -1;
      for (let q = 0; q < n; q++) {
        if (table.pushIdsFp(fps[2 * q]!, fps[2 * q + 1]!, ids) === 0) continue;
        const k = passed[q]!;
        if (k >= domainFrom) {
          // The host itself (k = domainFrom) is a key when it has a registrable domain, which is noted for each
          // domain key the first time a check finds it; a parent needs the walk.
          const inRange =
            k === domainFrom
              ? this.#isDomain(fps[2 * q]!, fps[2 * q + 1]!, v.url!.host)
              : k - domainFrom < (domainKeys < 0 ? (domainKeys = domainKeyCount(v.url!.host)) : domainKeys);
          if (!inRange) {
            ids.length = 0;
            continue;
          }
        }
        const how = slices.how(k);
        const matched = slices.key(k);
        for (const num of ids) hits.push({ num, how, matched });
        ids.length = 0;
      }
    } else {
      const fps = this.#fps;
      for (const { key, how } of lookupKeys(v)) {
        if (isFiltered(key.charCodeAt(0)) && !filter.mayHave(keyGroupHash(key), keyHash(key))) continue;
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

  /** Whether the `d:` key with this fingerprint, found for the host `host`, is the host's own domain key. */
  #isDomain(hi: number, lo: number, host: string): boolean {
    let known = this.#hostKeys.firstFp(hi, lo);
    if (known === 0) {
      known = domainKeyCount(host) > 0 ? 1 : 2;
      this.#hostKeys.addFp(hi, lo, known);
    }
    return known === 1;
  }

  /** Fast path for one key: whether any indicator holds it (no allocation). */
  hasKey(key: string): boolean {
    return this.#keys.has(key);
  }
}

/**
 * Whether keys with this letter go into the key filter: those of URL checks (`u:`, `d:`, `i:`) and of domain and
 * e-mail checks (`u:`, `d:`, `e:`), the only ones tested against it. A check of a phone number, an account, a
 * wallet or a hash has one key and probes the table directly.
 */
function isFiltered(letter: number): boolean {
  return letter === 0x75 || letter === 0x64 || letter === 0x69 || letter === 0x65;
}

/** The index of the first '/' in bytes[from, to), or `to`. */
function slashIn(bytes: Uint8Array, from: number, to: number): number {
  let i = from;
  while (i < to && bytes[i] !== 0x2f) i++;
  return i;
}

function slashInString(s: string, from: number, to: number): number {
  const i = s.indexOf('/', from);
  return i < 0 || i > to ? to : i;
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
