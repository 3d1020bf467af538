/**
 * The lean path for `GET /api/v1/check` answers exactly as the fastify route does: the same requests, over
 * real HTTP (lean path first) and through inject() (fastify only), give the same status, type and body.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { allStoreFactories } from '../support/stores.js';
import { testApp, type TestApp } from '../support/app.js';

for (const factory of await allStoreFactories()) {
  describe(`the lean check path on ${factory.name}`, { skip: factory.skip }, () => {
    let t: TestApp;
    let base = '';
    const keys: Record<string, string | null> = {};
    before(async () => {
      t = await testApp(factory);
      base = await t.app.listen({ port: 0, host: '127.0.0.1' });
      const org = (
        await t.call('POST', '/api/v1/orgs', {
          body: { name: 'Bank', country: 'VN', sector: 'finance', kind: 'bank' },
        })
      ).json<{ id: string }>().id;
      const user = (
        await t.call('POST', '/api/v1/users', {
          body: { orgId: org, email: 'a@bank.test', name: 'a', role: 'analyst' },
        })
      ).json<{ id: string }>().id;
      keys['member'] = (await t.call('POST', '/api/v1/keys', { body: { userId: user, name: 'k' } })).json<{
        key: string;
      }>().key;
      keys['centre'] = t.adminKey;
      keys['anonymous'] = null;
      keys['bad key'] = 'tsn_0123456789abcdef_' + 'A'.repeat(43);
      const filed = await t.call('POST', '/api/v1/indicators', {
        body: [
          {
            value: '0912 345 678',
            categories: ['scam-call'],
            confidence: 90,
            tlp: 'green',
            description: 'calls',
          },
          { value: 'vcb-xacthuc.com', kind: 'domain', categories: ['phishing'], tlp: 'amber' },
          { value: 'http://evil.example/login/', kind: 'url', categories: ['phishing'], tlp: 'clear' },
        ],
      });
      assert.equal(filed.statusCode, 201, filed.body);
    });
    after(async () => {
      await t?.close();
      await factory.cleanup();
    });

    const QUERIES = [
      'value=0912345678',
      'value=%2B84%20912%20345%20678&kind=phone',
      'value=https://a.b.vcb-xacthuc.com/x',
      'value=http://evil.example/login/x?y=1',
      'value=google.com',
      'value=0987654321',
      'value=12&kind=phone',
      'value=VCB:0123',
      'value=',
      'value=a&value=b',
      'value=x&kind=planet',
      'value=0912345678&extra=1',
      'kind=phone',
      // Spellings of one value that the lean path decodes itself, and some it leaves to URLSearchParams.
      'value=%2B84+912+345+678',
      'value=+84+912%20345+678',
      'value=0912%2e345%2E678',
      'value=hxxp%3A%2F%2Fevil%5B.%5Dexample%2Flogin%2F',
      'value=%E2%80%8B0912345678',
      'value=%',
      'value=09%1',
      'value=0912%FF345678',
      'value=%C3%A1.vn',
      'value=%00',
      `value=${'1'.repeat(8193)}`,
    ];

    test('every query, with every kind of caller, gets the same answer both ways', async () => {
      const before = t.app.leanChecks.served;
      for (const [who, key] of Object.entries(keys)) {
        for (const q of QUERIES) {
          const url = `/api/v1/check?${q}`;
          const headers: Record<string, string> = key === null ? {} : { authorization: `Bearer ${key}` };
          const real = await fetch(base + url, { headers });
          const realBody = await real.text();
          const injected = await t.app.inject({ method: 'GET', url, headers });
          const what = `${who} ${q}`;
          assert.equal(real.status, injected.statusCode, what);
          assert.equal(real.headers.get('content-type'), injected.headers['content-type'], what);
          // Error bodies carry nothing request-specific; answers must be identical to the byte.
          assert.equal(realBody, injected.body, what);
        }
      }
      const served = t.app.leanChecks.served - before;
      // Members and the centre, on the well-formed queries that can be answered: the lean path took them (six
      // of the first list, five of the second).
      assert.equal(served, 2 * 11, `the lean path answered ${served} requests`);
    });

    test('a lean answer is counted in the request metrics as the fastify route counts it', async () => {
      const metric = async (name: string, ...parts: string[]) => {
        const text = (await t.call('GET', '/metrics')).body;
        const line = text
          .split('\n')
          .find((l) => l.startsWith(`${name}{`) && parts.every((p) => l.includes(p)));
        return Number(line?.split(' ').at(-1) ?? 0);
      };
      const check = ['method="GET"', 'route="/api/v1/check"'];
      const requests = () => metric('tocsin_http_requests_total', ...check, 'status_code="200"');
      const latency = () => metric('tocsin_http_request_duration_seconds_count', ...check);
      const [r0, l0, s0] = [await requests(), await latency(), t.app.leanChecks.served];
      assert.ok(r0 > 0 && l0 > 0, 'the answers of the test before are counted');
      const r = await fetch(`${base}/api/v1/check?value=0912345678`, {
        headers: { authorization: `Bearer ${keys['centre']!}` },
      });
      assert.equal(r.status, 200);
      assert.equal(t.app.leanChecks.served, s0 + 1, 'answered by the lean path');
      assert.equal(await requests(), r0 + 1);
      assert.equal(await latency(), l0 + 1);
    });

    test('a revoked key is refused on the lean path too', async () => {
      const key = keys['member']!;
      const id = key.split('_')[1]!;
      assert.equal((await t.call('DELETE', `/api/v1/keys/${id}`)).statusCode, 200);
      const r = await fetch(`${base}/api/v1/check?value=0912345678`, {
        headers: { authorization: `Bearer ${key}` },
      });
      assert.equal(r.status, 401);
    });
  });
}
