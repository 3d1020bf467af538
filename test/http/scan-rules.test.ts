/**
 * Content rules over HTTP: written by the operating centre's analysts as versions, audited, tried on samples
 * before they go live, hidden by TLP; and the scanner's daily counts.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ScanRuleService } from '../../src/services/scan-rules-service.js';
import { systemClock } from '../../src/services/clock.js';
import { allStoreFactories } from '../support/stores.js';
import { testApp, type TestApp } from '../support/app.js';

interface Hit {
  ruleId: string;
  spans: { text: string }[];
}
interface Result {
  verdict?: string;
  rules?: Hit[];
}

const GIFT_RULE = {
  name: 'Gift activation code with a link',
  category: 'scam-sms',
  weight: 60,
  tlp: 'green',
  description: 'asks to activate a gift code through a link',
  when: { all: [{ phrases: ['mã kích hoạt quà tặng'] }, { has: 'link' }] },
};
const GIFT_MESSAGE = 'Ban nhan duoc MA KICH HOAT QUA TANG 500k, nhap tai qua-tang-vip.top/nhan ngay';
const POLICE_MESSAGE =
  'Cong an thong bao: ban lien quan vu an rua tien, chuyen khoan ngay de xac minh tai https://bocongan-gov.top/xacminh';

for (const factory of await allStoreFactories()) {
  describe(`content rules and scan counts on ${factory.name}`, { skip: factory.skip }, () => {
    let t: TestApp;
    const keys: Record<string, string> = {};
    const orgs: Record<string, string> = {};
    before(async () => {
      t = await testApp(factory);
      const orgId = async (name: string) =>
        (
          await t.call('POST', '/api/v1/orgs', {
            body: { name, country: 'VN', sector: 'telecom', kind: 'telco' },
          })
        ).json<{ id: string }>().id;
      orgs['Telco T'] = await orgId('Telco T');
      orgs['Telco U'] = await orgId('Telco U');
      const users: [string, string, string][] = [
        ['Telco T', 'analyst', 'analyst@t.test'],
        ['Telco U', 'analyst', 'analyst@u.test'],
        ['centre', 'analyst', 'analyst@ncsc.test'],
        ['centre', 'reader', 'reader@ncsc.test'],
      ];
      for (const [org, role, email] of users) {
        const u = (
          await t.call('POST', '/api/v1/users', {
            body: { orgId: org === 'centre' ? t.operatorOrgId : orgs[org], email, name: role, role },
          })
        ).json<{ id: string }>();
        keys[`${org}/${role}`] = (
          await t.call('POST', '/api/v1/keys', { body: { userId: u.id, name: 'k' } })
        ).json<{ key: string }>().key;
      }
    });
    after(async () => {
      await t?.close();
      await factory.cleanup();
    });

    const scan = async (text: string, key = keys['Telco T/analyst']!) => {
      const r = await t.call('POST', '/api/v1/scan', { key, body: { messages: [{ text }] } });
      assert.equal(r.statusCode, 200, r.body);
      return r.json<{ results: Result[] }>().results[0]!;
    };
    const fired = (r: Result) => (r.rules ?? []).map((h) => h.ruleId);

    test('the starter rules are listed; only the centre’s analysts and admins may write rules', async () => {
      const list = await t.call('GET', '/api/v1/scan/rules', { key: keys['Telco T/analyst'] });
      assert.equal(list.statusCode, 200, list.body);
      const rules = list.json<{ rules: { id: string; source: string; version: number }[] }>().rules;
      assert.ok(rules.length >= 10);
      assert.ok(rules.every((r) => r.source === 'starter' && r.version === 1));
      for (const key of [keys['Telco T/analyst'], keys['centre/reader']]) {
        const r = await t.call('PUT', '/api/v1/scan/rules/gift-code', { key, body: GIFT_RULE });
        assert.equal(r.statusCode, 403, r.body);
        assert.equal(r.json<{ code: string }>().code, 'TOCSIN_ERR_FORBIDDEN');
      }
      assert.equal((await t.call('GET', '/api/v1/scan/rules/gift-code')).statusCode, 404);
      assert.deepEqual(fired(await scan(GIFT_MESSAGE)), []);
    });

    test('a new rule goes live at once, shows its words, and is audited', async () => {
      const r = await t.call('PUT', '/api/v1/scan/rules/gift-code', {
        key: keys['centre/analyst'],
        body: GIFT_RULE,
      });
      assert.equal(r.statusCode, 200, r.body);
      const rule = r.json<{ id: string; version: number; source: string; updatedBy: string | null }>();
      assert.deepEqual([rule.id, rule.version, rule.source], ['gift-code', 1, 'custom']);
      assert.ok(rule.updatedBy);

      const hit = await scan(GIFT_MESSAGE);
      assert.equal(hit.verdict, 'suspicious');
      const gift = hit.rules?.find((h) => h.ruleId === 'gift-code');
      assert.deepEqual(
        gift?.spans.map((s) => s.text),
        ['MA KICH HOAT QUA TANG'],
      );

      const audit = await t.call('GET', '/api/v1/audit?limit=100');
      const entries = audit.json<{ items: { action: string; objectId: string }[] }>().items;
      assert.ok(entries.some((e) => e.action === 'scan-rule.create' && e.objectId === 'gift-code'));
    });

    test('a rule that does not compile is refused with every problem and its path; nothing is written', async () => {
      const r = await t.call('PUT', '/api/v1/scan/rules/bad-rule', {
        key: keys['centre/analyst'],
        body: {
          ...GIFT_RULE,
          when: { all: [{ regex: '(a+)+$' }, { ref: 'no-such-set' }, { has: 'fax' }] },
        },
      });
      assert.equal(r.statusCode, 422, r.body);
      const body = r.json<{ code: string; details: { path: string }[] }>();
      assert.equal(body.code, 'TOCSIN_ERR_INVALID_RULE');
      assert.deepEqual(
        body.details.map((d) => d.path),
        [
          'rules[0](bad-rule).when.all[0].regex',
          'rules[0](bad-rule).when.all[1].ref',
          'rules[0](bad-rule).when.all[2].has',
        ],
      );
      assert.equal((await t.call('GET', '/api/v1/scan/rules/bad-rule')).statusCode, 404);
      const missing = await t.call('PUT', '/api/v1/scan/rules/bad-rule', {
        key: keys['centre/analyst'],
        body: { name: 'x', category: 'scam-sms', weight: 50 },
      });
      assert.equal(missing.statusCode, 400, missing.body);
    });

    test('edits are versions: a stale base version is a conflict; a delete leaves a tombstone', async () => {
      const key = keys['centre/analyst'];
      const v2 = await t.call('PUT', '/api/v1/scan/rules/gift-code', {
        key,
        body: { ...GIFT_RULE, weight: 75, baseVersion: 1 },
      });
      assert.equal(v2.statusCode, 200, v2.body);
      assert.equal(v2.json<{ version: number }>().version, 2);
      const stale = await t.call('PUT', '/api/v1/scan/rules/gift-code', {
        key,
        body: { ...GIFT_RULE, weight: 10, baseVersion: 1 },
      });
      assert.equal(stale.statusCode, 409, stale.body);
      assert.equal(stale.json<{ code: string }>().code, 'TOCSIN_ERR_RULE_VERSION_CONFLICT');
      assert.equal(
        (await t.call('GET', '/api/v1/scan/rules/gift-code')).json<{ weight: number }>().weight,
        75,
      );

      const del = await t.call('DELETE', '/api/v1/scan/rules/gift-code?baseVersion=2', { key });
      assert.equal(del.statusCode, 204, del.body);
      assert.equal((await t.call('GET', '/api/v1/scan/rules/gift-code')).statusCode, 404);
      assert.deepEqual(fired(await scan(GIFT_MESSAGE)), []);
      const versions = await t.call('GET', '/api/v1/scan/rules/gift-code/versions');
      assert.equal(versions.statusCode, 200, versions.body);
      assert.deepEqual(
        versions
          .json<{ versions: { version: number; deleted: boolean; rule?: { weight: number } }[] }>()
          .versions.map((v) => [v.version, v.deleted, v.rule?.weight]),
        [
          [1, false, 60],
          [2, false, 75],
          [3, true, undefined],
        ],
      );
      const actions = (await t.call('GET', '/api/v1/audit?limit=100'))
        .json<{ items: { action: string; objectId: string }[] }>()
        .items.filter((e) => e.objectId === 'gift-code')
        .map((e) => e.action);
      assert.deepEqual(actions.sort(), ['scan-rule.create', 'scan-rule.delete', 'scan-rule.update']);
    });

    test('a starter rule can be switched off, and back on', async () => {
      const key = keys['centre/analyst'];
      assert.ok(fired(await scan(POLICE_MESSAGE)).includes('police-impersonation'));
      const starter = (await t.call('GET', '/api/v1/scan/rules/police-impersonation')).json<
        typeof GIFT_RULE & { version: number; source: string }
      >();
      assert.equal(starter.source, 'starter');
      const { version: _v, source: _s, ...body } = starter as unknown as Record<string, unknown>;
      for (const k of ['id', 'ownerOrgId', 'updatedAt', 'updatedBy']) delete body[k];
      const off = await t.call('PUT', '/api/v1/scan/rules/police-impersonation', {
        key,
        body: { ...body, enabled: false, baseVersion: 1 },
      });
      assert.equal(off.statusCode, 200, off.body);
      assert.deepEqual(
        [off.json<{ version: number }>().version, off.json<{ enabled: boolean }>().enabled],
        [2, false],
      );
      assert.ok(!fired(await scan(POLICE_MESSAGE)).includes('police-impersonation'));
      const on = await t.call('PUT', '/api/v1/scan/rules/police-impersonation', {
        key,
        body: { ...body, enabled: true, baseVersion: 2 },
      });
      assert.equal(on.statusCode, 200, on.body);
      assert.ok(fired(await scan(POLICE_MESSAGE)).includes('police-impersonation'));
    });

    test('TLP: an AMBER+STRICT rule fires only for the centre, and is invisible to members', async () => {
      const r = await t.call('PUT', '/api/v1/scan/rules/strict-gift', {
        key: keys['centre/analyst'],
        body: { ...GIFT_RULE, tlp: 'amber+strict' },
      });
      assert.equal(r.statusCode, 200, r.body);
      assert.deepEqual(fired(await scan(GIFT_MESSAGE)), []);
      assert.equal((await scan(GIFT_MESSAGE)).verdict, 'unknown');
      assert.deepEqual(fired(await scan(GIFT_MESSAGE, keys['centre/reader'])), ['strict-gift']);
      const member = keys['Telco T/analyst'];
      assert.equal((await t.call('GET', '/api/v1/scan/rules/strict-gift', { key: member })).statusCode, 404);
      const list = (await t.call('GET', '/api/v1/scan/rules', { key: member })).json<{
        rules: { id: string }[];
      }>();
      assert.ok(!list.rules.some((x) => x.id === 'strict-gift'));
      const versions = await t.call('GET', '/api/v1/scan/rules/strict-gift/versions', { key: member });
      assert.equal(versions.statusCode, 404);
      const del = await t.call('DELETE', '/api/v1/scan/rules/strict-gift', { key: keys['centre/analyst'] });
      assert.equal(del.statusCode, 204);
    });

    test('rules are tried on samples before they go live: nothing is written, bad candidates are named', async () => {
      const key = keys['centre/analyst'];
      const r = await t.call('POST', '/api/v1/scan/rules/test', {
        key,
        body: {
          rules: [{ id: 'trial-gift', ...GIFT_RULE }],
          messages: [
            { id: 'a', text: GIFT_MESSAGE },
            { id: 'b', text: 'Hen gap o quan ca phe nhe' },
          ],
        },
      });
      assert.equal(r.statusCode, 200, r.body);
      const body = r.json<{ candidates: string[]; results: (Result & { id: string })[] }>();
      assert.deepEqual(body.candidates, ['trial-gift']);
      assert.deepEqual(
        body.results.map((x) => [x.id, fired(x)]),
        [
          ['a', ['trial-gift']],
          ['b', []],
        ],
      );
      assert.equal((await t.call('GET', '/api/v1/scan/rules/trial-gift')).statusCode, 404);
      assert.deepEqual(fired(await scan(GIFT_MESSAGE)), []);

      const bad = await t.call('POST', '/api/v1/scan/rules/test', {
        key,
        body: {
          rules: [
            { id: 'fine', ...GIFT_RULE },
            { id: 'broken', ...GIFT_RULE, when: { regex: '(x|x)*y' } },
          ],
          messages: [{ text: GIFT_MESSAGE }],
        },
      });
      assert.equal(bad.statusCode, 422, bad.body);
      assert.deepEqual(
        bad.json<{ details: { path: string }[] }>().details.map((d) => d.path),
        ['rules[1](broken).when.regex'],
      );
      const many = await t.call('POST', '/api/v1/scan/rules/test', {
        key,
        body: { messages: Array.from({ length: 1001 }, () => ({ text: 'x' })) },
      });
      assert.equal(many.statusCode, 413, many.body);
    });

    test('another node sees a rule change when it follows the store', async () => {
      const other = new ScanRuleService({ store: t.store, clock: systemClock });
      await other.load();
      assert.equal(other.live.views.has('node-rule'), false);
      const r = await t.call('PUT', '/api/v1/scan/rules/node-rule', {
        key: keys['centre/analyst'],
        body: GIFT_RULE,
      });
      assert.equal(r.statusCode, 200, r.body);
      await other.refresh();
      assert.equal(other.live.views.get('node-rule')?.version, 1);
      await t.call('DELETE', '/api/v1/scan/rules/node-rule', { key: keys['centre/analyst'] });
      await other.refresh();
      assert.equal(other.live.views.has('node-rule'), false);
    });

    test('scan counts by day: members see their own, the centre sees all; /metrics counts too', async () => {
      const day = new Date().toISOString().slice(0, 10);
      const stats = async (key: string | undefined, query = '') => {
        const r = await t.call('GET', `/api/v1/scan/stats?from=${day}&to=${day}${query}`, { key });
        assert.equal(r.statusCode, 200, r.body);
        return r.json<{
          days: { messages: number; flagged: number; categories: Record<string, number> }[];
        }>().days[0];
      };
      const beforeT = (await stats(keys['Telco T/analyst']))?.messages ?? 0;
      const beforeU = (await stats(keys['Telco U/analyst']))?.messages ?? 0;
      const r = await t.call('POST', '/api/v1/scan', {
        key: keys['Telco U/analyst'],
        body: {
          messages: [
            { text: POLICE_MESSAGE },
            { text: 'Toi nay an com nha nhe' },
            { text: 'x'.repeat(20_001) },
          ],
        },
      });
      assert.equal(r.statusCode, 200, r.body);
      const u = await stats(keys['Telco U/analyst']);
      assert.equal(u?.messages, beforeU + 2, 'the message answered with an error is not counted');
      assert.ok((u?.flagged ?? 0) >= 1);
      assert.ok((u?.categories['impersonation'] ?? 0) >= 1);
      assert.equal((await stats(keys['Telco T/analyst']))?.messages ?? 0, beforeT);
      const forbidden = await t.call(
        'GET',
        `/api/v1/scan/stats?from=${day}&to=${day}&orgId=${orgs['Telco U']}`,
        { key: keys['Telco T/analyst'] },
      );
      assert.equal(forbidden.statusCode, 403);
      const all = await stats(undefined);
      assert.ok((all?.messages ?? 0) >= beforeT + beforeU + 2);
      assert.equal((await stats(undefined, `&orgId=${orgs['Telco U']}`))?.messages, u?.messages);
      const metrics = await t.call('GET', '/metrics', { key: null });
      assert.match(
        metrics.body,
        /tocsin_scan_messages_total\{verdict="malicious"\} \d+|tocsin_scan_messages_total\{verdict="suspicious"\} \d+/,
      );
      assert.match(metrics.body, /tocsin_scan_flagged_total\{category="impersonation"\} [1-9]/);
      const bad = await t.call('GET', `/api/v1/scan/stats?from=${day}&to=2020-01-01`);
      assert.equal(bad.statusCode, 400);
    });
  });
}
