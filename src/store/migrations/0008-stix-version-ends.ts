/**
 * Which stored versions are an object's newest and oldest, kept as flags on the row, so that a page of
 * `match[version]=last` (TAXII's default) or `first` need not look for a newer (older) version row by row.
 *
 * `is_last` is 1 when no version of the same object in the same collection has a later `version_key`, whoever
 * owns it and whatever its TLP; `is_first` the same with an earlier one. A version flagged so is the viewer's
 * last (first) whenever the viewer may see it and it passes the other filters; a version not flagged is
 * still checked against the versions that viewer may see (stix-repo.ts), so the flags only ever spare work
 * and never change an answer. The store keeps them on every insert and delete, under the `stix_added_us`
 * counter's lock (taken by every writer), so that two writers cannot each miss the other's version.
 */
import { sql, type Kysely } from 'kysely';
import type { StoreDialect } from '../dialect.js';

export async function up(db: Kysely<unknown>, _types: StoreDialect['types']): Promise<void> {
  await db.schema
    .alterTable('stix_objects')
    .addColumn('is_last', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .alterTable('stix_objects')
    .addColumn('is_first', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await sql`update stix_objects set
      is_last = case when exists (select 1 from stix_objects o2 where o2.collection_id = stix_objects.collection_id
        and o2.id = stix_objects.id and o2.version_key > stix_objects.version_key) then 0 else 1 end,
      is_first = case when exists (select 1 from stix_objects o2 where o2.collection_id = stix_objects.collection_id
        and o2.id = stix_objects.id and o2.version_key < stix_objects.version_key) then 0 else 1 end`.execute(
    db,
  );
}
