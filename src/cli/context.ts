/** Opens the configured store and builds the services for one CLI command, and closes them after. */
import type { Config } from '../config/config.js';
import { systemClock } from '../services/clock.js';
import { buildServices, type Services } from '../services/services.js';
import { openStore } from '../store/open-store.js';
import type { CliIo } from './io.js';

export async function withServices<T>(config: Config, fn: (s: Services) => Promise<T>): Promise<T> {
  const store = await openStore(config);
  try {
    return await fn(buildServices({ store, clock: systemClock, config }));
  } finally {
    await store.close();
  }
}

/** Loads the in-memory index, with a progress bar: the check and the scanner answer from it. */
export async function loadIndex(io: CliIo, s: Services): Promise<void> {
  const bar = io.progress('loading indicators', 0);
  try {
    await s.index.load((p) => bar.update(p.done, p.total));
  } finally {
    bar.stop();
  }
}
