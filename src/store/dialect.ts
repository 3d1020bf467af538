/**
 * What a database folder supplies to the shared Kysely store: the Kysely dialect and the few places where
 * databases differ, as data and small functions rather than `if (postgres)` branches.
 */
import type { Dialect } from 'kysely';
import type { IndicatorValues } from './indicator-values.js';

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
   * statement): the indicators numbered `nums`, in no order, each as its `INDICATOR_COLUMNS` in an array (no
   * object with a property per column). Every check that hits reads its indicators this way, so it is on the
   * hot path of checks and scans. It reads without waiting for the connection, so it answers undefined while
   * a transaction holds it (whose rows are not committed, and may never be): the caller then reads through
   * Kysely, which waits.
   */
  readonly indicatorRowsByNums?: (nums: readonly number[]) => readonly IndicatorValues[] | undefined;
  /**
   * Where the driver can insert rows through one prepared statement per table faster than Kysely builds and
   * compiles a multi-row insert (better-sqlite3): rows built by one function (the same columns in the same
   * order, as the Kysely insert takes them), inserted in the order given; answers each row's rowid (its integer
   * primary key, where it has one). It runs on the connection at once, without waiting for it: the store hands
   * it only to the repositories of its own transactions, which hold the connection.
   */
  readonly insertRows?: (
    table: string,
    rows: readonly Readonly<Record<string, unknown>>[],
  ) => readonly number[];
  /** True when `e` is the driver's unique-constraint violation. */
  isUniqueViolation(e: unknown): boolean;
  /** True when `e` means the database cannot be reached at all. */
  isUnavailable(e: unknown): boolean;
  /** Runs once before the first query (PostgreSQL: creates the schema when one is named). */
  init?(): Promise<void>;
}
