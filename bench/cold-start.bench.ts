/**
 * Cold start: how long a fresh process takes to load the whole index from SQLite, with 10 million indicators
 * (generated, mixed kinds, plus the real block lists). Goal: ready within 30 seconds.
 * Baseline, in the same run: a bare better-sqlite3 scan running the loader's own query, i.e. the time SQLite
 * alone needs to hand the rows over.
 *
 * Run: npm run bench -- cold-start   (--quick: 1 million indicators)
 */
import BetterSqlite3 from 'better-sqlite3';
import { IndicatorIndex } from '../src/services/indicator-index.js';
import { KyselyStore } from '../src/store/kysely/kysely-store.js';
import { sqliteDialect } from '../src/store/sqlite/sqlite-dialect.js';
import { dataset } from './lib/dataset.js';
import { memory, memoryDelta, now } from './lib/measure.js';
import { report } from './lib/report.js';

const QUICK = process.argv.includes('--quick');
const COUNT = QUICK ? 1_000_000 : 10_000_000;

const data = await dataset(COUNT, (s) => console.log(s));
console.log(`${data.indicators.toLocaleString()} indicators in ${data.dbPath}`);

// Warm the page cache the same way for both, so neither pays for the disk alone.
function bareScan(): number {
  const db = new BetterSqlite3(data.dbPath, { readonly: true });
  let n = 0;
  const t0 = now();
  for (const row of db
    // The loader's own query: what SQLite alone needs to hand over the rows the index is built from.
    .prepare(
      `select num, kind, keys, case when keys = '' then canonical else '' end
         from indicators indexed by indicators_index_load where revoked_at is null order by num`,
    )
    .raw()
    .iterate()) {
    if ((row as unknown[]).length > 0) n++;
  }
  const s = now() - t0;
  db.close();
  if (n !== data.indicators) console.log(`bare scan read ${n} rows, expected ${data.indicators}`);
  return s;
}

bareScan();
const bare = bareScan();

const before = memory();
const t0 = now();
const store = new KyselyStore(sqliteDialect(data.dbPath));
const index = new IndicatorIndex({ store });
let lastPrint = 0;
const loaded = await index.load((p) => {
  if (p.done - lastPrint >= 2_000_000) {
    lastPrint = p.done;
    console.log(`  ${p.done.toLocaleString()} / ${p.total.toLocaleString()}  ${(now() - t0).toFixed(1)} s`);
  }
});
const seconds = now() - t0;
const grown = memoryDelta(before, memory());
await store.close();
console.log(
  `loaded ${loaded.entries.toLocaleString()} indicators; heap +${(grown.heapUsed / 2 ** 20).toFixed(0)} MiB, array buffers +${(grown.arrayBuffers / 2 ** 20).toFixed(0)} MiB`,
);

report({
  name: `cold start, ${(data.indicators / 1e6).toFixed(1)} M indicators from SQLite`,
  unit: 's',
  value: seconds,
  baselineName: 'bare better-sqlite3 scan, same query',
  baseline: bare,
  goal: { cmp: '<=', value: 30, on: 'value' },
});
