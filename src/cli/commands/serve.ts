/** `tocsin serve`: migrate, bootstrap on first run, and serve HTTP until stopped. */
import cluster from 'node:cluster';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../../config/config.js';
import { buildApp } from '../../http/app.js';
import { ensureOperator } from '../../services/bootstrap.js';
import { systemClock } from '../../services/clock.js';
import { startScanStream } from '../../services/scan-stream.js';
import { buildServices } from '../../services/services.js';
import { openStore } from '../../store/open-store.js';
import type { CliIo } from '../io.js';
import { VERSION } from '../version.js';

/** How often the scanner's daily counts are written to the store. */
const SCAN_COUNTS_FLUSH_MS = 5_000;

export async function serve(io: CliIo, config: Config): Promise<void> {
  if (config.workers > 1 && cluster.isPrimary) return servePrimary(io, config);
  const store = await openStore(config);
  try {
    const services = buildServices({ store, clock: systemClock, config });
    const boot = await ensureOperator(services, config.operator);
    if (boot.adminKey !== undefined) announceAdminKey(io, config, boot.adminKey);
    const started = Date.now();
    const bar = io.progress('loading indicators', 0);
    const loaded = await services.index.load((p) => bar.update(p.done, p.total));
    bar.stop();
    io.stdout(
      `index: ${loaded.entries} indicators loaded in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
    );
    await services.scanRules.load();
    const app = await buildApp({ services, config, version: VERSION, defaultMetrics: true });
    // Changes made elsewhere (another node, the CLI on the same database) reach this index within the interval.
    const stopFollowing = services.index.follow(config.indexFollowMs, (e) =>
      app.log.error({ err: e }, 'index catch-up failed'),
    );
    await services.reports.tally.refresh(store);
    const tallyTimer = setInterval(() => {
      services.reports.tally
        .refresh(store)
        .catch((e: unknown) => app.log.error({ err: e }, 'report tally refresh failed'));
    }, config.indexFollowMs);
    tallyTimer.unref();
    // Rules edited on another node reach this one's scanner; scan counts reach the store every few seconds.
    services.scanRules.follow(config.indexFollowMs, (e) => app.log.error({ err: e }, 'rule reload failed'));
    services.scanCounts.start(SCAN_COUNTS_FLUSH_MS, (e) =>
      app.log.error({ err: e }, 'writing scan counts failed'),
    );
    const stream = await startScanStream(services, config.nats, (e) =>
      app.log.error({ err: e }, 'scan stream failed'),
    );
    if (stream !== undefined) io.stdout(`${stream.description}\n`);
    try {
      const address = await app.listen({ host: config.host, port: config.port });
      io.stdout(`Tocsin ${VERSION} serving on ${address} (store: ${store.dialect} ${store.location})\n`);
      io.stdout(`API docs: ${address}/api/docs\n`);
      const signal = await io.stopSignal;
      io.stdout(`${signal}: stopping\n`);
    } finally {
      stopFollowing();
      clearInterval(tallyTimer);
      services.scanRules.stop();
      // The batch in hand is finished and acknowledged; the rest waits in the stream for the next start.
      await stream?.worker.stop();
      await app.close();
      await services.scanCounts.stop();
    }
  } finally {
    await store.close();
  }
}

/**
 * The young generation of a worker's heap, unless node was told otherwise: 64 MiB semi-spaces instead of
 * V8's 16. A batch of 10,000 checks or messages allocates some 20 MB that lives until its answer is written;
 * with the default, most of it is copied once or twice before it dies (a batch check took 10–20% less CPU
 * with 64, in process). It costs at most 3 × 64 MiB of memory per worker, reached only under such load.
 */
export function workerExecArgv(execArgv: readonly string[], nodeOptions: string | undefined): string[] {
  const given = [...execArgv, ...(nodeOptions ?? '').split(/\s+/)].some((a) =>
    /^--max-semi-space-size(=|$)/.test(a.replaceAll('_', '-')),
  );
  return given ? [...execArgv] : [...execArgv, '--max-semi-space-size=64'];
}

/**
 * With several workers, this process only supervises: it migrates and bootstraps once, forks the workers
 * (which share the port through node:cluster, each with its own index following the store), replaces a
 * worker that dies, and stops them all on SIGINT/SIGTERM.
 */
async function servePrimary(io: CliIo, config: Config): Promise<void> {
  const store = await openStore(config);
  try {
    const boot = await ensureOperator(buildServices({ store, clock: systemClock, config }), config.operator);
    if (boot.adminKey !== undefined) announceAdminKey(io, config, boot.adminKey);
  } finally {
    await store.close();
  }
  let stopping = false;
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    io.stderr(`worker ${worker.process.pid ?? '?'} exited (${signal ?? code}); starting another\n`);
    cluster.fork();
  });
  // NODE_OPTIONS is node's own setting, not Tocsin's: read only to leave a size given there in force.
  // eslint-disable-next-line no-restricted-syntax
  const nodeOptions = process.env['NODE_OPTIONS'];
  cluster.setupPrimary({ execArgv: workerExecArgv(process.execArgv, nodeOptions) });
  for (let i = 0; i < config.workers; i++) cluster.fork();
  io.stdout(
    `Tocsin ${VERSION}: primary ${process.pid} started ${config.workers} workers on ${config.host}:${config.port}\n`,
  );
  const signal = await io.stopSignal;
  stopping = true;
  io.stdout(`${signal}: stopping the workers\n`);
  const workers = Object.values(cluster.workers ?? {}).filter((w) => w !== undefined);
  // Waiting on promises alone does not keep a process alive, and a worker closing its server needs this
  // process to answer over IPC: hold the event loop open until every worker has gone, for 10 s at most.
  const hold = setInterval(() => undefined, 1000);
  const force = setTimeout(() => workers.forEach((w) => w.process.kill('SIGKILL')), 10_000);
  try {
    await Promise.all(
      workers.map(
        (w) =>
          new Promise<void>((resolve) => {
            if (w.isDead()) return resolve();
            w.once('exit', () => resolve());
            // A signal, not worker.kill(): that first waits for the worker to close every connection it holds.
            w.process.kill('SIGTERM');
          }),
      ),
    );
  } finally {
    clearInterval(hold);
    clearTimeout(force);
  }
}

/** The first run's admin key: printed once, and kept in a file only its owner can read. */
function announceAdminKey(io: CliIo, config: Config, key: string): void {
  mkdirSync(config.dataDir, { recursive: true });
  const file = join(config.dataDir, 'admin-key.txt');
  writeFileSync(file, key + '\n', { mode: 0o600 });
  chmodSync(file, 0o600);
  io.stdout(
    [
      '',
      `First run: created the organization "${config.operator.name}" and the admin user ${config.operator.adminEmail}.`,
      'Admin API key (shown this once; also written to ' + file + ', mode 0600):',
      '',
      `    ${key}`,
      '',
      `Try: curl -H "Authorization: Bearer $(cat ${file})" http://${config.host}:${config.port}/api/v1/users/me`,
      '',
    ].join('\n') + '\n',
  );
}
