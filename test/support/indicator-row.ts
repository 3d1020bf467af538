/** An indicator row as the store takes it, for tests that write the store directly. */
import { randomUUID } from 'node:crypto';
import type { IndicatorRow } from '../../src/store/store.js';

/**
 * A CLEAR scam-call phone number `canonical` (`+84…`) of `sourceOrgId`, filed at `at` and valid from then, filed
 * under its own key; `over` changes any field.
 */
export function phoneRow(
  canonical: string,
  sourceOrgId: string,
  at: string,
  over: Partial<IndicatorRow> = {},
): IndicatorRow {
  return {
    id: randomUUID(),
    kind: 'phone',
    value: canonical,
    canonical,
    keys: [`p:${canonical}`],
    categories: ['scam-call'],
    confidence: 80,
    sourceOrgId,
    createdBy: null,
    tlp: 'clear',
    recipients: [],
    validFrom: at,
    validUntil: null,
    firstSeen: null,
    lastSeen: null,
    description: null,
    revokedAt: null,
    createdAt: at,
    updatedAt: at,
    ...over,
  };
}
