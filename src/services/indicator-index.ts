/**
 * Keeps the in-memory matcher in step with the store. `load` builds a new matcher off to the side, page by
 * page in change order, and swaps it in whole; `catchUp` applies what changed since (written by this
 * process, another node, or the CLI working on the same database), and `follow` does so on a timer.
 */
import { IndexMatcher, type MatchEntry } from '../core/check/matcher.js';
import { SEE_EVERYTHING } from '../core/sharing/tlp.js';
import type { IndicatorKeys, Store } from '../store/store.js';

const PAGE = 50_000;

export interface LoadProgress {
  readonly done: number;
  readonly total: number;
}

function entry(c: IndicatorKeys): MatchEntry {
  return { num: c.num, kind: c.kind, canonical: c.canonical, keys: c.keys };
}

export class IndicatorIndex {
  readonly #store: Store;
  #matcher = new IndexMatcher();
  #lastSeq = 0;
  #catchingUp: Promise<number> | undefined;
  #loaded = false;
  readonly #listeners: ((changed: readonly number[] | 'all') => void)[] = [];

  /** Calls `listener` with the numbers of the indicators that changed, or `'all'` after a full load. */
  onChange(listener: (changed: readonly number[] | 'all') => void): void {
    this.#listeners.push(listener);
  }

  constructor(deps: { store: Store }) {
    this.#store = deps.store;
  }

  /** The matcher in use now. A reload replaces it; callers take it afresh for each check. */
  get matcher(): IndexMatcher {
    return this.#matcher;
  }

  /** The last change applied. */
  get lastSeq(): number {
    return this.#lastSeq;
  }

  /** Builds the whole index from the store, then swaps it in. Revoked indicators are left out. */
  async load(onProgress?: (p: LoadProgress) => void): Promise<{ entries: number; lastSeq: number }> {
    const total = await this.#store.indicators.count({
      status: 'all',
      now: new Date(0).toISOString(),
      visibility: SEE_EVERYTHING,
    });
    const next = new IndexMatcher(Math.ceil(total * 1.2));
    // Note where the change log stands first, then read the table in storage order (a sequential scan, far
    // faster than following the log). A row written during the scan may be read old or new; either way the
    // catch-up from `seq` replays it, and adding or removing twice changes nothing.
    const seq = await this.#store.indicators.lastChangeSeq();
    let done = 0;
    for await (const batch of this.#store.indicators.scanActive()) {
      for (const c of batch) next.add(entry(c));
      done += batch.length;
      onProgress?.({ done, total: Math.max(total, done) });
    }
    onProgress?.({ done, total: Math.max(total, done) });
    this.#matcher = next;
    this.#lastSeq = seq;
    for (const l of this.#listeners) l('all');
    this.#loaded = true;
    await this.catchUp();
    return { entries: this.#matcher.size, lastSeq: this.#lastSeq };
  }

  /** Applies every change since the last one applied; returns how many. Concurrent calls share one run. */
  catchUp(): Promise<number> {
    this.#catchingUp ??= this.#catchUp().finally(() => {
      this.#catchingUp = undefined;
    });
    return this.#catchingUp;
  }

  async #catchUp(): Promise<number> {
    // An index that was never loaded holds nothing to keep current (a CLI command writing to the store).
    if (!this.#loaded) return 0;
    let applied = 0;
    for (;;) {
      const page = await this.#store.indicators.changesSince(this.#lastSeq, PAGE);
      for (const c of page) {
        if (c.revokedAt === null) this.#matcher.add(entry(c));
        else this.#matcher.remove(entry(c));
        this.#lastSeq = c.changeSeq;
      }
      if (page.length > 0) for (const l of this.#listeners) l(page.map((c) => c.num));
      applied += page.length;
      if (page.length < PAGE) return applied;
    }
  }

  /** Catches up every `intervalMs` until the returned function is called. Errors are reported, not thrown. */
  follow(intervalMs: number, onError: (e: unknown) => void): () => void {
    const timer = setInterval(() => {
      this.catchUp().catch(onError);
    }, intervalMs);
    timer.unref();
    return () => clearInterval(timer);
  }
}
