/**
 * The two servers of bench/taxii-get.bench.ts, each in its own process, on the same SQLite data directory:
 *   `tocsin <dataDir>`: Tocsin's HTTP app (buildApp, as `tocsin serve` runs it) listening on 127.0.0.1;
 *   `bare <dataDir>`:   a plain node:http server holding the same objects' JSON in memory (read once from the
 *                       store), answering `GET /objects?page=N&limit=L` with a TAXII envelope of those
 *                       objects, page by page: what serving the objects costs with nothing of Tocsin in it.
 * Each prints `port <n>` when it listens.
 */
import { createServer } from 'node:http';
import { join } from 'node:path';
import { visibilityRule } from '../../src/core/sharing/tlp.js';
import { buildApp } from '../../src/http/app.js';
import { systemClock } from '../../src/services/clock.js';
import { viewerOf } from '../../src/services/indicator-service.js';
import { buildServices } from '../../src/services/services.js';
import { KyselyStore } from '../../src/store/kysely/kysely-store.js';
import { sqliteDialect } from '../../src/store/sqlite/sqlite-dialect.js';
import { SYSTEM } from '../../src/core/auth/principal.js';

const [kind, dataDir] = process.argv.slice(2);
if (dataDir === undefined) throw new Error('usage: taxii-servers.ts tocsin|bare DATA_DIR');
const store = new KyselyStore(sqliteDialect(join(dataDir, 'tocsin.sqlite')));

if (kind === 'tocsin') {
  const services = buildServices({ store, clock: systemClock, config: { keyLastUsedInterval: 60 } });
  const app = await buildApp({
    services,
    config: {
      logLevel: 'silent',
      bodyLimit: 10 * 2 ** 20,
      trustProxy: false,
      anonymousRateLimit: 100_000,
      qrMaxBytes: 512 * 1024,
    },
    version: 'bench',
  });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  console.log(`port ${new URL(url).port}`);
  process.on(
    'SIGTERM',
    () =>
      void app
        .close()
        .then(() => store.close())
        .then(() => process.exit(0)),
  );
} else {
  const [c] = await store.taxii.listCollections();
  if (c === undefined) throw new Error('no collection');
  const objects: string[] = [];
  let afterUs: number | undefined;
  for (;;) {
    const rows = await store.taxii.query(
      {
        collectionId: c.id,
        versions: { all: false, first: false, last: true, keys: [] },
        visibility: visibilityRule(viewerOf(SYSTEM)),
        afterUs,
      },
      10_000,
    );
    for (const r of rows) objects.push(r.json);
    if (rows.length < 10_000) break;
    afterUs = rows[rows.length - 1]!.addedUs;
  }
  await store.close();
  const server = createServer((req, res) => {
    const u = new URL(req.url ?? '/', 'http://x');
    const page = Number(u.searchParams.get('page') ?? 0);
    const limit = Number(u.searchParams.get('limit') ?? 100);
    const slice = objects.slice(page * limit, (page + 1) * limit);
    const more = (page + 1) * limit < objects.length;
    const body = Buffer.from(
      `{"more":${more}${more ? `,"next":"${page + 1}"` : ''},"objects":[${slice.join(',')}]}`,
    );
    res.writeHead(200, {
      'content-type': 'application/taxii+json;version=2.1',
      'content-length': body.length,
    });
    res.end(body);
  });
  server.keepAliveTimeout = 60_000;
  server.listen(0, '127.0.0.1', () => {
    const a = server.address();
    console.log(`port ${typeof a === 'object' && a !== null ? a.port : 0}`);
  });
  process.on('SIGTERM', () => server.close(() => process.exit(0)));
}
