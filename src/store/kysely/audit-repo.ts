/** The audit chain on Kysely. */
import type { Kysely } from 'kysely';
import { chainEntry, type AuditEntry } from '../../core/audit/audit-entry.js';
import type { StoreDialect } from '../dialect.js';
import type { AuditRepo } from '../store.js';
import type { Database } from '../schema.js';
import { toAuditEntry } from './rows.js';

const PAGE = 1000;

/** Rows a multi-row insert carries: 11 values each, well under every database's limit on parameters. */
const INSERT_ROWS = 500;

function row(entry: AuditEntry) {
  return {
    seq: entry.seq,
    at: entry.at,
    actor_user_id: entry.actorUserId,
    actor_org_id: entry.actorOrgId,
    action: entry.action,
    object_type: entry.objectType,
    object_id: entry.objectId,
    before_digest: entry.beforeDigest,
    after_digest: entry.afterDigest,
    prev_hash: entry.prevHash,
    hash: entry.hash,
  };
}

/** `insertRows`, when given, is the dialect's fast insert (only inside a transaction). */
export function auditRepo(db: Kysely<Database>, insertRows?: StoreDialect['insertRows']): AuditRepo {
  return {
    async appendMany(events, at) {
      if (events.length === 0) return [];
      // The head is taken for all of them at once, with the same lock `append` takes.
      const head = await db
        .updateTable('audit_head')
        .set((eb) => ({ seq: eb('seq', '+', events.length) }))
        .where('id', '=', 1)
        .returning(['seq', 'hash'])
        .executeTakeFirstOrThrow();
      let prev = { seq: Number(head.seq) - events.length, hash: head.hash };
      const entries = events.map((event) => {
        const entry = chainEntry(event, prev, at);
        prev = { seq: entry.seq, hash: entry.hash };
        return entry;
      });
      if (insertRows !== undefined) insertRows('audit_log', entries.map(row));
      else
        for (let i = 0; i < entries.length; i += INSERT_ROWS) {
          await db
            .insertInto('audit_log')
            .values(entries.slice(i, i + INSERT_ROWS).map(row))
            .execute();
        }
      await db.updateTable('audit_head').set({ hash: prev.hash }).where('id', '=', 1).execute();
      return entries;
    },
    async append(event, at) {
      // Taking the head with an UPDATE locks it until the transaction ends: concurrent appenders on other
      // nodes wait here instead of forking the chain.
      const head = await db
        .updateTable('audit_head')
        .set((eb) => ({ seq: eb('seq', '+', 1) }))
        .where('id', '=', 1)
        .returning(['seq', 'hash'])
        .executeTakeFirstOrThrow();
      const entry = chainEntry(event, { seq: Number(head.seq) - 1, hash: head.hash }, at);
      await db.insertInto('audit_log').values(row(entry)).execute();
      await db.updateTable('audit_head').set({ hash: entry.hash }).where('id', '=', 1).execute();
      return entry;
    },
    async *entries(afterSeq = 0) {
      let last = afterSeq;
      for (;;) {
        const rows = await db
          .selectFrom('audit_log')
          .selectAll()
          .where('seq', '>', last)
          .orderBy('seq')
          .limit(PAGE)
          .execute();
        for (const r of rows) yield toAuditEntry(r);
        if (rows.length < PAGE) return;
        last = Number(rows[rows.length - 1]!.seq);
      }
    },
    async head() {
      const r = await db
        .selectFrom('audit_head')
        .select(['seq', 'hash'])
        .where('id', '=', 1)
        .executeTakeFirstOrThrow();
      return { seq: Number(r.seq), hash: r.hash };
    },
    async list(page) {
      const rows = await db
        .selectFrom('audit_log')
        .selectAll()
        .orderBy('seq', 'desc')
        .limit(page.limit)
        .offset(page.offset)
        .execute();
      return rows.map(toAuditEntry);
    },
  };
}
