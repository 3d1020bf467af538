/**
 * The stores every contract suite runs against: SQLite always; PostgreSQL when it answers, and always under
 * CI=true, where an unreachable database fails the run instead of skipping.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { KyselyStore } from '../../src/store/kysely/kysely-store.js';
import { postgresDialect } from '../../src/store/postgres/postgres-dialect.js';
import { sqliteDialect } from '../../src/store/sqlite/sqlite-dialect.js';

export const PG_URL = process.env['TOCSIN_TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
const IN_CI = process.env['CI'] === 'true';

export interface StoreFactory {
  readonly name: 'sqlite' | 'postgres';
  /** A reason to skip, or undefined when this database is here. */
  readonly skip: string | undefined;
  /** A fresh, empty, migrated store; `shared` names a location to reopen (two nodes on one database). */
  open(shared?: string): Promise<KyselyStore>;
  /** A new location name for `open(shared)`. */
  newLocation(): string;
  /** Removes every location this factory made. */
  cleanup(): Promise<void>;
}

async function postgresReachable(): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return undefined;
  } catch (e) {
    return `PostgreSQL at ${PG_URL} is unreachable (${(e as Error).message})`;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export function sqliteFactory(): StoreFactory {
  const dir = mkdtempSync(join(tmpdir(), 'tocsin-test-'));
  let n = 0;
  return {
    name: 'sqlite',
    skip: undefined,
    newLocation: () => join(dir, `db-${++n}.sqlite`),
    async open(shared) {
      const store = new KyselyStore(sqliteDialect(shared ?? join(dir, `db-${++n}.sqlite`)));
      if (shared === undefined) await store.migrate();
      return store;
    },
    cleanup() {
      rmSync(dir, { recursive: true, force: true });
      return Promise.resolve();
    },
  };
}

export async function postgresFactory(): Promise<StoreFactory> {
  const unreachable = await postgresReachable();
  if (unreachable !== undefined && IN_CI) throw new Error(`${unreachable}; CI=true requires PostgreSQL`);
  const schemas: string[] = [];
  const newLocation = () => {
    const s = `tocsin_t_${randomBytes(6).toString('hex')}`;
    schemas.push(s);
    return s;
  };
  return {
    name: 'postgres',
    skip: unreachable,
    newLocation,
    async open(shared) {
      const store = new KyselyStore(
        postgresDialect({ connectionString: PG_URL, schema: shared ?? newLocation() }),
      );
      if (shared === undefined) await store.migrate();
      return store;
    },
    async cleanup() {
      if (unreachable !== undefined || schemas.length === 0) return;
      const client = new pg.Client({ connectionString: PG_URL });
      await client.connect();
      try {
        for (const s of schemas) await client.query(`drop schema if exists ${s} cascade`);
      } finally {
        await client.end();
      }
    },
  };
}

/** Both factories, for suites that run against every store. */
export async function allStoreFactories(): Promise<StoreFactory[]> {
  return [sqliteFactory(), await postgresFactory()];
}
