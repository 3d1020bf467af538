/**
 * STIX 2.1 identifiers (section 2.9): `object-type--UUID`, where the UUID MUST be RFC 4122-compliant. The
 * spec requires no particular UUID version: SDOs, SROs, meta objects and bundles SHOULD use version 4, SCOs
 * SHOULD use version 5 (deterministic, see `sco-id.ts`), and an SCO none of whose ID contributing properties
 * is present MUST use version 4. Those version rules are the validators' business; this module only parses.
 */
import { createHash } from 'node:crypto';
import { fail, ok, type ParseResult } from '../observables/observable.js';

/** The namespace of deterministic SCO identifiers (STIX 2.1 section 2.9). */
export const SCO_ID_NAMESPACE = '00abedb4-aa42-466c-9c01-fed23315a9b7';

/** A parsed identifier. */
export interface StixId {
  /** The object type before the `--`: `indicator`, `ipv4-addr`, `x-tocsin-phone-number`. */
  readonly type: string;
  /** The UUID exactly as written (its hex digits may be upper-case; see `isLowerCase`). */
  readonly uuid: string;
  /** The RFC 4122 version, 1 to 5. */
  readonly version: number;
  /** RFC 4122 writes UUIDs in lower case; readers accept either, so upper case is only a warning. */
  readonly isLowerCase: boolean;
}

// Type names: lowercase ASCII letters, digits and single hyphens, starting with a letter (spec 3.1, 11.2).
const TYPE_RE = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
// RFC 4122: version nibble 1-5, variant bits 10xx (8, 9, a or b).
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-([1-5])[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
const ANY_UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether `type` is a well-formed STIX type name (3 to 250 characters, `a-z0-9` and single hyphens). */
export function isStixTypeName(type: string): boolean {
  return type.length >= 3 && type.length <= 250 && TYPE_RE.test(type);
}

/** Parses `type--uuid`, checking the type name and that the UUID is an RFC 4122 UUID of version 1 to 5. */
export function parseStixId(id: string): ParseResult<StixId> {
  const sep = id.indexOf('--');
  if (sep < 0) return fail(`"${clip(id)}" is not a STIX identifier: expected type--UUID`);
  const type = id.slice(0, sep);
  const uuid = id.slice(sep + 2);
  if (!isStixTypeName(type)) return fail(`"${clip(type)}" is not a STIX type name`);
  const m = UUID_RE.exec(uuid);
  if (m === null) {
    if (ANY_UUID_RE.test(uuid)) {
      return fail(`"${uuid}" is not an RFC 4122 UUID: its version must be 1 to 5 and its variant 10xx`);
    }
    return fail(`"${clip(uuid)}" is not a UUID`);
  }
  return ok({ type, uuid, version: Number(m[1]), isLowerCase: uuid === uuid.toLowerCase() });
}

/** Whether `id` is a valid identifier, of one of `types` when they are given. */
export function isStixId(id: unknown, types?: readonly string[]): id is string {
  if (typeof id !== 'string') return false;
  const r = parseStixId(id);
  return r.ok && (types === undefined || types.includes(r.value.type));
}

/** The type part of an identifier, or undefined when `id` has no `--`. */
export function stixIdType(id: string): string | undefined {
  const sep = id.indexOf('--');
  return sep < 0 ? undefined : id.slice(0, sep);
}

/**
 * The RFC 4122 version 5 (SHA-1, name-based) UUID of `name` (its UTF-8 bytes) in `namespace`. Throws a
 * TypeError when `namespace` is not a UUID: namespaces are constants of the program, not input.
 */
export function uuidv5(namespace: string, name: string): string {
  if (!ANY_UUID_RE.test(namespace)) throw new TypeError(`namespace "${namespace}" is not a UUID`);
  const ns = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  const hash = createHash('sha1').update(ns).update(name, 'utf8').digest();
  const b = hash.subarray(0, 16);
  b[6] = (b[6]! & 0x0f) | 0x50; // version 5
  b[8] = (b[8]! & 0x3f) | 0x80; // variant 10xx
  const hex = b.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function clip(s: string): string {
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}
