/**
 * The STIX object store behind TAXII, on Kysely. Every read states the viewer's TLP rule in SQL (the rule
 * `visibilityRule` gives, as indicator-repo does), and chooses versions (`first`, `last`) among the
 * versions that viewer may see, so that pages, manifests and headers agree with `canSee` object by object.
 */
import { sql, type Kysely, type RawBuilder, type Selectable } from 'kysely';
import type { Tlp, VisibilityRule } from '../../core/sharing/tlp.js';
import { accessFromText, accessToText } from '../../core/taxii/collection.js';
import type {
  StatusDetail,
  StixQuery,
  StoredStixObject,
  TaxiiCollection,
  TaxiiStatus,
} from '../../core/taxii/records.js';
import type { Database, StixObjectsTable, TaxiiCollectionsTable, TaxiiStatusesTable } from '../schema.js';
import type { StoreDialect } from '../dialect.js';
import type { TaxiiRepo } from '../store.js';

function toCollection(r: Selectable<TaxiiCollectionsTable>): TaxiiCollection {
  return {
    id: r.id,
    title: r.title,
    description: r.description,
    alias: r.alias,
    read: accessFromText(r.read_access),
    write: accessFromText(r.write_access),
    defaultTlp: r.default_tlp as Tlp,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

function collectionColumns(c: TaxiiCollection) {
  return {
    id: c.id,
    title: c.title,
    description: c.description,
    alias: c.alias,
    read_access: accessToText(c.read),
    write_access: accessToText(c.write),
    default_tlp: c.defaultTlp,
    created_at: c.createdAt,
    updated_at: c.updatedAt,
  };
}

function toObject(r: Selectable<StixObjectsTable>): StoredStixObject {
  return {
    addedUs: Number(r.added_us),
    collectionId: r.collection_id,
    id: r.id,
    type: r.type,
    specVersion: r.spec_version,
    version: r.version,
    versionKey: r.version_key,
    orgId: r.org_id,
    tlp: r.tlp as Tlp,
    recipients: r.recipients.split(' ').filter((s) => s !== ''),
    digest: r.digest,
    json: r.json,
  };
}

function toStatus(r: Selectable<TaxiiStatusesTable>): TaxiiStatus {
  const d = JSON.parse(r.details) as {
    successes: StatusDetail[];
    failures: StatusDetail[];
    pendings: StatusDetail[];
  };
  return {
    id: r.id,
    orgId: r.org_id,
    userId: r.user_id,
    collectionId: r.collection_id,
    requestTimestamp: r.request_timestamp,
    status: r.status as TaxiiStatus['status'],
    successes: d.successes,
    failures: d.failures,
    pendings: d.pendings,
    createdAt: r.created_at,
  };
}

function objectRow(o: StoredStixObject) {
  return {
    added_us: o.addedUs,
    collection_id: o.collectionId,
    id: o.id,
    type: o.type,
    spec_version: o.specVersion,
    version: o.version,
    version_key: o.versionKey,
    org_id: o.orgId,
    tlp: o.tlp,
    recipients: ` ${o.recipients.map((r) => `${r} `).join('')}`,
    digest: o.digest,
    json: o.json,
  };
}

const and = (parts: readonly RawBuilder<boolean>[]): RawBuilder<boolean> =>
  parts.length === 0 ? sql<boolean>`1 = 1` : sql<boolean>`(${sql.join(parts, sql` and `)})`;

/** The TLP rule on table alias `a`: the level is one the viewer sees, or it owns the object, or is named. */
function visible(a: string, v: VisibilityRule): RawBuilder<boolean>[] {
  if (v.everything) return [];
  const any: RawBuilder<boolean>[] = [];
  if (v.levels.length > 0) any.push(sql<boolean>`${sql.ref(`${a}.tlp`)} in (${sql.join([...v.levels])})`);
  if (v.ownOrgId !== undefined && v.ownOrgId !== '') {
    any.push(sql<boolean>`${sql.ref(`${a}.org_id`)} = ${v.ownOrgId}`);
  }
  if (v.amberOwners.length > 0) {
    any.push(
      sql<boolean>`(${sql.ref(`${a}.tlp`)} = 'amber' and ${sql.ref(`${a}.org_id`)} in (${sql.join([...v.amberOwners])}))`,
    );
  }
  for (const k of v.recipientKeys) any.push(sql<boolean>`${sql.ref(`${a}.recipients`)} like ${`% ${k} %`}`);
  return [any.length === 0 ? sql<boolean>`1 = 0` : sql<boolean>`(${sql.join(any, sql` or `)})`];
}

/** What a version must satisfy to count at all, including when it competes to be the first or last. */
function eligible(a: string, q: StixQuery): RawBuilder<boolean>[] {
  const parts = visible(a, q.visibility);
  if (q.specVersions !== undefined)
    parts.push(sql<boolean>`${sql.ref(`${a}.spec_version`)} in (${sql.join([...q.specVersions])})`);
  if (q.addedAfterUs !== undefined) parts.push(sql<boolean>`${sql.ref(`${a}.added_us`)} > ${q.addedAfterUs}`);
  return parts;
}

/**
 * `last` (`first`): no version the viewer may see (and that passes the other filters) is later (earlier).
 * A row flagged `is_last` (`is_first`) has no later (earlier) version at all, so it passes without the
 * search for one; the flags only spare work (migration 0008), the search alone decides for the others.
 */
function versionRule(q: StixQuery): RawBuilder<boolean>[] {
  const v = q.versions;
  if (v.all) return [];
  const rival = (op: '>' | '<', flag: 'o.is_last' | 'o.is_first') =>
    sql<boolean>`(${sql.ref(flag)} = 1 or not exists (select 1 from stix_objects o2 where o2.collection_id = o.collection_id and o2.id = o.id and o2.version_key ${sql.raw(op)} o.version_key and ${and(eligible('o2', q))}))`;
  const any: RawBuilder<boolean>[] = [];
  if (v.last) any.push(rival('>', 'o.is_last'));
  if (v.first) any.push(rival('<', 'o.is_first'));
  if (v.keys.length > 0) any.push(sql<boolean>`o.version_key in (${sql.join([...v.keys])})`);
  return [any.length === 0 ? sql<boolean>`1 = 0` : sql<boolean>`(${sql.join(any, sql` or `)})`];
}

function where(q: StixQuery): RawBuilder<boolean> {
  const parts = [sql<boolean>`o.collection_id = ${q.collectionId}`, ...eligible('o', q)];
  if (q.ids !== undefined) parts.push(sql<boolean>`o.id in (${sql.join([...q.ids])})`);
  if (q.types !== undefined) parts.push(sql<boolean>`o.type in (${sql.join([...q.types])})`);
  parts.push(...versionRule(q));
  if (q.afterUs !== undefined) parts.push(sql<boolean>`o.added_us > ${q.afterUs}`);
  return and(parts);
}

/**
 * Date-added order for a read by object ids. The unary plus keeps SQLite from walking the whole collection in
 * `(collection_id, added_us)` order to avoid a sort (its choice on a database never ANALYZEd), when the few
 * rows of the ids asked for are found at once through the `(collection_id, id, …)` unique index and sorted.
 */
const BY_ADDED_FOR_IDS = sql`+o.added_us`;

/** Ids per statement when flags are refreshed: well under every database's limit on parameters. */
const IDS_PER_STATEMENT = 500;

/** `insertRows`, when given, is the dialect's fast insert (only inside a transaction). */
export function taxiiRepo(db: Kysely<Database>, insertRows?: StoreDialect['insertRows']): TaxiiRepo {
  /** Sets `is_last` and `is_first` of every version of `ids` from the versions stored now. */
  const refreshEnds = async (collectionId: string, ids: readonly string[]) => {
    for (let i = 0; i < ids.length; i += IDS_PER_STATEMENT) {
      const some = ids.slice(i, i + IDS_PER_STATEMENT);
      await sql`update stix_objects set
          is_last = case when exists (select 1 from stix_objects o2 where o2.collection_id = stix_objects.collection_id
            and o2.id = stix_objects.id and o2.version_key > stix_objects.version_key) then 0 else 1 end,
          is_first = case when exists (select 1 from stix_objects o2 where o2.collection_id = stix_objects.collection_id
            and o2.id = stix_objects.id and o2.version_key < stix_objects.version_key) then 0 else 1 end
        where collection_id = ${collectionId} and id in (${sql.join(some)})`.execute(db);
    }
  };
  /**
   * After an insert: new rows start flagged both first and last, which is true of an object's only version;
   * the objects that now have several are refreshed (one index probe per id finds them).
   */
  const afterInsert = async (objects: readonly StoredStixObject[]) => {
    const byCollection = new Map<string, Set<string>>();
    for (const o of objects) {
      const ids = byCollection.get(o.collectionId) ?? new Set<string>();
      ids.add(o.id);
      byCollection.set(o.collectionId, ids);
    }
    for (const [collectionId, idSet] of byCollection) {
      const ids = [...idSet];
      for (let i = 0; i < ids.length; i += IDS_PER_STATEMENT) {
        const rows = await db
          .selectFrom('stix_objects')
          .select('id')
          .where('collection_id', '=', collectionId)
          .where('id', 'in', ids.slice(i, i + IDS_PER_STATEMENT))
          .groupBy('id')
          .having(sql<boolean>`count(*) > 1`)
          .execute();
        if (rows.length > 0)
          await refreshEnds(
            collectionId,
            rows.map((r) => r.id),
          );
      }
    }
  };
  return {
    async insertCollection(c) {
      await db.insertInto('taxii_collections').values(collectionColumns(c)).execute();
    },
    async updateCollection(c) {
      const { id: _id, created_at: _c, ...set } = collectionColumns(c);
      await db.updateTable('taxii_collections').set(set).where('id', '=', c.id).execute();
    },
    async getCollection(id) {
      const r = await db.selectFrom('taxii_collections').selectAll().where('id', '=', id).executeTakeFirst();
      return r && toCollection(r);
    },
    async listCollections() {
      const rows = await db
        .selectFrom('taxii_collections')
        .selectAll()
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      return rows.map(toCollection);
    },
    async reserveAdded(n, nowUs) {
      const floor = nowUs + n - 1;
      const r = await db
        .updateTable('counters')
        .set({
          value: sql<number>`case when value + ${n} > cast(${floor} as bigint) then value + ${n} else cast(${floor} as bigint) end`,
        })
        .where('name', '=', 'stix_added_us')
        .returning('value')
        .executeTakeFirstOrThrow();
      return Number(r.value) - n + 1;
    },
    async insertObject(o) {
      await db.insertInto('stix_objects').values(objectRow(o)).execute();
      await afterInsert([o]);
    },
    async insertObjects(objects) {
      if (insertRows !== undefined) {
        insertRows('stix_objects', objects.map(objectRow));
        await afterInsert(objects);
        return;
      }
      // 12 values a row: 400 rows stay under every database's limit on parameters.
      for (let i = 0; i < objects.length; i += 400) {
        await db
          .insertInto('stix_objects')
          .values(objects.slice(i, i + 400).map(objectRow))
          .execute();
      }
      await afterInsert(objects);
    },
    async versionsOf(collectionId, id, visibility) {
      const rows = await db
        .selectFrom('stix_objects as o')
        .selectAll('o')
        .where(
          and([
            sql<boolean>`o.collection_id = ${collectionId}`,
            sql<boolean>`o.id = ${id}`,
            ...visible('o', visibility),
          ]),
        )
        .orderBy(BY_ADDED_FOR_IDS)
        .execute();
      return rows.map(toObject);
    },
    async query(q, limit) {
      const rows = await db
        .selectFrom('stix_objects as o')
        .selectAll('o')
        .where(where(q))
        .orderBy(q.ids === undefined ? sql`o.added_us` : BY_ADDED_FOR_IDS)
        .limit(limit)
        .execute();
      return rows.map(toObject);
    },
    async queryTexts(q, limit) {
      const rows = await db
        .selectFrom('stix_objects as o')
        .select(['o.added_us', 'o.id', 'o.type', 'o.json'])
        .where(where(q))
        .orderBy(q.ids === undefined ? sql`o.added_us` : BY_ADDED_FOR_IDS)
        .limit(limit)
        .execute();
      return rows.map((r) => ({ addedUs: Number(r.added_us), id: r.id, type: r.type, json: r.json }));
    },
    async deleteObjects(collectionId, addedUs) {
      if (addedUs.length === 0) return 0;
      // Writers queue on the counter that dates additions (as inserts do), so that the flags refreshed below
      // see every version another writer is adding.
      await db
        .updateTable('counters')
        .set((eb) => ({ value: eb.ref('value') }))
        .where('name', '=', 'stix_added_us')
        .execute();
      let deleted = 0;
      const ids = new Set<string>();
      for (let i = 0; i < addedUs.length; i += IDS_PER_STATEMENT) {
        const some = addedUs.slice(i, i + IDS_PER_STATEMENT);
        const rows = await db
          .selectFrom('stix_objects')
          .select('id')
          .where('collection_id', '=', collectionId)
          .where('added_us', 'in', some)
          .execute();
        for (const r of rows) ids.add(r.id);
        const r = await db
          .deleteFrom('stix_objects')
          .where('collection_id', '=', collectionId)
          .where('added_us', 'in', some)
          .executeTakeFirst();
        deleted += Number(r.numDeletedRows);
      }
      await refreshEnds(collectionId, [...ids]);
      return deleted;
    },
    async insertStatus(s) {
      await db
        .insertInto('taxii_statuses')
        .values({
          id: s.id,
          org_id: s.orgId,
          user_id: s.userId,
          collection_id: s.collectionId,
          request_timestamp: s.requestTimestamp,
          status: s.status,
          total_count: s.successes.length + s.failures.length + s.pendings.length,
          success_count: s.successes.length,
          failure_count: s.failures.length,
          pending_count: s.pendings.length,
          details: JSON.stringify({ successes: s.successes, failures: s.failures, pendings: s.pendings }),
          created_at: s.createdAt,
        })
        .execute();
    },
    async getStatus(id) {
      const r = await db.selectFrom('taxii_statuses').selectAll().where('id', '=', id).executeTakeFirst();
      return r && toStatus(r);
    },
    async purgeStatuses(before) {
      const r = await db.deleteFrom('taxii_statuses').where('created_at', '<', before).executeTakeFirst();
      return Number(r.numDeletedRows);
    },
  };
}
