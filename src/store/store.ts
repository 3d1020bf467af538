/**
 * The Store: everything Tocsin keeps. One interface, one shared Kysely implementation, and one folder per
 * database (`sqlite/`, `postgres/`) that supplies the connection and the few things databases disagree on.
 */
import type { AuditEntry, AuditEvent } from '../core/audit/audit-entry.js';
import type { Organization } from '../core/directory/organization.js';
import type { User } from '../core/directory/user.js';
import type { Category, Indicator } from '../core/indicators/indicator.js';
import type { ObservableKind } from '../core/observables/observable.js';
import type { Report, ReportStatus } from '../core/reports/report.js';
import type { VisibilityRule } from '../core/sharing/tlp.js';
import type {
  StixObjectText,
  StixQuery,
  StoredStixObject,
  TaxiiCollection,
  TaxiiStatus,
} from '../core/taxii/records.js';

export interface Page {
  readonly limit: number;
  readonly offset: number;
}

export interface OrgRepo {
  insert(org: Organization): Promise<void>;
  get(id: string): Promise<Organization | undefined>;
  findByName(name: string): Promise<Organization | undefined>;
  findOperator(): Promise<Organization | undefined>;
  list(page: Page): Promise<Organization[]>;
  count(): Promise<number>;
  update(org: Organization): Promise<void>;
}

export interface UserRepo {
  insert(user: User): Promise<void>;
  get(id: string): Promise<User | undefined>;
  findByEmail(email: string): Promise<User | undefined>;
  list(filter: { orgId?: string | undefined }, page: Page): Promise<User[]>;
  count(filter: { orgId?: string | undefined }): Promise<number>;
}

export interface ApiKeyRecord {
  /** The public id inside the key (`tsn_<id>_…`). */
  readonly id: string;
  readonly userId: string;
  readonly name: string;
  readonly hash: string;
  readonly hint: string;
  readonly createdAt: string;
  readonly lastUsedAt: string | null;
  readonly revokedAt: string | null;
}

export interface KeyRepo {
  insert(key: ApiKeyRecord): Promise<void>;
  get(id: string): Promise<ApiKeyRecord | undefined>;
  /** Keys of one user, or of every user of one organization. */
  list(
    filter: { userId?: string | undefined; orgId?: string | undefined },
    page: Page,
  ): Promise<ApiKeyRecord[]>;
  revoke(id: string, at: string): Promise<void>;
  touch(id: string, at: string): Promise<void>;
}

export interface AuditRepo {
  /** Appends one entry to the chain; call it inside the transaction that makes the change. */
  append(event: AuditEvent, at: string): Promise<AuditEntry>;
  /** Appends entries in order, as `append` would one by one, in a few statements (bulk imports). */
  appendMany(events: readonly AuditEvent[], at: string): Promise<AuditEntry[]>;
  /** Entries in ascending order from `afterSeq` (exclusive), read page by page. */
  entries(afterSeq?: number): AsyncIterable<AuditEntry>;
  /** The last entry's sequence number and hash as recorded apart from the entries. */
  head(): Promise<{ seq: number; hash: string }>;
  list(page: Page): Promise<AuditEntry[]>;
}

/** An indicator as written: the store assigns `num`. `keys` are its index keys. */
export type IndicatorRow = Omit<Indicator, 'num'> & { readonly keys: readonly string[] };

export interface IndicatorFilter {
  readonly kind?: ObservableKind | undefined;
  readonly canonical?: string | undefined;
  readonly sourceOrgId?: string | undefined;
  readonly category?: Category | undefined;
  /** Substring of the canonical value. */
  readonly contains?: string | undefined;
  /** `active` (default): not revoked and valid at `now`; `revoked`; `all`. */
  readonly status?: 'active' | 'revoked' | 'all' | undefined;
  readonly now: string;
  /** Only what this rule lets its viewer see (TLP). */
  readonly visibility: VisibilityRule;
  /**
   * Only indicators numbered below this: a cursor for walking the table newest first (as `list` orders it),
   * which neither repeats nor skips a row when others are filed or revoked between two pages, as an offset
   * would.
   */
  readonly belowNum?: number | undefined;
}

/** An indicator with the index keys it is filed under: what the index matches it by. */
export interface KeyedIndicator {
  readonly indicator: Indicator;
  readonly keys: readonly string[];
}

/** What the index needs of an indicator to hold it. */
export interface IndicatorKeys {
  readonly num: number;
  readonly kind: ObservableKind;
  readonly canonical: string;
  readonly keys: readonly string[];
}

/** What the index needs of an indicator, read in change order. */
export interface IndicatorChange {
  readonly changeSeq: number;
  readonly num: number;
  readonly kind: ObservableKind;
  readonly canonical: string;
  readonly keys: readonly string[];
  readonly revokedAt: string | null;
  readonly validFrom: string;
  readonly validUntil: string | null;
}

export interface IndicatorRepo {
  /** Inserts a new indicator and returns it with its `num`. */
  insert(row: IndicatorRow): Promise<Indicator>;
  /**
   * Inserts new indicators in a few statements, as `insert` would one by one (change numbers in the order
   * given); returns them with their `num`, in the same order.
   */
  insertMany(rows: readonly IndicatorRow[]): Promise<Indicator[]>;
  /** Rewrites an indicator (found by id), bumping its change sequence; its index keys stay unless given. */
  update(row: Indicator & { readonly keys?: readonly string[] }): Promise<void>;
  get(id: string): Promise<Indicator | undefined>;
  findBySource(kind: ObservableKind, canonical: string, sourceOrgId: string): Promise<Indicator | undefined>;
  /** `findBySource` for many values of one source at once: the ones found, the lowest `num` of each value. */
  findBySources(
    values: readonly { readonly kind: ObservableKind; readonly canonical: string }[],
    sourceOrgId: string,
  ): Promise<Indicator[]>;
  /** The indicators numbered `nums` (those that exist, revoked or not), in no order, with their index keys. */
  byNums(nums: readonly number[]): Promise<KeyedIndicator[]>;
  list(filter: IndicatorFilter, page: Page): Promise<Indicator[]>;
  count(filter: IndicatorFilter): Promise<number>;
  /**
   * Every indicator in force or pending (not revoked), in batches, in number order, from a covering index:
   * the index loads from these. `canonical` is only read for IP ranges, which have no keys.
   */
  scanActive(): AsyncIterable<readonly IndicatorKeys[]>;
  /** The last change number handed out (0 when none). */
  lastChangeSeq(): Promise<number>;
  /** Changes after `afterSeq`, in order: the index follows these. */
  changesSince(afterSeq: number, limit: number): Promise<IndicatorChange[]>;
}

export interface ReportRepo {
  insert(r: Report): Promise<void>;
  get(id: string): Promise<Report | undefined>;
  list(
    filter: {
      status?: ReportStatus | undefined;
      kind?: ObservableKind | undefined;
      canonical?: string | undefined;
    },
    page: Page,
  ): Promise<Report[]>;
  count(filter: {
    status?: ReportStatus | undefined;
    kind?: ObservableKind | undefined;
    canonical?: string | undefined;
  }): Promise<number>;
  /** Sets the triage outcome of every pending report of one value (or just `id`), returning the ids changed. */
  triage(
    where: { id: string } | { kind: ObservableKind; canonical: string },
    outcome: {
      status: 'confirmed' | 'rejected';
      indicatorId: string | null;
      by: string | null;
      at: string;
      note: string | null;
    },
  ): Promise<string[]>;
  /** Independent reporters of each value with pending reports. */
  pendingTally(): Promise<{ kind: ObservableKind; canonical: string; reporters: number }[]>;
  /** A named instance secret, created by a migration. */
  setting(name: string): Promise<string | undefined>;
}

/** One version of a content rule as stored: `body` is the rule's JSON without its id and version. */
export interface StoredRule {
  readonly ruleId: string;
  readonly version: number;
  readonly changeSeq: number;
  readonly body: string;
  /** A tombstone: the rule was deleted in this version. */
  readonly deleted: boolean;
  readonly ownerOrgId: string;
  readonly authorUserId: string | null;
  readonly createdAt: string;
}

/** One daily count of the scanner: `name` is `messages`, `verdict:<v>`, `flagged` or `category:<c>`. */
export interface ScanCount {
  readonly day: string;
  readonly orgId: string;
  readonly name: string;
  readonly count: number;
}

export interface ScanRepo {
  /** Adds a version of a rule (the next after `version - 1`); fails on a racing version (unique violation). */
  insertRule(rule: Omit<StoredRule, 'changeSeq'>): Promise<StoredRule>;
  /** The highest version of every rule (tombstones included), in rule id order. */
  latestRules(): Promise<StoredRule[]>;
  /** Every version of one rule, oldest first. */
  ruleVersions(ruleId: string): Promise<StoredRule[]>;
  /** The last rule change number (0 when none): a node reloads its rules when this moves. */
  lastRuleChange(): Promise<number>;
  /** Adds to the daily counts (creating rows as needed). */
  addCounts(counts: readonly ScanCount[]): Promise<void>;
  /** Counts from `fromDay` to `toDay` (inclusive, `YYYY-MM-DD`), of one organization or of all. */
  counts(filter: { fromDay: string; toDay: string; orgId?: string | undefined }): Promise<ScanCount[]>;
}

/** The STIX object store behind TAXII: collections, object versions, status resources. */
export interface TaxiiRepo {
  insertCollection(c: TaxiiCollection): Promise<void>;
  updateCollection(c: TaxiiCollection): Promise<void>;
  getCollection(id: string): Promise<TaxiiCollection | undefined>;
  listCollections(): Promise<TaxiiCollection[]>;
  /**
   * Reserves `n` dates added (µs), each later than any handed out before and the first not before `nowUs`;
   * returns the first. Call it in the writing transaction: writers queue on the counter, so dates follow
   * commit order and a reader polling with `added_after` misses nothing.
   */
  reserveAdded(n: number, nowUs: number): Promise<number>;
  /**
   * Inserts a version and keeps the `is_last`/`is_first` flags of its object's versions (migration 0008). Call
   * it in the transaction that reserved its date added: the counter's lock keeps writers from missing each
   * other's versions.
   */
  insertObject(o: StoredStixObject): Promise<void>;
  /** Inserts many versions in a few statements (a batch of an import), as `insertObject` each. */
  insertObjects(objects: readonly StoredStixObject[]): Promise<void>;
  /** The versions of one object that `visibility` lets see, in date-added order. */
  versionsOf(collectionId: string, id: string, visibility: VisibilityRule): Promise<StoredStixObject[]>;
  /** Up to `limit` records matching `q`, in date-added order. */
  query(q: StixQuery, limit: number): Promise<StoredStixObject[]>;
  /** As `query`, with only what a page of objects sends (fewer columns read). */
  queryTexts(q: StixQuery, limit: number): Promise<StixObjectText[]>;
  /**
   * Removes the versions added at `addedUs` from a collection; returns how many went. Call it in the
   * writing transaction.
   */
  deleteObjects(collectionId: string, addedUs: readonly number[]): Promise<number>;
  insertStatus(s: TaxiiStatus): Promise<void>;
  getStatus(id: string): Promise<TaxiiStatus | undefined>;
  /** Removes statuses created before `before`; returns how many went. */
  purgeStatuses(before: string): Promise<number>;
}

/** A sharing group: organizations that receive together what is shared with the group. */
export interface SharingGroup {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly createdAt: string;
}

/** Who shares with whom beyond TLP levels: clients and constituents, sharing groups. */
export interface SharingRepo {
  /** `orgId` names `clientOrgId` as a client or constituent: its AMBER reaches it. False when already named. */
  addClient(orgId: string, clientOrgId: string, at: string): Promise<boolean>;
  /** False when it was not named. */
  removeClient(orgId: string, clientOrgId: string): Promise<boolean>;
  /** The organizations `orgId` names as its clients or constituents. */
  clientsOf(orgId: string): Promise<string[]>;
  /** The organizations that name `orgId` as a client or constituent. */
  amberFrom(orgId: string): Promise<string[]>;
  insertGroup(g: SharingGroup): Promise<void>;
  getGroup(id: string): Promise<SharingGroup | undefined>;
  findGroupByName(name: string): Promise<SharingGroup | undefined>;
  listGroups(): Promise<SharingGroup[]>;
  /** False when already a member. */
  addMember(groupId: string, orgId: string, at: string): Promise<boolean>;
  /** False when not a member. */
  removeMember(groupId: string, orgId: string): Promise<boolean>;
  membersOf(groupId: string): Promise<string[]>;
  /** The groups `orgId` belongs to. */
  groupsOf(orgId: string): Promise<string[]>;
}

export interface Repos {
  readonly sharing: SharingRepo;
  readonly taxii: TaxiiRepo;
  readonly scan: ScanRepo;
  readonly reports: ReportRepo;
  readonly indicators: IndicatorRepo;
  readonly orgs: OrgRepo;
  readonly users: UserRepo;
  readonly keys: KeyRepo;
  readonly audit: AuditRepo;
}

export interface Store extends Repos {
  readonly dialect: 'sqlite' | 'postgres';
  /** Where the data is, for logs: a file path or a URL without its password. */
  readonly location: string;
  /** Applies pending migrations; returns the names applied now. */
  migrate(): Promise<string[]>;
  /** Resolves when the database answers a query. */
  ping(): Promise<void>;
  /** Runs `fn` in one transaction: either all of its writes land or none do. */
  transaction<T>(fn: (tx: Repos) => Promise<T>): Promise<T>;
  /** True when `e` is this database's unique-constraint violation (a racing duplicate insert). */
  isUniqueViolation(e: unknown): boolean;
  close(): Promise<void>;
}
