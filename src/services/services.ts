/** Every service, built once from the store and the clock, and passed to the HTTP app and the CLI. */
import type { Config } from '../config/config.js';
import type { Store } from '../store/store.js';
import { AuditService } from './audit-service.js';
import type { Clock } from './clock.js';
import { DirectoryService } from './directory-service.js';
import { KeyService } from './key-service.js';

export interface Services {
  readonly store: Store;
  readonly directory: DirectoryService;
  readonly keys: KeyService;
  readonly audit: AuditService;
}

export function buildServices(deps: {
  store: Store;
  clock: Clock;
  config: Pick<Config, 'keyLastUsedInterval'>;
}): Services {
  const { store, clock } = deps;
  return {
    store,
    directory: new DirectoryService({ store, clock }),
    keys: new KeyService({ store, clock, lastUsedIntervalSeconds: deps.config.keyLastUsedInterval }),
    audit: new AuditService({ store }),
  };
}
