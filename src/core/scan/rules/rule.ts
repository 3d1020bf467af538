import type { Category } from '../../indicators/indicator.js';
import type { Tlp } from '../../sharing/tlp.js';

/** What `{ has }` can ask of the extraction result. */
export const HAS_KINDS = [
  'link',
  'phone',
  'bank-account',
  'email',
  'wallet',
  'vietqr',
  'shortened-link',
  'lookalike-domain',
] as const;

/** One of HAS_KINDS. */
export type HasKind = (typeof HAS_KINDS)[number];

/**
 * A rule's condition, a tree. `phrases` and `regex` read the normalized text (normalize.ts); `has` reads the
 * observables extracted from the message; `ref` names a phrase set defined once in the rule set.
 */
export type Condition =
  | { readonly any: readonly Condition[] }
  | { readonly all: readonly Condition[] }
  | { readonly not: Condition }
  | { readonly phrases: readonly string[] }
  | { readonly regex: string }
  | { readonly has: HasKind }
  | { readonly ref: string };

/** A content rule: fires when `when` holds on a message. */
export interface Rule {
  readonly id: string;
  readonly name: string;
  readonly category: Category;
  /** 0–100: how much a hit says the message is a scam. */
  readonly weight: number;
  readonly tlp: Tlp;
  readonly version: number;
  readonly enabled: boolean;
  readonly description: string;
  readonly when: Condition;
}

/** Rules and the named phrase sets their `ref` conditions use. */
export interface RuleSet {
  readonly phraseSets: Readonly<Record<string, readonly string[]>>;
  readonly rules: readonly Rule[];
}

/** A compile error: `path` is `rules[3](police-transfer).when.all[1].regex`, or `phraseSets.name`. */
export interface RuleError {
  readonly path: string;
  readonly message: string;
}

/** Where a rule fired: a span in the ORIGINAL message, `text === message.slice(start, end)`. */
export interface Span {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** One rule that fired on a message, with the spans of the phrases and regexes that made it fire. */
export interface RuleHit {
  readonly ruleId: string;
  readonly name: string;
  readonly category: Category;
  readonly weight: number;
  readonly spans: readonly Span[];
}
