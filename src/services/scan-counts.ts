/**
 * The scanner's counts: messages scanned, per verdict, flagged, and flagged per category, by UTC day and
 * organization. Counted in memory as batches are answered and written to the store every few seconds (and
 * on `flush`), so that a telco sending single messages does not cost a write each. A crash loses at most the
 * last interval's counts; the verdicts themselves were already answered.
 */
import type { Category } from '../core/indicators/indicator.js';
import type { MessageVerdict } from '../core/scan/message-verdict.js';
import type { ScanCount, Store } from '../store/store.js';
import type { Clock } from './clock.js';

/** What one answered message adds to the counts. */
export interface ScanOutcome {
  readonly verdict: MessageVerdict;
  /** The categories of the rules that fired and of the malicious or suspicious items found. */
  readonly categories: readonly Category[];
}

/** Told of every answered batch (the Prometheus counters listen). */
export type ScanCountListener = (orgId: string, outcomes: readonly ScanOutcome[]) => void;

const VERDICT_NAMES: Readonly<Record<MessageVerdict, string>> = {
  malicious: 'verdict:malicious',
  suspicious: 'verdict:suspicious',
  clean: 'verdict:clean',
  unknown: 'verdict:unknown',
};

/** Whether a message counts as flagged: a telco blocks or reviews these. */
export function isFlagged(verdict: MessageVerdict): boolean {
  return verdict === 'malicious' || verdict === 'suspicious';
}

export class ScanCounts {
  readonly #store: Store;
  readonly #clock: Clock;
  #pending = new Map<string, ScanCount>();
  #timer: NodeJS.Timeout | undefined;
  #flushing: Promise<void> = Promise.resolve();
  readonly #listeners: ScanCountListener[] = [];

  constructor(deps: { store: Store; clock: Clock }) {
    this.#store = deps.store;
    this.#clock = deps.clock;
  }

  onCount(fn: ScanCountListener): void {
    this.#listeners.push(fn);
  }

  /** Counts one answered batch of organization `orgId` ('' for the instance itself). */
  record(orgId: string, outcomes: readonly ScanOutcome[]): void {
    if (outcomes.length === 0) return;
    const day = this.#clock().toISOString().slice(0, 10);
    // Counted by name for the batch first, then merged: one key string per name, not per message.
    const batch = new Map<string, number>([['messages', outcomes.length]]);
    const bump = (name: string) => batch.set(name, (batch.get(name) ?? 0) + 1);
    for (const o of outcomes) {
      bump(VERDICT_NAMES[o.verdict]);
      if (!isFlagged(o.verdict)) continue;
      bump('flagged');
      if (o.categories.length === 1) bump(`category:${o.categories[0]!}`);
      else for (const c of new Set(o.categories)) bump(`category:${c}`);
    }
    for (const [name, n] of batch) {
      const key = `${day} ${orgId} ${name}`;
      const c = this.#pending.get(key);
      this.#pending.set(key, { day, orgId, name, count: (c?.count ?? 0) + n });
    }
    for (const fn of this.#listeners) fn(orgId, outcomes);
  }

  /** Writes what was counted since the last flush. Counts whose write fails are kept for the next one. */
  flush(): Promise<void> {
    // Chained, so that two flushes never write the same counts; a failed one does not stop the next.
    const run = this.#flushing
      .catch(() => undefined)
      .then(async () => {
        if (this.#pending.size === 0) return;
        const batch = this.#pending;
        this.#pending = new Map();
        try {
          await this.#store.scan.addCounts([...batch.values()]);
        } catch (e) {
          for (const [k, c] of batch) {
            const now = this.#pending.get(k);
            this.#pending.set(k, { ...c, count: c.count + (now?.count ?? 0) });
          }
          throw e;
        }
      });
    this.#flushing = run;
    return run;
  }

  /** Flushes every `ms` milliseconds until `stop`. */
  start(ms: number, onError: (e: unknown) => void): void {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = setInterval(() => {
      this.flush().catch(onError);
    }, ms);
    this.#timer.unref();
  }

  /** Stops the timer and writes what is left. */
  async stop(): Promise<void> {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
    await this.flush();
  }

  /** Daily counts from the store (flushed first), of one organization or of every one. */
  async daily(filter: { fromDay: string; toDay: string; orgId?: string | undefined }): Promise<ScanCount[]> {
    await this.flush();
    return this.#store.scan.counts(filter);
  }
}
