/**
 * `GET /api/v1/export/stix` and `POST /api/v1/import/stix|misp` over HTTP (inject) on every store: members
 * only, the STIX media type, TLP applied to what is exported, the import summary.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { allStoreFactories } from '../support/stores.js';
import { testApp, type TestApp } from '../support/app.js';
import { SHARED_DATA, absent } from '../support/stix-schemas.js';

const EXAMPLE = join(SHARED_DATA, 'stix', 'oasis-examples', 'indicators-for-C2-with-COA.json');
const REGIN = join(SHARED_DATA, 'misp', 'regin-event.json');

interface Bundle {
  type: string;
  objects?: { type: string; id: string; pattern?: string }[];
}

for (const factory of await allStoreFactories()) {
  describe(
    `STIX export and import over HTTP on ${factory.name}`,
    { skip: factory.skip || absent(SHARED_DATA) },
    () => {
      let t: TestApp;
      let memberB: string;
      before(async () => {
        t = await testApp(factory);
        const org = async (name: string) =>
          (
            await t.call('POST', '/api/v1/orgs', {
              body: { name, country: 'VN', sector: 'finance', kind: 'bank' },
            })
          ).json<{ id: string }>().id;
        const key = async (orgId: string, email: string) => {
          const u = (
            await t.call('POST', '/api/v1/users', { body: { orgId, email, name: email, role: 'member' } })
          ).json<{ id: string }>();
          return (await t.call('POST', '/api/v1/keys', { body: { userId: u.id, name: 'k' } })).json<{
            key: string;
          }>().key;
        };
        const a = await org('Bank A');
        const b = await org('Bank B');
        const memberA = await key(a, 'm@a.test');
        memberB = await key(b, 'm@b.test');
        const file = (value: string, tlp: string) =>
          t.call('POST', '/api/v1/indicators', {
            key: memberA,
            body: { value, categories: ['phishing'], tlp },
          });
        assert.equal((await file('green-one.example', 'green')).statusCode, 201);
        assert.equal((await file('amber-one.example', 'amber')).statusCode, 201);
      });
      after(async () => {
        await t.close();
        await factory.cleanup();
      });

      test('anonymous: 401', async () => {
        const r = await t.call('GET', '/api/v1/export/stix', { key: null });
        assert.equal(r.statusCode, 401);
      });

      test("a member gets a STIX bundle of what it may see: another bank's GREEN, not its AMBER", async () => {
        const r = await t.call('GET', '/api/v1/export/stix?kind=domain', { key: memberB });
        assert.equal(r.statusCode, 200);
        assert.equal(r.headers['content-type'], 'application/stix+json;version=2.1');
        const b = r.json<Bundle>();
        assert.equal(b.type, 'bundle');
        const patterns = (b.objects ?? []).filter((o) => o.type === 'indicator').map((o) => o.pattern);
        assert.deepEqual(patterns, ["[domain-name:value = 'green-one.example']"]);
        const admin = t.call('GET', '/api/v1/export/stix?kind=domain&status=all');
        const all = (await admin).json<Bundle>().objects ?? [];
        assert.equal(all.filter((o) => o.type === 'indicator').length, 2);
      });

      test('a bad filter is a 400; a collection the member may not know is a 404', async () => {
        assert.equal(
          (await t.call('GET', '/api/v1/export/stix?kind=nope', { key: memberB })).statusCode,
          400,
        );
        const r = await t.call('GET', '/api/v1/export/stix?collection=secret', { key: memberB });
        assert.equal(r.statusCode, 404);
        assert.equal(r.json<{ code: string }>().code, 'TOCSIN_ERR_NOT_FOUND');
      });

      test('POST /api/v1/import/stix streams a bundle in; again: duplicates; a malformed one is a coded 400', async () => {
        const body = readFileSync(EXAMPLE);
        const post = (payload: Buffer) =>
          t.app.inject({
            method: 'POST',
            url: '/api/v1/import/stix?collection=shared',
            headers: { authorization: `Bearer ${memberB}`, 'content-type': 'application/json' },
            payload,
          });
        const first = await post(body);
        assert.equal(first.statusCode, 200, first.body);
        const s = first.json<{ objects: number; added: number; duplicates: number }>();
        assert.ok(s.objects > 0 && s.added === s.objects);
        const again = (await post(body)).json<{ objects: number; duplicates: number }>();
        assert.equal(again.duplicates, again.objects);
        const bad = await post(body.subarray(0, body.length - 10));
        assert.equal(bad.statusCode, 400);
        assert.equal(bad.json<{ code: string }>().code, 'TOCSIN_ERR_STIX_BUNDLE_MALFORMED');
      });

      test('POST /api/v1/import/misp takes one event', async () => {
        const r = await t.call('POST', '/api/v1/import/misp', {
          key: memberB,
          body: JSON.parse(readFileSync(REGIN, 'utf8')) as object,
        });
        assert.equal(r.statusCode, 200, r.body);
        const s = r.json<{ events: number; added: number; skipped: unknown[] }>();
        assert.equal(s.events, 1);
        assert.ok(s.added > 10);
      });
    },
  );
}
