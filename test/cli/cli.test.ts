/** The `tocsin` command line, run in-process through runCli on every store. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import BetterSqlite3 from 'better-sqlite3';
import { runCli } from '../../src/cli/cli.js';
import { NO_PROGRESS } from '../../src/cli/io.js';
import { PG_URL, postgresFactory } from '../support/stores.js';

interface Run {
  code: number;
  out: string;
  err: string;
}

function cli(env: Record<string, string>) {
  return async (...argv: string[]): Promise<Run> => {
    let out = '';
    let err = '';
    const code = await runCli(argv, {
      env,
      cwd: tmpdir(),
      stdout: (s) => (out += s),
      stderr: (s) => (err += s),
      stopSignal: new Promise(() => undefined),
      progress: NO_PROGRESS,
    });
    return { code, out, err };
  };
}

/** Runs SQL against the database behind a CLI environment, as an attacker with database access would. */
type Tamper = (sqlText: string) => Promise<void>;

interface Target {
  name: string;
  skip: string | undefined;
  env: Record<string, string>;
  tamper: Tamper;
  cleanup(): Promise<void>;
}

async function targets(): Promise<Target[]> {
  const dir = mkdtempSync(join(tmpdir(), 'tocsin-cli-'));
  const sqlite: Target = {
    name: 'sqlite',
    skip: undefined,
    env: { TOCSIN_DATA_DIR: dir },
    tamper: (sqlText) => {
      const db = new BetterSqlite3(join(dir, 'tocsin.db'));
      try {
        db.exec(sqlText);
      } finally {
        db.close();
      }
      return Promise.resolve();
    },
    cleanup: () => Promise.resolve(rmSync(dir, { recursive: true, force: true })),
  };
  const pf = await postgresFactory();
  const schema = `tocsin_cli_${randomBytes(5).toString('hex')}`;
  const withPg = async (fn: (c: pg.Client) => Promise<unknown>) => {
    const c = new pg.Client({ connectionString: PG_URL });
    await c.connect();
    try {
      await fn(c);
    } finally {
      await c.end();
    }
  };
  const postgres: Target = {
    name: 'postgres',
    skip: pf.skip,
    env: { TOCSIN_DATABASE_URL: PG_URL, TOCSIN_DATABASE_SCHEMA: schema },
    tamper: (sqlText) => withPg((c) => c.query(`set search_path = ${schema}; ${sqlText}`)),
    cleanup: () =>
      pf.skip === undefined
        ? withPg((c) => c.query(`drop schema if exists ${schema} cascade`))
        : Promise.resolve(),
  };
  return [sqlite, postgres];
}

test('--help works on every command and subcommand, with exit code 0', async () => {
  const run = cli({ TOCSIN_DATA_DIR: join(tmpdir(), 'never-created') });
  for (const argv of [
    [],
    ['serve'],
    ['migrate'],
    ['org'],
    ['org', 'create'],
    ['org', 'list'],
    ['user', 'create'],
    ['user', 'list'],
    ['key', 'create'],
    ['key', 'revoke'],
    ['key', 'list'],
    ['audit', 'verify'],
  ]) {
    const r = await run(...argv, '--help');
    assert.equal(r.code, 0, argv.join(' '));
    assert.match(r.out, /^Usage: tocsin/, argv.join(' '));
  }
  assert.equal((await run('--version')).code, 0);
});

test('usage errors exit 2: unknown command or option, missing option, bad choice', async () => {
  const run = cli({ TOCSIN_DATA_DIR: join(tmpdir(), 'never-created') });
  for (const argv of [
    ['frobnicate'],
    ['org', 'create', '--name', 'X'],
    ['org', 'list', '--colour'],
    ['org', 'create', '--name', 'X', '--country', 'VN', '--sector', 'banking', '--kind', 'bank'],
    ['key', 'revoke'],
  ]) {
    const r = await run(...argv);
    assert.equal(r.code, 2, argv.join(' '));
    assert.match(r.err, /error:/);
  }
});

test('a bad configuration names each bad key and exits 1', async () => {
  const r = await cli({ TOCSIN_PORT: 'http', TOCSIN_LOGLEVEL: 'debug' })('org', 'list');
  assert.equal(r.code, 1);
  assert.match(r.err, /TOCSIN_ERR_CONFIG/);
  assert.match(r.err, /TOCSIN_PORT: must be a whole number/);
  assert.match(r.err, /TOCSIN_LOGLEVEL: unknown setting/);
});

test('an unreachable database is a clear runtime error', async () => {
  const r = await cli({ TOCSIN_DATABASE_URL: 'postgres://postgres@127.0.0.1:1/test' })('org', 'list');
  assert.equal(r.code, 1);
  assert.match(
    r.err,
    /TOCSIN_ERR_STORE_UNAVAILABLE: the database at postgres:\/\/postgres@127\.0\.0\.1:1\/test is unavailable/,
  );
});

for (const target of await targets()) {
  describe(`CLI on ${target.name}`, { skip: target.skip }, () => {
    const run = cli(target.env);
    after(() => target.cleanup());
    before(async () => {
      assert.equal((await run('migrate')).code, 0);
    });

    test('org, user and key: create, list, revoke; duplicates and bad values are refused', async () => {
      const org = await run(
        'org',
        'create',
        '--name',
        'Telco T',
        '--country',
        'vn',
        '--sector',
        'telecom',
        '--kind',
        'telco',
        '--json',
      );
      assert.equal(org.code, 0, org.err);
      const orgId = (JSON.parse(org.out) as { id: string }).id;
      const dup = await run(
        'org',
        'create',
        '--name',
        'TELCO T',
        '--country',
        'VN',
        '--sector',
        'telecom',
        '--kind',
        'telco',
      );
      assert.equal(dup.code, 1);
      assert.match(dup.err, /TOCSIN_ERR_DUPLICATE_ORG/);
      const badCountry = await run(
        'org',
        'create',
        '--name',
        'Q',
        '--country',
        'QQ',
        '--sector',
        'other',
        '--kind',
        'public',
      );
      assert.equal(badCountry.code, 2);
      assert.match(badCountry.err, /TOCSIN_ERR_VALIDATION: country/);
      assert.match((await run('org', 'list')).out, /Telco T\s+VN\s+telecom\s+telco/);

      assert.equal(
        (
          await run(
            'user',
            'create',
            '--org',
            'telco t',
            '--email',
            'Soc@Telco.vn',
            '--name',
            'SOC',
            '--role',
            'analyst',
          )
        ).code,
        0,
      );
      const users = (await run('user', 'list', '--org', orgId, '--json')).out
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { email: string; role: string });
      assert.deepEqual(
        users.map((u) => [u.email, u.role]),
        [['soc@telco.vn', 'analyst']],
      );

      const key = await run('key', 'create', '--user', 'soc@telco.vn', '--name', 'firewall');
      assert.equal(key.code, 0);
      assert.match(key.out.trim(), /^tsn_[0-9a-f]{16}_[\w-]{43}$/);
      const keyId = key.out.trim().slice(4, 20);
      assert.ok(!(await run('key', 'list')).out.includes(key.out.trim()), 'the key is never listed');
      assert.equal((await run('key', 'revoke', keyId)).code, 0);
      const again = await run('key', 'revoke', keyId);
      assert.equal(again.code, 1);
      assert.match(again.err, /TOCSIN_ERR_KEY_REVOKED/);
      const listed = (await run('key', 'list', '--org', 'Telco T', '--json')).out
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { id: string; revokedAt: string | null });
      assert.equal(listed.find((k) => k.id === keyId)?.revokedAt !== null, true);
      assert.equal((await run('key', 'revoke', '0000000000000000')).code, 1);
    });

    test('audit verify passes on an untouched chain, and names an edited entry', async () => {
      const ok = await run('audit', 'verify');
      assert.equal(ok.code, 0, ok.err);
      assert.match(ok.out, /audit chain intact: \d+ entries/);
      await target.tamper(`update audit_log set object_id = 'someone-else' where seq = 2`);
      const bad = await run('audit', 'verify');
      assert.equal(bad.code, 1);
      assert.match(bad.err, /TOCSIN_ERR_AUDIT_CHAIN_BROKEN: audit entry 2 was changed/);
    });

    test('audit verify names an entry removed from the middle or the end', async () => {
      // Restore a valid chain first: drop the edited entry and everything after, and reset the head to entry 1.
      await target.tamper(
        `delete from audit_log where seq >= 2; update audit_head set seq = 1, hash = (select hash from audit_log where seq = 1) where id = 1`,
      );
      for (const name of ['A', 'B', 'C'])
        await run(
          'org',
          'create',
          '--name',
          `Chain ${name}`,
          '--country',
          'FR',
          '--sector',
          'other',
          '--kind',
          'foreign-cert',
        );
      assert.equal((await run('audit', 'verify')).code, 0);
      await target.tamper(`delete from audit_log where seq = 3`);
      const middle = await run('audit', 'verify');
      assert.equal(middle.code, 1);
      assert.match(middle.err, /audit entry 3 is missing/);
      await target.tamper(`delete from audit_log where seq >= 3`);
      const end = await run('audit', 'verify');
      assert.equal(end.code, 1);
      assert.match(end.err, /audit entry 3 is missing: the chain head records 4 entries, 2 remain/);
    });
  });
}
