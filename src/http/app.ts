/**
 * `buildApp(deps)`: the whole HTTP application, ready for `inject()` in tests or `listen()` in `serve`.
 * Routes are thin: validate (schema), authenticate (hook), call one service, map errors (one handler).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Config } from '../config/config.js';
import type { Services } from '../services/services.js';
import { installAuth } from './auth.js';
import { installErrorHandlers } from './error-handler.js';
import { fastCheckListener } from './fast-check.js';
import { installJsonBodies } from './json-body.js';
import { installMetrics } from './metrics.js';
import { installDocsRoutes, installOpenApi } from './openapi.js';
import { installRateLimit } from './rate-limit.js';
import { auditRoutes } from './routes/audit.js';
import { Answer, checkRoutes } from './routes/check.js';
import { Indicator, indicatorRoutes } from './routes/indicators.js';
import { reportRoutes, ReportSchema } from './routes/reports.js';
import { scanRoutes } from './routes/scan.js';
import { taxiiRoutes } from './routes/taxii.js';
import { exportRoutes } from './routes/export.js';
import { importRoutes } from './routes/import.js';
import { scanRuleRoutes } from './routes/scan-rules.js';
import { sharingRoutes } from './routes/sharing.js';
import { healthRoutes } from './routes/health.js';
import { keyRoutes } from './routes/keys.js';
import { orgRoutes } from './routes/orgs.js';
import { userRoutes } from './routes/users.js';
import { SHARED_SCHEMAS } from './schemas.js';

export interface AppDeps {
  readonly services: Services;
  readonly config: Pick<
    Config,
    'logLevel' | 'bodyLimit' | 'trustProxy' | 'anonymousRateLimit' | 'qrMaxBytes'
  >;
  readonly version: string;
  /** Process-level metrics (event loop, memory); off in tests, where many apps share a process. */
  readonly defaultMetrics?: boolean;
}

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  // The lean path for member checks answers before fastify when the app listens (inject() bypasses it).
  const front: { lean?: ReturnType<typeof fastCheckListener> } = {};
  const app = Fastify({
    serverFactory: (handler) =>
      createServer((req: IncomingMessage, res: ServerResponse) => {
        if (front.lean === undefined) handler(req, res);
        else front.lean(req, res, handler);
      }),
    logger: deps.config.logLevel === 'silent' ? false : { level: deps.config.logLevel },
    bodyLimit: deps.config.bodyLimit,
    trustProxy: deps.config.trustProxy,
    ajv: {
      customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true, allErrors: true },
    },
    return503OnClosing: true,
  });
  for (const s of [...SHARED_SCHEMAS, Indicator, Answer, ReportSchema]) app.addSchema(s);
  installErrorHandlers(app);
  installJsonBodies(app);
  installAuth(app, deps.services.keys);
  const metrics = installMetrics(app, {
    defaultMetrics: deps.defaultMetrics ?? false,
    scanCounts: deps.services.scanCounts,
  });
  await installOpenApi(app, deps.version);
  const limits = await installRateLimit(app, {
    anonymousPerMinute: deps.config.anonymousRateLimit,
    qrMaxBytes: deps.config.qrMaxBytes,
  });

  healthRoutes(app, deps.services.store);
  orgRoutes(app, deps.services.directory);
  sharingRoutes(app, deps.services.sharing);
  userRoutes(app, deps.services.directory);
  keyRoutes(app, deps.services.keys);
  auditRoutes(app, deps.services.audit);
  indicatorRoutes(app, deps.services.indicators);
  await checkRoutes(app, deps.services.check, limits);
  reportRoutes(app, deps.services.reports, limits);
  await scanRoutes(app, deps.services.scan);
  scanRuleRoutes(app, {
    rules: deps.services.scanRules,
    scan: deps.services.scan,
    counts: deps.services.scanCounts,
  });
  await taxiiRoutes(app, deps.services.taxii, { maxContentLength: deps.config.bodyLimit });
  exportRoutes(app, deps.services.stixExport);
  importRoutes(app, deps.services.stixImport);
  await installDocsRoutes(app);
  const leanChecks = { served: 0 };
  app.decorate('leanChecks', leanChecks);
  await app.ready();
  front.lean = fastCheckListener({
    stats: leanChecks,
    keys: deps.services.keys,
    check: deps.services.check,
    observe: metrics.recorder('GET', '/api/v1/check', 200),
  });
  return app;
}
