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

/** What messageVerdict reads of an item: a JudgedItem, or a scanned item whose score may be absent (0). */
export interface JudgedLike {
  readonly verdict?: CheckVerdict | undefined;
  readonly score?: number | undefined;
  readonly lookalike?: boolean | undefined;
}

export function messageVerdict(
  items: readonly (JudgedItem | JudgedLike)[],
  rules: readonly RuleHit[],
): { verdict: MessageVerdict; score: number } {
  // Runs once per message: loops rather than arrays. The weights multiply in the order items, then rules.
  let product = 1;
  let malicious = false;
  let suspicious = false;
  let allAllowed = true;
  let maxScore = -Infinity;
  for (let i = 0; i < items.length; i++) {
    const it = items[i]!;
    const itemScore = it.score ?? 0;
    const w = Math.max(itemScore, it.lookalike === true ? LOOKALIKE_WEIGHT : 0);
    if (w > 0) product *= 1 - Math.min(100, w) / 100;
    if (it.verdict === 'malicious') malicious = true;
    else if (it.verdict === 'suspicious') suspicious = true;
    if (it.verdict !== 'allow-listed') allAllowed = false;
    if (itemScore > maxScore) maxScore = itemScore;
  }
  for (let i = 0; i < rules.length; i++) {
    const w = rules[i]!.weight;
    if (w > 0) product *= 1 - Math.min(100, w) / 100;
  }
  const score = Math.round(100 * (1 - product));
  if (malicious || score >= MESSAGE_MALICIOUS_AT)
    return { verdict: 'malicious', score: Math.max(score, maxScore) };
  if (score > 0 || suspicious) return { verdict: 'suspicious', score: Math.max(1, score) };
  if (allAllowed) return { verdict: 'clean', score: 0 };
  return { verdict: 'unknown', score: 0 };
}
