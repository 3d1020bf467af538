/**
 * A Tocsin indicator as a STIX 2.1 `indicator` SDO, and the identity of the organization that reported it.
 * Everything is derived from the stored records (no clock, no random ids), so the same indicator always
 * exports to the same bytes.
 */
import type { Organization } from '../../directory/organization.js';
import type { Indicator } from '../../indicators/indicator.js';
import { fail, ok, type ParseResult } from '../../observables/observable.js';
import { isLater, parseStixTimestamp, hasMillisecondPrecision } from '../timestamp.js';
import { tlpMarkingRef } from '../tlp-markings.js';
import { indicatorStixId, orgIdentityId } from './export-ids.js';
import { observablePattern } from './observable-pattern.js';

/** A STIX object as plain JSON. */
export type StixObject = Readonly<Record<string, unknown>> & { readonly type: string; readonly id: string };

/**
 * A timestamp as STIX writes it. `created` and `modified` need milliseconds (`ms`); a value that is not
 * already a STIX timestamp with them is rewritten through Date. Undefined for what is no date at all.
 */
export function stixTimestamp(text: string, ms: boolean): string | undefined {
  const p = parseStixTimestamp(text);
  if (p.ok && (!ms || hasMillisecondPrecision(p.value))) return text;
  const d = new Date(text);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

/** The later of two STIX timestamps. */
function later(a: string, b: string): string {
  return isLater(b, a) ? b : a;
}

/**
 * The `indicator` SDO of a Tocsin indicator:
 * - `id` from the indicator's id, `created_by_ref` the identity of its source organization (`orgIdentityId`);
 * - `pattern` from its kind and canonical value (`observablePattern`), `pattern_type` `stix`;
 * - `valid_from`, `valid_until`, `confidence`, `revoked`; `created`/`modified` from the record;
 * - `indicator_types` `malicious-activity` (every Tocsin category reports something bad), `labels` its
 *   categories, `object_marking_refs` its TLP 2.0 marking;
 * - `x_tocsin_first_seen` / `x_tocsin_last_seen` when known (STIX puts sightings elsewhere; these keep them).
 * Fails, with the reason, when the indicator cannot be written as valid STIX.
 */
export function indicatorSdo(i: Indicator): ParseResult<StixObject> {
  const pattern = observablePattern(i.kind, i.canonical);
  if (pattern === undefined) return fail(`a ${i.kind} "${i.canonical}" has no STIX pattern`);
  const created = stixTimestamp(i.createdAt, true);
  const updated = stixTimestamp(i.updatedAt, true);
  const validFrom = stixTimestamp(i.validFrom, false);
  if (created === undefined || updated === undefined || validFrom === undefined) {
    return fail(`indicator ${i.id} has a timestamp that is not a date`);
  }
  let validUntil: string | undefined;
  if (i.validUntil !== null) {
    validUntil = stixTimestamp(i.validUntil, false);
    if (validUntil === undefined) return fail(`indicator ${i.id} has a valid_until that is not a date`);
    // STIX requires valid_until later than valid_from; an indicator whose window is empty never applied.
    if (!isLater(validUntil, validFrom)) {
      return fail(`indicator ${i.id} ends (${validUntil}) before it starts (${validFrom})`);
    }
  }
  const sdo: Record<string, unknown> = {
    type: 'indicator',
    spec_version: '2.1',
    id: indicatorStixId(i.id),
    created_by_ref: orgIdentityId(i.sourceOrgId),
    created,
    modified: later(created, updated),
    name: i.canonical,
  };
  if (i.description !== null && i.description !== '') sdo.description = i.description;
  sdo.indicator_types = ['malicious-activity'];
  sdo.pattern = pattern;
  sdo.pattern_type = 'stix';
  sdo.pattern_version = '2.1';
  sdo.valid_from = validFrom;
  if (validUntil !== undefined) sdo.valid_until = validUntil;
  if (i.categories.length > 0) sdo.labels = [...i.categories];
  sdo.confidence = i.confidence;
  if (i.revokedAt !== null) sdo.revoked = true;
  sdo.object_marking_refs = [tlpMarkingRef(i.tlp)];
  const firstSeen = i.firstSeen === null ? undefined : stixTimestamp(i.firstSeen, false);
  const lastSeen = i.lastSeen === null ? undefined : stixTimestamp(i.lastSeen, false);
  if (firstSeen !== undefined) sdo.x_tocsin_first_seen = firstSeen;
  if (lastSeen !== undefined) sdo.x_tocsin_last_seen = lastSeen;
  return ok(sdo as StixObject);
}

/** What an organization's identity is made from. */
export type OrgForIdentity = Pick<Organization, 'id' | 'name' | 'createdAt' | 'updatedAt'>;

/** The `identity` SDO of a Tocsin organization: `identity_class` `organization`, its id `orgIdentityId`. */
export function orgIdentity(org: OrgForIdentity): StixObject {
  const created = stixTimestamp(org.createdAt, true) ?? '1970-01-01T00:00:00.000Z';
  const updated = stixTimestamp(org.updatedAt, true) ?? created;
  return {
    type: 'identity',
    spec_version: '2.1',
    id: orgIdentityId(org.id),
    created,
    modified: later(created, updated),
    name: org.name,
    identity_class: 'organization',
  };
}
