/**
 * The versioned, forward-only migrations every database shares, applied in name order at start-up.
 * Add a file `NNNN-what.ts` with an `up` function and list it here; never edit one that has shipped.
 */
import type { Kysely, Migration } from 'kysely';
import type { StoreDialect } from '../dialect.js';
import * as m0001 from './0001-foundation.js';
import * as m0002 from './0002-indicators.js';
import * as m0003 from './0003-reports.js';
import * as m0004 from './0004-index-load.js';
import * as m0005 from './0005-scan.js';
import * as m0006 from './0006-stix.js';
import * as m0007 from './0007-sharing.js';
import * as m0008 from './0008-stix-version-ends.js';

type Up = (db: Kysely<unknown>, types: StoreDialect['types']) => Promise<void>;

const ALL: ReadonlyArray<readonly [string, Up]> = [
  ['0001-foundation', m0001.up],
  ['0002-indicators', m0002.up],
  ['0003-reports', m0003.up],
  ['0004-index-load', m0004.up],
  ['0005-scan', m0005.up],
  ['0006-stix', m0006.up],
  ['0007-sharing', m0007.up],
  ['0008-stix-version-ends', m0008.up],
];

export function migrationsFor(types: StoreDialect['types']): Record<string, Migration> {
  const out: Record<string, Migration> = {};
  for (const [name, up] of ALL) out[name] = { up: (db) => up(db, types) };
  return out;
}

export const MIGRATION_NAMES: readonly string[] = ALL.map(([n]) => n);
