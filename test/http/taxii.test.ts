/**
 * The TAXII 2.1 server end to end, MUST by MUST, over real HTTP (inject) on every store, with several
 * organizations and TLP levels.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { TLP2_MARKING_IDS } from '../../src/core/stix/tlp-markings.js';
import type { Tlp } from '../../src/core/sharing/tlp.js';
import { allStoreFactories } from '../support/stores.js';
import { testApp, type TestApp } from '../support/app.js';

const TAXII = 'application/taxii+json;version=2.1';
const ROOT = '/taxii2/api';
const T = '2026-11-20T10:00:00.000Z';

interface Org {
  orgId: string;
  admin: string;
  member: string;
  reader: string;
}

export function indicator(o: {
  id?: string;
  modified?: string;
  value?: string;
  pattern?: string;
  tlp?: Tlp;
  labels?: string[];
  revoked?: boolean;
}): Record<string, unknown> {
  return {
    type: 'indicator',
    spec_version: '2.1',
    id: o.id ?? `indicator--${randomUUID()}`,
    created: T,
    modified: o.modified ?? T,
    name: 'Phishing domain',
    pattern: o.pattern ?? `[domain-name:value = '${o.value ?? `${randomUUID().slice(0, 8)}.evil.example`}']`,
    pattern_type: 'stix',
    valid_from: T,
    indicator_types: ['malicious-activity'],
    labels: o.labels ?? ['phishing'],
    ...(o.tlp === undefined ? {} : { object_marking_refs: [TLP2_MARKING_IDS[o.tlp]] }),
    ...(o.revoked === undefined ? {} : { revoked: o.revoked }),
  };
}

const basic = (key: string) => 'Basic ' + Buffer.from(`taxii:${key}`).toString('base64');

for (const factory of await allStoreFactories()) {
  describe(`TAXII 2.1 on ${factory.name}`, { skip: factory.skip }, () => {
    let t: TestApp;
    let A: Org;
    let B: Org;
    let C: Org;
    /** Read and write: every member; unmarked objects GREEN. */
    let open: string;
    /** Read: A only; write: A only. */
    let aOnly: string;
    /** Read: the operating centre; write: B (a drop box). */
    let dropBox: string;

    async function org(name: string): Promise<Org> {
      const o = (
        await t.call('POST', '/api/v1/orgs', {
          body: { name, country: 'VN', sector: 'finance', kind: 'bank' },
        })
      ).json<{ id: string }>();
      const mk = async (role: string) => {
        const email = `${role}@${name.replace(/\W/g, '').toLowerCase()}.test`;
        const u = (
          await t.call('POST', '/api/v1/users', { body: { orgId: o.id, email, name: email, role } })
        ).json<{
          id: string;
        }>();
        return (await t.call('POST', '/api/v1/keys', { body: { userId: u.id, name: 'taxii' } })).json<{
          key: string;
        }>().key;
      };
      return {
        orgId: o.id,
        admin: await mk('admin'),
        member: await mk('member'),
        reader: await mk('reader'),
      };
    }

    async function collection(body: Record<string, unknown>): Promise<string> {
      const r = await t.call('POST', '/api/v1/taxii/collections', { body });
      assert.equal(r.statusCode, 201, r.body);
      return r.json<{ id: string }>().id;
    }

    function taxii(
      method: string,
      url: string,
      opts: { key?: string | null; body?: unknown; headers?: Record<string, string> } = {},
    ): Promise<LightMyRequestResponse> {
      const key = opts.key === undefined ? t.adminKey : opts.key;
      return t.app.inject({
        method: method as 'GET',
        url,
        headers: {
          accept: TAXII,
          ...(key === null ? {} : { authorization: basic(key) }),
          ...(opts.body === undefined ? {} : { 'content-type': TAXII }),
          ...opts.headers,
        },
        ...(opts.body === undefined
          ? {}
          : { payload: typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body) }),
      });
    }

    const post = (col: string, objects: unknown[], key: string) =>
      taxii('POST', `${ROOT}/collections/${col}/objects/`, { key, body: { objects } });

    interface Status {
      id: string;
      status: string;
      total_count: number;
      success_count: number;
      failure_count: number;
      pending_count: number;
      successes?: { id: string; version: string; message?: string }[];
      failures?: { id: string; version: string; message?: string }[];
    }
    interface Envelope {
      more?: boolean;
      next?: string;
      objects?: { id: string; modified?: string }[];
    }

    function assertTaxiiError(r: LightMyRequestResponse, status: number, code: string) {
      assert.equal(r.statusCode, status, r.body);
      assert.equal(r.headers['content-type'], TAXII);
      const e = r.json<Record<string, unknown>>();
      assert.equal(typeof e['title'], 'string');
      assert.equal(e['http_status'], String(status));
      assert.equal(e['error_code'], code);
      assert.equal(typeof e['error_id'], 'string');
      assert.equal(typeof e['description'], 'string');
      return e;
    }

    before(async () => {
      t = await testApp(factory);
      A = await org('Taxii Bank A');
      B = await org('Taxii Bank B');
      C = await org('Taxii Telco C');
      open = await collection({ title: 'Open', read: 'members', write: 'members', defaultTlp: 'green' });
      aOnly = await collection({ title: 'A only', alias: 'a-only', read: [A.orgId], write: [A.orgId] });
      dropBox = await collection({ title: 'Drop box', read: 'operator', write: [B.orgId] });
    });
    after(async () => {
      await t?.close();
      await factory.cleanup();
    });

    test('discovery (4.1): title, default and api_roots as absolute URLs, TAXII media type', async () => {
      const r = await taxii('GET', '/taxii2/', { key: A.reader });
      assert.equal(r.statusCode, 200);
      assert.equal(r.headers['content-type'], TAXII);
      const d = r.json<{ title: string; default: string; api_roots: string[] }>();
      assert.ok(d.title.length > 0);
      assert.match(d.default, /^https?:\/\/[^/]+\/taxii2\/api\/$/);
      assert.deepEqual(d.api_roots, [d.default]);
    });

    test('API root (4.2): versions and max_content_length', async () => {
      const r = await taxii('GET', `${ROOT}/`, { key: A.reader });
      assert.equal(r.statusCode, 200);
      const root = r.json<{ title: string; versions: string[]; max_content_length: number }>();
      assert.deepEqual(root.versions, [TAXII]);
      assert.equal(root.max_content_length, 1024 * 1024);
    });

    test('401 without credentials, with WWW-Authenticate: Basic and the TAXII error body; a bad key alike', async () => {
      for (const url of [
        '/taxii2/',
        `${ROOT}/`,
        `${ROOT}/collections/`,
        `${ROOT}/collections/${open}/objects/`,
      ]) {
        const r = await taxii('GET', url, { key: null });
        assertTaxiiError(r, 401, 'TOCSIN_ERR_UNAUTHENTICATED');
        assert.match(String(r.headers['www-authenticate']), /^Basic/);
      }
      const bad = await taxii('GET', '/taxii2/', { key: 'tsn_0123456789abcdef_' + 'A'.repeat(43) });
      assertTaxiiError(bad, 401, 'TOCSIN_ERR_INVALID_CREDENTIALS');
      assert.match(String(bad.headers['www-authenticate']), /^Basic/);
    });

    test('406 when the Accept header allows no TAXII 2.1 response; TAXII without version, */* and none are fine', async () => {
      for (const accept of [
        'application/json',
        'application/taxii+json;version=2.0',
        'text/html',
        'application/taxii+json;q=0',
      ])
        assertTaxiiError(
          await taxii('GET', '/taxii2/', { headers: { accept } }),
          406,
          'TOCSIN_ERR_NOT_ACCEPTABLE',
        );
      for (const accept of [
        'application/taxii+json',
        '*/*',
        'application/*',
        'text/html, application/taxii+json;version=2.1',
      ])
        assert.equal((await taxii('GET', '/taxii2/', { headers: { accept } })).statusCode, 200, accept);
      const none = await t.app.inject({
        method: 'GET',
        url: '/taxii2/',
        headers: { authorization: basic(t.adminKey) },
      });
      assert.equal(none.statusCode, 200);
    });

    test('an unknown TAXII path answers 404 with the TAXII error body', async () => {
      assertTaxiiError(await taxii('GET', `${ROOT}/nothing/`), 404, 'TOCSIN_ERR_ROUTE_NOT_FOUND');
    });

    test('collections (5.1, 5.2): each caller sees only what it may read or write, with can_read and can_write', async () => {
      const seen = async (key: string) =>
        (await taxii('GET', `${ROOT}/collections/`, { key })).json<{
          collections?: { id: string; can_read: boolean; can_write: boolean; media_types: string[] }[];
        }>().collections ?? [];
      const a = await seen(A.member);
      assert.ok(a.some((c) => c.id === aOnly && c.can_read && c.can_write));
      assert.ok(!a.some((c) => c.id === dropBox));
      const b = await seen(B.member);
      assert.ok(!b.some((c) => c.id === aOnly));
      const box = b.find((c) => c.id === dropBox);
      assert.deepEqual([box?.can_read, box?.can_write], [false, true]);
      assert.deepEqual(b.find((c) => c.id === open)?.media_types, ['application/stix+json;version=2.1']);
      const ops = await seen(t.adminKey);
      assert.ok(
        [open, aOnly, dropBox].every((id) => ops.some((c) => c.id === id && c.can_read && c.can_write)),
      );
      const one = await taxii('GET', `${ROOT}/collections/${aOnly}/`, { key: A.reader });
      assert.equal(one.json<{ alias: string }>().alias, 'a-only');
    });

    test('a collection the caller may not know answers 404 exactly as one that does not exist; known but not readable 403', async () => {
      const strip = (r: LightMyRequestResponse) => {
        const { error_id: _id, description, ...rest } = r.json<Record<string, unknown>>();
        return { ...rest, description: String(description).replace(/[0-9a-f-]{36}/g, 'ID') };
      };
      const missing = randomUUID();
      for (const suffix of ['/', '/objects/', '/manifest/', `/objects/indicator--${randomUUID()}/`]) {
        const hidden = await taxii('GET', `${ROOT}/collections/${aOnly}${suffix}`, { key: C.member });
        const none = await taxii('GET', `${ROOT}/collections/${missing}${suffix}`, { key: C.member });
        assertTaxiiError(hidden, 404, 'TOCSIN_ERR_NOT_FOUND');
        assert.deepEqual(strip(hidden), strip(none));
      }
      const posted = await post(aOnly, [indicator({})], C.member);
      assertTaxiiError(posted, 404, 'TOCSIN_ERR_NOT_FOUND');
      assertTaxiiError(
        await taxii('GET', `${ROOT}/collections/${dropBox}/objects/`, { key: B.member }),
        403,
        'TOCSIN_ERR_FORBIDDEN',
      );
      assertTaxiiError(
        await taxii('GET', `${ROOT}/collections/${dropBox}/manifest/`, { key: B.member }),
        403,
        'TOCSIN_ERR_FORBIDDEN',
      );
      // Readers may read but never write.
      assertTaxiiError(await post(open, [indicator({})], A.reader), 403, 'TOCSIN_ERR_FORBIDDEN');
    });

    test('POST objects (5.5): 202 and a status; invalid objects and bad patterns fail alone, the valid ones are kept', async () => {
      const good = indicator({ tlp: 'green', value: 'kept.evil.example' });
      const unmarked = indicator({ value: 'unmarked.evil.example' });
      const invalid = { type: 'indicator', spec_version: '2.1', id: `indicator--${randomUUID()}` };
      const badPattern = indicator({ pattern: "[domain-name:value = 'x'" });
      const notStix = { hello: 'world' };
      const r = await post(open, [good, invalid, unmarked, badPattern, notStix], A.member);
      assert.equal(r.statusCode, 202, r.body);
      assert.equal(r.headers['content-type'], TAXII);
      const s = r.json<Status>();
      assert.equal(s.status, 'complete');
      assert.deepEqual([s.total_count, s.success_count, s.failure_count, s.pending_count], [5, 2, 3, 0]);
      assert.deepEqual(s.successes?.map((x) => x.id).sort(), [good['id'], unmarked['id']].sort());
      const failure = (id: unknown) => s.failures?.find((f) => f.id === id)?.message ?? '';
      assert.match(failure(invalid.id), /^TOCSIN_ERR_INVALID_STIX: /);
      assert.match(failure(badPattern['id']), /^TOCSIN_ERR_INVALID_PATTERN: .*line 1 column/);
      assert.match(failure('objects[4]'), /^TOCSIN_ERR_INVALID_STIX/);
      assert.equal(s.successes?.find((x) => x.id === good['id'])?.version, T);

      // The status resource (4.3) is there afterwards for its organization, and for no one else.
      const again = await taxii('GET', `${ROOT}/status/${s.id}/`, { key: A.reader });
      assert.deepEqual(again.json(), s);
      assertTaxiiError(
        await taxii('GET', `${ROOT}/status/${s.id}/`, { key: B.admin }),
        404,
        'TOCSIN_ERR_NOT_FOUND',
      );
      assertTaxiiError(
        await taxii('GET', `${ROOT}/status/${randomUUID()}/`, { key: A.member }),
        404,
        'TOCSIN_ERR_NOT_FOUND',
      );

      // The valid indicators feed the check index, under their TLP (the unmarked one takes the collection's GREEN).
      const check = async (value: string, key: string) =>
        (await t.call('GET', `/api/v1/check?value=${value}`, { key })).json<{
          verdict: string;
          reasons?: unknown[];
        }>();
      assert.notEqual((await check('kept.evil.example', B.member)).verdict, 'unknown');
      const fed = await t.call('GET', `/api/v1/indicators?value=unmarked.evil.example`, { key: A.member });
      const items = fed.json<{ items: { tlp: string; categories: string[]; sourceOrgId: string }[] }>().items;
      assert.deepEqual(
        items.map((i) => [i.tlp, i.categories, i.sourceOrgId]),
        [['green', ['phishing'], A.orgId]],
      );
    });

    test('re-posting the same objects changes nothing: success, no new version, no new audit entry, indicator unchanged', async () => {
      const obj = indicator({ tlp: 'green', value: 'repost.evil.example' });
      await post(open, [obj], A.member);
      const head = await t.store.audit.head();
      const before = (
        await t.call('GET', `/api/v1/indicators?value=repost.evil.example`, { key: A.member })
      ).json<{
        items: { updatedAt: string }[];
      }>();
      const r = (await post(open, [obj, obj], A.member)).json<Status>();
      assert.deepEqual([r.success_count, r.failure_count], [2, 0]);
      assert.match(r.successes?.[0]?.message ?? '', /already/);
      assert.deepEqual(await t.store.audit.head(), head);
      const after = (
        await t.call('GET', `/api/v1/indicators?value=repost.evil.example`, { key: A.member })
      ).json<unknown>();
      assert.deepEqual(after, before);
      const versions = await taxii(
        'GET',
        `${ROOT}/collections/${open}/objects/${String(obj['id'])}/versions/`,
        { key: B.member },
      );
      assert.deepEqual(versions.json<{ versions: string[] }>().versions, [T]);
    });

    test('415 for a body that is not TAXII JSON; 422 for one that is not JSON or not an envelope; 413 past max_content_length', async () => {
      const url = `${ROOT}/collections/${open}/objects/`;
      for (const ct of ['application/json', 'application/taxii+json;version=2.0', 'text/plain'])
        assertTaxiiError(
          await taxii('POST', url, { key: A.member, body: { objects: [] }, headers: { 'content-type': ct } }),
          415,
          'TOCSIN_ERR_UNSUPPORTED_MEDIA_TYPE',
        );
      assertTaxiiError(
        await taxii('POST', url, { key: A.member, body: '{"objects": [' }),
        422,
        'TOCSIN_ERR_UNPROCESSABLE',
      );
      assertTaxiiError(
        await taxii('POST', url, { key: A.member, body: '[1,2]' }),
        422,
        'TOCSIN_ERR_UNPROCESSABLE',
      );
      assertTaxiiError(
        await taxii('POST', url, { key: A.member, body: { objects: 'x' } }),
        422,
        'TOCSIN_ERR_UNPROCESSABLE',
      );
      const huge = { objects: [{ ...indicator({}), description: 'x'.repeat(1024 * 1024) }] };
      assertTaxiiError(
        await taxii('POST', url, { key: A.member, body: huge }),
        413,
        'TOCSIN_ERR_PAYLOAD_TOO_LARGE',
      );
    });

    test('objects (5.4) and manifest (5.3): sorted by date added, filters, X-TAXII-Date-Added headers', async () => {
      const col = await collection({
        title: 'Filters',
        read: 'members',
        write: 'members',
        defaultTlp: 'green',
      });
      const x = `indicator--${randomUUID()}`;
      const v1 = indicator({ id: x, modified: '2026-11-20T10:00:00.000Z', value: 'v.evil.example' });
      const v2 = indicator({ id: x, modified: '2026-11-21T10:00:00.000Z', value: 'v.evil.example' });
      const other = indicator({});
      const sco = {
        type: 'domain-name',
        spec_version: '2.1',
        id: 'domain-name--3c10e93f-798e-5a26-a0c1-08156efab7f5',
        value: 'example.com',
      };
      await post(col, [v1], A.member);
      await post(col, [other, sco], A.member);
      await post(col, [v2], A.member);
      const get = async (q: string, path = 'objects') => {
        const r = await taxii('GET', `${ROOT}/collections/${col}/${path}/${q}`, { key: B.member });
        assert.equal(r.statusCode, 200, r.body);
        assert.equal(r.headers['content-type'], TAXII);
        return r;
      };
      const ids = (r: LightMyRequestResponse) =>
        (r.json<Envelope>().objects ?? []).map((o) => `${o.id}@${o.modified ?? ''}`);
      // Default: the last version of each object, in date-added order (v2 was added last).
      assert.deepEqual(ids(await get('')), [
        `${String(other['id'])}@${T}`,
        `${sco.id}@`,
        `${x}@2026-11-21T10:00:00.000Z`,
      ]);
      assert.deepEqual(ids(await get(`?match[id]=${x}&match[version]=first`)), [
        `${x}@2026-11-20T10:00:00.000Z`,
      ]);
      assert.equal(ids(await get(`?match[id]=${x}&match[version]=all`)).length, 2);
      assert.equal(ids(await get(`?match[id]=${x}&match[version]=first,last`)).length, 2);
      assert.deepEqual(ids(await get(`?match[id]=${x}&match[version]=2026-11-20T10:00:00Z`)), [
        `${x}@2026-11-20T10:00:00.000Z`,
      ]);
      assert.deepEqual(ids(await get('?match[type]=domain-name')), [`${sco.id}@`]);
      assert.deepEqual(ids(await get('?match[type]=domain-name,malware')), [`${sco.id}@`]);
      assert.deepEqual(ids(await get('?match[spec_version]=2.0')), []);
      assert.equal(ids(await get('?match[spec_version]=2.1')).length, 3);
      // Headers carry the dates added of the first and last records; added_after is strict.
      const all = await get('?match[version]=all');
      const first = String(all.headers['x-taxii-date-added-first']);
      const last = String(all.headers['x-taxii-date-added-last']);
      assert.match(first, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3,}Z$/);
      assert.ok(first < last);
      const later = await get(`?match[version]=all&added_after=${first}`);
      assert.equal(ids(later).length, 3);
      assert.equal(later.headers['x-taxii-date-added-last'], last);
      const none = await get(`?added_after=${last}`);
      assert.deepEqual(none.json(), { more: false });
      assert.equal(none.headers['x-taxii-date-added-first'], undefined);
      // The manifest lists the same versions, with date_added, version and media type.
      const m = (await get('?match[version]=all', 'manifest')).json<{
        objects: { id: string; date_added: string; version: string; media_type: string }[];
      }>().objects;
      assert.equal(m.length, 4);
      assert.equal(m[0]?.date_added, first);
      assert.equal(m[3]?.date_added, last);
      assert.deepEqual(
        m.map((r) => r.media_type),
        Array(4).fill('application/stix+json;version=2.1'),
      );
      // An unversioned SCO's version is its date added.
      assert.equal(m.find((r) => r.id === sco.id)?.version, m.find((r) => r.id === sco.id)?.date_added);
      // Bad parameters are 400 with the TAXII error body naming them.
      const bad = await taxii('GET', `${ROOT}/collections/${col}/objects/?limit=0&added_after=yesterday`, {
        key: B.member,
      });
      const e = assertTaxiiError(bad, 400, 'TOCSIN_ERR_VALIDATION');
      assert.deepEqual(Object.keys(e['details'] as object).sort(), ['added_after', 'limit']);
    });

    test('pagination: limit, more and next walk every record once; a token replayed by another org, with other filters, or altered is refused', async () => {
      const col = await collection({
        title: 'Pages',
        read: 'members',
        write: 'members',
        defaultTlp: 'green',
      });
      const objs = Array.from({ length: 5 }, () => indicator({}));
      await post(col, objs, A.member);
      const url = `${ROOT}/collections/${col}/objects/`;
      const seen: string[] = [];
      let next: string | undefined;
      let pages = 0;
      do {
        const r = await taxii(
          'GET',
          `${url}?limit=2${next === undefined ? '' : `&next=${encodeURIComponent(next)}`}`,
          { key: B.member },
        );
        const env = r.json<Envelope>();
        seen.push(...(env.objects ?? []).map((o) => o.id));
        assert.equal(env.more, env.next !== undefined);
        next = env.next;
        pages++;
      } while (next !== undefined);
      assert.equal(pages, 3);
      assert.deepEqual(
        seen,
        objs.map((o) => o['id']),
      );
      const token = (await taxii('GET', `${url}?limit=2`, { key: B.member })).json<Envelope>().next!;
      const use = (q: string, key: string) =>
        taxii('GET', `${url}?${q}&next=${encodeURIComponent(token)}`, { key });
      assert.equal((await use('limit=2', B.member)).statusCode, 200);
      assert.equal((await use('limit=3', B.member)).statusCode, 200);
      assertTaxiiError(await use('limit=2', C.member), 400, 'TOCSIN_ERR_INVALID_PAGE_TOKEN');
      assertTaxiiError(
        await use('limit=2&match[type]=indicator', B.member),
        400,
        'TOCSIN_ERR_INVALID_PAGE_TOKEN',
      );
      assertTaxiiError(
        await taxii('GET', `${ROOT}/collections/${col}/manifest/?limit=2&next=${encodeURIComponent(token)}`, {
          key: B.member,
        }),
        400,
        'TOCSIN_ERR_INVALID_PAGE_TOKEN',
      );
      const [body, sig] = token.split('.');
      const forged = Buffer.from(
        Buffer.from(body!, 'base64url')
          .toString()
          .replace(/"a":\d+/, '"a":0'),
      ).toString('base64url');
      assertTaxiiError(
        await taxii('GET', `${url}?limit=2&next=${forged}.${sig}`, { key: B.member }),
        400,
        'TOCSIN_ERR_INVALID_PAGE_TOKEN',
      );
    });

    test('object (5.6), versions (5.8), delete (5.7): the owner deletes, others may not, then it is gone', async () => {
      const col = await collection({
        title: 'Delete',
        read: 'members',
        write: 'members',
        defaultTlp: 'green',
      });
      const x = `indicator--${randomUUID()}`;
      await post(col, [indicator({ id: x, modified: '2026-11-20T10:00:00.000Z' })], A.member);
      await post(col, [indicator({ id: x, modified: '2026-11-22T10:00:00.000Z' })], A.member);
      const base = `${ROOT}/collections/${col}/objects/${x}/`;
      const one = await taxii('GET', base, { key: B.member });
      assert.deepEqual(
        one.json<Envelope>().objects?.map((o) => o.modified),
        ['2026-11-22T10:00:00.000Z'],
      );
      assert.ok(one.headers['x-taxii-date-added-first']);
      const all = await taxii('GET', `${base}?match[version]=all&limit=1`, { key: B.member });
      assert.equal(all.json<Envelope>().more, true);
      const versions = await taxii('GET', `${base}versions/`, { key: B.member });
      assert.deepEqual(versions.json(), {
        more: false,
        versions: ['2026-11-20T10:00:00.000Z', '2026-11-22T10:00:00.000Z'],
      });
      assert.ok(versions.headers['x-taxii-date-added-last']);
      // B may write to the collection, but the object is A's.
      assertTaxiiError(await taxii('DELETE', base, { key: B.member }), 403, 'TOCSIN_ERR_FORBIDDEN');
      // And B may not add versions of it either.
      const s = (
        await post(col, [indicator({ id: x, modified: '2026-11-23T10:00:00.000Z' })], B.member)
      ).json<Status>();
      assert.match(s.failures?.[0]?.message ?? '', /^TOCSIN_ERR_FORBIDDEN/);
      const d1 = await taxii('DELETE', `${base}?match[version]=first`, { key: A.member });
      assert.equal(d1.statusCode, 200);
      assert.deepEqual(
        (await taxii('GET', `${base}versions/`, { key: B.member })).json<{ versions: string[] }>().versions,
        ['2026-11-22T10:00:00.000Z'],
      );
      assert.equal((await taxii('DELETE', base, { key: A.member })).statusCode, 200);
      assertTaxiiError(await taxii('GET', base, { key: A.member }), 404, 'TOCSIN_ERR_NOT_FOUND');
      assertTaxiiError(
        await taxii('GET', `${base}versions/`, { key: A.member }),
        404,
        'TOCSIN_ERR_NOT_FOUND',
      );
      assertTaxiiError(await taxii('DELETE', base, { key: A.member }), 404, 'TOCSIN_ERR_NOT_FOUND');
      const audit = (await t.call('GET', '/api/v1/audit?limit=200')).json<{
        items: { action: string; objectId: string }[];
      }>().items;
      assert.ok(audit.some((e) => e.action === 'taxii.object.delete' && e.objectId === x));
      assert.ok(audit.some((e) => e.action === 'taxii.object.add' && e.objectId === x));
    });

    test('leaks: AMBER and RED objects of A appear to B in no listing, manifest, header, token, version list or error', async () => {
      const col = await collection({
        title: 'Leaks',
        read: 'members',
        write: 'members',
        defaultTlp: 'amber',
      });
      const green1 = indicator({ tlp: 'green' });
      const amber = indicator({ tlp: 'amber', value: 'amber.evil.example' });
      const red = indicator({ tlp: 'red', value: 'red.evil.example' });
      const unmarked = indicator({});
      const green2 = indicator({ tlp: 'green' });
      // A GREEN object whose later version is AMBER: B sees the GREEN one as the last.
      const y = `indicator--${randomUUID()}`;
      const yGreen = indicator({ id: y, tlp: 'green', modified: '2026-11-20T10:00:00.000Z' });
      const yAmber = indicator({ id: y, tlp: 'amber', modified: '2026-11-21T10:00:00.000Z' });
      await post(col, [green1, amber, red, unmarked, yGreen, yAmber, green2], A.member);
      const hidden = [amber['id'], red['id'], unmarked['id']] as string[];
      const url = `${ROOT}/collections/${col}`;
      const textOf = (r: LightMyRequestResponse) => JSON.stringify({ h: r.headers, b: r.body });

      const objs = await taxii('GET', `${url}/objects/`, { key: B.member });
      const env = objs.json<Envelope>();
      assert.deepEqual(
        env.objects?.map((o) => `${o.id}@${o.modified ?? ''}`),
        [`${String(green1['id'])}@${T}`, `${y}@2026-11-20T10:00:00.000Z`, `${String(green2['id'])}@${T}`],
      );
      const man = await taxii('GET', `${url}/manifest/?match[version]=all`, { key: B.member });
      assert.equal(man.json<{ objects: unknown[] }>().objects.length, 3);
      // The headers name the dates of what B sees, nothing else.
      const aSees = await taxii('GET', `${url}/manifest/?match[version]=all`, { key: A.member });
      const aDates = aSees.json<{ objects: { id: string; date_added: string }[] }>().objects;
      const bDates = man.json<{ objects: { date_added: string }[] }>().objects.map((o) => o.date_added);
      assert.equal(man.headers['x-taxii-date-added-last'], bDates[bDates.length - 1]);
      for (const d of aDates.filter((o) => hidden.includes(o.id) || o.id === y).map((o) => o.date_added))
        if (!bDates.includes(d)) assert.ok(!textOf(man).includes(d) && !textOf(objs).includes(d));
      for (const id of hidden) {
        assert.ok(!textOf(objs).includes(id) && !textOf(man).includes(id));
        // One by one: 404, the same as an object that does not exist.
        for (const suffix of ['', 'versions/']) {
          const r = await taxii('GET', `${url}/objects/${id}/${suffix}`, { key: B.member });
          const n = await taxii('GET', `${url}/objects/indicator--${randomUUID()}/${suffix}`, {
            key: B.member,
          });
          assertTaxiiError(r, 404, 'TOCSIN_ERR_NOT_FOUND');
          assert.equal(
            r.json<{ description: string }>().description.replace(id, 'X'),
            n.json<{ description: string }>().description.replace(/indicator--[0-9a-f-]+/, 'X'),
          );
        }
        assertTaxiiError(
          await taxii('DELETE', `${url}/objects/${id}/`, { key: B.member }),
          404,
          'TOCSIN_ERR_NOT_FOUND',
        );
      }
      const yVersions = await taxii('GET', `${url}/objects/${y}/versions/`, { key: B.member });
      assert.deepEqual(yVersions.json<{ versions: string[] }>().versions, ['2026-11-20T10:00:00.000Z']);
      // Page by page: three records, never a hint of the others, and each token's position is a visible record.
      let next: string | undefined;
      const pageIds: string[] = [];
      do {
        const r = await taxii(
          'GET',
          `${url}/objects/?match[version]=all&limit=1${next === undefined ? '' : `&next=${encodeURIComponent(next)}`}`,
          { key: B.member },
        );
        const e = r.json<Envelope>();
        pageIds.push(...(e.objects ?? []).map((o) => o.id));
        next = e.next;
        if (next !== undefined) {
          const pos = (JSON.parse(Buffer.from(next.split('.')[0]!, 'base64url').toString()) as { a: number })
            .a;
          const iso = new Date(Math.floor(pos / 1000)).toISOString().slice(0, 23);
          assert.ok(bDates.some((d) => d.startsWith(iso)));
        }
      } while (next !== undefined);
      assert.equal(pageIds.length, 3);
      // B posting the same AMBER object as its own changes nothing B could observe: it is B's now, visible to B.
      const s = (await post(col, [amber], B.member)).json<Status>();
      assert.equal(s.success_count, 1);
      // Not "already in the collection": the AMBER copy B cannot see does not count.
      assert.equal(s.successes?.[0]?.id, amber['id']);
      assert.ok(!(s.successes?.[0]?.message ?? '').includes('already'));
      // The check index follows TLP too: C learns nothing of A's AMBER value.
      const check = (await t.call('GET', '/api/v1/check?value=red.evil.example', { key: C.member })).json<{
        verdict: string;
      }>();
      assert.equal(check.verdict, 'unknown');
    });

    test('the operating centre reads everything; revoked indicators revoke what they fed', async () => {
      const ops = await taxii('GET', `${ROOT}/collections/${dropBox}/objects/`, {});
      assert.equal(ops.statusCode, 200);
      const x = `indicator--${randomUUID()}`;
      await post(open, [indicator({ id: x, value: 'revoke.evil.example', tlp: 'green' })], A.admin);
      const r = await post(
        open,
        [
          indicator({
            id: x,
            value: 'revoke.evil.example',
            tlp: 'green',
            modified: '2026-11-21T00:00:00.000Z',
            revoked: true,
          }),
        ],
        A.admin,
      );
      assert.match(r.json<Status>().successes?.[0]?.message ?? '', /revoked 1 indicator/);
      const found = await t.call('GET', '/api/v1/indicators?value=revoke.evil.example&status=revoked', {
        key: A.member,
      });
      assert.equal(found.json<{ total: number }>().total, 1);
    });

    test('admin API: only the operating centre admins manage collections; changes are audited; aliases are unique', async () => {
      const r = await t.call('POST', '/api/v1/taxii/collections', {
        key: A.admin,
        body: { title: 'x', read: 'members', write: 'members' },
      });
      assert.equal(r.statusCode, 403);
      const list = (await t.call('GET', '/api/v1/taxii/collections')).json<{
        items: { id: string; alias: string | null }[];
      }>();
      assert.ok(list.items.some((c) => c.alias === 'shared'));
      const dup = await t.call('POST', '/api/v1/taxii/collections', {
        body: { title: 'y', alias: 'a-only', read: 'members', write: 'members' },
      });
      assert.equal(dup.json<{ code: string }>().code, 'TOCSIN_ERR_DUPLICATE_ALIAS');
      const badOrg = await t.call('POST', '/api/v1/taxii/collections', {
        body: { title: 'z', read: [randomUUID()], write: 'operator' },
      });
      assert.equal(badOrg.json<{ code: string }>().code, 'TOCSIN_ERR_VALIDATION');
      const p = await t.call('PATCH', `/api/v1/taxii/collections/${aOnly}`, {
        body: { read: [A.orgId, C.orgId] },
      });
      assert.equal(p.statusCode, 200, p.body);
      assert.equal((await taxii('GET', `${ROOT}/collections/${aOnly}/`, { key: C.member })).statusCode, 200);
      const audit = (await t.call('GET', '/api/v1/audit?limit=500')).json<{ items: { action: string }[] }>()
        .items;
      assert.ok(audit.some((e) => e.action === 'taxii.collection.create'));
      assert.ok(audit.some((e) => e.action === 'taxii.collection.update'));
    });
  });
}
