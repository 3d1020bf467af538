/**
 * One STIX object received for a collection, checked on its own, with no I/O: either why it is refused
 * (`TOCSIN_ERR_INVALID_STIX`, `TOCSIN_ERR_INVALID_PATTERN`), or what the store keeps of it: its id, type and
 * version, the TLP and named recipients that decide who sees it, the SHA-256 of its canonical JSON, its JSON
 * text, the indicators it feeds, and the digest its `taxii.object.add` audit entry will carry. The TAXII
 * service runs it in process; a bundle import runs it on a worker thread while the main thread writes.
 */
import { stateDigest } from '../audit/audit-entry.js';
import { digestJson } from '../json/canonical-json.js';
import type { Tlp } from '../sharing/tlp.js';
import { isJsonObject } from '../stix/stix-problem.js';
import { tlpOfMarkingRefs } from '../stix/tlp-markings.js';
import { stixErrors, validateStixObject } from '../stix/validate.js';
import { indicatorFeed, type IndicatorFeed } from './indicator-feed.js';
import type { StatusDetail } from './records.js';
import { versionKey } from './timestamps.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** An object that passed its checks (`index`: its place in the batch). Plain data: it crosses threads. */
export interface CheckedObject {
  readonly index: number;
  readonly id: string;
  readonly type: string;
  readonly specVersion: string;
  /** Undefined for an object with neither `modified` nor `created`: its version is its date added. */
  readonly version: string | undefined;
  readonly tlp: Tlp;
  readonly recipients: readonly string[];
  /** SHA-256 of the object's canonical JSON. */
  readonly digest: string;
  /** The object as stored and served: `JSON.stringify` of it. */
  readonly json: string;
  readonly feed: IndicatorFeed | undefined;
}

export type CheckOutcome = CheckedObject | { readonly failure: StatusDetail };

/** What the audit entry of an added version records (its digest is what the chain keeps). */
export function addedVersionState(collectionId: string, o: CheckedObject, version: string) {
  return { collectionId, id: o.id, version, tlp: o.tlp, digest: o.digest };
}

/**
 * The `afterDigest` of the `taxii.object.add` entry of `o` added to `collectionId`, when its version does not
 * depend on its date added (worked out ahead, off the writing thread); undefined otherwise.
 */
export function addedVersionDigest(collectionId: string, o: CheckedObject): string | undefined {
  return o.version === undefined
    ? undefined
    : (stateDigest(addedVersionState(collectionId, o, o.version)) ?? undefined);
}

/** Checks one object on its own: a failure for the status, or what to store. */
export function checkObject(obj: unknown, index: number, defaultTlp: Tlp): CheckOutcome {
  const o = isJsonObject(obj) ? obj : {};
  const id = typeof o['id'] === 'string' ? o['id'] : `objects[${index}]`;
  const stated =
    typeof o['modified'] === 'string'
      ? o['modified']
      : typeof o['created'] === 'string'
        ? o['created']
        : undefined;
  const fail = (
    code: 'TOCSIN_ERR_INVALID_STIX' | 'TOCSIN_ERR_INVALID_PATTERN',
    m: string,
  ): { failure: StatusDetail } => ({
    failure: { id, version: stated ?? '', message: `${code}: ${m}` },
  });
  const errors = stixErrors(validateStixObject(obj));
  if (errors.length > 0)
    return fail(
      'TOCSIN_ERR_INVALID_STIX',
      errors
        .slice(0, 10)
        .map((e) => (e.path === '' ? e.message : `${e.path}: ${e.message}`))
        .join('; ') + (errors.length > 10 ? `; and ${errors.length - 10} more` : ''),
    );
  const type = String(o['type']);
  const specVersion = typeof o['spec_version'] === 'string' ? o['spec_version'] : '2.1';
  if (specVersion !== '2.1')
    return fail('TOCSIN_ERR_INVALID_STIX', `spec_version ${specVersion} is not supported`);
  if (stated !== undefined && versionKey(stated) === undefined)
    return fail('TOCSIN_ERR_INVALID_STIX', `version ${stated} is not a timestamp`);
  const refs = Array.isArray(o['object_marking_refs'])
    ? o['object_marking_refs'].filter((r): r is string => typeof r === 'string')
    : [];
  const tlp = tlpOfMarkingRefs(refs) ?? defaultTlp;
  const recipients = Array.isArray(o['x_tocsin_recipients'])
    ? o['x_tocsin_recipients'].filter(
        (r): r is string =>
          typeof r === 'string' && (UUID.test(r) || (r.startsWith('group:') && UUID.test(r.slice(6)))),
      )
    : [];
  let digest: string;
  try {
    digest = digestJson(o);
  } catch (e) {
    // JSON.parse takes `"\ud800"`; a string with half a surrogate pair has no UTF-8 form, hence no digest.
    return fail('TOCSIN_ERR_INVALID_STIX', `the object has no canonical JSON: ${(e as Error).message}`);
  }
  let feed: IndicatorFeed | undefined;
  if (type === 'indicator') {
    feed = indicatorFeed(o, tlp);
    if (feed.kind === 'bad-pattern') return fail('TOCSIN_ERR_INVALID_PATTERN', feed.message);
  }
  return {
    index,
    id,
    type,
    specVersion,
    version: stated,
    tlp,
    recipients,
    digest,
    json: JSON.stringify(o),
    feed,
  };
}

/** One JSON text of a batch: not JSON (why), or checked, with its audit digest worked out when it can be. */
export type CheckedText =
  | { readonly notJson: string }
  | { readonly failure: StatusDetail }
  | (CheckedObject & { readonly auditDigest: string | undefined });

/**
 * Parses and checks a batch of objects' JSON texts for `collectionId` (whose default TLP is `defaultTlp`): one
 * answer per text, in order. `index` of a checked object counts the texts that were JSON only, as
 * `TaxiiService.ingestChecked` takes them.
 */
export function checkTexts(texts: readonly string[], collectionId: string, defaultTlp: Tlp): CheckedText[] {
  const out: CheckedText[] = [];
  let index = 0;
  for (const text of texts) {
    let obj: unknown;
    try {
      obj = JSON.parse(text);
    } catch (e) {
      out.push({ notJson: (e as Error).message });
      continue;
    }
    const r = checkObject(obj, index++, defaultTlp);
    out.push('failure' in r ? r : { ...r, auditDigest: addedVersionDigest(collectionId, r) });
  }
  return out;
}
