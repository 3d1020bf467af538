/**
 * The message scanner: for each message, find every link, number, account, e-mail, wallet and VietQR payload
 * (`core/scan/extract`), check each against the index (`CheckService.judge`), run the content rules
 * (`core/scan/rules`), and decide (`core/scan/message-verdict.ts`).
 */
import type { Reason, Verdict, VerdictResult } from '../core/check/verdict.js';
import { tocsinError, type ErrorCode } from '../core/errors/errors.js';
import { extractObservables, type Extracted } from '../core/scan/extract/extract-observables.js';
import { messageVerdict, type MessageVerdict } from '../core/scan/message-verdict.js';
import { evaluate } from '../core/scan/rules/evaluate.js';
import type { RuleHit } from '../core/scan/rules/rule.js';
import type { Category } from '../core/indicators/indicator.js';
import type { ObservableValue } from '../core/observables/observable-value.js';
import { canSee, type Viewer } from '../core/sharing/tlp.js';
import type { CheckService } from './check-service.js';
import type { ScanCounts, ScanOutcome } from './scan-counts.js';
import type { LiveRules, ScanRuleService } from './scan-rules-service.js';

export const MAX_MESSAGES = 10_000;
/** Longer than any SMS or chat message; a post this long is cut by the platform before it reaches us. */
export const MAX_MESSAGE_CHARS = 20_000;

export interface ScanMessage {
  readonly id?: string | undefined;
  readonly text: string;
  readonly sender?: string | undefined;
  readonly timestamp?: string | undefined;
}

export interface ScannedItem {
  readonly kind: string;
  readonly raw: string;
  readonly start: number;
  readonly end: number;
  readonly canonical?: string;
  readonly verdict?: Verdict;
  readonly score?: number;
  readonly reasons?: readonly Reason[];
  readonly shortened?: boolean;
  readonly lookalike?: boolean;
  readonly imitates?: string;
}

export type ScanResult =
  | {
      readonly id?: string;
      readonly verdict: MessageVerdict;
      readonly score: number;
      readonly items: ScannedItem[];
      readonly rules: RuleHit[];
    }
  | { readonly id?: string; readonly error: { readonly code: ErrorCode; readonly message: string } };

export class ScanService {
  readonly #check: CheckService;
  readonly #rules: ScanRuleService;
  readonly #counts: ScanCounts | undefined;

  constructor(deps: { check: CheckService; rules: ScanRuleService; counts?: ScanCounts }) {
    this.#check = deps.check;
    this.#rules = deps.rules;
    this.#counts = deps.counts;
  }

  /**
   * Scans up to MAX_MESSAGES messages, answering each in order; a bad message gets its own error entry.
   * Rules the viewer may not see (TLP) neither fire nor show. `rules` replaces the rules in force (for
   * trying rules before they go live; such scans are not counted).
   */
  async scan(
    viewer: Viewer,
    messages: readonly ScanMessage[],
    opts: { rules?: LiveRules } = {},
  ): Promise<ScanResult[]> {
    if (messages.length > MAX_MESSAGES) {
      throw tocsinError(
        'TOCSIN_ERR_BATCH_TOO_LARGE',
        `a batch holds at most ${MAX_MESSAGES} messages; this one has ${messages.length}`,
      );
    }
    // Per message: what extraction found, and the values to judge, all messages' in one flat list.
    const found: (readonly Extracted[] | undefined)[] = new Array<readonly Extracted[] | undefined>(
      messages.length,
    );
    const values: (ObservableValue | undefined)[] = [];
    let parsed = false;
    for (let i = 0; i < messages.length; i++) {
      const text = messages[i]!.text;
      if (typeof text !== 'string' || text.length > MAX_MESSAGE_CHARS) continue;
      const extracted = extractObservables(text);
      found[i] = extracted;
      for (let e = 0; e < extracted.length; e++) {
        const value = extracted[e]!.value;
        values.push(value);
        if (value !== undefined) parsed = true;
      }
    }
    // Nothing to look up (no value parsed): no call to the check engine.
    const judged = parsed ? await this.#check.judge(viewer, values) : [];
    const live = opts.rules ?? this.#rules.live;
    const visible = visibleRules(viewer, live);
    let k = 0;
    const results: ScanResult[] = new Array<ScanResult>(messages.length);
    for (let i = 0; i < messages.length; i++) {
      const m = messages[i]!;
      const extracted = found[i];
      if (extracted === undefined) {
        const error = {
          code: 'TOCSIN_ERR_INVALID_VALUE' as const,
          message: `the message text must be a string of at most ${MAX_MESSAGE_CHARS} characters`,
        };
        results[i] = m.id === undefined ? { error } : { id: m.id, error };
        continue;
      }
      const items: ScannedItem[] = new Array<ScannedItem>(extracted.length);
      for (let e = 0; e < extracted.length; e++) items[e] = scannedItem(extracted[e]!, judged[k++]);
      const hits = evaluate(live.compiled, m.text, extracted);
      const rules = hits.length === 0 ? hits : hits.filter((h) => visible(h.ruleId));
      const v = messageVerdict(items, rules);
      results[i] =
        m.id === undefined
          ? { verdict: v.verdict, score: v.score, items, rules }
          : { id: m.id, verdict: v.verdict, score: v.score, items, rules };
    }
    if (opts.rules === undefined && this.#counts !== undefined) {
      const outcomes: ScanOutcome[] = [];
      for (const r of results) if (!('error' in r)) outcomes.push(outcome(r));
      this.#counts.record(orgOf(viewer), outcomes);
    }
    return results;
  }
}

/** What the answer says of one value found: the extraction, and the check verdict when it was judged. */
function scannedItem(e: Extracted, r: VerdictResult | undefined): ScannedItem {
  // Keys in this order, as the answer has always had them; absent ones left out. The usual shapes (no flag
  // set) are built as one literal each: a key added to an object after its literal goes to a second,
  // separately allocated store, and the item takes a new hidden class for each.
  if (e.shortened !== true && e.lookalike !== true && e.skeleton === undefined) {
    const value = e.value;
    if (value !== undefined && r !== undefined) {
      return {
        kind: e.kind,
        raw: e.raw,
        start: e.start,
        end: e.end,
        canonical: value.canonical,
        verdict: r.verdict,
        score: r.score,
        reasons: r.reasons,
      };
    }
    if (value !== undefined) {
      return { kind: e.kind, raw: e.raw, start: e.start, end: e.end, canonical: value.canonical };
    }
    if (r === undefined) return { kind: e.kind, raw: e.raw, start: e.start, end: e.end };
  }
  const item: {
    kind: string;
    raw: string;
    start: number;
    end: number;
    canonical?: string;
    verdict?: Verdict;
    score?: number;
    reasons?: readonly Reason[];
    shortened?: boolean;
    lookalike?: boolean;
    imitates?: string;
  } = { kind: e.kind, raw: e.raw, start: e.start, end: e.end };
  if (e.value !== undefined) item.canonical = e.value.canonical;
  if (r !== undefined) {
    item.verdict = r.verdict;
    item.score = r.score;
    item.reasons = r.reasons;
  }
  if (e.shortened === true) item.shortened = true;
  if (e.lookalike === true) item.lookalike = true;
  if (e.skeleton !== undefined) item.imitates = e.skeleton;
  return item;
}

/** The organization scans are counted for: '' for the instance itself and for anonymous callers. */
function orgOf(viewer: Viewer): string {
  return viewer.kind === 'member' ? viewer.orgId : '';
}

/** Shared by the outcomes of messages with no rule fired and no malicious or suspicious item: most of them. */
const NO_CATEGORIES: readonly Category[] = Object.freeze([]);

/** What an answered message adds to the counts (a message answered with an error adds nothing). */
function outcome(r: Exclude<ScanResult, { error: unknown }>): ScanOutcome {
  let categories: Category[] | undefined;
  for (const h of r.rules) (categories ??= []).push(h.category);
  for (const it of r.items) {
    if (it.verdict !== 'malicious' && it.verdict !== 'suspicious') continue;
    for (const reason of it.reasons ?? []) (categories ??= []).push(...reason.categories);
  }
  return { verdict: r.verdict, categories: categories ?? NO_CATEGORIES };
}

/** Whether `viewer` may see each rule's hits, decided once per batch. */
function visibleRules(viewer: Viewer, live: LiveRules): (ruleId: string) => boolean {
  const memo = new Map<string, boolean>();
  return (id) => {
    let ok = memo.get(id);
    if (ok === undefined) {
      const v = live.views.get(id);
      ok = v !== undefined && canSee(viewer, { tlp: v.tlp, ownerOrgId: v.ownerOrgId });
      memo.set(id, ok);
    }
    return ok;
  };
}
