/**
 * The audit trail: every write is one entry, chained to the one before by SHA-256, so that changing or
 * removing any entry breaks the chain from that point on.
 */
import { canonicalJson, digestJson, sha256Hex } from '../json/canonical-json.js';

/** What a caller records about a write; the store adds the sequence number, time and hashes. */
export interface AuditEvent {
  /** The user who made the change; null for the system itself (first run, migrations). */
  readonly actorUserId: string | null;
  readonly actorOrgId: string | null;
  /** `org.create`, `key.revoke`, … */
  readonly action: string;
  readonly objectType: string;
  readonly objectId: string;
  /** The object before and after the change (null when created or removed); only their digests are kept. */
  readonly before: unknown;
  readonly after: unknown;
}

export interface AuditEntry {
  readonly seq: number;
  readonly at: string;
  readonly actorUserId: string | null;
  readonly actorOrgId: string | null;
  readonly action: string;
  readonly objectType: string;
  readonly objectId: string;
  readonly beforeDigest: string | null;
  readonly afterDigest: string | null;
  readonly prevHash: string;
  readonly hash: string;
}

/** The `prevHash` of the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** The digest kept for an object's state, or null when there is no object. */
export function stateDigest(state: unknown): string | null {
  return state === null || state === undefined ? null : digestJson(state);
}

/** The hash of an entry: SHA-256 over the canonical JSON of every field but the hash itself. */
export function entryHash(e: Omit<AuditEntry, 'hash'>): string {
  return sha256Hex(
    canonicalJson({
      seq: e.seq,
      at: e.at,
      actorUserId: e.actorUserId,
      actorOrgId: e.actorOrgId,
      action: e.action,
      objectType: e.objectType,
      objectId: e.objectId,
      beforeDigest: e.beforeDigest,
      afterDigest: e.afterDigest,
      prevHash: e.prevHash,
    }),
  );
}

/** Builds the next entry of the chain from an event, the previous entry's hash and sequence number. */
export function chainEntry(event: AuditEvent, prev: { seq: number; hash: string }, at: string): AuditEntry {
  const partial = {
    seq: prev.seq + 1,
    at,
    actorUserId: event.actorUserId,
    actorOrgId: event.actorOrgId,
    action: event.action,
    objectType: event.objectType,
    objectId: event.objectId,
    beforeDigest: stateDigest(event.before),
    afterDigest: stateDigest(event.after),
    prevHash: prev.hash,
  };
  return { ...partial, hash: entryHash(partial) };
}
