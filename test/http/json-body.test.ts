/** JSON bodies on every route: UTF-8 or a coded 400, and fastify's poisoning checks kept. */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sqliteFactory } from '../support/stores.js';
import { testApp, type TestApp } from '../support/app.js';

const factory = sqliteFactory();
let t: TestApp;
before(async () => {
  t = await testApp(factory);
});
after(async () => {
  await t?.close();
  await factory.cleanup();
});

const post = (url: string, payload: Buffer | string) =>
  t.app.inject({
    method: 'POST',
    url,
    headers: { authorization: `Bearer ${t.adminKey}`, 'content-type': 'application/json' },
    payload,
  });

test('a body that is not valid UTF-8 is refused, on any route, rather than read with its bytes replaced', async () => {
  const bad = Buffer.concat([
    Buffer.from('{"value":"evil'),
    Buffer.from([0xc3, 0x28]),
    Buffer.from('.xyz","categories":["phishing"]}'),
  ]);
  for (const url of ['/api/v1/indicators', '/api/v1/check', '/api/v1/reports']) {
    const r = await post(url, bad);
    assert.equal(r.statusCode, 400, `${url}: ${r.body}`);
    assert.deepEqual(
      [r.json<{ code: string }>().code, r.json<{ message: string }>().message],
      ['TOCSIN_ERR_BAD_REQUEST', 'the body is not valid UTF-8'],
    );
  }
  const listed = await t.call('GET', '/api/v1/indicators?contains=evil');
  assert.equal(listed.json<{ total: number }>().total, 0, 'nothing was filed');
});

test('valid UTF-8 is read as written; __proto__ in a body is still refused; broken JSON is a 400', async () => {
  const ok = await post('/api/v1/check', JSON.stringify({ value: 'tiền-thưởng.xyz' }));
  assert.equal(ok.statusCode, 200, ok.body);
  const poisoned = await post('/api/v1/check', '{"value":"a.xyz","__proto__":{"admin":true}}');
  assert.equal(poisoned.statusCode, 400, poisoned.body);
  const broken = await post('/api/v1/check', '{"value":');
  assert.equal(broken.statusCode, 400, broken.body);
});
