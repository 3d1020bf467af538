/**
 * Indicators: file (one or many, merging repeats from the same source), read, search, change and revoke,
 * each write audited in its own transaction with the row, and the in-memory index told at once.
 */
import { randomUUID } from 'node:crypto';
import { auditActor, isPlatformAdmin, type Actor } from '../core/auth/principal.js';
import { tocsinError, type ErrorDetail, type TocsinError } from '../core/errors/errors.js';
import type { AuditEvent } from '../core/audit/audit-entry.js';
import type { Indicator } from '../core/indicators/indicator.js';
import {
  changed,
  cleanFields,
  DEFAULT_CONFIDENCE,
  DEFAULT_TLP,
  mergeReport,
  type CleanFields,
  type IndicatorInput,
  type IndicatorPatch,
} from '../core/indicators/indicator-input.js';
import {
  parseAnyObservable,
  parseObservable,
  type ObservableValue,
} from '../core/observables/observable-value.js';
import { canSee, visibilityRule, type Viewer } from '../core/sharing/tlp.js';
import { readPageToken, signPageToken, type PageScope } from '../core/taxii/page-token.js';
import type { IndicatorFilter, IndicatorRow, Page, Repos, Store } from '../store/store.js';
import { isoNow, type Clock } from './clock.js';
import type { IndicatorIndex } from './indicator-index.js';

export type FileResult =
  | {
      readonly ok: true;
      readonly indicator: Indicator;
      readonly outcome: 'created' | 'updated' | 'unchanged';
    }
  | { readonly ok: false; readonly error: TocsinError };

/** The viewer a user reads as; the local operator (SYSTEM) reads as the operating centre, which sees everything. */
export function viewerOf(actor: Actor): Viewer {
  return actor.kind === 'system'
    ? { kind: 'member', orgId: '', isOperator: true }
    : {
        kind: 'member',
        orgId: actor.orgId,
        isOperator: actor.orgIsOperator,
        amberFrom: actor.amberFrom,
        groups: actor.groups,
      };
}

/** Adds a problem for each named recipient that is neither an organization nor a sharing group. */
async function checkRecipients(
  repos: Pick<Repos, 'orgs' | 'sharing'>,
  recipients: readonly string[] | undefined,
  problems: ErrorDetail[],
): Promise<void> {
  for (const r of recipients ?? []) {
    const known = r.startsWith('group:')
      ? await repos.sharing.getGroup(r.slice('group:'.length))
      : await repos.orgs.get(r);
    if (known === undefined)
      problems.push({ path: 'recipients', message: `no organization or sharing group ${JSON.stringify(r)}` });
  }
}

const WRITERS = new Set(['admin', 'analyst', 'member']);

/** An item that passed its checks: the parsed value and the cleaned fields. */
interface Checked {
  readonly value: ObservableValue;
  readonly fields: CleanFields;
}

export class IndicatorService {
  readonly #store: Store;
  readonly #clock: Clock;
  #pageKey: string | undefined;
  readonly #index: IndicatorIndex | undefined;

  constructor(deps: { store: Store; clock: Clock; index?: IndicatorIndex | undefined }) {
    this.#store = deps.store;
    this.#clock = deps.clock;
    this.#index = deps.index;
  }

  /** The organization an actor files for: its own, or the operating centre for the local operator. */
  async #sourceOrg(actor: Actor): Promise<string> {
    if (actor.kind === 'user') {
      if (!WRITERS.has(actor.role))
        throw tocsinError('TOCSIN_ERR_FORBIDDEN', 'readers cannot file indicators');
      return actor.orgId;
    }
    const op = await this.#store.orgs.findOperator();
    if (!op)
      throw tocsinError(
        'TOCSIN_ERR_NOT_FOUND',
        'no operating centre yet: run `tocsin serve` once, or create one',
      );
    return op.id;
  }

  /**
   * Files indicators for the actor's organization, `chunk` to a transaction (all of a chunk lands, or none
   * of it). Each item gets its own result; a bad item does not stop the others.
   */
  async file(
    actor: Actor,
    inputs: readonly IndicatorInput[],
    opts: { chunk?: number; onProgress?: (done: number) => void } = {},
  ): Promise<FileResult[]> {
    const sourceOrgId = await this.#sourceOrg(actor);
    const results: FileResult[] = [];
    const chunk = opts.chunk ?? 500;
    for (let start = 0; start < inputs.length; start += chunk) {
      const slice = inputs.slice(start, start + chunk);
      const now = isoNow(this.#clock);
      const out = await this.#store.transaction((tx) => this.#fileChunk(tx, actor, sourceOrgId, slice, now));
      results.push(...out);
      opts.onProgress?.(Math.min(inputs.length, start + chunk));
      await this.#index?.catchUp();
    }
    return results;
  }

  /**
   * One chunk, with the outcome of filing its items one after the other: the existing indicators of the
   * chunk's values are read in one query, the new ones inserted a few statements at a time, and the audit
   * entries appended together in input order. An item repeating a value the chunk is about to insert waits
   * for that insert, and then merges into it, as it would have one by one.
   */
  async #fileChunk(
    tx: Repos,
    actor: Actor,
    sourceOrgId: string,
    slice: readonly IndicatorInput[],
    now: string,
  ): Promise<FileResult[]> {
    const results: (FileResult | undefined)[] = new Array<FileResult | undefined>(slice.length).fill(
      undefined,
    );
    const ready: { readonly at: number; readonly input: IndicatorInput; readonly checked: Checked }[] = [];
    for (const [at, input] of slice.entries()) {
      const checked = await this.#checkInput(tx, input);
      if ('error' in checked) results[at] = { ok: false, error: checked.error };
      else ready.push({ at, input, checked });
    }
    const key = (kind: string, canonical: string) => `${kind}\n${canonical}`;
    const known = new Map<string, Indicator>();
    for (const i of await tx.indicators.findBySources(
      ready.map((r) => r.checked.value),
      sourceOrgId,
    ))
      known.set(key(i.kind, i.canonical), i);

    const audit = auditActor(actor);
    // Audit events in input order; a creation's waits for its row's number.
    const events: (AuditEvent | number)[] = [];
    const pending: { readonly at: number; readonly row: IndicatorRow }[] = [];
    const pendingKeys = new Set<string>();
    const insertPending = async () => {
      if (pending.length === 0) return;
      const made = await tx.indicators.insertMany(pending.map((p) => p.row));
      pending.forEach((p, k) => {
        const created = made[k]!;
        results[p.at] = { ok: true, indicator: created, outcome: 'created' };
        known.set(key(created.kind, created.canonical), created);
      });
      pending.length = 0;
      pendingKeys.clear();
    };
    for (const { at, input, checked } of ready) {
      const v = checked.value;
      const k = key(v.kind, v.canonical);
      if (pendingKeys.has(k)) await insertPending();
      const existing = known.get(k);
      const fields = checked.fields;
      if (existing) {
        const merged = mergeReport(existing, fields, now);
        if (!changed(existing, merged)) {
          results[at] = { ok: true, indicator: existing, outcome: 'unchanged' };
          continue;
        }
        await tx.indicators.update({ ...merged, keys: v.indicatorKeys });
        known.set(k, merged);
        events.push({
          ...audit,
          action: 'indicator.update',
          objectType: 'indicator',
          objectId: existing.id,
          before: existing,
          after: merged,
        });
        results[at] = { ok: true, indicator: merged, outcome: 'updated' };
        continue;
      }
      const row: IndicatorRow = {
        id: randomUUID(),
        kind: v.kind,
        value: input.value.trim(),
        canonical: v.canonical,
        keys: v.indicatorKeys,
        categories: fields.categories ?? [],
        confidence: fields.confidence ?? DEFAULT_CONFIDENCE,
        sourceOrgId,
        createdBy: audit.actorUserId,
        tlp: fields.tlp ?? DEFAULT_TLP,
        recipients: fields.recipients ?? [],
        validFrom: fields.validFrom ?? now,
        validUntil: fields.validUntil ?? null,
        firstSeen: fields.firstSeen ?? now,
        lastSeen: fields.lastSeen ?? fields.firstSeen ?? now,
        description: fields.description ?? null,
        revokedAt: null,
        createdAt: now,
        updatedAt: now,
      };
      pending.push({ at, row });
      pendingKeys.add(k);
      events.push(at);
    }
    await insertPending();
    // The chunk's audit entries in a few statements rather than three each.
    await tx.audit.appendMany(
      events.map((e) => {
        if (typeof e !== 'number') return e;
        const r = results[e];
        if (r === undefined || !r.ok) throw new Error('an indicator created without its row');
        return {
          ...audit,
          action: 'indicator.create',
          objectType: 'indicator',
          objectId: r.indicator.id,
          before: null,
          after: r.indicator,
        };
      }),
      now,
    );
    return results.map((r) => {
      if (r === undefined) throw new Error('an indicator left without an outcome');
      return r;
    });
  }

  /** Parses and checks one item on its own: its value and cleaned fields, or why it cannot be filed. */
  async #checkInput(tx: Repos, input: IndicatorInput): Promise<Checked | { readonly error: TocsinError }> {
    const parsed =
      input.kind === undefined ? parseAnyObservable(input.value) : parseObservable(input.kind, input.value);
    if (!parsed.ok) return { error: tocsinError('TOCSIN_ERR_INVALID_VALUE', parsed.error) };
    const problems: ErrorDetail[] = [];
    const fields = cleanFields(input, problems);
    await checkRecipients(tx, fields.recipients, problems);
    if (input.categories.length === 0 && fields.categories === undefined)
      problems.push({ path: 'categories', message: 'at least one category is required' });
    if (problems.length > 0) {
      return {
        error: tocsinError(
          'TOCSIN_ERR_VALIDATION',
          problems.map((p) => `${p.path}: ${p.message}`).join('; '),
          { details: problems },
        ),
      };
    }
    return { value: parsed.value, fields };
  }

  /** An indicator the viewer may see; any other is "not found", as a missing one. */
  async get(viewer: Viewer, id: string): Promise<Indicator> {
    const i = await this.#store.indicators.get(id);
    if (!i || !canSee(viewer, { tlp: i.tlp, ownerOrgId: i.sourceOrgId, recipients: i.recipients }))
      throw tocsinError('TOCSIN_ERR_NOT_FOUND', `indicator ${id} not found`);
    return i;
  }

  /**
   * Searches what the viewer may see, newest first; the total counts only that too, and every match, not only
   * those past the cursor. A full page gives `next`, the cursor of the page after it: a signed token, as
   * TAXII's `next` (`core/taxii/page-token.ts`), bound to the filter and the caller's organization and holding
   * only a position, so the page after it is read under the caller's rights again.
   */
  async search(
    viewer: Viewer,
    filter: Omit<IndicatorFilter, 'visibility' | 'now' | 'belowNum'>,
    page: Page & { readonly cursor?: string | undefined },
  ): Promise<{ items: Indicator[]; total: number; next?: string }> {
    const key = await this.#cursorKey();
    const scope: PageScope = {
      endpoint: 'indicators',
      collectionId: '',
      filter: JSON.stringify(
        Object.entries(filter)
          .filter(([, v]) => v !== undefined)
          .sort(([a], [b]) => (a < b ? -1 : 1)),
      ),
      orgId: viewer.kind === 'member' ? viewer.orgId : '',
    };
    let belowNum: number | undefined;
    if (page.cursor !== undefined) {
      belowNum = readPageToken(key, scope, page.cursor);
      if (belowNum === undefined) throw tocsinError('TOCSIN_ERR_INVALID_PAGE_TOKEN');
    }
    const all: IndicatorFilter = { ...filter, now: isoNow(this.#clock), visibility: visibilityRule(viewer) };
    const [items, total] = await Promise.all([
      this.#store.indicators.list({ ...all, belowNum }, page),
      this.#store.indicators.count(all),
    ]);
    // A full page may have a page after it; the next call says (an empty page, without `next`).
    const last = items.length === page.limit ? items.at(-1) : undefined;
    return last === undefined
      ? { items, total }
      : { items, total, next: signPageToken(key, scope, last.num) };
  }

  /** The instance's secret for page tokens, made with the TAXII schema (migration 0006), read once. */
  async #cursorKey(): Promise<string> {
    if (this.#pageKey === undefined) {
      const k = await this.#store.reports.setting('taxii_cursor_key');
      if (k === undefined) throw tocsinError('TOCSIN_ERR_INTERNAL', 'the page token key is missing');
      this.#pageKey = k;
    }
    return this.#pageKey;
  }

  /** Changes an indicator: its source organization's writers, or the operating centre's admins. */
  async update(actor: Actor, viewer: Viewer, id: string, patch: IndicatorPatch): Promise<Indicator> {
    const problems: ErrorDetail[] = [];
    const fields = cleanFields(patch, problems);
    await checkRecipients(this.#store, fields.recipients, problems);
    if (problems.length > 0)
      throw tocsinError('TOCSIN_ERR_VALIDATION', problems.map((p) => `${p.path}: ${p.message}`).join('; '), {
        details: problems,
      });
    return this.#change(actor, viewer, id, 'indicator.update', (before, now) => {
      const next: Indicator = {
        ...before,
        ...(fields.categories === undefined ? {} : { categories: fields.categories }),
        ...(fields.confidence === undefined ? {} : { confidence: fields.confidence }),
        ...(fields.tlp === undefined ? {} : { tlp: fields.tlp }),
        ...(fields.recipients === undefined ? {} : { recipients: fields.recipients }),
        ...(fields.validUntil === undefined ? {} : { validUntil: fields.validUntil }),
        ...(fields.lastSeen === undefined ? {} : { lastSeen: fields.lastSeen }),
        ...(fields.description === undefined ? {} : { description: fields.description }),
        updatedAt: now,
      };
      if (next.validUntil !== null && next.validUntil <= next.validFrom) {
        throw tocsinError('TOCSIN_ERR_VALIDATION', 'validUntil: must be later than validFrom', {
          details: [{ path: 'validUntil', message: 'must be later than validFrom' }],
        });
      }
      return next;
    });
  }

  /** Revokes an indicator: it stops matching at once, and stays on record. */
  async revoke(actor: Actor, viewer: Viewer, id: string): Promise<Indicator> {
    return this.#change(actor, viewer, id, 'indicator.revoke', (before, now) =>
      before.revokedAt !== null ? before : { ...before, revokedAt: now, updatedAt: now },
    );
  }

  /**
   * One change to one indicator the actor may write: read it, derive the next version, and when anything
   * differs write it with its audit entry in one transaction; then bring the index up to date.
   */
  async #change(
    actor: Actor,
    viewer: Viewer,
    id: string,
    action: 'indicator.update' | 'indicator.revoke',
    derive: (before: Indicator, now: string) => Indicator,
  ): Promise<Indicator> {
    const now = isoNow(this.#clock);
    const after = await this.#store.transaction(async (tx) => {
      const before = await this.#writable(tx, actor, viewer, id);
      const next = derive(before, now);
      if (!changed(before, next)) return before;
      await tx.indicators.update(next);
      await tx.audit.append(
        { ...auditActor(actor), action, objectType: 'indicator', objectId: id, before, after: next },
        now,
      );
      return next;
    });
    await this.#index?.catchUp();
    return after;
  }

  async #writable(tx: Repos, actor: Actor, viewer: Viewer, id: string): Promise<Indicator> {
    const i = await tx.indicators.get(id);
    if (!i || !canSee(viewer, { tlp: i.tlp, ownerOrgId: i.sourceOrgId, recipients: i.recipients }))
      throw tocsinError('TOCSIN_ERR_NOT_FOUND', `indicator ${id} not found`);
    const own =
      actor.kind === 'user' &&
      actor.orgId === i.sourceOrgId &&
      (actor.role === 'admin' || actor.role === 'analyst');
    if (!own && !isPlatformAdmin(actor))
      throw tocsinError(
        'TOCSIN_ERR_FORBIDDEN',
        "only the source organization's analysts and admins may change an indicator",
      );
    return i;
  }
}
