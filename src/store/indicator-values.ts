/**
 * An indicator's columns as one array, in a fixed order, and the one mapping from them to an `Indicator`.
 * Every hit of a check or a scan reads its indicator's row: a driver that answers rows as arrays (better-sqlite3's
 * raw mode) builds no object with a property per column for each, and the repository maps the array directly.
 */
import type { Category, Indicator } from '../core/indicators/indicator.js';
import type { ObservableKind } from '../core/observables/observable.js';
import type { Tlp } from '../core/sharing/tlp.js';
import type { KeyedIndicator } from './store.js';

/**
 * The columns an `Indicator` is read from, and its index keys last (not `change_seq`), in `IndicatorValues`
 * order.
 */
export const INDICATOR_COLUMNS = [
  'num',
  'id',
  'kind',
  'value',
  'canonical',
  'categories',
  'confidence',
  'source_org_id',
  'created_by',
  'tlp',
  'recipients',
  'valid_from',
  'valid_until',
  'first_seen',
  'last_seen',
  'description',
  'revoked_at',
  'created_at',
  'updated_at',
  'keys',
] as const;

/** One row's `INDICATOR_COLUMNS`, as the database holds them. */
export type IndicatorValues = readonly [
  num: number,
  id: string,
  kind: string,
  value: string,
  canonical: string,
  categories: string,
  confidence: number,
  sourceOrgId: string,
  createdBy: string | null,
  tlp: string,
  recipients: string,
  validFrom: string,
  validUntil: string | null,
  firstSeen: string | null,
  lastSeen: string | null,
  description: string | null,
  revokedAt: string | null,
  createdAt: string,
  updatedAt: string,
  keys: string,
];

/** The indicator a row holds, with the index keys it is filed under. */
export function keyedIndicatorFromValues(v: IndicatorValues): KeyedIndicator {
  return { indicator: indicatorFromValues(v), keys: indexKeysOf(v[19]) };
}

/** The indicator a row holds. */
export function indicatorFromValues(v: IndicatorValues): Indicator {
  return {
    id: v[1],
    num: Number(v[0]),
    kind: v[2] as ObservableKind,
    value: v[3],
    canonical: v[4],
    categories: JSON.parse(v[5]) as Category[],
    confidence: v[6],
    sourceOrgId: v[7],
    createdBy: v[8],
    tlp: v[9] as Tlp,
    recipients: recipientsOf(v[10]),
    validFrom: v[11],
    validUntil: v[12],
    firstSeen: v[13],
    lastSeen: v[14],
    description: v[15],
    revokedAt: v[16],
    createdAt: v[17],
    updatedAt: v[18],
  };
}

/** The `keys` column, space-separated, as a list. */
function indexKeysOf(column: string): string[] {
  return column === '' ? [] : column.split(' ');
}

/** The `recipients` column, `' org-id group:g-id '` or `''` (migration 0007), as a list. */
function recipientsOf(column: string): string[] {
  // Most indicators are shared with no one in particular: no split, no filter.
  return column === '' ? [] : column.split(' ').filter((x) => x !== '');
}
