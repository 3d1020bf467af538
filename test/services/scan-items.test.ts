/**
 * The items of a scan answer keep one key order whatever their shape (ScanService builds the usual shapes as
 * one literal each, the others key by key): kind, raw, start, end, canonical, verdict, score, reasons,
 * shortened, lookalike, imitates, the absent ones left out.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { VerdictResult } from '../../src/core/check/verdict.js';
import type { ObservableValue } from '../../src/core/observables/observable-value.js';
import { compileRuleSet } from '../../src/core/scan/rules/compile.js';
import { STARTER_RULES } from '../../src/core/scan/rules/starter-rules.js';
import type { Viewer } from '../../src/core/sharing/tlp.js';
import type { CheckService } from '../../src/services/check-service.js';
import { ScanService, type ScannedItem } from '../../src/services/scan-service.js';
import type { ScanRuleService } from '../../src/services/scan-rules-service.js';

const ORDER = [
  'kind',
  'raw',
  'start',
  'end',
  'canonical',
  'verdict',
  'score',
  'reasons',
  'shortened',
  'lookalike',
  'imitates',
];

const MALICIOUS: VerdictResult = {
  verdict: 'malicious',
  score: 90,
  reasons: [
    { source: 'test', categories: ['phishing'], confidence: 90 },
  ] as unknown as VerdictResult['reasons'],
};

/** A scanner whose check engine judges every parsed value malicious, except those it leaves unjudged. */
function scanner(unjudged: (v: ObservableValue) => boolean): ScanService {
  const compiled = compileRuleSet(STARTER_RULES);
  assert.ok(compiled.ok);
  const check = {
    judge: (_viewer: unknown, values: readonly (ObservableValue | undefined)[]) =>
      Promise.resolve(values.map((v) => (v === undefined || unjudged(v) ? undefined : MALICIOUS))),
  } as unknown as CheckService;
  const rules = {
    live: { compiled: compiled.compiled, views: new Map(), changeSeq: 0 },
  } as unknown as ScanRuleService;
  return new ScanService({ check, rules });
}

function expectedKeys(item: ScannedItem): string[] {
  return ORDER.filter((k) => (item as unknown as Record<string, unknown>)[k] !== undefined);
}

test('every shape of item keeps the answer key order', async () => {
  const messages = [
    'Goi ngay 0912345678 de nhan qua', // a phone: canonical and verdict
    'STK 0123456789 chuyen gap', // an account with no bank: no value
    'Xem tai https://bit.ly/abc123 ngay', // a shortened link
    'Dang nhap vietcоmbank.com.vn de xac thuc', // a look-alike (Cyrillic о): lookalike and imitates
    'Truy cap vcb-xacthuc[.]com va 0987654321', // a defanged domain and a phone left unjudged
  ].map((text) => ({ text }));
  const anonymous: Viewer = { kind: 'anonymous' };
  const results = await scanner((v) => v.canonical === '+84987654321').scan(anonymous, messages);
  const seen = new Set<string>();
  for (const r of results) {
    assert.ok(!('error' in r));
    for (const item of r.items) {
      const keys = Object.keys(item);
      assert.deepEqual(keys, expectedKeys(item), JSON.stringify(item));
      seen.add(keys.join(','));
    }
  }
  // Each path was taken: with and without a value, judged and not, with flags.
  assert.ok(
    [...seen].some((k) => k === 'kind,raw,start,end'),
    [...seen].join(' | '),
  );
  assert.ok(
    [...seen].some((k) => k === 'kind,raw,start,end,canonical'),
    [...seen].join(' | '),
  );
  assert.ok([...seen].some((k) => k === 'kind,raw,start,end,canonical,verdict,score,reasons'));
  assert.ok(
    [...seen].some((k) => k.endsWith(',shortened')),
    [...seen].join(' | '),
  );
  assert.ok(
    [...seen].some((k) => k.endsWith(',lookalike,imitates')),
    [...seen].join(' | '),
  );
});
