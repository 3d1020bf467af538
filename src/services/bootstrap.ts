/**
 * First run: create the operating centre, its first admin user and an admin API key, once. Later starts find
 * them and change nothing.
 */
import { SYSTEM } from '../core/auth/principal.js';
import type { Store } from '../store/store.js';
import type { DirectoryService } from './directory-service.js';
import type { KeyService } from './key-service.js';

export interface BootstrapResult {
  readonly created: boolean;
  readonly orgId: string;
  /** The admin's API key, present only on the run that created it. */
  readonly adminKey?: string;
}

export async function ensureOperator(
  deps: { store: Store; directory: DirectoryService; keys: KeyService },
  operator: { name: string; country: string; adminEmail: string },
): Promise<BootstrapResult> {
  const existing = await deps.store.orgs.findOperator();
  if (existing) return { created: false, orgId: existing.id };
  const org = await deps.directory.createOrg(
    SYSTEM,
    { name: operator.name, country: operator.country, sector: 'government', kind: 'national-centre' },
    { isOperator: true },
  );
  const admin = await deps.directory.createUser(SYSTEM, {
    orgId: org.id,
    name: 'Administrator',
    email: operator.adminEmail,
    role: 'admin',
  });
  const { key } = await deps.keys.createKey(SYSTEM, { userId: admin.id, name: 'first-run admin key' });
  return { created: true, orgId: org.id, adminKey: key };
}
