/**
 * The message scanner: for each message, find every link, number, account, e-mail, wallet and VietQR payload
 * (`core/scan/extract`), check each against the index (`CheckService.judge`), run the content rules
 * (`core/scan/rules`), and decide (`core/scan/message-verdict.ts`).
 */
import type { Reason, Verdict } from '../core/check/verdict.js';
import { tocsinError, type ErrorCode } from '../core/errors/errors.js';
import { extractObservables } from '../core/scan/extract/extract-observables.js';
import { messageVerdict, type MessageVerdict } from '../core/scan/message-verdict.js';
import { compileRuleSet, type CompiledRuleSet } from '../core/scan/rules/compile.js';
import { evaluate } from '../core/scan/rules/evaluate.js';
import type { RuleHit } from '../core/scan/rules/rule.js';
import { STARTER_RULES } from '../core/scan/rules/starter-rules.js';
import type { Viewer } from '../core/sharing/tlp.js';
import type { CheckService } from './check-service.js';

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
  readonly #rules: CompiledRuleSet;

  constructor(deps: { check: CheckService }) {
    this.#check = deps.check;
    const compiled = compileRuleSet(STARTER_RULES);
    // The starter rules ship with Tocsin and are tested; failing here is a bug, not bad input.
    if (!compiled.ok) throw new Error(`starter rules do not compile: ${JSON.stringify(compiled.errors)}`);
    this.#rules = compiled.compiled;
  }

  /** Scans up to MAX_MESSAGES messages, answering each in order; a bad message gets its own error entry. */
  async scan(viewer: Viewer, messages: readonly ScanMessage[]): Promise<ScanResult[]> {
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
    let k = 0;
    return messages.map((m, i): ScanResult => {
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
      const rules = evaluate(this.#rules, m.text, extracted);
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
  }
}
