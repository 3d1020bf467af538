/**
 * Check answers are written with JSON.stringify (src/http/routes/check.ts, `answerJson`), not with their
 * schema's serializer: the two must give the same bytes on every kind of answer, or an answer would carry a
 * field the schema (and the API's documentation) does not have, or lose one it has.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import fastJson from 'fast-json-stringify';
import { Type } from '@sinclair/typebox';
import { SYSTEM } from '../../src/core/auth/principal.js';
import { ANONYMOUS, type Viewer } from '../../src/core/sharing/tlp.js';
import { Answer, answerJson, answersJson } from '../../src/http/routes/check.js';
import type { CheckAnswer } from '../../src/services/check-service.js';
import { testApp, type TestApp } from '../support/app.js';
import { sqliteFactory } from '../support/stores.js';
import { vietQrPayload } from '../support/vietqr.js';

const factory = sqliteFactory();
let t: TestApp;
before(async () => {
  t = await testApp(factory);
  const filed = await t.services.indicators.file(SYSTEM, [
    {
      value: '0912 345 678',
      categories: ['scam-call'],
      tlp: 'green',
      confidence: 90,
      description: 'calls "bank"',
    },
    { value: 'vcb-xacthuc.com', kind: 'domain', categories: ['phishing'], tlp: 'amber' },
    { value: 'http://evil.example/login/', kind: 'url', categories: ['phishing'], tlp: 'clear' },
    { value: '970436:0011223344', kind: 'bank-account', categories: ['fraud-account'], tlp: 'clear' },
    { value: '203.0.113.0/24', kind: 'ip', categories: ['malware'], tlp: 'clear' },
    { value: 'sites.google.com/view/vcb-login', kind: 'url', categories: ['phishing'], tlp: 'clear' },
  ]);
  for (const f of filed) assert.ok(f.ok, JSON.stringify(f));
  await t.services.index.catchUp();
});
after(async () => {
  await t?.close();
  await factory.cleanup();
});

const VALUES = [
  '0912345678',
  '+84 912 345 678',
  '0987 654 321',
  '1900 1234',
  'https://a.b.vcb-xacthuc.com/x?y=1#z',
  'hxxp://evil[.]example/login/x',
  'http://203.0.113.7/',
  'https://sites.google.com/view/vcb-login/home',
  'https://vnexpress.net/thoi-su',
  'google.com',
  'VCB: 0011 2233 44',
  '970436:9999999999',
  vietQrPayload('970436', '0011223344', { amount: '5000000', purpose: 'thanh toan "don" hang' }),
  vietQrPayload('970436', '0011223344').slice(0, -4) + '0000',
  'someone@gmail.com',
  '0x52908400098527886E0F7030069857D2E4169EE7',
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  'tiếng việt không phải là giá trị',
  '12',
];

test('answerJson and answersJson write exactly what the answer schema would, for members and anonymous callers', async () => {
  const schemaOne = fastJson(Answer) as (a: unknown) => string;
  const schemaMany = fastJson(Type.Object({ results: Type.Array(Type.Ref('CheckAnswer')) }), {
    schema: { CheckAnswer: Answer },
  } as never) as unknown as (a: unknown) => string;
  const member: Viewer = { kind: 'member', orgId: t.operatorOrgId, isOperator: true };
  const seen = new Set<string>();
  for (const viewer of [member, ANONYMOUS]) {
    const answers: CheckAnswer[] = await t.services.check.check(
      viewer,
      VALUES.map((value) => ({ value })),
    );
    for (const a of answers) {
      assert.equal(answerJson(a), schemaOne(a), answerJson(a));
      const o = JSON.parse(answerJson(a)) as Record<string, unknown>;
      seen.add('error' in o ? 'error' : String(o['verdict']));
      if ('payment' in o) seen.add('payment');
      if (Array.isArray(o['reasons']) && o['reasons'].length > 0) seen.add(`reasons:${viewer.kind}`);
    }
    assert.equal(answersJson(answers), schemaMany({ results: answers }));
  }
  // The values above must give every shape of answer, or the comparison proves less than it claims.
  for (const shape of [
    'malicious',
    'unknown',
    'allow-listed',
    'error',
    'payment',
    'reasons:member',
    'reasons:anonymous',
  ])
    assert.ok(seen.has(shape), `no ${shape} answer among ${[...seen].join(', ')}`);
});

test('answerJson writes what JSON.stringify writes, whatever the strings hold', () => {
  const odd = [
    'plain',
    '',
    'say "hi"',
    'back\\slash',
    'tab\there, line\nbreak, nul\u0000, unit\u001f, del\u007f',
    'tiếng Việt và emoji 🔔',
    'lone \ud83d surrogate',
    'lone \udd14 low',
    '\u2028\u2029',
  ];
  for (const s of odd) {
    const answers: CheckAnswer[] = [
      {
        value: s,
        kind: 'domain',
        canonical: s,
        verdict: 'allow-listed',
        score: 0,
        summary: s,
        reasons: [],
        details: { note: s, n: 3, ok: true },
        allowListed: s,
      },
      {
        value: s,
        kind: 'bank-account',
        canonical: s,
        verdict: 'suspicious',
        score: 42,
        summary: s,
        reasons: [{ how: 'exact', matched: s, categories: ['fraud-account'], firstSeen: null, lastSeen: s }],
        details: {},
        reports: 4,
        payment: { bin: '970436', account: s, isCard: false, merchantName: s },
      },
      { value: s, error: { code: 'TOCSIN_ERR_INVALID_VALUE', message: s } },
    ];
    for (const a of answers) assert.equal(answerJson(a), JSON.stringify(a), JSON.stringify(s));
  }
});
