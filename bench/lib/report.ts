/**
 * The uniform result line of every benchmark figure (figure, baseline measured in the same run, ratio, goal,
 * met?), and the machine-readable JSON line that bench/run.ts collects for its summary. Benchmarks never assert:
 * a missed goal is printed, not thrown.
 *
 *   exact-key lookups  3.10 M/s   baseline Set<string>.has 0.80 M/s   ratio 3.88×   goal ≥ 2 M/s  ✔
 */
import { basename } from 'node:path';

/** `ops/s` for rates, `B` for bytes, `s` for durations. */
export type Unit = 'ops/s' | 'B' | 's';

/** A goal on the figure's value (`on: 'value'`) or on its ratio to the baseline (`on: 'ratio'`). */
export interface Goal {
  readonly cmp: '>=' | '<=';
  readonly value: number;
  readonly on: 'value' | 'ratio';
}

export interface Figure {
  readonly name: string;
  readonly unit: Unit;
  readonly value: number;
  readonly baselineName: string;
  readonly baseline: number;
  /** Absent for informational figures. */
  readonly goal?: Goal;
  /** One line of context for the summary (sample size, caveats). */
  readonly note?: string;
  /** For rates: the share of a core the process got while measuring (see `Rate.cpuShare`); under 0.9 is noisy. */
  readonly cpuShare?: number;
}

export interface FigureRecord extends Figure {
  /** The benchmark file that measured it: `index.bench.ts`. */
  readonly bench: string;
  /** value ÷ baseline. */
  readonly ratio: number;
  /** Whether the goal is met; null when there is no goal. */
  readonly met: boolean | null;
}

/** Lines of a benchmark's stdout that start with this carry one FigureRecord as JSON. */
export const RESULT_PREFIX = '@@bench-figure ';

/** The benchmark file being run, from the process's arguments. */
function benchName(): string {
  const main = process.argv[1];
  return main === undefined ? 'unknown' : basename(main);
}

/** Prints a figure's result line and its JSON line, and returns the record. */
export function report(figure: Figure): FigureRecord {
  const ratio = figure.value / figure.baseline;
  const record: FigureRecord = {
    ...figure,
    bench: benchName(),
    ratio,
    met: goalMet(figure.goal, figure.value, ratio),
  };
  console.log(formatLine(record));
  if (figure.note !== undefined) console.log(`    (${figure.note})`);
  console.log(RESULT_PREFIX + JSON.stringify(record));
  return record;
}

function goalMet(goal: Goal | undefined, value: number, ratio: number): boolean | null {
  if (goal === undefined) return null;
  const x = goal.on === 'ratio' ? ratio : value;
  return goal.cmp === '>=' ? x >= goal.value : x <= goal.value;
}

export function formatValue(value: number, unit: Unit): string {
  if (!Number.isFinite(value)) return String(value);
  switch (unit) {
    case 'ops/s':
      if (value >= 1e6) return `${(value / 1e6).toFixed(2)} M/s`;
      if (value >= 1e3) return `${(value / 1e3).toFixed(1)} k/s`;
      return `${value.toFixed(0)} /s`;
    case 'B':
      if (value >= 2 ** 30) return `${(value / 2 ** 30).toFixed(2)} GiB`;
      if (value >= 2 ** 20) return `${(value / 2 ** 20).toFixed(1)} MiB`;
      if (value >= 1e4) return `${(value / 2 ** 10).toFixed(1)} KiB`;
      return `${value.toFixed(1)} B`;
    case 's':
      if (value < 1e-3) return `${(value * 1e6).toFixed(2)} µs`;
      if (value < 1) return `${(value * 1e3).toFixed(1)} ms`;
      return `${value.toFixed(2)} s`;
  }
}

/** A goal as text (`≥ 2.00 M/s`, `ratio ≥ 0.30×`), or `—` without one. */
export function formatGoal(goal: Goal | undefined, unit: Unit): string {
  if (goal === undefined) return '—';
  const cmp = goal.cmp === '>=' ? '≥' : '≤';
  return goal.on === 'ratio'
    ? `ratio ${cmp} ${goal.value.toFixed(2)}×`
    : `${cmp} ${formatValue(goal.value, unit)}`;
}

export function formatRatio(ratio: number): string {
  return `${ratio.toFixed(2)}×`;
}

export function formatMet(met: boolean | null): string {
  return met === null ? 'n/a' : met ? '✔' : '✘ MISSED';
}

/** The one-line form of a figure. */
export function formatLine(r: FigureRecord): string {
  return (
    `${r.name.padEnd(44)} ${formatValue(r.value, r.unit).padStart(10)}` +
    `   baseline ${r.baselineName} ${formatValue(r.baseline, r.unit)}` +
    `   ratio ${formatRatio(r.ratio)}` +
    `   goal ${formatGoal(r.goal, r.unit)}  ${formatMet(r.met)}` +
    (r.cpuShare !== undefined && r.cpuShare < 0.9 ? `   (noisy: cpu ${Math.round(r.cpuShare * 100)}%)` : '')
  );
}

/** A section title inside a benchmark's output. */
export function section(title: string): void {
  console.log(`\n── ${title}`);
}

/** A line of context, indented under the figures. */
export function info(text: string): void {
  console.log(`  · ${text}`);
}

/**
 * Rounds of a rate and the share of a core the process got, for the reader to judge the noise:
 * `2.91 M/s  3.02 M/s  3.05 M/s  (cpu 99%)`. A share well under 100% means the machine was busy.
 */
export function formatRounds(rate: {
  readonly rounds: readonly number[];
  readonly cpuShare: number;
}): string {
  const busy = rate.cpuShare < 0.9 ? ' — machine busy, noisy' : '';
  return `${rate.rounds.map((r) => formatValue(r, 'ops/s')).join('  ')}  (cpu ${Math.round(rate.cpuShare * 100)}%${busy})`;
}

/** Whether a parsed JSON value is a FigureRecord (what bench/run.ts reads back). */
export function isFigureRecord(x: unknown): x is FigureRecord {
  if (typeof x !== 'object' || x === null) return false;
  const r = x as Record<string, unknown>;
  return (
    typeof r['bench'] === 'string' &&
    typeof r['name'] === 'string' &&
    (r['unit'] === 'ops/s' || r['unit'] === 'B' || r['unit'] === 's') &&
    typeof r['value'] === 'number' &&
    typeof r['baselineName'] === 'string' &&
    typeof r['baseline'] === 'number' &&
    typeof r['ratio'] === 'number' &&
    (r['met'] === null || typeof r['met'] === 'boolean') &&
    (r['cpuShare'] === undefined || typeof r['cpuShare'] === 'number')
  );
}
