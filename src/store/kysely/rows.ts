/** Maps database rows to the core's types. */
import type { Selectable } from 'kysely';
import type { AuditEntry } from '../../core/audit/audit-entry.js';
import type { Organization, OrgKind, Sector } from '../../core/directory/organization.js';
import type { Role, User } from '../../core/directory/user.js';
import type { ApiKeyRecord } from '../store.js';
import type { ApiKeysTable, AuditLogTable, OrgsTable, UsersTable } from '../schema.js';

export function toOrg(r: Selectable<OrgsTable>): Organization {
  return {
    id: r.id,
    name: r.name,
    country: r.country,
    sector: r.sector as Sector,
    kind: r.kind as OrgKind,
    isOperator: Number(r.is_operator) === 1,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export function toUser(r: Selectable<UsersTable>): User {
  return {
    id: r.id,
    orgId: r.org_id,
    name: r.name,
    email: r.email,
    role: r.role as Role,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export function toKey(r: Selectable<ApiKeysTable>): ApiKeyRecord {
  return {
    id: r.id,
    userId: r.user_id,
    name: r.name,
    hash: r.hash,
    hint: r.hint,
    createdAt: r.created_at,
    lastUsedAt: r.last_used_at,
    revokedAt: r.revoked_at,
  };
}

export function toAuditEntry(r: Selectable<AuditLogTable>): AuditEntry {
  return {
    seq: Number(r.seq),
    at: r.at,
    actorUserId: r.actor_user_id,
    actorOrgId: r.actor_org_id,
    action: r.action,
    objectType: r.object_type,
    objectId: r.object_id,
    beforeDigest: r.before_digest,
    afterDigest: r.after_digest,
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}
