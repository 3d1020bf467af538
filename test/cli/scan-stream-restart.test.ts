/**
 * The scan stream across a crash: a real `tocsin serve` scanning NATS JetStream is killed (SIGKILL) in the
 * middle of the stream and started again; every message ends with exactly one verdict.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { CONSUMER, natsNames } from '../../src/bus/nats/nats-scan-bus.js';
import { freePort, serve } from '../support/serve.js';

const NATS_URL = process.env['TOCSIN_TEST_NATS_URL'] ?? 'nats://127.0.0.1:4222';

async function natsSkip(): Promise<string | undefined> {
  try {
    const nc = await connect({ servers: NATS_URL, timeout: 2_000 });
    await nc.close();
    return undefined;
  } catch (e) {
    const why = `NATS at ${NATS_URL} is unreachable (${(e as Error).message})`;
    if (process.env['CI'] === 'true') throw new Error(`${why}; under CI=true it is required`, { cause: e });
    return why;
  }
}

const until = async (what: string, ok: () => Promise<boolean>, ms = 60_000) => {
  const end = Date.now() + ms;
  while (!(await ok())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
};

test(
  'a server killed mid-stream and started again: nothing lost, nothing published twice',
  { skip: await natsSkip() },
  async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tocsin-stream-'));
    const prefix = `r${randomBytes(4).toString('hex')}`;
    const names = natsNames(prefix);
    const env = {
      TOCSIN_DATA_DIR: dir,
      TOCSIN_PORT: String(await freePort()),
      TOCSIN_NATS_URL: NATS_URL,
      TOCSIN_NATS_PREFIX: prefix,
      TOCSIN_NATS_ACK_WAIT_MS: '1000',
      TOCSIN_NATS_BATCH: '20',
    };
    const nc = await connect({ servers: NATS_URL });
    const js = jetstream(nc);
    const jsm = await jetstreamManager(nc);
    const outCount = async () => {
      try {
        return (await jsm.streams.info(names.outStream)).state.messages;
      } catch {
        return 0;
      }
    };
    const servers: { kill: () => Promise<number | null> }[] = [];
    try {
      const first = await serve(env);
      servers.push(first);
      assert.match(first.output(), new RegExp(`scanning ${prefix}\\.scan\\.in\\.>`));
      // Ten thousand messages wait in the stream; the server is killed once it has answered a hundred, with
      // batches in hand; two thousand more arrive while it is down.
      const publish = async (from: number, to: number) => {
        // A few hundred at a time: thousands of publications awaiting their acknowledgements at once time out
        // on a busy machine.
        for (let at = from; at < to; at += 250) await publishSome(at, Math.min(to, at + 250));
      };
      const publishSome = async (from: number, to: number) => {
        const sent = [];
        for (let i = from; i < to; i++) {
          sent.push(
            js.publish(
              `${prefix}.scan.in.telco-a`,
              JSON.stringify({
                id: `m${i}`,
                text: `Tai khoan bi khoa, truy cap vcb-xacthuc${i % 7}.com de mo khoa (${i})`,
              }),
            ),
          );
        }
        await Promise.all(sent);
      };
      const N = 12_000;
      await publish(0, 10_000);
      await until('some verdicts', async () => (await outCount()) >= 100);
      await first.kill();
      const atKill = await outCount();
      await publish(10_000, N);

      const second = await serve(env);
      servers.push(second);
      await until(`every verdict (${atKill} before the kill)`, async () => {
        const c = await jsm.consumers.info(names.inStream, CONSUMER);
        return c.num_pending + c.num_ack_pending === 0 && (await outCount()) >= N;
      });
      await second.stop();

      const info = await jsm.streams.info(names.outStream);
      assert.equal(info.state.messages, N, 'one verdict per message, none twice');
      const ids = new Set<string>();
      const seqs = new Set<number>();
      const reader = await js.consumers.get(names.outStream);
      const msgs = await reader.fetch({ max_messages: N, expires: 30_000 });
      for await (const m of msgs) {
        const v = m.json<{ seq: number; id: string; verdict: string }>();
        ids.add(v.id);
        seqs.add(v.seq);
        assert.ok(['suspicious', 'unknown', 'malicious'].includes(v.verdict), v.verdict);
        if (seqs.size === N) break;
      }
      assert.equal(ids.size, N);
      assert.equal(seqs.size, N);
    } finally {
      // A server left running (a failed assertion) would keep the test process alive.
      await Promise.all(servers.map((x) => x.kill()));
      await jsm.streams.delete(names.inStream).catch(() => undefined);
      await jsm.streams.delete(names.outStream).catch(() => undefined);
      await nc.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
);
