/**
 * The STIX object store behind the TAXII 2.1 server: collections and who may read and write them, every
 * version of every object a collection holds (with the TLP that decides who sees it), and the status
 * resources of POSTs. One default collection is made here, so that a new or upgraded instance can share
 * at once; the operating centre's admins change it or add others through the API.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { StoreDialect } from '../dialect.js';

export async function up(db: Kysely<unknown>, types: StoreDialect['types']): Promise<void> {
  const ts = sql.raw(types.timestamp);
  const big = sql.raw(types.bigint);

  await db.schema
    .createTable('taxii_collections')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('alias', 'text', (c) => c.unique())
    // 'members', 'operator', or a JSON array of organization ids (the operating centre always may).
    .addColumn('read_access', 'text', (c) => c.notNull())
    .addColumn('write_access', 'text', (c) => c.notNull())
    // The TLP of objects that carry no TLP marking.
    .addColumn('default_tlp', 'text', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('stix_objects')
    // When the version was added, in microseconds since 1970: unique and increasing in commit order
    // (taken from the `stix_added_us` counter inside the writing transaction). TAXII's `date_added`.
    .addColumn('added_us', big, (c) => c.primaryKey())
    .addColumn('collection_id', 'text', (c) => c.notNull().references('taxii_collections.id'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('spec_version', 'text', (c) => c.notNull())
    // `modified`, else `created`, else the date added, as written; `version_key` the same with nine
    // fractional digits, so that text order is time order and `.1Z` equals `.100Z`.
    .addColumn('version', 'text', (c) => c.notNull())
    .addColumn('version_key', 'text', (c) => c.notNull())
    .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id'))
    .addColumn('tlp', 'text', (c) => c.notNull())
    // Organizations named as recipients, each followed by a space and the list led by one: ' a b '.
    .addColumn('recipients', 'text', (c) => c.notNull())
    // SHA-256 of the object's canonical JSON: a repeat of an unversioned object is found by it.
    .addColumn('digest', 'text', (c) => c.notNull())
    .addColumn('json', 'text', (c) => c.notNull())
    .addUniqueConstraint('stix_objects_version', ['collection_id', 'id', 'version_key', 'org_id'])
    .execute();
  await db.schema
    .createIndex('stix_objects_collection_added')
    .on('stix_objects')
    .columns(['collection_id', 'added_us'])
    .execute();
  await db.schema
    .createIndex('stix_objects_collection_type')
    .on('stix_objects')
    .columns(['collection_id', 'type', 'added_us'])
    .execute();

  await db.schema
    .createTable('taxii_statuses')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text')
    .addColumn('collection_id', 'text', (c) => c.notNull())
    .addColumn('request_timestamp', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('total_count', 'integer', (c) => c.notNull())
    .addColumn('success_count', 'integer', (c) => c.notNull())
    .addColumn('failure_count', 'integer', (c) => c.notNull())
    .addColumn('pending_count', 'integer', (c) => c.notNull())
    // JSON: { successes, failures, pendings }, each a list of { id, version, message? }.
    .addColumn('details', 'text', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('taxii_statuses_created').on('taxii_statuses').column('created_at').execute();

  await sql`insert into counters (name, value) values ('stix_added_us', 0)`.execute(db);
  // The key that signs TAXII pagination tokens, made once per instance and never shown.
  await sql`insert into settings (name, value) values ('taxii_cursor_key', ${randomBytes(32).toString('hex')})`.execute(
    db,
  );
  const now = new Date().toISOString();
  await sql`insert into taxii_collections (id, title, description, alias, read_access, write_access, default_tlp, created_at, updated_at)
    values (${randomUUID()}, ${'Tocsin shared intelligence'}, ${'Every member organization may read and write; objects without a TLP marking are TLP:AMBER.'}, ${'shared'}, ${'members'}, ${'members'}, ${'amber'}, ${now}, ${now})`.execute(
    db,
  );
}
