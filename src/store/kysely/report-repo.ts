/** Citizen reports on Kysely. */
import type { ExpressionBuilder, Kysely, Selectable } from 'kysely';
import type { ObservableKind } from '../../core/observables/observable.js';
import type { Channel, Report, ReportStatus } from '../../core/reports/report.js';
import type { Database, ReportsTable } from '../schema.js';
import type { ReportRepo } from '../store.js';

function toReport(r: Selectable<ReportsTable>): Report {
  return {
    id: r.id,
    kind: r.kind as ObservableKind,
    value: r.value,
    canonical: r.canonical,
    channel: r.channel as Channel,
    description: r.description,
    contact: r.contact,
    occurredAt: r.occurred_at,
    reporter: r.reporter,
    reporterOrgId: r.reporter_org_id,
    status: r.status as ReportStatus,
    indicatorId: r.indicator_id,
    triagedBy: r.triaged_by,
    triagedAt: r.triaged_at,
    triageNote: r.triage_note,
    createdAt: r.created_at,
  };
}

type Filter = {
  status?: ReportStatus | undefined;
  kind?: ObservableKind | undefined;
  canonical?: string | undefined;
};

function where(f: Filter) {
  return (eb: ExpressionBuilder<Database, 'reports'>) => {
    const parts = [];
    if (f.status !== undefined) parts.push(eb('status', '=', f.status));
    if (f.kind !== undefined) parts.push(eb('kind', '=', f.kind));
    if (f.canonical !== undefined) parts.push(eb('canonical', '=', f.canonical));
    return eb.and(parts);
  };
}

export function reportRepo(db: Kysely<Database>): ReportRepo {
  return {
    async insert(r) {
      await db
        .insertInto('reports')
        .values({
          id: r.id,
          kind: r.kind,
          value: r.value,
          canonical: r.canonical,
          channel: r.channel,
          description: r.description,
          contact: r.contact,
          occurred_at: r.occurredAt,
          reporter: r.reporter,
          reporter_org_id: r.reporterOrgId,
          status: r.status,
          indicator_id: r.indicatorId,
          triaged_by: r.triagedBy,
          triaged_at: r.triagedAt,
          triage_note: r.triageNote,
          created_at: r.createdAt,
        })
        .execute();
    },
    async get(id) {
      const r = await db.selectFrom('reports').selectAll().where('id', '=', id).executeTakeFirst();
      return r && toReport(r);
    },
    async list(filter, page) {
      const rows = await db
        .selectFrom('reports')
        .selectAll()
        .where(where(filter))
        .orderBy('created_at', 'desc')
        .orderBy('id')
        .limit(page.limit)
        .offset(page.offset)
        .execute();
      return rows.map(toReport);
    },
    async count(filter) {
      const r = await db
        .selectFrom('reports')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where(where(filter))
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },
    async triage(target, o) {
      let q = db
        .updateTable('reports')
        .set({
          status: o.status,
          indicator_id: o.indicatorId,
          triaged_by: o.by,
          triaged_at: o.at,
          triage_note: o.note,
        })
        .where('status', '=', 'pending');
      q =
        'id' in target
          ? q.where('id', '=', target.id)
          : q.where('kind', '=', target.kind).where('canonical', '=', target.canonical);
      const rows = await q.returning('id').execute();
      return rows.map((r) => r.id);
    },
    async pendingTally() {
      const rows = await db
        .selectFrom('reports')
        .select(['kind', 'canonical', (eb) => eb.fn.count<number>('reporter').distinct().as('n')])
        .where('status', '=', 'pending')
        .groupBy(['kind', 'canonical'])
        .execute();
      return rows.map((r) => ({
        kind: r.kind as ObservableKind,
        canonical: r.canonical,
        reporters: Number(r.n),
      }));
    },
    async setting(name) {
      const r = await db.selectFrom('settings').select('value').where('name', '=', name).executeTakeFirst();
      return r?.value;
    },
  };
}
