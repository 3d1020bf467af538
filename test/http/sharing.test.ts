/** Clients, constituents and sharing groups over HTTP: who may manage them, what they change, the audit trail. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { allStoreFactories } from '../support/stores.js';
import { testApp, type TestApp } from '../support/app.js';

for (const factory of await allStoreFactories()) {
  describe(`sharing relations on ${factory.name}`, { skip: factory.skip }, () => {
    let t: TestApp;
    const org: Record<string, string> = {};
    const key: Record<string, string> = {};
    before(async () => {
      t = await testApp(factory);
      for (const name of ['Bank', 'Branch', 'Telco']) {
        org[name] = (
          await t.call('POST', '/api/v1/orgs', {
            body: { name, country: 'VN', sector: 'finance', kind: 'bank' },
          })
        ).json<{ id: string }>().id;
        for (const role of ['admin', 'analyst']) {
          const u = await t.call('POST', '/api/v1/users', {
            body: { orgId: org[name], email: `${role}@${name}.test`, name: role, role },
          });
          key[`${name}/${role}`] = (
            await t.call('POST', '/api/v1/keys', { body: { userId: u.json<{ id: string }>().id, name: 'k' } })
          ).json<{ key: string }>().key;
        }
      }
    });
    after(async () => {
      await t?.close();
      await factory.cleanup();
    });

    test("an organization's admins name its clients; others may not; the audit trail records it", async () => {
      const path = `/api/v1/orgs/${org['Bank']}/clients/${org['Branch']}`;
      assert.equal((await t.call('PUT', path, { key: key['Bank/analyst'] })).statusCode, 403);
      assert.equal((await t.call('PUT', path, { key: key['Telco/admin'] })).statusCode, 403);
      assert.equal((await t.call('PUT', path, { key: key['Bank/admin'] })).statusCode, 204);
      assert.equal(
        (await t.call('PUT', path, { key: key['Bank/admin'] })).statusCode,
        204,
        'naming twice is fine',
      );
      const list = await t.call('GET', `/api/v1/orgs/${org['Bank']}/clients`, { key: key['Bank/analyst'] });
      assert.deepEqual(list.json<{ clients: string[] }>().clients, [org['Branch']]);
      assert.equal(
        (await t.call('GET', `/api/v1/orgs/${org['Bank']}/clients`, { key: key['Telco/analyst'] }))
          .statusCode,
        403,
      );
      const self = await t.call('PUT', `/api/v1/orgs/${org['Bank']}/clients/${org['Bank']}`);
      assert.equal(self.statusCode, 400, self.body);
      const nobody = await t.call('PUT', `/api/v1/orgs/${org['Bank']}/clients/${randomUUID()}`);
      assert.equal(nobody.statusCode, 404, nobody.body);
      const audit = (await t.call('GET', '/api/v1/audit?limit=200')).json<{ items: { action: string }[] }>()
        .items;
      assert.equal(
        audit.filter((e) => e.action === 'org.client.add').length,
        1,
        'the repeat changed nothing',
      );
      assert.equal((await t.call('DELETE', path, { key: key['Bank/admin'] })).statusCode, 204);
      assert.deepEqual(
        (await t.call('GET', `/api/v1/orgs/${org['Bank']}/clients`)).json<{ clients: string[] }>().clients,
        [],
      );
    });

    test('sharing groups: the centre makes them; members see their own; names are unique', async () => {
      assert.equal(
        (await t.call('POST', '/api/v1/groups', { key: key['Bank/admin'], body: { name: 'ISAC' } }))
          .statusCode,
        403,
      );
      const g = await t.call('POST', '/api/v1/groups', { body: { name: 'ISAC', description: 'banks' } });
      assert.equal(g.statusCode, 201, g.body);
      const group = g.json<{ id: string; recipient: string; members: string[] }>();
      assert.equal(group.recipient, `group:${group.id}`);
      assert.equal((await t.call('POST', '/api/v1/groups', { body: { name: 'ISAC' } })).statusCode, 409);
      assert.equal(
        (await t.call('PUT', `/api/v1/groups/${group.id}/members/${org['Bank']}`, { key: key['Bank/admin'] }))
          .statusCode,
        403,
      );
      assert.equal(
        (await t.call('PUT', `/api/v1/groups/${group.id}/members/${org['Bank']}`)).statusCode,
        204,
      );
      const mine = await t.call('GET', '/api/v1/groups', { key: key['Bank/analyst'] });
      assert.deepEqual(
        mine.json<{ items: { id: string; members: string[] }[] }>().items.map((x) => [x.id, x.members]),
        [[group.id, [org['Bank']]]],
      );
      const theirs = await t.call('GET', '/api/v1/groups', { key: key['Telco/analyst'] });
      assert.deepEqual(theirs.json<{ items: unknown[] }>().items, []);
      assert.equal(
        (await t.call('GET', `/api/v1/groups/${group.id}`, { key: key['Telco/analyst'] })).statusCode,
        404,
      );
      assert.equal(
        (await t.call('GET', `/api/v1/groups/${group.id}`, { key: key['Bank/analyst'] })).statusCode,
        200,
      );
    });

    test('indicators name only recipients that exist', async () => {
      const r = await t.call('POST', '/api/v1/indicators', {
        key: key['Bank/analyst'],
        body: [
          {
            value: 'a-recipient.xyz',
            kind: 'domain',
            categories: ['phishing'],
            tlp: 'red',
            recipients: [org['Telco']],
          },
          {
            value: 'b-recipient.xyz',
            kind: 'domain',
            categories: ['phishing'],
            tlp: 'red',
            recipients: [randomUUID()],
          },
          {
            value: 'c-recipient.xyz',
            kind: 'domain',
            categories: ['phishing'],
            tlp: 'red',
            recipients: ['group:nope'],
          },
          {
            value: 'd-recipient.xyz',
            kind: 'domain',
            categories: ['phishing'],
            tlp: 'red',
            recipients: ['two words'],
          },
        ],
      });
      assert.equal(r.statusCode, 201, r.body);
      const results = r.json<{ results: { outcome?: string; error?: { message: string } }[] }>().results;
      assert.equal(results[0]?.outcome, 'created');
      assert.match(results[1]?.error?.message ?? '', /no organization or sharing group/);
      assert.match(results[2]?.error?.message ?? '', /no organization or sharing group/);
      assert.match(results[3]?.error?.message ?? '', /not an organization id/);
      const seen = await t.call('GET', '/api/v1/check?value=a-recipient.xyz', { key: key['Telco/analyst'] });
      assert.equal(seen.json<{ verdict: string }>().verdict, 'malicious', 'a named recipient sees RED');
    });
  });
}
