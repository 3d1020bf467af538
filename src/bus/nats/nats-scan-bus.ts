/**
 * The scan stream on NATS JetStream. Two streams: `<PREFIX>_SCAN_IN` (work-queue retention: a message is
 * removed once acknowledged) on `<prefix>.scan.in.>`, and `<PREFIX>_SCAN_OUT` on `<prefix>.scan.out.>`, whose
 * duplicate window drops a verdict published twice under the same `Nats-Msg-Id`. One durable pull consumer,
 * `tocsin-scanner`, with explicit acknowledgement: every Tocsin process pulls from it, so they share the work,
 * and a message one of them took but never acknowledged goes to another after `ackWaitMs`.
 */
import {
  AckPolicy,
  DeliverPolicy,
  JetStreamError,
  jetstream,
  jetstreamManager,
  RetentionPolicy,
  type Consumer,
  type JetStreamClient,
  type JetStreamManager,
  type JsMsg,
} from '@nats-io/jetstream';
import { connect, createInbox, nanos, type Msg, type NatsConnection } from '@nats-io/transport-node';
import { tocsinError } from '../../core/errors/errors.js';
import type { Inbound, Outbound, ScanBus } from '../scan-bus.js';
import { deliveryInfo, hpubFrames } from './frames.js';

export const CONSUMER = 'tocsin-scanner';
/** Verdicts published again within this window (a process died between publishing and acknowledging) are dropped. */
const DUPLICATE_WINDOW_MS = 10 * 60_000;

export interface NatsScanBusOptions {
  readonly url: string;
  readonly prefix: string;
  readonly ackWaitMs: number;
}

/** The stream and subject names for a prefix. */
export function natsNames(prefix: string) {
  const upper = prefix.toUpperCase().replace(/[^A-Z0-9_]/g, '_');
  return {
    inStream: `${upper}_SCAN_IN`,
    outStream: `${upper}_SCAN_OUT`,
    inSubjects: `${prefix}.scan.in.>`,
    outSubjects: `${prefix}.scan.out.>`,
    inPrefix: `${prefix}.scan.in.`,
    outPrefix: `${prefix}.scan.out.`,
  };
}

/** Creates the streams and the consumer when missing (several processes may do this at once). */
async function ensureStreams(jsm: JetStreamManager, o: NatsScanBusOptions): Promise<void> {
  const n = natsNames(o.prefix);
  const ensure = async (name: string, subjects: string, extra: object) => {
    try {
      await jsm.streams.info(name);
    } catch {
      try {
        await jsm.streams.add({ name, subjects: [subjects], ...extra });
      } catch (e) {
        // Another process created it between our look and our add.
        await jsm.streams.info(name).catch(() => {
          throw e;
        });
      }
    }
  };
  await ensure(n.inStream, n.inSubjects, { retention: RetentionPolicy.Workqueue });
  await ensure(n.outStream, n.outSubjects, {
    retention: RetentionPolicy.Limits,
    duplicate_window: nanos(DUPLICATE_WINDOW_MS),
  });
  const config = {
    durable_name: CONSUMER,
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
    ack_wait: nanos(o.ackWaitMs),
    max_ack_pending: 100_000,
  };
  try {
    await jsm.consumers.add(n.inStream, config);
  } catch {
    await jsm.consumers.update(n.inStream, CONSUMER, { ack_wait: config.ack_wait });
  }
}

/**
 * The part of the client's protocol handler used here (`NatsConnectionImpl.protocol`, typed in
 * @nats-io/nats-core but not exported): `sendCommand` queues bytes to the server, written out at the end of
 * the current task (or at once past 32 KiB), exactly as `publish` queues its own frames.
 */
interface Protocol {
  sendCommand(cmd: string | Uint8Array, ...payloads: Uint8Array[]): void;
}

function protocolOf(nc: NatsConnection): Protocol | undefined {
  const p = (nc as unknown as { protocol?: Partial<Protocol> }).protocol;
  return typeof p?.sendCommand === 'function' ? (p as Protocol) : undefined;
}

/** How long a batch of verdicts may wait for JetStream to store them all. */
const PUBLISH_TIMEOUT_MS = 30_000;

/** A batch of verdicts in flight: how many acknowledgements it still waits for, and how it ends. */
interface InFlight {
  waiting: number;
  readonly resolve: () => void;
  readonly reject: (e: Error) => void;
  readonly timer: NodeJS.Timeout;
}

export class NatsScanBus implements ScanBus {
  readonly #nc: NatsConnection;
  readonly #consumer: Consumer;
  readonly #names: ReturnType<typeof natsNames>;
  /** JetStream acknowledges each publication to a reply subject under this inbox: `<inbox>.<batch>`. */
  readonly #inbox = createInbox();
  readonly #inFlight = new Map<string, InFlight>();
  #batches = 0;
  /** The connection's protocol handler: frames built here are handed to it as they are. */
  readonly #protocol: Protocol;
  /** Acknowledgements to send at the end of the current task, as protocol text. */
  #acks = '';

  private constructor(nc: NatsConnection, protocol: Protocol, consumer: Consumer, prefix: string) {
    this.#nc = nc;
    this.#protocol = protocol;
    this.#consumer = consumer;
    this.#names = natsNames(prefix);
    // Drained with the connection on close.
    nc.subscribe(`${this.#inbox}.*`, { callback: (_err, m) => this.#onAck(m) });
  }

  /** Connects, and creates the streams and the durable consumer when missing. */
  static async open(o: NatsScanBusOptions): Promise<NatsScanBus> {
    let nc: NatsConnection;
    try {
      // No async stack traces: the client would otherwise build two Error objects (stack and all) for every
      // publication it awaits, a third of the path's CPU at one verdict a message.
      nc = await connect({ servers: o.url, name: 'tocsin-scanner', timeout: 5_000, noAsyncTraces: true });
    } catch (e) {
      throw tocsinError(
        'TOCSIN_ERR_BUS_UNAVAILABLE',
        `NATS at ${o.url} is unreachable: ${(e as Error).message}`,
        {
          cause: e,
        },
      );
    }
    const protocol = protocolOf(nc);
    if (protocol === undefined) {
      await nc.close();
      throw tocsinError(
        'TOCSIN_ERR_BUS_UNAVAILABLE',
        'this version of @nats-io/transport-node has no protocol handler to write frames to (3.x has)',
      );
    }
    try {
      const jsm = await jetstreamManager(nc);
      await ensureStreams(jsm, o);
      const js: JetStreamClient = jetstream(nc);
      const consumer = await js.consumers.get(natsNames(o.prefix).inStream, CONSUMER);
      return new NatsScanBus(nc, protocol, consumer, o.prefix);
    } catch (e) {
      await nc.close();
      throw tocsinError(
        'TOCSIN_ERR_BUS_UNAVAILABLE',
        `JetStream at ${o.url} cannot be used (is the server started with -js?): ${(e as Error).message}`,
        { cause: e },
      );
    }
  }

  verdictSubject(subject: string): string {
    return subject.startsWith(this.#names.inPrefix)
      ? this.#names.outPrefix + subject.slice(this.#names.inPrefix.length)
      : this.#names.outPrefix + 'unknown';
  }

  /** The server's limit on a message (1 MiB unless configured otherwise). */
  get maxPayload(): number {
    return this.#nc.info?.max_payload ?? 1_048_576;
  }

  async fetch(max: number, maxWaitMs: number): Promise<Inbound[]> {
    const out: Inbound[] = [];
    const msgs = await this.#consumer.fetch({ max_messages: max, expires: Math.max(1_000, maxWaitMs) });
    try {
      for await (const m of msgs) out.push(new NatsInbound(m, this.#queueAck));
    } catch (e) {
      // The pull ends when two of the server's idle heartbeats are missed (a stalled process, a busy
      // machine): what came before is good, and the next fetch asks again. Anything else is an error.
      if (!(e instanceof JetStreamError && e.message === 'heartbeats missed')) throw e;
    }
    return out;
  }

  /**
   * Publishes a batch and resolves once JetStream has stored every verdict (or dropped it as a duplicate).
   * What `JetStreamClient.publish` does for one message, done for a batch: each verdict is a plain `HPUB`
   * whose reply subject names its batch; one subscription counts the batch's acknowledgements, and one
   * timer bounds the whole batch. The batch's frames are written into one buffer and handed to the
   * connection at once: `NatsConnection.publish` built and encoded a protocol line and a header block
   * (two small buffers) for every verdict, which cost more CPU than scanning the message.
   */
  publish(verdicts: readonly Outbound[]): Promise<void> {
    if (verdicts.length === 0) return Promise.resolve();
    const batch = String(++this.#batches);
    const reply = `${this.#inbox}.${batch}`;
    let frames: Uint8Array;
    try {
      this.#checkOpen();
      frames = hpubFrames(verdicts, reply, this.#nc.info?.max_payload ?? Infinity);
    } catch (e) {
      return Promise.reject(e instanceof Error ? e : new Error(String(e)));
    }
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#inFlight.delete(batch);
        reject(
          tocsinError(
            'TOCSIN_ERR_BUS_UNAVAILABLE',
            `JetStream did not confirm ${flight.waiting} of ${verdicts.length} verdicts within ${PUBLISH_TIMEOUT_MS / 1000} s`,
          ),
        );
      }, PUBLISH_TIMEOUT_MS);
      const flight: InFlight = { waiting: verdicts.length, resolve, reject, timer };
      this.#inFlight.set(batch, flight);
      try {
        this.#protocol.sendCommand(frames);
      } catch (e) {
        this.#fail(batch, flight, e as Error);
      }
    });
  }

  /** `NatsConnection.publish` refuses to publish on a closed or draining connection; so does this. */
  #checkOpen(): void {
    if (this.#nc.isClosed() || this.#nc.isDraining())
      throw tocsinError('TOCSIN_ERR_BUS_UNAVAILABLE', 'the NATS connection is closed');
  }

  /**
   * Acknowledges (or asks again for) a delivered message: its `PUB <reply> +ACK` goes into a string that
   * is handed to the connection as one buffer at the end of the current task, with the rest of the batch's.
   */
  readonly #queueAck = (reply: string, ack: boolean): void => {
    if (reply === '') return;
    if (this.#acks === '') queueMicrotask(this.#flushAcks);
    this.#acks += ack ? `PUB ${reply} 4\r\n+ACK\r\n` : `PUB ${reply} 4\r\n-NAK\r\n`;
  };

  readonly #flushAcks = (): void => {
    if (this.#acks === '') return;
    const acks = this.#acks;
    this.#acks = '';
    // Like an acknowledgement on a closed connection through the client: nothing to send it on, and the
    // message is delivered again after `ack_wait`.
    if (this.#nc.isClosed()) return;
    this.#protocol.sendCommand(Buffer.from(acks, 'utf8'));
  };

  /** One acknowledgement from JetStream (or the server's "no responders" when no stream takes the subject). */
  #onAck(m: Msg): void {
    const batch = m.subject.slice(this.#inbox.length + 1);
    const flight = this.#inFlight.get(batch);
    if (flight === undefined) return; // a batch that already failed or timed out
    const error = ackError(m);
    if (error !== undefined) {
      this.#fail(batch, flight, tocsinError('TOCSIN_ERR_BUS_UNAVAILABLE', error));
      return;
    }
    if (--flight.waiting > 0) return;
    clearTimeout(flight.timer);
    this.#inFlight.delete(batch);
    flight.resolve();
  }

  #fail(batch: string, flight: InFlight, e: Error): void {
    clearTimeout(flight.timer);
    this.#inFlight.delete(batch);
    flight.reject(e);
  }

  async close(): Promise<void> {
    // Acknowledgements are sent before closing; whatever was not acknowledged is delivered again later.
    this.#flushAcks();
    await this.#nc.drain();
    for (const [batch, flight] of this.#inFlight)
      this.#fail(batch, flight, tocsinError('TOCSIN_ERR_BUS_UNAVAILABLE', 'the NATS connection was closed'));
  }
}

/** A delivered message. Its stream sequence and delivery count are read from its reply subject here. */
class NatsInbound implements Inbound {
  // Own fields, not getters: a copy made with a spread keeps them.
  readonly seq: number;
  readonly subject: string;
  readonly data: Uint8Array;
  readonly deliveries: number;
  readonly contentType: string | undefined;
  readonly #m: JsMsg;
  readonly #reply: string;
  readonly #queueAck: (reply: string, ack: boolean) => void;
  #done = false;

  constructor(m: JsMsg, queueAck: (reply: string, ack: boolean) => void) {
    this.#m = m;
    this.#queueAck = queueAck;
    this.#reply = (m as JsMsg & { reply?: string }).reply ?? '';
    const info = deliveryInfo(this.#reply);
    this.seq = info?.seq ?? m.info.streamSequence;
    this.deliveries = info?.deliveries ?? m.info.deliveryCount;
    this.subject = m.subject;
    this.data = m.data;
    // Headers are decoded on first use, and only a message that has some pays for it.
    this.contentType = m.headers?.get('Content-Type') || undefined;
  }

  ack(): void {
    if (this.#done) return;
    this.#done = true;
    if (this.#reply === '') this.#m.ack();
    else this.#queueAck(this.#reply, true);
  }

  nak(): void {
    if (this.#done) return;
    this.#done = true;
    if (this.#reply === '') this.#m.nak();
    else this.#queueAck(this.#reply, false);
  }
}

/** Why JetStream did not store a publication, from its acknowledgement; undefined when it did. */
function ackError(m: Msg): string | undefined {
  // A status message: no stream listens on the subject (503), or another refusal.
  if (m.headers?.hasError === true)
    return `JetStream refused a verdict: ${m.headers.code} ${m.headers.description}`.trim();
  if (m.data.length === 0) return 'JetStream answered a verdict with an empty acknowledgement';
  // The usual answer, `{"stream":"…","seq":…}` (an error answer starts with `{"error":`), read without parsing.
  if (startsWith(m.data, STORED)) return undefined;
  let ack: { stream?: unknown; error?: { code?: number; description?: string } };
  try {
    ack = m.json();
  } catch {
    return 'JetStream answered a verdict with an acknowledgement that is not JSON';
  }
  if (ack.error !== undefined)
    return `JetStream refused a verdict: ${ack.error.code ?? ''} ${ack.error.description ?? ''}`.trim();
  return typeof ack.stream === 'string' ? undefined : 'JetStream answered a verdict with no stream';
}

/** How a PubAck of a stored (or duplicate) publication starts. */
const STORED = new TextEncoder().encode('{"stream":"');

function startsWith(data: Uint8Array, prefix: Uint8Array): boolean {
  if (data.length < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (data[i] !== prefix[i]) return false;
  return true;
}
