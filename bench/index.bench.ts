/**
 * The exact-key index at national scale: 10 million indicators (generated, mixed kinds, plus the real block
 * lists) loaded into an `IndexMatcher`, against a `Set<string>` of the same keys built in the same run.
 *
 *   (a) build time: `IndexMatcher.add` of every indicator, vs `Set.add` of the same key strings;
 *   (b) exact-key lookups per second on one core, two ways, goal ≥ 2 M/s:
 *       - raw `hasKey` over fresh strings (half hits, half misses), vs `Set.has` over the same;
 *       - full phone checks, `parseObservable('phone', '09xx xxx xxx')` then `match`, vs the same parse then
 *         `Set.has` on each lookup key;
 *   (c) index memory per indicator, goal ≤ 32 B: `keyTableBytes / size`, and the process's `arrayBuffers`
 *       growth over the build, vs the Set's bytes per key (the Set itself plus the key strings it must keep).
 *
 * Run: npm run bench -- index      (or --quick for a 1-million-indicator smoke run)
 */
import { IndexMatcher, type MatchEntry } from '../src/core/check/matcher.js';
import { OBSERVABLE_KINDS, lookupKeys, parseObservable } from '../src/core/observables/observable-value.js';
import type { ObservableKind } from '../src/core/observables/observable.js';
import {
  MISS,
  Rng,
  StringStore,
  generateMixed,
  loadRealLists,
  observableKind,
  phoneDisplay,
  phoneNsn,
  realIndicators,
  shuffle,
  type GeneratedKind,
} from './lib/generate.js';
import {
  canCollectGarbage,
  comparePasses,
  compareRates,
  consume,
  memory,
  memoryDelta,
  timed,
} from './lib/measure.js';
import { formatRounds, formatValue, info, report, section } from './lib/report.js';

const QUICK = process.argv.includes('--quick');
const TOTAL = QUICK ? 1_000_000 : 10_000_000;
const QUERIES = QUICK ? 400_000 : 2_000_000; // half hits, half misses
const PHONE_INPUTS = 200_000; // half indexed, half not
const SET_LIMIT = 16_000_000; // V8 refuses a Set of more than 2^24 entries
const LOOKUP_GOAL = 2_000_000;
const BYTES_GOAL = 32;

if (!canCollectGarbage()) info('no --expose-gc: memory figures include garbage (run through npm run bench)');

// ── 1. Generate and parse the indicators; keep their keys outside the heap ──────────────────────────────────

section(`${(TOTAL / 1e6).toFixed(0)} M indicators: generating and parsing`);
const keys = new StringStore();
const keyNum = new Int32Array(TOTAL); // the indicator number holding each key
const keyKind = new Uint8Array(TOTAL); // its kind, as an index into OBSERVABLE_KINDS
const ranges: { num: number; canonical: string }[] = [];
const perKind = new Map<string, number>();
let indicators = 0;
let failures = 0;
const failureExamples: string[] = [];

function addParsed(kind: ObservableKind, raw: string, label: string): void {
  const r = parseObservable(kind, raw);
  if (!r.ok) {
    failures++;
    if (failureExamples.length < 3) failureExamples.push(`${kind} ${JSON.stringify(raw)}: ${r.error}`);
    return;
  }
  const num = ++indicators;
  if (r.value.indicatorKeys.length === 0) ranges.push({ num, canonical: r.value.canonical });
  for (const key of r.value.indicatorKeys) {
    keyNum[keys.length] = num;
    keyKind[keys.length] = OBSERVABLE_KINDS.indexOf(kind);
    keys.push(key);
  }
  perKind.set(label, (perKind.get(label) ?? 0) + 1);
}

const generation = timed(() => {
  const lists = loadRealLists();
  for (const path of lists.missing) info(`real list absent, skipped: ${path}`);
  for (const { kind, raw } of realIndicators(lists)) addParsed(kind, raw, `real ${kind}`);
  const generatedPhones = { count: 0 };
  generateMixed(TOTAL - indicators, 0x70c5, (kind: GeneratedKind, raw) => {
    if (kind === 'phone') generatedPhones.count++;
    addParsed(observableKind(kind), raw, kind);
  });
  return generatedPhones.count;
});
const generatedPhones = generation.result;
keys.trim();
const keyCount = keys.length;
info(
  `${indicators.toLocaleString('en')} indicators, ${keyCount.toLocaleString('en')} keys, ` +
    `${ranges.length.toLocaleString('en')} IP ranges; generated and parsed in ${formatValue(generation.seconds, 's')}` +
    ` (${formatValue(indicators / generation.seconds, 'ops/s')})`,
);
info(
  'mix: ' +
    [...perKind]
      .sort((a, b) => b[1] - a[1])
      .map(([k, n]) => `${k} ${n.toLocaleString('en')}`)
      .join(', '),
);
if (failures > 0)
  info(`${failures} inputs did not parse and were left out, e.g. ${failureExamples.join('; ')}`);

// ── 2. The key strings, flat, in the heap: what both structures are built from ──────────────────────────────

const beforeStrings = memory();
const keyStrings = keys.materialize();
const stringHeap = memoryDelta(beforeStrings, memory()).heapUsed - 8 * keyCount; // minus the array's slots
info(
  `${keyCount.toLocaleString('en')} key strings: ${formatValue(keys.bytes / keyCount, 'B')} of text each, ` +
    `${formatValue(stringHeap / keyCount, 'B')} of heap each`,
);

// ── 3. Build the index, then the Set ────────────────────────────────────────────────────────────────────────

section('build');
const beforeIndex = memory();
const indexBuild = timed(() => {
  const matcher = new IndexMatcher(keyCount);
  const kinds = OBSERVABLE_KINDS;
  let k = 0;
  while (k < keyCount) {
    // Keys are stored in indicator order; one indicator's keys are consecutive.
    const num = keyNum[k]!;
    const first = keyStrings[k]!;
    let end = k + 1;
    while (end < keyCount && keyNum[end] === num) end++;
    // `canonical` is only read for IP ranges; the key stands in for it here.
    const entry: MatchEntry = {
      num,
      kind: kinds[keyKind[k]!]!,
      canonical: first,
      keys: end === k + 1 ? [first] : keyStrings.slice(k, end),
    };
    matcher.add(entry);
    k = end;
  }
  for (const r of ranges) matcher.add({ num: r.num, kind: 'ip', canonical: r.canonical, keys: [] });
  return matcher;
});
const index = indexBuild.result;
const indexMemory = memoryDelta(beforeIndex, memory());

let setSample = keyStrings;
if (keyCount > SET_LIMIT) {
  const rng = new Rng(7);
  setSample = Array.from({ length: 1_000_000 }, () => keyStrings[rng.int(keyCount)]!);
  info(`more keys than a V8 Set holds: the Set baseline uses a 1 M sample of the keys`);
}
const beforeSet = memory();
const setBuild = timed(() => {
  const set = new Set<string>();
  for (const key of setSample) set.add(key);
  return set;
});
const set = setBuild.result;
const setMemory = memoryDelta(beforeSet, memory());

report({
  name: `build: IndexMatcher.add × ${(index.size / 1e6).toFixed(1)} M`,
  unit: 's',
  value: indexBuild.seconds,
  baselineName: `Set<string>.add × ${(set.size / 1e6).toFixed(1)} M`,
  baseline: setBuild.seconds * (keyCount / setSample.length),
  cpuShare: Math.min(indexBuild.cpuShare, setBuild.cpuShare),
  note:
    `${formatValue(index.size / indexBuild.seconds, 'ops/s')} indicators; from key strings already parsed ` +
    `(parsing is part 1 above); no goal set`,
});

// ── 4. Exact-key lookups ────────────────────────────────────────────────────────────────────────────────────

section(`exact-key lookups (one thread): ${(QUERIES / 1e6).toFixed(1)} M fresh key strings, half hits`);
const queries = new StringStore();
const missTexts: string[] = []; // the misses alone, for the cache-resident comparison below
{
  const rng = new Rng(0x9e37);
  const picks: { hit: boolean; text: string }[] = [];
  for (let q = 0; q < QUERIES / 2; q++) picks.push({ hit: true, text: keys.get(rng.int(keyCount)) });
  let inSet = 0;
  let noKey = 0;
  generateMixed(
    Math.ceil(QUERIES * 0.505), // a few spare, for misses without a key (IP ranges)
    0x51ed,
    (kind, raw) => {
      if (picks.length >= QUERIES) return;
      const r = parseObservable(observableKind(kind), raw);
      const key = r.ok ? r.value.indicatorKeys[0] : undefined;
      if (key === undefined) noKey++;
      else if (set.has(key)) inSet++;
      else picks.push({ hit: false, text: key });
    },
    { firstIndex: MISS },
  );
  shuffle(picks, rng);
  for (const p of picks) {
    queries.push(p.text);
    if (!p.hit) missTexts.push(p.text);
  }
  if (inSet > 0) info(`${inSet} generated misses were in the index after all; left out`);
  if (noKey > QUERIES / 100) info(`${noKey} generated misses had no key`);
}
queries.trim();
{
  const qs = queries.materialize();
  let indexHits = 0;
  let setHits = 0;
  for (const q of qs) if (index.hasKey(q)) indexHits++;
  for (const q of qs) if (set.has(q)) setHits++;
  info(
    `${qs.length.toLocaleString('en')} queries: index finds ${indexHits.toLocaleString('en')}, ` +
      `Set finds ${setHits.toLocaleString('en')}${keyCount > SET_LIMIT ? ' (sample)' : ''}`,
  );
}
const [hasKeyRate, setHasRate] = comparePasses(
  () => queries.materialize(),
  [
    (qs: string[]) => {
      let hits = 0;
      for (let i = 0; i < qs.length; i++) if (index.hasKey(qs[i]!)) hits++;
      consume(hits);
      return qs.length;
    },
    (qs: string[]) => {
      let hits = 0;
      for (let i = 0; i < qs.length; i++) if (set.has(qs[i]!)) hits++;
      consume(hits);
      return qs.length;
    },
  ],
  { rounds: 5, warmupRounds: 1 },
);
info(`hasKey rounds: ${formatRounds(hasKeyRate!)}`);
info(`Set.has rounds: ${formatRounds(setHasRate!)}`);
report({
  name: 'exact-key lookups: hasKey',
  unit: 'ops/s',
  value: hasKeyRate!.perSecond,
  baselineName: 'Set<string>.has',
  baseline: setHasRate!.perSecond,
  goal: { cmp: '>=', value: LOOKUP_GOAL, on: 'value' },
  cpuShare: Math.min(hasKeyRate!.cpuShare, setHasRate!.cpuShare),
  note: `${(QUERIES / 1e6).toFixed(1)} M fresh flat strings per pass, half hits; ${(index.size / 1e6).toFixed(1)} M indicators`,
});

// Where a lookup's time goes: the same loop over a table small enough to stay in the caches.
{
  const SMALL = 100_000;
  const rng = new Rng(0x5a11);
  const small = new IndexMatcher(SMALL);
  const smallQueries = new StringStore();
  for (let n = 0; n < SMALL; n++) {
    const key = keyStrings[rng.int(keyCount)]!;
    small.add({ num: n + 1, kind: 'domain', canonical: key, keys: [key] });
    smallQueries.push(key);
  }
  const order: number[] = [];
  for (let n = 0; n < Math.min(SMALL, missTexts.length); n++) order.push(smallQueries.push(missTexts[n]!), n);
  shuffle(order, rng);
  const passOrder = Array.from({ length: 5 }, () => order).flat(); // long enough passes to time well
  const [smallRate] = comparePasses(
    () => smallQueries.materialize(passOrder),
    [
      (qs: string[]) => {
        let hits = 0;
        for (let i = 0; i < qs.length; i++) if (small.hasKey(qs[i]!)) hits++;
        consume(hits);
        return qs.length;
      },
    ],
    { rounds: 5, warmupRounds: 1 },
  );
  info(
    `for comparison, hasKey on a ${(small.keyTableBytes / 2 ** 20).toFixed(1)} MiB table (${SMALL.toLocaleString('en')} keys, ` +
      `cache-resident): ${formatRounds(smallRate!)}; the ${(index.keyTableBytes / 2 ** 20).toFixed(0)} MiB table's ` +
      `extra ${formatValue(1 / hasKeyRate!.perSecond - 1 / smallRate!.perSecond, 's')} per lookup is memory latency (cache and TLB misses)`,
  );
}

// ── 5. Full phone checks ────────────────────────────────────────────────────────────────────────────────────

section(`full phone checks: parseObservable('phone', '0xxx xxx xxx') + match`);
const phoneInputs: string[] = [];
{
  const rng = new Rng(0x0912);
  for (let n = 0; n < PHONE_INPUTS / 2; n++) {
    phoneInputs.push(phoneDisplay(phoneNsn(rng.int(generatedPhones))));
    phoneInputs.push(phoneDisplay(phoneNsn(MISS + n)));
  }
  shuffle(phoneInputs, rng);
  let checked = 0;
  let hit = 0;
  for (const s of phoneInputs) {
    const r = parseObservable('phone', s);
    if (!r.ok) continue;
    checked++;
    if (index.match(r.value).length > 0) hit++;
  }
  info(
    `${phoneInputs.length.toLocaleString('en')} inputs (e.g. "${phoneInputs[0]}"): ${checked} parse, ${hit} hit`,
  );
}

const CHUNK = 1000;
let phoneAt = 0;
function phoneStep(check: (s: string) => number): () => number {
  return () => {
    let hits = 0;
    let at = phoneAt;
    for (let n = 0; n < CHUNK; n++) {
      hits += check(phoneInputs[at]!);
      if (++at === phoneInputs.length) at = 0;
    }
    phoneAt = at;
    consume(hits);
    return CHUNK;
  };
}
const [phoneIndexRate, phoneSetRate, phoneParseRate] = compareRates(
  [
    phoneStep((s) => {
      const r = parseObservable('phone', s);
      return r.ok ? index.match(r.value).length : 0;
    }),
    phoneStep((s) => {
      const r = parseObservable('phone', s);
      if (!r.ok) return 0;
      let hits = 0;
      for (const { key } of lookupKeys(r.value)) if (set.has(key)) hits++;
      return hits;
    }),
    phoneStep((s) => (parseObservable('phone', s).ok ? 1 : 0)),
  ],
  { rounds: 5, seconds: 1 },
);
info(`index check rounds: ${formatRounds(phoneIndexRate!)}`);
info(`Set check rounds:   ${formatRounds(phoneSetRate!)}`);
info(
  `parseObservable('phone') alone: ${formatValue(phoneParseRate!.perSecond, 'ops/s')} ` +
    `(${formatValue(1 / phoneParseRate!.perSecond, 's')} of the ${formatValue(1 / phoneIndexRate!.perSecond, 's')} a check takes)`,
);
report({
  name: 'exact-key lookups: phone check (parse+match)',
  unit: 'ops/s',
  value: phoneIndexRate!.perSecond,
  baselineName: 'parse + Set<string>.has',
  baseline: phoneSetRate!.perSecond,
  goal: { cmp: '>=', value: LOOKUP_GOAL, on: 'value' },
  cpuShare: Math.min(phoneIndexRate!.cpuShare, phoneSetRate!.cpuShare),
  note: `${phoneInputs.length.toLocaleString('en')} inputs "0xxx xxx xxx", half indexed`,
});

// ── 6. Memory ───────────────────────────────────────────────────────────────────────────────────────────────

section('memory');
const setBytesPerKey = (setMemory.heapUsed + (stringHeap * setSample.length) / keyCount) / setSample.length;
info(
  `Set<string>: ${formatValue(setMemory.heapUsed / setSample.length, 'B')} per key for the Set, ` +
    `+ ${formatValue(stringHeap / keyCount, 'B')} per key string it keeps alive = ${formatValue(setBytesPerKey, 'B')}`,
);
info(
  `index: keyTableBytes ${formatValue(index.keyTableBytes, 'B')}, arrayBuffers +${formatValue(indexMemory.arrayBuffers, 'B')}, ` +
    `heapUsed +${formatValue(indexMemory.heapUsed, 'B')} (CIDR table, ${ranges.length} ranges), size ${index.size.toLocaleString('en')}`,
);
report({
  name: 'index memory: keyTableBytes / size',
  unit: 'B',
  value: index.keyTableBytes / index.size,
  baselineName: 'Set<string> per key',
  baseline: setBytesPerKey,
  goal: { cmp: '<=', value: BYTES_GOAL, on: 'value' },
  note: `table sized for ${keyCount.toLocaleString('en')} keys; the Set's bytes include its key strings`,
});
report({
  name: 'index memory: arrayBuffers growth / size',
  unit: 'B',
  value: indexMemory.arrayBuffers / index.size,
  baselineName: 'Set<string> per key',
  baseline: setBytesPerKey,
  goal: { cmp: '<=', value: BYTES_GOAL, on: 'value' },
});

info(`peak RSS ${formatValue(process.resourceUsage().maxRSS * 1024, 'B')}`);
