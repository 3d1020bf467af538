/** An app on a real store, bootstrapped like a first run, for in-process HTTP tests through `inject()`. */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/http/app.js';
import { ensureOperator } from '../../src/services/bootstrap.js';
import { systemClock } from '../../src/services/clock.js';
import { buildServices, type Services } from '../../src/services/services.js';
import type { KyselyStore } from '../../src/store/kysely/kysely-store.js';
import type { StoreFactory } from './stores.js';

export interface TestApp {
  readonly app: FastifyInstance;
  readonly store: KyselyStore;
  readonly services: Services;
  readonly adminKey: string;
  readonly operatorOrgId: string;
  /** A request with a key (default: the admin's). */
  call(
    method: string,
    url: string,
    opts?: { key?: string | null; body?: unknown; headers?: Record<string, string> },
  ): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

export async function testApp(
  factory: StoreFactory,
  opts: { anonymousRateLimit?: number } = {},
): Promise<TestApp> {
  const store = await factory.open();
  const services = buildServices({ store, clock: systemClock, config: { keyLastUsedInterval: 60 } });
  const boot = await ensureOperator(services, {
    name: 'Test National Centre',
    country: 'VN',
    adminEmail: 'admin@ncsc.test',
  });
  await services.index.load();
  await services.scanRules.load();
  const app = await buildApp({
    services,
    config: {
      logLevel: 'silent',
      bodyLimit: 1024 * 1024,
      trustProxy: false,
      anonymousRateLimit: opts.anonymousRateLimit ?? 10_000,
      qrMaxBytes: 512 * 1024,
    },
    version: 'test',
  });
  return {
    app,
    store,
    services,
    adminKey: boot.adminKey ?? '',
    operatorOrgId: boot.orgId,
    call(method, url, opts = {}) {
      const key = opts.key === undefined ? boot.adminKey : opts.key;
      const headers: Record<string, string> = {
        ...(key === null || key === undefined ? {} : { authorization: `Bearer ${key}` }),
        ...opts.headers,
      };
      return app.inject({
        method: method as 'GET',
        url,
        headers,
        ...(opts.body === undefined ? {} : { payload: opts.body as object }),
      });
    },
    async close() {
      await app.close();
      await store.close();
    },
  };
}
