/**
 * The scan stream in process: a queue and a verdict log in memory, with the same guarantees as JetStream
 * (redelivery of what was not acknowledged, verdicts kept once per `dedupId`). For running without a broker,
 * and for tests. Several `MemoryScanBus` clients on one `MemoryQueue` share its work, as processes share a
 * durable consumer.
 */
import type { Inbound, Outbound, ScanBus } from '../scan-bus.js';

interface Pending {
  readonly seq: number;
  readonly subject: string;
  readonly data: Uint8Array;
  readonly contentType: string | undefined;
  deliveries: number;
  /** When it may be delivered again if not acknowledged (0: now). */
  dueAt: number;
  acked: boolean;
}

/** The broker: the input queue and the verdicts stored. */
export class MemoryQueue {
  readonly ackWaitMs: number;
  #seq = 0;
  readonly #queue: Pending[] = [];
  readonly #waiters = new Set<() => void>();
  readonly verdicts: { subject: string; dedupId: string; data: Uint8Array; contentType?: string }[] = [];
  readonly #dedup = new Set<string>();

  constructor(opts: { ackWaitMs: number }) {
    this.ackWaitMs = opts.ackWaitMs;
  }

  /** Publishes a message to scan (a batch, one message a line, when `contentType` is `application/x-ndjson`). */
  publish(subject: string, data: Uint8Array, contentType?: string): void {
    this.#queue.push({ seq: ++this.#seq, subject, data, contentType, deliveries: 0, dueAt: 0, acked: false });
    for (const w of this.#waiters) w();
  }

  /** Messages not acknowledged yet. */
  get pending(): number {
    return this.#queue.filter((p) => !p.acked).length;
  }

  take(max: number): Pending[] {
    const now = Date.now();
    const out: Pending[] = [];
    for (const p of this.#queue) {
      if (out.length >= max) break;
      if (p.acked || p.dueAt > now) continue;
      p.deliveries++;
      p.dueAt = now + this.ackWaitMs;
      out.push(p);
    }
    return out;
  }

  ack(p: Pending): void {
    p.acked = true;
    const i = this.#queue.indexOf(p);
    if (i >= 0) this.#queue.splice(i, 1);
  }

  nak(p: Pending): void {
    if (p.acked) return;
    p.dueAt = 0;
    for (const w of this.#waiters) w();
  }

  store(v: Outbound): void {
    if (this.#dedup.has(v.dedupId)) return;
    this.#dedup.add(v.dedupId);
    this.verdicts.push({
      subject: v.subject,
      dedupId: v.dedupId,
      data: v.data,
      ...(v.contentType === undefined ? {} : { contentType: v.contentType }),
    });
  }

  /** Resolves on the next publish or nak, or after `ms`. */
  wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.#waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, Math.min(ms, 250));
      this.#waiters.add(done);
    });
  }
}

export class MemoryScanBus implements ScanBus {
  readonly #queue: MemoryQueue;
  #closed = false;

  constructor(queue: MemoryQueue) {
    this.#queue = queue;
  }

  /** As a NATS server's default limit, so that what passes here passes there. */
  readonly maxPayload = 1_048_576;

  verdictSubject(subject: string): string {
    return subject.replace(/\.scan\.in\./, '.scan.out.');
  }

  async fetch(max: number, maxWaitMs: number): Promise<Inbound[]> {
    const until = Date.now() + maxWaitMs;
    for (;;) {
      if (this.#closed) return [];
      const got = this.#queue.take(max);
      if (got.length > 0) {
        return got.map((p) => ({
          seq: p.seq,
          subject: p.subject,
          data: p.data,
          contentType: p.contentType,
          deliveries: p.deliveries,
          ack: () => {
            if (!this.#closed) this.#queue.ack(p);
          },
          nak: () => this.#queue.nak(p),
        }));
      }
      const left = until - Date.now();
      if (left <= 0) return [];
      await this.#queue.wait(left);
    }
  }

  publish(verdicts: readonly Outbound[]): Promise<void> {
    for (const v of verdicts) this.#queue.store(v);
    return Promise.resolve();
  }

  close(): Promise<void> {
    this.#closed = true;
    return Promise.resolve();
  }
}
