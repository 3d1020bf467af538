/** Organizations, users and API keys on Kysely. */
import type { Kysely } from 'kysely';
import type { Organization } from '../../core/directory/organization.js';
import type { User } from '../../core/directory/user.js';
import type { ApiKeyRecord, KeyRepo, OrgRepo, Page, UserRepo } from '../store.js';
import type { Database } from '../schema.js';
import { toKey, toOrg, toUser } from './rows.js';

export function orgRepo(db: Kysely<Database>): OrgRepo {
  const row = (o: Organization) => ({
    id: o.id,
    name: o.name,
    name_key: o.name.toLowerCase(),
    country: o.country,
    sector: o.sector,
    kind: o.kind,
    is_operator: o.isOperator ? 1 : 0,
    created_at: o.createdAt,
    updated_at: o.updatedAt,
  });
  return {
    async insert(o) {
      await db.insertInto('orgs').values(row(o)).execute();
    },
    async get(id) {
      const r = await db.selectFrom('orgs').selectAll().where('id', '=', id).executeTakeFirst();
      return r && toOrg(r);
    },
    async findByName(name) {
      const r = await db
        .selectFrom('orgs')
        .selectAll()
        .where('name_key', '=', name.toLowerCase())
        .executeTakeFirst();
      return r && toOrg(r);
    },
    async findOperator() {
      const r = await db
        .selectFrom('orgs')
        .selectAll()
        .where('is_operator', '=', 1)
        .orderBy('created_at')
        .executeTakeFirst();
      return r && toOrg(r);
    },
    async list(page: Page) {
      const rows = await db
        .selectFrom('orgs')
        .selectAll()
        .orderBy('name_key')
        .limit(page.limit)
        .offset(page.offset)
        .execute();
      return rows.map(toOrg);
    },
    async count() {
      const r = await db
        .selectFrom('orgs')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },
    async update(o) {
      const { id: _id, created_at: _c, ...rest } = row(o);
      await db.updateTable('orgs').set(rest).where('id', '=', o.id).execute();
    },
  };
}

export function userRepo(db: Kysely<Database>): UserRepo {
  return {
    async insert(u: User) {
      await db
        .insertInto('users')
        .values({
          id: u.id,
          org_id: u.orgId,
          name: u.name,
          email: u.email,
          role: u.role,
          created_at: u.createdAt,
          updated_at: u.updatedAt,
        })
        .execute();
    },
    async get(id) {
      const r = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
      return r && toUser(r);
    },
    async findByEmail(email) {
      const r = await db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
      return r && toUser(r);
    },
    async list(filter, page) {
      let q = db.selectFrom('users').selectAll();
      if (filter.orgId !== undefined) q = q.where('org_id', '=', filter.orgId);
      const rows = await q.orderBy('email').limit(page.limit).offset(page.offset).execute();
      return rows.map(toUser);
    },
    async count(filter) {
      let q = db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n'));
      if (filter.orgId !== undefined) q = q.where('org_id', '=', filter.orgId);
      const r = await q.executeTakeFirstOrThrow();
      return Number(r.n);
    },
  };
}

export function keyRepo(db: Kysely<Database>): KeyRepo {
  return {
    async insert(k: ApiKeyRecord) {
      await db
        .insertInto('api_keys')
        .values({
          id: k.id,
          user_id: k.userId,
          name: k.name,
          hash: k.hash,
          hint: k.hint,
          created_at: k.createdAt,
          last_used_at: k.lastUsedAt,
          revoked_at: k.revokedAt,
        })
        .execute();
    },
    async get(id) {
      const r = await db.selectFrom('api_keys').selectAll().where('id', '=', id).executeTakeFirst();
      return r && toKey(r);
    },
    async list(filter, page) {
      let q = db.selectFrom('api_keys').selectAll('api_keys');
      if (filter.userId !== undefined) q = q.where('api_keys.user_id', '=', filter.userId);
      if (filter.orgId !== undefined) {
        q = q.innerJoin('users', 'users.id', 'api_keys.user_id').where('users.org_id', '=', filter.orgId);
      }
      const rows = await q
        .orderBy('api_keys.created_at')
        .orderBy('api_keys.id')
        .limit(page.limit)
        .offset(page.offset)
        .execute();
      return rows.map(toKey);
    },
    async revoke(id, at) {
      await db
        .updateTable('api_keys')
        .set({ revoked_at: at })
        .where('id', '=', id)
        .where('revoked_at', 'is', null)
        .execute();
    },
    async touch(id, at) {
      await db.updateTable('api_keys').set({ last_used_at: at }).where('id', '=', id).execute();
    },
  };
}
