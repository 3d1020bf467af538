/**
 * STIX ingest into SQLite: a bundle of generated indicators (1 million, about 480 MB; 100,000 with --quick) is
 * streamed from disk through the import service (`StixImportService.importBundle`: splitter, JSON.parse,
 * validation, batches of 1,000 written in one transaction each with their audit entries, every indicator's
 * value fed to Tocsin's indicators) into a fresh SQLite store; against one bare `JSON.parse` of the same
 * bundle read into memory, in the same run.
 *
 *   (a) ingest objects/s; goal ≥ 0.5× the objects/s of JSON.parse (issue 4);
 *   (b) memory while it streams: heapUsed (after a full collection) and RSS sampled every 5 s; the figure is
 *       the heap's growth from the first tenth of the stream to its peak (flat: nothing of the bundle is
 *       kept), with the samples printed at each tenth.
 *
 * Run: npm run bench -- stix-ingest      (or --quick)
 */
import { mkdtempSync, readFileSync, rmSync, statSync, createReadStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SYSTEM } from '../src/core/auth/principal.js';
import { ensureOperator } from '../src/services/bootstrap.js';
import { systemClock } from '../src/services/clock.js';
import { buildServices } from '../src/services/services.js';
import { KyselyStore } from '../src/store/kysely/kysely-store.js';
import { sqliteDialect } from '../src/store/sqlite/sqlite-dialect.js';
import { writeBundle } from './lib/stix-bundle.js';
import { collectGarbage, consume, now } from './lib/measure.js';
import { formatValue, info, report, section } from './lib/report.js';

const QUICK = process.argv.includes('--quick');
const OBJECTS = QUICK ? 100_000 : 1_000_000;
const RATIO_GOAL = 0.5;
const MEMORY_GOAL = 64 * 2 ** 20;

const dir = mkdtempSync(join(tmpdir(), 'tocsin-bench-ingest-'));
try {
  section(`bundle: ${OBJECTS.toLocaleString('en')} generated indicators, on disk`);
  const file = join(dir, 'bundle.json');
  const size = await writeBundle(file, OBJECTS, 0x1a9e57);
  info(`${formatValue(size, 'B')}, ${(size / OBJECTS).toFixed(0)} bytes per object (${file})`);

  // ── the baseline: the file read into memory, then one JSON.parse ──────────────────────────────────────
  section('baseline: one JSON.parse of the bundle read into memory');
  const parseRates: number[] = [];
  {
    const text = readFileSync(file, 'utf8');
    for (let round = 0; round < 3; round++) {
      collectGarbage();
      const t0 = now();
      const n = (JSON.parse(text) as { objects: unknown[] }).objects.length;
      const seconds = now() - t0;
      consume(n);
      parseRates.push(n / seconds);
      info(`round ${round + 1}: ${seconds.toFixed(2)} s, ${formatValue(n / seconds, 'ops/s')}`);
    }
  }
  parseRates.sort((a, b) => a - b);
  const parseRate = parseRates[1]!;
  collectGarbage();

  // ── the ingest ───────────────────────────────────────────────────────────────────────────────────────
  section('ingest: streamed from disk through the import service into a fresh SQLite store');
  const store = new KyselyStore(sqliteDialect(join(dir, 'tocsin.sqlite')));
  await store.migrate();
  const services = buildServices({ store, clock: systemClock, config: { keyLastUsedInterval: 60 } });
  await ensureOperator(services, { name: 'Bench Centre', country: 'VN', adminEmail: 'admin@bench.test' });
  collectGarbage();
  const base = process.memoryUsage();
  const samples: { objects: number; heap: number; rss: number }[] = [];
  let objects = 0;
  // Every 5 s a full collection first, so that the heap figure is what is kept, not garbage waiting.
  const timer = setInterval(() => {
    collectGarbage();
    const m = process.memoryUsage();
    samples.push({ objects, heap: m.heapUsed, rss: m.rss });
  }, 5000);
  const cpu0 = process.cpuUsage();
  const t0 = now();
  const summary = await services.stixImport.importBundle(
    SYSTEM,
    'shared',
    createReadStream(file, { highWaterMark: 64 * 1024 }),
    { onProgress: (p) => (objects = p.objects) },
  );
  const seconds = now() - t0;
  const cpu = process.cpuUsage(cpu0);
  clearInterval(timer);
  const rate = summary.objects / seconds;
  const cpuShare = (cpu.user + cpu.system) / 1e6 / seconds;
  info(
    `${summary.objects.toLocaleString('en')} objects in ${seconds.toFixed(1)} s: added ${summary.added}, ` +
      `rejected ${summary.rejected}, indicators fed ${summary.indicatorsFed}; ` +
      `database ${formatValue(statSync(join(dir, 'tocsin.sqlite')).size, 'B')}`,
  );
  report({
    name: 'STIX ingest into SQLite (import service)',
    unit: 'ops/s',
    value: rate,
    baselineName: 'JSON.parse(bundle)',
    baseline: parseRate,
    goal: { cmp: '>=', value: RATIO_GOAL, on: 'ratio' },
    cpuShare: Math.min(1, cpuShare),
    note: `${OBJECTS.toLocaleString('en')} indicators, ${formatValue(size, 'B')}; validation, audit and indicator feed included; cpu ${(cpuShare * 100).toFixed(0)}% of a core (SQLite work in the same thread)`,
  });

  section('memory while streaming (heapUsed after a full collection, and RSS, sampled every 5 s)');
  const tenth = samples.filter((s) => s.objects >= OBJECTS / 10);
  for (let d = 1; d <= 10; d++) {
    const s = samples.find((x) => x.objects >= (OBJECTS * d) / 10) ?? samples[samples.length - 1];
    if (s !== undefined)
      info(
        `${String(d * 10).padStart(3)}%: heap ${formatValue(s.heap, 'B')}, RSS ${formatValue(s.rss, 'B')}`,
      );
  }
  const from = tenth[0] ?? samples[0];
  const peakHeap = Math.max(...tenth.map((s) => s.heap), from?.heap ?? 0);
  const growth = from === undefined ? 0 : peakHeap - from.heap;
  report({
    name: 'STIX ingest: heap growth while streaming',
    unit: 'B',
    value: Math.max(0, growth),
    baselineName: 'bundle size',
    baseline: size,
    goal: { cmp: '<=', value: MEMORY_GOAL, on: 'value' },
    note: `peak heap − heap at 10% of the stream, both after a full collection; heap before ${formatValue(base.heapUsed, 'B')}, peak RSS ${formatValue(Math.max(...samples.map((s) => s.rss)), 'B')}`,
  });
  await store.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
