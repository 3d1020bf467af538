/**
 * Checks over HTTP, with the whole index of 10 million indicators loaded in a real `tocsin serve`:
 * - single checks (GET /api/v1/check?value=…, keep-alive, load generator in its own process on the other
 *   core): goal ≥ 0.8× the requests/s of a bare node:http server answering a constant JSON body;
 * - batch checks (POST /api/v1/check, 10,000 mixed items a request, TOCSIN_WORKERS=2): goal ≥ 1 million
 *   items/s; baseline: the bare server taking the same bodies.
 *
 * Tocsin runs from its compiled build (`dist/`, rebuilt from the source at the start), as `npm start` runs it.
 *
 * Run: npm run bench -- http   (--quick: 1 million indicators, shorter runs)
 */
import { builtTocsin, cpuSeconds, freePort, startProcess, stopProcess } from './lib/processes.js';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dataset } from './lib/dataset.js';
import { generateMixed, Rng, spellPhone, phoneNsn, MISS } from './lib/generate.js';
import { median } from './lib/measure.js';
import { info, report } from './lib/report.js';

const QUICK = process.argv.includes('--quick');
const COUNT = QUICK ? 1_000_000 : 10_000_000;
const SECONDS = QUICK ? 5 : 10;
/** Alternating timed rounds per server, single checks. */
const ROUNDS = QUICK ? 3 : 5;
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const NODE = [process.execPath, '--import', 'tsx'];

const data = await dataset(COUNT, (s) => console.log(s));
console.log(`${data.indicators.toLocaleString()} indicators in ${data.dataDir}`);
const work = mkdtempSync(join(tmpdir(), 'tocsin-bench-http-'));

interface Summary {
  rps: number;
  cpuUs: number;
  p50: number;
  all: string;
}

interface LoadResult {
  requestsPerSecond: number;
  latencyP50: number;
  latencyP99: number;
  non2xx: number;
  errors: number;
}

async function load(job: object): Promise<LoadResult> {
  const child = spawn(NODE[0]!, [...NODE.slice(1), 'bench/lib/load.ts', JSON.stringify(job)], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  await new Promise((r) => child.once('exit', r));
  const r = JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as LoadResult;
  if (r.non2xx > 0 || r.errors > 0) console.log(`  !! ${r.non2xx} non-2xx, ${r.errors} errors`);
  return r;
}

// Values to check: phones of which a quarter are listed, in the spellings people use.
const rng = new Rng(7);
const singles: string[] = [];
for (let i = 0; i < 20_000; i++) singles.push(spellPhone(phoneNsn(rng.chance(0.25) ? i : MISS + i), rng));
const valuesFile = join(work, 'values.txt');
writeFileSync(valuesFile, singles.join('\n'));

// A batch: 10,000 mixed values (phones, accounts, domains, links…), a quarter of them listed.
const items: string[] = [];
generateMixed(2_500, 20261123, (_k, raw) => items.push(raw));
generateMixed(7_500, 99, (_k, raw) => items.push(raw), { firstIndex: MISS });
const batchFile = join(work, 'batch.json');
writeFileSync(batchFile, JSON.stringify({ items }));

const auth = { authorization: `Bearer ${data.adminKey}` };
const env = {
  TOCSIN_DATA_DIR: data.dataDir,
  TOCSIN_LOG_LEVEL: 'warn',
  TOCSIN_BODY_LIMIT: String(64 * 1024 * 1024),
};

// ── Single checks ─────────────────────────────────────────────────────────────
{
  const port = await freePort();
  const tocsin = await startProcess(
    [...builtTocsin(), 'serve'],
    { ...env, TOCSIN_PORT: String(port), TOCSIN_WORKERS: '1' },
    'serving on',
  );
  const sample = await (
    await fetch(`http://127.0.0.1:${port}/api/v1/check?value=${encodeURIComponent(singles[0]!)}`, {
      headers: auth,
    })
  ).text();
  console.log(`  a check answers: ${sample.slice(0, 160)}…`);
  const barePort = await freePort();
  const bare = await startProcess(
    [...NODE, 'bench/lib/bare-server.ts', String(barePort), sample],
    {},
    'ready',
  );
  const targets = [
    {
      name: 'tocsin',
      child: tocsin,
      job: { url: `http://127.0.0.1:${port}/api/v1/check?value=`, headers: auth },
    },
    { name: 'bare', child: bare, job: { url: `http://127.0.0.1:${barePort}/api/v1/check?value=` } },
  ];
  for (const x of targets) await load({ ...x.job, connections: 32, seconds: 3, valuesFile });
  // Rounds alternate between the two servers (both stay up; the idle one costs nothing), so that a busy
  // neighbour slows both alike. Each round also reads the server's CPU time: CPU per request is the steadier
  // figure when the load generator and the neighbours compete for the cores.
  const rounds = targets.map(() => ({ rps: [] as number[], cpuUs: [] as number[], p50: [] as number[] }));
  for (let r = 0; r < ROUNDS; r++) {
    for (const [i, x] of targets.entries()) {
      const cpu0 = cpuSeconds(x.child.pid) ?? 0;
      const res = await load({ ...x.job, connections: 32, seconds: SECONDS, valuesFile });
      // 0 where there is no /proc: the CPU line is then left out.
      const cpu = (cpuSeconds(x.child.pid) ?? 0) - cpu0;
      rounds[i]!.rps.push(res.requestsPerSecond);
      rounds[i]!.cpuUs.push((cpu / (res.requestsPerSecond * SECONDS)) * 1e6);
      rounds[i]!.p50.push(res.latencyP50);
    }
  }
  await stopProcess(tocsin);
  await stopProcess(bare);
  const [t, b] = rounds.map((x) => ({
    rps: median(x.rps),
    cpuUs: median(x.cpuUs),
    p50: median(x.p50),
    all: x.rps.map((v) => Math.round(v)).join(', '),
  })) as [Summary, Summary];
  info(`tocsin req/s by round: ${t.all}; bare: ${b.all}; p50 ${t.p50} ms against ${b.p50} ms`);
  // Each round's two servers ran back to back, under the same neighbours: their ratio, round by round.
  const paired = rounds[0]!.rps.map((v, r) => v / rounds[1]!.rps[r]!);
  info(
    `ratio round by round: ${paired.map((x) => x.toFixed(2)).join(', ')} (median ${median(paired).toFixed(2)}×)`,
  );
  if (t.cpuUs > 0 && b.cpuUs > 0)
    info(
      `server CPU per request (median of rounds): tocsin ${t.cpuUs.toFixed(1)} µs, bare ${b.cpuUs.toFixed(1)} µs ` +
        `(bare ÷ tocsin = ${(b.cpuUs / t.cpuUs).toFixed(2)}×)`,
    );
  report({
    name: 'single checks over HTTP (1 process)',
    unit: 'ops/s',
    value: t.rps,
    baselineName: 'bare node:http, constant JSON',
    baseline: b.rps,
    goal: { cmp: '>=', value: 0.8, on: 'ratio' },
    note: `${data.indicators.toLocaleString()} indicators; 32 keep-alive connections; phone numbers in mixed spellings, a quarter listed; median of ${ROUNDS} alternating rounds`,
  });
}

// ── Batch checks ──────────────────────────────────────────────────────────────
{
  const port = await freePort();
  const tocsin = await startProcess(
    [...builtTocsin(), 'serve'],
    { ...env, TOCSIN_PORT: String(port), TOCSIN_WORKERS: '2' },
    'serving on',
    2,
  );
  const job = {
    url: `http://127.0.0.1:${port}/api/v1/check`,
    method: 'POST',
    bodyFile: batchFile,
    headers: auth,
    connections: 4,
  };
  await load({ ...job, seconds: 3 });
  const t = await load({ ...job, seconds: SECONDS });
  await stopProcess(tocsin);
  const barePort = await freePort();
  const bare = await startProcess([...NODE, 'bench/lib/bare-server.ts', String(barePort)], {}, 'ready');
  const b = await load({ ...job, url: `http://127.0.0.1:${barePort}/api/v1/check`, seconds: SECONDS });
  await stopProcess(bare);
  report({
    name: 'batch checks over HTTP (2 workers), items/s',
    unit: 'ops/s',
    value: t.requestsPerSecond * items.length,
    baselineName: 'bare node:http reading the same bodies',
    baseline: b.requestsPerSecond * items.length,
    goal: { cmp: '>=', value: 1_000_000, on: 'value' },
    note: `10,000 mixed items a request (a quarter listed); 4 connections; p50 ${t.latencyP50} ms`,
  });
}
