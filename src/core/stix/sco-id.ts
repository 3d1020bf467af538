/**
 * Deterministic SCO identifiers (STIX 2.1 sections 2.9 and 3.4): the UUIDv5, in the namespace
 * 00abedb4-aa42-466c-9c01-fed23315a9b7, of the RFC 8785 canonical JSON of the object's "ID Contributing
 * Properties" that are present. Equal observables from different producers thus get equal ids, which is
 * what lets Tocsin deduplicate what several CERTs report.
 */
import { canonicalJson } from '../json/canonical-json.js';
import { isJsonObject } from './stix-problem.js';
import { SCO_ID_NAMESPACE, uuidv5 } from './stix-id.js';

/**
 * The ID Contributing Properties of each SCO type, as listed in each SCO's property table of STIX 2.1
 * section 6. `process` has none: the spec says to always use a UUIDv4 for it.
 */
export const SCO_ID_CONTRIBUTING_PROPERTIES: Readonly<Record<string, readonly string[]>> = {
  artifact: ['hashes', 'payload_bin'],
  'autonomous-system': ['number'],
  directory: ['path'],
  'domain-name': ['value'],
  'email-addr': ['value'],
  'email-message': ['from_ref', 'subject', 'body'],
  file: ['hashes', 'name', 'extensions', 'parent_directory_ref'],
  'ipv4-addr': ['value'],
  'ipv6-addr': ['value'],
  'mac-addr': ['value'],
  mutex: ['name'],
  'network-traffic': [
    'start',
    'end',
    'src_ref',
    'dst_ref',
    'src_port',
    'dst_port',
    'protocols',
    'extensions',
  ],
  process: [],
  software: ['name', 'cpe', 'swid', 'vendor', 'version'],
  url: ['value'],
  'user-account': ['account_type', 'user_id', 'account_login'],
  'windows-registry-key': ['key', 'values'],
  'x509-certificate': ['hashes', 'serial_number'],
  // Tocsin's own SCOs (tocsin-extension.ts): the canonical value is the whole identity of each.
  'x-tocsin-phone-number': ['value'],
  'x-tocsin-bank-account': ['value'],
  'x-tocsin-crypto-wallet': ['value'],
};

/**
 * When `hashes` contributes to an id only one hash is used: the first of these present (spec 6.7, File).
 * Python's stix2 applies the same order to artifact and x509-certificate hashes, and so does Tocsin.
 */
export const ID_HASH_PREFERENCE = ['MD5', 'SHA-1', 'SHA-256', 'SHA-512'] as const;

/**
 * The one hash that contributes to an id: the preferred algorithm present, else (the spec leaves this
 * open) the first key in code-point order, so that key order in the JSON never changes the id.
 */
export function idContributingHash(hashes: Record<string, unknown>): Record<string, unknown> | undefined {
  for (const algo of ID_HASH_PREFERENCE) {
    if (hashes[algo] !== undefined) return { [algo]: hashes[algo] };
  }
  const first = Object.keys(hashes).sort()[0];
  return first === undefined ? undefined : { [first]: hashes[first] };
}

/**
 * The ID contributing properties of `obj` that are present, ready to be canonicalized, or undefined when
 * none is (the id must then be a UUIDv4). `contributing` defaults to the table above.
 */
export function idContributingValues(
  type: string,
  obj: Readonly<Record<string, unknown>>,
  contributing: readonly string[] | undefined = SCO_ID_CONTRIBUTING_PROPERTIES[type],
): Record<string, unknown> | undefined {
  if (contributing === undefined) return undefined;
  const out: Record<string, unknown> = {};
  for (const name of contributing) {
    const value = obj[name];
    if (value === undefined) continue;
    if (name === 'hashes' && isJsonObject(value)) {
      const one = idContributingHash(value);
      if (one !== undefined) out[name] = one;
    } else {
      out[name] = value;
    }
  }
  return Object.keys(out).length === 0 ? undefined : out;
}

/**
 * The deterministic id of an SCO of `type` with properties `obj`: `type--uuidv5(namespace, JCS(props))`.
 * Undefined when the type has no ID contributing properties or none of them is present: such an SCO must
 * be given a random UUIDv4 instead. For a custom SCO type, pass its contributing property names.
 */
export function scoId(
  type: string,
  obj: Readonly<Record<string, unknown>>,
  contributing?: readonly string[],
): string | undefined {
  const values = idContributingValues(type, obj, contributing ?? SCO_ID_CONTRIBUTING_PROPERTIES[type]);
  if (values === undefined) return undefined;
  return `${type}--${uuidv5(SCO_ID_NAMESPACE, canonicalJson(values))}`;
}
