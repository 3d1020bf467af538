/**
 * `tocsin import stix|misp` and `tocsin export stix`, run in-process through runCli: directly on the
 * database (SQLite and PostgreSQL), from a file and from a URL served on 127.0.0.1, and through a real
 * server listening on a port (`--server`).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createReadStream, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server as HttpServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../../src/config/config.js';
import { buildApp } from '../../src/http/app.js';
import { ensureOperator } from '../../src/services/bootstrap.js';
import { systemClock } from '../../src/services/clock.js';
import { buildServices } from '../../src/services/services.js';
import { openStore } from '../../src/store/open-store.js';
import { cliRunner, cliTargets } from '../support/cli.js';
import { SHARED_DATA, absent } from '../support/stix-schemas.js';

const EXAMPLE = join(SHARED_DATA, 'stix', 'oasis-examples', 'indicator-for-c2-ip-address.json');
const ATTACK = join(SHARED_DATA, 'stix', 'mobile-attack-17.1.json');
const REGIN = join(SHARED_DATA, 'misp', 'regin-event.json');
const FEED = join(SHARED_DATA, 'misp', 'anssi-feed');
const SKIP = absent(join(SHARED_DATA, 'stix')) || absent(join(SHARED_DATA, 'misp'));

interface Summary {
  objects: number;
  added: number;
  updated: number;
  duplicates: number;
  rejected: number;
  indicatorsFed: number;
  events?: number;
  eventsUnchanged?: number;
}

for (const target of await cliTargets('stix-cli')) {
  describe(`tocsin import/export on ${target.name}`, { skip: target.skip || SKIP }, () => {
    const run = cliRunner(target.env);
    let app: FastifyInstance;
    let url: string;
    let adminKey: string;
    let files: HttpServer;
    let filesUrl: string;
    let close: () => Promise<void>;

    before(async () => {
      // A server on the same database, as `tocsin serve` runs it (its first run makes the operating centre).
      const config = loadConfig(target.env, tmpdir());
      const store = await openStore(config);
      const services = buildServices({ store, clock: systemClock, config });
      const boot = await ensureOperator(services, config.operator);
      adminKey = boot.adminKey ?? '';
      await services.index.load();
      app = await buildApp({
        services,
        config: { ...config, logLevel: 'silent', anonymousRateLimit: 100_000 },
        version: 'test',
      });
      url = await app.listen({ port: 0, host: '127.0.0.1' });
      close = async () => {
        await app.close();
        await store.close();
      };
      // A plain file server on 127.0.0.1 for imports from a URL.
      files = createServer((req, res) => {
        if (req.url === '/attack.json') {
          res.writeHead(200, { 'content-type': 'application/json' });
          createReadStream(ATTACK).pipe(res);
        } else {
          res.writeHead(404).end();
        }
      });
      await new Promise<void>((resolve) => files.listen(0, '127.0.0.1', resolve));
      filesUrl = `http://127.0.0.1:${(files.address() as { port: number }).port}`;
    });
    after(async () => {
      await close();
      await new Promise<void>((resolve) => files.close(() => resolve()));
      await target.cleanup();
    });

    test('import stix FILE prints the summary; again: duplicates; --json', async () => {
      const first = await run(['import', 'stix', EXAMPLE]);
      assert.equal(first.code, 0, first.err);
      assert.match(
        first.out,
        /^objects \d+: added \d+, updated 0, duplicates 0, rejected 0; indicators fed \d+\n$/,
      );
      const again = await run(['import', 'stix', EXAMPLE, '--json']);
      assert.equal(again.code, 0, again.err);
      const s = JSON.parse(again.out) as Summary;
      assert.ok(s.objects > 0);
      assert.equal(s.duplicates, s.objects);
      assert.equal(s.added + s.updated + s.indicatorsFed, 0);
    });

    test('import stix URL streams the body from a local server; a missing URL and file fail with a code', async () => {
      const r = await run(['import', 'stix', `${filesUrl}/attack.json`, '--json']);
      assert.equal(r.code, 0, r.err);
      const s = JSON.parse(r.out) as Summary;
      assert.equal(s.objects, 2148);
      assert.equal(s.added, 2148);
      const missing = await run(['import', 'stix', `${filesUrl}/nope.json`]);
      assert.equal(missing.code, 1);
      assert.match(missing.err, /TOCSIN_ERR_NOT_FOUND: cannot fetch .* HTTP 404/);
      const nofile = await run(['import', 'stix', join(target.dir, 'nope.json')]);
      assert.equal(nofile.code, 1);
      assert.match(nofile.err, /TOCSIN_ERR_NOT_FOUND/);
    });

    test('a malformed bundle: exit 1, the coded error with the byte offset, the committed count', async () => {
      const cut = join(target.dir, 'cut.json');
      const bytes = readFileSync(ATTACK);
      writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length * 0.7)));
      const r = await run(['import', 'stix', cut]);
      assert.equal(r.code, 1);
      assert.match(
        r.err,
        /tocsin: TOCSIN_ERR_STIX_BUNDLE_MALFORMED: the bundle is malformed: .* at byte \d+/,
      );
      assert.match(
        r.err,
        /import stopped after \d+ objects: objects \d+: added 0, updated 0, duplicates \d+/,
      );
    });

    test('import misp: an event, then a feed folder; again: unchanged; --all: duplicates', async () => {
      const event = await run(['import', 'misp', REGIN]);
      assert.equal(event.code, 0, event.err);
      assert.match(event.out, /events 1 imported/);
      const feed = await run(['import', 'misp', FEED, '--json']);
      assert.equal(feed.code, 0, feed.err);
      const s = JSON.parse(feed.out) as Summary;
      assert.equal(s.events, 13);
      assert.ok(s.indicatorsFed > 1000);
      assert.match(feed.err, /^skipped .*: /m);
      const again = JSON.parse((await run(['import', 'misp', FEED, '--json'])).out) as Summary;
      assert.deepEqual([again.events, again.eventsUnchanged], [0, 13]);
      const all = JSON.parse((await run(['import', 'misp', FEED, '--all', '--json'])).out) as Summary;
      assert.equal(all.duplicates, all.objects);
    });

    test('export stix --out FILE, directly and through the server; the server import says duplicates', async () => {
      const out = join(target.dir, 'export.json');
      const r = await run(['export', 'stix', '--kind', 'domain', '--out', out]);
      assert.equal(r.code, 0, r.err);
      const bundle = JSON.parse(readFileSync(out, 'utf8')) as {
        objects: { type: string; pattern?: string }[];
      };
      const indicators = bundle.objects.filter((o) => o.type === 'indicator');
      assert.ok(indicators.length > 0);
      assert.ok(indicators.every((o) => o.pattern?.startsWith('[domain-name:value')));

      const viaServer = join(target.dir, 'export-server.json');
      const s = await run([
        'export',
        'stix',
        '--kind',
        'domain',
        '--out',
        viaServer,
        '--server',
        url,
        '--key',
        adminKey,
      ]);
      assert.equal(s.code, 0, s.err);
      const b2 = JSON.parse(readFileSync(viaServer, 'utf8')) as { objects: { type: string }[] };
      assert.equal(b2.objects.filter((o) => o.type === 'indicator').length, indicators.length);

      const stdout = await run(['export', 'stix', '--no-indicators', '--collection', 'shared']);
      assert.equal(stdout.code, 0, stdout.err);
      assert.ok((JSON.parse(stdout.out) as { objects: unknown[] }).objects.length > 2148);

      const imp = await run(['import', 'stix', EXAMPLE, '--server', url, '--key', adminKey, '--json']);
      assert.equal(imp.code, 0, imp.err);
      const sum = JSON.parse(imp.out) as Summary;
      assert.equal(sum.duplicates, sum.objects);
      const misp = await run(['import', 'misp', REGIN, '--server', url, '--key', adminKey, '--json']);
      assert.equal(misp.code, 0, misp.err);
      const ms = JSON.parse(misp.out) as Summary;
      assert.equal(ms.duplicates, ms.objects);
    });
  });
}
