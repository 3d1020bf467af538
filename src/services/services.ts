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
import { ScanCounts } from './scan-counts.js';
import { SharingService } from './sharing-service.js';
import { ScanRuleService } from './scan-rules-service.js';
import { ScanService } from './scan-service.js';
import { TaxiiService } from './taxii-service.js';
import { StixExportService } from './stix-export-service.js';
import { StixImportService } from './stix-import-service.js';

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
  readonly taxii: TaxiiService;
  readonly stixImport: StixImportService;
  readonly stixExport: StixExportService;
  readonly scanRules: ScanRuleService;
  readonly scanCounts: ScanCounts;
  readonly sharing: SharingService;
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
  const scanRules = new ScanRuleService({ store, clock });
  const scanCounts = new ScanCounts({ store, clock });
  const taxii = new TaxiiService({ store, clock, indicators, index });
  return {
    store,
    directory: new DirectoryService({ store, clock }),
    keys: new KeyService({ store, clock, lastUsedIntervalSeconds: deps.config.keyLastUsedInterval }),
    audit: new AuditService({ store }),
    index,
    indicators,
    check,
    reports,
    scan: new ScanService({ check, rules: scanRules, counts: scanCounts }),
    scanRules,
    scanCounts,
    sharing: new SharingService({ store, clock }),
    taxii,
    stixImport: new StixImportService({ store, taxii }),
    stixExport: new StixExportService({ store, clock, taxii }),
  };
}
