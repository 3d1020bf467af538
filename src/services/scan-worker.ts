/**
 * Scans the message stream: fetches a batch from the bus, scans it, publishes one verdict per queue entry,
 * and only then acknowledges the batch. A process that dies at any point loses nothing (unacknowledged
 * entries come back) and publishes nothing twice (a verdict carries its entry's queue number as its dedup id).
 *
 * An entry is one message, or an NDJSON batch of them (`stream-messages.ts`). The verdict of one message is
 * the JSON of a scan result (as `POST /api/v1/scan` answers) with `seq` (the entry's queue number) and
 * `subject`; the verdict of an NDJSON entry is NDJSON, a line each, with `line` as well.
 */
import type { Inbound, Outbound, ScanBus } from '../bus/scan-bus.js';
import type { Viewer } from '../core/sharing/tlp.js';
import { MAX_MESSAGES, type ScanMessage, type ScanResult, type ScanService } from './scan-service.js';
import {
  decodeLines,
  decodeMessage,
  isNdjson,
  NDJSON,
  splitLines,
  verdictJson,
  type Decoded,
  type DecodedLine,
} from './stream-messages.js';

/** Entries asked for before the worker knows how many messages an entry holds. */
const FIRST_FETCH = 16;
/** Room left in a bus message for its headers when an NDJSON verdict is cut to fit. */
const HEADER_ROOM = 512;

/** What one entry holds: a message (or why not), its lines, or why it cannot be answered line by line. */
type Entry =
  | { readonly kind: 'one'; readonly message: Decoded }
  | { readonly kind: 'lines'; readonly lines: readonly DecodedLine[] }
  | { readonly kind: 'refused'; readonly result: ScanResult };

function entryOf(m: Inbound): Entry {
  if (!isNdjson(m.contentType)) return { kind: 'one', message: decodeMessage(m.data) };
  const lines = decodeLines(m.data);
  return 'error' in lines
    ? { kind: 'refused', result: { error: { code: lines.code, message: lines.error } } }
    : { kind: 'lines', lines };
}

export interface ScanWorkerStats {
  readonly batches: number;
  /** Queue entries answered. */
  readonly entries: number;
  /** Messages answered: one an entry, or one a line of an NDJSON entry. */
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
  #stats = { batches: 0, entries: 0, messages: 0 };
  /**
   * Messages an entry held in the last batch, so that a fetch asks for about `batch` messages rather than
   * `batch` entries of thousands each; unknown before the first, which asks for a few entries only.
   */
  #perEntry: number | undefined;

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
        const entries =
          this.#perEntry === undefined
            ? Math.min(this.#batch, FIRST_FETCH)
            : Math.max(1, Math.min(this.#batch, Math.round(this.#batch / this.#perEntry)));
        const batch = await this.#bus.fetch(entries, 1_000);
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
    let count = 0;
    try {
      const entries = batch.map(entryOf);
      const messages: ScanMessage[] = [];
      for (const e of entries) {
        if (e.kind === 'lines') {
          count += e.lines.length;
          for (const l of e.lines) if (!('error' in l.message)) messages.push(l.message);
        } else {
          count++;
          if (e.kind === 'one' && !('error' in e.message)) messages.push(e.message);
        }
      }
      this.#perEntry = Math.max(1, count / batch.length);
      // The scanner takes MAX_MESSAGES at a time; NDJSON entries may bring more.
      let scanned: ScanResult[] = [];
      for (let at = 0; at < messages.length; at += MAX_MESSAGES) {
        const part = await this.#scan.scan(
          this.#viewer,
          at === 0 && messages.length <= MAX_MESSAGES ? messages : messages.slice(at, at + MAX_MESSAGES),
        );
        scanned = at === 0 ? part : scanned.concat(part);
      }
      let j = 0;
      const resultOf = (d: Decoded): ScanResult =>
        'error' in d
          ? { error: { code: d.code ?? 'TOCSIN_ERR_BAD_REQUEST', message: d.error } }
          : (scanned[j++] ?? { error: { code: 'TOCSIN_ERR_INTERNAL', message: 'no verdict' } });
      // The verdicts' JSON, one line each, encoded at once (JSON text never holds a raw newline): each
      // verdict's bytes are a view of that one buffer, not a buffer of their own. An NDJSON entry's verdict
      // is several lines, and its view spans them.
      const json: string[] = [];
      for (let i = 0; i < batch.length; i++) {
        const m = batch[i]!;
        const e = entries[i]!;
        if (e.kind === 'one') json.push(verdictJson(m.seq, m.subject, resultOf(e.message)));
        else if (e.kind === 'refused') json.push(verdictJson(m.seq, m.subject, e.result));
        else for (const l of e.lines) json.push(verdictJson(m.seq, m.subject, resultOf(l.message), l.line));
      }
      const bytes = Buffer.from(json.join('\n'), 'utf8');
      const limit = this.#bus.maxPayload - HEADER_ROOM;
      const verdicts: Outbound[] = [];
      let inSubject: string | undefined;
      let outSubject = '';
      for (let i = 0, at = 0; i < batch.length; i++) {
        const m = batch[i]!;
        const e = entries[i]!;
        let end = at - 1;
        for (let k = e.kind === 'lines' ? e.lines.length : 1; k > 0; k--) {
          end = bytes.indexOf(10, end + 1);
          if (end < 0) end = bytes.length;
        }
        // A batch's messages mostly share a subject: its verdict subject is worked out once.
        if (m.subject !== inSubject) {
          inSubject = m.subject;
          outSubject = this.#bus.verdictSubject(inSubject);
        }
        const data = bytes.subarray(at, end);
        // An NDJSON entry refused as a whole: its one error line is NDJSON too.
        if (e.kind !== 'lines')
          verdicts.push({
            subject: outSubject,
            dedupId: `scan-${m.seq}`,
            data,
            contentType: e.kind === 'refused' ? NDJSON : undefined,
          });
        else {
          // Parts after the first carry their number, so that each is kept once as well.
          const parts = splitLines(data, limit);
          for (const [k, part] of parts.entries())
            verdicts.push({
              subject: outSubject,
              dedupId: k === 0 ? `scan-${m.seq}` : `scan-${m.seq}.${k + 1}`,
              data: part,
              contentType: NDJSON,
            });
        }
        at = end + 1;
      }
      await this.#bus.publish(verdicts);
    } catch (e) {
      for (const m of batch) m.nak();
      throw e;
    }
    for (const m of batch) m.ack();
    this.#stats.batches++;
    this.#stats.entries += batch.length;
    this.#stats.messages += count;
  }
}
