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
  jetstream,
  jetstreamManager,
  RetentionPolicy,
  type Consumer,
  type JetStreamClient,
  type JetStreamManager,
} from '@nats-io/jetstream';
import { connect, nanos, type NatsConnection } from '@nats-io/transport-node';
import { tocsinError } from '../../core/errors/errors.js';
import type { Inbound, Outbound, ScanBus } from '../scan-bus.js';

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

export class NatsScanBus implements ScanBus {
  readonly #nc: NatsConnection;
  readonly #js: JetStreamClient;
  readonly #consumer: Consumer;
  readonly #names: ReturnType<typeof natsNames>;

  private constructor(nc: NatsConnection, js: JetStreamClient, consumer: Consumer, prefix: string) {
    this.#nc = nc;
    this.#js = js;
    this.#consumer = consumer;
    this.#names = natsNames(prefix);
  }

  /** Connects, and creates the streams and the durable consumer when missing. */
  static async open(o: NatsScanBusOptions): Promise<NatsScanBus> {
    let nc: NatsConnection;
    try {
      nc = await connect({ servers: o.url, name: 'tocsin-scanner', timeout: 5_000 });
    } catch (e) {
      throw tocsinError(
        'TOCSIN_ERR_BUS_UNAVAILABLE',
        `NATS at ${o.url} is unreachable: ${(e as Error).message}`,
        {
          cause: e,
        },
      );
    }
    try {
      const jsm = await jetstreamManager(nc);
      await ensureStreams(jsm, o);
      const js = jetstream(nc);
      const consumer = await js.consumers.get(natsNames(o.prefix).inStream, CONSUMER);
      return new NatsScanBus(nc, js, consumer, o.prefix);
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

  async fetch(max: number, maxWaitMs: number): Promise<Inbound[]> {
    const out: Inbound[] = [];
    const msgs = await this.#consumer.fetch({ max_messages: max, expires: Math.max(1_000, maxWaitMs) });
    for await (const m of msgs) {
      out.push({
        seq: m.seq,
        subject: m.subject,
        data: m.data,
        deliveries: m.info.deliveryCount,
        ack: () => m.ack(),
        nak: () => m.nak(),
      });
    }
    return out;
  }

  async publish(verdicts: readonly Outbound[]): Promise<void> {
    // Published together, awaited together: each resolves when JetStream has stored the verdict.
    await Promise.all(verdicts.map((v) => this.#js.publish(v.subject, v.data, { msgID: v.dedupId })));
  }

  async close(): Promise<void> {
    // Acknowledgements are sent before closing; whatever was not acknowledged is delivered again later.
    await this.#nc.drain();
  }
}
