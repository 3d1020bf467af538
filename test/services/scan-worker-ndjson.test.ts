/**
 * The scan worker with NDJSON entries: a verdict too large for the bus is cut into parts, each stored once
 * under its own dedup id; and a fetch asks for about `batch` messages, not `batch` entries of hundreds each.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { MemoryQueue, MemoryScanBus } from '../../src/bus/memory/memory-scan-bus.js';
import type { ScanBus } from '../../src/bus/scan-bus.js';
import type { Viewer } from '../../src/core/sharing/tlp.js';
import { ScanWorker } from '../../src/services/scan-worker.js';
import { sqliteFactory } from '../support/stores.js';
import { testApp, type TestApp } from '../support/app.js';

const COMMUNITY: Viewer = { kind: 'member', orgId: '', isOperator: false };
const enc = (s: string) => new TextEncoder().encode(s);
const ndjson = (n: number, tag: string) =>
  enc(
    Array.from({ length: n }, (_, i) =>
      JSON.stringify({ id: `${tag}-${i}`, text: `tin nhan ${i} 0912345678` }),
    ).join('\n'),
  );

/** A memory bus with some of its parts replaced, to watch or limit what the worker does with it. */
function busOver(inner: MemoryScanBus, parts: Partial<ScanBus>): ScanBus {
  return {
    maxPayload: parts.maxPayload ?? inner.maxPayload,
    verdictSubject: (s) => inner.verdictSubject(s),
    fetch: parts.fetch ?? ((max, ms) => inner.fetch(max, ms)),
    publish: parts.publish ?? ((v) => inner.publish(v)),
    close: () => inner.close(),
  };
}

describe('scan worker, NDJSON entries', () => {
  const factory = sqliteFactory();
  let t: TestApp;
  before(async () => {
    t = await testApp(factory);
  });
  after(async () => {
    await t?.close();
    await factory.cleanup();
  });
  const workerOn = (
    bus: ScanBus,
    batch: number,
    onError: (e: unknown) => void = (e) => assert.fail(String(e)),
  ) => new ScanWorker({ bus, scan: t.services.scan, viewer: COMMUNITY, batch, onError });

  test('a verdict over the bus limit is cut at line ends into parts, each stored once, none lost', async () => {
    const q = new MemoryQueue({ ackWaitMs: 60_000 });
    const inner = new MemoryScanBus(q);
    const maxPayload = 4_096;
    const sizes: number[] = [];
    const bus = busOver(inner, {
      maxPayload,
      publish: (v) => {
        sizes.push(...v.map((x) => x.data.length));
        return inner.publish(v);
      },
    });
    q.publish('tocsin.scan.in.telco', ndjson(120, 'a'), 'application/x-ndjson');
    const w = workerOn(bus, 500);
    const batch = await bus.fetch(10, 1_000);
    await w.handle(batch);
    // Handled twice (as after a redelivery): every part is kept once.
    await w.handle(batch.map((m) => ({ ...m, ack: () => undefined, nak: () => undefined })));
    assert.ok(q.verdicts.length > 1, `${q.verdicts.length} parts`);
    assert.ok(
      sizes.every((s) => s <= maxPayload - 512),
      String(sizes),
    );
    assert.deepEqual(
      q.verdicts.map((v) => v.dedupId),
      q.verdicts.map((_, k) => (k === 0 ? 'scan-1' : `scan-1.${k + 1}`)),
    );
    assert.ok(q.verdicts.every((v) => v.contentType === 'application/x-ndjson'));
    const lines = q.verdicts
      .flatMap((v) => new TextDecoder().decode(v.data).split('\n'))
      .map((l) => JSON.parse(l) as { id: string; line: number; seq: number });
    assert.deepEqual(
      lines.map((l) => [l.seq, l.line, l.id]),
      Array.from({ length: 120 }, (_, i) => [1, i + 1, `a-${i}`]),
    );
    assert.equal(q.pending, 0);
  });

  test('a fetch asks for about `batch` messages: fewer entries when entries hold many lines', async () => {
    const q = new MemoryQueue({ ackWaitMs: 60_000 });
    const inner = new MemoryScanBus(q);
    const asked: number[] = [];
    const bus = busOver(inner, {
      fetch: (max, ms) => {
        asked.push(max);
        return inner.fetch(max, ms);
      },
    });
    for (let i = 0; i < 10; i++)
      q.publish('tocsin.scan.in.telco', ndjson(50, `e${i}`), 'application/x-ndjson');
    for (let i = 0; i < 5; i++) q.publish('tocsin.scan.in.telco', enc(`single ${i}`));
    const w = workerOn(bus, 200);
    w.start();
    const end = Date.now() + 20_000;
    while (q.pending > 0 && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
    await w.stop();
    assert.equal(q.pending, 0);
    assert.equal(w.stats.entries, 15);
    assert.equal(w.stats.messages, 505);
    // First a few entries (nothing known yet): it got ten of 50 lines and five singles, 505 messages from 15
    // entries; then about 200 ÷ (505 ÷ 15) = 6.
    assert.equal(asked[0], 16);
    assert.equal(asked[1], 6);
  });

  test('a batch of entries holding more messages than one scan takes is scanned in parts, every line answered', async () => {
    const q = new MemoryQueue({ ackWaitMs: 60_000 });
    const bus = new MemoryScanBus(q);
    for (let i = 0; i < 3; i++)
      q.publish('tocsin.scan.in.telco', ndjson(4_000, `p${i}`), 'application/x-ndjson');
    const errors: unknown[] = [];
    const w = workerOn(bus, 500, (e) => errors.push(e));
    await w.handle(await bus.fetch(10, 1_000));
    assert.deepEqual(errors, []);
    assert.equal(q.pending, 0);
    assert.equal(w.stats.messages, 12_000);
    const lines = q.verdicts.flatMap((v) =>
      new TextDecoder()
        .decode(v.data)
        .split('\n')
        .map((l) => JSON.parse(l) as { id: string; verdict?: string }),
    );
    assert.equal(lines.length, 12_000);
    assert.deepEqual(lines.map((l) => l.id).slice(3_998, 4_002), ['p0-3998', 'p0-3999', 'p1-0', 'p1-1']);
    assert.equal(lines.at(-1)?.id, 'p2-3999');
    assert.ok(lines.every((l) => l.verdict !== undefined));
  });
});
