/**
 * Timing and memory helpers for the benchmarks. Rates are medians over several timed rounds, after a warm-up
 * that lets V8 optimize the loop; when two things are compared, their rounds alternate (a, b, a, b, …) so that
 * a noisy neighbour on the shared machine slows both alike instead of skewing the ratio.
 *
 * Memory deltas are only meaningful with `--expose-gc` (bench/run.ts passes it): `memory()` collects garbage
 * twice before it reads `process.memoryUsage()`.
 */

/** Seconds since an arbitrary origin, with sub-microsecond resolution. */
export function now(): number {
  return Number(process.hrtime.bigint()) / 1e9;
}

/** Whether the process was started with `--expose-gc`. */
export function canCollectGarbage(): boolean {
  return typeof globalThis.gc === 'function';
}

/** A full collection (twice, so that finalized objects are gone too); a no-op without `--expose-gc`. */
export function collectGarbage(): void {
  const gc = globalThis.gc;
  if (gc !== undefined) {
    gc();
    gc();
  }
}

export interface MemorySnapshot {
  readonly heapUsed: number;
  readonly arrayBuffers: number;
  readonly external: number;
  readonly rss: number;
}

/** `process.memoryUsage()` after a full collection. */
export function memory(): MemorySnapshot {
  collectGarbage();
  const m = process.memoryUsage();
  return { heapUsed: m.heapUsed, arrayBuffers: m.arrayBuffers, external: m.external, rss: m.rss };
}

/** `after − before`, field by field. */
export function memoryDelta(before: MemorySnapshot, after: MemorySnapshot): MemorySnapshot {
  return {
    heapUsed: after.heapUsed - before.heapUsed,
    arrayBuffers: after.arrayBuffers - before.arrayBuffers,
    external: after.external - before.external,
    rss: after.rss - before.rss,
  };
}

/** Runs `fn` once and says how long it took, and what share of a core the process got meanwhile. */
export function timed<T>(fn: () => T): {
  readonly result: T;
  readonly seconds: number;
  readonly cpuShare: number;
} {
  const cpu = process.cpuUsage();
  const start = now();
  const result = fn();
  const seconds = now() - start;
  return { result, seconds, cpuShare: cpuSeconds(cpu) / seconds };
}

/** A rate: the median of the rounds, and every round, in operations per second. */
export interface Rate {
  readonly perSecond: number;
  readonly rounds: readonly number[];
  /**
   * The median share of a core the process got during a round: CPU time ÷ wall time. Well under 1 means the
   * process waited for a CPU (the shared machine was busy) and the round is slower than the code; above 1, the
   * GC's helper threads worked alongside.
   */
  readonly cpuShare: number;
}

interface Round {
  readonly rate: number;
  readonly cpuShare: number;
}

function summarize(rounds: readonly Round[]): Rate {
  return {
    perSecond: median(rounds.map((r) => r.rate)),
    rounds: rounds.map((r) => r.rate),
    cpuShare: median(rounds.map((r) => r.cpuShare)),
  };
}

function cpuSeconds(since: NodeJS.CpuUsage): number {
  const c = process.cpuUsage(since);
  return (c.user + c.system) / 1e6;
}

export interface RateOptions {
  /** Timed rounds; the median is reported. */
  readonly rounds?: number;
  /** Seconds per timed round. */
  readonly seconds?: number;
  /** Seconds of untimed warm-up before the first round. */
  readonly warmup?: number;
}

const DEFAULT_ROUNDS = 5;
const DEFAULT_SECONDS = 1;
const DEFAULT_WARMUP = 0.5;

export function median(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Calls `step` for `seconds`; `step` does some operations and returns how many. Returns operations per second. */
function oneRound(step: () => number, seconds: number): Round {
  let ops = 0;
  const cpu = process.cpuUsage();
  const start = now();
  const until = start + seconds;
  let t: number;
  do {
    ops += step();
    t = now();
  } while (t < until);
  return { rate: ops / (t - start), cpuShare: cpuSeconds(cpu) / (t - start) };
}

/**
 * Calls `step` in a loop for `seconds` per round after a warm-up and returns the median rate. `step` should do
 * enough work (a thousand operations or so) that reading the clock after each call costs nothing.
 */
export function measureRate(step: () => number, options: RateOptions = {}): Rate {
  return compareRates([step], options)[0]!;
}

/** Like `measureRate` for several steps, with their rounds interleaved. */
export function compareRates(steps: readonly (() => number)[], options: RateOptions = {}): Rate[] {
  const rounds = options.rounds ?? DEFAULT_ROUNDS;
  const seconds = options.seconds ?? DEFAULT_SECONDS;
  const warmup = options.warmup ?? DEFAULT_WARMUP;
  for (const step of steps) oneRound(step, warmup);
  const results = steps.map((): Round[] => []);
  for (let r = 0; r < rounds; r++) {
    // Alternate the order too, so that neither side always runs right after a collection the other caused.
    const order = r % 2 === 0 ? steps.map((_, i) => i) : steps.map((_, i) => steps.length - 1 - i);
    for (const i of order) results[i]!.push(oneRound(steps[i]!, seconds));
  }
  return results.map(summarize);
}

export interface PassOptions {
  /** Timed passes; the median is reported. */
  readonly rounds?: number;
  /** Untimed passes first. */
  readonly warmupRounds?: number;
}

/**
 * For work that must not be repeated on the same data (a string hashed once keeps its hash): before each pass,
 * `setup` builds fresh data (untimed, followed by a collection), then `pass` runs over it once (timed) and returns
 * how many operations it did. Several passes are compared with their rounds interleaved.
 */
export function comparePasses<T>(
  setup: () => T,
  passes: readonly ((data: T) => number)[],
  options: PassOptions = {},
): Rate[] {
  const rounds = options.rounds ?? DEFAULT_ROUNDS;
  const warmupRounds = options.warmupRounds ?? 1;
  const results = passes.map((): Round[] => []);
  for (let r = -warmupRounds; r < rounds; r++) {
    const order = r % 2 === 0 ? passes.map((_, i) => i) : passes.map((_, i) => passes.length - 1 - i);
    for (const i of order) {
      const data = setup();
      collectGarbage();
      const cpu = process.cpuUsage();
      const start = now();
      const ops = passes[i]!(data);
      const seconds = now() - start;
      if (r >= 0) results[i]!.push({ rate: ops / seconds, cpuShare: cpuSeconds(cpu) / seconds });
    }
  }
  return results.map(summarize);
}

let sinkValue = 0;

/** Keeps a result alive so that the optimizer cannot drop the work that produced it. */
export function consume(x: number): void {
  sinkValue = (sinkValue + x) | 0;
}

/** The accumulated sink (print it, or ignore it). */
export function sink(): number {
  return sinkValue;
}
