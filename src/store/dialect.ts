/**
 * What a database folder supplies to the shared Kysely store: the Kysely dialect and the few places where
 * databases differ, as data and small functions rather than `if (postgres)` branches.
 */
import type { Dialect } from 'kysely';

/** The columns of an indicator that `indicatorRowsByNums` returns, in this order (all but `keys`). */
export const INDICATOR_ROW_COLUMNS = [
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
] as const;

export type IndicatorRowTuple = readonly [
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
];

export interface StoreDialect {
  readonly name: 'sqlite' | 'postgres';
  /** Where the data is, without secrets. */
  readonly location: string;
  readonly kysely: Dialect;
  /** SQL column types for what databases spell differently. */
  readonly types: {
    readonly timestamp: 'text' | 'timestamptz';
    readonly bigint: 'integer' | 'bigint';
  };
  /** The schema that holds Kysely's migration tables, where the database has schemas. */
  readonly migrationSchema?: string;
  /**
   * Where the driver can stream plain rows faster than Kysely builds objects (better-sqlite3's raw
   * iterator): every non-revoked indicator as `[num, kind, keys, range]`, in number order. Loading ten
   * million indicators at start-up is the one place where that matters.
   */
  readonly scanIndicatorRows?: () => Iterable<readonly [number, string, string, string]>;
  /**
   * Where the driver can read rows faster than Kysely builds and runs a query (better-sqlite3, one prepared
   * statement): the indicators numbered `nums`, as arrays of `INDICATOR_ROW_COLUMNS`, in no order. Every
   * check that hits reads its indicators this way, so it is on the hot path of checks and scans.
   */
  readonly indicatorRowsByNums?: (nums: readonly number[]) => readonly IndicatorRowTuple[];
  /** True when `e` is the driver's unique-constraint violation. */
  isUniqueViolation(e: unknown): boolean;
  /** True when `e` means the database cannot be reached at all. */
  isUnavailable(e: unknown): boolean;
  /** Runs once before the first query (PostgreSQL: creates the schema when one is named). */
  init?(): Promise<void>;
}
