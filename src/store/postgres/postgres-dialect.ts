/** PostgreSQL through node-postgres (`pg`). */
import pg from 'pg';
import Cursor from 'pg-cursor';
import { PostgresDialect } from 'kysely';
import type { StoreDialect } from '../dialect.js';

const TIMESTAMPTZ = 1184;
const INT8 = 20;

export interface PostgresOptions {
  readonly connectionString: string;
  /** Tables live in this schema (created if missing); tests give each run its own. Default: `public`. */
  readonly schema?: string | undefined;
  readonly maxConnections?: number;
}

/** A pool on `connectionString`. Timestamps come back as ISO strings and bigints as numbers, as on SQLite. */
export function postgresDialect(opts: PostgresOptions): StoreDialect {
  const defaultTs = pg.types.getTypeParser(TIMESTAMPTZ, 'text') as (v: string) => Date;
  const types = {
    getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
      if (oid === TIMESTAMPTZ) return (v: string) => defaultTs(v).toISOString();
      if (oid === INT8) return (v: string) => Number(v);
      return pg.types.getTypeParser(oid, format ?? 'text') as unknown;
    }) as typeof pg.types.getTypeParser,
  };
  const schema = opts.schema;
  if (schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema))
    throw new Error(`invalid schema name ${schema}`);
  const pool = new pg.Pool({
    connectionString: opts.connectionString,
    max: opts.maxConnections ?? 10,
    connectionTimeoutMillis: 5000,
    types,
    ...(schema === undefined ? {} : { options: `-c search_path=${schema}` }),
  });
  // An idle client that loses its connection emits 'error' on the pool; without a listener that would end the process.
  pool.on('error', () => undefined);
  return {
    name: 'postgres',
    location: redact(opts.connectionString) + (schema === undefined ? '' : ` (schema ${schema})`),
    kysely: new PostgresDialect({ pool, cursor: Cursor }),
    init: async () => {
      if (schema === undefined) return;
      // Two nodes creating the schema at once can both pass "if not exists"; the loser's error is harmless.
      await pool.query(`create schema if not exists ${schema}`).catch((e: unknown) => {
        if (pgCode(e) !== '23505' && pgCode(e) !== '42P06') throw e;
      });
    },
    types: { timestamp: 'timestamptz', bigint: 'bigint' },
    // Named explicitly: Kysely looks for its tables in every schema otherwise, and finds another node's.
    migrationSchema: schema ?? 'public',
    isUniqueViolation: (e) => pgCode(e) === '23505',
    isUnavailable: (e) => {
      const code = pgCode(e);
      return (
        code === 'ECONNREFUSED' ||
        code === 'ENOTFOUND' ||
        code === 'ETIMEDOUT' ||
        code === 'ECONNRESET' ||
        code === '3D000' /* database does not exist */ ||
        code === '28000' ||
        code === '28P01' /* auth */ ||
        (e instanceof Error && /timeout|terminated|Connection terminated/i.test(e.message))
      );
    },
  };
}

function pgCode(e: unknown): string | undefined {
  return typeof e === 'object' && e !== null && 'code' in e && typeof e.code === 'string'
    ? e.code
    : undefined;
}

/** The URL without its password, for logs and messages. */
export function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password !== '') u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://(unparseable URL)';
  }
}
