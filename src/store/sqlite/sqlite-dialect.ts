/** SQLite through better-sqlite3: one file, WAL, foreign keys on. */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { SqliteDialect } from 'kysely';
import type { StoreDialect } from '../dialect.js';
import { INDICATOR_COLUMNS, type IndicatorValues } from '../indicator-values.js';
import { immediateTransactions, TransactionalSqliteAdapter } from './sqlite-adapter.js';

/** Opens (creating if needed) the SQLite database at `path`; `:memory:` gives a private in-memory one. */
export function sqliteDialect(path: string): StoreDialect {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const database = new BetterSqlite3(path);
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = NORMAL');
  database.pragma('foreign_keys = ON');
  database.pragma('busy_timeout = 10000');
  // A bulk write (a STIX import: 5,000 objects, their indicators and audit entries a transaction) touches index
  // pages all over the file. A 32 MiB page cache (default 2 MiB) keeps them, and checkpointing the WAL every
  // 128 MiB (default 4 MiB: several times a batch) copies a page changed by several batches into the file once,
  // with one sync (100,000 objects imported: 4.7 s of commits checkpointing every 32 MiB, 2.6 s every 256 MiB;
  // 128 MiB bounds the stall of one checkpoint and the WAL's size on disk).
  database.pragma('cache_size = -32768');
  database.pragma('wal_autocheckpoint = 32768');
  // Kysely's statements and the fast paths below share one cache of prepared statements.
  const statements = withStatementCache(database);
  const base = new SqliteDialect({ database: statements });
  return {
    name: 'sqlite',
    location: path,
    kysely: {
      createAdapter: () => new TransactionalSqliteAdapter(),
      createDriver: () => immediateTransactions(base.createDriver()),
      createIntrospector: (db) => base.createIntrospector(db),
      createQueryCompiler: () => base.createQueryCompiler(),
    },
    types: { timestamp: 'text', bigint: 'integer' },
    scanIndicatorRows: () =>
      database
        .prepare(
          `select num, kind, keys, case when keys = '' then canonical else '' end
             from indicators indexed by indicators_index_load where revoked_at is null order by num`,
        )
        .raw()
        .iterate() as Iterable<readonly [number, string, string, string]>,
    indicatorRowsByNums: (nums) => {
      // Another request's transaction may hold the connection between two of its awaits: its rows are not ours
      // to read yet.
      if (database.inTransaction) return undefined;
      // One statement for any number of values: the numbers travel as one JSON array. Rows as arrays: building
      // an object with a property per column cost about a third of reading a row.
      return statements.prepare(INDICATORS_BY_NUMS).raw(true).all(JSON.stringify(nums)) as IndicatorValues[];
    },
    insertRows: (table, rows) => {
      if (rows.length === 0) return [];
      const columns = Object.keys(rows[0]!);
      const insert = statements.prepare(
        `insert into "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) values (${columns.map(() => '?').join(', ')})`,
      );
      const rowids: number[] = [];
      const values: unknown[] = new Array<unknown>(columns.length);
      for (const row of rows) {
        for (let c = 0; c < columns.length; c++) values[c] = row[columns[c]!];
        rowids.push(Number(insert.run(values).lastInsertRowid));
      }
      return rowids;
    },
    isUniqueViolation: (e) =>
      sqliteCode(e)?.startsWith('SQLITE_CONSTRAINT_UNIQUE') === true ||
      sqliteCode(e) === 'SQLITE_CONSTRAINT_PRIMARYKEY',
    isUnavailable: (e) =>
      ['SQLITE_CANTOPEN', 'SQLITE_NOTADB', 'SQLITE_READONLY'].includes(sqliteCode(e) ?? ''),
  };
}

const INDICATORS_BY_NUMS = `select ${INDICATOR_COLUMNS.join(', ')} from indicators
  where num in (select value from json_each(?))`;

function sqliteCode(e: unknown): string | undefined {
  return typeof e === 'object' && e !== null && 'code' in e && typeof e.code === 'string'
    ? e.code
    : undefined;
}

/** Statements kept per SQL text: enough for every query Tocsin writes, with room for the odd generated one. */
const STATEMENT_CACHE = 1_000;

/**
 * Kysely's driver prepares every statement it runs; preparing costs as much as running a small one. Kysely's
 * queries repeat the same SQL text (values are parameters), so statements are kept and reused. A statement
 * still iterating (a streamed query) is never handed out twice: a fresh one is prepared instead.
 */
function withStatementCache(database: BetterSqlite3.Database) {
  const cache = new Map<string, BetterSqlite3.Statement>();
  return {
    close: () => database.close(),
    prepare(sql: string) {
      const hit = cache.get(sql);
      if (hit !== undefined && !hit.busy) return hit;
      const stmt = database.prepare(sql);
      if (hit === undefined) {
        if (cache.size >= STATEMENT_CACHE) cache.clear();
        cache.set(sql, stmt);
      }
      return stmt;
    },
  };
}
