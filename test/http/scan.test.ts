/** The message scanner over HTTP: what each message carries, checked against the index, and the content rules. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sqliteFactory } from '../support/stores.js';
import { testApp, type TestApp } from '../support/app.js';

interface Result {
  id?: string;
  verdict?: string;
  score?: number;
  items?: { kind: string; raw: string; canonical?: string; verdict?: string }[];
  rules?: { ruleId: string; spans: { text: string }[] }[];
  error?: { code: string };
}

describe('POST /api/v1/scan', () => {
  const factory = sqliteFactory();
  let t: TestApp;
  before(async () => {
    t = await testApp(factory);
    const r = await t.call('POST', '/api/v1/indicators', {
      body: [
        { value: '0912 345 678', categories: ['scam-call'], confidence: 90, tlp: 'green' },
        { value: 'Techcombank:19031234567890', categories: ['fraud-account'], confidence: 95, tlp: 'green' },
        { value: 'vcb-xacthuc.com', kind: 'domain', categories: ['phishing'], confidence: 90, tlp: 'green' },
      ],
    });
    assert.equal(r.statusCode, 201, r.body);
  });
  after(async () => {
    await t?.close();
    await factory.cleanup();
  });

  const scan = async (messages: object[]) => {
    const r = await t.call('POST', '/api/v1/scan', { body: { messages } });
    assert.equal(r.statusCode, 200, r.body);
    return r.json<{ results: Result[] }>().results;
  };

  test('listed links, numbers and accounts in a message are found, checked and named', async () => {
    const [phish, prize, chat] = await scan([
      { id: 'm1', text: '[VCB] Tai khoan cua quy khach bi tam khoa. Truy cap vcb-xacthuc[.]com de mo khoa' },
      {
        id: 'm2',
        text: 'Chuc mung ban trung thuong 50.000.000d. LH 0912.345.678 hoac CK phi 500k vao STK 19031234567890 Techcombank',
      },
      { id: 'm3', text: 'Hẹn gặp lúc 10.30 nhé, nhớ mang áo mưa!' },
    ]);
    assert.equal(phish?.id, 'm1');
    assert.equal(phish?.verdict, 'malicious');
    assert.deepEqual(
      phish?.items?.map((i) => [i.kind, i.canonical, i.verdict]),
      [['domain', 'vcb-xacthuc.com', 'malicious']],
    );
    assert.equal(prize?.verdict, 'malicious');
    const kinds = prize?.items?.map((i) => [i.kind, i.canonical, i.verdict]);
    assert.deepEqual(kinds, [
      ['phone', '+84912345678', 'malicious'],
      ['bank-account', '970407:19031234567890', 'malicious'],
    ]);
    assert.deepEqual([chat?.verdict, chat?.items, chat?.rules], ['clean', [], []]);
  });

  test('a scam no list knows yet is caught by the content rules, with the words that made them fire', async () => {
    const [r] = await scan([
      {
        text: 'Cong an thong bao: ban lien quan vu an rua tien, chuyen khoan ngay de xac minh tai https://bocongan-gov.top/xacminh',
      },
    ]);
    assert.ok(r?.verdict === 'suspicious' || r?.verdict === 'malicious', JSON.stringify(r));
    assert.ok((r?.rules?.length ?? 0) > 0);
    assert.ok(r?.rules?.every((h) => h.spans.length > 0));
  });

  test('NDJSON bodies, one message a line, are answered like JSON; a broken line is named', async () => {
    const body = [
      '{"id":"a","text":"Goi ngay 0912 345 678 de nhan qua"}',
      '',
      '{"id":"b","text":"hello"}',
    ].join('\n');
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/v1/scan',
      headers: { authorization: `Bearer ${t.adminKey}`, 'content-type': 'application/x-ndjson' },
      payload: body,
    });
    assert.equal(r.statusCode, 200, r.body);
    const results = r.json<{ results: Result[] }>().results;
    assert.deepEqual(
      results.map((x) => [x.id, x.verdict]),
      [
        ['a', 'malicious'],
        ['b', 'clean'],
      ],
    );
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/v1/scan',
      headers: { authorization: `Bearer ${t.adminKey}`, 'content-type': 'application/x-ndjson' },
      payload: '{"text":"ok"}\n{"text":',
    });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.json<{ message: string }>().message, /NDJSON line 2 is not JSON/);
  });

  test('a line that is not valid UTF-8 gets its own error and the rest is scanned; a JSON body must be UTF-8', async () => {
    const body = Buffer.concat([
      Buffer.from('{"id":"a","text":"Hen gap nhe"}\n{"id":"b","text":"'),
      Buffer.from([0xc3, 0x28, 0xff]),
      Buffer.from('"}\n{"id":"c","text":"Toi ve roi"}\n'),
    ]);
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/v1/scan',
      headers: { authorization: `Bearer ${t.adminKey}`, 'content-type': 'application/x-ndjson' },
      payload: body,
    });
    assert.equal(r.statusCode, 200, r.body);
    const results = r.json<{ results: Result[] }>().results;
    assert.deepEqual(
      results.map((x) => [x.id, x.verdict, x.error?.code]),
      [
        ['a', 'clean', undefined],
        [undefined, undefined, 'TOCSIN_ERR_BAD_REQUEST'],
        ['c', 'clean', undefined],
      ],
    );
    const json = await t.app.inject({
      method: 'POST',
      url: '/api/v1/scan',
      headers: { authorization: `Bearer ${t.adminKey}`, 'content-type': 'application/json' },
      payload: Buffer.concat([
        Buffer.from('{"messages":[{"text":"'),
        Buffer.from([0xff]),
        Buffer.from('"}]}'),
      ]),
    });
    assert.equal(json.statusCode, 400, json.body);
    assert.match(json.json<{ message: string }>().message, /not valid UTF-8/);
  });

  test('a bad message gets its own error; the rest are scanned; scanning needs a key', async () => {
    const results = await scan([{ text: 'x'.repeat(20_001) }, { text: 'hello' }]);
    assert.equal(results[0]?.error?.code, 'TOCSIN_ERR_INVALID_VALUE');
    assert.equal(results[1]?.verdict, 'clean');
    assert.equal(
      (await t.call('POST', '/api/v1/scan', { key: null, body: { messages: [{ text: 'hi' }] } })).statusCode,
      401,
    );
  });
});
