/** The scan stream contract on a real NATS JetStream (127.0.0.1:4222): required under CI=true, else skipped when absent. */
import { randomBytes } from 'node:crypto';
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect, headers } from '@nats-io/transport-node';
import { NatsScanBus, natsNames, CONSUMER } from '../../src/bus/nats/nats-scan-bus.js';
import { deliveryInfo, hpubFrames } from '../../src/bus/nats/frames.js';
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

/** Asked once for the whole file: each probe is a connection that a busy machine may answer late. */
const natsSkipped = await natsSkip();

const decoder = new TextDecoder();

scanBusContract({
  name: 'NATS JetStream',
  skip: natsSkipped,
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
      async send(source, data, contentType) {
        if (contentType === undefined) return void (await js.publish(`${prefix}.scan.in.${source}`, data));
        const h = headers();
        h.set('Content-Type', contentType);
        await js.publish(`${prefix}.scan.in.${source}`, data, { headers: h });
      },
      async verdicts() {
        const info = await jsm.streams.info(names.outStream);
        const out: { subject: string; data: string; dedupId: string; contentType: string | undefined }[] = [];
        for (let seq = info.state.first_seq; seq <= info.state.last_seq && info.state.messages > 0; seq++) {
          const m = await jsm.streams.getMessage(names.outStream, { seq });
          if (m !== null)
            out.push({
              subject: m.subject,
              data: decoder.decode(m.data),
              dedupId: m.header.get('Nats-Msg-Id'),
              contentType: m.header.get('Content-Type') || undefined,
            });
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

describe('NATS JetStream: publishing verdicts', { skip: natsSkipped }, () => {
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

describe('NATS JetStream: frames and reply subjects', () => {
  test('the delivery count and stream sequence are read from both forms of reply subject', () => {
    assert.deepEqual(deliveryInfo('$JS.ACK.T_SCAN_IN.tocsin-scanner.2.1234.77.1700000000000000000.9'), {
      deliveries: 2,
      seq: 1234,
    });
    assert.deepEqual(
      deliveryInfo('$JS.ACK.hub.ACCHASH.T_SCAN_IN.tocsin-scanner.1.98765432101.5.1700000000000000000.0.r4nd'),
      { deliveries: 1, seq: 98765432101 },
    );
    assert.deepEqual(deliveryInfo('$JS.ACK._..T_SCAN_IN.tocsin-scanner.3.42.5.1700000000000000000.0'), {
      deliveries: 3,
      seq: 42,
    });
    assert.equal(deliveryInfo('_INBOX.abc.1'), undefined);
    assert.equal(deliveryInfo('$JS.ACK.T.c.1.2'), undefined);
    assert.equal(deliveryInfo('$JS.ACK.T.c.x.y.5.1700000000000000000.9'), undefined);
  });

  test('a batch is written as one HPUB frame per verdict, each with its Nats-Msg-Id', () => {
    const enc = new TextEncoder();
    const frames = hpubFrames(
      [
        { subject: 'p.scan.out.a', dedupId: 'scan-1', data: enc.encode('{"v":"é"}') },
        { subject: 'p.scan.out.b', dedupId: 'scan-22', data: new Uint8Array() },
        {
          subject: 'p.scan.out.c',
          dedupId: 'scan-3.2',
          data: enc.encode('{}\n{}'),
          contentType: 'application/x-ndjson',
        },
      ],
      '_INBOX.X.7',
      1_000,
    );
    const h1 = 'NATS/1.0\r\nNats-Msg-Id: scan-1\r\n\r\n';
    const h2 = 'NATS/1.0\r\nNats-Msg-Id: scan-22\r\n\r\n';
    const h3 = 'NATS/1.0\r\nNats-Msg-Id: scan-3.2\r\nContent-Type: application/x-ndjson\r\n\r\n';
    assert.equal(
      decoder.decode(frames),
      `HPUB p.scan.out.a _INBOX.X.7 ${h1.length} ${h1.length + 10}\r\n${h1}{"v":"é"}\r\n` +
        `HPUB p.scan.out.b _INBOX.X.7 ${h2.length} ${h2.length}\r\n${h2}\r\n` +
        `HPUB p.scan.out.c _INBOX.X.7 ${h3.length} ${h3.length + 5}\r\n${h3}{}\n{}\r\n`,
    );
    const data = new Uint8Array(1);
    const code = (e: Error & { code?: string }) => e.code;
    assert.throws(
      () => hpubFrames([{ subject: 'a b', dedupId: 'x', data }], 'r', 1_000),
      (e: Error) => code(e) === 'TOCSIN_ERR_INTERNAL',
    );
    assert.throws(
      () => hpubFrames([{ subject: 'a', dedupId: 'x\r\ny: z', data }], 'r', 1_000),
      (e: Error) => code(e) === 'TOCSIN_ERR_INTERNAL',
    );
    assert.throws(
      () => hpubFrames([{ subject: 'a', dedupId: 'x', data, contentType: 'a\r\nb: c' }], 'r', 1_000),
      (e: Error) => code(e) === 'TOCSIN_ERR_INTERNAL',
    );
    assert.throws(
      () => hpubFrames([{ subject: 'a', dedupId: 'x', data: new Uint8Array(1_000) }], 'r', 1_000),
      (e: Error) => code(e) === 'TOCSIN_ERR_BUS_UNAVAILABLE',
    );
  });
});

describe('NATS JetStream: asking for a message again', { skip: natsSkipped }, () => {
  test('a nak delivers the messages again at once, counted as a second delivery', async () => {
    const prefix = `t${randomBytes(4).toString('hex')}`;
    const names = natsNames(prefix);
    const bus = await NatsScanBus.open({ url: NATS_URL, prefix, ackWaitMs: 60_000 });
    const nc = await connect({ servers: NATS_URL });
    const jsm = await jetstreamManager(nc);
    try {
      const js = jetstream(nc);
      for (let i = 0; i < 5; i++) await js.publish(`${prefix}.scan.in.telco`, `m${i}`);
      const first = await bus.fetch(5, 2_000);
      assert.deepEqual(
        first.map((m) => [m.deliveries, decoder.decode(m.data)]),
        [0, 1, 2, 3, 4].map((i) => [1, `m${i}`]),
      );
      for (const m of first) m.nak();
      // Well within the minute of ack_wait: only the naks bring them back this soon.
      const again = await bus.fetch(5, 5_000);
      assert.deepEqual(
        again.map((m) => [m.seq, m.deliveries, m.subject]),
        first.map((m) => [m.seq, 2, `${prefix}.scan.in.telco`]),
      );
      for (const m of again) m.ack();
      await bus.close();
      const c = await jsm.consumers.info(names.inStream, CONSUMER);
      assert.equal(c.num_pending + c.num_ack_pending, 0);
    } finally {
      await bus.close().catch(() => undefined);
      await jsm.streams.delete(names.inStream).catch(() => undefined);
      await jsm.streams.delete(names.outStream).catch(() => undefined);
      await nc.close();
    }
  });
});
