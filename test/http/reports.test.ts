/** Citizen reports: submitted by anyone, counted before triage, confirmed into indicators or rejected. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { allStoreFactories } from '../support/stores.js';
import { testApp, type TestApp } from '../support/app.js';
import { vietQrPayload } from '../support/vietqr.js';

for (const factory of await allStoreFactories()) {
  describe(`citizen reports on ${factory.name}`, { skip: factory.skip }, () => {
    let t: TestApp;
    let bankAnalyst = '';
    before(async () => {
      t = await testApp(factory);
      const org = (
        await t.call('POST', '/api/v1/orgs', {
          body: { name: 'Report Bank', country: 'VN', sector: 'finance', kind: 'bank' },
        })
      ).json<{ id: string }>();
      const u = (
        await t.call('POST', '/api/v1/users', {
          body: { orgId: org.id, email: 'a@reportbank.test', name: 'A', role: 'analyst' },
        })
      ).json<{ id: string }>();
      bankAnalyst = (await t.call('POST', '/api/v1/keys', { body: { userId: u.id, name: 'k' } })).json<{
        key: string;
      }>().key;
    });
    after(async () => {
      await t?.close();
      await factory.cleanup();
    });

    const report = (body: object, from = '203.0.113.1') =>
      t.app.inject({ method: 'POST', url: '/api/v1/reports', payload: body, remoteAddress: from });
    const verdict = async (value: string) =>
      (await t.call('GET', `/api/v1/check?value=${encodeURIComponent(value)}`, { key: null })).json<{
        verdict: string;
        reports?: number;
      }>();

    test('anyone may report; the answer says it waits for triage', async () => {
      const r = await report({
        value: '0977 000 111',
        channel: 'call',
        description: 'Caller said he was from the police and asked for my OTP',
        contact: 'zalo 0900000000',
      });
      assert.equal(r.statusCode, 202, r.body);
      const body = r.json<{ status: string; kind: string; canonical: string }>();
      assert.deepEqual([body.status, body.kind, body.canonical], ['pending', 'phone', '+84977000111']);
    });

    test('bad reports are refused clearly', async () => {
      assert.equal(
        (await report({ value: '12', kind: 'phone', description: 'x happened' })).json<{ code: string }>()
          .code,
        'TOCSIN_ERR_INVALID_VALUE',
      );
      assert.equal(
        (await report({ value: '0977000111', description: 'x', channel: 'pigeon' })).statusCode,
        400,
      );
      assert.equal(
        (await report({ value: '0977000111' })).json<{ code: string }>().code,
        'TOCSIN_ERR_VALIDATION',
      );
    });

    test('independent reports make a value suspicious at the threshold; one reporter many times does not', async () => {
      for (let i = 0; i < 4; i++)
        await report({ value: '0966 111 222', description: 'fake prize call' }, '198.51.100.9');
      assert.equal(
        (await verdict('0966111222')).verdict,
        'unknown',
        'four reports from one address are one reporter',
      );
      await report({ value: '0966111222', description: 'same scam' }, '198.51.100.10');
      assert.equal((await verdict('0966111222')).verdict, 'unknown', 'two reporters');
      await report({ value: '+84966111222', description: 'same scam again' }, '198.51.100.11');
      const v = await verdict('0966111222');
      assert.deepEqual([v.verdict, v.reports], ['suspicious', 3]);
    });

    test('the queue is for the operating centre only; the reporter is kept as a hash, never an address', async () => {
      assert.equal((await t.call('GET', '/api/v1/reports', { key: null })).statusCode, 401);
      assert.equal((await t.call('GET', '/api/v1/reports', { key: bankAnalyst })).statusCode, 403);
      const q = await t.call('GET', '/api/v1/reports?status=pending&value=0966111222');
      assert.equal(q.statusCode, 200);
      const items = q.json<{ items: { reporter: string }[]; total: number }>();
      assert.equal(items.total, 6);
      assert.equal(new Set(items.items.map((i) => i.reporter)).size, 3);
      assert.ok(!q.body.includes('198.51.100'), 'no client address stored or shown');
    });

    test('confirming files a CLEAR indicator of the centre and closes every pending report of the value', async () => {
      const first = (await t.call('GET', '/api/v1/reports?status=pending&value=0966111222&limit=1')).json<{
        items: { id: string }[];
      }>().items[0]!;
      const c = await t.call('POST', `/api/v1/reports/${first.id}/confirm`, {
        body: { categories: ['scam-call', 'impersonation'], confidence: 85 },
      });
      assert.equal(c.statusCode, 200, c.body);
      const body = c.json<{
        report: { status: string; indicatorId: string };
        indicator: { id: string; tlp: string; sourceOrgId: string };
        closed: number;
      }>();
      assert.equal(body.closed, 6);
      assert.equal(body.report.status, 'confirmed');
      assert.equal(body.report.indicatorId, body.indicator.id);
      assert.deepEqual([body.indicator.tlp, body.indicator.sourceOrgId], ['clear', t.operatorOrgId]);
      const v = await verdict('0966111222');
      assert.equal(v.verdict, 'malicious');
      assert.equal(v.reports, undefined, 'confirmed reports no longer count as pending');
      const again = await t.call('POST', `/api/v1/reports/${first.id}/confirm`, {
        body: { categories: ['scam-call'] },
      });
      assert.equal(again.statusCode, 409);
      assert.equal(again.json<{ code: string }>().code, 'TOCSIN_ERR_REPORT_TRIAGED');
    });

    test('rejecting closes one report; triage is audited', async () => {
      const r = (await report({ value: 'https://shopee.vn/', description: 'I think this is fake' })).json<{
        id: string;
      }>();
      const rej = await t.call('POST', `/api/v1/reports/${r.id}/reject`, {
        body: { note: 'the real Shopee' },
      });
      assert.equal(rej.statusCode, 200);
      assert.deepEqual(
        [rej.json<{ status: string }>().status, rej.json<{ triageNote: string }>().triageNote],
        ['rejected', 'the real Shopee'],
      );
      assert.equal((await t.call('POST', `/api/v1/reports/${r.id}/reject`, { body: {} })).statusCode, 409);
      const actions = (await t.call('GET', '/api/v1/audit?limit=1000'))
        .json<{ items: { action: string; objectId: string }[] }>()
        .items.filter((e) => e.objectId === r.id)
        .map((e) => e.action);
      assert.deepEqual(actions, ['report.reject', 'report.create']);
    });

    test('a VietQR payload is reported as the account it pays into', async () => {
      const r = await report({
        value: vietQrPayload('970422', '0909090909'),
        channel: 'qr',
        description: 'QR on a fake parking ticket',
      });
      assert.equal(r.statusCode, 202, r.body);
      assert.deepEqual(
        [r.json<{ kind: string }>().kind, r.json<{ canonical: string }>().canonical],
        ['bank-account', '970422:0909090909'],
      );
    });
  });
}
