/**
 * From matches to a verdict: `malicious | suspicious | allow-listed | unknown`, a score 0–100 and the reasons.
 * The rules are documented in docs/verdicts.md; change both together.
 *
 * The inputs are already filtered: only indicators the caller may see under TLP and that are in force now.
 * What the caller may not see does not move the verdict either, or the verdict itself would leak it.
 */
import type { Category, Indicator } from '../indicators/indicator.js';
import type { MatchHow } from '../observables/observable-value.js';
import type { Tlp } from '../sharing/tlp.js';

export type Verdict = 'malicious' | 'suspicious' | 'allow-listed' | 'unknown';

export interface VerdictHit {
  readonly how: MatchHow;
  readonly matched: string;
  readonly indicator: Indicator;
}

/** One reason, as a member sees it; anonymous callers get the fields marked public only. */
export interface Reason {
  /** public */ readonly how: MatchHow;
  /** public */ readonly matched: string;
  /** public */ readonly categories: readonly Category[];
  /** public */ readonly firstSeen: string | null;
  /** public */ readonly lastSeen: string | null;
  readonly indicatorId?: string;
  readonly source?: string;
  readonly confidence?: number;
  readonly tlp?: Tlp;
  readonly description?: string | null;
}

export interface VerdictResult {
  readonly verdict: Verdict;
  readonly score: number;
  readonly reasons: readonly Reason[];
  /** The allow-list entry that covers the value, if any. */
  readonly allowListed?: string;
  /** Independent citizen reports not yet triaged, once they reach the threshold. */
  readonly reports?: number;
}

export const SCORING = Object.freeze({
  maliciousAt: 70,
  /** Half-life of an indicator's weight, counted from when it was last seen. */
  halfLifeDays: 180,
  /** An old indicator still says something: its weight never decays below this share. */
  ageFloor: 0.2,
  how: { exact: 1, subdomain: 0.9, 'url-prefix': 0.85, cidr: 0.8 } satisfies Record<MatchHow, number>,
  /** A CIDR hit weighs less the wider the range: /24 and narrower (IPv4) keep `how.cidr`. */
  cidrWide: 0.5,
  /** This many independent untriaged reports make a value suspicious. */
  reportThreshold: 3,
  reportWeight: 0.1,
  reportCap: 0.5,
});

const DAY = 86_400_000;

/** The verdict on a value nobody listed or reported, most values checked: one shared answer, made once. */
const UNKNOWN: VerdictResult = Object.freeze({
  verdict: 'unknown',
  score: 0,
  reasons: Object.freeze([]),
});

/** How much one hit weighs, 0–1. */
export function hitWeight(h: VerdictHit, now: number): number {
  const i = h.indicator;
  let how: number = SCORING.how[h.how];
  if (h.how === 'cidr') {
    const prefix = Number(h.matched.slice(h.matched.lastIndexOf('/') + 1));
    const narrow = h.matched.includes(':') ? prefix >= 64 : prefix >= 24;
    if (!narrow) how *= SCORING.cidrWide;
  }
  const seen = Date.parse(i.lastSeen ?? i.firstSeen ?? i.validFrom);
  const ageDays = Math.max(0, (now - seen) / DAY);
  const age = Math.max(SCORING.ageFloor, 0.5 ** (ageDays / SCORING.halfLifeDays));
  return (i.confidence / 100) * how * age;
}

/** A hit on a whole domain (not on one path of it), which an allow-list entry silences. */
export function isDomainWide(matched: string): boolean {
  if (matched.startsWith('d:')) return true;
  return matched.startsWith('u:') && matched.indexOf('/') === matched.length - 1;
}

/**
 * Decides. Each source organization counts once (its strongest hit); independent sources combine as
 * independent evidence: score = 100 × (1 − Π (1 − weight)).
 */
export function decide(input: {
  hits: readonly VerdictHit[];
  now: number;
  allowListed: string | undefined;
  reports: number;
  member: boolean;
  /** False where the allow-list vouches for a domain but not for the value on it (an e-mail box on gmail.com). */
  allowListVouches?: boolean;
}): VerdictResult {
  const hits =
    input.allowListed === undefined ? input.hits : input.hits.filter((h) => !isDomainWide(h.matched));
  const reported = input.reports >= SCORING.reportThreshold;
  // Nothing visible to weigh (the common case: a value nobody listed or reported): no score to work out.
  if (hits.length === 0 && !reported) {
    if (input.allowListed === undefined) return UNKNOWN;
    const vouched = input.allowListVouches !== false;
    return {
      verdict: vouched ? 'allow-listed' : 'unknown',
      score: 0,
      reasons: [],
      allowListed: input.allowListed,
    };
  }
  const weighed = hits.map((h) => ({ h, w: hitWeight(h, input.now) })).sort((a, b) => b.w - a.w);
  const bySource = new Map<string, number>();
  for (const { h, w } of weighed) {
    bySource.set(h.indicator.sourceOrgId, Math.max(bySource.get(h.indicator.sourceOrgId) ?? 0, w));
  }
  const weights = [...bySource.values()];
  if (reported) weights.push(Math.min(SCORING.reportCap, SCORING.reportWeight * input.reports));
  const score = Math.round(100 * (1 - weights.reduce((p, w) => p * (1 - w), 1)));
  const reasons = weighed.map(({ h }) => reason(h, input.member));
  const extra = {
    ...(input.allowListed === undefined ? {} : { allowListed: input.allowListed }),
    ...(reported ? { reports: input.reports } : {}),
  };
  // Any visible hit is at least suspicious, however weak: "unknown" must never hide a report.
  return {
    verdict: score >= SCORING.maliciousAt ? 'malicious' : 'suspicious',
    score: Math.max(1, score),
    reasons,
    ...extra,
  };
}

function reason(h: VerdictHit, member: boolean): Reason {
  const i = h.indicator;
  // Built field by field rather than spread: this runs for every hit.
  const r: { -readonly [K in keyof Reason]: Reason[K] } = {
    how: h.how,
    matched: h.matched,
    categories: i.categories,
    firstSeen: i.firstSeen,
    lastSeen: i.lastSeen,
  };
  if (member) {
    r.indicatorId = i.id;
    r.source = i.sourceOrgId;
    r.confidence = i.confidence;
    r.tlp = i.tlp;
    r.description = i.description;
  }
  return r;
}
