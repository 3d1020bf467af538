/** Indicators: an observable value that an organization reports as bad, with why, how sure, and until when. */
import type { ObservableKind } from '../observables/observable.js';
import type { Tlp } from '../sharing/tlp.js';

export const CATEGORIES = [
  'phishing',
  'scam-call',
  'scam-sms',
  'fraud-account',
  'fake-shop',
  'investment-scam',
  'impersonation',
  'loan-scam',
  'job-scam',
  'romance-scam',
  'gambling',
  'malware',
  'c2',
  'botnet',
  'spam',
  'other',
] as const;
export type Category = (typeof CATEGORIES)[number];

export type IndicatorStatus = 'active' | 'expired' | 'pending' | 'revoked';

export interface Indicator {
  readonly id: string;
  /** Dense integer id, the index's handle for the indicator. */
  readonly num: number;
  readonly kind: ObservableKind;
  /** As the reporter wrote it. */
  readonly value: string;
  readonly canonical: string;
  readonly categories: readonly Category[];
  /** 0–100: how sure the source is. */
  readonly confidence: number;
  readonly sourceOrgId: string;
  readonly createdBy: string | null;
  readonly tlp: Tlp;
  /** Organizations (ids) and sharing groups (`group:<id>`) it is shared with beyond its TLP level. */
  readonly recipients: readonly string[];
  readonly validFrom: string;
  readonly validUntil: string | null;
  readonly firstSeen: string | null;
  readonly lastSeen: string | null;
  readonly description: string | null;
  readonly revokedAt: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** Whether an indicator counts at `now`: not revoked, and inside its validity window. */
export function indicatorStatus(
  i: Pick<Indicator, 'revokedAt' | 'validFrom' | 'validUntil'>,
  now: string,
): IndicatorStatus {
  if (i.revokedAt !== null) return 'revoked';
  if (i.validFrom > now) return 'pending';
  if (i.validUntil !== null && i.validUntil <= now) return 'expired';
  return 'active';
}

export function isCategory(s: string): s is Category {
  return (CATEGORIES as readonly string[]).includes(s);
}
