/**
 * The scan stream: messages arrive on a durable queue, verdicts leave on another. One small interface, one
 * folder per implementation: `nats/` (NATS JetStream, for production and for several processes sharing the
 * work) and `memory/` (in-process, for running without a broker and for tests). A shared contract suite
 * (test/bus/) runs on both.
 *
 * The guarantee: a message is acknowledged only after its verdict is stored, so a process that dies loses
 * nothing: what it had not acknowledged is delivered again. A verdict published again for the same message
 * (the process died between publishing and acknowledging) carries the same `dedupId`, and the bus keeps one.
 */

/** A message taken from the queue, not yet acknowledged. */
export interface Inbound {
  /** The queue's own number for the message: unique and stable across deliveries. */
  readonly seq: number;
  readonly subject: string;
  readonly data: Uint8Array;
  /**
   * The `Content-Type` the publisher gave it, if any: `application/x-ndjson` makes it a batch of messages,
   * one a line (see `services/scan-worker.ts`).
   */
  readonly contentType?: string | undefined;
  /** How many times it has been delivered (1 the first time). */
  readonly deliveries: number;
  /** Done with it: the queue drops it. */
  ack(): void;
  /** Not done: deliver it again (to this or another process). */
  nak(): void;
}

/** A verdict to publish: `dedupId` makes a second publication of the same verdict a no-op. */
export interface Outbound {
  readonly subject: string;
  readonly dedupId: string;
  readonly data: Uint8Array;
  /** Sent as its `Content-Type` header when set. */
  readonly contentType?: string | undefined;
}

export interface ScanBus {
  /** The subject a verdict for a message on `subject` goes to (`….scan.in.telco-a` → `….scan.out.telco-a`). */
  verdictSubject(subject: string): string;
  /** The largest verdict (payload and headers) the bus takes, in bytes. */
  readonly maxPayload: number;
  /** Waits up to `maxWaitMs` for up to `max` messages; resolves with what came (maybe none). */
  fetch(max: number, maxWaitMs: number): Promise<Inbound[]>;
  /** Publishes verdicts; resolves once the bus has stored every one of them. */
  publish(verdicts: readonly Outbound[]): Promise<void>;
  /** Stops taking messages; what was fetched and not acknowledged is delivered again later. */
  close(): Promise<void>;
}
