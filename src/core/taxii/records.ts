/** What the TAXII server keeps: object versions with the marking that decides who sees them, and statuses. */
import type { Tlp, VisibilityRule } from '../sharing/tlp.js';
import type { VersionMatch } from './filters.js';

export type { TaxiiCollection, CollectionAccess } from './collection.js';

/** One version of one STIX object in one collection. */
export interface StoredStixObject {
  /** When it was added, in µs since 1970: unique, increasing in commit order. TAXII's `date_added`. */
  readonly addedUs: number;
  readonly collectionId: string;
  readonly id: string;
  readonly type: string;
  readonly specVersion: string;
  /** `modified`, else `created`, else the date added, as written. */
  readonly version: string;
  /** `version` with nine fractional digits (`versionKey`), for comparing. */
  readonly versionKey: string;
  /** The organization that submitted it: TLP's owner. */
  readonly orgId: string;
  readonly tlp: Tlp;
  readonly recipients: readonly string[];
  /** SHA-256 of the canonical JSON. */
  readonly digest: string;
  readonly json: string;
}

/** What a page of objects needs of a version: its date added, id and type, and its JSON text. */
export type StixObjectText = Pick<StoredStixObject, 'addedUs' | 'id' | 'type' | 'json'>;

/** What a TAXII read asks of the store; the version rule applies among the versions the viewer may see. */
export interface StixQuery {
  readonly collectionId: string;
  readonly ids?: readonly string[] | undefined;
  readonly types?: readonly string[] | undefined;
  readonly specVersions?: readonly string[] | undefined;
  readonly versions: VersionMatch;
  readonly addedAfterUs?: number | undefined;
  /** A page's position: only records added after it. Applied after the version rule. */
  readonly afterUs?: number | undefined;
  readonly visibility: VisibilityRule;
}

/** One object of a POST in a status resource (section 4.3.1). */
export interface StatusDetail {
  readonly id: string;
  readonly version: string;
  readonly message?: string;
}

export interface TaxiiStatus {
  readonly id: string;
  readonly orgId: string;
  readonly userId: string | null;
  readonly collectionId: string;
  readonly requestTimestamp: string;
  readonly status: 'complete' | 'pending';
  readonly successes: readonly StatusDetail[];
  readonly failures: readonly StatusDetail[];
  readonly pendings: readonly StatusDetail[];
  readonly createdAt: string;
}
