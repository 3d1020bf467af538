/**
 * The message scanner over a corpus of SMS-like messages (bench/lib/corpus.ts: Vietnamese with and without
 * diacritics, English, French; a quarter scams; links, phone numbers, accounts, e-mails, a known share of them
 * listed), with the cached data set of 1 million generated indicators (plus the real block lists) loaded and
 * the starter rules on:
 * - throughput in bytes of text a second against GNU `grep -F -c -f` with the loaded indicators' values as
 *   fixed patterns, on the same corpus: goal ≥ 5×;
 * - messages a second in process, one core (ScanService.scan from the compiled build, as `npm start` runs it,
 *   in batches of 1,000): goal ≥ 150,000; baseline `JSON.parse` of the same messages' NDJSON lines;
 * - the same over the API (`tocsin serve`, one process; NDJSON batches of 1,000 from a load generator in its
 *   own process): goal ≥ 0.5× the in-process rate;
 * - the same over NATS JetStream (`tocsin serve` scanning the stream), the messages published as NDJSON entries
 *   of 100 (goal ≥ 0.5×), and, for comparison, one message an entry;
 * - memory over the whole in-process run: last quarter's average against the first quarter's (flat = 1.0).
 *
 * Run: npm run bench -- scan   (--quick: 100,000 messages instead of 2 million, shorter API run)
 */
import {
  builtModule,
  builtTocsin,
  cpuSeconds,
  freePort,
  startProcess,
  stopProcess,
} from './lib/processes.js';
import { spawn } from 'node:child_process';
import { closeSync, openSync, readdirSync, readFileSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import { jetstream, jetstreamManager, RetentionPolicy } from '@nats-io/jetstream';
import { connect, headers, type NatsConnection } from '@nats-io/transport-node';
import { natsNames } from '../src/bus/nats/nats-scan-bus.js';
import type { Viewer } from '../src/core/sharing/tlp.js';
import type * as Clock from '../src/services/clock.js';
import type { ScanMessage } from '../src/services/scan-service.js';
import type * as Services from '../src/services/services.js';
import type * as OpenStore from '../src/store/open-store.js';
import { corpus, grepPatterns, samplePatterns, VALUE_KINDS } from './lib/corpus.js';
import { dataset } from './lib/dataset.js';
import { collectGarbage, median, now } from './lib/measure.js';
import { formatValue, info, report, section } from './lib/report.js';

const QUICK = process.argv.includes('--quick');
const INDICATORS = 1_000_000;
const MESSAGES = QUICK ? 100_000 : 2_000_000;
const BATCH = 1_000;
/** grep runs on a prefix of the corpus sized to take about this long. */
const GREP_SECONDS = QUICK ? 10 : 40;
const API_SECONDS = QUICK ? 5 : 20;
const API_CONNECTIONS = 4;
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const NODE = [process.execPath, '--import', 'tsx'];

const data = await dataset(INDICATORS, (s) => console.log(s));
const corp = corpus(MESSAGES, INDICATORS, (s) => console.log(s));
const patterns = grepPatterns(data.dbPath, INDICATORS, (s) => console.log(s));
const meta = corp.meta;
console.log(`${data.indicators.toLocaleString()} indicators in ${data.dbPath}`);
console.log(
  `corpus: ${meta.messages.toLocaleString()} messages, ${(meta.textBytes / 1e6).toFixed(1)} MB of text ` +
    `(${(meta.textBytes / meta.messages).toFixed(0)} B a message), ${(meta.ndjsonBytes / 1e6).toFixed(1)} MB as NDJSON; ` +
    `${((meta.scams / meta.messages) * 100).toFixed(0)}% scams; ` +
    Object.entries(meta.byVariant)
      .map(([v, n]) => `${v} ${((n / meta.messages) * 100).toFixed(0)}%`)
      .join(', '),
);
const plantedAll = VALUE_KINDS.reduce((s, k) => s + meta.planted[k], 0);
const listedAll = VALUE_KINDS.reduce((s, k) => s + meta.listed[k], 0);
console.log(
  `values planted: ${plantedAll.toLocaleString()} (${VALUE_KINDS.map((k) => `${k} ${meta.planted[k].toLocaleString()}`).join(', ')}), ` +
    `${listedAll.toLocaleString()} of them listed (${((listedAll / plantedAll) * 100).toFixed(0)}%); ` +
    `${meta.legit.toLocaleString()} legitimate links and hotlines`,
);

// ── Reading the corpus ────────────────────────────────────────────────────────────────────────────────────

/** Calls `fn` with the file's lines, `size` at a time, reading it in 4 MiB blocks (never the whole file). */
async function forEachBatch(
  path: string,
  size: number,
  limit: number,
  fn: (lines: string[]) => Promise<void> | void,
): Promise<number> {
  const fd = openSync(path, 'r');
  const block = Buffer.allocUnsafe(1 << 22);
  let carry = Buffer.alloc(0);
  let batch: string[] = [];
  let lines = 0;
  try {
    for (;;) {
      const n = readSync(fd, block, 0, block.length, null);
      if (n === 0) break;
      const buf = carry.length === 0 ? block.subarray(0, n) : Buffer.concat([carry, block.subarray(0, n)]);
      const last = buf.lastIndexOf(10);
      const text = buf.toString('utf8', 0, last + 1);
      carry = Buffer.from(buf.subarray(last + 1));
      let start = 0;
      for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
        batch.push(text.slice(start, nl));
        start = nl + 1;
        if (++lines >= limit || batch.length === size) {
          await fn(batch);
          batch = [];
          if (lines >= limit) return lines;
        }
      }
    }
    if (batch.length > 0) await fn(batch);
    return lines;
  } finally {
    closeSync(fd);
  }
}

// ── Baseline: GNU grep -F ───────────────────────────────────────────────────────────────────────────────────

/**
 * The CPU seconds (user + system) of `grep -F -c -f patterns file`, as bash's `times` reports its child's: on
 * this shared machine a busy neighbour stretches wall time, not CPU time. The count of matching lines too.
 */
function runGrep(
  patternFile: string,
  files: readonly string[],
  locale: string,
): Promise<{ seconds: number; count: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-c', 'grep -F -c -f "$1" "${@:2}"; times', 'bash', patternFile, ...files], {
      env: { ...process.env, LC_ALL: locale },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.once('error', reject);
    child.once('close', () => {
      const lines = out.trim().split('\n');
      const m = /^(\d+)m([\d.]+)s (\d+)m([\d.]+)s$/.exec(lines.at(-1) ?? '');
      if (m === null) {
        reject(new Error(`cannot read grep's times: ${out}`));
        return;
      }
      const seconds = Number(m[1]) * 60 + Number(m[2]) + Number(m[3]) * 60 + Number(m[4]);
      resolve({ seconds, count: lines[0] ?? '' });
    });
  });
}

/** The corpus's first `bytes` bytes, cut after a newline, in a file of its own. */
function prefixFile(bytes: number): { path: string; bytes: number } {
  const path = join(tmpdir(), `tocsin-bench-scan-prefix-${process.pid}.txt`);
  const src = openSync(corp.textPath, 'r');
  const buf = Buffer.allocUnsafe(Math.min(bytes, meta.textBytes));
  const n = readSync(src, buf, 0, buf.length, 0);
  closeSync(src);
  const cut = n === meta.textBytes ? n : buf.subarray(0, n).lastIndexOf(10) + 1;
  const dst = openSync(path, 'w');
  writeSync(dst, buf, 0, cut);
  closeSync(dst);
  return { path, bytes: cut };
}

interface GrepRate {
  readonly bytesPerSecond: number;
  readonly bytes: number;
  readonly seconds: number;
  readonly compileSeconds: number;
  readonly whole: boolean;
  /** How many times the corpus (or prefix) was given to grep in one run. */
  readonly times: number;
}

/**
 * grep's scanning rate, bytes of text per CPU second: its CPU time on a prefix of the corpus that takes at
 * least half of `seconds` (grown from 8 MB until it does; past the whole corpus, the corpus given several
 * times in one run), less the CPU time it takes to read and compile the patterns (grep on an empty file).
 * Each is the least of its runs (`tries` for the last one).
 */
async function grepRate(patternFile: string, locale: string, seconds: number, tries = 1): Promise<GrepRate> {
  const least = async (files: readonly string[], n: number) => {
    let best = Infinity;
    for (let i = 0; i < n; i++) best = Math.min(best, (await runGrep(patternFile, files, locale)).seconds);
    return best;
  };
  const compileSeconds = await least(['/dev/null'], 2);
  let want = 8_000_000;
  for (;;) {
    const prefix = prefixFile(Math.min(want, meta.textBytes));
    const whole = prefix.bytes === meta.textBytes;
    const times = whole ? Math.max(1, Math.min(50, Math.round(want / meta.textBytes))) : 1;
    const files = Array.from({ length: times }, () => prefix.path);
    let scanSeconds = (await least(files, 1)) - compileSeconds;
    if (scanSeconds >= seconds / 2 || times === 50) {
      if (tries > 1) scanSeconds = Math.min(scanSeconds, (await least(files, tries - 1)) - compileSeconds);
      rmSync(prefix.path, { force: true });
      const bytes = prefix.bytes * times;
      return {
        bytesPerSecond: bytes / Math.max(scanSeconds, 1e-3),
        bytes,
        seconds: scanSeconds,
        compileSeconds,
        whole,
        times,
      };
    }
    rmSync(prefix.path, { force: true });
    // A negative or tiny difference is the compile time's noise: read much more.
    const factor = scanSeconds <= 0.05 ? 20 : Math.min(20, Math.max(2, seconds / scanSeconds));
    want = Math.round(prefix.bytes * times * factor);
  }
}

function describeGrep(label: string, g: GrepRate): void {
  info(
    `${label}: ${formatValue(g.bytesPerSecond, 'ops/s').replace('/s', 'B/s')} on ` +
      `${g.whole ? (g.times > 1 ? `the whole corpus ${g.times} times over` : 'the whole corpus') : `a prefix of ${(g.bytes / 1e6).toFixed(1)} MB`} ` +
      `(${g.seconds.toFixed(1)} CPU s scanning, after ${g.compileSeconds.toFixed(1)} CPU s reading and compiling the patterns, not counted)`,
  );
}

section(`baseline: GNU grep -F -c -f (${patterns.count.toLocaleString()} patterns)`);
info(
  `patterns: the loaded indicators' values as text: ${Object.entries(patterns.byKind)
    .map(([k, n]) => `${k} ${n.toLocaleString()}`)
    .join(
      ', ',
    )} (phones as 0xxxxxxxxx, accounts as their digits, URLs without scheme; no file hashes, no ranges)`,
);
const grepAll = await grepRate(patterns.path, 'C', GREP_SECONDS, 2);
describeGrep(`all ${patterns.count.toLocaleString()} values, LC_ALL=C`, grepAll);
const tenth = samplePatterns(patterns.path, 10);
const grepTenth = await grepRate(tenth.path, 'C', QUICK ? 3 : 10);
describeGrep(`every 10th value (${tenth.count.toLocaleString()} patterns), LC_ALL=C`, grepTenth);
const grepUtf8 = await grepRate(patterns.path, 'C.UTF-8', QUICK ? 5 : 15);
describeGrep(`all values, LC_ALL=C.UTF-8 (the machine's locale)`, grepUtf8);

// ── In process ──────────────────────────────────────────────────────────────────────────────────────────────

section('in process: ScanService.scan over the corpus, batches of 1,000');
// The compiled build, as `npm start` runs it (and as the API and NATS paths below run it).
const { openStore } = await builtModule<typeof OpenStore>('store/open-store.js');
const { buildServices } = await builtModule<typeof Services>('services/services.js');
const { systemClock } = await builtModule<typeof Clock>('services/clock.js');
const store = await openStore({
  databaseUrl: undefined,
  databaseSchema: undefined,
  databasePath: data.dbPath,
});
const services = buildServices({ store, clock: systemClock, config: { keyLastUsedInterval: 60 } });
const loadStart = now();
const loaded = await services.index.load();
// The content rules in force: the starter rules, with what analysts wrote in the store (none here).
await services.scanRules.load();
info(`index: ${loaded.entries.toLocaleString()} indicators loaded in ${(now() - loadStart).toFixed(1)} s`);

// The admin key's organization, the operating centre: what the API path's caller is.
const operatorOrg = (() => {
  const db = new BetterSqlite3(data.dbPath, { readonly: true });
  try {
    const row = db.prepare('select id from orgs where is_operator = 1 limit 1').get() as
      { id: string } | undefined;
    return row?.id ?? '';
  } finally {
    db.close();
  }
})();
const viewer: Viewer = { kind: 'member', orgId: operatorOrg, isOperator: true };

const toMessages = (lines: string[]): ScanMessage[] => lines.map((text) => ({ text }));

// Warm-up: the first 20,000 messages, untimed, for the scanner and the baseline alike.
await forEachBatch(corp.textPath, BATCH, 20_000, async (lines) => {
  await services.scan.scan(viewer, toMessages(lines));
});
let parsedSink = 0;
const parsePass = async (limit: number): Promise<{ seconds: number; messages: number }> => {
  collectGarbage();
  const t0 = now();
  const messages = await forEachBatch(corp.ndjsonPath, BATCH, limit, (lines) => {
    for (const l of lines) parsedSink += (JSON.parse(l) as { text: string }).text.length;
  });
  return { seconds: now() - t0, messages };
};
await parsePass(20_000);

// Baseline before and after the scan, so that a change in the machine's load shows in both.
const parseBefore = await parsePass(Infinity);

interface Sample {
  readonly at: number;
  readonly rss: number;
  readonly heapUsed: number;
}
const samples: Sample[] = [];
const afterGc: Sample[] = [];
let paused = 0;
let pausedCpu = 0;
const tally = new Map<string, number>();
const bump = (k: string, n = 1) => tally.set(k, (tally.get(k) ?? 0) + n);
const segments: { messages: number; seconds: number }[] = [];
const SEGMENT = Math.ceil(MESSAGES / 10);
let segStart = now();
let segMessages = 0;
let scanned = 0;
let batches = 0;
collectGarbage();
const cpu0 = process.cpuUsage();
const t0 = now();
await forEachBatch(corp.textPath, BATCH, Infinity, async (lines) => {
  const results = await services.scan.scan(viewer, toMessages(lines));
  for (const r of results) {
    if ('error' in r) {
      bump('error');
      continue;
    }
    bump(`verdict ${r.verdict}`);
    for (const it of r.items) {
      bump(`item ${it.kind}`);
      if (it.verdict === 'malicious') bump('listed items found');
    }
    if (r.rules.length > 0) bump('messages a rule fired on');
  }
  scanned += lines.length;
  segMessages += lines.length;
  if (segMessages >= SEGMENT) {
    const t = now();
    segments.push({ messages: segMessages, seconds: t - segStart });
    // What stays alive, at each tenth: a full collection and a sample, not timed.
    const c = process.cpuUsage();
    collectGarbage();
    const m = process.memoryUsage();
    afterGc.push({ at: scanned, rss: m.rss, heapUsed: m.heapUsed });
    const spent = process.cpuUsage(c);
    pausedCpu += (spent.user + spent.system) / 1e6;
    segStart = now();
    paused += segStart - t;
    segMessages = 0;
  }
  if (++batches % 10 === 0) {
    const m = process.memoryUsage();
    samples.push({ at: scanned, rss: m.rss, heapUsed: m.heapUsed });
  }
});
const scanSeconds = now() - t0 - paused;
const cpu = process.cpuUsage(cpu0);
const cpuShare = ((cpu.user + cpu.system) / 1e6 - pausedCpu) / scanSeconds;
if (segMessages > 0) segments.push({ messages: segMessages, seconds: now() - segStart });
const parseAfter = await parsePass(Infinity);
const scanCpuSeconds = (cpu.user + cpu.system) / 1e6 - pausedCpu;

const scanRate = scanned / scanSeconds;
const scanBytesRate = meta.textBytes / scanSeconds;
const parseRate = median([
  parseBefore.messages / parseBefore.seconds,
  parseAfter.messages / parseAfter.seconds,
]);
info(
  `scanned ${scanned.toLocaleString()} messages in ${scanSeconds.toFixed(1)} s (cpu ${Math.round(cpuShare * 100)}%); ` +
    `by tenths: ${segments.map((s) => formatValue(s.messages / s.seconds, 'ops/s')).join('  ')}`,
);
info(
  `per CPU second (GC helper threads included): ${formatValue(scanned / scanCpuSeconds, 'ops/s')} messages, ` +
    `${formatValue(meta.textBytes / scanCpuSeconds, 'ops/s').replace('/s', 'B/s')}`,
);
info(
  `JSON.parse of the NDJSON lines: ${formatValue(parseBefore.messages / parseBefore.seconds, 'ops/s')} before, ` +
    `${formatValue(parseAfter.messages / parseAfter.seconds, 'ops/s')} after (sink ${parsedSink % 10})`,
);
const verdicts = [...tally]
  .filter(([k]) => k.startsWith('verdict '))
  .map(([k, n]) => `${k.slice(8)} ${((n / scanned) * 100).toFixed(1)}%`)
  .join(', ');
const items = [...tally]
  .filter(([k]) => k.startsWith('item '))
  .map(([k, n]) => `${k.slice(5)} ${n.toLocaleString()}`)
  .join(', ');
info(
  `verdicts: ${verdicts}; rules fired on ${(((tally.get('messages a rule fired on') ?? 0) / scanned) * 100).toFixed(1)}% of messages`,
);
info(`items found: ${items}`);
info(
  `listed items found: ${(tally.get('listed items found') ?? 0).toLocaleString()} judged malicious, ` +
    `of ${listedAll.toLocaleString()} listed values planted (the rest: bare links without a cue word, account numbers the ` +
    `extractor does not pair with a bank; see docs/performance.md)`,
);

// grep is timed in CPU seconds (see runGrep); the scanner here too, so that a busy neighbour, which
// stretches wall time, does not skew the ratio. Its CPU time includes the GC's helper threads.
report({
  name: 'scanner throughput, bytes of text per CPU s (M/s = MB/s)',
  unit: 'ops/s',
  value: meta.textBytes / scanCpuSeconds,
  baselineName: `grep -F -c -f, ${(patterns.count / 1e6).toFixed(2)} M patterns, LC_ALL=C`,
  baseline: grepAll.bytesPerSecond,
  goal: { cmp: '>=', value: 5, on: 'ratio' },
  note:
    `${meta.messages.toLocaleString()} messages, ${(meta.textBytes / 1e6).toFixed(0)} MB; wall-clock rate ${formatValue(scanBytesRate, 'ops/s')} (cpu ${Math.round(cpuShare * 100)}%); grep on ` +
    `${grepAll.whole ? `the whole corpus${grepAll.times > 1 ? ` ${grepAll.times} times over` : ''}` : `a ${(grepAll.bytes / 1e6).toFixed(0)} MB prefix`}, pattern compile time not counted; ` +
    `grep with ${tenth.count.toLocaleString()} patterns: ${formatValue(grepTenth.bytesPerSecond, 'ops/s')}, in C.UTF-8: ${formatValue(grepUtf8.bytesPerSecond, 'ops/s')}`,
});
const inProcess = report({
  name: 'scanner, messages/s in process (one core)',
  unit: 'ops/s',
  value: scanRate,
  baselineName: 'JSON.parse of the same NDJSON lines',
  baseline: parseRate,
  goal: { cmp: '>=', value: 150_000, on: 'value' },
  cpuShare,
  note: `batches of ${BATCH}; ${data.indicators.toLocaleString()} indicators loaded; starter rules`,
});

// Memory: the first quarter of the samples against the last.
{
  const q = Math.max(1, Math.floor(samples.length / 4));
  const avg = (xs: readonly Sample[], f: (s: Sample) => number) =>
    xs.reduce((s, x) => s + f(x), 0) / xs.length;
  const first = samples.slice(0, q);
  const last = samples.slice(-q);
  const peak = Math.max(...samples.map((s) => s.rss));
  info(
    `${samples.length} samples (every 10 batches); RSS peak ${formatValue(peak, 'B')}; ` +
      `heapUsed min ${formatValue(Math.min(...samples.map((s) => s.heapUsed)), 'B')}, max ${formatValue(Math.max(...samples.map((s) => s.heapUsed)), 'B')}`,
  );
  report({
    name: 'memory over the run: RSS, last quarter',
    unit: 'B',
    value: avg(last, (s) => s.rss),
    baselineName: 'first quarter',
    baseline: avg(first, (s) => s.rss),
    goal: { cmp: '<=', value: 1.1, on: 'ratio' },
    note: 'flat = ratio near 1.0; the index (≈ 1.24 M indicators) is loaded before the first sample',
  });
  report({
    name: 'memory over the run: heapUsed, last quarter',
    unit: 'B',
    value: avg(last, (s) => s.heapUsed),
    baselineName: 'first quarter',
    baseline: avg(first, (s) => s.heapUsed),
    goal: { cmp: '<=', value: 1.1, on: 'ratio' },
    note: 'sampled without forcing a collection: averages over the GC sawtooth',
  });
  info(
    `heap after a full collection, at each tenth: ${afterGc.map((s) => formatValue(s.heapUsed, 'B')).join('  ')}; ` +
      `RSS then: ${afterGc.map((s) => formatValue(s.rss, 'B')).join('  ')}`,
  );
  if (afterGc.length >= 4) {
    // Bounded caches fill and are cleared, so the live heap saws up and down; a leak raises the peaks.
    const half = afterGc.length >> 1;
    const peak = (xs: readonly Sample[]) => Math.max(...xs.map((s) => s.heapUsed));
    report({
      name: 'memory over the run: heap after full GC, 2nd half peak',
      unit: 'B',
      value: peak(afterGc.slice(half)),
      baselineName: '1st half peak',
      baseline: peak(afterGc.slice(0, half)),
      goal: { cmp: '<=', value: 1.1, on: 'ratio' },
      note: 'what stays alive, sampled at each tenth of the run; the index itself is in typed arrays outside the heap',
    });
  }
}
await store.close();

// ── Other paths: the API, and (later) NATS ─────────────────────────────────────────────────────────────────

interface PathResult {
  readonly messagesPerSecond: number;
  /** One line of context for the report. */
  readonly note: string;
}

interface ScanLoadResult {
  messagesPerSecond: number;
  batches: number;
  batchesAvailable: number;
  latencyP50: number;
  latencyP99: number;
  non2xx: number;
  errors: number;
  responseBytesPerMessage: number;
  firstStatus: number;
  firstResults: number;
}

/** `POST /api/v1/scan` on a real `tocsin serve` (one process), NDJSON batches from scan-load.ts. */
async function apiPath(): Promise<PathResult> {
  const port = await freePort();
  const server = await startProcess(
    [...builtTocsin(), 'serve'],
    {
      TOCSIN_DATA_DIR: data.dataDir,
      TOCSIN_LOG_LEVEL: 'warn',
      TOCSIN_BODY_LIMIT: String(64 * 1024 * 1024),
      TOCSIN_PORT: String(port),
      TOCSIN_WORKERS: '1',
    },
    'serving on',
  );
  try {
    const job = {
      url: `http://127.0.0.1:${port}/api/v1/scan`,
      key: data.adminKey,
      ndjsonFile: corp.ndjsonPath,
      // Enough different batches that the run never sends the same one twice in the full run.
      messages: Math.min(MESSAGES, QUICK ? 100_000 : 1_000_000),
      batch: BATCH,
      connections: API_CONNECTIONS,
      warmup: QUICK ? 2 : 5,
      seconds: API_SECONDS,
    };
    const child = spawn(NODE[0]!, [...NODE.slice(1), 'bench/lib/scan-load.ts', JSON.stringify(job)], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    await new Promise((r) => child.once('exit', r));
    const r = JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as ScanLoadResult;
    if (r.firstStatus !== 200 || r.firstResults !== BATCH)
      console.log(`  !! first answer: status ${r.firstStatus}, ${r.firstResults} results`);
    if (r.non2xx > 0 || r.errors > 0) console.log(`  !! ${r.non2xx} non-2xx, ${r.errors} errors`);
    info(
      `${r.batches.toLocaleString()} batches answered in ${API_SECONDS} s (of ${r.batchesAvailable.toLocaleString()} different ones); ` +
        `p50 ${r.latencyP50.toFixed(0)} ms, p99 ${r.latencyP99.toFixed(0)} ms a batch; ${r.responseBytesPerMessage.toFixed(0)} B of answer a message`,
    );
    return {
      messagesPerSecond: r.messagesPerSecond,
      note: `tocsin serve, 1 process; ${API_CONNECTIONS} keep-alive connections posting NDJSON batches of ${BATCH}; p50 ${r.latencyP50.toFixed(0)} ms a batch`,
    };
  } finally {
    await stopProcess(server);
  }
}

const NATS_URL = process.env['TOCSIN_BENCH_NATS_URL'] ?? 'nats://127.0.0.1:4222';
const NATS_MESSAGES = QUICK ? 30_000 : 300_000;

/** The pid of a `nats-server` running on this machine, if there is one (the first found). */
function localNatsServer(): number | undefined {
  try {
    for (const d of readdirSync('/proc')) {
      if (!/^\d+$/.test(d)) continue;
      try {
        if (readFileSync(`/proc/${d}/comm`, 'utf8').trim() === 'nats-server') return Number(d);
      } catch {
        // gone meanwhile
      }
    }
  } catch {
    // no /proc
  }
  return undefined;
}

/**
 * The stream on NATS JetStream: the corpus's first messages wait in `<prefix>.scan.in.bench` (published
 * before the server starts, so that publishing is not measured), `perEntry` to a stream entry (NDJSON when
 * more than one, as a gateway forwarding a busy link publishes them), then a real `tocsin serve` with
 * TOCSIN_NATS_URL scans them: fetch a batch, scan, publish the verdicts and wait for JetStream to store them,
 * acknowledge. Messages/s from the moment the first tenth's verdicts are stored (a warm-up, as the other
 * paths have) until the last verdict is stored; the rate from the moment the server says it scans is printed too.
 */
async function natsPath(perEntry: number): Promise<PathResult | undefined> {
  let nc: NatsConnection;
  try {
    nc = await connect({ servers: NATS_URL, timeout: 3_000 });
  } catch (e) {
    info(`NATS at ${NATS_URL} is unreachable (${(e as Error).message}): the NATS path is not measured`);
    return undefined;
  }
  const prefix = `bench${process.pid}`;
  const names = natsNames(prefix);
  const js = jetstream(nc);
  const jsm = await jetstreamManager(nc);
  try {
    await jsm.streams.add({
      name: names.inStream,
      subjects: [names.inSubjects],
      retention: RetentionPolicy.Workqueue,
    });
    const lines = readFileSync(corp.ndjsonPath, 'utf8').split('\n', NATS_MESSAGES);
    const entries: string[] = [];
    for (let at = 0; at < lines.length; at += perEntry)
      entries.push(lines.slice(at, at + perEntry).join('\n'));
    const ndjson = headers();
    ndjson.set('Content-Type', 'application/x-ndjson');
    const opts = perEntry > 1 ? { headers: ndjson } : {};
    for (let at = 0; at < entries.length; at += 1_000) {
      await Promise.all(
        entries.slice(at, at + 1_000).map((l) => js.publish(`${names.inPrefix}bench`, l, opts)),
      );
    }
    const count = lines.length;
    const port = await freePort();
    const server = await startProcess(
      [...builtTocsin(), 'serve'],
      {
        TOCSIN_DATA_DIR: data.dataDir,
        TOCSIN_LOG_LEVEL: 'warn',
        TOCSIN_PORT: String(port),
        TOCSIN_NATS_URL: NATS_URL,
        TOCSIN_NATS_PREFIX: prefix,
        TOCSIN_NATS_BATCH: String(BATCH),
      },
      `scanning ${prefix}.scan.in.>`,
    );
    const t0 = now();
    const tocsinCpu0 = cpuSeconds(server.pid);
    const natsServer = localNatsServer();
    const natsCpu0 = cpuSeconds(natsServer);
    try {
      const stored = async () => {
        try {
          return (await jsm.streams.info(names.outStream)).state.messages;
        } catch {
          return 0;
        }
      };
      let n = 0;
      // The first tenth warms the server up (its compiler, its caches), as the in-process run and the API
      // path get a warm-up before they are timed: the rate is taken from then to the last verdict, and the
      // rate from the start is printed beside it.
      const warmEntries = Math.ceil(entries.length / 10);
      let warm: { at: number; entries: number; tocsinCpu: number | undefined } | undefined;
      // One verdict an entry (an NDJSON entry's verdicts of 100 lines fit in one NATS message).
      while ((n = await stored()) < entries.length) {
        if (now() - t0 > 600) throw new Error(`only ${n} of ${entries.length} verdicts after 600 s`);
        if (warm === undefined && n >= warmEntries)
          warm = { at: now(), entries: n, tocsinCpu: cpuSeconds(server.pid) };
        await new Promise((r) => setTimeout(r, 50));
      }
      const end = now();
      const tocsinCpu1 = cpuSeconds(server.pid);
      const seconds = end - t0;
      warm ??= { at: t0, entries: 0, tocsinCpu: tocsinCpu0 };
      const warmMessages = Math.min(count, warm.entries * perEntry);
      const steady = (count - warmMessages) / (end - warm.at);
      info(
        `${count.toLocaleString()} messages scanned from JetStream in ${seconds.toFixed(1)} s (${(count / seconds / 1000).toFixed(1)} k/s from the start); ` +
          `after the first ${warmMessages.toLocaleString()}: ${(steady / 1000).toFixed(1)} k/s` +
          (warm.tocsinCpu !== undefined && tocsinCpu1 !== undefined
            ? `, tocsin ${(((tocsinCpu1 - warm.tocsinCpu) / (count - warmMessages)) * 1e6).toFixed(1)} µs of CPU a message`
            : ''),
      );
      // Who was busy over the whole run: the Tocsin process and, when it runs on this machine, the NATS server.
      const cpu = (name: string, c0: number | undefined, c1: number | undefined) =>
        c0 === undefined || c1 === undefined
          ? undefined
          : `${name} ${(c1 - c0).toFixed(1)} CPU s (${(((c1 - c0) / count) * 1e6).toFixed(1)} µs a message, ${(((c1 - c0) / seconds) * 100).toFixed(0)}% of a core)`;
      const busy = [
        cpu('tocsin', tocsinCpu0, tocsinCpu1),
        cpu('nats-server', natsCpu0, cpuSeconds(natsServer)),
      ].filter((x) => x !== undefined);
      if (busy.length > 0) info(busy.join('; '));
      return {
        messagesPerSecond: steady,
        note: `tocsin serve, 1 process, TOCSIN_NATS_BATCH=${BATCH}; ${count.toLocaleString()} messages waiting in the stream, ${perEntry === 1 ? 'one an entry' : `${perEntry} an NDJSON entry`}; from the first tenth's last verdict to the last verdict stored (${(count / seconds / 1000).toFixed(1)} k/s from "scanning")${busy.length > 0 ? `; over the whole run, ${busy.join('; ')}` : ''}`,
      };
    } finally {
      await stopProcess(server);
    }
  } finally {
    await jsm.streams.delete(names.inStream).catch(() => undefined);
    await jsm.streams.delete(names.outStream).catch(() => undefined);
    await nc.close();
  }
}

/** How a gateway forwarding a busy link publishes: NDJSON entries of this many messages. */
const NATS_PER_ENTRY = 100;

/** One way of handing messages to the scanner, measured end to end in messages/s. Undefined: not measured. */
async function measurePath(path: 'api' | 'nats' | 'nats-single'): Promise<PathResult | undefined> {
  switch (path) {
    case 'api':
      return apiPath();
    case 'nats':
      return natsPath(NATS_PER_ENTRY);
    case 'nats-single':
      return natsPath(1);
  }
}

const PATH_NAMES = {
  api: 'the API',
  nats: `NATS, ${NATS_PER_ENTRY} messages an NDJSON entry`,
  'nats-single': 'NATS, one message an entry',
} as const;

for (const path of ['api', 'nats', 'nats-single'] as const) {
  section(`path: ${path}`);
  const r = await measurePath(path);
  if (r === undefined) {
    info(`the ${path} path is not measured yet`);
    continue;
  }
  report({
    name: `scanner, messages/s over ${PATH_NAMES[path]}`,
    unit: 'ops/s',
    value: r.messagesPerSecond,
    baselineName: 'in process, same run',
    baseline: inProcess.value,
    // One message an entry is printed for comparison: the goal is met on a stream's batched form, as the API's is.
    ...(path === 'nats-single' ? {} : { goal: { cmp: '>=' as const, value: 0.5, on: 'ratio' as const } }),
    note: r.note,
  });
}
