/**
 * Sharing beyond TLP levels: the clients or constituents an organization names (its AMBER reaches them),
 * sharing groups and their members, and the recipients an indicator names.
 */
import { sql, type Kysely } from 'kysely';
import type { StoreDialect } from '../dialect.js';

export async function up(db: Kysely<unknown>, types: StoreDialect['types']): Promise<void> {
  const ts = sql.raw(types.timestamp);
  await db.schema
    .createTable('org_clients')
    .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id'))
    .addColumn('client_org_id', 'text', (c) => c.notNull().references('orgs.id'))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('org_clients_pk', ['org_id', 'client_org_id'])
    .execute();
  await db.schema.createIndex('org_clients_client').on('org_clients').column('client_org_id').execute();

  await db.schema
    .createTable('sharing_groups')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('sharing_group_members')
    .addColumn('group_id', 'text', (c) => c.notNull().references('sharing_groups.id'))
    .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id'))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('sharing_group_members_pk', ['group_id', 'org_id'])
    .execute();
  await db.schema
    .createIndex('sharing_group_members_org')
    .on('sharing_group_members')
    .column('org_id')
    .execute();

  // Space-separated with a space at each end (' a group:g '), so that `like '% a %'` finds one exactly.
  await db.schema
    .alterTable('indicators')
    .addColumn('recipients', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
}
