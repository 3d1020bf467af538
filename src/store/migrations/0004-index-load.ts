/**
 * A covering index for loading the in-memory index: the start-up scan reads these few columns of every row
 * from the index alone, without touching the wide rows (descriptions, timestamps, ids).
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('indicators_index_load')
    .on('indicators')
    .columns(['num', 'revoked_at', 'kind', 'keys', 'canonical'])
    .execute();
}
