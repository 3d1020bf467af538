/** A separate process that opens a store and migrates it, as a second node would: `migrate-once.ts sqlite PATH | postgres SCHEMA`. */
import { KyselyStore } from '../../src/store/kysely/kysely-store.js';
import { postgresDialect } from '../../src/store/postgres/postgres-dialect.js';
import { sqliteDialect } from '../../src/store/sqlite/sqlite-dialect.js';
import { PG_URL } from './stores.js';

const [kind, where] = process.argv.slice(2);
if (where === undefined) throw new Error('usage: migrate-once.ts sqlite PATH | postgres SCHEMA');
const store = new KyselyStore(
  kind === 'sqlite' ? sqliteDialect(where) : postgresDialect({ connectionString: PG_URL, schema: where }),
);
try {
  process.stdout.write(JSON.stringify(await store.migrate()));
} finally {
  await store.close();
}
