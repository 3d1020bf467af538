/** Who is asking, and what their role lets them do. One place for these rules; services call them. */
import type { Role } from '../directory/user.js';

/** An authenticated caller: a user of one organization, acting through one API key. */
export interface Principal {
  readonly kind: 'user';
  readonly userId: string;
  readonly orgId: string;
  readonly role: Role;
  /** Whether the user's organization runs this instance (the national centre). */
  readonly orgIsOperator: boolean;
  readonly keyId: string;
  /** Organizations that name the user's organization as a client or constituent (their AMBER reaches it). */
  readonly amberFrom: readonly string[];
  /** Sharing groups the user's organization belongs to. */
  readonly groups: readonly string[];
}

/** The instance itself, acting for a local operator with access to the data directory (CLI, first run). */
export interface SystemActor {
  readonly kind: 'system';
}

export type Actor = Principal | SystemActor;

export const SYSTEM: SystemActor = Object.freeze({ kind: 'system' });

/** An admin of the operating centre: administers every organization. */
export function isPlatformAdmin(a: Actor): boolean {
  return a.kind === 'system' || (a.role === 'admin' && a.orgIsOperator);
}

/** May manage the users and keys of organization `orgId`. */
export function canManageOrg(a: Actor, orgId: string): boolean {
  return isPlatformAdmin(a) || (a.kind === 'user' && a.role === 'admin' && a.orgId === orgId);
}

/** The ids an audit entry records for an actor. */
export function auditActor(a: Actor): { actorUserId: string | null; actorOrgId: string | null } {
  return a.kind === 'system'
    ? { actorUserId: null, actorOrgId: null }
    : { actorUserId: a.userId, actorOrgId: a.orgId };
}
