/**
 * Runs the benchmarks: every bench/*.bench.ts, each in its own child process, or only those whose file name
 * contains one of the arguments. Prints each benchmark's output under a header, then a summary of every figure
 * with its baseline (measured in the same run), ratio, goal and whether it is met. Benchmarks never assert; this
 * exits non-zero only when a benchmark crashes.
 *
 *   npm run bench                  all of them (index and url alone: 3 to 4 minutes on 2 cores)
 *   npm run bench -- url           only bench/url.bench.ts
 *   npm run bench -- --quick       smaller sizes, for a smoke run (figures not comparable)
 *   npm run bench -- --cpu-prof    also write a V8 CPU profile per benchmark to bench/profiles/
 *   npm run bench -- --json out.json   also write every figure to a JSON file
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import {
  RESULT_PREFIX,
  formatGoal,
  formatMet,
  formatRatio,
  formatValue,
  isFigureRecord,
  type FigureRecord,
} from './lib/report.js';

const NODE_FLAGS = ['--import', 'tsx', '--expose-gc', '--max-old-space-size=16384'];

const benchDir = dirname(fileURLToPath(import.meta.url));
const repoRoot = dirname(benchDir);

// ── Arguments ───────────────────────────────────────────────────────────────────────────────────────────────

const args = process.argv.slice(2);
let quick = false;
let cpuProf = false;
let jsonOut: string | undefined;
const names: string[] = [];
for (let i = 0; i < args.length; i++) {
  const a = args[i]!;
  if (a === '--quick') quick = true;
  else if (a === '--cpu-prof') cpuProf = true;
  else if (a === '--json') jsonOut = args[++i];
  else if (a.startsWith('--json=')) jsonOut = a.slice('--json='.length);
  else if (a.startsWith('-')) {
    console.error(`unknown option ${a}`);
    process.exit(2);
  } else names.push(a);
}

const files = readdirSync(benchDir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => names.length === 0 || names.some((n) => f.includes(n)))
  .sort();
if (files.length === 0) {
  console.error(`no benchmark in bench/ matches ${names.join(', ')}`);
  process.exit(2);
}

// ── Run ─────────────────────────────────────────────────────────────────────────────────────────────────────

const cpu = cpus();
console.log(
  `node ${process.version}, ${cpu.length} cores (${cpu[0]?.model.trim() ?? 'unknown CPU'}), ` +
    `${(totalmem() / 2 ** 30).toFixed(0)} GiB; ${new Date().toISOString()}${quick ? '; QUICK run: reduced sizes' : ''}`,
);

const figures: FigureRecord[] = [];
const crashed: string[] = [];
const started = Date.now();

function runOne(file: string): Promise<number> {
  const flags = [...NODE_FLAGS];
  if (cpuProf) {
    const dir = join(benchDir, 'profiles');
    mkdirSync(dir, { recursive: true });
    flags.push(
      '--cpu-prof',
      `--cpu-prof-dir=${dir}`,
      `--cpu-prof-name=${file.replace(/\.ts$/, '')}.${Date.now()}.cpuprofile`,
    );
  }
  const path = relative(repoRoot, join(benchDir, file));
  const childArgs = [...flags, path, ...(quick ? ['--quick'] : [])];
  const load = loadavg();
  console.log(
    `\n━━━━ ${file} ━━━━  (node ${childArgs.join(' ')}; load average ${load.map((l) => l.toFixed(2)).join(' ')})`,
  );
  if (load[0]! > cpu.length - 0.5)
    console.log(
      `(the machine is busy: other processes want ${load[0]!.toFixed(1)} cores of ${cpu.length}; expect noise)`,
    );
  const child = spawn(process.execPath, childArgs, { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout });
  lines.on('line', (line) => {
    if (!line.startsWith(RESULT_PREFIX)) {
      console.log(line);
      return;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(line.slice(RESULT_PREFIX.length));
    } catch {
      parsed = undefined;
    }
    if (isFigureRecord(parsed)) figures.push(parsed);
    else console.log(`(unreadable figure line: ${line})`);
  });
  return new Promise((resolve) => {
    child.on('close', (code, signal) => resolve(code ?? (signal === null ? 1 : 128)));
  });
}

for (const file of files) {
  const t0 = Date.now();
  const code = await runOne(file);
  const seconds = (Date.now() - t0) / 1000;
  if (code !== 0) crashed.push(file);
  console.log(`━━━━ ${file}: ${code === 0 ? 'done' : `FAILED (exit ${code})`} in ${seconds.toFixed(0)} s`);
}

// ── Summary ─────────────────────────────────────────────────────────────────────────────────────────────────

console.log(
  `\n━━━━ summary (${figures.length} figures, ${((Date.now() - started) / 1000).toFixed(0)} s) ━━━━`,
);
const rows = [
  ['bench', 'figure', 'value', 'baseline', 'baseline value', 'ratio', 'goal', 'met', 'cpu'],
  ...figures.map((f) => [
    f.bench.replace(/\.bench\.ts$/, ''),
    f.name,
    formatValue(f.value, f.unit),
    f.baselineName,
    formatValue(f.baseline, f.unit),
    formatRatio(f.ratio),
    formatGoal(f.goal, f.unit),
    formatMet(f.met),
    f.cpuShare === undefined ? '' : `${Math.round(f.cpuShare * 100)}%${f.cpuShare < 0.9 ? ' noisy' : ''}`,
  ]),
];
const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
const right = new Set([2, 4, 5]);
for (const [n, row] of rows.entries()) {
  console.log(
    row.map((cell, c) => (right.has(c) ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!))).join('  '),
  );
  if (n === 0) console.log(widths.map((w) => '─'.repeat(w)).join('  '));
}
const missed = figures.filter((f) => f.met === false);
console.log(
  `\n${figures.filter((f) => f.met === true).length} goals met, ${missed.length} missed` +
    (missed.length > 0 ? ` (${missed.map((f) => f.name).join('; ')})` : '') +
    (crashed.length > 0 ? `; CRASHED: ${crashed.join(', ')}` : ''),
);

if (jsonOut !== undefined) {
  writeFileSync(
    jsonOut,
    JSON.stringify({ date: new Date().toISOString(), node: process.version, quick, figures }, null, 2),
  );
  console.log(`figures written to ${jsonOut}`);
}
process.exitCode = crashed.length > 0 ? 1 : 0;
