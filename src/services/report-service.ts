/**
 * Citizen reports: anyone may report a number, account, link or QR payload; reports wait in a triage queue;
 * an analyst of the operating centre confirms one into an indicator (closing every pending report of that
 * value) or rejects it. Independent pending reports count towards a value's verdict before triage
 * (`ReportTally`, read by the check service).
 */
import { createHmac, randomUUID } from 'node:crypto';
import { auditActor, type Actor, type Principal } from '../core/auth/principal.js';
import { tocsinError, type ErrorDetail } from '../core/errors/errors.js';
import type { Indicator } from '../core/indicators/indicator.js';
import { isEmvcoPayload, parseEmvco } from '../core/observables/emvco.js';
import { parseAnyObservable, parseObservable } from '../core/observables/observable-value.js';
import type { ObservableKind } from '../core/observables/observable.js';
import { CHANNELS, type Channel, type Report, type ReportStatus } from '../core/reports/report.js';
import type { Page, Store } from '../store/store.js';
import type { ReportCounter } from './check-service.js';
import { isoNow, type Clock } from './clock.js';
import type { IndicatorService } from './indicator-service.js';

export interface NewReport {
  readonly value: string;
  readonly kind?: ObservableKind | undefined;
  readonly channel?: string | undefined;
  readonly description: string;
  readonly contact?: string | undefined;
  readonly occurredAt?: string | undefined;
}

/** Who is reporting: a member, or an anonymous client known only by its address. */
export type Reporter = { readonly principal: Principal } | { readonly clientAddress: string };

/** Pending reports per value, in memory, refreshed from the store. */
export class ReportTally implements ReportCounter {
  #counts = new Map<string, number>();

  count(kind: ObservableKind, canonical: string): number {
    // Most of the time nothing awaits triage: no key string to build.
    if (this.#counts.size === 0) return 0;
    return this.#counts.get(`${kind}\u0000${canonical}`) ?? 0;
  }

  async refresh(store: Store): Promise<void> {
    const next = new Map<string, number>();
    for (const t of await store.reports.pendingTally())
      next.set(`${t.kind}\u0000${t.canonical}`, t.reporters);
    this.#counts = next;
  }
}

/** Only the operating centre's analysts and admins read and triage reports: they hold citizens' words and contacts. */
function assertTriager(actor: Actor): void {
  if (actor.kind === 'system') return;
  if (!actor.orgIsOperator || (actor.role !== 'admin' && actor.role !== 'analyst')) {
    throw tocsinError(
      'TOCSIN_ERR_FORBIDDEN',
      "only the operating centre's analysts and admins may read and triage citizen reports",
    );
  }
}

export class ReportService {
  readonly #store: Store;
  readonly #clock: Clock;
  readonly #indicators: IndicatorService;
  readonly tally = new ReportTally();
  #hashKey: string | undefined;

  constructor(deps: { store: Store; clock: Clock; indicators: IndicatorService }) {
    this.#store = deps.store;
    this.#clock = deps.clock;
    this.#indicators = deps.indicators;
  }

  async #reporterHash(r: Reporter): Promise<string> {
    this.#hashKey ??= await this.#store.reports.setting('reporter_hash_key');
    const who = 'principal' in r ? `user:${r.principal.userId}` : `addr:${r.clientAddress}`;
    return createHmac('sha256', this.#hashKey ?? '')
      .update(who)
      .digest('hex')
      .slice(0, 32);
  }

  /** Files a report; it waits for triage. */
  async submit(reporter: Reporter, input: NewReport): Promise<Report> {
    const problems: ErrorDetail[] = [];
    const raw = input.value.trim();
    // A payment QR payload is reported as the account it pays into.
    let parsed = input.kind === undefined ? parseAnyObservable(raw) : parseObservable(input.kind, raw);
    if (isEmvcoPayload(raw)) {
      const emv = parseEmvco(raw);
      const q = emv.ok ? emv.value.vietqr : undefined;
      parsed =
        q === undefined
          ? {
              ok: false,
              error: emv.ok
                ? 'the payment code names no VietQR account'
                : `malformed EMVCo payload: ${emv.error}`,
            }
          : parseObservable('bank-account', q.isCard ? q.account : `${q.bin}:${q.account}`);
    }
    if (!parsed.ok) throw tocsinError('TOCSIN_ERR_INVALID_VALUE', parsed.error);
    const channel = (input.channel ?? 'other') as Channel;
    if (!CHANNELS.includes(channel))
      problems.push({ path: 'channel', message: `must be one of ${CHANNELS.join(', ')}` });
    const description = input.description.trim();
    if (description.length < 3)
      problems.push({ path: 'description', message: 'say in a few words what happened' });
    let occurredAt: string | null = null;
    if (input.occurredAt !== undefined) {
      const t = Date.parse(input.occurredAt);
      if (Number.isNaN(t)) problems.push({ path: 'occurredAt', message: 'must be a date-time' });
      else occurredAt = new Date(t).toISOString();
    }
    if (problems.length > 0)
      throw tocsinError('TOCSIN_ERR_VALIDATION', problems.map((p) => `${p.path}: ${p.message}`).join('; '), {
        details: problems,
      });
    const now = isoNow(this.#clock);
    const report: Report = {
      id: randomUUID(),
      kind: parsed.value.kind,
      value: raw,
      canonical: parsed.value.canonical,
      channel,
      description,
      contact: input.contact?.trim() || null,
      occurredAt,
      reporter: await this.#reporterHash(reporter),
      reporterOrgId: 'principal' in reporter ? reporter.principal.orgId : null,
      status: 'pending',
      indicatorId: null,
      triagedBy: null,
      triagedAt: null,
      triageNote: null,
      createdAt: now,
    };
    const actor =
      'principal' in reporter ? auditActor(reporter.principal) : { actorUserId: null, actorOrgId: null };
    await this.#store.transaction(async (tx) => {
      await tx.reports.insert(report);
      await tx.audit.append(
        {
          ...actor,
          action: 'report.create',
          objectType: 'report',
          objectId: report.id,
          before: null,
          after: report,
        },
        now,
      );
    });
    await this.tally.refresh(this.#store);
    return report;
  }

  async list(
    actor: Actor,
    filter: {
      status?: ReportStatus | undefined;
      kind?: ObservableKind | undefined;
      value?: string | undefined;
    },
    page: Page,
  ): Promise<{ items: Report[]; total: number }> {
    assertTriager(actor);
    let canonical: string | undefined;
    let kind = filter.kind;
    if (filter.value !== undefined) {
      const v = kind === undefined ? parseAnyObservable(filter.value) : parseObservable(kind, filter.value);
      if (!v.ok) throw tocsinError('TOCSIN_ERR_INVALID_VALUE', v.error);
      canonical = v.value.canonical;
      kind = v.value.kind;
    }
    const f = { status: filter.status, kind, canonical };
    const [items, total] = await Promise.all([
      this.#store.reports.list(f, page),
      this.#store.reports.count(f),
    ]);
    return { items, total };
  }

  async get(actor: Actor, id: string): Promise<Report> {
    assertTriager(actor);
    const r = await this.#store.reports.get(id);
    if (!r) throw tocsinError('TOCSIN_ERR_NOT_FOUND', `report ${id} not found`);
    return r;
  }

  /**
   * Confirms a report: files an indicator for the operating centre from it, and closes every pending report
   * of the same value as confirmed by that indicator.
   */
  async confirm(
    actor: Actor,
    id: string,
    input: {
      categories: readonly string[];
      confidence?: number | undefined;
      tlp?: string | undefined;
      description?: string | undefined;
    },
  ): Promise<{ report: Report; indicator: Indicator; closed: number }> {
    assertTriager(actor);
    const report = await this.#pending(id);
    const [filed] = await this.#indicators.file(actor, [
      {
        kind: report.kind,
        value: report.canonical,
        categories: input.categories,
        confidence: input.confidence,
        tlp: input.tlp ?? 'clear',
        description: input.description ?? report.description,
        firstSeen: report.occurredAt ?? report.createdAt,
      },
    ]);
    if (filed === undefined || !filed.ok) throw filed?.error ?? tocsinError('TOCSIN_ERR_INTERNAL');
    const now = isoNow(this.#clock);
    const by = actor.kind === 'user' ? actor.userId : null;
    const closed = await this.#store.transaction(async (tx) => {
      const ids = await tx.reports.triage(
        { kind: report.kind, canonical: report.canonical },
        { status: 'confirmed', indicatorId: filed.indicator.id, by, at: now, note: null },
      );
      for (const rid of ids) {
        await tx.audit.append(
          {
            ...auditActor(actor),
            action: 'report.confirm',
            objectType: 'report',
            objectId: rid,
            before: { status: 'pending' },
            after: { status: 'confirmed', indicatorId: filed.indicator.id },
          },
          now,
        );
      }
      return ids.length;
    });
    await this.tally.refresh(this.#store);
    return { report: (await this.#store.reports.get(id)) ?? report, indicator: filed.indicator, closed };
  }

  /** Rejects one report (the others of the same value stay pending). */
  async reject(actor: Actor, id: string, note: string | undefined): Promise<Report> {
    assertTriager(actor);
    await this.#pending(id);
    const now = isoNow(this.#clock);
    await this.#store.transaction(async (tx) => {
      await tx.reports.triage(
        { id },
        {
          status: 'rejected',
          indicatorId: null,
          by: actor.kind === 'user' ? actor.userId : null,
          at: now,
          note: note?.trim() || null,
        },
      );
      await tx.audit.append(
        {
          ...auditActor(actor),
          action: 'report.reject',
          objectType: 'report',
          objectId: id,
          before: { status: 'pending' },
          after: { status: 'rejected' },
        },
        now,
      );
    });
    await this.tally.refresh(this.#store);
    return (await this.#store.reports.get(id))!;
  }

  async #pending(id: string): Promise<Report> {
    const r = await this.#store.reports.get(id);
    if (!r) throw tocsinError('TOCSIN_ERR_NOT_FOUND', `report ${id} not found`);
    if (r.status !== 'pending')
      throw tocsinError(
        'TOCSIN_ERR_REPORT_TRIAGED',
        `report ${id} was already ${r.status} at ${r.triagedAt ?? '?'}`,
      );
    return r;
  }
}
