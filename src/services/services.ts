/** Every service, built once from the store and the clock, and passed to the HTTP app and the CLI. */
import type { Config } from '../config/config.js';
import type { Store } from '../store/store.js';
import { loadAllowList } from './allow-list-file.js';
import { AuditService } from './audit-service.js';
import { CheckService } from './check-service.js';
import type { Clock } from './clock.js';
import { DirectoryService } from './directory-service.js';
import { IndicatorIndex } from './indicator-index.js';
import { IndicatorService } from './indicator-service.js';
import { KeyService } from './key-service.js';
import { ReportService } from './report-service.js';
import { ScanService } from './scan-service.js';

export interface Services {
  readonly store: Store;
  readonly directory: DirectoryService;
  readonly keys: KeyService;
  readonly audit: AuditService;
  readonly index: IndicatorIndex;
  readonly indicators: IndicatorService;
  readonly check: CheckService;
  readonly reports: ReportService;
  readonly scan: ScanService;
}

export function buildServices(deps: {
  store: Store;
  clock: Clock;
  config: Pick<Config, 'keyLastUsedInterval'> & Partial<Pick<Config, 'allowListFile'>>;
}): Services {
  const { store, clock } = deps;
  const index = new IndicatorIndex({ store });
  const indicators = new IndicatorService({ store, clock, index });
  const reports = new ReportService({ store, clock, indicators });
  const check = new CheckService({
    store,
    index,
    allowList: loadAllowList(deps.config.allowListFile),
    clock,
    reports: reports.tally,
  });
  return {
    store,
    directory: new DirectoryService({ store, clock }),
    keys: new KeyService({ store, clock, lastUsedIntervalSeconds: deps.config.keyLastUsedInterval }),
    audit: new AuditService({ store }),
    index,
    indicators,
    check,
    reports,
    scan: new ScanService({ check }),
  };
}
