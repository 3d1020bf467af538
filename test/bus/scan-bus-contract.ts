/**
 * The scan stream's contract, run on every bus (memory, NATS JetStream): every message gets exactly one
 * verdict, on the matching subject; a process that dies before acknowledging loses nothing and publishes
 * nothing twice; two processes share the work.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ScanBus } from '../../src/bus/scan-bus.js';
import { ScanWorker } from '../../src/services/scan-worker.js';
import { decodeMessage, verdictJson } from '../../src/services/stream-messages.js';
import type { Viewer } from '../../src/core/sharing/tlp.js';
import { sqliteFactory } from '../support/stores.js';
import { testApp, type TestApp } from '../support/app.js';

/** One isolated stream (its own subjects), with a way to feed it and to read what it stored. */
export interface BusEnv {
  /** A new client of the stream, as one Tocsin process holds. */
  client(): Promise<ScanBus>;
  /** Publishes a message to scan on `<prefix>.scan.in.<source>`, with a `Content-Type` when given. */
  send(source: string, data: Uint8Array | string, contentType?: string): Promise<void>;
  /** Every verdict stored, in order. */
  verdicts(): Promise<{ subject: string; data: string; dedupId: string; contentType?: string | undefined }[]>;
  /** Messages not acknowledged yet. */
  pending(): Promise<number>;
  /** The redelivery delay of this stream. */
  readonly ackWaitMs: number;
  teardown(): Promise<void>;
}

export interface BusHarness {
  readonly name: string;
  readonly skip: string | undefined;
  setup(): Promise<BusEnv>;
}

interface Verdict {
  seq: number;
  subject: string;
  id?: string;
  line?: number;
  verdict?: string;
  error?: { code: string; message: string };
}

const COMMUNITY: Viewer = { kind: 'member', orgId: '', isOperator: false };
const PHISH = '[VCB] Tai khoan cua quy khach bi tam khoa. Truy cap vcb-xacthuc[.]com de mo khoa';

const until = async (what: string, ok: () => Promise<boolean>, ms = 20_000) => {
  const end = Date.now() + ms;
  while (!(await ok())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
};

export function scanBusContract(h: BusHarness): void {
  describe(`scan stream on ${h.name}`, { skip: h.skip }, () => {
    const factory = sqliteFactory();
    let t: TestApp;
    before(async () => {
      t = await testApp(factory);
      const r = await t.call('POST', '/api/v1/indicators', {
        body: {
          value: 'vcb-xacthuc.com',
          kind: 'domain',
          categories: ['phishing'],
          confidence: 90,
          tlp: 'green',
        },
      });
      assert.equal(r.statusCode, 201, r.body);
    });
    after(async () => {
      await t?.close();
      await factory.cleanup();
    });

    // What the workers reported: every test ends with none. Collected rather than thrown, so that a failure
    // still lets the test stop its workers and close their connections (a thrown error left them running).
    const errors: unknown[] = [];
    const noErrors = () => assert.deepEqual(errors.splice(0), []);
    const running: ScanWorker[] = [];
    const worker = (bus: ScanBus, batch = 50, concurrency = 1) => {
      const w = new ScanWorker({
        bus,
        scan: t.services.scan,
        viewer: COMMUNITY,
        batch,
        concurrency,
        onError: (e) => errors.push(e),
      });
      running.push(w);
      return w;
    };
    /** Stops what a failed test left running (stopping a stopped worker again is harmless here). */
    const stopAll = () => Promise.all(running.splice(0).map((w) => w.stop().catch(() => undefined)));
    const parsed = async (env: BusEnv) =>
      (await env.verdicts()).map((v) => ({ ...(JSON.parse(v.data) as Verdict), outSubject: v.subject }));

    test('every message gets one verdict on the matching subject; bad input gets its own error', async () => {
      const env = await h.setup();
      try {
        await env.send('telco-a', JSON.stringify({ id: 'm1', text: PHISH, sender: 'VCB' }));
        await env.send('telco-a', 'Hẹn gặp lúc 10.30 nhé');
        await env.send('platform-b', new Uint8Array([0x68, 0xff, 0xfe, 0x69]));
        await env.send('platform-b', '{"text": 12}');
        const w = worker(await env.client());
        w.start();
        await until('4 verdicts', async () => (await env.verdicts()).length >= 4);
        await w.stop();
        noErrors();
        const v = await parsed(env);
        assert.equal(v.length, 4);
        const bySeq = [...v].sort((a, b) => a.seq - b.seq);
        assert.deepEqual(
          bySeq.map((x) => [
            x.outSubject.replace(/^[^.]+\./, ''),
            x.subject.replace(/^[^.]+\./, ''),
            x.id,
            x.verdict,
            x.error?.code,
          ]),
          [
            ['scan.out.telco-a', 'scan.in.telco-a', 'm1', 'malicious', undefined],
            ['scan.out.telco-a', 'scan.in.telco-a', undefined, 'clean', undefined],
            ['scan.out.platform-b', 'scan.in.platform-b', undefined, undefined, 'TOCSIN_ERR_BAD_REQUEST'],
            ['scan.out.platform-b', 'scan.in.platform-b', undefined, undefined, 'TOCSIN_ERR_BAD_REQUEST'],
          ],
        );
        assert.match(bySeq[2]?.error?.message ?? '', /UTF-8/);
        assert.match(bySeq[3]?.error?.message ?? '', /"text"/);
        assert.equal(await env.pending(), 0);
      } finally {
        await stopAll();
        await env.teardown();
      }
    });

    test("each verdict is its message's scan result with seq and subject, byte for byte, multi-byte text included", async () => {
      const env = await h.setup();
      try {
        const inputs = [
          JSON.stringify({
            id: 'u1',
            text: `Truy cập vcb-xácthực.vn 😀 \u2028 ${PHISH}`,
            sender: 'Ngân hàng',
          }),
          'Hẹn gặp lúc 10.30 nhé 👍',
          JSON.stringify({ id: 'u3', text: '' }),
        ];
        for (const x of inputs) await env.send('zalo', x);
        const w = worker(await env.client(), 10);
        w.start();
        await until('3 verdicts', async () => (await env.verdicts()).length >= 3);
        await w.stop();
        noErrors();
        const got = (await env.verdicts()).map((v) => ({ v, seq: (JSON.parse(v.data) as Verdict).seq }));
        got.sort((a, b) => a.seq - b.seq);
        assert.equal(got.length, inputs.length);
        for (const [i, { v, seq }] of got.entries()) {
          const subject = (JSON.parse(v.data) as Verdict).subject;
          const message = decodeMessage(new TextEncoder().encode(inputs[i]));
          assert.ok(!('error' in message));
          const [result] = await t.services.scan.scan(COMMUNITY, [message]);
          assert.equal(v.data, verdictJson(seq, subject, result!));
        }
      } finally {
        await stopAll();
        await env.teardown();
      }
    });

    test('an NDJSON entry is a batch: its verdict is one line a message, in order, bad lines answered on their own', async () => {
      const env = await h.setup();
      try {
        const lines = [
          JSON.stringify({ id: 'n1', text: PHISH }),
          '',
          JSON.stringify({ id: 'n2', text: 'Hẹn gặp lúc 10.30 nhé 👍' }),
          'not json',
          '{"text": 12}',
          `  ${JSON.stringify({ text: `Truy cập vcb-xácthực.vn \u2028 ${PHISH}` })}  `,
        ];
        const bytes = new TextEncoder().encode(lines.join('\n') + '\n');
        // A line that is not UTF-8, between the others.
        const bad = new Uint8Array([
          ...bytes,
          0x68,
          0xff,
          0x0a,
          ...new TextEncoder().encode('{"text":"last"}'),
        ]);
        await env.send('telco-a', bad, 'application/x-ndjson; charset=utf-8');
        await env.send('telco-a', '{"id":"single","text":"see you"}');
        await env.send('telco-a', '\n  \n', 'application/x-ndjson');
        await env.send('telco-a', JSON.stringify({ text: PHISH }), 'text/plain');
        const w = worker(await env.client());
        w.start();
        await until('4 verdicts', async () => (await env.verdicts()).length >= 4);
        await w.stop();
        noErrors();
        const stored = await env.verdicts();
        assert.equal(stored.length, 4);
        const bySeq = stored
          .map((v) => ({ v, seq: (JSON.parse(v.data.split('\n')[0]!) as Verdict).seq }))
          .sort((a, b) => a.seq - b.seq);
        const [batch, single, empty, plain] = bySeq.map((x) => x.v);

        // The batch: NDJSON, one line for each non-blank line, in order, each naming its line.
        assert.equal(batch?.contentType, 'application/x-ndjson');
        assert.equal(batch?.dedupId, `scan-${bySeq[0]!.seq}`);
        const got = batch.data.split('\n').map((l) => JSON.parse(l) as Verdict);
        assert.deepEqual(
          got.map((x) => [x.line, x.id, x.verdict, x.error?.code]),
          [
            [1, 'n1', 'malicious', undefined],
            [3, 'n2', 'clean', undefined],
            [4, undefined, undefined, 'TOCSIN_ERR_BAD_REQUEST'],
            [5, undefined, undefined, 'TOCSIN_ERR_BAD_REQUEST'],
            [6, undefined, 'malicious', undefined],
            [7, undefined, undefined, 'TOCSIN_ERR_BAD_REQUEST'],
            [8, undefined, 'clean', undefined],
          ],
        );
        assert.match(got[2]?.error?.message ?? '', /^line 4 is not JSON/);
        assert.match(got[3]?.error?.message ?? '', /^line 5: a JSON message needs a "text" string/);
        assert.match(got[5]?.error?.message ?? '', /^line 7 is not valid UTF-8/);
        // Each line is the message's own scan result, byte for byte, as a single message's verdict is.
        const seq = bySeq[0]!.seq;
        const subject = got[0]!.subject;
        for (const [k, text] of [
          [0, JSON.stringify({ id: 'n1', text: PHISH })],
          [4, lines[5]!.trim()],
          [6, '{"text":"last"}'],
        ] as const) {
          const message = decodeMessage(new TextEncoder().encode(text));
          assert.ok(!('error' in message));
          const [result] = await t.services.scan.scan(COMMUNITY, [message]);
          assert.equal(batch.data.split('\n')[k], verdictJson(seq, subject, result!, got[k]!.line));
        }

        // A single message beside it is answered as before: one JSON verdict, no content type.
        assert.equal(single?.contentType, undefined);
        assert.equal((JSON.parse(single!.data) as Verdict).id, 'single');
        // An NDJSON entry with no line, and another content type, are answered too.
        assert.equal(empty?.contentType, 'application/x-ndjson');
        assert.deepEqual((JSON.parse(empty.data) as Verdict).error?.code, 'TOCSIN_ERR_BAD_REQUEST');
        assert.equal((JSON.parse(plain!.data) as Verdict).verdict, 'malicious');
        assert.equal(w.stats.entries, 4);
        assert.equal(w.stats.messages, 10);
        assert.equal(await env.pending(), 0);
      } finally {
        await stopAll();
        await env.teardown();
      }
    });

    test('a process that dies before acknowledging loses nothing, and its verdicts are not published twice', async () => {
      const env = await h.setup();
      try {
        const N = 60;
        for (let i = 0; i < N; i++)
          await env.send('telco-a', JSON.stringify({ id: `m${i}`, text: `${PHISH} ${i}` }));
        // Process A takes a batch, publishes the verdicts of half of it, and dies before acknowledging.
        const a = await env.client();
        const taken = await a.fetch(20, 2_000);
        assert.ok(taken.length > 0);
        const half = taken.slice(0, Math.ceil(taken.length / 2));
        const published: unknown[] = [];
        const publishOnly: ScanBus = {
          verdictSubject: (s) => a.verdictSubject(s),
          maxPayload: a.maxPayload,
          fetch: () => Promise.resolve([]),
          publish: async (v) => {
            published.push(...v);
            await a.publish(v);
          },
          close: () => Promise.resolve(),
        };
        await new ScanWorker({
          bus: publishOnly,
          scan: t.services.scan,
          viewer: COMMUNITY,
          batch: 20,
          onError: () => undefined,
        }).handle(half.map((m) => ({ ...m, ack: () => undefined, nak: () => undefined })));
        assert.equal(published.length, half.length);
        await a.close();

        // Process B starts, and gets everything, including what A took, once A's acknowledgement wait ran out.
        const b = worker(await env.client());
        b.start();
        await until(`${N} verdicts`, async () => (await env.pending()) === 0, env.ackWaitMs + 20_000);
        await b.stop();
        noErrors();
        const v = await parsed(env);
        const seqs = v.map((x) => x.seq);
        assert.equal(new Set(seqs).size, seqs.length, 'no message has two verdicts');
        assert.equal(v.length, N, 'every message has a verdict');
        assert.deepEqual(new Set(v.map((x) => x.id)), new Set(Array.from({ length: N }, (_, i) => `m${i}`)));
        assert.ok(v.every((x) => x.verdict === 'malicious'));
      } finally {
        await stopAll();
        await env.teardown();
      }
    });

    test('two processes share the work, each with several batches in hand', async () => {
      const env = await h.setup();
      try {
        const N = 400;
        for (let i = 0; i < N; i++)
          await env.send(`src-${i % 3}`, `message ${i}: ${i % 2 === 0 ? PHISH : 'see you'}`);
        // Each with three batches in hand at once, as `tocsin serve` runs it.
        const w1 = worker(await env.client(), 10, 3);
        const w2 = worker(await env.client(), 10, 3);
        w1.start();
        w2.start();
        await until(`${N} verdicts`, async () => (await env.pending()) === 0);
        await Promise.all([w1.stop(), w2.stop()]);
        noErrors();
        const v = await parsed(env);
        assert.equal(v.length, N);
        assert.equal(new Set(v.map((x) => x.seq)).size, N);
        // A batch held past the acknowledgement wait (1 s here, on a busy machine) is delivered again and
        // scanned twice; its verdicts are still stored once, which is what the two lines above check.
        assert.ok(w1.stats.messages + w2.stats.messages >= N);
        assert.ok(
          w1.stats.messages > 0 && w2.stats.messages > 0,
          `${w1.stats.messages} / ${w2.stats.messages}`,
        );
      } finally {
        await stopAll();
        await env.teardown();
      }
    });
  });
}
