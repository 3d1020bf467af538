/** Organizations and users: create, read, update, with the permission checks and the audit trail. */
import { randomUUID } from 'node:crypto';
import { auditActor, canManageOrg, isPlatformAdmin, type Actor } from '../core/auth/principal.js';
import type { Organization, OrgKind, Sector } from '../core/directory/organization.js';
import { normalizeEmail, type Role, type User } from '../core/directory/user.js';
import { checkOrgInput, checkUserInput } from '../core/directory/validate.js';
import { tocsinError, type ErrorDetail } from '../core/errors/errors.js';
import type { Page, Store } from '../store/store.js';
import { isoNow, type Clock } from './clock.js';

export interface NewOrg {
  readonly name: string;
  readonly country: string;
  readonly sector: Sector;
  readonly kind: OrgKind;
}

export type OrgPatch = Partial<NewOrg>;

export interface NewUser {
  readonly orgId: string;
  readonly name: string;
  readonly email: string;
  readonly role: Role;
}

export interface Listing<T> {
  readonly items: T[];
  readonly total: number;
}

function invalid(details: ErrorDetail[]): never {
  throw tocsinError('TOCSIN_ERR_VALIDATION', details.map((d) => `${d.path}: ${d.message}`).join('; '), {
    details,
  });
}

export class DirectoryService {
  readonly #store: Store;
  readonly #clock: Clock;

  constructor(deps: { store: Store; clock: Clock }) {
    this.#store = deps.store;
    this.#clock = deps.clock;
  }

  async createOrg(actor: Actor, input: NewOrg, opts: { isOperator?: boolean } = {}): Promise<Organization> {
    if (!isPlatformAdmin(actor))
      throw tocsinError(
        'TOCSIN_ERR_FORBIDDEN',
        'only an admin of the operating centre may create organizations',
      );
    const input2 = { ...input, name: input.name.trim(), country: input.country.toUpperCase() };
    const problems = checkOrgInput(input2);
    if (problems.length > 0) invalid(problems);
    const now = isoNow(this.#clock);
    const org: Organization = {
      id: randomUUID(),
      ...input2,
      isOperator: opts.isOperator ?? false,
      createdAt: now,
      updatedAt: now,
    };
    return this.#unique(
      'TOCSIN_ERR_DUPLICATE_ORG',
      `an organization named "${org.name}" already exists`,
      () =>
        this.#store.transaction(async (tx) => {
          if (await tx.orgs.findByName(org.name))
            throw tocsinError(
              'TOCSIN_ERR_DUPLICATE_ORG',
              `an organization named "${org.name}" already exists`,
            );
          await tx.orgs.insert(org);
          await tx.audit.append(
            {
              ...auditActor(actor),
              action: 'org.create',
              objectType: 'org',
              objectId: org.id,
              before: null,
              after: org,
            },
            now,
          );
          return org;
        }),
    );
  }

  async updateOrg(actor: Actor, id: string, patch: OrgPatch): Promise<Organization> {
    if (!isPlatformAdmin(actor))
      throw tocsinError(
        'TOCSIN_ERR_FORBIDDEN',
        'only an admin of the operating centre may change organizations',
      );
    const clean = {
      ...patch,
      ...(patch.name === undefined ? {} : { name: patch.name.trim() }),
      ...(patch.country === undefined ? {} : { country: patch.country.toUpperCase() }),
    };
    const problems = checkOrgInput(clean);
    if (problems.length > 0) invalid(problems);
    const now = isoNow(this.#clock);
    return this.#unique(
      'TOCSIN_ERR_DUPLICATE_ORG',
      `an organization named "${clean.name}" already exists`,
      () =>
        this.#store.transaction(async (tx) => {
          const before = await tx.orgs.get(id);
          if (!before) throw tocsinError('TOCSIN_ERR_NOT_FOUND', `organization ${id} not found`);
          if (clean.name !== undefined) {
            const other = await tx.orgs.findByName(clean.name);
            if (other && other.id !== id)
              throw tocsinError(
                'TOCSIN_ERR_DUPLICATE_ORG',
                `an organization named "${clean.name}" already exists`,
              );
          }
          const after: Organization = { ...before, ...clean, updatedAt: now };
          await tx.orgs.update(after);
          await tx.audit.append(
            { ...auditActor(actor), action: 'org.update', objectType: 'org', objectId: id, before, after },
            now,
          );
          return after;
        }),
    );
  }

  /** The directory of organizations is visible to every authenticated member: sharing needs to name them. */
  async listOrgs(_actor: Actor, page: Page): Promise<Listing<Organization>> {
    const [items, total] = await Promise.all([this.#store.orgs.list(page), this.#store.orgs.count()]);
    return { items, total };
  }

  async getOrg(_actor: Actor, id: string): Promise<Organization> {
    const org = await this.#store.orgs.get(id);
    if (!org) throw tocsinError('TOCSIN_ERR_NOT_FOUND', `organization ${id} not found`);
    return org;
  }

  async createUser(actor: Actor, input: NewUser): Promise<User> {
    const clean = { ...input, name: input.name.trim(), email: normalizeEmail(input.email) };
    const problems = checkUserInput(clean);
    if (problems.length > 0) invalid(problems);
    if (!canManageOrg(actor, clean.orgId))
      throw tocsinError('TOCSIN_ERR_FORBIDDEN', 'only an admin of this organization may add users to it');
    const now = isoNow(this.#clock);
    const user: User = { id: randomUUID(), ...clean, createdAt: now, updatedAt: now };
    return this.#unique('TOCSIN_ERR_DUPLICATE_USER', `a user with e-mail ${user.email} already exists`, () =>
      this.#store.transaction(async (tx) => {
        if (!(await tx.orgs.get(user.orgId))) {
          invalid([{ path: 'orgId', message: `organization ${user.orgId} does not exist` }]);
        }
        if (await tx.users.findByEmail(user.email))
          throw tocsinError('TOCSIN_ERR_DUPLICATE_USER', `a user with e-mail ${user.email} already exists`);
        await tx.users.insert(user);
        await tx.audit.append(
          {
            ...auditActor(actor),
            action: 'user.create',
            objectType: 'user',
            objectId: user.id,
            before: null,
            after: user,
          },
          now,
        );
        return user;
      }),
    );
  }

  /** Admins of the operating centre see every user; an organization's admin sees its users; others see themselves. */
  async listUsers(actor: Actor, filter: { orgId?: string | undefined }, page: Page): Promise<Listing<User>> {
    if (!isPlatformAdmin(actor) && actor.kind === 'user') {
      if (actor.role !== 'admin') {
        const me = await this.#store.users.get(actor.userId);
        const items =
          me && (filter.orgId === undefined || filter.orgId === me.orgId) && page.offset === 0 ? [me] : [];
        return {
          items: items.slice(0, page.limit),
          total: me && (filter.orgId === undefined || filter.orgId === me.orgId) ? 1 : 0,
        };
      }
      if (filter.orgId !== undefined && filter.orgId !== actor.orgId) return { items: [], total: 0 };
      filter = { orgId: actor.orgId };
    }
    const [items, total] = await Promise.all([
      this.#store.users.list(filter, page),
      this.#store.users.count(filter),
    ]);
    return { items, total };
  }

  /** A user the actor may not see is "not found", exactly as one that does not exist. */
  async getUser(actor: Actor, id: string): Promise<User> {
    const user = await this.#store.users.get(id);
    const visible =
      user && (canManageOrg(actor, user.orgId) || (actor.kind === 'user' && actor.userId === id));
    if (!visible) throw tocsinError('TOCSIN_ERR_NOT_FOUND', `user ${id} not found`);
    return user;
  }

  /** Runs a write; a unique violation from a racing writer becomes the given coded error. */
  async #unique<T>(
    code: 'TOCSIN_ERR_DUPLICATE_ORG' | 'TOCSIN_ERR_DUPLICATE_USER',
    message: string,
    fn: () => Promise<T>,
  ): Promise<T> {
    try {
      return await fn();
    } catch (e) {
      if (this.#store.isUniqueViolation(e)) throw tocsinError(code, message, { cause: e });
      throw e;
    }
  }
}
