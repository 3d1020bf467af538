/** Content rule versions and the scanner's daily counts, on Kysely. */
import type { Kysely, Selectable } from 'kysely';
import type { Database, ScanRulesTable } from '../schema.js';
import type { ScanRepo, StoredRule } from '../store.js';

function toRule(r: Selectable<ScanRulesTable>): StoredRule {
  return {
    ruleId: r.rule_id,
    version: Number(r.version),
    changeSeq: Number(r.change_seq),
    body: r.body,
    deleted: Number(r.deleted) === 1,
    ownerOrgId: r.owner_org_id,
    authorUserId: r.author_user_id,
    createdAt: r.created_at,
  };
}

export function scanRepo(db: Kysely<Database>): ScanRepo {
  return {
    async insertRule(rule) {
      // The counter's row is held until commit, so change numbers follow commit order (as for indicators).
      const seq = await db
        .updateTable('counters')
        .set((eb) => ({ value: eb('value', '+', 1) }))
        .where('name', '=', 'scan_rule_changes')
        .returning('value')
        .executeTakeFirstOrThrow();
      const row = {
        rule_id: rule.ruleId,
        version: rule.version,
        change_seq: Number(seq.value),
        body: rule.body,
        deleted: rule.deleted ? 1 : 0,
        owner_org_id: rule.ownerOrgId,
        author_user_id: rule.authorUserId,
        created_at: rule.createdAt,
      };
      await db.insertInto('scan_rules').values(row).execute();
      return toRule(row);
    },
    async latestRules() {
      const rows = await db
        .selectFrom('scan_rules as r')
        .selectAll('r')
        .where((eb) =>
          eb(
            'r.version',
            '=',
            eb
              .selectFrom('scan_rules as v')
              .select((e) => e.fn.max('v.version').as('m'))
              .whereRef('v.rule_id', '=', 'r.rule_id'),
          ),
        )
        .orderBy('r.rule_id')
        .execute();
      return rows.map(toRule);
    },
    async ruleVersions(ruleId) {
      const rows = await db
        .selectFrom('scan_rules')
        .selectAll()
        .where('rule_id', '=', ruleId)
        .orderBy('version')
        .execute();
      return rows.map(toRule);
    },
    async lastRuleChange() {
      const r = await db
        .selectFrom('counters')
        .select('value')
        .where('name', '=', 'scan_rule_changes')
        .executeTakeFirstOrThrow();
      return Number(r.value);
    },
    async addCounts(counts) {
      // One row per key: PostgreSQL refuses an upsert that touches the same row twice.
      const merged = new Map<string, { day: string; org_id: string; name: string; count: number }>();
      for (const c of counts) {
        const key = `${c.day}\u0000${c.orgId}\u0000${c.name}`;
        const row = merged.get(key);
        if (row === undefined) merged.set(key, { day: c.day, org_id: c.orgId, name: c.name, count: c.count });
        else row.count += c.count;
      }
      if (merged.size === 0) return;
      await db
        .insertInto('scan_counts')
        .values([...merged.values()])
        .onConflict((oc) =>
          oc
            .columns(['day', 'org_id', 'name'])
            .doUpdateSet((eb) => ({ count: eb('scan_counts.count', '+', eb.ref('excluded.count')) })),
        )
        .execute();
    },
    async counts(filter) {
      let q = db
        .selectFrom('scan_counts')
        .selectAll()
        .where('day', '>=', filter.fromDay)
        .where('day', '<=', filter.toDay);
      if (filter.orgId !== undefined) q = q.where('org_id', '=', filter.orgId);
      const rows = await q.orderBy('day').orderBy('org_id').orderBy('name').execute();
      return rows.map((r) => ({ day: r.day, orgId: r.org_id, name: r.name, count: Number(r.count) }));
    },
  };
}
