/** Content rules as analysts edit them (every version kept), and the scanner's daily counts. */
import { sql, type Kysely } from 'kysely';
import type { StoreDialect } from '../dialect.js';

export async function up(db: Kysely<unknown>, types: StoreDialect['types']): Promise<void> {
  const ts = sql.raw(types.timestamp);
  const big = sql.raw(types.bigint);

  // One row per version of a rule; the highest version is the rule in force. A deleted rule keeps its
  // history and ends with a tombstone version. Starter rules live in code and are overridden by id.
  await db.schema
    .createTable('scan_rules')
    .addColumn('rule_id', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('change_seq', big, (c) => c.notNull())
    // The rule as JSON (core/scan/rules/rule.ts), without its id and version.
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('deleted', 'integer', (c) => c.notNull())
    .addColumn('owner_org_id', 'text', (c) => c.notNull())
    .addColumn('author_user_id', 'text')
    .addColumn('created_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('scan_rules_pk', ['rule_id', 'version'])
    .execute();
  await sql`insert into counters (name, value) values ('scan_rule_changes', 0)`.execute(db);

  // Messages scanned, flagged, per verdict and per category: one row per day, organization and name.
  await db.schema
    .createTable('scan_counts')
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('count', big, (c) => c.notNull())
    .addPrimaryKeyConstraint('scan_counts_pk', ['day', 'org_id', 'name'])
    .execute();
}
