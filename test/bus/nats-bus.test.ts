/** The scan stream contract on a real NATS JetStream (127.0.0.1:4222): required under CI=true, else skipped when absent. */
import { randomBytes } from 'node:crypto';
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { NatsScanBus, natsNames, CONSUMER } from '../../src/bus/nats/nats-scan-bus.js';
import { scanBusContract } from './scan-bus-contract.js';

export const NATS_URL = process.env['TOCSIN_TEST_NATS_URL'] ?? 'nats://127.0.0.1:4222';

async function natsSkip(): Promise<string | undefined> {
  try {
    const nc = await connect({ servers: NATS_URL, timeout: 2_000 });
    try {
      await (await jetstreamManager(nc)).getAccountInfo();
    } finally {
      await nc.close();
    }
    return undefined;
  } catch (e) {
    const why = `NATS JetStream at ${NATS_URL} is unreachable (${(e as Error).message})`;
    if (process.env['CI'] === 'true') throw new Error(`${why}; under CI=true it is required`, { cause: e });
    return why;
  }
}

const decoder = new TextDecoder();

scanBusContract({
  name: 'NATS JetStream',
  skip: await natsSkip(),
  async setup() {
    const prefix = `t${randomBytes(4).toString('hex')}`;
    const names = natsNames(prefix);
    const ackWaitMs = 1_000;
    const opts = { url: NATS_URL, prefix, ackWaitMs };
    // Creates the streams and the consumer, as the first process does.
    await (await NatsScanBus.open(opts)).close();
    const nc = await connect({ servers: NATS_URL });
    const js = jetstream(nc);
    const jsm = await jetstreamManager(nc);
    return {
      ackWaitMs,
      client: () => NatsScanBus.open(opts),
      async send(source, data) {
        await js.publish(`${prefix}.scan.in.${source}`, data);
      },
      async verdicts() {
        const info = await jsm.streams.info(names.outStream);
        const out: { subject: string; data: string }[] = [];
        for (let seq = info.state.first_seq; seq <= info.state.last_seq && info.state.messages > 0; seq++) {
          const m = await jsm.streams.getMessage(names.outStream, { seq });
          if (m !== null) out.push({ subject: m.subject, data: decoder.decode(m.data) });
        }
        return out;
      },
      async pending() {
        const c = await jsm.consumers.info(names.inStream, CONSUMER);
        return c.num_pending + c.num_ack_pending;
      },
      async teardown() {
        await jsm.streams.delete(names.inStream).catch(() => undefined);
        await jsm.streams.delete(names.outStream).catch(() => undefined);
        await nc.close();
      },
    };
  },
});

describe('NATS JetStream: publishing verdicts', { skip: await natsSkip() }, () => {
  const setup = async () => {
    const prefix = `t${randomBytes(4).toString('hex')}`;
    const bus = await NatsScanBus.open({ url: NATS_URL, prefix, ackWaitMs: 1_000 });
    const nc = await connect({ servers: NATS_URL });
    const jsm = await jetstreamManager(nc);
    const names = natsNames(prefix);
    const subject = bus.verdictSubject(`${prefix}.scan.in.telco`);
    const teardown = async () => {
      await bus.close().catch(() => undefined);
      await jsm.streams.delete(names.inStream).catch(() => undefined);
      await jsm.streams.delete(names.outStream).catch(() => undefined);
      await nc.close();
    };
    return { bus, jsm, names, subject, teardown };
  };

  test('a batch resolves once JetStream has stored every verdict; a repeated dedup id is stored once', async () => {
    const { bus, jsm, names, subject, teardown } = await setup();
    try {
      const verdicts = Array.from({ length: 1_500 }, (_, i) => ({
        subject,
        dedupId: `scan-${i}`,
        data: new TextEncoder().encode(`{"seq":${i}}`),
      }));
      // Two batches at once, the second repeating ten of the first's ids.
      await Promise.all([bus.publish(verdicts.slice(0, 1_000)), bus.publish(verdicts.slice(990))]);
      assert.equal((await jsm.streams.info(names.outStream)).state.messages, 1_500);
      await bus.publish(verdicts.slice(0, 3));
      assert.equal((await jsm.streams.info(names.outStream)).state.messages, 1_500);
    } finally {
      await teardown();
    }
  });

  test('a verdict no stream takes fails its batch with a coded error', async () => {
    const { bus, jsm, names, subject, teardown } = await setup();
    try {
      await jsm.streams.delete(names.outStream);
      const data = new TextEncoder().encode('{}');
      await assert.rejects(
        bus.publish([{ subject, dedupId: 'scan-1', data }]),
        (e: Error & { code?: string }) => {
          assert.equal(e.code, 'TOCSIN_ERR_BUS_UNAVAILABLE');
          return true;
        },
      );
    } finally {
      await teardown();
    }
  });
});
