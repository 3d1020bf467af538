/**
 * TAXII GET objects, paged: 100,000 objects (generated indicators) in a collection; a client pages through
 * `GET /taxii2/api/collections/{id}/objects/?limit=1000` (following `next`) over keep-alive HTTP from a real
 * listening Tocsin server in a child process; against a bare node:http server, in another child process,
 * answering the same objects' JSON from memory in the same page sizes. Rounds alternate (Tocsin, bare, …);
 * the figure is the median objects/s. Goal ≥ 0.5× (issue 4).
 *
 * Run: npm run bench -- taxii-get      (--quick: 20,000 objects)
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureOperator } from '../src/services/bootstrap.js';
import { systemClock } from '../src/services/clock.js';
import { buildServices } from '../src/services/services.js';
import { KyselyStore } from '../src/store/kysely/kysely-store.js';
import { sqliteDialect } from '../src/store/sqlite/sqlite-dialect.js';
import { digestJson } from '../src/core/json/canonical-json.js';
import { microsToTimestamp, versionKey } from '../src/core/taxii/timestamps.js';
import { indicatorTexts } from './lib/stix-bundle.js';
import { median, now } from './lib/measure.js';
import { formatValue, info, report, section } from './lib/report.js';

const QUICK = process.argv.includes('--quick');
const OBJECTS = QUICK ? 20_000 : 100_000;
const PAGE = 1000;
const ROUNDS = QUICK ? 3 : 5;
const RATIO_GOAL = 0.5;
const ROOT = fileURLToPath(new URL('..', import.meta.url));

const dir = mkdtempSync(join(tmpdir(), 'tocsin-bench-taxii-'));
const children: ChildProcess[] = [];
try {
  // ── the collection: objects written straight into the store (setup, not measured) ──────────────────
  section(`setup: ${OBJECTS.toLocaleString('en')} objects in the shared collection (SQLite)`);
  const store = new KyselyStore(sqliteDialect(join(dir, 'tocsin.sqlite')));
  await store.migrate();
  const services = buildServices({ store, clock: systemClock, config: { keyLastUsedInterval: 60 } });
  const boot = await ensureOperator(services, {
    name: 'Bench Centre',
    country: 'VN',
    adminEmail: 'admin@bench.test',
  });
  const key = boot.adminKey ?? '';
  const [collection] = await store.taxii.listCollections();
  if (collection === undefined) throw new Error('no collection');
  const texts = indicatorTexts(OBJECTS, 0x7a111);
  const t0 = now();
  for (let done = 0; done < OBJECTS;) {
    const n = Math.min(10_000, OBJECTS - done);
    await store.transaction(async (tx) => {
      const first = await tx.taxii.reserveAdded(n, Date.now() * 1000);
      for (let k = 0; k < n; k++) {
        const json = texts.next().value as string;
        const o = JSON.parse(json) as { id: string; modified: string };
        await tx.taxii.insertObject({
          addedUs: first + k,
          collectionId: collection.id,
          id: o.id,
          type: 'indicator',
          specVersion: '2.1',
          version: o.modified,
          versionKey: versionKey(o.modified) ?? o.modified,
          orgId: boot.orgId,
          tlp: 'green',
          recipients: [],
          digest: digestJson(o),
          json,
        });
      }
    });
    done += n;
  }
  await store.close();
  info(`written in ${(now() - t0).toFixed(1)} s (${microsToTimestamp(Date.now() * 1000)})`);

  // ── the servers ─────────────────────────────────────────────────────────────────────────────────────
  const startServer = (kind: string): Promise<number> => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'bench/lib/taxii-servers.ts', kind, dir], {
      cwd: ROOT,
      env: Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('TOCSIN_'))),
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    children.push(child);
    return new Promise((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /port (\d+)/.exec(out);
        if (m !== null) resolve(Number(m[1]));
      });
      child.once('exit', (code) => reject(new Error(`${kind} server exited ${code}: ${out}`)));
    });
  };
  const [tocsinPort, barePort] = await Promise.all([startServer('tocsin'), startServer('bare')]);

  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const get = (port: number, path: string, headers: Record<string, string>): Promise<string> =>
    new Promise((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path, agent, headers }, (res) => {
        const parts: Buffer[] = [];
        res.on('data', (d: Buffer) => parts.push(d));
        res.on('end', () =>
          res.statusCode === 200
            ? resolve(Buffer.concat(parts).toString('utf8'))
            : reject(new Error(`HTTP ${res.statusCode}: ${Buffer.concat(parts).toString().slice(0, 200)}`)),
        );
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end();
    });

  /** Pages through every object; returns how many it read. Both clients parse each page to find `next`. */
  async function walk(kind: 'tocsin' | 'bare'): Promise<number> {
    let n = 0;
    let next: string | undefined;
    for (;;) {
      const body =
        kind === 'tocsin'
          ? await get(
              tocsinPort,
              `/taxii2/api/collections/${collection!.id}/objects/?limit=${PAGE}${next === undefined ? '' : `&next=${encodeURIComponent(next)}`}`,
              { authorization: `Bearer ${key}`, accept: 'application/taxii+json;version=2.1' },
            )
          : await get(barePort, `/objects?limit=${PAGE}&page=${next ?? '0'}`, {
              accept: 'application/taxii+json;version=2.1',
            });
      const page = JSON.parse(body) as { more: boolean; next?: string; objects?: unknown[] };
      n += page.objects?.length ?? 0;
      if (!page.more) return n;
      next = page.next;
    }
  }

  section(`paging GET objects, limit ${PAGE}, keep-alive, ${ROUNDS} alternating rounds`);
  await walk('tocsin'); // warm-up: JIT, SQLite page cache
  await walk('bare');
  const rates: Record<'tocsin' | 'bare', number[]> = { tocsin: [], bare: [] };
  for (let r = 0; r < ROUNDS; r++) {
    for (const kind of ['tocsin', 'bare'] as const) {
      const s = now();
      const n = await walk(kind);
      const seconds = now() - s;
      if (n !== OBJECTS) throw new Error(`${kind} read ${n} of ${OBJECTS} objects`);
      rates[kind].push(n / seconds);
      info(`round ${r + 1} ${kind.padEnd(6)}: ${seconds.toFixed(2)} s, ${formatValue(n / seconds, 'ops/s')}`);
    }
  }
  report({
    name: 'TAXII GET objects, paged (limit 1000)',
    unit: 'ops/s',
    value: median(rates.tocsin),
    baselineName: 'node:http from memory',
    baseline: median(rates.bare),
    goal: { cmp: '>=', value: RATIO_GOAL, on: 'ratio' },
    note: `${OBJECTS.toLocaleString('en')} objects, ${OBJECTS / PAGE} pages a walk, servers in child processes, median of ${ROUNDS} rounds`,
  });
  agent.destroy();
} finally {
  for (const c of children) c.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 300));
  rmSync(dir, { recursive: true, force: true });
}
