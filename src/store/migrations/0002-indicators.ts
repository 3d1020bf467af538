/** Indicators, and the change counter that lets every node follow changes made elsewhere. */
import { sql, type Kysely } from 'kysely';
import type { StoreDialect } from '../dialect.js';

export async function up(db: Kysely<unknown>, types: StoreDialect['types']): Promise<void> {
  const ts = sql.raw(types.timestamp);
  const big = sql.raw(types.bigint);

  await db.schema
    .createTable('indicators')
    .addColumn('num', big, (c) =>
      types.bigint === 'bigint' ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey(),
    )
    .addColumn('id', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('canonical', 'text', (c) => c.notNull())
    // The index keys, space-separated, so that loading the index needs no re-parsing.
    .addColumn('keys', 'text', (c) => c.notNull())
    .addColumn('categories', 'text', (c) => c.notNull())
    .addColumn('confidence', 'integer', (c) => c.notNull())
    .addColumn('source_org_id', 'text', (c) => c.notNull().references('orgs.id'))
    .addColumn('created_by', 'text')
    .addColumn('tlp', 'text', (c) => c.notNull())
    .addColumn('valid_from', ts, (c) => c.notNull())
    .addColumn('valid_until', ts)
    .addColumn('first_seen', ts)
    .addColumn('last_seen', ts)
    .addColumn('description', 'text')
    .addColumn('revoked_at', ts)
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addColumn('change_seq', big, (c) => c.notNull())
    .addUniqueConstraint('indicators_source_value', ['kind', 'canonical', 'source_org_id'])
    .execute();
  await db.schema.createIndex('indicators_canonical').on('indicators').column('canonical').execute();
  await db.schema.createIndex('indicators_change_seq').on('indicators').column('change_seq').execute();
  await db.schema
    .createIndex('indicators_source')
    .on('indicators')
    .columns(['source_org_id', 'num'])
    .execute();

  // Named counters, taken with UPDATE … RETURNING inside the writing transaction: writers queue on the row,
  // so sequence numbers are handed out in commit order and a follower reading "> last seen" misses nothing.
  await db.schema
    .createTable('counters')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('value', big, (c) => c.notNull())
    .execute();
  await sql`insert into counters (name, value) values ('indicator_changes', 0)`.execute(db);
}
