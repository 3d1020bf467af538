/**
 * The TAXII 2.1 server's use cases on the STIX object store: collections and who may use them, reading
 * objects, manifests and versions page by page under TLP, adding objects (each checked on its own, the
 * valid ones kept, indicators fed to the check index) with a status resource, deleting, and the admin side
 * of collections. Every visibility decision goes through `visibilityRule`/`canSee` (core/sharing/tlp.ts).
 */
import { randomUUID } from 'node:crypto';
import { auditActor, isPlatformAdmin, type Actor } from '../core/auth/principal.js';
import type { AuditEvent } from '../core/audit/audit-entry.js';
import { tocsinError, type ErrorDetail } from '../core/errors/errors.js';
import type { IndicatorInput } from '../core/indicators/indicator-input.js';
import { parseObservable } from '../core/observables/observable-value.js';
import { parseTlp, visibilityRule } from '../core/sharing/tlp.js';
import { isJsonObject } from '../core/stix/stix-problem.js';
import {
  addedVersionState,
  checkObject,
  type CheckedObject,
  type CheckOutcome,
} from '../core/taxii/check-object.js';
import {
  canKnow,
  canRead,
  canWrite,
  type CollectionAccess,
  type TaxiiCollection,
} from '../core/taxii/collection.js';
import {
  filterFingerprint,
  parseTaxiiFilter,
  type RawQuery,
  type TaxiiEndpoint,
  type TaxiiFilter,
} from '../core/taxii/filters.js';
import { readPageToken, signPageToken, type PageScope } from '../core/taxii/page-token.js';
import type {
  StatusDetail,
  StixObjectText,
  StixQuery,
  StoredStixObject,
  TaxiiStatus,
} from '../core/taxii/records.js';
import { microsToTimestamp, versionKey } from '../core/taxii/timestamps.js';
import type { Repos, Store } from '../store/store.js';
import { isoNow, type Clock } from './clock.js';
import type { IndicatorIndex } from './indicator-index.js';
import { IndicatorService, viewerOf } from './indicator-service.js';

/** Status resources are kept at least this long (TAXII 2.1 section 4.3: 24 hours at least). */
export const STATUS_RETENTION_MS = 24 * 3600 * 1000;

/** One page of a TAXII listing, with the dates added of its first and last records (for the X-TAXII headers). */
export interface TaxiiPage<T> {
  readonly items: readonly T[];
  readonly more: boolean;
  readonly next: string | undefined;
  readonly firstAdded: string | undefined;
  readonly lastAdded: string | undefined;
}

export interface CollectionInput {
  readonly title: string;
  readonly description?: string | null | undefined;
  readonly alias?: string | null | undefined;
  readonly read: CollectionAccess;
  readonly write: CollectionAccess;
  readonly defaultTlp?: string | undefined;
}

const WRITER_ROLES = new Set(['admin', 'analyst', 'member']);
const DELETE_LIMIT = 10_000;

/** A checked object on its way to the store; `auditDigest`, when given, is `addedVersionDigest` of it. */
type Candidate = CheckedObject & { readonly auditDigest?: string | undefined };

/**
 * What became of one object of a batch (`index` is its place in the batch): `added` (a new object),
 * `updated` (a new version of an object the submitter can see), `duplicate` (a version already there: nothing
 * changed) or `rejected` (with the reason, starting with its code). `fed` counts the values filed as Tocsin
 * indicators (or revoked) for it.
 */
export type IngestOutcome =
  | {
      readonly kind: 'added' | 'updated';
      readonly index: number;
      readonly id: string;
      readonly version: string;
      readonly fed: number;
      readonly message?: string;
    }
  | {
      readonly kind: 'duplicate' | 'rejected';
      readonly index: number;
      readonly id: string;
      readonly version: string;
      readonly message: string;
    };

type Written =
  | { readonly version: string; readonly kind: 'added' | 'updated' | 'duplicate'; readonly message?: string }
  | { readonly failure: StatusDetail };

/** The most versions read at once when a batch looks up what the collection already holds. */
const LOOKUP_LIMIT = 50_000;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The store seen from inside one transaction, so that the indicators fed by a batch are filed in the batch's
 * own transaction: a batch lands whole (objects, their audit entries and the indicators they feed) or not at
 * all, and running it again finds it all there.
 */
function storeOfTransaction(store: Store, tx: Repos): Store {
  return {
    ...tx,
    sharing: tx.sharing,
    taxii: tx.taxii,
    scan: tx.scan,
    reports: tx.reports,
    indicators: tx.indicators,
    orgs: tx.orgs,
    users: tx.users,
    keys: tx.keys,
    audit: tx.audit,
    dialect: store.dialect,
    location: store.location,
    migrate: () => Promise.reject(new Error('no migration inside a transaction')),
    ping: () => store.ping(),
    transaction: (fn) => fn(tx),
    isUniqueViolation: (e) => store.isUniqueViolation(e),
    close: () => Promise.resolve(),
  };
}

export class TaxiiService {
  readonly #store: Store;
  readonly #clock: Clock;
  readonly #index: IndicatorIndex | undefined;
  #cursorKey: string | undefined;

  /**
   * `indicators` is accepted for compatibility; fed indicators are filed by an IndicatorService bound to the
   * writing transaction, and `index` (when given) catches up after each commit.
   */
  constructor(deps: { store: Store; clock: Clock; indicators?: IndicatorService; index?: IndicatorIndex }) {
    this.#store = deps.store;
    this.#clock = deps.clock;
    this.#index = deps.index;
  }

  // ── collections ─────────────────────────────────────────────────────────────────────────────────────

  /** The collections the actor may read or write; the others do not exist for it. */
  async collections(actor: Actor): Promise<TaxiiCollection[]> {
    const viewer = viewerOf(actor);
    return (await this.#store.taxii.listCollections()).filter((c) => canKnow(c, viewer));
  }

  /** A collection the actor may read or write; any other is "not found", as a missing one. */
  async collection(actor: Actor, id: string): Promise<TaxiiCollection> {
    const c = UUID.test(id) ? await this.#store.taxii.getCollection(id) : undefined;
    if (c === undefined || !canKnow(c, viewerOf(actor)))
      throw tocsinError('TOCSIN_ERR_NOT_FOUND', `collection ${id} not found`);
    return c;
  }

  async #readable(actor: Actor, id: string): Promise<TaxiiCollection> {
    const c = await this.collection(actor, id);
    if (!canRead(c, viewerOf(actor)))
      throw tocsinError('TOCSIN_ERR_FORBIDDEN', `you may not read collection ${id}`);
    return c;
  }

  /** A collection the actor may read, by id or alias (the export takes either). */
  async readableCollection(actor: Actor, idOrAlias: string): Promise<TaxiiCollection> {
    return this.#readable(actor, await this.#byAlias(idOrAlias));
  }

  async #byAlias(idOrAlias: string): Promise<string> {
    if (UUID.test(idOrAlias)) return idOrAlias;
    const c = (await this.#store.taxii.listCollections()).find((x) => x.alias === idOrAlias);
    return c?.id ?? idOrAlias;
  }

  /** A collection the actor may write to, by id or alias (the import commands take either). */
  async writableCollection(actor: Actor, idOrAlias: string): Promise<TaxiiCollection> {
    return this.#writable(actor, await this.#byAlias(idOrAlias));
  }

  async #writable(actor: Actor, id: string): Promise<TaxiiCollection> {
    const c = await this.collection(actor, id);
    if (!canWrite(c, viewerOf(actor)) || (actor.kind === 'user' && !WRITER_ROLES.has(actor.role)))
      throw tocsinError('TOCSIN_ERR_FORBIDDEN', `you may not write to collection ${id}`);
    return c;
  }

  // ── reading ─────────────────────────────────────────────────────────────────────────────────────────

  /** Manifest records (one per version chosen) of the objects the actor may see. */
  async manifest(actor: Actor, collectionId: string, raw: RawQuery): Promise<TaxiiPage<StoredStixObject>> {
    const c = await this.#readable(actor, collectionId);
    const f = this.#filter('manifest', raw);
    return this.#page(actor, 'manifest', c, f, {}, (q, n) => this.#store.taxii.query(q, n));
  }

  /** Objects (the versions chosen) the actor may see: their JSON texts. */
  async objects(actor: Actor, collectionId: string, raw: RawQuery): Promise<TaxiiPage<StixObjectText>> {
    const c = await this.#readable(actor, collectionId);
    const f = this.#filter('objects', raw);
    return this.#page(actor, 'objects', c, f, {}, (q, n) => this.#store.taxii.queryTexts(q, n));
  }

  /** One object's versions chosen by the filters; "not found" when the actor may see no version of it. */
  async object(
    actor: Actor,
    collectionId: string,
    objectId: string,
    raw: RawQuery,
  ): Promise<TaxiiPage<StixObjectText>> {
    const c = await this.#readable(actor, collectionId);
    const f = this.#filter('object', raw);
    await this.#visibleVersions(actor, c, objectId);
    return this.#page(actor, `object:${objectId}`, c, f, { ids: [objectId] }, (q, n) =>
      this.#store.taxii.queryTexts(q, n),
    );
  }

  /** The versions of one object the actor may see, oldest added first. */
  async versions(
    actor: Actor,
    collectionId: string,
    objectId: string,
    raw: RawQuery,
  ): Promise<TaxiiPage<StoredStixObject>> {
    const c = await this.#readable(actor, collectionId);
    const f = this.#filter('versions', raw);
    await this.#visibleVersions(actor, c, objectId);
    return this.#page(actor, `versions:${objectId}`, c, f, { ids: [objectId] }, (q, n) =>
      this.#store.taxii.query(q, n),
    );
  }

  async #visibleVersions(actor: Actor, c: TaxiiCollection, objectId: string): Promise<StoredStixObject[]> {
    const v = await this.#store.taxii.versionsOf(c.id, objectId, visibilityRule(viewerOf(actor)));
    if (v.length === 0) throw tocsinError('TOCSIN_ERR_NOT_FOUND', `object ${objectId} not found`);
    return v;
  }

  #filter(endpoint: TaxiiEndpoint, raw: RawQuery): TaxiiFilter {
    const problems: ErrorDetail[] = [];
    const f = parseTaxiiFilter(endpoint, raw, problems);
    if (problems.length > 0)
      throw tocsinError('TOCSIN_ERR_VALIDATION', problems.map((p) => `${p.path}: ${p.message}`).join('; '), {
        details: problems,
      });
    return f;
  }

  async #page<T extends { readonly addedUs: number }>(
    actor: Actor,
    endpoint: string,
    c: TaxiiCollection,
    f: TaxiiFilter,
    extra: Partial<StixQuery>,
    read: (q: StixQuery, limit: number) => Promise<T[]>,
  ): Promise<TaxiiPage<T>> {
    const key = await this.#key();
    const scope: PageScope = {
      endpoint,
      collectionId: c.id,
      filter: filterFingerprint(f),
      orgId: actor.kind === 'user' ? actor.orgId : '',
    };
    let afterUs: number | undefined;
    if (f.next !== undefined) {
      afterUs = readPageToken(key, scope, f.next);
      if (afterUs === undefined) throw tocsinError('TOCSIN_ERR_INVALID_PAGE_TOKEN');
    }
    const rows = await read(
      {
        collectionId: c.id,
        ids: f.ids,
        types: f.types,
        specVersions: f.specVersions,
        versions: f.versions,
        addedAfterUs: f.addedAfterUs,
        afterUs,
        visibility: visibilityRule(viewerOf(actor)),
        ...extra,
      },
      f.limit + 1,
    );
    const more = rows.length > f.limit;
    const items = more ? rows.slice(0, f.limit) : rows;
    const first = items[0];
    const last = items[items.length - 1];
    return {
      items,
      more,
      next: more && last !== undefined ? signPageToken(key, scope, last.addedUs) : undefined,
      firstAdded: first && microsToTimestamp(first.addedUs),
      lastAdded: last && microsToTimestamp(last.addedUs),
    };
  }

  async #key(): Promise<string> {
    if (this.#cursorKey === undefined) {
      const k = await this.#store.reports.setting('taxii_cursor_key');
      if (k === undefined) throw tocsinError('TOCSIN_ERR_INTERNAL', 'the TAXII cursor key is missing');
      this.#cursorKey = k;
    }
    return this.#cursorKey;
  }

  /** A status resource of the actor's organization (the operating centre's admins see all). */
  async status(actor: Actor, id: string): Promise<TaxiiStatus> {
    const s = UUID.test(id) ? await this.#store.taxii.getStatus(id) : undefined;
    const own = s !== undefined && actor.kind === 'user' && actor.orgId === s.orgId;
    if (s === undefined || (!own && !isPlatformAdmin(actor)))
      throw tocsinError('TOCSIN_ERR_NOT_FOUND', `status ${id} not found`);
    return s;
  }

  // ── writing ─────────────────────────────────────────────────────────────────────────────────────────

  /**
   * Adds the objects of a TAXII envelope: each is checked on its own, the valid ones are kept (in one
   * transaction, each audited), a version already held is a success that changes nothing, and indicators
   * whose patterns Tocsin can enforce are filed as Tocsin indicators. Returns the status resource.
   */
  async add(actor: Actor, collectionId: string, envelope: unknown): Promise<TaxiiStatus> {
    const c = await this.#writable(actor, collectionId);
    if (!isJsonObject(envelope) || (envelope['objects'] !== undefined && !Array.isArray(envelope['objects'])))
      throw tocsinError('TOCSIN_ERR_UNPROCESSABLE', 'the body must be a TAXII envelope: {"objects": [ … ]}');
    const objects = (envelope['objects'] ?? []) as unknown[];
    const now = isoNow(this.#clock);
    const orgId = await this.#orgOf(actor);
    const { checkFailures, candidates, written } = await this.#ingest(
      actor,
      orgId,
      c,
      objects.map((obj, index) => checkObject(obj, index, c.defaultTlp)),
      now,
    );
    const successes: StatusDetail[] = [];
    const failures: StatusDetail[] = [...checkFailures.values()];
    for (const cand of candidates) {
      const outcome = written.get(cand.index);
      if (outcome === undefined) continue;
      if ('failure' in outcome) failures.push(outcome.failure);
      else {
        const message = outcome.message;
        successes.push({
          id: cand.id,
          version: outcome.version,
          ...(message === undefined || message === '' ? {} : { message }),
        });
      }
    }

    const status: TaxiiStatus = {
      id: randomUUID(),
      orgId,
      userId: actor.kind === 'user' ? actor.userId : null,
      collectionId: c.id,
      requestTimestamp: now,
      status: 'complete',
      successes,
      failures,
      pendings: [],
      createdAt: now,
    };
    const purgeBefore = new Date(Date.parse(now) - STATUS_RETENTION_MS).toISOString();
    await this.#store.transaction(async (tx) => {
      await tx.taxii.purgeStatuses(purgeBefore);
      await tx.taxii.insertStatus(status);
    });
    return status;
  }

  /**
   * Checks, writes and feeds one batch of objects in one transaction (no status resource): what the import
   * service calls for each batch of a bundle. `c` comes from `writableCollection`. One outcome per object, in
   * input order.
   */
  async ingest(actor: Actor, c: TaxiiCollection, objects: readonly unknown[]): Promise<IngestOutcome[]> {
    return this.ingestChecked(
      actor,
      c,
      objects.map((obj, index) => checkObject(obj, index, c.defaultTlp)),
    );
  }

  /**
   * `ingest` for objects checked already (`checkObject` with the collection's default TLP, in batch order:
   * `index` is the place in `checked`), as a bundle import does on a worker thread. A candidate may carry
   * `auditDigest`, its `addedVersionDigest` for this collection, worked out there too.
   */
  async ingestChecked(
    actor: Actor,
    c: TaxiiCollection,
    checked: readonly (CheckOutcome & { readonly auditDigest?: string | undefined })[],
  ): Promise<IngestOutcome[]> {
    const now = isoNow(this.#clock);
    const orgId = await this.#orgOf(actor);
    const { checkFailures, candidates, written, fed } = await this.#ingest(actor, orgId, c, checked, now);
    const out: IngestOutcome[] = [];
    const byIndex = new Map(candidates.map((cand) => [cand.index, cand]));
    for (let index = 0; index < checked.length; index++) {
      const failed = checkFailures.get(index);
      if (failed !== undefined) {
        out.push({
          kind: 'rejected',
          index,
          id: failed.id,
          version: failed.version,
          message: failed.message ?? '',
        });
        continue;
      }
      const cand = byIndex.get(index);
      const w = written.get(index);
      if (cand === undefined || w === undefined) continue;
      if ('failure' in w)
        out.push({
          kind: 'rejected',
          index,
          id: w.failure.id,
          version: w.failure.version,
          message: w.failure.message ?? '',
        });
      else if (w.kind === 'duplicate')
        out.push({ kind: 'duplicate', index, id: cand.id, version: w.version, message: w.message ?? '' });
      else
        out.push({
          kind: w.kind,
          index,
          id: cand.id,
          version: w.version,
          fed: fed.get(index) ?? 0,
          ...(w.message === undefined || w.message === '' ? {} : { message: w.message }),
        });
    }
    return out;
  }

  async #ingest(
    actor: Actor,
    orgId: string,
    c: TaxiiCollection,
    checked: readonly (CheckOutcome & { readonly auditDigest?: string | undefined })[],
    now: string,
  ) {
    const checkFailures = new Map<number, StatusDetail>();
    const candidates: Candidate[] = [];
    checked.forEach((r, index) => {
      if ('failure' in r) checkFailures.set(index, r.failure);
      else candidates.push(r);
    });
    const { outcome: written, fed } = await this.#writeWithRetry(actor, orgId, c, candidates, now);
    if (fed.size > 0) await this.#index?.catchUp();
    return { checkFailures, candidates, written, fed };
  }

  async #orgOf(actor: Actor): Promise<string> {
    if (actor.kind === 'user') return actor.orgId;
    const op = await this.#store.orgs.findOperator();
    if (op === undefined) throw tocsinError('TOCSIN_ERR_NOT_FOUND', 'no operating centre yet');
    return op.id;
  }

  /** Writes in one transaction; a racing writer of the same version makes it run again, to find it there. */
  async #writeWithRetry(
    actor: Actor,
    orgId: string,
    c: TaxiiCollection,
    candidates: Candidate[],
    now: string,
  ) {
    try {
      return await this.#write(actor, orgId, c, candidates, now);
    } catch (e) {
      if (!this.#store.isUniqueViolation(e)) throw e;
      return this.#write(actor, orgId, c, candidates, now);
    }
  }

  async #write(actor: Actor, orgId: string, c: TaxiiCollection, candidates: Candidate[], now: string) {
    const viewer = viewerOf(actor);
    const rule = visibilityRule(viewer);
    const outcome = new Map<number, Written>();
    const fed = new Map<number, number>();
    const nowUs = Date.parse(now) * 1000;
    await this.#store.transaction(async (tx) => {
      outcome.clear();
      fed.clear();
      const added: Candidate[] = [];
      // Only versions the submitter may see count: an invisible one must change nothing it can observe.
      const seen = await this.#versionsOfAll(
        tx,
        c.id,
        candidates.map((cand) => cand.id),
        rule,
      );
      const pending: Candidate[] = [];
      // What the batch adds already, by id and version (or content, for objects without a version).
      const inBatch = new Set<string>();
      for (const cand of candidates) {
        let versions = seen.get(cand.id);
        if (versions === undefined) {
          versions = await tx.taxii.versionsOf(c.id, cand.id, rule);
          seen.set(cand.id, versions);
        }
        const key = cand.version === undefined ? undefined : versionKey(cand.version);
        const same =
          versions.length === 0
            ? undefined
            : versions.find((v) => (key === undefined ? v.digest === cand.digest : v.versionKey === key));
        const sameInBatch = key === undefined ? `${cand.id}\ncontent ${cand.digest}` : `${cand.id}\n${key}`;
        if (same !== undefined || inBatch.has(sameInBatch)) {
          outcome.set(cand.index, {
            kind: 'duplicate',
            version: same?.version ?? cand.version ?? '',
            message: 'already in the collection',
          });
          continue;
        }
        // Only another organization's versions (and at least one): only it may add versions.
        if (
          key !== undefined &&
          versions.length > 0 &&
          versions.every((v) => v.orgId !== orgId) &&
          !isPlatformAdmin(actor)
        ) {
          outcome.set(cand.index, {
            failure: {
              id: cand.id,
              version: cand.version ?? '',
              message:
                'TOCSIN_ERR_FORBIDDEN: this object was submitted by another organization; only it may add versions',
            },
          });
          continue;
        }
        pending.push(cand);
        inBatch.add(sameInBatch);
      }
      if (pending.length === 0) return;
      const firstUs = await tx.taxii.reserveAdded(pending.length, nowUs);
      const rows: StoredStixObject[] = [];
      const audits: AuditEvent[] = [];
      const earlier = new Set<string>();
      const { actorUserId, actorOrgId } = auditActor(actor);
      for (const [i, cand] of pending.entries()) {
        const addedUs = firstUs + i;
        const version = cand.version ?? microsToTimestamp(addedUs);
        const row: StoredStixObject = {
          addedUs,
          collectionId: c.id,
          id: cand.id,
          type: cand.type,
          specVersion: cand.specVersion,
          version,
          versionKey: versionKey(version) ?? version,
          orgId,
          tlp: cand.tlp,
          recipients: cand.recipients,
          digest: cand.digest,
          json: cand.json,
        };
        rows.push(row);
        audits.push({
          actorUserId,
          actorOrgId,
          action: 'taxii.object.add',
          objectType: 'stix-object',
          objectId: cand.id,
          before: null,
          after: addedVersionState(c.id, cand, version),
          // Worked out with the check when the version was stated (it is then the version stored).
          ...(cand.auditDigest !== undefined && cand.version !== undefined
            ? { afterDigest: cand.auditDigest }
            : {}),
        });
        const known = (seen.get(cand.id)?.length ?? 0) > 0 || earlier.has(cand.id);
        earlier.add(cand.id);
        outcome.set(cand.index, { kind: known ? 'updated' : 'added', version });
        added.push(cand);
      }
      // One statement for the objects and a few for their audit entries, not three each.
      await tx.taxii.insertObjects(rows);
      await tx.audit.appendMany(audits, now);
      const messages = await this.#feed(
        actor,
        orgId,
        new IndicatorService({ store: storeOfTransaction(this.#store, tx), clock: this.#clock }),
        tx,
        added,
        fed,
      );
      for (const [index, m] of messages) {
        const w = outcome.get(index);
        if (w === undefined || 'failure' in w) continue;
        outcome.set(index, {
          ...w,
          message: [w.message, m].filter((x) => x !== undefined && x !== '').join('; '),
        });
      }
    });
    return { outcome, fed };
  }

  /**
   * The versions the rule lets see of every id in `ids`, in one query per batch; an id missing from the map
   * (when the batch holds more versions than one read takes) is looked up on its own.
   */
  async #versionsOfAll(
    tx: Repos,
    collectionId: string,
    ids: readonly string[],
    visibility: ReturnType<typeof visibilityRule>,
  ): Promise<Map<string, StoredStixObject[]>> {
    const unique = [...new Set(ids)];
    const out = new Map<string, StoredStixObject[]>();
    if (unique.length === 0) return out;
    const rows = await tx.taxii.query(
      {
        collectionId,
        ids: unique,
        versions: { all: true, first: false, last: false, keys: [] },
        visibility,
      },
      LOOKUP_LIMIT + 1,
    );
    if (rows.length > LOOKUP_LIMIT) return out;
    for (const id of unique) out.set(id, []);
    for (const r of rows) out.get(r.id)?.push(r);
    return out;
  }

  /** Files (or revokes) the Tocsin indicators of newly added STIX indicators; a message per object. */
  async #feed(
    actor: Actor,
    orgId: string,
    indicators: IndicatorService,
    tx: Repos,
    added: readonly Candidate[],
    fed: Map<number, number>,
  ): Promise<Map<number, string>> {
    const messages = new Map<number, string>();
    const inputs: IndicatorInput[] = [];
    const owners: number[] = [];
    const revoking: Candidate[] = [];
    for (const cand of added) {
      const feed = cand.feed;
      if (feed === undefined) continue;
      if (feed.kind === 'skip') messages.set(cand.index, `not fed to the check index: ${feed.reason}`);
      else if (feed.kind === 'feed') {
        if (feed.revoked) revoking.push(cand);
        else
          for (const input of feed.inputs) {
            // The object's named recipients reach the indicator too: what TAXII hides, the check hides.
            inputs.push(cand.recipients.length === 0 ? input : { ...input, recipients: cand.recipients });
            owners.push(cand.index);
          }
      }
    }
    if (inputs.length > 0) {
      try {
        // Inside the batch's transaction already: one chunk, so one lookup and one insert for all its values.
        const results = await indicators.file(actor, inputs, { chunk: inputs.length });
        const tally = new Map<number, { fed: number; errors: string[] }>();
        results.forEach((r, i) => {
          const owner = owners[i]!;
          const t = tally.get(owner) ?? { fed: 0, errors: [] };
          if (r.ok) t.fed++;
          else t.errors.push(`${inputs[i]!.value}: ${r.error.code}: ${r.error.message}`);
          tally.set(owner, t);
        });
        for (const [owner, t] of tally) {
          if (t.fed > 0) fed.set(owner, t.fed);
          messages.set(
            owner,
            [
              t.fed > 0 ? `fed ${t.fed} value${t.fed === 1 ? '' : 's'} to the check index` : undefined,
              t.errors.length > 0 ? `not fed: ${t.errors.join('; ')}` : undefined,
            ]
              .filter((m) => m !== undefined)
              .join('; '),
          );
        }
      } catch (e) {
        const m = e instanceof Error ? e.message : String(e);
        for (const owner of new Set(owners)) messages.set(owner, `not fed to the check index: ${m}`);
      }
    }
    for (const cand of revoking) {
      const r = await this.#revokeFed(actor, orgId, indicators, tx, cand);
      if (r.revoked > 0) fed.set(cand.index, r.revoked);
      messages.set(cand.index, r.message);
    }
    return messages;
  }

  /**
   * A revoked STIX indicator revokes the Tocsin indicators its values made for the same organization
   * (`orgId`, the writer's: worked out before the transaction, which holds SQLite's only connection).
   */
  async #revokeFed(
    actor: Actor,
    orgId: string,
    indicators: IndicatorService,
    tx: Repos,
    cand: Candidate,
  ): Promise<{ revoked: number; message: string }> {
    if (cand.feed?.kind !== 'feed') return { revoked: 0, message: '' };
    let revoked = 0;
    const errors: string[] = [];
    for (const input of cand.feed.inputs) {
      if (input.kind === undefined) continue;
      const v = parseObservable(input.kind, input.value);
      if (!v.ok) continue;
      const found = await tx.indicators.findBySource(v.value.kind, v.value.canonical, orgId);
      if (found === undefined || found.revokedAt !== null) continue;
      try {
        await indicators.revoke(actor, viewerOf(actor), found.id);
        revoked++;
      } catch (e) {
        errors.push(`${input.value}: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    return {
      revoked,
      message: [`revoked ${revoked} indicator${revoked === 1 ? '' : 's'} of the check index`, ...errors].join(
        '; ',
      ),
    };
  }

  /**
   * Deletes the versions of an object chosen by `match[version]` and `match[spec_version]` (all by
   * default). Versions the actor cannot see do not exist for it; versions of another organization it can
   * see are refused (403) unless it is an admin of the operating centre.
   */
  async remove(actor: Actor, collectionId: string, objectId: string, raw: RawQuery): Promise<number> {
    const c = await this.#writable(actor, collectionId);
    const viewer = viewerOf(actor);
    const f = this.#filter('delete', raw);
    const rule = visibilityRule(viewer);
    const rows = await this.#store.taxii.query(
      {
        collectionId: c.id,
        ids: [objectId],
        specVersions: f.specVersions,
        versions: f.versions,
        visibility: rule,
      },
      DELETE_LIMIT,
    );
    if (rows.length === 0) throw tocsinError('TOCSIN_ERR_NOT_FOUND', `object ${objectId} not found`);
    const orgId = await this.#orgOf(actor);
    if (!isPlatformAdmin(actor) && rows.some((r) => r.orgId !== orgId))
      throw tocsinError(
        'TOCSIN_ERR_FORBIDDEN',
        'only the organization that submitted an object may delete it',
      );
    const now = isoNow(this.#clock);
    return this.#store.transaction(async (tx) => {
      const n = await tx.taxii.deleteObjects(
        c.id,
        rows.map((r) => r.addedUs),
      );
      for (const r of rows)
        await tx.audit.append(
          {
            ...auditActor(actor),
            action: 'taxii.object.delete',
            objectType: 'stix-object',
            objectId: r.id,
            before: { collectionId: c.id, id: r.id, version: r.version, tlp: r.tlp, digest: r.digest },
            after: null,
          },
          now,
        );
      return n;
    });
  }

  // ── administration ──────────────────────────────────────────────────────────────────────────────────

  /** Every collection, for the operating centre's admins. */
  async allCollections(actor: Actor): Promise<TaxiiCollection[]> {
    this.#admin(actor);
    return this.#store.taxii.listCollections();
  }

  async createCollection(actor: Actor, input: CollectionInput): Promise<TaxiiCollection> {
    this.#admin(actor);
    const now = isoNow(this.#clock);
    const fields = await this.#clean(input);
    const c: TaxiiCollection = {
      id: randomUUID(),
      title: fields.title ?? input.title,
      description: fields.description ?? null,
      alias: fields.alias ?? null,
      read: fields.read ?? input.read,
      write: fields.write ?? input.write,
      defaultTlp: fields.defaultTlp ?? 'amber',
      createdAt: now,
      updatedAt: now,
    };
    await this.#saving(() =>
      this.#store.transaction(async (tx) => {
        await tx.taxii.insertCollection(c);
        await tx.audit.append(
          {
            ...auditActor(actor),
            action: 'taxii.collection.create',
            objectType: 'taxii-collection',
            objectId: c.id,
            before: null,
            after: c,
          },
          now,
        );
      }),
    );
    return c;
  }

  async updateCollection(
    actor: Actor,
    id: string,
    patch: Partial<CollectionInput>,
  ): Promise<TaxiiCollection> {
    this.#admin(actor);
    const fields = await this.#clean(patch);
    const now = isoNow(this.#clock);
    return this.#saving(() =>
      this.#store.transaction(async (tx) => {
        const before = UUID.test(id) ? await tx.taxii.getCollection(id) : undefined;
        if (before === undefined) throw tocsinError('TOCSIN_ERR_NOT_FOUND', `collection ${id} not found`);
        const after: TaxiiCollection = { ...before, ...fields, updatedAt: now };
        await tx.taxii.updateCollection(after);
        await tx.audit.append(
          {
            ...auditActor(actor),
            action: 'taxii.collection.update',
            objectType: 'taxii-collection',
            objectId: id,
            before,
            after,
          },
          now,
        );
        return after;
      }),
    );
  }

  #admin(actor: Actor): void {
    if (!isPlatformAdmin(actor))
      throw tocsinError(
        'TOCSIN_ERR_FORBIDDEN',
        'only an admin of the operating centre may manage TAXII collections',
      );
  }

  async #saving<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (e) {
      if (this.#store.isUniqueViolation(e))
        throw tocsinError('TOCSIN_ERR_DUPLICATE_ALIAS', undefined, { cause: e });
      throw e;
    }
  }

  async #clean(
    input: Partial<CollectionInput>,
  ): Promise<Partial<Omit<TaxiiCollection, 'id' | 'createdAt' | 'updatedAt'>>> {
    const problems: ErrorDetail[] = [];
    const out: { -readonly [K in keyof TaxiiCollection]?: TaxiiCollection[K] } = {};
    if (input.title !== undefined) {
      if (input.title.trim() === '') problems.push({ path: 'title', message: 'must not be blank' });
      else out.title = input.title.trim();
    }
    if (input.description !== undefined)
      out.description =
        input.description === null || input.description.trim() === '' ? null : input.description.trim();
    if (input.alias !== undefined) {
      if (input.alias !== null && !/^[a-z0-9][a-z0-9-]{0,62}$/.test(input.alias))
        problems.push({ path: 'alias', message: 'lower-case letters, digits and hyphens, at most 63' });
      else out.alias = input.alias;
    }
    for (const k of ['read', 'write'] as const) {
      const a = input[k];
      if (a === undefined) continue;
      if (typeof a !== 'string') {
        for (const orgId of a)
          if (!UUID.test(orgId) || (await this.#store.orgs.get(orgId)) === undefined)
            problems.push({ path: k, message: `no organization ${orgId}` });
        out[k] = [...new Set(a)];
      } else out[k] = a;
    }
    if (input.defaultTlp !== undefined) {
      const t = parseTlp(input.defaultTlp);
      if (t === undefined)
        problems.push({ path: 'defaultTlp', message: 'must be clear, green, amber, amber+strict or red' });
      else out.defaultTlp = t;
    }
    if (problems.length > 0)
      throw tocsinError('TOCSIN_ERR_VALIDATION', problems.map((p) => `${p.path}: ${p.message}`).join('; '), {
        details: problems,
      });
    return out;
  }
}
