/**
 * What a STIX `indicator` received over TAXII means for Tocsin's check index: the values its pattern
 * amounts to, filed as Tocsin indicators of the submitting organization, with the object's TLP,
 * confidence, validity and categories read from `indicator_types` and `labels`. A pattern that does not
 * parse makes the object invalid; a pattern Tocsin cannot enforce is kept and shared, but feeds nothing.
 */
import type { Category } from '../indicators/indicator.js';
import { isCategory } from '../indicators/indicator.js';
import type { IndicatorInput } from '../indicators/indicator-input.js';
import type { Tlp } from '../sharing/tlp.js';
import { parsePattern } from '../stix/pattern/parser.js';
import { simpleObservables, whyNotEnforced } from '../stix/pattern/simple-observables.js';

export type IndicatorFeed =
  /** Values to file (or, for a revoked indicator, to revoke). */
  | { readonly kind: 'feed'; readonly inputs: readonly IndicatorInput[]; readonly revoked: boolean }
  /** Kept in the collection, not enforced: why. */
  | { readonly kind: 'skip'; readonly reason: string }
  /** The pattern is not STIX: the object is refused. */
  | { readonly kind: 'bad-pattern'; readonly message: string };

/** Words of `labels` and `indicator_types` that name one of Tocsin's categories. */
const SYNONYMS: Readonly<Record<string, Category>> = {
  phish: 'phishing',
  'phishing-url': 'phishing',
  'command-and-control': 'c2',
  cnc: 'c2',
  'c&c': 'c2',
  ransomware: 'malware',
  trojan: 'malware',
  'malicious-activity': 'other',
  'anomalous-activity': 'other',
  compromised: 'other',
  fraud: 'fraud-account',
  'money-mule': 'fraud-account',
  scam: 'other',
  'investment-fraud': 'investment-scam',
  'fake-store': 'fake-shop',
  smishing: 'scam-sms',
  vishing: 'scam-call',
};

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

/** Tocsin categories for an indicator's `indicator_types` and `labels`; `other` when none maps. */
export function categoriesOf(obj: Readonly<Record<string, unknown>>): Category[] {
  const out = new Set<Category>();
  for (const word of [...strings(obj['labels']), ...strings(obj['indicator_types'])]) {
    const w = word.trim().toLowerCase();
    if (isCategory(w)) out.add(w);
    else if (SYNONYMS[w] !== undefined) out.add(SYNONYMS[w]);
  }
  // `other` only when nothing more precise was said.
  if (out.size > 1) out.delete('other');
  return out.size === 0 ? ['other'] : [...out].sort();
}

/** The feed of one valid STIX indicator object of level `tlp`. */
export function indicatorFeed(obj: Readonly<Record<string, unknown>>, tlp: Tlp): IndicatorFeed {
  if (obj['pattern_type'] !== 'stix')
    return { kind: 'skip', reason: `pattern_type "${String(obj['pattern_type'])}" is not enforced` };
  const pattern = typeof obj['pattern'] === 'string' ? obj['pattern'] : '';
  const parsed = parsePattern(pattern);
  if (!parsed.ok)
    return {
      kind: 'bad-pattern',
      message: `pattern, line ${parsed.error.line} column ${parsed.error.column}: ${parsed.error.message}`,
    };
  if (strings(obj['indicator_types']).includes('benign'))
    return { kind: 'skip', reason: 'a benign indicator is not enforced' };
  const values = simpleObservables(parsed.value);
  if (values === undefined)
    return {
      kind: 'skip',
      reason: `the pattern is not enforced: ${whyNotEnforced(parsed.value) ?? 'unknown'}`,
    };
  const name = typeof obj['name'] === 'string' ? obj['name'] : undefined;
  const text = typeof obj['description'] === 'string' ? obj['description'] : undefined;
  const description = [name, text].filter((s) => s !== undefined && s.trim() !== '').join(': ');
  const confidence = typeof obj['confidence'] === 'number' ? obj['confidence'] : undefined;
  const validFrom = typeof obj['valid_from'] === 'string' ? obj['valid_from'] : undefined;
  const validUntil = typeof obj['valid_until'] === 'string' ? obj['valid_until'] : undefined;
  const categories = categoriesOf(obj);
  const inputs = values.map((v): IndicatorInput => ({
    kind: v.kind,
    value: v.value,
    categories,
    tlp,
    ...(confidence === undefined ? {} : { confidence }),
    ...(validFrom === undefined ? {} : { validFrom }),
    ...(validUntil === undefined ? {} : { validUntil }),
    ...(description === '' ? {} : { description: description.slice(0, 10_000) }),
  }));
  return { kind: 'feed', inputs, revoked: obj['revoked'] === true };
}
