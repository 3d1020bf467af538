/**
 * A message's verdict from what was found in it: each extracted link, number or account with its own check
 * verdict, and each content rule that fired. `malicious | suspicious | clean | unknown`:
 * - malicious: an item is malicious, or the evidence together scores 70 or more;
 * - suspicious: any item is suspicious, any rule fired, or a link imitates another domain;
 * - clean: nothing fired and every item found is allow-listed (or nothing was found at all);
 * - unknown: nothing fired, but some item is not in the records (unknown is not safe).
 */
import type { Verdict as CheckVerdict } from '../check/verdict.js';
import type { RuleHit } from './rules/rule.js';

export type MessageVerdict = 'malicious' | 'suspicious' | 'clean' | 'unknown';

export interface JudgedItem {
  readonly verdict: CheckVerdict | undefined;
  readonly score: number;
  readonly lookalike?: boolean;
}

export const MESSAGE_MALICIOUS_AT = 70;
/** A link that imitates another domain counts as this much evidence by itself. */
export const LOOKALIKE_WEIGHT = 40;

export function messageVerdict(
  items: readonly JudgedItem[],
  rules: readonly RuleHit[],
): { verdict: MessageVerdict; score: number } {
  const weights = [
    ...items.map((i) => Math.max(i.score, i.lookalike === true ? LOOKALIKE_WEIGHT : 0)),
    ...rules.map((r) => r.weight),
  ]
    .filter((w) => w > 0)
    .map((w) => Math.min(100, w) / 100);
  const score = Math.round(100 * (1 - weights.reduce((p, w) => p * (1 - w), 1)));
  if (items.some((i) => i.verdict === 'malicious') || score >= MESSAGE_MALICIOUS_AT)
    return { verdict: 'malicious', score: Math.max(score, ...items.map((i) => i.score)) };
  if (score > 0 || items.some((i) => i.verdict === 'suspicious'))
    return { verdict: 'suspicious', score: Math.max(1, score) };
  if (items.every((i) => i.verdict === 'allow-listed')) return { verdict: 'clean', score: 0 };
  return { verdict: 'unknown', score: 0 };
}
