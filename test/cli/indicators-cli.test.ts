/**
 * `tocsin indicators …` and `tocsin check`, run in-process through runCli: directly on the database, and
 * through a real server listening on a port, on every store.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { runCli } from '../../src/cli/cli.js';
import type { CliIo } from '../../src/cli/io.js';
import { NO_PROGRESS } from '../../src/cli/io.js';
import { loadConfig } from '../../src/config/config.js';
import { buildApp } from '../../src/http/app.js';
import { ensureOperator } from '../../src/services/bootstrap.js';
import { systemClock } from '../../src/services/clock.js';
import { buildServices, type Services } from '../../src/services/services.js';
import { openStore } from '../../src/store/open-store.js';
import type { KyselyStore } from '../../src/store/kysely/kysely-store.js';
import { cliTargets } from '../support/cli.js';

interface Run {
  code: number;
  out: string;
  err: string;
}

interface ProgressLog {
  bars: { label: string; total: number; updates: number[]; stopped: boolean }[];
}

function cli(env: Record<string, string>, log?: ProgressLog) {
  const progress: CliIo['progress'] =
    log === undefined
      ? NO_PROGRESS
      : (label, total) => {
          const bar = { label, total, updates: [] as number[], stopped: false };
          log.bars.push(bar);
          return {
            update: (done, t) => {
              bar.updates.push(done);
              if (t !== undefined) bar.total = t;
            },
            stop: () => (bar.stopped = true),
          };
        };
  return async (...argv: string[]): Promise<Run> => {
    let out = '';
    let err = '';
    const code = await runCli(argv, {
      env,
      cwd: tmpdir(),
      stdout: (s) => (out += s),
      stderr: (s) => (err += s),
      stopSignal: new Promise(() => undefined),
      progress,
    });
    return { code, out, err };
  };
}

const jsonLines = <T>(text: string): T[] =>
  text
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as T);

interface IndicatorJson {
  id: string;
  kind: string;
  value: string;
  canonical: string;
  categories: string[];
  confidence: number;
  tlp: string;
  sourceOrgId: string;
  createdBy: string | null;
  revokedAt: string | null;
  description: string | null;
}

interface Answer {
  value: string;
  kind?: string;
  verdict?: string;
  score?: number;
  error?: { code: string; message: string };
}

/** A server as `tocsin serve` runs it, on the same database the CLI is configured for, on a free port. */
interface Server {
  readonly url: string;
  readonly adminKey: string;
  readonly operatorOrgId: string;
  readonly services: Services;
  get(path: string, key?: string): Promise<{ status: number; body: unknown }>;
  check(values: string[]): Promise<Answer[]>;
  close(): Promise<void>;
}

async function startServer(env: Record<string, string>): Promise<Server> {
  const config = loadConfig(env, tmpdir());
  const store: KyselyStore = await openStore(config);
  const services = buildServices({ store, clock: systemClock, config });
  const boot = await ensureOperator(services, config.operator);
  assert.ok(boot.adminKey !== undefined, 'a fresh database gets an admin key');
  const adminKey = boot.adminKey;
  writeFileSync(join(config.dataDir, 'admin-key.txt'), adminKey + '\n', { mode: 0o600 });
  await services.index.load();
  const app: FastifyInstance = await buildApp({
    services,
    config: { ...config, logLevel: 'silent', anonymousRateLimit: 100_000 },
    version: 'test',
  });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  const get = async (path: string, key = adminKey) => {
    const res = await fetch(url + path, { headers: { authorization: `Bearer ${key}` } });
    return { status: res.status, body: await res.json() };
  };
  return {
    url,
    adminKey,
    operatorOrgId: boot.orgId,
    services,
    get,
    async check(values) {
      const res = await fetch(url + '/api/v1/check', {
        method: 'POST',
        headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ items: values }),
      });
      assert.equal(res.status, 200);
      return ((await res.json()) as { results: Answer[] }).results;
    },
    async close() {
      await app.close();
      await store.close();
    },
  };
}

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

test('--help works on the new commands; usage errors exit 2', async () => {
  const run = cli({ TOCSIN_DATA_DIR: join(tmpdir(), 'never-created') });
  for (const argv of [
    ['indicators'],
    ['indicators', 'add'],
    ['indicators', 'list'],
    ['indicators', 'revoke'],
    ['indicators', 'import'],
    ['check'],
  ]) {
    const r = await run(...argv, '--help');
    assert.equal(r.code, 0, argv.join(' '));
    assert.match(r.out, /^Usage: tocsin/, argv.join(' '));
  }
  for (const argv of [
    ['indicators', 'add', 'evil.example'],
    ['indicators', 'add', 'evil.example', '--category', 'nope'],
    ['indicators', 'add', 'evil.example', '--category', 'phishing', '--confidence', '101'],
    ['indicators', 'add', 'evil.example', '--category', 'phishing', '--tlp', 'purple'],
    ['indicators', 'add', 'evil.example', '--category', 'phishing', '--valid-until', 'soon'],
    ['indicators', 'add', 'evil.example', '--category', 'phishing', '--kind', 'planet'],
    ['indicators', 'list', '--status', 'sometimes'],
    ['indicators', 'list', '--limit', '0'],
    ['indicators', 'revoke'],
    ['indicators', 'import', 'some.txt', '--category', 'phishing'],
    ['indicators', 'import', 'some.txt', '--kind', 'domain'],
    ['check'],
    ['check', 'a.example', '--file', 'some.txt'],
    ['check', 'a.example', '--server', 'not a url'],
  ]) {
    const r = await run(...argv);
    assert.equal(r.code, 2, argv.join(' '));
    assert.match(r.err, /error:|TOCSIN_ERR_VALIDATION/, argv.join(' '));
  }
});

for (const target of await cliTargets('ind-cli')) {
  describe(`indicators and check CLI on ${target.name}`, { skip: target.skip }, () => {
    const run = cli(target.env);
    // Distinct good values in the generated import: two chunks of 1,000 lines either way; fewer on PostgreSQL,
    // where each filed indicator costs more round trips.
    const GOOD = target.name === 'sqlite' ? 1900 : 1200;
    let server: Server;
    before(async () => {
      server = await startServer(target.env);
    });
    after(async () => {
      await server?.close();
      await target.cleanup();
    });

    test('add, list and revoke directly on the database', async () => {
      const add = await run(
        'indicators',
        'add',
        'Fake-Shop[.]example',
        '--category',
        'fake-shop',
        '--confidence',
        '90',
        '--tlp',
        'TLP:GREEN',
        '--description',
        'copies a bank',
        '--json',
      );
      assert.equal(add.code, 0, add.err);
      const created = JSON.parse(add.out) as { outcome: string; indicator: IndicatorJson };
      assert.equal(created.outcome, 'created');
      const ind = created.indicator;
      assert.equal(ind.canonical, 'fake-shop.example');
      assert.equal(ind.value, 'Fake-Shop[.]example');
      assert.deepEqual(ind.categories, ['fake-shop']);
      assert.equal(ind.tlp, 'green');
      assert.equal(ind.confidence, 90);
      assert.equal(ind.description, 'copies a bank');
      assert.equal(ind.sourceOrgId, server.operatorOrgId, 'filed for the operating centre');
      assert.equal(ind.createdBy, null, 'filed by the local operator, no user');
      assert.ok(!('num' in ind), 'the same shape as the API');

      const again = await run('indicators', 'add', 'fake-shop.example', '--category', 'fake-shop');
      assert.equal(again.code, 0, again.err);
      assert.match(again.out, new RegExp(`^unchanged indicator ${ind.id} domain fake-shop\\.example`));
      const more = await run(
        'indicators',
        'add',
        'FAKE-SHOP.EXAMPLE',
        '--category',
        'phishing,impersonation',
      );
      assert.match(more.out, /^updated indicator .* \[fake-shop, impersonation, phishing\] confidence 90/);

      const byValue = jsonLines<IndicatorJson>(
        (await run('indicators', 'list', '--value', 'fake-shop[.]example.', '--json')).out,
      );
      assert.deepEqual(
        byValue.map((i) => i.id),
        [ind.id],
      );
      const tableOut = (await run('indicators', 'list', '--category', 'impersonation')).out;
      assert.match(tableOut, /^ID\s+KIND\s+VALUE\s+CATEGORIES\s+CONF\s+TLP\s+STATUS\n/);
      assert.match(
        tableOut,
        /domain\s+fake-shop\.example\s+fake-shop,impersonation,phishing\s+90\s+green\s+active/,
      );

      const revoked = await run('indicators', 'revoke', ind.id);
      assert.equal(revoked.code, 0, revoked.err);
      assert.match(
        revoked.out,
        new RegExp(`^revoked indicator ${ind.id} \\(domain fake-shop\\.example\\) at \\d{4}-`),
      );
      assert.deepEqual(
        jsonLines((await run('indicators', 'list', '--value', 'fake-shop.example', '--json')).out),
        [],
      );
      const gone = jsonLines<IndicatorJson>(
        (await run('indicators', 'list', '--value', 'fake-shop.example', '--status', 'revoked', '--json'))
          .out,
      );
      assert.equal(gone.length, 1);
      assert.notEqual(gone[0]?.revokedAt, null);

      const unknown = await run('indicators', 'revoke', 'no-such-indicator');
      assert.equal(unknown.code, 1);
      assert.match(unknown.err, /^tocsin: TOCSIN_ERR_NOT_FOUND: indicator no-such-indicator not found/);
      const bad = await run(
        'indicators',
        'add',
        'not a domain!!',
        '--kind',
        'domain',
        '--category',
        'phishing',
      );
      assert.equal(bad.code, 1);
      assert.match(bad.err, /TOCSIN_ERR_INVALID_VALUE: 'not a domain!!' contains ' '/);
    });

    test('import streams a list file in chunks: exact counts, rejected lines named, a re-import changes nothing', async () => {
      // One value already reported with another category: the import enriches it.
      assert.equal((await run('indicators', 'add', 'scam-7.example', '--category', 'phishing')).code, 0);
      const lines: string[] = [];
      const badLines: number[] = [];
      const push = (l: string) => lines.push(l);
      const bad = (l: string) => {
        push(l);
        badLines.push(lines.length);
      };
      const BAD = ['not a domain!!', '1.2.3.4', 'a..b.example', 'x', 'user@mail.example'];
      let dupes = 0;
      let nextBad = 0;
      push('# scam domains, generated');
      for (let i = 0; i < GOOD; i++) {
        push(i % 3 === 0 ? `  scam-${i}.example\t` : `scam-${i}.example`);
        if (i % 100 === 0) push(`# block ${i / 100}`);
        if (i % 50 === 25) push('');
        if (i % 50 === 40) bad(BAD[nextBad++ % BAD.length] ?? 'x');
        if (i % 95 === 60) {
          push(`SCAM-${i - 10}[.]EXAMPLE`); // the same value again, spelt otherwise
          dupes++;
        }
      }
      bad('y'.repeat(9000) + '.example'); // longer than the API takes
      const file = join(target.dir, 'scam-domains.txt');
      writeFileSync(file, lines.join('\n') + '\n');
      assert.ok(lines.length > GOOD, `${lines.length} lines`);
      assert.ok(badLines.length > 20, 'more bad lines than are shown');
      assert.ok(dupes > 0);

      const log: ProgressLog = { bars: [] };
      const r = await cli(target.env, log)(
        'indicators',
        'import',
        file,
        '--kind',
        'domain',
        '--category',
        'scam-sms',
        '--confidence',
        '80',
      );
      assert.equal(r.code, 0, r.err);
      assert.equal(
        r.out,
        `created ${GOOD - 1}, updated 1, unchanged ${dupes}, rejected ${badLines.length}\n`,
      );
      const shown = badLines.slice(0, 20);
      for (const n of shown) assert.match(r.err, new RegExp(`^line ${n}: "`, 'm'), `line ${n} reported`);
      for (const n of badLines.slice(20)) assert.doesNotMatch(r.err, new RegExp(`^line ${n}:`, 'm'));
      assert.equal(r.err.match(/^line \d+: /gm)?.length, 20);
      assert.match(r.err, new RegExp(`^… and ${badLines.length - 20} more rejected lines$`, 'm'));
      assert.match(
        r.err,
        new RegExp(`^line ${badLines[1]}: "1\\.2\\.3\\.4": '1\\.2\\.3\\.4' is an IP address`, 'm'),
      );

      const bar = log.bars.find((b) => b.label === 'importing');
      assert.ok(bar, 'a progress bar');
      assert.equal(bar.total, lines.length, 'the total is the number of lines');
      assert.ok(bar.updates.length >= 3, 'updated after each chunk');
      assert.equal(bar.updates.at(-1), lines.length);
      assert.ok(bar.stopped);

      const listed = jsonLines<IndicatorJson>(
        (await run('indicators', 'list', '--contains', 'scam-', '--limit', '5000', '--json')).out,
      );
      assert.equal(listed.length, GOOD);
      const seven = listed.find((i) => i.canonical === 'scam-7.example');
      assert.deepEqual(seven?.categories, ['phishing', 'scam-sms']);
      assert.equal(seven?.confidence, 80);

      const again = await run(
        'indicators',
        'import',
        file,
        '--kind',
        'domain',
        '--category',
        'scam-sms',
        '--confidence',
        '80',
      );
      assert.equal(again.code, 0, again.err);
      assert.equal(
        again.out,
        `created 0, updated 0, unchanged ${GOOD + dupes}, rejected ${badLines.length}\n`,
      );

      const missing = await run(
        'indicators',
        'import',
        join(target.dir, 'nope.txt'),
        '--kind',
        'domain',
        '--category',
        'spam',
      );
      assert.equal(missing.code, 1);
      assert.match(missing.err, /TOCSIN_ERR_NOT_FOUND: cannot read .*nope\.txt: ENOENT/);
    });

    test('check answers NDJSON in input order; the verdict changes once indicators are filed', async () => {
      const values = ['check-me.example', 'https://login.check-me.example/x', 'bad value!!', '0912 345 678'];
      const first = await run('check', ...values);
      assert.equal(first.code, 0, first.err);
      const before = jsonLines<Answer>(first.out);
      assert.deepEqual(
        before.map((a) => a.value),
        values,
      );
      assert.deepEqual(
        before.map((a) => a.verdict ?? a.error?.code),
        ['unknown', 'unknown', 'TOCSIN_ERR_INVALID_VALUE', 'unknown'],
      );
      assert.equal(before[3]?.kind, 'phone');

      assert.equal((await run('indicators', 'add', 'check-me.example', '--category', 'phishing')).code, 0);
      const phone = await run(
        'indicators',
        'add',
        '+84 912 345 678',
        '--category',
        'scam-call',
        '--confidence',
        '40',
      );
      assert.equal(phone.code, 0, phone.err);

      const afterAdd = jsonLines<Answer>((await run('check', ...values)).out);
      assert.deepEqual(
        afterAdd.map((a) => a.verdict ?? a.error?.code),
        ['malicious', 'suspicious', 'TOCSIN_ERR_INVALID_VALUE', 'suspicious'],
      );

      const file = join(target.dir, 'to-check.txt');
      writeFileSync(file, ['# to check', ...values.slice(0, 2), '', ...values.slice(2)].join('\r\n'));
      const fromFile = await run('check', '--file', file);
      assert.equal(fromFile.code, 0, fromFile.err);
      assert.deepEqual(jsonLines<Answer>(fromFile.out), afterAdd);

      const kinded = jsonLines<Answer>(
        (await run('check', '--kind', 'domain', 'check-me.example', '1.2.3.4')).out,
      );
      assert.equal(kinded[0]?.verdict, 'malicious');
      assert.equal(kinded[1]?.error?.code, 'TOCSIN_ERR_INVALID_VALUE');

      const missing = await run('check', '--file', join(target.dir, 'nope.txt'));
      assert.equal(missing.code, 1);
      assert.match(missing.err, /TOCSIN_ERR_NOT_FOUND/);
    });

    test('--server: import, list, add, revoke and check through a running server, errors printed as local ones', async () => {
      const key = server.adminKey;
      const via = ['--server', server.url, '--key', key];
      const lines = Array.from({ length: 300 }, (_, i) => `hxxps://srv-${i}[.]example/login`);
      lines.splice(100, 0, 'https://', '');
      lines.splice(250, 0, 'javascript:alert(1)');
      const file = join(target.dir, 'server-urls.txt');
      writeFileSync(file, lines.join('\n'));
      const r = await run(
        'indicators',
        'import',
        file,
        '--kind',
        'url',
        '--category',
        'phishing',
        '--tlp',
        'green',
        ...via,
      );
      assert.equal(r.code, 0, r.err);
      assert.equal(r.out, 'created 300, updated 0, unchanged 0, rejected 2\n');
      assert.match(r.err, /^line 101: "https:\/\/": URL has no host/m);
      assert.match(r.err, /^line 251: "javascript:alert\(1\)": /m);

      // The indicators landed, filed by the admin user behind the key (not by the local operator).
      const landed = await server.get('/api/v1/indicators?contains=srv-&limit=1000');
      assert.equal(landed.status, 200);
      const body = landed.body as { items: IndicatorJson[]; total: number };
      assert.equal(body.total, 300);
      assert.ok(body.items.every((i) => i.createdBy !== null && i.sourceOrgId === server.operatorOrgId));
      assert.ok(body.items.every((i) => i.tlp === 'green' && i.kind === 'url'));

      const again = await run(
        'indicators',
        'import',
        file,
        '--kind',
        'url',
        '--category',
        'phishing',
        '--tlp',
        'green',
        ...via,
      );
      assert.equal(again.out, 'created 0, updated 0, unchanged 300, rejected 2\n');

      // The server's index sees its own writes at once.
      const checked = await run(
        'check',
        'https://srv-7.example/login',
        'https://nowhere.example/',
        'bad value!!',
        ...via,
      );
      assert.equal(checked.code, 0, checked.err);
      assert.deepEqual(
        jsonLines<Answer>(checked.out).map((a) => [a.value, a.verdict ?? a.error?.code]),
        [
          ['https://srv-7.example/login', 'malicious'],
          ['https://nowhere.example/', 'unknown'],
          ['bad value!!', 'TOCSIN_ERR_INVALID_VALUE'],
        ],
      );

      // Listing pages through the server's limit of 1,000 a page (GOOD scam- domains were imported above).
      const many = await run(
        'indicators',
        'list',
        '--contains',
        'scam-',
        '--limit',
        '1100',
        '--json',
        ...via,
      );
      assert.equal(many.code, 0, many.err);
      const manyItems = jsonLines<IndicatorJson>(many.out);
      assert.equal(manyItems.length, 1100);
      assert.equal(new Set(manyItems.map((i) => i.id)).size, 1100);
      assert.match(many.err, new RegExp(`^1100 of ${GOOD} shown`));

      const added = await run(
        'indicators',
        'add',
        '0987 654 321',
        '--category',
        'scam-call',
        '--json',
        ...via,
      );
      assert.equal(added.code, 0, added.err);
      const id = (JSON.parse(added.out) as { indicator: IndicatorJson }).indicator.id;
      assert.equal((await server.get(`/api/v1/indicators/${id}`)).status, 200);
      const revoked = await run('indicators', 'revoke', id, ...via);
      assert.equal(revoked.code, 0, revoked.err);
      assert.match(revoked.out, /^revoked indicator .* \(phone \+84987654321\) at /);
      assert.notEqual(((await server.get(`/api/v1/indicators/${id}`)).body as IndicatorJson).revokedAt, null);

      const notFound = await run('indicators', 'revoke', 'no-such-indicator', ...via);
      assert.equal(notFound.code, 1);
      assert.match(notFound.err, /^tocsin: TOCSIN_ERR_NOT_FOUND: indicator no-such-indicator not found/);
      const badValue = await run(
        'indicators',
        'add',
        'not a domain!!',
        '--kind',
        'domain',
        '--category',
        'spam',
        ...via,
      );
      assert.equal(badValue.code, 1);
      assert.match(badValue.err, /^tocsin: TOCSIN_ERR_INVALID_VALUE: 'not a domain!!' contains ' '/);

      const wrongKey = key.slice(0, -1) + (key.endsWith('A') ? 'B' : 'A');
      const denied = await run('indicators', 'list', '--server', server.url, '--key', wrongKey);
      assert.equal(denied.code, 1);
      assert.match(denied.err, /^tocsin: TOCSIN_ERR_INVALID_CREDENTIALS: /);

      const port = await closedPort();
      const down = await run('check', 'a.example', '--server', `http://127.0.0.1:${port}`);
      assert.equal(down.code, 1);
      assert.match(
        down.err,
        new RegExp(`cannot reach the Tocsin server at http://127\\.0\\.0\\.1:${port}: ECONNREFUSED`),
      );
    });

    test('TOCSIN_SERVER and TOCSIN_API_KEY from the environment, or the admin key file; neither upsets the configuration', async () => {
      const byEnv = cli({ ...target.env, TOCSIN_SERVER: server.url, TOCSIN_API_KEY: server.adminKey });
      const r = await byEnv('indicators', 'list', '--value', 'https://srv-3.example/login', '--json');
      assert.equal(r.code, 0, r.err);
      assert.equal(jsonLines<IndicatorJson>(r.out)[0]?.canonical, 'https://srv-3.example/login');

      // No key given: the first-run admin key file in the data directory.
      const byFile = cli({ ...target.env, TOCSIN_SERVER: server.url });
      const f = await byFile('indicators', 'add', 'key-file.example', '--category', 'spam', '--json');
      assert.equal(f.code, 0, f.err);
      assert.notEqual((JSON.parse(f.out) as { indicator: IndicatorJson }).indicator.createdBy, null);

      // An API key in the environment without a server: a direct run, and the configuration accepts it.
      const local = cli({ ...target.env, TOCSIN_API_KEY: 'tsn_ignored' });
      const l = await local('indicators', 'list', '--value', 'key-file.example', '--json');
      assert.equal(l.code, 0, l.err);
      assert.equal(jsonLines(l.out).length, 1);
    });

    test("a direct import while a server runs on the same database reaches the server's index once it catches up", async () => {
      const file = join(target.dir, 'direct.txt');
      writeFileSync(file, Array.from({ length: 50 }, (_, i) => `direct-${i}.example`).join('\n'));
      const probe = ['direct-1.example', 'direct-49.example'];
      assert.deepEqual(
        (await server.check(probe)).map((a) => a.verdict),
        ['unknown', 'unknown'],
      );
      const r = await run('indicators', 'import', file, '--kind', 'domain', '--category', 'fake-shop');
      assert.equal(r.code, 0, r.err);
      assert.equal(r.out, 'created 50, updated 0, unchanged 0, rejected 0\n');
      // This server follows no timer here: what it sees changes when it catches up, as `serve` does on its interval.
      assert.deepEqual(
        (await server.check(probe)).map((a) => a.verdict),
        ['unknown', 'unknown'],
      );
      assert.ok((await server.services.index.catchUp()) >= 50);
      assert.deepEqual(
        (await server.check(probe)).map((a) => a.verdict),
        ['malicious', 'malicious'],
      );

      const id = jsonLines<IndicatorJson>(
        (await run('indicators', 'list', '--value', 'direct-1.example', '--json')).out,
      )[0]?.id;
      assert.ok(id);
      assert.equal((await run('indicators', 'revoke', id)).code, 0);
      await server.services.index.catchUp();
      assert.deepEqual(
        (await server.check(probe)).map((a) => a.verdict),
        ['unknown', 'malicious'],
      );
    });
  });
}
