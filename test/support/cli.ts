/** Runs the CLI in-process through runCli, capturing its output (and feeding its standard input). */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { runCli } from '../../src/cli/cli.js';
import { NO_PROGRESS } from '../../src/cli/io.js';
import pg from 'pg';
import { PG_URL, postgresFactory } from './stores.js';

export interface CliRun {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

/** A CLI bound to `env`; each call runs one command line, with `stdin` as its standard input. */
export function cliRunner(env: Record<string, string>) {
  return async (argv: readonly string[], stdin?: string): Promise<CliRun> => {
    let out = '';
    let err = '';
    const code = await runCli([...argv], {
      env,
      cwd: tmpdir(),
      stdout: (s) => (out += s),
      stderr: (s) => (err += s),
      ...(stdin === undefined ? {} : { stdin: Readable.from([stdin]) }),
      stopSignal: new Promise(() => undefined),
      progress: NO_PROGRESS,
    });
    return { code, out, err };
  };
}

/** The JSON values of an NDJSON text. */
export function jsonLines<T>(text: string): T[] {
  return text
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as T);
}

/** A database the CLI is configured for: a SQLite data folder, or a PostgreSQL schema of its own. */
export interface CliTarget {
  readonly name: 'sqlite' | 'postgres';
  /** A reason to skip, or undefined when this database is here. */
  readonly skip: string | undefined;
  readonly env: Record<string, string>;
  /** A scratch folder of this target's (the data folder, for SQLite). */
  readonly dir: string;
  cleanup(): Promise<void>;
}

/** SQLite always; PostgreSQL when it answers (and always under CI=true), each in a fresh place named by `label`. */
export async function cliTargets(label: string): Promise<CliTarget[]> {
  const sqliteDir = mkdtempSync(join(tmpdir(), `tocsin-${label}-`));
  const pgDir = mkdtempSync(join(tmpdir(), `tocsin-${label}-pg-`));
  const pf = await postgresFactory();
  const schema = `tocsin_${label.replace(/[^a-z0-9]/g, '_')}_${randomBytes(5).toString('hex')}`;
  return [
    {
      name: 'sqlite',
      skip: undefined,
      env: { TOCSIN_DATA_DIR: sqliteDir },
      dir: sqliteDir,
      cleanup: () => Promise.resolve(rmSync(sqliteDir, { recursive: true, force: true })),
    },
    {
      name: 'postgres',
      skip: pf.skip,
      env: { TOCSIN_DATABASE_URL: PG_URL, TOCSIN_DATABASE_SCHEMA: schema, TOCSIN_DATA_DIR: pgDir },
      dir: pgDir,
      async cleanup() {
        rmSync(pgDir, { recursive: true, force: true });
        if (pf.skip !== undefined) return;
        const c = new pg.Client({ connectionString: PG_URL });
        await c.connect();
        try {
          await c.query(`drop schema if exists ${schema} cascade`);
        } finally {
          await c.end();
        }
      },
    },
  ];
}
