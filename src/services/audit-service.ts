/** Reading and verifying the audit chain. */
import { isPlatformAdmin, type Actor } from '../core/auth/principal.js';
import type { AuditEntry } from '../core/audit/audit-entry.js';
import { verifyChain, type ChainVerdict } from '../core/audit/verify-chain.js';
import { tocsinError } from '../core/errors/errors.js';
import type { Page, Store } from '../store/store.js';

export class AuditService {
  readonly #store: Store;

  constructor(deps: { store: Store }) {
    this.#store = deps.store;
  }

  /** Walks the whole chain, page by page, and names the first entry that was changed or removed. */
  async verify(): Promise<ChainVerdict> {
    const head = await this.#store.audit.head();
    return verifyChain(this.#store.audit.entries(), head);
  }

  /** The newest entries first; the trail names every organization's actions, so only the operating centre's admins read it. */
  async list(actor: Actor, page: Page): Promise<AuditEntry[]> {
    if (!isPlatformAdmin(actor))
      throw tocsinError(
        'TOCSIN_ERR_FORBIDDEN',
        'only an admin of the operating centre may read the audit trail',
      );
    return this.#store.audit.list(page);
  }
}
