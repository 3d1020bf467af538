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
  /**
   * `stateDigest(after)` worked out ahead (a bundle import does it off the writing thread); when absent, it is
   * computed here. It must be that digest: the chain keeps it in place of `after`.
   */
  readonly afterDigest?: string | undefined;
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
  return sha256Hex(entryJson(e));
}

/** A string field as RFC 8785 writes it; undefined when only the general serializer can judge it. */
function text(s: string | null): string | undefined {
  if (s === null) return 'null';
  if (typeof s !== 'string' || LONE_SURROGATE_SUSPECT.test(s)) return undefined;
  return JSON.stringify(s);
}
const LONE_SURROGATE_SUSPECT = /[\uD800-\uDFFF]/;

/**
 * The canonical JSON of an entry without its hash. Every field is a string, null or an integer, so RFC 8785
 * is plain JSON with the keys in sorted order: written directly, it is the same text as `canonicalJson`
 * gives (audit-entry.test.ts holds them equal), at a fraction of the cost, since an import hashes an entry
 * per object. Anything unusual (a surrogate, a number that is not finite) goes through `canonicalJson`.
 */
export function entryJson(e: Omit<AuditEntry, 'hash'>): string {
  const f = [
    text(e.action),
    text(e.actorOrgId),
    text(e.actorUserId),
    text(e.afterDigest),
    text(e.at),
    text(e.beforeDigest),
    text(e.objectId),
    text(e.objectType),
    text(e.prevHash),
  ];
  if (f.every((x) => x !== undefined) && typeof e.seq === 'number' && Number.isFinite(e.seq))
    return `{"action":${f[0]},"actorOrgId":${f[1]},"actorUserId":${f[2]},"afterDigest":${f[3]},"at":${f[4]},"beforeDigest":${f[5]},"objectId":${f[6]},"objectType":${f[7]},"prevHash":${f[8]},"seq":${JSON.stringify(e.seq)}}`;
  return entryJsonGeneral(e);
}

/** The same text through the general RFC 8785 serializer. */
export function entryJsonGeneral(e: Omit<AuditEntry, 'hash'>): string {
  return canonicalJson({
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
  });
}

/** Builds the next entry of the chain from an event, the previous entry's hash and sequence number. */
export function chainEntry(event: AuditEvent, prev: { seq: number; hash: string }, at: string): AuditEntry {
  // Built whole with a placeholder hash, then hashed (the hash is not part of the hashed text): one object,
  // not two, for every entry of an import.
  const entry: { -readonly [K in keyof AuditEntry]: AuditEntry[K] } = {
    seq: prev.seq + 1,
    at,
    actorUserId: event.actorUserId,
    actorOrgId: event.actorOrgId,
    action: event.action,
    objectType: event.objectType,
    objectId: event.objectId,
    beforeDigest: stateDigest(event.before),
    afterDigest: event.afterDigest ?? stateDigest(event.after),
    prevHash: prev.hash,
    hash: '',
  };
  entry.hash = entryHash(entry);
  return entry;
}
