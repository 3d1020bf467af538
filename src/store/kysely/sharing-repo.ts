/** Clients and constituents, and sharing groups, on Kysely. */
import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';
import type { SharingRepo } from '../store.js';

export function sharingRepo(db: Kysely<Database>): SharingRepo {
  return {
    async addClient(orgId, clientOrgId, at) {
      const r = await db
        .insertInto('org_clients')
        .values({ org_id: orgId, client_org_id: clientOrgId, created_at: at })
        .onConflict((oc) => oc.columns(['org_id', 'client_org_id']).doNothing())
        .executeTakeFirst();
      return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
    },
    async removeClient(orgId, clientOrgId) {
      const r = await db
        .deleteFrom('org_clients')
        .where('org_id', '=', orgId)
        .where('client_org_id', '=', clientOrgId)
        .executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    },
    async clientsOf(orgId) {
      const rows = await db
        .selectFrom('org_clients')
        .select('client_org_id')
        .where('org_id', '=', orgId)
        .orderBy('client_org_id')
        .execute();
      return rows.map((r) => r.client_org_id);
    },
    async amberFrom(orgId) {
      const rows = await db
        .selectFrom('org_clients')
        .select('org_id')
        .where('client_org_id', '=', orgId)
        .orderBy('org_id')
        .execute();
      return rows.map((r) => r.org_id);
    },
    async insertGroup(g) {
      await db
        .insertInto('sharing_groups')
        .values({ id: g.id, name: g.name, description: g.description, created_at: g.createdAt })
        .execute();
    },
    async getGroup(id) {
      const r = await db.selectFrom('sharing_groups').selectAll().where('id', '=', id).executeTakeFirst();
      return r && { id: r.id, name: r.name, description: r.description, createdAt: r.created_at };
    },
    async findGroupByName(name) {
      const r = await db.selectFrom('sharing_groups').selectAll().where('name', '=', name).executeTakeFirst();
      return r && { id: r.id, name: r.name, description: r.description, createdAt: r.created_at };
    },
    async listGroups() {
      const rows = await db.selectFrom('sharing_groups').selectAll().orderBy('name').execute();
      return rows.map((r) => ({
        id: r.id,
        name: r.name,
        description: r.description,
        createdAt: r.created_at,
      }));
    },
    async addMember(groupId, orgId, at) {
      const r = await db
        .insertInto('sharing_group_members')
        .values({ group_id: groupId, org_id: orgId, created_at: at })
        .onConflict((oc) => oc.columns(['group_id', 'org_id']).doNothing())
        .executeTakeFirst();
      return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
    },
    async removeMember(groupId, orgId) {
      const r = await db
        .deleteFrom('sharing_group_members')
        .where('group_id', '=', groupId)
        .where('org_id', '=', orgId)
        .executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    },
    async membersOf(groupId) {
      const rows = await db
        .selectFrom('sharing_group_members')
        .select('org_id')
        .where('group_id', '=', groupId)
        .orderBy('org_id')
        .execute();
      return rows.map((r) => r.org_id);
    },
    async groupsOf(orgId) {
      const rows = await db
        .selectFrom('sharing_group_members')
        .select('group_id')
        .where('org_id', '=', orgId)
        .orderBy('group_id')
        .execute();
      return rows.map((r) => r.group_id);
    },
  };
}
