/** The TAXII 2.1 resources as JSON (sections 4 and 5), from what the store keeps. */
import type { Viewer } from '../sharing/tlp.js';
import { canRead, canWrite, type TaxiiCollection } from './collection.js';
import { STIX_MEDIA_TYPE, TAXII_MEDIA_TYPE } from './media-type.js';
import type { StatusDetail, StoredStixObject, TaxiiStatus } from './records.js';
import { microsToTimestamp } from './timestamps.js';

/** The collection resource (5.2.1) as `viewer` may use it. */
export function collectionResource(c: TaxiiCollection, viewer: Viewer) {
  return {
    id: c.id,
    title: c.title,
    ...(c.description === null ? {} : { description: c.description }),
    ...(c.alias === null ? {} : { alias: c.alias }),
    can_read: canRead(c, viewer),
    can_write: canWrite(c, viewer),
    media_types: [STIX_MEDIA_TYPE],
  };
}

/** The manifest record (5.3.1) of one version. */
export function manifestRecord(o: StoredStixObject) {
  return {
    id: o.id,
    date_added: microsToTimestamp(o.addedUs),
    version: o.version,
    media_type: `application/stix+json;version=${o.specVersion}`,
  };
}

/** The status resource (4.3.1); empty lists are left out, as STIX and TAXII leave out empty lists. */
export function statusResource(s: TaxiiStatus) {
  const list = (name: string, l: readonly StatusDetail[]) => (l.length === 0 ? {} : { [name]: l });
  return {
    id: s.id,
    status: s.status,
    request_timestamp: s.requestTimestamp,
    total_count: s.successes.length + s.failures.length + s.pendings.length,
    success_count: s.successes.length,
    ...list('successes', s.successes),
    failure_count: s.failures.length,
    ...list('failures', s.failures),
    pending_count: s.pendings.length,
    ...list('pendings', s.pendings),
  };
}

/** The API root resource (4.2.1). */
export function apiRootResource(opts: { title: string; description: string; maxContentLength: number }) {
  return {
    title: opts.title,
    description: opts.description,
    versions: [TAXII_MEDIA_TYPE],
    max_content_length: opts.maxContentLength,
  };
}
