/** Citizen reports and their triage queue. */
import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { StoreDialect } from '../dialect.js';

export async function up(db: Kysely<unknown>, types: StoreDialect['types']): Promise<void> {
  const ts = sql.raw(types.timestamp);
  await db.schema
    .createTable('reports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('canonical', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('contact', 'text')
    .addColumn('occurred_at', ts)
    // Who reported, as a keyed hash: independent reporters count separately, and no address is kept.
    .addColumn('reporter', 'text', (c) => c.notNull())
    .addColumn('reporter_org_id', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('indicator_id', 'text')
    .addColumn('triaged_by', 'text')
    .addColumn('triaged_at', ts)
    .addColumn('triage_note', 'text')
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('reports_value')
    .on('reports')
    .columns(['kind', 'canonical', 'status'])
    .execute();
  await db.schema.createIndex('reports_status').on('reports').columns(['status', 'created_at']).execute();

  await db.schema
    .createTable('settings')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();
  // The key of the reporter hash, made once per instance and never shown.
  await sql`insert into settings (name, value) values ('reporter_hash_key', ${randomBytes(32).toString('hex')})`.execute(
    db,
  );
}
