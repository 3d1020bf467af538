/** Checking and merging indicator input: the rules, without storage. */
import type { ErrorDetail } from '../errors/errors.js';
import type { ObservableKind } from '../observables/observable.js';
import { parseTlp, type Tlp } from '../sharing/tlp.js';
import { isCategory, type Category, type Indicator } from './indicator.js';

/** An indicator as a user sends it. */
export interface IndicatorInput {
  readonly kind?: ObservableKind | undefined;
  readonly value: string;
  readonly categories: readonly string[];
  readonly confidence?: number | undefined;
  readonly tlp?: string | undefined;
  /** Organization ids and `group:<id>` sharing groups to share with beyond the TLP level (for AMBER and RED). */
  readonly recipients?: readonly string[] | undefined;
  readonly validFrom?: string | undefined;
  readonly validUntil?: string | null | undefined;
  readonly firstSeen?: string | undefined;
  readonly lastSeen?: string | undefined;
  readonly description?: string | undefined;
}

/** The changeable part of an indicator. Its kind and value are what it is; to change them, revoke it and file another. */
export interface IndicatorPatch {
  readonly categories?: readonly string[] | undefined;
  readonly confidence?: number | undefined;
  readonly tlp?: string | undefined;
  readonly recipients?: readonly string[] | undefined;
  readonly validUntil?: string | null | undefined;
  readonly lastSeen?: string | undefined;
  readonly description?: string | null | undefined;
}

export const DEFAULT_CONFIDENCE = 75;
/** Most recipients one indicator names: beyond that, a sharing group is the tool. */
export const MAX_RECIPIENTS = 100;
/** An organization id, or a sharing group as `group:<id>`: no spaces (stores keep them space-separated). */
const RECIPIENT = /^(group:)?[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;
/** Shared with the operating centre and the reporter's organization only, unless the reporter says otherwise. */
export const DEFAULT_TLP: Tlp = 'amber';

export interface CleanFields {
  categories?: Category[];
  confidence?: number;
  tlp?: Tlp;
  recipients?: string[];
  validFrom?: string;
  validUntil?: string | null;
  firstSeen?: string;
  lastSeen?: string;
  description?: string | null;
}

function isoOrError(v: string, path: string, problems: ErrorDetail[]): string | undefined {
  const t = Date.parse(v);
  if (Number.isNaN(t)) {
    problems.push({ path, message: `"${v}" is not a date-time (ISO 8601, e.g. 2026-11-23T10:00:00Z)` });
    return undefined;
  }
  return new Date(t).toISOString();
}

/** Validates and normalises the fields of an input or patch (not the value: its observable parser does that). */
export function cleanFields(
  input: IndicatorPatch & { validFrom?: string | undefined; firstSeen?: string | undefined },
  problems: ErrorDetail[],
): CleanFields {
  const out: CleanFields = {};
  if (input.categories !== undefined) {
    const bad = input.categories.filter((c) => !isCategory(c));
    if (bad.length > 0)
      problems.push({ path: 'categories', message: `unknown ${bad.map((b) => `"${b}"`).join(', ')}` });
    else if (input.categories.length === 0)
      problems.push({ path: 'categories', message: 'at least one category is required' });
    else out.categories = [...new Set(input.categories as Category[])].sort();
  }
  if (input.confidence !== undefined) {
    if (!Number.isInteger(input.confidence) || input.confidence < 0 || input.confidence > 100)
      problems.push({ path: 'confidence', message: 'must be a whole number from 0 to 100' });
    else out.confidence = input.confidence;
  }
  if (input.tlp !== undefined) {
    const t = parseTlp(input.tlp);
    if (t === undefined)
      problems.push({ path: 'tlp', message: 'must be clear, green, amber, amber+strict or red' });
    else out.tlp = t;
  }
  if (input.recipients !== undefined) {
    const bad = input.recipients.filter((r) => !RECIPIENT.test(r));
    if (bad.length > 0)
      problems.push({
        path: 'recipients',
        message: `not an organization id or group:<id>: ${bad.map((b) => JSON.stringify(b)).join(', ')}`,
      });
    else if (input.recipients.length > MAX_RECIPIENTS)
      problems.push({ path: 'recipients', message: `at most ${MAX_RECIPIENTS}` });
    else out.recipients = [...new Set(input.recipients)].sort();
  }
  for (const f of ['validFrom', 'firstSeen', 'lastSeen'] as const) {
    const v = input[f];
    if (v !== undefined) {
      const iso = isoOrError(v, f, problems);
      if (iso !== undefined) out[f] = iso;
    }
  }
  if (input.validUntil !== undefined)
    out.validUntil =
      input.validUntil === null ? null : (isoOrError(input.validUntil, 'validUntil', problems) ?? null);
  if (input.description !== undefined) {
    if (input.description !== null && input.description.length > 10_000)
      problems.push({ path: 'description', message: 'at most 10,000 characters' });
    else
      out.description =
        input.description === null || input.description.trim() === '' ? null : input.description.trim();
  }
  if (out.validFrom !== undefined && typeof out.validUntil === 'string' && out.validUntil <= out.validFrom) {
    problems.push({ path: 'validUntil', message: 'must be later than validFrom' });
  }
  if (out.firstSeen !== undefined && out.lastSeen !== undefined && out.lastSeen < out.firstSeen) {
    problems.push({ path: 'lastSeen', message: 'must not be earlier than firstSeen' });
  }
  return out;
}

const later = (a: string | null, b: string | null) => (a === null || b === null ? (a ?? b) : a > b ? a : b);
const earlier = (a: string | null, b: string | null) => (a === null || b === null ? (a ?? b) : a < b ? a : b);

/**
 * The same source reporting the same value again: one indicator, enriched. Categories are united, the
 * confidence and the last sighting rise, the validity widens, a revoked indicator comes back. Reporting
 * exactly what is known changes nothing (and is not written or audited).
 */
export function mergeReport(existing: Indicator, f: CleanFields, now: string): Indicator {
  return {
    ...existing,
    categories:
      f.categories === undefined
        ? existing.categories
        : [...new Set([...existing.categories, ...f.categories])].sort(),
    confidence: Math.max(existing.confidence, f.confidence ?? 0),
    tlp: f.tlp ?? existing.tlp,
    recipients:
      f.recipients === undefined
        ? existing.recipients
        : [...new Set([...existing.recipients, ...f.recipients])].sort(),
    validFrom: earlier(existing.validFrom, f.validFrom ?? null) ?? existing.validFrom,
    validUntil:
      existing.validUntil === null || f.validUntil === null
        ? null
        : later(existing.validUntil, f.validUntil ?? existing.validUntil),
    firstSeen: earlier(existing.firstSeen, f.firstSeen ?? null),
    lastSeen: later(existing.lastSeen, f.lastSeen ?? null),
    description: f.description ?? existing.description,
    revokedAt: null,
    updatedAt: now,
  };
}

/** Whether two versions differ in anything but their update time. */
export function changed(a: Indicator, b: Indicator): boolean {
  const { updatedAt: _a, ...x } = a;
  const { updatedAt: _b, ...y } = b;
  return JSON.stringify(x) !== JSON.stringify(y);
}
