/**
 * Figures for a binary detector over a labelled corpus: confusion counts, precision, recall, F1 and the
 * false-positive rate, overall and for each rule and rule category. A ratio with a zero denominator is
 * `undefined` (no hit has no precision), never 0 or NaN.
 */

/** Counts of a binary decision against the truth; "positive" is spam. */
export interface Confusion {
  /** Spam flagged. */
  readonly tp: number;
  /** Ham flagged. */
  readonly fp: number;
  /** Spam not flagged. */
  readonly fn: number;
  /** Ham not flagged. */
  readonly tn: number;
}

/** One scored message: its label, whether it was flagged, and the rules that fired on it. */
export interface Scored {
  readonly spam: boolean;
  readonly flagged: boolean;
  readonly rules: readonly { readonly ruleId: string; readonly category: string }[];
}

/** A rule's or a category's figures: messages it fired on, how many were spam, and the ratios. */
export interface HitFigures {
  readonly key: string;
  readonly hits: number;
  readonly spamHits: number;
  /** spamHits / hits. */
  readonly precision: number | undefined;
  /** spamHits / all spam of the set. */
  readonly recall: number | undefined;
}

export interface Figures {
  readonly messages: number;
  readonly spam: number;
  readonly ham: number;
  readonly confusion: Confusion;
  readonly precision: number | undefined;
  readonly recall: number | undefined;
  readonly f1: number | undefined;
  /** Ham flagged / all ham. */
  readonly falsePositiveRate: number | undefined;
  /** Per rule category, most hits first. */
  readonly byCategory: readonly HitFigures[];
  /** Per rule, most hits first. */
  readonly byRule: readonly HitFigures[];
}

/** a / b, or undefined when b is 0. */
export function ratio(a: number, b: number): number | undefined {
  return b === 0 ? undefined : a / b;
}

/** Confusion counts of `pairs` (actual: is spam; predicted: was flagged). */
export function confusion(
  pairs: Iterable<{ readonly actual: boolean; readonly predicted: boolean }>,
): Confusion {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let tn = 0;
  for (const { actual, predicted } of pairs) {
    if (actual && predicted) tp++;
    else if (predicted) fp++;
    else if (actual) fn++;
    else tn++;
  }
  return { tp, fp, fn, tn };
}

export const precision = (c: Confusion): number | undefined => ratio(c.tp, c.tp + c.fp);
export const recall = (c: Confusion): number | undefined => ratio(c.tp, c.tp + c.fn);
export const falsePositiveRate = (c: Confusion): number | undefined => ratio(c.fp, c.fp + c.tn);

/** The harmonic mean of precision and recall; undefined when either is, 0 when both are 0. */
export function f1(c: Confusion): number | undefined {
  const p = precision(c);
  const r = recall(c);
  if (p === undefined || r === undefined) return undefined;
  return p + r === 0 ? 0 : (2 * p * r) / (p + r);
}

/** Hits per key (a message counts once per key however many of its rules share it). */
function hitFigures(scored: readonly Scored[], keysOf: (s: Scored) => Iterable<string>): HitFigures[] {
  const totalSpam = scored.filter((s) => s.spam).length;
  const counts = new Map<string, { hits: number; spamHits: number }>();
  for (const s of scored) {
    for (const key of new Set(keysOf(s))) {
      let c = counts.get(key);
      if (c === undefined) counts.set(key, (c = { hits: 0, spamHits: 0 }));
      c.hits++;
      if (s.spam) c.spamHits++;
    }
  }
  return [...counts]
    .map(([key, c]) => ({
      key,
      hits: c.hits,
      spamHits: c.spamHits,
      precision: ratio(c.spamHits, c.hits),
      recall: ratio(c.spamHits, totalSpam),
    }))
    .sort((a, b) => b.hits - a.hits || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** Every figure of a scored set. */
export function measure(scored: readonly Scored[]): Figures {
  const c = confusion(scored.map((s) => ({ actual: s.spam, predicted: s.flagged })));
  return {
    messages: scored.length,
    spam: c.tp + c.fn,
    ham: c.fp + c.tn,
    confusion: c,
    precision: precision(c),
    recall: recall(c),
    f1: f1(c),
    falsePositiveRate: falsePositiveRate(c),
    byCategory: hitFigures(scored, (s) => s.rules.map((r) => r.category)),
    byRule: hitFigures(scored, (s) => s.rules.map((r) => r.ruleId)),
  };
}
