/**
 * A Tocsin data directory holding N generated indicators (the real block lists included), built once and kept
 * under bench/.cache/ for the cold-start and HTTP benchmarks. Built through the real migrations and the real
 * observable parsers; rows are written straight into SQLite (one transaction per 100,000) because filing 10
 * million indicators through the service, one audit entry each, would take most of an hour.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { parseObservable } from '../../src/core/observables/observable-value.js';
import { ensureOperator } from '../../src/services/bootstrap.js';
import { systemClock } from '../../src/services/clock.js';
import { buildServices } from '../../src/services/services.js';
import { openStore } from '../../src/store/open-store.js';
import { generateMixed, loadRealLists, observableKind, realIndicators } from './generate.js';

export const CACHE_DIR = fileURLToPath(new URL('../.cache/', import.meta.url));

export interface Dataset {
  readonly dataDir: string;
  readonly dbPath: string;
  readonly adminKey: string;
  readonly indicators: number;
}

const CATEGORY: Record<string, string> = {
  phone: '["scam-call"]',
  'bank-account': '["fraud-account"]',
  domain: '["phishing"]',
  url: '["phishing"]',
  email: '["phishing"]',
  ip: '["botnet"]',
  'file-hash': '["malware"]',
  wallet: '["investment-scam"]',
};

/** The data directory for `count` generated indicators plus the real lists, building it if missing. */
export async function dataset(count: number, log: (s: string) => void): Promise<Dataset> {
  const dataDir = join(CACHE_DIR, `data-${count}`);
  const dbPath = join(dataDir, 'tocsin.db');
  const keyFile = join(dataDir, 'admin-key.txt');
  if (existsSync(join(dataDir, 'complete'))) {
    // Bring a kept data set up to the current schema before anything is timed.
    const kept = await openStore({ databaseUrl: undefined, databaseSchema: undefined, databasePath: dbPath });
    await kept.close();
    return {
      dataDir,
      dbPath,
      adminKey: readFileSync(keyFile, 'utf8').trim(),
      indicators: Number(readFileSync(join(dataDir, 'complete'), 'utf8')),
    };
  }
  const building = `${dataDir}.building`;
  rmSync(building, { recursive: true, force: true });
  mkdirSync(building, { recursive: true });
  const path = join(building, 'tocsin.db');
  log(`building ${count.toLocaleString()} indicators in ${building} (once; kept for later runs)`);

  const store = await openStore({ databaseUrl: undefined, databaseSchema: undefined, databasePath: path });
  const services = buildServices({ store, clock: systemClock, config: { keyLastUsedInterval: 60 } });
  const boot = await ensureOperator(services, {
    name: 'Bench Centre',
    country: 'VN',
    adminEmail: 'bench@tocsin.local',
  });
  await store.close();
  writeFileSync(join(building, 'admin-key.txt'), `${boot.adminKey ?? ''}\n`, { mode: 0o600 });

  const db = new BetterSqlite3(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  const insert = db.prepare(
    `insert or ignore into indicators (id, kind, value, canonical, keys, categories, confidence, source_org_id, created_by, tlp,
       valid_from, valid_until, first_seen, last_seen, description, revoked_at, created_at, updated_at, change_seq)
     values (?, ?, ?, ?, ?, ?, ?, ?, null, ?, ?, null, ?, ?, null, null, ?, ?, ?)`,
  );
  const now = new Date().toISOString();
  let seq = 0;
  let batch: unknown[][] = [];
  const flush = db.transaction((rows: unknown[][]) => {
    for (const r of rows) insert.run(...r);
  });
  const add = (kind: ReturnType<typeof observableKind>, raw: string) => {
    const v = parseObservable(kind, raw);
    if (!v.ok) return;
    // A value the real lists repeat is ignored by the unique constraint; its change number is simply skipped.
    seq++;
    batch.push([
      randomUUID(),
      v.value.kind,
      raw,
      v.value.canonical,
      v.value.indicatorKeys.join(' '),
      CATEGORY[v.value.kind] ?? '["other"]',
      80,
      boot.orgId,
      'green',
      now,
      now,
      now,
      now,
      now,
      seq,
    ]);
    if (batch.length === 100_000) {
      flush(batch);
      batch = [];
      if (seq % 1_000_000 === 0) log(`  ${seq.toLocaleString()} rows`);
    }
  };
  const lists = loadRealLists();
  for (const r of realIndicators(lists)) add(r.kind, r.raw);
  generateMixed(count, 20261123, (kind, raw) => add(observableKind(kind), raw));
  flush(batch);
  db.prepare(`update counters set value = ? where name = 'indicator_changes'`).run(seq);
  const rows = (db.prepare('select count(*) as n from indicators').get() as { n: number }).n;
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  writeFileSync(join(building, 'complete'), String(rows));
  rmSync(dataDir, { recursive: true, force: true });
  renameSync(building, dataDir);
  return { dataDir, dbPath, adminKey: boot.adminKey ?? '', indicators: rows };
}
