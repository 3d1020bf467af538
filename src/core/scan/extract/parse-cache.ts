import { parseObservable, type ObservableValue } from '../../observables/observable-value.js';
import { hasRealSuffix } from './link-rules.js';

// Canonicalizing a URL takes 1-2 µs and a domain about 1 µs, as long as the whole scan of a message may take.
// Scam campaigns send one link to millions of phones, and benign traffic repeats the same few hundred
// domains, so the parsed values of link hosts and URLs are memoized: a deterministic cache with no I/O.
// Two generations approximate LRU at the cost of a Map lookup: when the young one fills, it becomes the old
// one and the older is dropped; a hit in the old generation is copied to the young. Values are shared between
// calls and must not be mutated (ObservableValue is readonly throughout).

const GENERATION_SIZE = 4096;
// Longer inputs are rare and unlikely to repeat; caching them would only evict the useful entries.
const MAX_KEY_LENGTH = 200;

/** A parsed domain and whether its public suffix is a real one. */
export interface DomainInfo {
  readonly value: ObservableValue;
  readonly realSuffix: boolean;
}

class Memo<T> {
  // Values are boxed so that a cached undefined (a failed parse) is told apart from a miss.
  private young = new Map<string, { readonly value: T }>();
  private old = new Map<string, { readonly value: T }>();

  constructor(private readonly compute: (input: string) => T) {}

  get(input: string): T {
    if (input.length > MAX_KEY_LENGTH) return this.compute(input);
    const hit = this.young.get(input);
    if (hit !== undefined) return hit.value;
    // The young generation keeps a copy of the input (and a value worked out from a copy): the input is often
    // a slice of the message, itself maybe a slice of a whole file read in chunks, and a kept slice keeps all.
    const key = detached(input);
    const entry = this.old.get(input) ?? { value: this.compute(key) };
    if (this.young.size >= GENERATION_SIZE) {
      this.old = this.young;
      this.young = new Map();
    }
    this.young.set(key, entry);
    return entry.value;
  }
}

/**
 * `s` as a string of its own: V8 makes a slice of a longer string (12 characters or more) a view that keeps
 * the longer one alive. Slicing a concatenation copies it into a new string first, so the view returned holds
 * only `s`'s characters and one more.
 */
function detached(s: string): string {
  return ` ${s}`.slice(1);
}

const urls = new Memo<ObservableValue | undefined>((input) => {
  const parsed = parseObservable('url', input);
  return parsed.ok ? parsed.value : undefined;
});

const domains = new Memo<DomainInfo | undefined>((input) => {
  const parsed = parseObservable('domain', input);
  if (!parsed.ok) return undefined;
  return { value: parsed.value, realSuffix: hasRealSuffix(parsed.value.canonical) };
});

/** `parseObservable('url', input)`'s value, or undefined if it fails; memoized. */
export function parseUrlCached(input: string): ObservableValue | undefined {
  return urls.get(input);
}

/** `parseObservable('domain', input)`'s value with `hasRealSuffix` of it, or undefined; memoized. */
export function parseDomainCached(input: string): DomainInfo | undefined {
  return domains.get(input);
}
