/**
 * The message scanner: for each message, find every link, number, account, e-mail, wallet and VietQR payload
 * (`core/scan/extract`), check each against the index (`CheckService.judge`), run the content rules
 * (`core/scan/rules`), and decide (`core/scan/message-verdict.ts`).
 */
import type { Reason, Verdict } from '../core/check/verdict.js';
import { tocsinError, type ErrorCode } from '../core/errors/errors.js';
import { extractObservables } from '../core/scan/extract/extract-observables.js';
import { messageVerdict, type MessageVerdict } from '../core/scan/message-verdict.js';
import { evaluate } from '../core/scan/rules/evaluate.js';
import type { RuleHit } from '../core/scan/rules/rule.js';
import type { Category } from '../core/indicators/indicator.js';
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
  readonly reasons?: Reason[];
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
    const found = messages.map((m) =>
      typeof m.text === 'string' && m.text.length <= MAX_MESSAGE_CHARS
        ? extractObservables(m.text)
        : undefined,
    );
    const flat = found.flatMap((f) => f ?? []);
    const judged = await this.#check.judge(
      viewer,
      flat.map((e) => e.value),
    );
    const live = opts.rules ?? this.#rules.live;
    const visible = visibleRules(viewer, live);
    let k = 0;
    const results = messages.map((m, i): ScanResult => {
      const id = m.id === undefined ? {} : { id: m.id };
      const extracted = found[i];
      if (extracted === undefined) {
        return {
          ...id,
          error: {
            code: 'TOCSIN_ERR_INVALID_VALUE',
            message: `the message text must be a string of at most ${MAX_MESSAGE_CHARS} characters`,
          },
        };
      }
      const items: ScannedItem[] = extracted.map((e) => {
        const r = judged[k++];
        return {
          kind: e.kind,
          raw: e.raw,
          start: e.start,
          end: e.end,
          ...(e.value === undefined ? {} : { canonical: e.value.canonical }),
          ...(r === undefined ? {} : { verdict: r.verdict, score: r.score, reasons: r.reasons }),
          ...(e.shortened === true ? { shortened: true } : {}),
          ...(e.lookalike === true ? { lookalike: true } : {}),
          ...(e.skeleton === undefined ? {} : { imitates: e.skeleton }),
        };
      });
      const rules = evaluate(live.compiled, m.text, extracted).filter((h) => visible(h.ruleId));
      const v = messageVerdict(
        items.map((it) => ({
          verdict: it.verdict,
          score: it.score ?? 0,
          ...(it.lookalike === true ? { lookalike: true } : {}),
        })),
        rules,
      );
      return { ...id, verdict: v.verdict, score: v.score, items, rules };
    });
    if (opts.rules === undefined) this.#counts?.record(orgOf(viewer), results.flatMap(outcome));
    return results;
  }
}

/** The organization scans are counted for: '' for the instance itself and for anonymous callers. */
function orgOf(viewer: Viewer): string {
  return viewer.kind === 'member' ? viewer.orgId : '';
}

/** What an answered message adds to the counts; a message answered with an error adds nothing. */
function outcome(r: ScanResult): ScanOutcome[] {
  if ('error' in r) return [];
  const categories: Category[] = r.rules.map((h) => h.category);
  for (const it of r.items) {
    if (it.verdict !== 'malicious' && it.verdict !== 'suspicious') continue;
    for (const reason of it.reasons ?? []) categories.push(...reason.categories);
  }
  return [{ verdict: r.verdict, categories }];
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
