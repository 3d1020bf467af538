/** Indicators on Kysely. */
import { sql, type ExpressionBuilder, type Kysely, type Selectable } from 'kysely';
import type { Indicator } from '../../core/indicators/indicator.js';
import type { ObservableKind } from '../../core/observables/observable.js';
import type { Database, IndicatorsTable } from '../schema.js';
import type { StoreDialect } from '../dialect.js';
import { indicatorFromValues, keyedIndicatorFromValues, type IndicatorValues } from '../indicator-values.js';
import type {
  IndicatorChange,
  IndicatorFilter,
  IndicatorKeys,
  IndicatorRepo,
  IndicatorRow,
} from '../store.js';

/** A row as Kysely reads it, as the dialect's fast read answers it (so both are mapped by one function). */
function valuesOf(r: Selectable<IndicatorsTable>): IndicatorValues {
  return [
    r.num,
    r.id,
    r.kind,
    r.value,
    r.canonical,
    r.categories,
    r.confidence,
    r.source_org_id,
    r.created_by,
    r.tlp,
    r.recipients,
    r.valid_from,
    r.valid_until,
    r.first_seen,
    r.last_seen,
    r.description,
    r.revoked_at,
    r.created_at,
    r.updated_at,
    r.keys,
  ];
}

function toIndicator(r: Selectable<IndicatorsTable>): Indicator {
  return indicatorFromValues(valuesOf(r));
}

function columns(i: Omit<IndicatorRow, 'keys'>, changeSeq: number) {
  return {
    id: i.id,
    kind: i.kind,
    value: i.value,
    canonical: i.canonical,
    categories: JSON.stringify(i.categories),
    confidence: i.confidence,
    source_org_id: i.sourceOrgId,
    created_by: i.createdBy,
    tlp: i.tlp,
    recipients: i.recipients.length === 0 ? '' : ` ${i.recipients.join(' ')} `,
    valid_from: i.validFrom,
    valid_until: i.validUntil,
    first_seen: i.firstSeen,
    last_seen: i.lastSeen,
    description: i.description,
    revoked_at: i.revokedAt,
    created_at: i.createdAt,
    updated_at: i.updatedAt,
    change_seq: changeSeq,
  };
}

/** The filter as SQL, TLP included: the same rule `canSee` applies, so pages and counts agree with it. */
function where(f: IndicatorFilter) {
  return (eb: ExpressionBuilder<Database, 'indicators'>) => {
    const parts = [];
    if (f.kind !== undefined) parts.push(eb('kind', '=', f.kind));
    if (f.canonical !== undefined) parts.push(eb('canonical', '=', f.canonical));
    if (f.sourceOrgId !== undefined) parts.push(eb('source_org_id', '=', f.sourceOrgId));
    if (f.belowNum !== undefined) parts.push(eb('num', '<', f.belowNum));
    if (f.category !== undefined) parts.push(eb('categories', 'like', `%"${f.category}"%`));
    if (f.contains !== undefined) {
      // Case-folded on both sides (SQLite's LIKE folds ASCII case, PostgreSQL's does not), wildcards escaped.
      const pattern = `%${f.contains.toLowerCase().replace(/[\\%_]/g, (c) => '\\' + c)}%`;
      parts.push(sql<boolean>`lower(canonical) like ${pattern} escape '\\'`);
    }
    const status = f.status ?? 'active';
    if (status === 'active') {
      parts.push(
        eb('revoked_at', 'is', null),
        eb('valid_from', '<=', f.now),
        eb.or([eb('valid_until', 'is', null), eb('valid_until', '>', f.now)]),
      );
    } else if (status === 'revoked') {
      parts.push(eb('revoked_at', 'is not', null));
    }
    const v = f.visibility;
    if (!v.everything) {
      const visible = [eb('tlp', 'in', [...v.levels])];
      if (v.ownOrgId !== undefined) visible.push(eb('source_org_id', '=', v.ownOrgId));
      if (v.amberOwners.length > 0)
        visible.push(eb.and([eb('tlp', '=', 'amber'), eb('source_org_id', 'in', [...v.amberOwners])]));
      for (const k of v.recipientKeys) visible.push(eb('recipients', 'like', `% ${k} %`));
      parts.push(eb.or(visible));
    }
    return eb.and(parts);
  };
}

type ChangeRow = Pick<
  Selectable<IndicatorsTable>,
  'change_seq' | 'num' | 'kind' | 'canonical' | 'keys' | 'revoked_at' | 'valid_from' | 'valid_until'
>;

function toChange(r: ChangeRow): IndicatorChange {
  return {
    changeSeq: Number(r.change_seq),
    num: Number(r.num),
    kind: r.kind as ObservableKind,
    canonical: r.canonical,
    keys: r.keys === '' ? [] : r.keys.split(' '),
    revokedAt: r.revoked_at,
    validFrom: r.valid_from,
    validUntil: r.valid_until,
  };
}

const SCAN_BATCH = 20_000;

/**
 * The source organization, written so that no index can serve it: a lookup by value must go through the
 * `canonical` index. Left to itself, SQLite (never ANALYZEd) prefers the `(source_org_id, num)` index for the
 * equality and walks every indicator of the source for each lookup: an import became quadratic.
 */
const SOURCE_NOT_INDEXED = sql<string>`source_org_id || ''`;
/** Rows (or values) a multi-row statement carries. */
const INSERT_ROWS = 500;

/** `insertRows`, when given, is the dialect's fast insert (only inside a transaction). */
export function indicatorRepo(
  db: Kysely<Database>,
  scanRows?: StoreDialect['scanIndicatorRows'],
  rowsByNums?: StoreDialect['indicatorRowsByNums'],
  insertRows?: StoreDialect['insertRows'],
): IndicatorRepo {
  /** The next change number; the UPDATE holds the counter's row until commit, so numbers follow commit order. */
  const nextChangeSeq = async () => {
    const r = await db
      .updateTable('counters')
      .set((eb) => ({ value: eb('value', '+', 1) }))
      .where('name', '=', 'indicator_changes')
      .returning('value')
      .executeTakeFirstOrThrow();
    return Number(r.value);
  };
  return {
    async insert(row) {
      const seq = await nextChangeSeq();
      const r = await db
        .insertInto('indicators')
        .values({ ...columns(row, seq), keys: row.keys.join(' ') })
        .returning('num')
        .executeTakeFirstOrThrow();
      const { keys: _keys, ...rest } = row;
      return { ...rest, num: Number(r.num) };
    },
    async insertMany(rows) {
      const out: Indicator[] = [];
      // 20 values a row: 500 rows stay under every database's limit on parameters.
      for (let i = 0; i < rows.length; i += INSERT_ROWS) {
        const some = rows.slice(i, i + INSERT_ROWS);
        // One step of the counter for the lot: numbers first..last, in the order given.
        const r = await db
          .updateTable('counters')
          .set((eb) => ({ value: eb('value', '+', some.length) }))
          .where('name', '=', 'indicator_changes')
          .returning('value')
          .executeTakeFirstOrThrow();
        const first = Number(r.value) - some.length + 1;
        const values = some.map((row, k) => ({ ...columns(row, first + k), keys: row.keys.join(' ') }));
        // Each row's number: its rowid from the fast insert, in order; else RETURNING's, which promises no
        // order, matched by id.
        let numOf: (row: IndicatorRow, k: number) => number | undefined;
        if (insertRows !== undefined) {
          const nums = insertRows('indicators', values);
          numOf = (_row, k) => nums[k];
        } else {
          const made = await db.insertInto('indicators').values(values).returning(['id', 'num']).execute();
          const nums = new Map(made.map((m) => [m.id, Number(m.num)]));
          numOf = (row) => nums.get(row.id);
        }
        some.forEach((row, k) => {
          const { keys: _keys, ...rest } = row;
          const num = numOf(row, k);
          if (num === undefined) throw new Error(`indicator ${row.id} was not inserted`);
          out.push({ ...rest, num });
        });
      }
      return out;
    },
    async update(row) {
      const seq = await nextChangeSeq();
      const { id: _id, created_at: _c, ...set } = columns(row, seq);
      await db
        .updateTable('indicators')
        .set(row.keys === undefined ? set : { ...set, keys: row.keys.join(' ') })
        .where('id', '=', row.id)
        .execute();
    },
    async get(id) {
      const r = await db.selectFrom('indicators').selectAll().where('id', '=', id).executeTakeFirst();
      return r && toIndicator(r);
    },
    async findBySource(kind, canonical, sourceOrgId) {
      const r = await db
        .selectFrom('indicators')
        .selectAll()
        .where('kind', '=', kind)
        .where('canonical', '=', canonical)
        .where(SOURCE_NOT_INDEXED, '=', sourceOrgId)
        .executeTakeFirst();
      return r && toIndicator(r);
    },
    async findBySources(values, sourceOrgId) {
      const wanted = new Set(values.map((v) => `${v.kind}\n${v.canonical}`));
      const canonicals = [...new Set(values.map((v) => v.canonical))];
      const found = new Map<string, Selectable<IndicatorsTable>>();
      for (let i = 0; i < canonicals.length; i += INSERT_ROWS) {
        const rows = await db
          .selectFrom('indicators')
          .selectAll()
          .where('canonical', 'in', canonicals.slice(i, i + INSERT_ROWS))
          .where(SOURCE_NOT_INDEXED, '=', sourceOrgId)
          .execute();
        for (const r of rows) {
          const key = `${r.kind}\n${r.canonical}`;
          const had = found.get(key);
          if (wanted.has(key) && (had === undefined || Number(r.num) < Number(had.num))) found.set(key, r);
        }
      }
      return [...found.values()].map(toIndicator);
    },
    async byNums(nums) {
      if (nums.length === 0) return [];
      const direct = rowsByNums?.(nums);
      if (direct !== undefined) return direct.map(keyedIndicatorFromValues);
      const rows = await db
        .selectFrom('indicators')
        .selectAll()
        .where('num', 'in', [...nums])
        .execute();
      return rows.map((r) => keyedIndicatorFromValues(valuesOf(r)));
    },
    async list(filter, page) {
      const rows = await db
        .selectFrom('indicators')
        .selectAll()
        .where(where(filter))
        .orderBy('num', 'desc')
        .limit(page.limit)
        .offset(page.offset)
        .execute();
      return rows.map(toIndicator);
    },
    async count(filter) {
      const r = await db
        .selectFrom('indicators')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where(where(filter))
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },
    async *scanActive() {
      const toKeys = (num: number, kind: string, keys: string, range: string | null): IndicatorKeys => ({
        num,
        kind: kind as ObservableKind,
        canonical: range ?? '',
        keys: keys === '' ? [] : keys.indexOf(' ') < 0 ? [keys] : keys.split(' '),
      });
      // The driver's own iterator holds its connection between batches: this runs at start-up, before the
      // process serves anything, and nothing else may query the store until it is done.
      if (scanRows !== undefined) {
        let batch: IndicatorKeys[] = [];
        for (const [num, kind, keys, range] of scanRows()) {
          batch.push(toKeys(num, kind, keys, range));
          if (batch.length === SCAN_BATCH) {
            yield batch;
            batch = [];
          }
        }
        if (batch.length > 0) yield batch;
        return;
      }
      // Keyset pages through the covering index; only ranges (no keys) need their value.
      let after = 0;
      for (;;) {
        const rows = await db
          .selectFrom('indicators')
          .select((eb) => [
            'num',
            'kind',
            'keys',
            eb.case().when('keys', '=', '').then(eb.ref('canonical')).else('').end().as('range'),
          ])
          .where('revoked_at', 'is', null)
          .where('num', '>', after)
          .orderBy('num')
          .limit(SCAN_BATCH)
          .execute();
        if (rows.length > 0) yield rows.map((r) => toKeys(Number(r.num), r.kind, r.keys, r.range));
        if (rows.length < SCAN_BATCH) return;
        after = Number(rows[rows.length - 1]!.num);
      }
    },
    async lastChangeSeq() {
      const r = await db
        .selectFrom('counters')
        .select('value')
        .where('name', '=', 'indicator_changes')
        .executeTakeFirstOrThrow();
      return Number(r.value);
    },
    async changesSince(afterSeq, limit) {
      const rows = await db
        .selectFrom('indicators')
        .select(['change_seq', 'num', 'kind', 'canonical', 'keys', 'revoked_at', 'valid_from', 'valid_until'])
        .where('change_seq', '>', afterSeq)
        .orderBy('change_seq')
        .limit(limit)
        .execute();
      return rows.map(toChange);
    },
  };
}
