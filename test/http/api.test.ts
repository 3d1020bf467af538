/** The HTTP API end to end, in-process through inject(), on every store. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { allStoreFactories } from '../support/stores.js';
import { testApp, type TestApp } from '../support/app.js';

const bankA = { name: 'Bank A', country: 'VN', sector: 'finance', kind: 'bank' };

for (const factory of await allStoreFactories()) {
  describe(`HTTP API on ${factory.name}`, { skip: factory.skip }, () => {
    let t: TestApp;
    before(async () => {
      t = await testApp(factory);
    });
    after(async () => {
      await t?.close();
      await factory.cleanup();
    });

    /** Creates an org with an admin and a member, each with a key. */
    async function member(orgName: string) {
      const org = (await t.call('POST', '/api/v1/orgs', { body: { ...bankA, name: orgName } })).json<{
        id: string;
      }>();
      const mk = async (email: string, role: string) => {
        const u = (
          await t.call('POST', '/api/v1/users', { body: { orgId: org.id, email, name: email, role } })
        ).json<{ id: string }>();
        const k = (await t.call('POST', '/api/v1/keys', { body: { userId: u.id, name: 'test' } })).json<{
          key: string;
          id: string;
        }>();
        return { userId: u.id, key: k.key, keyId: k.id };
      };
      return {
        orgId: org.id,
        admin: await mk(`admin@${orgName.replace(/\W/g, '')}.test`, 'admin'),
        member: await mk(`m@${orgName.replace(/\W/g, '')}.test`, 'member'),
      };
    }

    test('health and readiness answer anonymously', async () => {
      assert.deepEqual((await t.call('GET', '/healthz', { key: null })).json(), { status: 'ok' });
      assert.deepEqual((await t.call('GET', '/readyz', { key: null })).json(), { status: 'ready' });
    });

    test('no key: 401 with a WWW-Authenticate challenge', async () => {
      const r = await t.call('GET', '/api/v1/orgs', { key: null });
      assert.equal(r.statusCode, 401);
      assert.equal(r.json<{ code: string }>().code, 'TOCSIN_ERR_UNAUTHENTICATED');
      assert.match(String(r.headers['www-authenticate']), /Basic/);
    });

    test('an unknown key, a malformed header and a foreign scheme are refused alike', async () => {
      for (const authorization of ['Bearer tsn_0123456789abcdef_' + 'A'.repeat(43), 'Bearer nonsense']) {
        const r = await t.call('GET', '/api/v1/orgs', { key: null, headers: { authorization } });
        assert.equal(r.statusCode, 401);
        assert.deepEqual(r.json(), {
          statusCode: 401,
          code: 'TOCSIN_ERR_INVALID_CREDENTIALS',
          error: 'Unauthorized',
          message: 'The API key is unknown or revoked',
        });
      }
      const r = await t.call('GET', '/api/v1/orgs', { key: null, headers: { authorization: 'Digest abc' } });
      assert.equal(r.json<{ code: string }>().code, 'TOCSIN_ERR_UNAUTHENTICATED');
    });

    test('HTTP Basic carries the key as password, as TAXII clients send it', async () => {
      const basic = 'Basic ' + Buffer.from(`anyone:${t.adminKey}`).toString('base64');
      const r = await t.call('GET', '/api/v1/users/me', { key: null, headers: { authorization: basic } });
      assert.equal(r.statusCode, 200);
      assert.equal(r.json<{ user: { email: string } }>().user.email, 'admin@ncsc.test');
    });

    test('organizations: create, read, list, update; duplicates in any case are refused', async () => {
      const r = await t.call('POST', '/api/v1/orgs', { body: bankA });
      assert.equal(r.statusCode, 201);
      const org = r.json<{ id: string; name: string; isOperator: boolean }>();
      assert.equal(org.isOperator, false);
      assert.deepEqual((await t.call('GET', `/api/v1/orgs/${org.id}`)).json(), org);
      const dup = await t.call('POST', '/api/v1/orgs', { body: { ...bankA, name: 'BANK A' } });
      assert.equal(dup.statusCode, 409);
      assert.equal(dup.json<{ code: string }>().code, 'TOCSIN_ERR_DUPLICATE_ORG');
      const listed = (await t.call('GET', '/api/v1/orgs?limit=1&offset=0')).json<{
        items: unknown[];
        total: number;
        limit: number;
      }>();
      assert.equal(listed.items.length, 1);
      assert.ok(listed.total >= 2);
      const patched = await t.call('PATCH', `/api/v1/orgs/${org.id}`, {
        body: { sector: 'telecom', kind: 'telco' },
      });
      assert.equal(patched.statusCode, 200);
      assert.equal(patched.json<{ kind: string }>().kind, 'telco');
      assert.equal(
        (await t.call('GET', `/api/v1/orgs/00000000-0000-4000-8000-000000000000`)).statusCode,
        404,
      );
    });

    test('a body that fails its schema names each field, and nothing is written', async () => {
      const orgs = (await t.call('GET', '/api/v1/orgs')).json<{ total: number }>().total;
      const head = await t.store.audit.head();
      const cases: [unknown, string][] = [
        [{ ...bankA, name: 'V1', extra: 1 }, '/body/extra'],
        [{ name: 'V2', country: 'VN', sector: 'finance' }, '/body/kind'],
        [{ ...bankA, name: 'V3', sector: 'banking' }, '/body/sector'],
        [{ ...bankA, name: 'V4', country: 'QQ' }, 'country'],
      ];
      for (const [body, path] of cases) {
        const r = await t.call('POST', '/api/v1/orgs', { body });
        assert.equal(r.statusCode, 400, JSON.stringify(body));
        const e = r.json<{ code: string; details: { path: string }[] }>();
        assert.equal(e.code, 'TOCSIN_ERR_VALIDATION');
        assert.ok(
          e.details.some((d) => d.path === path),
          JSON.stringify(e),
        );
      }
      assert.equal((await t.call('GET', '/api/v1/orgs')).json<{ total: number }>().total, orgs);
      assert.deepEqual(await t.store.audit.head(), head);
    });

    test('malformed JSON is 400, a foreign media type 415, an oversize body 413', async () => {
      const bad = await t.app.inject({
        method: 'POST',
        url: '/api/v1/orgs',
        headers: { authorization: `Bearer ${t.adminKey}`, 'content-type': 'application/json' },
        payload: '{"name":',
      });
      assert.equal(bad.statusCode, 400);
      assert.equal(bad.json<{ code: string }>().code, 'TOCSIN_ERR_BAD_REQUEST');
      const xml = await t.app.inject({
        method: 'POST',
        url: '/api/v1/orgs',
        headers: { authorization: `Bearer ${t.adminKey}`, 'content-type': 'application/xml' },
        payload: '<org/>',
      });
      assert.equal(xml.statusCode, 415);
      assert.equal(xml.json<{ code: string }>().code, 'TOCSIN_ERR_UNSUPPORTED_MEDIA_TYPE');
      const big = await t.app.inject({
        method: 'POST',
        url: '/api/v1/orgs',
        headers: { authorization: `Bearer ${t.adminKey}`, 'content-type': 'application/json' },
        payload: JSON.stringify({ ...bankA, name: 'x'.repeat(2 * 1024 * 1024) }),
      });
      assert.equal(big.statusCode, 413);
      assert.equal(big.json<{ code: string }>().code, 'TOCSIN_ERR_PAYLOAD_TOO_LARGE');
      for (const r of [bad, xml, big]) assert.ok(!r.body.includes('    at '), 'no stack trace');
    });

    test('an unknown route is a coded 404, with or without a key', async () => {
      for (const key of [undefined, null]) {
        const r = await t.call('GET', '/api/v1/nothing-here', { key });
        assert.equal(r.statusCode, 404);
        assert.equal(r.json<{ code: string }>().code, 'TOCSIN_ERR_ROUTE_NOT_FOUND');
      }
    });

    test('roles: members cannot create organizations; an org admin manages only its own users', async () => {
      const a = await member('Role Bank 1');
      const b = await member('Role Bank 2');
      const forbidden = await t.call('POST', '/api/v1/orgs', {
        key: a.admin.key,
        body: { ...bankA, name: 'Sneaky' },
      });
      assert.equal(forbidden.statusCode, 403);
      assert.equal(forbidden.json<{ code: string }>().code, 'TOCSIN_ERR_FORBIDDEN');
      const own = await t.call('POST', '/api/v1/users', {
        key: a.admin.key,
        body: { orgId: a.orgId, email: 'new@rb1.test', name: 'New', role: 'analyst' },
      });
      assert.equal(own.statusCode, 201);
      const other = await t.call('POST', '/api/v1/users', {
        key: a.admin.key,
        body: { orgId: b.orgId, email: 'new@rb2.test', name: 'New', role: 'admin' },
      });
      assert.equal(other.statusCode, 403);
      const byMember = await t.call('POST', '/api/v1/users', {
        key: a.member.key,
        body: { orgId: a.orgId, email: 'x@rb1.test', name: 'X', role: 'admin' },
      });
      assert.equal(byMember.statusCode, 403);
    });

    test('users: a member sees only itself; another organization\'s user is "not found", as a missing one', async () => {
      const a = await member('Vis Bank 1');
      const b = await member('Vis Bank 2');
      const list = (await t.call('GET', '/api/v1/users', { key: a.member.key })).json<{
        items: { id: string }[];
        total: number;
      }>();
      assert.deepEqual(
        list.items.map((u) => u.id),
        [a.member.userId],
      );
      assert.equal(list.total, 1);
      const adminList = (await t.call('GET', '/api/v1/users', { key: a.admin.key })).json<{
        items: { orgId: string }[];
      }>();
      assert.ok(adminList.items.length >= 2 && adminList.items.every((u) => u.orgId === a.orgId));
      const foreign = await t.call('GET', `/api/v1/users/${b.member.userId}`, { key: a.admin.key });
      const missing = await t.call('GET', `/api/v1/users/00000000-0000-4000-8000-000000000000`, {
        key: a.admin.key,
      });
      assert.equal(foreign.statusCode, 404);
      assert.equal(missing.statusCode, 404);
      assert.equal(foreign.json<{ code: string }>().code, missing.json<{ code: string }>().code);
      const dup = await t.call('POST', '/api/v1/users', {
        body: { orgId: a.orgId, email: 'M@VisBank1.test', name: 'again', role: 'reader' },
      });
      assert.equal(dup.statusCode, 409);
      assert.equal(dup.json<{ code: string }>().code, 'TOCSIN_ERR_DUPLICATE_USER');
    });

    test('API keys: shown once, listed without secret or hash, revoked keys stop working, revoking twice is 409', async () => {
      const a = await member('Key Bank');
      const created = await t.call('POST', '/api/v1/keys', { key: a.member.key, body: { name: 'laptop' } });
      assert.equal(created.statusCode, 201);
      const k = created.json<{ key: string; id: string; userId: string }>();
      assert.equal(k.userId, a.member.userId);
      assert.equal((await t.call('GET', '/api/v1/users/me', { key: k.key })).statusCode, 200);
      const listed = await t.call('GET', '/api/v1/keys', { key: a.member.key });
      assert.ok(!listed.body.includes(k.key.slice(21)), 'the secret never appears again');
      assert.ok(!listed.body.includes('"hash"'));
      assert.deepEqual(
        listed
          .json<{ items: { id: string }[] }>()
          .items.map((x) => x.id)
          .sort(),
        [a.member.keyId, k.id].sort(),
      );
      // Another member's key is invisible and cannot be revoked by a plain member.
      assert.equal(
        (await t.call('DELETE', `/api/v1/keys/${a.admin.keyId}`, { key: a.member.key })).statusCode,
        404,
      );
      const revoked = await t.call('DELETE', `/api/v1/keys/${k.id}`, { key: a.member.key });
      assert.equal(revoked.statusCode, 200);
      assert.ok(revoked.json<{ revokedAt: string | null }>().revokedAt !== null);
      const after = await t.call('GET', '/api/v1/users/me', { key: k.key });
      assert.equal(after.statusCode, 401);
      assert.equal(after.json<{ code: string }>().code, 'TOCSIN_ERR_INVALID_CREDENTIALS');
      const again = await t.call('DELETE', `/api/v1/keys/${k.id}`, { key: a.member.key });
      assert.equal(again.statusCode, 409);
      assert.equal(again.json<{ code: string }>().code, 'TOCSIN_ERR_KEY_REVOKED');
    });

    test('a key records when it was last used', async () => {
      const a = await member('Touch Bank');
      await t.call('GET', '/api/v1/users/me', { key: a.member.key });
      const rec = await t.store.keys.get(a.member.keyId);
      assert.ok(rec?.lastUsedAt !== null && rec?.lastUsedAt !== undefined);
    });

    test('every write is in the audit chain, with who did it, and the chain verifies', async () => {
      const a = await member('Audit Bank');
      const entries = (await t.call('GET', '/api/v1/audit?limit=1000')).json<{
        items: { action: string; objectId: string; actorOrgId: string | null }[];
      }>().items;
      const mine = entries.filter(
        (e) => e.objectId === a.orgId || e.action.startsWith('user.') || e.action.startsWith('key.'),
      );
      assert.ok(
        mine.some(
          (e) => e.action === 'org.create' && e.objectId === a.orgId && e.actorOrgId === t.operatorOrgId,
        ),
      );
      assert.ok(entries.some((e) => e.action === 'key.create'));
      assert.equal((await t.call('GET', '/api/v1/audit', { key: a.admin.key })).statusCode, 403);
      const v = (await t.call('GET', '/api/v1/audit/verify')).json<{ ok: boolean }>();
      assert.equal(v.ok, true);
    });

    test('indicators page by cursor: newest first, none repeated or lost while others are filed, TLP kept', async () => {
      const a = await member('Cursor Bank A');
      const b = await member('Cursor Bank B');
      const file = async (key: string, values: string[], tlp: string) => {
        const r = await t.call('POST', '/api/v1/indicators', {
          key,
          body: values.map((value) => ({ value, kind: 'domain', categories: ['phishing'], tlp })),
        });
        assert.ok(r.statusCode === 201, r.body);
      };
      // 25 A may see (CLEAR from B, AMBER+STRICT of its own), 10 of B's it may not.
      await file(
        b.member.key,
        Array.from({ length: 15 }, (_, i) => `cur-${i}.clear.example`),
        'clear',
      );
      await file(
        b.member.key,
        Array.from({ length: 10 }, (_, i) => `cur-${i}.strict-b.example`),
        'amber+strict',
      );
      await file(
        a.member.key,
        Array.from({ length: 10 }, (_, i) => `cur-${i}.strict-a.example`),
        'amber+strict',
      );
      type Page = { items: { value: string; id: string }[]; total: number; next?: string };
      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      for (;;) {
        const r = await t.call(
          'GET',
          `/api/v1/indicators?contains=cur-&limit=7${cursor === undefined ? '' : `&cursor=${cursor}`}`,
          { key: a.member.key },
        );
        assert.equal(r.statusCode, 200, r.body);
        const page = r.json<Page>();
        assert.equal(page.total, pages === 0 ? 25 : 25 + 3, 'total counts every match, on every page');
        seen.push(...page.items.map((i) => i.value));
        pages++;
        // Filed between pages: newer than every cursor, so never on a later page, and nothing shifts.
        if (pages === 1)
          await file(
            b.member.key,
            ['cur-new-1.clear.example', 'cur-new-2.clear.example', 'cur-new-3.clear.example'],
            'clear',
          );
        if (page.next === undefined) break;
        cursor = page.next;
        assert.ok(pages < 10);
      }
      assert.equal(pages, 4, '7 + 7 + 7 + 4');
      assert.equal(new Set(seen).size, seen.length, 'no indicator twice');
      assert.equal(seen.length, 25);
      assert.ok(seen.every((v) => !v.includes('strict-b') && !v.startsWith('cur-new')));
      // Newest first: A's own were filed last.
      assert.ok(seen.slice(0, 10).every((v) => v.includes('strict-a')));

      // A cursor is A's, for this filter: B cannot walk with it, nor A with another filter; the same filter
      // given in another order is the same filter.
      const again = await t.call('GET', `/api/v1/indicators?limit=100&cursor=${cursor}&contains=cur-`, {
        key: a.member.key,
      });
      assert.equal(again.statusCode, 200, again.body);
      for (const [key, q] of [
        [b.member.key, `contains=cur-&limit=100&cursor=${cursor}`],
        [a.member.key, `contains=cur-1&limit=100&cursor=${cursor}`],
        [a.member.key, 'cursor=nope'],
        [a.member.key, `cursor=${cursor!.slice(0, -2)}xx`],
        [a.member.key, `cursor=${cursor}&offset=5`],
        [a.member.key, 'cursor=a%20b'],
      ] as const) {
        const bad = await t.call('GET', `/api/v1/indicators?${q}`, { key });
        assert.equal(bad.statusCode, 400, q);
        assert.ok(
          ['TOCSIN_ERR_BAD_REQUEST', 'TOCSIN_ERR_VALIDATION', 'TOCSIN_ERR_INVALID_PAGE_TOKEN'].includes(
            bad.json<{ code: string }>().code,
          ),
          bad.body,
        );
        assert.ok(!bad.body.includes('strict-'), 'an error names no indicator');
      }
    });

    test('metrics count requests by route pattern, not by URL', async () => {
      await t.call('GET', '/api/v1/orgs/00000000-0000-4000-8000-000000000001');
      const text = (await t.call('GET', '/metrics', { key: null })).body;
      assert.match(
        text,
        /tocsin_http_requests_total\{method="GET",route="\/api\/v1\/orgs\/:id",status_code="404"\} \d+/,
      );
      assert.match(
        text,
        /tocsin_http_request_duration_seconds_bucket\{le="0.005",method="GET",route="\/api\/v1\/orgs"\}/,
      );
      assert.ok(!text.includes('00000000-0000-4000-8000-000000000001'));
    });

    test('the OpenAPI document covers every API route and the docs page is public', async () => {
      const doc = (await t.call('GET', '/api/openapi.json', { key: null })).json<{
        openapi: string;
        paths: Record<string, Record<string, unknown>>;
        components: { schemas: Record<string, unknown> };
      }>();
      assert.match(doc.openapi, /^3\./);
      const routes = t.app.printRoutes({ commonPrefix: false });
      for (const p of [
        '/api/v1/orgs',
        '/api/v1/orgs/{id}',
        '/api/v1/users',
        '/api/v1/users/me',
        '/api/v1/users/{id}',
        '/api/v1/keys',
        '/api/v1/keys/{id}',
        '/api/v1/audit',
        '/api/v1/audit/verify',
        '/healthz',
        '/readyz',
      ]) {
        assert.ok(doc.paths[p] !== undefined, `${p} documented`);
      }
      assert.ok(routes.includes('orgs'));
      assert.ok(['Organization', 'User', 'ApiKey', 'Error'].every((s) => s in doc.components.schemas));
      const page = await t.call('GET', '/api/docs', { key: null });
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /swagger/i);
    });
  });
}
