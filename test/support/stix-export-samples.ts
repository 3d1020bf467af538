// Tocsin indicators of every observable kind, and their export, shared by the exporter's tests and the
// OASIS schema test.
import assert from 'node:assert/strict';
import type { Indicator } from '../../src/core/indicators/indicator.js';
import type { ObservableKind } from '../../src/core/observables/observable.js';
import { parseObservable } from '../../src/core/observables/observable-value.js';
import { IndicatorExport } from '../../src/core/stix/export/indicator-export.js';
import type { StixObject } from '../../src/core/stix/export/indicator-sdo.js';

/** Raw values of every kind, as reporters write them; their canonical forms are what gets exported. */
export const SAMPLE_VALUES: readonly (readonly [ObservableKind, string])[] = [
  ['url', 'http://evil.example/login'],
  ['url', "https://Evil.Example/a'b/c%5Cd?x=1&y='2'"],
  ['url', 'http://xn--ngnhng-yua1b.vn/đăng-nhập'],
  ['domain', 'vietcombank-xacminh.com'],
  ['domain', 'ngânhàng.vn'],
  ['ip', '198.51.100.3'],
  ['ip', '10.0.0.0/8'],
  ['ip', '2001:db8::1'],
  ['ip', '2001:db8::/32'],
  ['email', 'support@evil.example'],
  ['file-hash', '79054025255fb1a26e4bc422aef54eb4'],
  ['file-hash', '2fd4e1c67a2d28fced849ee1bb76e7391b93eb12'],
  ['file-hash', 'aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f'],
  ['file-hash', `sha512:${'ab'.repeat(63)}cd`],
  ['phone', '0912 345 678'],
  ['phone', '+1 202 555 0143'],
  ['bank-account', '970436:0123456789'],
  ['bank-account', 'card:9704361234567895'],
  ['wallet', '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed'],
  ['wallet', 'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t'],
  ['wallet', '1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa'],
];

export const ORG = {
  id: '7d4e2c1a-3b5f-4a6e-9c8d-0f1e2a3b4c5d',
  name: 'VNCERT/CC',
  createdAt: '2026-01-05T08:00:00.000Z',
  updatedAt: '2026-02-01T08:00:00.000Z',
};

/** An indicator of `kind` with the canonical form of `raw`. */
export function sampleIndicator(kind: ObservableKind, raw: string, n = 1): Indicator {
  const parsed = parseObservable(kind, raw);
  if (!parsed.ok) assert.fail(`${kind} ${raw}: ${parsed.error}`);
  return {
    id: `0b7c0f8e-2f7a-4d1b-8c3e-${String(n).padStart(12, '0')}`,
    num: n,
    kind,
    value: raw,
    canonical: parsed.value.canonical,
    categories: ['phishing', 'impersonation'],
    confidence: 80,
    sourceOrgId: ORG.id,
    createdBy: null,
    tlp: (['clear', 'green', 'amber', 'amber+strict', 'red'] as const)[n % 5]!,
    recipients: [],
    validFrom: '2026-03-01T00:00:00.000Z',
    validUntil: n % 2 === 0 ? '2026-09-01T00:00:00.000Z' : null,
    firstSeen: '2026-02-27T10:00:00.000Z',
    lastSeen: null,
    description: n % 3 === 0 ? 'Giả danh ngân hàng "VCB" \\ gửi OTP' : null,
    revokedAt: null,
    createdAt: '2026-03-01T09:30:00.000Z',
    updatedAt: '2026-03-02T09:30:00.000Z',
  };
}

export function exportedSamples(): { indicators: StixObject[]; referenced: StixObject[] } {
  const exp = new IndicatorExport();
  const indicators = SAMPLE_VALUES.map(([kind, raw], n) => {
    const r = exp.add(sampleIndicator(kind, raw, n));
    if (!r.ok) assert.fail(r.error);
    return r.value;
  });
  return { indicators, referenced: exp.referenced([ORG]) };
}
