/** Opens the configured store and builds the services for one CLI command, and closes them after. */
import type { Config } from '../config/config.js';
import { systemClock } from '../services/clock.js';
import { buildServices, type Services } from '../services/services.js';
import { openStore } from '../store/open-store.js';

export async function withServices<T>(config: Config, fn: (s: Services) => Promise<T>): Promise<T> {
  const store = await openStore(config);
  try {
    return await fn(buildServices({ store, clock: systemClock, config }));
  } finally {
    await store.close();
  }
}
