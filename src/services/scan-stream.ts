/** Starts the scan stream on NATS JetStream when configured: the bus, the viewer it scans for, the worker. */
import { NatsScanBus, natsNames } from '../bus/nats/nats-scan-bus.js';
import { tocsinError } from '../core/errors/errors.js';
import type { Viewer } from '../core/sharing/tlp.js';
import type { Config } from '../config/config.js';
import { ScanWorker } from './scan-worker.js';
import type { Services } from './services.js';

/**
 * The viewer the stream is scanned for: the configured organization (by id or name), or, when none is,
 * a member of no organization, who sees CLEAR and GREEN indicators and rules only: verdicts on a shared
 * bus must not carry what TLP keeps from its readers.
 */
export async function streamViewer(services: Services, org: string | undefined): Promise<Viewer> {
  if (org === undefined) return { kind: 'member', orgId: '', isOperator: false };
  const found = (await services.store.orgs.get(org)) ?? (await services.store.orgs.findByName(org));
  if (found === undefined) throw tocsinError('TOCSIN_ERR_CONFIG', `TOCSIN_NATS_ORG: no organization ${org}`);
  return { kind: 'member', orgId: found.id, isOperator: found.isOperator };
}

/** The running stream scanner, or undefined when `TOCSIN_NATS_URL` is not set. */
export async function startScanStream(
  services: Services,
  nats: Config['nats'],
  onError: (e: unknown) => void,
): Promise<{ worker: ScanWorker; description: string } | undefined> {
  if (nats.url === undefined) return undefined;
  const viewer = await streamViewer(services, nats.org);
  const bus = await NatsScanBus.open({ url: nats.url, prefix: nats.prefix, ackWaitMs: nats.ackWaitMs });
  // Four batches in hand: while one is scanned, the others' verdicts travel to JetStream and back.
  const worker = new ScanWorker({
    bus,
    scan: services.scan,
    viewer,
    batch: nats.batch,
    onError,
    concurrency: 4,
  });
  worker.start();
  const n = natsNames(nats.prefix);
  return {
    worker,
    description: `scanning ${n.inSubjects} (stream ${n.inStream}, consumer tocsin-scanner) into ${n.outSubjects} on ${nats.url}`,
  };
}
