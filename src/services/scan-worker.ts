/**
 * Scans the message stream: fetches a batch from the bus, scans it, publishes one verdict per message, and
 * only then acknowledges the batch. A process that dies at any point loses nothing (unacknowledged messages
 * come back) and publishes nothing twice (a verdict carries the message's queue number as its dedup id).
 *
 * A message is a JSON object `{ id?, text, sender?, timestamp? }`, or plain UTF-8 text. Its verdict is the
 * JSON of a scan result (as `POST /api/v1/scan` answers) with `seq` (the input's queue number) and `subject`.
 */
import type { Inbound, Outbound, ScanBus } from '../bus/scan-bus.js';
import type { Viewer } from '../core/sharing/tlp.js';
import type { ScanMessage, ScanResult, ScanService } from './scan-service.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The message a queue entry carries, or why it carries none. */
export function decodeMessage(data: Uint8Array): ScanMessage | { error: string } {
  let text: string;
  try {
    text = utf8.decode(data);
  } catch {
    return { error: 'the message is not valid UTF-8' };
  }
  if (!text.trimStart().startsWith('{')) return { text };
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (e) {
    return { error: `the message starts with { but is not JSON: ${(e as Error).message}` };
  }
  const o = v as Record<string, unknown>;
  if (typeof o['text'] !== 'string') return { error: 'a JSON message needs a "text" string' };
  const m: { -readonly [K in keyof ScanMessage]: ScanMessage[K] } = { text: o['text'] };
  for (const k of ['id', 'sender', 'timestamp'] as const) {
    const x = o[k];
    if (typeof x === 'string') m[k] = x;
    else if (x !== undefined && x !== null) return { error: `"${k}" must be a string` };
  }
  return m;
}

export interface ScanWorkerStats {
  readonly batches: number;
  readonly messages: number;
}

export class ScanWorker {
  readonly #bus: ScanBus;
  readonly #scan: ScanService;
  readonly #viewer: Viewer;
  readonly #batch: number;
  readonly #onError: (e: unknown) => void;
  readonly #concurrency: number;
  #running: Promise<void> | undefined;
  #stopping = false;
  #stats = { batches: 0, messages: 0 };

  constructor(deps: {
    bus: ScanBus;
    scan: ScanService;
    viewer: Viewer;
    batch: number;
    onError: (e: unknown) => void;
    /** Batches in hand at once: one is scanned while others wait for JetStream to store their verdicts. */
    concurrency?: number;
  }) {
    this.#bus = deps.bus;
    this.#scan = deps.scan;
    this.#viewer = deps.viewer;
    this.#batch = deps.batch;
    this.#onError = deps.onError;
    this.#concurrency = Math.max(1, deps.concurrency ?? 1);
  }

  get stats(): ScanWorkerStats {
    return { ...this.#stats };
  }

  /** Starts the loops; they run until `stop`. */
  start(): void {
    this.#running ??= Promise.all(Array.from({ length: this.#concurrency }, () => this.#loop())).then(
      () => undefined,
    );
  }

  /** Finishes the batch in hand (scanned, published, acknowledged), then closes the bus. */
  async stop(): Promise<void> {
    this.#stopping = true;
    await this.#running;
    await this.#bus.close();
  }

  async #loop(): Promise<void> {
    while (!this.#stopping) {
      try {
        const batch = await this.#bus.fetch(this.#batch, 1_000);
        if (batch.length > 0) await this.handle(batch);
      } catch (e) {
        this.#onError(e);
        // A broker that went away: do not spin.
        await new Promise((r) => setTimeout(r, 500));
      }
    }
  }

  /** Scans one batch, publishes its verdicts, then acknowledges it; on failure, asks for it again. */
  async handle(batch: readonly Inbound[]): Promise<void> {
    try {
      const decoded = batch.map((m) => decodeMessage(m.data));
      const messages = decoded.filter((d): d is ScanMessage => !('error' in d));
      const scanned = messages.length === 0 ? [] : await this.#scan.scan(this.#viewer, messages);
      // The verdicts' JSON, one line each, encoded at once (JSON text never holds a raw newline): each
      // verdict's bytes are a view of that one buffer, not a buffer of their own.
      const json = new Array<string>(batch.length);
      let j = 0;
      for (let i = 0; i < batch.length; i++) {
        const m = batch[i]!;
        const d = decoded[i]!;
        const r: ScanResult =
          'error' in d
            ? { error: { code: 'TOCSIN_ERR_BAD_REQUEST', message: d.error } }
            : (scanned[j++] ?? { error: { code: 'TOCSIN_ERR_INTERNAL', message: 'no verdict' } });
        json[i] = verdictJson(m.seq, m.subject, r);
      }
      const bytes = Buffer.from(json.join('\n'), 'utf8');
      const verdicts = new Array<Outbound>(batch.length);
      let inSubject: string | undefined;
      let outSubject = '';
      for (let i = 0, at = 0; i < batch.length; i++) {
        const m = batch[i]!;
        const end = i === batch.length - 1 ? bytes.length : bytes.indexOf(10, at);
        // A batch's messages mostly share a subject: its verdict subject is worked out once.
        if (m.subject !== inSubject) {
          inSubject = m.subject;
          outSubject = this.#bus.verdictSubject(inSubject);
        }
        verdicts[i] = { subject: outSubject, dedupId: `scan-${m.seq}`, data: bytes.subarray(at, end) };
        at = end + 1;
      }
      await this.#bus.publish(verdicts);
    } catch (e) {
      for (const m of batch) m.nak();
      throw e;
    }
    for (const m of batch) m.ack();
    this.#stats.batches++;
    this.#stats.messages += batch.length;
  }
}

/**
 * `JSON.stringify({ seq, subject, ...r })`, without copying the result into a new object: the result's own
 * JSON with `seq` and `subject` put in front (a result is never an empty object).
 */
export function verdictJson(seq: number, subject: string, r: ScanResult): string {
  return `{"seq":${seq},"subject":${JSON.stringify(subject)},${JSON.stringify(r).slice(1)}`;
}
