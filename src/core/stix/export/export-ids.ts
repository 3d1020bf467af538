/**
 * Identifiers of exported objects, derived from what they stand for so that exporting twice gives the same
 * objects and importing them again changes nothing. A record that already has an RFC 4122 UUID (a Tocsin
 * indicator) keeps it: `indicator--<its id>`, a UUIDv4 as STIX prefers for SDOs. An organization's identity is
 * the UUIDv5 of the organization's id in a namespace of Tocsin's own, so one organization has one identity in
 * every export.
 */
import { parseStixId, uuidv5 } from '../stix-id.js';

/** The namespace of the identities of Tocsin organizations (a fixed, random UUID). */
export const ORG_IDENTITY_NAMESPACE = 'c8f2b9e4-5a3d-4e61-9b7c-2f0d8a1e6c53';

/** The namespace for records whose id is not an RFC 4122 UUID (a fixed, random UUID). */
export const RECORD_ID_NAMESPACE = '4d0e7a92-8c1b-4f3e-a6d5-91b2c7e8f041';

/** `type--uuid` when `uuid` is an RFC 4122 UUID (in lower case), else `type--` and its UUIDv5 in `namespace`. */
export function idFromRecord(type: string, recordId: string, namespace = RECORD_ID_NAMESPACE): string {
  const own = `${type}--${recordId.toLowerCase()}`;
  return parseStixId(own).ok ? own : `${type}--${uuidv5(namespace, recordId)}`;
}

/** The STIX id of a Tocsin indicator. */
export function indicatorStixId(indicatorId: string): string {
  return idFromRecord('indicator', indicatorId);
}

/** The id of the identity object of a Tocsin organization. */
export function orgIdentityId(orgId: string): string {
  return `identity--${uuidv5(ORG_IDENTITY_NAMESPACE, orgId)}`;
}
