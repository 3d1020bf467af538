/**
 * Streaming a STIX bundle: `BundleSplitter` (src/core/stix/stream/) cuts the bytes, in 64 KiB chunks as a file
 * stream gives them, into the JSON text of each element of `objects`, and each is `JSON.parse`d; against one
 * bare `JSON.parse` of the whole bundle, already decoded to a string, in the same run. The bundle holds
 * generated indicators (1 million, about 400 MB: a string must stay under V8's 512 MB limit for the baseline
 * to exist at all; 200,000 with --quick).
 *
 *   (a) splitter + JSON.parse per object, objects/s; goal ≥ 0.5× the baseline (the STIX ingest goal of issue 4
 *       is ≥ 0.5× with SQLite writes on top, so the splitting itself must be well above it);
 *   (b) the splitter alone, objects/s (informational: what is left for everything else);
 *   (c) memory: the heap's peak growth while a bundle generated on the fly streams through splitter and
 *       JSON.parse, beside the bundle's size; goal ≤ 64 MiB whatever the size (flat: nothing of the bundle is
 *       kept; what is measured is the young generation's garbage).
 *
 * Run: npm run bench -- stix-split      (or --quick)
 */
import { indicatorTexts } from './lib/stix-bundle.js';
import { BundleSplitter } from '../src/core/stix/stream/bundle-splitter.js';
import { canCollectGarbage, collectGarbage, comparePasses, consume, memory } from './lib/measure.js';
import { formatRounds, formatValue, info, report, section } from './lib/report.js';

const QUICK = process.argv.includes('--quick');
const OBJECTS = QUICK ? 200_000 : 1_000_000;
const CHUNK = 64 * 1024;
const RATIO_GOAL = 0.5;
const MEMORY_GOAL = 64 * 2 ** 20;

if (!canCollectGarbage()) info('no --expose-gc: memory figures include garbage (run through npm run bench)');

// ── The bundle ──────────────────────────────────────────────────────────────────────────────────────────────

const HEAD = '{"type":"bundle","id":"bundle--5d0092c5-5f74-4287-9642-33f4c354e56d","objects":[';
const TAIL = ']}';

/** The bundle as UTF-8 chunks of CHUNK bytes, generated as they are read: the whole never exists. */
function* generatedChunks(count: number, seed: number): Generator<Uint8Array> {
  const encoder = new TextEncoder();
  let parts: string[] = [HEAD];
  let size = HEAD.length;
  let k = 0;
  for (const json of indicatorTexts(count, seed)) {
    const text = (k++ === 0 ? '' : ',') + json;
    parts.push(text);
    size += text.length;
    if (size >= CHUNK) {
      yield encoder.encode(parts.join(''));
      parts = [];
      size = 0;
    }
  }
  parts.push(TAIL);
  yield encoder.encode(parts.join(''));
}

section(`bundle: ${OBJECTS.toLocaleString('en')} generated indicators`);
let bytes: Uint8Array;
{
  const pieces = [...generatedChunks(OBJECTS, 0x571c5)];
  bytes = new Uint8Array(pieces.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of pieces) {
    bytes.set(p, at);
    at += p.length;
  }
}
const text = new TextDecoder().decode(bytes);
info(
  `${formatValue(bytes.length, 'B')} of UTF-8, ${(bytes.length / OBJECTS).toFixed(0)} bytes per object; ` +
    `the string for JSON.parse: ${text.length.toLocaleString('en')} characters`,
);

// ── (a) and (b): rates ───────────────────────────────────────────────────────────────────────────────────────

function splitAndParse(): number {
  let n = 0;
  const splitter = new BundleSplitter({
    object: (t) => {
      const o = JSON.parse(t) as { type: string };
      n += o.type.length > 0 ? 1 : 0;
    },
  });
  for (let i = 0; i < bytes.length; i += CHUNK) splitter.write(bytes.subarray(i, i + CHUNK));
  splitter.end();
  return n;
}

function splitOnly(): number {
  let n = 0;
  const splitter = new BundleSplitter({ object: (t) => (n += t.length > 0 ? 1 : 0) });
  for (let i = 0; i < bytes.length; i += CHUNK) splitter.write(bytes.subarray(i, i + CHUNK));
  splitter.end();
  return n;
}

function bareParse(): number {
  const bundle = JSON.parse(text) as { objects: unknown[] };
  return bundle.objects.length;
}

section('splitter + JSON.parse per object, vs one JSON.parse of the whole bundle');
const [splitRate, parseRate, splitOnlyRate] = comparePasses(
  () => undefined,
  [
    () => {
      const n = splitAndParse();
      consume(n);
      return n;
    },
    () => {
      const n = bareParse();
      consume(n);
      return n;
    },
    () => {
      const n = splitOnly();
      consume(n);
      return n;
    },
  ],
  { rounds: QUICK ? 5 : 3 },
);
info(`splitter + JSON.parse: ${formatRounds(splitRate!)}`);
info(`bare JSON.parse:       ${formatRounds(parseRate!)}`);
info(`splitter alone:        ${formatRounds(splitOnlyRate!)}`);
report({
  name: 'STIX bundle: splitter + JSON.parse per object',
  unit: 'ops/s',
  value: splitRate!.perSecond,
  baselineName: 'JSON.parse(bundle)',
  baseline: parseRate!.perSecond,
  goal: { cmp: '>=', value: RATIO_GOAL, on: 'ratio' },
  cpuShare: Math.min(splitRate!.cpuShare, parseRate!.cpuShare),
  note: `${OBJECTS.toLocaleString('en')} indicators, ${formatValue(bytes.length, 'B')}, ${CHUNK / 1024} KiB chunks`,
});
report({
  name: 'STIX bundle: splitter alone',
  unit: 'ops/s',
  value: splitOnlyRate!.perSecond,
  baselineName: 'JSON.parse(bundle)',
  baseline: parseRate!.perSecond,
  cpuShare: Math.min(splitOnlyRate!.cpuShare, parseRate!.cpuShare),
  note: `${formatValue(bytes.length / (OBJECTS / splitOnlyRate!.perSecond), 'B')}/s of input`,
});

// ── (c) memory while streaming ─────────────────────────────────────────────────────────────────────────────

section('memory: a bundle generated on the fly, streamed through splitter + JSON.parse');
const streamedSize = bytes.length;
bytes = new Uint8Array(0); // let the in-memory copy go: only the streamed bundle counts now
collectGarbage();
const before = memory();
let peak = 0;
let streamed = 0;
{
  const splitter = new BundleSplitter({
    object: (t) => {
      consume((JSON.parse(t) as { type: string }).type.length);
      if (++streamed % 10_000 === 0) {
        const m = process.memoryUsage();
        peak = Math.max(peak, m.heapUsed + m.arrayBuffers - before.heapUsed - before.arrayBuffers);
      }
    },
  });
  for (const chunk of generatedChunks(OBJECTS, 0x571c5)) splitter.write(chunk);
  splitter.end();
}
info(
  `${streamed.toLocaleString('en')} objects streamed; peak heap + array buffer growth ${formatValue(peak, 'B')}`,
);
report({
  name: 'STIX bundle streaming: peak memory growth',
  unit: 'B',
  value: Math.max(peak, 0),
  baselineName: 'bundle size',
  baseline: streamedSize,
  goal: { cmp: '<=', value: MEMORY_GOAL, on: 'value' },
  note: 'heapUsed + arrayBuffers sampled every 10,000 objects, without forced collections (garbage included)',
});
info(
  `peak RSS ${formatValue(process.resourceUsage().maxRSS * 1024, 'B')} (includes the in-memory bundle and string)`,
);
