/**
 * Sharing beyond TLP levels: the clients and constituents an organization names (its AMBER reaches them)
 * and sharing groups (named as recipients of AMBER+STRICT or RED objects, they reach their members). Every
 * change is audited. A viewer's relations are read with its API key, so a change is seen within the key
 * cache's time (5 s).
 */
import { randomUUID } from 'node:crypto';
import { auditActor, canManageOrg, isPlatformAdmin, type Actor } from '../core/auth/principal.js';
import { tocsinError } from '../core/errors/errors.js';
import type { SharingGroup, Store } from '../store/store.js';
import { isoNow, type Clock } from './clock.js';

export interface GroupView extends SharingGroup {
  /** Member organization ids. */
  readonly members: readonly string[];
}

export class SharingService {
  readonly #store: Store;
  readonly #clock: Clock;

  constructor(deps: { store: Store; clock: Clock }) {
    this.#store = deps.store;
    this.#clock = deps.clock;
  }

  async #org(id: string) {
    const org = await this.#store.orgs.get(id);
    if (org === undefined) throw tocsinError('TOCSIN_ERR_NOT_FOUND', `no organization ${id}`);
    return org;
  }

  /** The clients of `orgId`: for its own users and the centre's admins. */
  async clients(actor: Actor, orgId: string): Promise<string[]> {
    await this.#org(orgId);
    if (!isPlatformAdmin(actor) && !(actor.kind === 'user' && actor.orgId === orgId))
      throw tocsinError('TOCSIN_ERR_FORBIDDEN', "only the organization's own users see its clients");
    return this.#store.sharing.clientsOf(orgId);
  }

  /** `orgId` names `clientId` as a client or constituent (its admins, or the centre's). */
  async setClient(actor: Actor, orgId: string, clientId: string, named: boolean): Promise<void> {
    if (!canManageOrg(actor, orgId))
      throw tocsinError('TOCSIN_ERR_FORBIDDEN', "only the organization's admins name its clients");
    await this.#org(orgId);
    await this.#org(clientId);
    if (orgId === clientId)
      throw tocsinError('TOCSIN_ERR_VALIDATION', 'an organization is not its own client', {
        details: [{ path: 'clientId', message: 'must be another organization' }],
      });
    const now = isoNow(this.#clock);
    await this.#store.transaction(async (tx) => {
      const changed = named
        ? await tx.sharing.addClient(orgId, clientId, now)
        : await tx.sharing.removeClient(orgId, clientId);
      if (!changed) return;
      const relation = { orgId, clientOrgId: clientId };
      await tx.audit.append(
        {
          ...auditActor(actor),
          action: named ? 'org.client.add' : 'org.client.remove',
          objectType: 'org',
          objectId: orgId,
          before: named ? null : relation,
          after: named ? relation : null,
        },
        now,
      );
    });
  }

  async createGroup(
    actor: Actor,
    input: { name: string; description?: string | undefined },
  ): Promise<GroupView> {
    if (!isPlatformAdmin(actor))
      throw tocsinError(
        'TOCSIN_ERR_FORBIDDEN',
        'only an admin of the operating centre creates sharing groups',
      );
    const name = input.name.trim();
    if (name === '')
      throw tocsinError('TOCSIN_ERR_VALIDATION', 'name: must not be blank', {
        details: [{ path: 'name', message: 'must not be blank' }],
      });
    const g: SharingGroup = {
      id: randomUUID(),
      name,
      description: input.description?.trim() ?? '',
      createdAt: isoNow(this.#clock),
    };
    try {
      await this.#store.transaction(async (tx) => {
        if (await tx.sharing.findGroupByName(name))
          throw tocsinError('TOCSIN_ERR_DUPLICATE_GROUP', `a sharing group named ${name} exists`);
        await tx.sharing.insertGroup(g);
        await tx.audit.append(
          {
            ...auditActor(actor),
            action: 'group.create',
            objectType: 'group',
            objectId: g.id,
            before: null,
            after: g,
          },
          g.createdAt,
        );
      });
    } catch (e) {
      if (this.#store.isUniqueViolation(e))
        throw tocsinError('TOCSIN_ERR_DUPLICATE_GROUP', `a sharing group named ${name} exists`);
      throw e;
    }
    return { ...g, members: [] };
  }

  /** Groups: the centre's admins see all; a member organization sees the groups it belongs to. */
  async listGroups(actor: Actor): Promise<GroupView[]> {
    const all = await this.#store.sharing.listGroups();
    const mine = actor.kind === 'user' ? new Set(await this.#store.sharing.groupsOf(actor.orgId)) : new Set();
    const visible = isPlatformAdmin(actor) ? all : all.filter((g) => mine.has(g.id));
    return Promise.all(
      visible.map(async (g) => ({ ...g, members: await this.#store.sharing.membersOf(g.id) })),
    );
  }

  /** One group; one the caller may not see is "not found", like one that does not exist. */
  async getGroup(actor: Actor, id: string): Promise<GroupView> {
    const g = await this.#store.sharing.getGroup(id);
    const members = g === undefined ? [] : await this.#store.sharing.membersOf(id);
    if (
      g === undefined ||
      !(isPlatformAdmin(actor) || (actor.kind === 'user' && members.includes(actor.orgId)))
    )
      throw tocsinError('TOCSIN_ERR_NOT_FOUND', `no sharing group ${id}`);
    return { ...g, members };
  }

  async setMember(actor: Actor, groupId: string, orgId: string, member: boolean): Promise<void> {
    if (!isPlatformAdmin(actor))
      throw tocsinError(
        'TOCSIN_ERR_FORBIDDEN',
        'only an admin of the operating centre manages sharing groups',
      );
    if ((await this.#store.sharing.getGroup(groupId)) === undefined)
      throw tocsinError('TOCSIN_ERR_NOT_FOUND', `no sharing group ${groupId}`);
    await this.#org(orgId);
    const now = isoNow(this.#clock);
    await this.#store.transaction(async (tx) => {
      const changed = member
        ? await tx.sharing.addMember(groupId, orgId, now)
        : await tx.sharing.removeMember(groupId, orgId);
      if (!changed) return;
      const m = { groupId, orgId };
      await tx.audit.append(
        {
          ...auditActor(actor),
          action: member ? 'group.member.add' : 'group.member.remove',
          objectType: 'group',
          objectId: groupId,
          before: member ? null : m,
          after: member ? m : null,
        },
        now,
      );
    });
  }
}
