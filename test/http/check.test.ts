/** Indicators and checks over HTTP: verdicts, TLP on every answer, batches, QR codes, rate limits. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import QRCode from 'qrcode';
import { allStoreFactories, sqliteFactory } from '../support/stores.js';
import { testApp, type TestApp } from '../support/app.js';
import { vietQrPayload } from '../support/vietqr.js';

interface Answer {
  value: string;
  kind?: string;
  canonical?: string;
  verdict?: string;
  score?: number;
  summary?: string;
  reasons?: { how: string; matched: string; source?: string; tlp?: string }[];
  payment?: { bank?: string; account?: string; amount?: string };
  error?: { code: string; message: string };
}

for (const factory of await allStoreFactories()) {
  describe(`indicators and checks on ${factory.name}`, { skip: factory.skip }, () => {
    let t: TestApp;
    const keys: Record<string, string> = {};
    const orgs: Record<string, string> = {};
    before(async () => {
      t = await testApp(factory);
      for (const [name, kind] of [
        ['Bank B', 'bank'],
        ['Telco T', 'telco'],
      ] as const) {
        const org = (
          await t.call('POST', '/api/v1/orgs', { body: { name, country: 'VN', sector: 'finance', kind } })
        ).json<{ id: string }>();
        orgs[name] = org.id;
        for (const role of ['analyst', 'reader']) {
          const u = (
            await t.call('POST', '/api/v1/users', {
              body: { orgId: org.id, email: `${role}@${kind}.test`, name: role, role },
            })
          ).json<{ id: string }>();
          keys[`${name}/${role}`] = (
            await t.call('POST', '/api/v1/keys', { body: { userId: u.id, name: 'k' } })
          ).json<{ key: string }>().key;
        }
      }
    });
    after(async () => {
      await t?.close();
      await factory.cleanup();
    });

    const check = async (value: string, key: string | null = null) => {
      const r = await t.call('GET', `/api/v1/check?value=${encodeURIComponent(value)}`, { key });
      assert.equal(r.statusCode, 200, r.body);
      return r.json<Answer>();
    };
    const file = (key: string, body: unknown) => t.call('POST', '/api/v1/indicators', { key, body });

    test('a phone number filed in one spelling is found in every other, by anyone, when CLEAR', async () => {
      const r = await file(keys['Bank B/analyst']!, {
        value: '0912 345 678',
        categories: ['scam-call'],
        confidence: 90,
        tlp: 'clear',
      });
      assert.equal(r.statusCode, 201, r.body);
      for (const spelling of ['+84 912 345 678', '84912345678', '0084912345678', '091.234.5678']) {
        const a = await check(spelling);
        assert.equal(a.verdict, 'malicious', spelling);
        assert.equal(a.canonical, '+84912345678');
        assert.deepEqual(
          a.reasons?.map((x) => [x.how, x.matched]),
          [['exact', 'p:+84912345678']],
        );
        assert.equal(a.reasons?.[0]?.source, undefined, 'anonymous callers do not learn the source');
      }
      const member = await check('0912345678', keys['Telco T/reader']);
      assert.equal(member.reasons?.[0]?.source, orgs['Bank B']);
    });

    test('TLP decides who the verdict speaks to: GREEN for members, AMBER for the owner and the centre', async () => {
      await file(keys['Bank B/analyst']!, {
        value: 'VCB:0011223344',
        categories: ['fraud-account'],
        confidence: 95,
        tlp: 'green',
      });
      await file(keys['Bank B/analyst']!, {
        value: '970415:5566778899',
        categories: ['fraud-account'],
        confidence: 95,
        tlp: 'amber',
      });
      await file(keys['Bank B/analyst']!, {
        value: '970418:1212121212',
        categories: ['fraud-account'],
        confidence: 95,
        tlp: 'red',
      });
      const who = {
        anonymous: null,
        other: keys['Telco T/reader']!,
        owner: keys['Bank B/reader']!,
        centre: t.adminKey,
      };
      const expect: Record<string, Record<keyof typeof who, string>> = {
        'VCB:0011223344': {
          anonymous: 'unknown',
          other: 'malicious',
          owner: 'malicious',
          centre: 'malicious',
        },
        'VietinBank:5566778899': {
          anonymous: 'unknown',
          other: 'unknown',
          owner: 'malicious',
          centre: 'malicious',
        },
        'BIDV:1212121212': {
          anonymous: 'unknown',
          other: 'unknown',
          owner: 'malicious',
          centre: 'malicious',
        },
      };
      for (const [value, byWho] of Object.entries(expect)) {
        for (const [w, key] of Object.entries(who)) {
          const a = await check(value, key);
          assert.equal(a.verdict, byWho[w as keyof typeof who], `${value} as ${w}`);
          if (a.verdict === 'unknown') assert.deepEqual(a.reasons, [], 'nothing hidden leaks into reasons');
        }
      }
      // Search and counts follow the same rule.
      const otherSees = (
        await t.call('GET', '/api/v1/indicators?kind=bank-account&limit=100', { key: who.other })
      ).json<{ items: { canonical: string }[]; total: number }>();
      assert.deepEqual(
        otherSees.items.map((i) => i.canonical),
        ['970436:0011223344'],
      );
      assert.equal(otherSees.total, 1);
      const ownerSees = (
        await t.call('GET', '/api/v1/indicators?kind=bank-account', { key: who.owner })
      ).json<{ total: number }>();
      assert.equal(ownerSees.total, 3);
      const amberId = (
        await t.call('GET', '/api/v1/indicators?value=970415:5566778899', { key: who.owner })
      ).json<{ items: { id: string }[] }>().items[0]!.id;
      assert.equal(
        (await t.call('GET', `/api/v1/indicators/${amberId}`, { key: who.other })).statusCode,
        404,
      );
      assert.equal(
        (await t.call('GET', `/api/v1/indicators/${amberId}`, { key: who.owner })).statusCode,
        200,
      );
    });

    test('a domain indicator flags its subdomains and links on them; an allow-listed domain is not flagged', async () => {
      await file(keys['Bank B/analyst']!, [
        {
          value: 'hxxps://secure-login[.]vcb-verify.example/',
          kind: 'domain',
          categories: ['phishing'],
          tlp: 'clear',
          confidence: 90,
        },
        { value: 'vnexpress.net', kind: 'domain', categories: ['phishing'], tlp: 'clear', confidence: 90 },
      ]).then((r) => assert.equal(r.statusCode, 201, r.body));
      const sub = await check('http://a.secure-login.vcb-verify.example/otp?x=1');
      assert.deepEqual([sub.verdict, sub.reasons?.[0]?.how], ['malicious', 'subdomain']);
      const news = await check('https://vnexpress.net/the-gioi');
      assert.equal(news.verdict, 'allow-listed');
      assert.match(news.summary ?? '', /vnexpress\.net/);
    });

    test('a URL indicator matches longer paths on subdomains, by prefix', async () => {
      await file(keys['Bank B/analyst']!, {
        value: 'evil.example/login/',
        categories: ['phishing'],
        tlp: 'clear',
        confidence: 95,
      });
      const a = await check('http://a.b.evil.example/login/x?y=1');
      assert.deepEqual(
        [a.verdict, a.reasons?.[0]?.how, a.reasons?.[0]?.matched],
        ['malicious', 'url-prefix', 'u:evil.example/login/'],
      );
      assert.equal((await check('http://evil.example/logout')).verdict, 'unknown');
    });

    test('a batch answers every item in order; a bad item gets its own error', async () => {
      const items = [
        '0912345678',
        'not a value',
        { value: '10.0.0.1', kind: 'ip' },
        { value: '12', kind: 'phone' },
        'https://vnexpress.net/',
      ];
      const r = await t.call('POST', '/api/v1/check', { key: null, body: { items } });
      assert.equal(r.statusCode, 200);
      const results = r.json<{ results: Answer[] }>().results;
      assert.deepEqual(
        results.map((x) => x.verdict ?? x.error?.code),
        ['malicious', 'TOCSIN_ERR_INVALID_VALUE', 'unknown', 'TOCSIN_ERR_INVALID_VALUE', 'allow-listed'],
      );
      assert.deepEqual(
        results.map((x) => x.value),
        ['0912345678', 'not a value', '10.0.0.1', '12', 'https://vnexpress.net/'],
      );
    });

    test('a batch over 10,000 items is 413, and a single bad value is 400', async () => {
      const big = await t.call('POST', '/api/v1/check', {
        body: { items: Array.from({ length: 10_001 }, (_, i) => `09${String(i).padStart(8, '0')}`) },
      });
      assert.equal(big.statusCode, 413);
      assert.equal(big.json<{ code: string }>().code, 'TOCSIN_ERR_BATCH_TOO_LARGE');
      const bad = await t.call('GET', '/api/v1/check?value=12&kind=phone', { key: null });
      assert.equal(bad.statusCode, 400);
      assert.equal(bad.json<{ code: string }>().code, 'TOCSIN_ERR_INVALID_VALUE');
    });

    test('a VietQR payload is read as the account it pays into, and a malformed one is named as such', async () => {
      const payload = vietQrPayload('970436', '0011223344', {
        amount: '5000000',
        purpose: 'thanh toan don hang',
      });
      const a = (
        await t.call('POST', '/api/v1/check', { key: keys['Telco T/reader'], body: { value: payload } })
      ).json<Answer>();
      assert.deepEqual([a.kind, a.canonical, a.verdict], ['bank-account', '970436:0011223344', 'malicious']);
      assert.deepEqual(
        [a.payment?.bank, a.payment?.account, a.payment?.amount],
        ['VCB', '0011223344', '5000000'],
      );
      assert.match(a.summary ?? '', /pays into account 0011223344 at VCB.*Do not transfer/);
      const tampered = payload.slice(0, -4) + (payload.endsWith('0000') ? '1111' : '0000');
      const bad = await t.call('POST', '/api/v1/check', { key: null, body: { value: tampered } });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.json<{ message: string }>().message, /malformed EMVCo payload: CRC mismatch/);
    });

    test('a QR code image: a payment into a flagged account says so plainly; no code, or no image, is refused', async () => {
      const png = await QRCode.toBuffer(vietQrPayload('970436', '0011223344'), { type: 'png' });
      const r = await t.app.inject({
        method: 'POST',
        url: '/api/v1/check/qr',
        headers: { 'content-type': 'image/png', authorization: `Bearer ${keys['Telco T/reader']!}` },
        payload: png,
      });
      assert.equal(r.statusCode, 200, r.body);
      const body = r.json<{ text: string; answer: Answer }>();
      assert.equal(body.answer.verdict, 'malicious', r.body);
      assert.match(body.answer.summary ?? '', /This QR code pays into account 0011223344 at VCB/);
      const link = await QRCode.toBuffer('http://a.b.evil.example/login/x', { type: 'png' });
      const boundary = '----tocsin';
      const multipart = Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="image"; filename="qr.png"\r\nContent-Type: image/png\r\n\r\n`,
        ),
        link,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      const m = await t.app.inject({
        method: 'POST',
        url: '/api/v1/check/qr',
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
        payload: multipart,
      });
      assert.equal(m.statusCode, 200, m.body);
      assert.equal(m.json<{ answer: Answer }>().answer.verdict, 'malicious');
      const text = await QRCode.toBuffer('hello from a poster', { type: 'png' });
      const plain = await t.app.inject({
        method: 'POST',
        url: '/api/v1/check/qr',
        headers: { 'content-type': 'image/png' },
        payload: text,
      });
      assert.deepEqual(plain.json(), { text: 'hello from a poster' });
      const { PNG } = await import('pngjs');
      const blank = new PNG({ width: 64, height: 64 });
      blank.data.fill(255);
      const none = await t.app.inject({
        method: 'POST',
        url: '/api/v1/check/qr',
        headers: { 'content-type': 'image/png' },
        payload: PNG.sync.write(blank),
      });
      assert.equal(none.statusCode, 422);
      assert.equal(none.json<{ code: string }>().code, 'TOCSIN_ERR_NO_QR_CODE');
      const gif = await t.app.inject({
        method: 'POST',
        url: '/api/v1/check/qr',
        headers: { 'content-type': 'image/gif' },
        payload: Buffer.from('GIF89a'),
      });
      assert.equal(gif.statusCode, 415);
      const huge = await t.app.inject({
        method: 'POST',
        url: '/api/v1/check/qr',
        headers: { 'content-type': 'image/png' },
        payload: Buffer.alloc(600 * 1024),
      });
      assert.equal(huge.statusCode, 413);
    });

    test('filing: a repeat from the same source enriches one indicator; a bad item is reported, the rest filed', async () => {
      const k = keys['Telco T/analyst']!;
      const first = (
        await file(k, { value: '0987 654 321', categories: ['scam-call'], confidence: 40 })
      ).json<{ results: { outcome: string; indicator: { id: string } }[] }>();
      const again = (
        await file(k, { value: '+84987654321', categories: ['impersonation'], confidence: 70 })
      ).json<{
        results: { outcome: string; indicator: { id: string; categories: string[]; confidence: number } }[];
      }>();
      assert.equal(again.results[0]?.outcome, 'updated');
      assert.equal(again.results[0]?.indicator.id, first.results[0]?.indicator.id);
      assert.deepEqual(again.results[0]?.indicator.categories, ['impersonation', 'scam-call']);
      assert.equal(again.results[0]?.indicator.confidence, 70);
      const same = (await file(k, { value: '0987654321', categories: ['scam-call'] })).json<{
        results: { outcome: string }[];
      }>();
      assert.equal(same.results[0]?.outcome, 'unchanged');
      const mixed = await file(k, [
        { value: '0911111111', categories: ['scam-call'] },
        { value: 'VCB:12', categories: ['fraud-account'] },
        { value: 'x.example', kind: 'domain', categories: ['phishing'], tlp: 'purple' },
      ]);
      const res = mixed.json<{ results: { outcome?: string; index?: number; error?: { code: string } }[] }>()
        .results;
      assert.deepEqual(
        res.map((r) => r.outcome ?? r.error?.code),
        ['created', 'TOCSIN_ERR_INVALID_VALUE', 'TOCSIN_ERR_VALIDATION'],
      );
      const reader = await file(keys['Telco T/reader']!, { value: '0922222222', categories: ['scam-call'] });
      assert.equal(reader.statusCode, 403);
    });

    test('revoking stops the match at once; another organization cannot revoke; everything is audited', async () => {
      const created = (
        await file(keys['Bank B/analyst']!, {
          value: '0933 333 333',
          categories: ['scam-call'],
          tlp: 'clear',
          confidence: 90,
        })
      ).json<{ results: { indicator: { id: string } }[] }>();
      const id = created.results[0]!.indicator.id;
      assert.equal((await check('0933333333')).verdict, 'malicious');
      assert.equal(
        (await t.call('DELETE', `/api/v1/indicators/${id}`, { key: keys['Telco T/analyst'] })).statusCode,
        403,
      );
      const revoked = await t.call('DELETE', `/api/v1/indicators/${id}`, { key: keys['Bank B/analyst'] });
      assert.equal(revoked.statusCode, 200);
      assert.equal((await check('0933333333')).verdict, 'unknown');
      const patched = await t.call('PATCH', `/api/v1/indicators/${id}`, {
        key: keys['Bank B/analyst'],
        body: { confidence: 10 },
      });
      assert.equal(patched.json<{ confidence: number }>().confidence, 10);
      const audit = (await t.call('GET', '/api/v1/audit?limit=1000'))
        .json<{ items: { action: string; objectId: string }[] }>()
        .items.filter((e) => e.objectId === id)
        .map((e) => e.action);
      assert.deepEqual(audit, ['indicator.update', 'indicator.revoke', 'indicator.create']);
      assert.equal((await t.call('GET', '/api/v1/audit/verify')).json<{ ok: boolean }>().ok, true);
    });

    test('an expired indicator no longer matches', async () => {
      await file(keys['Bank B/analyst']!, {
        value: '0944 444 444',
        categories: ['scam-call'],
        tlp: 'clear',
        validFrom: '2020-01-01T00:00:00Z',
        validUntil: '2021-01-01T00:00:00Z',
      });
      assert.equal((await check('0944444444')).verdict, 'unknown');
    });
  });
}

describe('anonymous rate limit', () => {
  const factory = sqliteFactory();
  let t: TestApp;
  before(async () => {
    t = await testApp(factory, { anonymousRateLimit: 3 });
  });
  after(async () => {
    await t?.close();
    await factory.cleanup();
  });

  test('anonymous callers are limited per address; members are not', async () => {
    const codes = [];
    for (let i = 0; i < 5; i++)
      codes.push((await t.call('GET', '/api/v1/check?value=0912345678', { key: null })).statusCode);
    assert.deepEqual(codes, [200, 200, 200, 429, 429]);
    const limited = await t.call('GET', '/api/v1/check?value=0912345678', { key: null });
    assert.equal(limited.json<{ code: string }>().code, 'TOCSIN_ERR_RATE_LIMITED');
    for (let i = 0; i < 5; i++)
      assert.equal((await t.call('GET', '/api/v1/check?value=0912345678')).statusCode, 200);
  });
});
