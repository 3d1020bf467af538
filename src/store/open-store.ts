/** Chooses the database from the configuration: PostgreSQL when `TOCSIN_DATABASE_URL` is set, else SQLite. */
import type { Config } from '../config/config.js';
import { tocsinError } from '../core/errors/errors.js';
import { KyselyStore } from './kysely/kysely-store.js';
import { postgresDialect } from './postgres/postgres-dialect.js';
import { sqliteDialect } from './sqlite/sqlite-dialect.js';

/** Opens the store and applies pending migrations. */
export async function openStore(
  config: Pick<Config, 'databaseUrl' | 'databaseSchema' | 'databasePath'>,
): Promise<KyselyStore> {
  let store: KyselyStore;
  try {
    store = new KyselyStore(
      config.databaseUrl !== undefined
        ? postgresDialect({ connectionString: config.databaseUrl, schema: config.databaseSchema })
        : sqliteDialect(config.databasePath),
    );
  } catch (e) {
    throw tocsinError('TOCSIN_ERR_STORE_UNAVAILABLE', `cannot open the database: ${(e as Error).message}`, {
      cause: e,
    });
  }
  try {
    await store.migrate();
  } catch (e) {
    await store.close().catch(() => undefined);
    throw e;
  }
  return store;
}
