/**
 * The Store contract: one suite, run against every database (see sqlite-store.test.ts and
 * postgres-store.test.ts). Real databases, no mocks.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Organization } from '../../src/core/directory/organization.js';
import type { User } from '../../src/core/directory/user.js';
import { verifyChain } from '../../src/core/audit/verify-chain.js';
import { SEE_EVERYTHING } from '../../src/core/sharing/tlp.js';
import type { KyselyStore } from '../../src/store/kysely/kysely-store.js';
import { MIGRATION_NAMES } from '../../src/store/migrations/migrations.js';
import { phoneRow } from '../support/indicator-row.js';
import type { StoreFactory } from '../support/stores.js';

const execFileAsync = promisify(execFile);
const T0 = '2026-11-23T04:25:02.123Z';

export function org(name: string, extra: Partial<Organization> = {}): Organization {
  return {
    id: randomUUID(),
    name,
    country: 'VN',
    sector: 'finance',
    kind: 'bank',
    isOperator: false,
    createdAt: T0,
    updatedAt: T0,
    ...extra,
  };
}

export function user(orgId: string, email: string, extra: Partial<User> = {}): User {
  return {
    id: randomUUID(),
    orgId,
    name: email.split('@')[0] ?? email,
    email,
    role: 'analyst',
    createdAt: T0,
    updatedAt: T0,
    ...extra,
  };
}

const ev = (i: number) => ({
  actorUserId: null,
  actorOrgId: null,
  action: 'test.write',
  objectType: 'thing',
  objectId: `t${i}`,
  before: null,
  after: { i },
});

export function storeContract(factory: StoreFactory): void {
  describe(`Store contract on ${factory.name}`, { skip: factory.skip }, () => {
    let store: KyselyStore;
    before(async () => {
      store = await factory.open();
    });
    after(async () => {
      await store?.close();
      await factory.cleanup();
    });

    test('migrations are applied once; a second run applies nothing', async () => {
      assert.deepEqual(await store.migrate(), []);
      await store.ping();
    });

    test('two nodes migrating one fresh database at once both succeed, and each migration runs once', async () => {
      // Two processes, as two nodes would be (better-sqlite3 blocks its whole process while it waits for a lock).
      const loc = factory.newLocation();
      const run = () =>
        execFileAsync(process.execPath, [
          '--import',
          'tsx',
          'test/support/migrate-once.ts',
          factory.name,
          loc,
        ]);
      const [ra, rb] = await Promise.all([run(), run()]);
      const applied = [...(JSON.parse(ra.stdout) as string[]), ...(JSON.parse(rb.stdout) as string[])];
      assert.deepEqual(applied.sort(), [...MIGRATION_NAMES]);
      const a = await factory.open(loc);
      try {
        assert.deepEqual(await a.migrate(), []);
        assert.equal((await a.audit.head()).seq, 0);
      } finally {
        await a.close();
      }
    });

    test('indicators by number: what `get` gives, for the numbers that exist, whatever their columns hold', async () => {
      const o = org('Indicator Bank');
      await store.orgs.insert(o);
      const amber = { tlp: 'amber' as const };
      const rows = [
        phoneRow('+84912000001', o.id, T0, { ...amber, value: '0912 000 001' }),
        phoneRow('xn--vil-9la.example', o.id, T0, {
          ...amber,
          kind: 'domain',
          value: 'Évil.example',
          keys: ['d:xn--vil-9la.example', 'u:xn--vil-9la.example/'],
          categories: ['phishing', 'impersonation'],
          recipients: [o.id, 'group:g1'],
          // A different value in every column, so that a column read into another's place shows.
          validFrom: '2026-11-20T00:00:00.000Z',
          validUntil: '2027-01-01T00:00:00.000Z',
          firstSeen: '2026-11-21T00:00:00.000Z',
          lastSeen: '2026-11-22T00:00:00.000Z',
          description: 'a "quoted" description',
          revokedAt: '2026-11-23T00:00:00.000Z',
          createdAt: '2026-11-19T00:00:00.000Z',
          createdBy: 'analyst-1',
        }),
        phoneRow('+84912000003', o.id, T0, { ...amber, value: '0912 000 003' }),
        // A range has no keys.
        phoneRow('10.0.0.0/8', o.id, T0, { ...amber, kind: 'ip', keys: [] }),
      ];
      const made = [];
      for (const r of rows) made.push(await store.indicators.insert(r));
      const nums = [made[2]!.num, made[0]!.num, made[1]!.num, made[3]!.num, 987_654_321];
      const got = (await store.indicators.byNums(nums)).sort((a, b) => a.indicator.num - b.indicator.num);
      const expected = [];
      for (const [i, m] of made.entries())
        expected.push({ indicator: await store.indicators.get(m.id), keys: rows[i]!.keys });
      assert.deepEqual(got, expected);
      assert.deepEqual(await store.indicators.byNums([]), []);

      // A row written by a transaction that has not committed is not read, and after its rollback never is.
      let num: number | undefined;
      let release!: () => void;
      const gate = new Promise<void>((r) => (release = r));
      const rolledBack = store.transaction(async (tx) => {
        num = (await tx.indicators.insert({ ...rows[2]!, id: randomUUID(), canonical: '+84912000009' })).num;
        await gate;
        throw new Error('roll back');
      });
      while (num === undefined) await new Promise((r) => setImmediate(r));
      const during = store.indicators.byNums([num]);
      release();
      await assert.rejects(rolledBack, /roll back/);
      assert.deepEqual(await during, []);
      assert.deepEqual(await store.indicators.byNums([num]), []);
    });

    test('indicators listed below a number: newest first, page by page, none repeated or skipped as others come and go', async () => {
      const o = org('Cursor Bank');
      await store.orgs.insert(o);
      const filed = async (n: number) =>
        store.indicators.insert(phoneRow(`+84913000${String(n).padStart(3, '0')}`, o.id, T0));
      const made = [];
      for (let n = 0; n < 7; n++) made.push(await filed(n));
      const filter = { sourceOrgId: o.id, now: T0, visibility: SEE_EVERYTHING };
      const page = async (belowNum: number | undefined) =>
        (await store.indicators.list({ ...filter, belowNum }, { limit: 3, offset: 0 })).map((i) => i.id);
      const ids = made.map((m) => m.id).reverse();
      const first = await page(undefined);
      assert.deepEqual(first, ids.slice(0, 3));
      // One more filed, one not yet read revoked: the next pages go on below the last one read.
      await filed(7);
      await store.indicators.update({ ...made[1]!, revokedAt: T0, updatedAt: T0 });
      const second = await page(made[4]!.num);
      assert.deepEqual(second, [ids[3], ids[4], ids[6]]);
      assert.deepEqual(await page(made[0]!.num), []);
    });

    test('organizations: insert, get, find by name in any case, list, count, update', async () => {
      const o = org('CERT Contract A');
      await store.orgs.insert(o);
      assert.deepEqual(await store.orgs.get(o.id), o);
      assert.deepEqual(await store.orgs.findByName('cert contract a'), o);
      assert.equal(await store.orgs.get(randomUUID()), undefined);
      const before = await store.orgs.count();
      await store.orgs.insert(
        org('CERT Contract B', { isOperator: true, kind: 'national-centre', sector: 'government' }),
      );
      assert.equal(await store.orgs.count(), before + 1);
      const listed = await store.orgs.list({ limit: 100, offset: 0 });
      assert.ok(listed.some((x) => x.name === 'CERT Contract B' && x.isOperator));
      const updated = { ...o, name: 'CERT Contract A2', updatedAt: '2026-11-24T00:00:00.000Z' };
      await store.orgs.update(updated);
      assert.deepEqual(await store.orgs.get(o.id), updated);
      assert.equal((await store.orgs.findOperator())?.name, 'CERT Contract B');
    });

    test('a duplicate organization name, in any case, is a unique violation and changes nothing', async () => {
      await store.orgs.insert(org('Dup Bank'));
      const n = await store.orgs.count();
      const err = await store.orgs.insert(org('DUP BANK')).then(
        () => undefined,
        (e: unknown) => e,
      );
      assert.ok(err !== undefined && store.isUniqueViolation(err), String(err));
      assert.equal(await store.orgs.count(), n);
    });

    test('users: insert, get, find by e-mail, list and count by organization', async () => {
      const o = org('Users Org');
      await store.orgs.insert(o);
      const u1 = user(o.id, 'a@users.example');
      const u2 = user(o.id, 'b@users.example', { role: 'reader' });
      await store.users.insert(u1);
      await store.users.insert(u2);
      assert.deepEqual(await store.users.get(u1.id), u1);
      assert.deepEqual(await store.users.findByEmail('b@users.example'), u2);
      assert.deepEqual(
        (await store.users.list({ orgId: o.id }, { limit: 10, offset: 0 })).map((u) => u.email),
        ['a@users.example', 'b@users.example'],
      );
      assert.equal(await store.users.count({ orgId: o.id }), 2);
      assert.deepEqual(
        (await store.users.list({ orgId: o.id }, { limit: 1, offset: 1 })).map((u) => u.email),
        ['b@users.example'],
      );
      const dup = await store.users.insert(user(o.id, 'a@users.example')).then(
        () => undefined,
        (e: unknown) => e,
      );
      assert.ok(store.isUniqueViolation(dup));
    });

    test('a user must belong to an existing organization', async () => {
      const err = await store.users.insert(user(randomUUID(), 'orphan@x.example')).then(
        () => undefined,
        (e: unknown) => e,
      );
      assert.ok(err instanceof Error);
      assert.equal(await store.users.findByEmail('orphan@x.example'), undefined);
    });

    test('API keys: insert, get, list by user and by organization, revoke once, touch', async () => {
      const o = org('Keys Org');
      await store.orgs.insert(o);
      const u = user(o.id, 'k@keys.example');
      await store.users.insert(u);
      const k = {
        id: 'abcdef0123456789',
        userId: u.id,
        name: 'ci',
        hash: 'h'.repeat(64),
        hint: 'tsn_abcdef0123456789_…',
        createdAt: T0,
        lastUsedAt: null,
        revokedAt: null,
      };
      await store.keys.insert(k);
      assert.deepEqual(await store.keys.get(k.id), k);
      assert.deepEqual(
        (await store.keys.list({ userId: u.id }, { limit: 10, offset: 0 })).map((x) => x.id),
        [k.id],
      );
      assert.deepEqual(
        (await store.keys.list({ orgId: o.id }, { limit: 10, offset: 0 })).map((x) => x.id),
        [k.id],
      );
      await store.keys.touch(k.id, '2026-11-23T05:00:00.000Z');
      await store.keys.revoke(k.id, '2026-11-23T06:00:00.000Z');
      await store.keys.revoke(k.id, '2026-11-23T07:00:00.000Z');
      const got = await store.keys.get(k.id);
      assert.equal(got?.lastUsedAt, '2026-11-23T05:00:00.000Z');
      assert.equal(got?.revokedAt, '2026-11-23T06:00:00.000Z');
    });

    test('the audit chain: appends link up, survive concurrent writers, and verify', async () => {
      const start = (await store.audit.head()).seq;
      await Promise.all(
        Array.from({ length: 20 }, (_, i) => store.transaction((tx) => tx.audit.append(ev(i), T0))),
      );
      const head = await store.audit.head();
      assert.equal(head.seq, start + 20);
      const v = await verifyChain(store.audit.entries(), head);
      assert.ok(v.ok, JSON.stringify(v));
      const last = (await store.audit.list({ limit: 1, offset: 0 }))[0];
      assert.equal(last?.seq, head.seq);
      assert.equal(last?.hash, head.hash);
      assert.equal(last?.at, T0);
    });

    test('bulk appends chain exactly as single ones, beside concurrent single appends, and verify', async () => {
      const start = (await store.audit.head()).seq;
      const bulk = Array.from({ length: 1_200 }, (_, i) => ev(1_000 + i));
      const [many] = await Promise.all([
        store.transaction((tx) => tx.audit.appendMany(bulk, T0)),
        ...Array.from({ length: 5 }, (_, i) => store.transaction((tx) => tx.audit.append(ev(i), T0))),
      ]);
      assert.equal(many.length, 1_200);
      assert.deepEqual(
        many.map((e) => e.objectId),
        bulk.map((e) => e.objectId),
      );
      for (let i = 1; i < many.length; i++) {
        assert.equal(many[i]!.seq, many[i - 1]!.seq + 1);
        assert.equal(many[i]!.prevHash, many[i - 1]!.hash);
      }
      assert.deepEqual(await store.transaction((tx) => tx.audit.appendMany([], T0)), []);
      const head = await store.audit.head();
      assert.equal(head.seq, start + 1_205);
      const v = await verifyChain(store.audit.entries(), head);
      assert.ok(v.ok, JSON.stringify(v));
    });

    test('a transaction that fails leaves nothing behind: no row, no audit entry', async () => {
      const head = await store.audit.head();
      const o = org('Rolled Back Org');
      const err = await store
        .transaction(async (tx) => {
          await tx.orgs.insert(o);
          await tx.audit.append(ev(99), T0);
          throw new Error('boom');
        })
        .then(
          () => undefined,
          (e: unknown) => e,
        );
      assert.equal((err as Error).message, 'boom');
      assert.equal(await store.orgs.get(o.id), undefined);
      assert.deepEqual(await store.audit.head(), head);
    });
  });
}
