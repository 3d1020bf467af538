/** API keys: issue (shown once), list, revoke, and authenticate a presented key. */
import { timingSafeEqual } from 'node:crypto';
import { apiKeyId, apiKeyMatches, generateApiKey } from '../core/auth/api-key.js';
import {
  auditActor,
  canManageOrg,
  isPlatformAdmin,
  type Actor,
  type Principal,
} from '../core/auth/principal.js';
import { tocsinError } from '../core/errors/errors.js';
import type { ApiKeyRecord, Page, Store } from '../store/store.js';
import { isoNow, type Clock } from './clock.js';

/** A key as listed: never its hash. */
export type ApiKeyView = Omit<ApiKeyRecord, 'hash'>;

export function keyView(k: ApiKeyRecord): ApiKeyView {
  const { hash: _hash, ...view } = k;
  return view;
}

/**
 * How long a key, once verified against the store, is trusted from memory: three queries a request are
 * otherwise the largest cost of a cheap check. A key revoked through this process stops at once; one revoked
 * through another process or node stops within this time.
 */
export const KEY_CACHE_MS = 5_000;
const KEY_CACHE_SIZE = 10_000;

interface CachedKey {
  readonly hash: string;
  /**
   * The key as presented when it was verified against `hash`: the same key presented again is recognised by
   * a constant-time comparison, without hashing it again (SHA-256 and its hex encodings cost more than
   * checking a phone number). Kept in memory only, and only as long as the entry.
   */
  readonly verified: Buffer;
  readonly principal: Principal;
  readonly until: number;
  lastUsed: number;
}

export class KeyService {
  readonly #cache = new Map<string, CachedKey>();
  readonly #store: Store;
  readonly #clock: Clock;
  readonly #touchEveryMs: number;

  constructor(deps: { store: Store; clock: Clock; lastUsedIntervalSeconds: number }) {
    this.#store = deps.store;
    this.#clock = deps.clock;
    this.#touchEveryMs = deps.lastUsedIntervalSeconds * 1000;
  }

  /** Issues a key for `userId` (default: the actor). The whole key is returned this once and never again. */
  async createKey(
    actor: Actor,
    input: { userId?: string | undefined; name: string },
  ): Promise<{ key: string; record: ApiKeyView }> {
    const userId = input.userId ?? (actor.kind === 'user' ? actor.userId : undefined);
    if (userId === undefined) throw tocsinError('TOCSIN_ERR_VALIDATION', 'userId is required');
    const name = input.name.trim();
    if (name === '' || name.length > 200)
      throw tocsinError('TOCSIN_ERR_VALIDATION', 'name: must be 1 to 200 characters', {
        details: [{ path: 'name', message: 'must be 1 to 200 characters' }],
      });
    const now = isoNow(this.#clock);
    return this.#store.transaction(async (tx) => {
      const user = await tx.users.get(userId);
      const self = actor.kind === 'user' && actor.userId === userId;
      if (!user || (!self && !canManageOrg(actor, user.orgId)))
        throw tocsinError('TOCSIN_ERR_NOT_FOUND', `user ${userId} not found`);
      const k = generateApiKey();
      const record: ApiKeyRecord = {
        id: k.id,
        userId,
        name,
        hash: k.hash,
        hint: k.hint,
        createdAt: now,
        lastUsedAt: null,
        revokedAt: null,
      };
      await tx.keys.insert(record);
      await tx.audit.append(
        {
          ...auditActor(actor),
          action: 'key.create',
          objectType: 'api-key',
          objectId: k.id,
          before: null,
          after: keyView(record),
        },
        now,
      );
      return { key: k.key, record: keyView(record) };
    });
  }

  /** Users see their own keys; an organization's admin sees its users' keys; the operating centre's admins see all. */
  async listKeys(
    actor: Actor,
    filter: { userId?: string | undefined; orgId?: string | undefined },
    page: Page,
  ): Promise<ApiKeyView[]> {
    if (actor.kind === 'user' && !isPlatformAdmin(actor)) {
      if (actor.role === 'admin') {
        if (filter.orgId !== undefined && filter.orgId !== actor.orgId) return [];
        filter = { ...filter, orgId: actor.orgId };
      } else {
        if (filter.userId !== undefined && filter.userId !== actor.userId) return [];
        filter = { userId: actor.userId };
      }
    }
    return (await this.#store.keys.list(filter, page)).map(keyView);
  }

  async revokeKey(actor: Actor, id: string): Promise<ApiKeyView> {
    const now = isoNow(this.#clock);
    return this.#store.transaction(async (tx) => {
      const before = await tx.keys.get(id);
      const owner = before && (await tx.users.get(before.userId));
      const self = actor.kind === 'user' && before?.userId === actor.userId;
      if (!before || !owner || (!self && !canManageOrg(actor, owner.orgId)))
        throw tocsinError('TOCSIN_ERR_NOT_FOUND', `API key ${id} not found`);
      if (before.revokedAt !== null)
        throw tocsinError('TOCSIN_ERR_KEY_REVOKED', `API key ${id} was revoked at ${before.revokedAt}`);
      await tx.keys.revoke(id, now);
      this.#cache.delete(id);
      const after: ApiKeyRecord = { ...before, revokedAt: now };
      await tx.audit.append(
        {
          ...auditActor(actor),
          action: 'key.revoke',
          objectType: 'api-key',
          objectId: id,
          before: keyView(before),
          after: keyView(after),
        },
        now,
      );
      return keyView(after);
    });
  }

  /**
   * The principal of a key verified within the cache's time, at once: what `authenticate` answers without
   * the store. Undefined when `authenticate` has more to do (a key not cached, or whose last use is due to be
   * written): the lean check path answers without waiting when it can.
   */
  cachedPrincipal(presented: string): Principal | undefined {
    const id = apiKeyId(presented);
    const cached = id === undefined ? undefined : this.#cache.get(id);
    if (cached === undefined) return undefined;
    const nowMs = this.#clock().getTime();
    if (cached.until <= nowMs || nowMs - cached.lastUsed >= this.#touchEveryMs) return undefined;
    return sameKey(presented, cached) ? cached.principal : undefined;
  }

  /**
   * Finds the principal behind a presented key. Unknown, malformed and revoked keys get the same error, so
   * that a caller cannot tell which keys exist.
   */
  async authenticate(presented: string): Promise<Principal> {
    const known = this.cachedPrincipal(presented);
    if (known !== undefined) return known;
    const id = apiKeyId(presented);
    const cached = id === undefined ? undefined : this.#cache.get(id);
    const nowMs = this.#clock().getTime();
    if (cached !== undefined && cached.until > nowMs && sameKey(presented, cached)) {
      if (nowMs - cached.lastUsed >= this.#touchEveryMs) {
        cached.lastUsed = nowMs;
        await this.#store.keys.touch(cached.principal.keyId, new Date(nowMs).toISOString());
      }
      return cached.principal;
    }
    const record = id === undefined ? undefined : await this.#store.keys.get(id);
    if (!record || record.revokedAt !== null || !apiKeyMatches(presented, record.hash)) {
      throw tocsinError('TOCSIN_ERR_INVALID_CREDENTIALS');
    }
    const user = await this.#store.users.get(record.userId);
    const org = user && (await this.#store.orgs.get(user.orgId));
    if (!user || !org) throw tocsinError('TOCSIN_ERR_INVALID_CREDENTIALS');
    const now = this.#clock();
    if (record.lastUsedAt === null || now.getTime() - Date.parse(record.lastUsedAt) >= this.#touchEveryMs) {
      // Bookkeeping, not a change anyone made: not audited, and written at most once per interval per key.
      await this.#store.keys.touch(record.id, now.toISOString());
    }
    const principal: Principal = {
      kind: 'user',
      userId: user.id,
      orgId: org.id,
      role: user.role,
      orgIsOperator: org.isOperator,
      keyId: record.id,
      // Read with the key and kept as long as it is (KEY_CACHE_MS): a new client or group member is seen
      // within that time, as a revoked key on another node is.
      amberFrom: await this.#store.sharing.amberFrom(org.id),
      groups: await this.#store.sharing.groupsOf(org.id),
    };
    if (this.#cache.size >= KEY_CACHE_SIZE) this.#cache.clear();
    this.#cache.set(record.id, {
      hash: record.hash,
      verified: Buffer.from(presented, 'utf8'),
      principal,
      until: now.getTime() + KEY_CACHE_MS,
      lastUsed: now.getTime(),
    });
    return principal;
  }
}

/** Whether `presented` is the key the cache entry was verified with (constant time), else checks the hash. */
function sameKey(presented: string, cached: CachedKey): boolean {
  const p = Buffer.from(presented, 'utf8');
  if (p.length === cached.verified.length && timingSafeEqual(p, cached.verified)) return true;
  return apiKeyMatches(presented, cached.hash);
}
