/**
 * The leak matrix: every read path × every kind of viewer × every marking, on every database. The owner, a
 * bank, files one indicator and posts one STIX indicator per marking; each viewer must see exactly the ones
 * the table below gives it, everywhere: checks (single and batch), the scanner, indicator search, counts and
 * lookups by id, TAXII objects, manifests, single objects, versions and pages, and exports. And nothing of an
 * object it may not see (its id, its description) may appear in any answer it gets, error messages included.
 *
 * The table is written by hand from TLP 2.0 and docs/sharing.md, not computed with `canSee`: the test must be
 * able to disagree with the code.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { TLP2_MARKING_IDS } from '../../src/core/stix/tlp-markings.js';
import type { Tlp } from '../../src/core/sharing/tlp.js';
import { allStoreFactories } from '../support/stores.js';
import { testApp, type TestApp } from '../support/app.js';

/** One marking: a TLP level, and maybe a sharing group named as recipient. */
const CASES = ['clear', 'green', 'amber', 'amber-strict', 'red', 'red-group', 'strict-group'] as const;
type Case = (typeof CASES)[number];
const TLP_OF: Record<Case, Tlp> = {
  clear: 'clear',
  green: 'green',
  amber: 'amber',
  'amber-strict': 'amber+strict',
  red: 'red',
  'red-group': 'red',
  'strict-group': 'amber+strict',
};
const TO_GROUP: ReadonlySet<Case> = new Set(['red-group', 'strict-group']);

const VIEWERS = ['anonymous', 'outsider', 'client', 'group-member', 'owner-reader', 'centre-reader'] as const;
type ViewerName = (typeof VIEWERS)[number];

/** Who sees what: TLP 2.0 in a community run by a national centre (docs/sharing.md). */
const SEES: Record<ViewerName, readonly Case[]> = {
  anonymous: ['clear'],
  // Another member organization: CLEAR and GREEN only.
  outsider: ['clear', 'green'],
  // Named by the owner as its client or constituent: its AMBER too, never AMBER+STRICT or RED.
  client: ['clear', 'green', 'amber'],
  // A member of the sharing group the owner named as recipient: what was shared with the group.
  'group-member': ['clear', 'green', 'red-group', 'strict-group'],
  // The owner's organization, even its readers: everything of its own.
  'owner-reader': CASES,
  // The operating centre: everything shared with it.
  'centre-reader': CASES,
};

const TAXII = 'application/taxii+json;version=2.1';
const ROOT = '/taxii2/api';

for (const factory of await allStoreFactories()) {
  describe(`the leak matrix on ${factory.name}`, { skip: factory.skip }, () => {
    let t: TestApp;
    const keys: Partial<Record<ViewerName, string>> = {};
    /** Per case: the indicator's id, the STIX object's id, and a marker only that case's objects carry. */
    const objects = {} as Record<
      Case,
      { indicatorId: string; stixId: string; marker: string; domain: string }
    >;
    let collectionId = '';
    /** Every answer each viewer got, to look for anything it should not have seen. */
    const seen: Record<ViewerName, string[]> = {
      anonymous: [],
      outsider: [],
      client: [],
      'group-member': [],
      'owner-reader': [],
      'centre-reader': [],
    };

    const as = async (
      viewer: ViewerName,
      method: string,
      url: string,
      opts: { body?: unknown; taxii?: boolean } = {},
    ): Promise<LightMyRequestResponse> => {
      const key = viewer === 'anonymous' ? undefined : keys[viewer];
      const r = await t.app.inject({
        method: method as 'GET',
        url,
        headers: {
          ...(opts.taxii === true
            ? {
                accept: TAXII,
                ...(key === undefined
                  ? {}
                  : { authorization: 'Basic ' + Buffer.from(`x:${key}`).toString('base64') }),
              }
            : key === undefined
              ? {}
              : { authorization: `Bearer ${key}` }),
          ...(opts.body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(opts.body === undefined ? {} : { payload: JSON.stringify(opts.body) }),
      });
      // What the viewer asked for, echoed back ("indicator <id> not found"), tells it nothing new.
      let answer = `${r.statusCode} ${JSON.stringify(r.headers)} ${r.body}`;
      for (const asked of url.match(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g) ?? [])
        answer = answer.replaceAll(asked, '<asked>');
      seen[viewer].push(answer);
      return r;
    };
    const visible = (viewer: ViewerName) => new Set(SEES[viewer]);

    before(async () => {
      t = await testApp(factory);
      const org = async (name: string, kind: string) => {
        const r = await t.call('POST', '/api/v1/orgs', {
          body: { name, country: 'VN', sector: 'finance', kind },
        });
        assert.equal(r.statusCode, 201, r.body);
        return r.json<{ id: string }>().id;
      };
      const keyFor = async (orgId: string, email: string, role: string) => {
        const u = await t.call('POST', '/api/v1/users', { body: { orgId, email, name: role, role } });
        assert.equal(u.statusCode, 201, u.body);
        const k = await t.call('POST', '/api/v1/keys', {
          body: { userId: u.json<{ id: string }>().id, name: 'k' },
        });
        return k.json<{ key: string }>().key;
      };
      const bank = await org('Owner Bank', 'bank');
      const branch = await org('Client Branch', 'bank');
      const isp = await org('Group ISP', 'isp');
      const telco = await org('Outsider Telco', 'telco');
      const ownerAnalyst = await keyFor(bank, 'analyst@owner.test', 'analyst');
      keys['owner-reader'] = await keyFor(bank, 'reader@owner.test', 'reader');
      keys.client = await keyFor(branch, 'reader@client.test', 'reader');
      keys['group-member'] = await keyFor(isp, 'analyst@isp.test', 'analyst');
      keys.outsider = await keyFor(telco, 'analyst@telco.test', 'analyst');
      keys['centre-reader'] = await keyFor(t.operatorOrgId, 'reader@ncsc.test', 'reader');

      // The owner names the branch its client; the centre makes a group with the ISP in it.
      const client = await t.call('PUT', `/api/v1/orgs/${bank}/clients/${branch}`);
      assert.equal(client.statusCode, 204, client.body);
      const group = await t.call('POST', '/api/v1/groups', { body: { name: 'Banking ISAC' } });
      assert.equal(group.statusCode, 201, group.body);
      const groupId = group.json<{ id: string }>().id;
      assert.equal((await t.call('PUT', `/api/v1/groups/${groupId}/members/${isp}`)).statusCode, 204);

      const cols = await t.call('GET', '/api/v1/taxii/collections');
      collectionId = cols
        .json<{ items: { id: string; alias: string | null }[] }>()
        .items.find((c) => c.alias === 'shared')!.id;

      const stix: object[] = [];
      for (const c of CASES) {
        const marker = `LEAKMARK${c.replace('-', '')}${randomUUID().slice(0, 8)}`;
        const domain = `leak-${c}.xyz`;
        const filed = await t.call('POST', '/api/v1/indicators', {
          key: ownerAnalyst,
          body: {
            value: domain,
            kind: 'domain',
            categories: ['phishing'],
            confidence: 90,
            tlp: TLP_OF[c],
            description: marker,
            ...(TO_GROUP.has(c) ? { recipients: [`group:${groupId}`] } : {}),
          },
        });
        assert.equal(filed.statusCode, 201, filed.body);
        const indicatorId = filed.json<{ results: { indicator: { id: string } }[] }>().results[0]!.indicator
          .id;
        const stixId = `indicator--${randomUUID()}`;
        stix.push({
          type: 'indicator',
          spec_version: '2.1',
          id: stixId,
          created: '2026-11-01T00:00:00.000Z',
          modified: '2026-11-01T00:00:00.000Z',
          name: marker,
          description: marker,
          pattern: `[domain-name:value = 'stix-${c}.xyz']`,
          pattern_type: 'stix',
          valid_from: '2026-11-01T00:00:00Z',
          object_marking_refs: [TLP2_MARKING_IDS[TLP_OF[c]]],
          ...(TO_GROUP.has(c) ? { x_tocsin_recipients: [`group:${groupId}`] } : {}),
        });
        objects[c] = { indicatorId, stixId, marker, domain };
      }
      const posted = await t.app.inject({
        method: 'POST',
        url: `${ROOT}/collections/${collectionId}/objects/`,
        headers: {
          accept: TAXII,
          'content-type': TAXII,
          authorization: 'Basic ' + Buffer.from(`x:${ownerAnalyst}`).toString('base64'),
        },
        payload: JSON.stringify({ objects: stix }),
      });
      assert.equal(posted.statusCode, 202, posted.body);
      assert.equal(posted.json<{ success_count: number }>().success_count, CASES.length, posted.body);
    });
    after(async () => {
      await t?.close();
      await factory.cleanup();
    });

    for (const viewer of VIEWERS) {
      describe(`as ${viewer}`, () => {
        test('checks, one at a time and in a batch, speak only of what the viewer may see', async () => {
          for (const c of CASES) {
            const r = await as(viewer, 'GET', `/api/v1/check?value=${objects[c].domain}`);
            assert.equal(r.statusCode, 200, r.body);
            const a = r.json<{ verdict: string; score: number; reasons: unknown[] }>();
            if (visible(viewer).has(c)) assert.equal(a.verdict, 'malicious', `${c}: ${r.body}`);
            else assert.deepEqual([a.verdict, a.score, a.reasons], ['unknown', 0, []], `${c}: ${r.body}`);
          }
          const batch = await as(viewer, 'POST', '/api/v1/check', {
            body: { items: CASES.map((c) => objects[c].domain) },
          });
          assert.equal(batch.statusCode, 200, batch.body);
          assert.deepEqual(
            batch.json<{ results: { verdict: string }[] }>().results.map((x) => x.verdict),
            CASES.map((c) => (visible(viewer).has(c) ? 'malicious' : 'unknown')),
          );
        });

        test('the scanner flags only by what the viewer may see', async () => {
          const r = await as(viewer, 'POST', '/api/v1/scan', {
            body: { messages: CASES.map((c) => ({ id: c, text: `xem ngay ${objects[c].domain} nhe` })) },
          });
          if (viewer === 'anonymous') {
            assert.equal(r.statusCode, 401, r.body);
            return;
          }
          assert.equal(r.statusCode, 200, r.body);
          const results = r.json<{ results: { id: string; items: { verdict?: string }[] }[] }>().results;
          for (const x of results) {
            const want: string = visible(viewer).has(x.id as Case) ? 'malicious' : 'unknown';
            assert.equal(x.items[0]?.verdict, want, `${x.id}: ${JSON.stringify(x)}`);
          }
        });

        test('indicator search, counts and lookups by id: exactly the visible ones; the rest look like nothing', async () => {
          const list = await as(viewer, 'GET', '/api/v1/indicators?contains=leak-&limit=100');
          if (viewer === 'anonymous') {
            assert.equal(list.statusCode, 401, list.body);
            return;
          }
          assert.equal(list.statusCode, 200, list.body);
          const body = list.json<{ items: { id: string }[]; total: number }>();
          const expected = CASES.filter((c) => visible(viewer).has(c)).map((c) => objects[c].indicatorId);
          assert.deepEqual(new Set(body.items.map((i) => i.id)), new Set(expected));
          assert.equal(body.total, expected.length, 'the count agrees with the list');

          const nothing = await as(viewer, 'GET', `/api/v1/indicators/${randomUUID()}`);
          assert.equal(nothing.statusCode, 404);
          const shape = (r: LightMyRequestResponse, id: string) => r.body.replaceAll(id, '<id>');
          for (const c of CASES) {
            const id = objects[c].indicatorId;
            const one = await as(viewer, 'GET', `/api/v1/indicators/${id}`);
            const byValue = await as(viewer, 'GET', `/api/v1/indicators?value=${objects[c].domain}`);
            if (visible(viewer).has(c)) {
              assert.equal(one.statusCode, 200, `${c}: ${one.body}`);
              assert.equal(byValue.json<{ total: number }>().total, 1);
            } else {
              assert.equal(one.statusCode, 404, `${c}: ${one.body}`);
              const nothingId = /[0-9a-f-]{36}/.exec(nothing.body)?.[0] ?? '';
              assert.equal(shape(one, id), shape(nothing, nothingId), 'not allowed looks like not found');
              assert.equal(byValue.json<{ total: number }>().total, 0);
              const del = await as(viewer, 'DELETE', `/api/v1/indicators/${id}`);
              assert.equal(del.statusCode, 404, `revoking what one cannot see: ${del.body}`);
            }
          }
        });

        test('TAXII: objects, manifest, pages, single objects and versions hold exactly the visible ones', async () => {
          const col = `${ROOT}/collections/${collectionId}`;
          if (viewer === 'anonymous') {
            const r = await as(viewer, 'GET', `${col}/objects/`, { taxii: true });
            assert.equal(r.statusCode, 401, r.body);
            return;
          }
          const expected = new Set(CASES.filter((c) => visible(viewer).has(c)).map((c) => objects[c].stixId));
          const mine = (ids: string[]) =>
            new Set(ids.filter((id) => Object.values(objects).some((o) => o.stixId === id)));
          for (const endpoint of ['objects', 'manifest'] as const) {
            // One record a page, to walk every page token.
            const ids: string[] = [];
            let next: string | undefined;
            let pages = 0;
            do {
              const r = await as(
                viewer,
                'GET',
                `${col}/${endpoint}/?limit=1${next === undefined ? '' : `&next=${encodeURIComponent(next)}`}`,
                { taxii: true },
              );
              assert.equal(r.statusCode, 200, r.body);
              const page = r.json<{ more?: boolean; next?: string; objects?: { id: string }[] }>();
              ids.push(...(page.objects ?? []).map((o) => o.id));
              next = page.more === true ? page.next : undefined;
              pages++;
            } while (next !== undefined && pages < 50);
            assert.deepEqual(mine(ids), expected, endpoint);
          }
          const absent = `indicator--${randomUUID()}`;
          const nothing = await as(viewer, 'GET', `${col}/objects/${absent}/`, { taxii: true });
          assert.equal(nothing.statusCode, 404);
          for (const c of CASES) {
            const id = objects[c].stixId;
            for (const path of [`${col}/objects/${id}/`, `${col}/objects/${id}/versions/`]) {
              const r = await as(viewer, 'GET', path, { taxii: true });
              if (visible(viewer).has(c)) assert.equal(r.statusCode, 200, `${c} ${path}: ${r.body}`);
              else {
                assert.equal(r.statusCode, 404, `${c} ${path}: ${r.body}`);
                const shape = (body: string, oid: string) =>
                  body.replaceAll(oid, '<id>').replace(/"error_id":"[^"]*"/, '"error_id":"<n>"');
                assert.equal(shape(r.body, id), shape(nothing.body, absent));
              }
            }
          }
        });

        test('exports: the bundle holds exactly the visible indicators and collection objects', async () => {
          const r = await as(viewer, 'GET', `/api/v1/export/stix?collection=${collectionId}`);
          if (viewer === 'anonymous') {
            assert.equal(r.statusCode, 401, r.body);
            return;
          }
          assert.equal(r.statusCode, 200, r.body);
          const bundle = r.json<{ objects?: { type: string; id: string; pattern?: string }[] }>();
          const patterns = (bundle.objects ?? []).flatMap((o) =>
            o.pattern === undefined ? [] : [o.pattern],
          );
          const exported = (prefix: string) =>
            new Set(CASES.filter((c) => patterns.some((p) => p.includes(`'${prefix}-${c}.xyz'`))));
          assert.deepEqual(exported('leak'), visible(viewer), 'indicators');
          assert.deepEqual(exported('stix'), visible(viewer), 'collection objects');
        });

        test('nothing of an object the viewer may not see is in any answer it got, errors included', () => {
          const hidden = CASES.filter((c) => !visible(viewer).has(c));
          const all = seen[viewer].join('\n');
          assert.ok(all.length > 0);
          for (const c of hidden) {
            for (const token of [objects[c].marker, objects[c].indicatorId, objects[c].stixId]) {
              assert.ok(!all.includes(token), `${viewer} got ${token} (${c})`);
            }
          }
        });
      });
    }
  });
}
