/**
 * The STIX object store behind TAXII (TaxiiRepo): one suite, run against every database from
 * sqlite-store.test.ts and postgres-store.test.ts.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { SEE_EVERYTHING, visibilityRule, type Tlp, type VisibilityRule } from '../../src/core/sharing/tlp.js';
import type { VersionMatch } from '../../src/core/taxii/filters.js';
import type { StixQuery, StoredStixObject, TaxiiCollection } from '../../src/core/taxii/records.js';
import { versionKey } from '../../src/core/taxii/timestamps.js';
import type { KyselyStore } from '../../src/store/kysely/kysely-store.js';
import type { StoreFactory } from '../support/stores.js';
import { org } from './store-contract.js';

const T0 = '2026-11-23T04:25:02.123Z';
const LAST: VersionMatch = { first: false, last: true, all: false, keys: [] };
const FIRST: VersionMatch = { first: true, last: false, all: false, keys: [] };
const ALL: VersionMatch = { first: false, last: false, all: true, keys: [] };

export function stixContract(factory: StoreFactory): void {
  describe(`TAXII store contract on ${factory.name}`, { skip: factory.skip }, () => {
    let store: KyselyStore;
    let a: string;
    let b: string;
    let c: string;
    let col: TaxiiCollection;
    before(async () => {
      store = await factory.open();
      const oa = org('Stix Org A');
      const ob = org('Stix Org B');
      const oc = org('Stix Org C');
      for (const o of [oa, ob, oc]) await store.orgs.insert(o);
      [a, b, c] = [oa.id, ob.id, oc.id];
      col = {
        id: randomUUID(),
        title: 'Contract',
        description: null,
        alias: null,
        read: 'members',
        write: [a, b],
        defaultTlp: 'amber',
        createdAt: T0,
        updatedAt: T0,
      };
      await store.taxii.insertCollection(col);
    });
    after(async () => {
      await store?.close();
      await factory.cleanup();
    });

    const member = (orgId: string): VisibilityRule =>
      visibilityRule({ kind: 'member', orgId, isOperator: false });

    let nextUs = 0;
    async function put(
      id: string,
      version: string,
      orgId: string,
      tlp: Tlp,
      extra: Partial<StoredStixObject> = {},
    ): Promise<StoredStixObject> {
      const addedUs = await store.taxii.reserveAdded(1, Date.parse(T0) * 1000);
      assert.ok(addedUs > nextUs, 'dates added increase');
      nextUs = addedUs;
      const o: StoredStixObject = {
        addedUs,
        collectionId: col.id,
        id,
        type: id.split('--')[0]!,
        specVersion: '2.1',
        version,
        versionKey: versionKey(version)!,
        orgId,
        tlp,
        recipients: [],
        digest: `d-${id}-${version}`,
        json: JSON.stringify({ id, modified: version }),
        ...extra,
      };
      await store.taxii.insertObject(o);
      return o;
    }
    const q = (extra: Partial<StixQuery> = {}): StixQuery => ({
      collectionId: col.id,
      versions: LAST,
      visibility: SEE_EVERYTHING,
      ...extra,
    });
    const ids = (rows: StoredStixObject[]) => rows.map((r) => `${r.id}@${r.version}`);

    test('the default collection is made by the migration; collections insert, read, list and update', async () => {
      const all = await store.taxii.listCollections();
      assert.ok(all.some((x) => x.alias === 'shared' && x.read === 'members' && x.defaultTlp === 'amber'));
      assert.deepEqual(await store.taxii.getCollection(col.id), col);
      const changed = {
        ...col,
        title: 'Contract 2',
        read: 'operator' as const,
        updatedAt: '2026-11-24T00:00:00.000Z',
      };
      await store.taxii.updateCollection(changed);
      assert.deepEqual(await store.taxii.getCollection(col.id), changed);
      await store.taxii.updateCollection(col);
      assert.equal(await store.taxii.getCollection(randomUUID()), undefined);
    });

    test('dates added are unique and increasing, never before now, reserved in blocks', async () => {
      const now = Date.now() * 1000;
      const first = await store.taxii.reserveAdded(5, now);
      assert.ok(first >= now);
      const next = await store.taxii.reserveAdded(1, 0);
      assert.equal(next, first + 5);
      nextUs = next;
    });

    test('versions: last, first, all and given times, among the versions the viewer may see', async () => {
      const x = `indicator--${randomUUID()}`;
      await put(x, '2026-01-01T00:00:00.000Z', a, 'green');
      await put(x, '2026-01-03T00:00:00Z', a, 'amber');
      await put(x, '2026-01-02T00:00:00.5Z', a, 'green');
      const only = q({ ids: [x] });
      assert.deepEqual(ids(await store.taxii.query(only, 10)), [`${x}@2026-01-03T00:00:00Z`]);
      assert.deepEqual(ids(await store.taxii.query({ ...only, versions: FIRST }, 10)), [
        `${x}@2026-01-01T00:00:00.000Z`,
      ]);
      assert.equal((await store.taxii.query({ ...only, versions: ALL }, 10)).length, 3);
      // The AMBER version is hidden from B, so B's last is the latest GREEN one.
      assert.deepEqual(ids(await store.taxii.query({ ...only, visibility: member(b) }, 10)), [
        `${x}@2026-01-02T00:00:00.5Z`,
      ]);
      // The owner sees its AMBER version.
      assert.deepEqual(ids(await store.taxii.query({ ...only, visibility: member(a) }, 10)), [
        `${x}@2026-01-03T00:00:00Z`,
      ]);
      // A time at another precision names the same version.
      const at = {
        first: false,
        last: false,
        all: false,
        keys: [versionKey('2026-01-02T00:00:00.500000Z')!],
      };
      assert.deepEqual(ids(await store.taxii.query({ ...only, versions: at }, 10)), [
        `${x}@2026-01-02T00:00:00.5Z`,
      ]);
      assert.deepEqual(
        (await store.taxii.versionsOf(col.id, x, member(b))).map((r) => r.version),
        ['2026-01-01T00:00:00.000Z', '2026-01-02T00:00:00.5Z'],
      );
    });

    test('last and first stay right as versions arrive out of order, in batches, and are deleted', async () => {
      const x = `indicator--${randomUUID()}`;
      const y = `indicator--${randomUUID()}`;
      const only = q({ ids: [x, y] });
      const last = async (v: VisibilityRule = SEE_EVERYTHING) =>
        ids(await store.taxii.query({ ...only, visibility: v }, 10)).sort();
      const first = async (v: VisibilityRule = SEE_EVERYTHING) =>
        ids(await store.taxii.query({ ...only, versions: FIRST, visibility: v }, 10)).sort();
      const v2 = await put(x, '2026-02-02T00:00:00Z', a, 'green');
      assert.deepEqual(await last(), [`${x}@2026-02-02T00:00:00Z`]);
      // A newer and an older version in one batch, with a first version of another object.
      const us = await store.taxii.reserveAdded(3, Date.parse(T0) * 1000);
      const row = (id: string, version: string, addedUs: number, tlp: Tlp): StoredStixObject => ({
        addedUs,
        collectionId: col.id,
        id,
        type: 'indicator',
        specVersion: '2.1',
        version,
        versionKey: versionKey(version)!,
        orgId: a,
        tlp,
        recipients: [],
        digest: `d-${id}-${version}`,
        json: JSON.stringify({ id, modified: version }),
      });
      await store.taxii.insertObjects([
        row(x, '2026-02-03T00:00:00Z', us, 'amber'),
        row(x, '2026-02-01T00:00:00Z', us + 1, 'amber'),
        row(y, '2026-02-05T00:00:00Z', us + 2, 'green'),
      ]);
      nextUs = us + 2;
      assert.deepEqual(await last(), [`${x}@2026-02-03T00:00:00Z`, `${y}@2026-02-05T00:00:00Z`].sort());
      assert.deepEqual(await first(), [`${x}@2026-02-01T00:00:00Z`, `${y}@2026-02-05T00:00:00Z`].sort());
      // B may not see the AMBER versions: its last and first of x is the one GREEN version.
      assert.deepEqual(
        await last(member(b)),
        [`${x}@2026-02-02T00:00:00Z`, `${y}@2026-02-05T00:00:00Z`].sort(),
      );
      assert.deepEqual(
        await first(member(b)),
        [`${x}@2026-02-02T00:00:00Z`, `${y}@2026-02-05T00:00:00Z`].sort(),
      );
      // Deleting the newest and the oldest makes the middle one both.
      assert.equal(await store.taxii.deleteObjects(col.id, [us, us + 1]), 2);
      assert.deepEqual(await last(), [`${x}@2026-02-02T00:00:00Z`, `${y}@2026-02-05T00:00:00Z`].sort());
      assert.deepEqual(await first(), [`${x}@2026-02-02T00:00:00Z`, `${y}@2026-02-05T00:00:00Z`].sort());
      // The flags the store keeps agree with the versions left.
      const flags = await store.db
        .selectFrom('stix_objects')
        .select(['id', 'version', 'is_last', 'is_first'])
        .where('id', 'in', [x, y])
        .orderBy('added_us')
        .execute();
      assert.deepEqual(
        flags.map((f) => [f.id, f.version, Number(f.is_last), Number(f.is_first)]),
        [
          [x, v2.version, 1, 1],
          [y, '2026-02-05T00:00:00Z', 1, 1],
        ],
      );
      // A page of texts reads the same rows as a full query.
      assert.deepEqual(
        (await store.taxii.queryTexts(only, 10)).map((r) => `${r.id}@${r.addedUs}@${r.type}@${r.json}`),
        (await store.taxii.query(only, 10)).map((r) => `${r.id}@${r.addedUs}@${r.type}@${r.json}`),
      );
    });

    test('TLP in queries: levels, the owner, named recipients; RED reaches no one else', async () => {
      const red = `report--${randomUUID()}`;
      const named = `report--${randomUUID()}`;
      await put(red, T0, a, 'red');
      await put(named, T0, a, 'red', { recipients: [c] });
      const seen = async (v: VisibilityRule) =>
        (await store.taxii.query(q({ ids: [red, named], visibility: v }), 10)).map((r) => r.id).sort();
      assert.deepEqual(await seen(member(a)), [red, named].sort());
      assert.deepEqual(await seen(member(b)), []);
      assert.deepEqual(await seen(member(c)), [named]);
      assert.deepEqual(await seen(SEE_EVERYTHING), [red, named].sort());
      assert.deepEqual(
        (await store.taxii.versionsOf(col.id, named, member(c))).map((r) => r.recipients),
        [[c]],
      );
    });

    test('filters by id, type and spec_version; added_after; pages after a position, in date-added order', async () => {
      const t = `x-page-${randomUUID().slice(0, 8)}`;
      const made: StoredStixObject[] = [];
      for (let i = 0; i < 5; i++) made.push(await put(`${t}--${randomUUID()}`, T0, b, 'green'));
      const byType = q({ types: [t] });
      assert.deepEqual(
        (await store.taxii.query(byType, 10)).map((r) => r.addedUs),
        made.map((m) => m.addedUs),
      );
      const page1 = await store.taxii.query(byType, 2);
      const page2 = await store.taxii.query({ ...byType, afterUs: page1[1]!.addedUs }, 2);
      const page3 = await store.taxii.query({ ...byType, afterUs: page2[1]!.addedUs }, 2);
      assert.deepEqual(
        [...page1, ...page2, ...page3].map((r) => r.id),
        made.map((m) => m.id),
      );
      assert.deepEqual(
        (await store.taxii.query({ ...byType, addedAfterUs: made[2]!.addedUs }, 10)).map((r) => r.id),
        made.slice(3).map((m) => m.id),
      );
      assert.equal((await store.taxii.query({ ...byType, specVersions: ['2.0'] }, 10)).length, 0);
      assert.equal((await store.taxii.query({ ...byType, specVersions: ['2.1', '2.0'] }, 10)).length, 5);
      assert.deepEqual(
        (await store.taxii.query({ ...byType, ids: [made[4]!.id, made[0]!.id] }, 10)).map((r) => r.id),
        [made[0]!.id, made[4]!.id],
      );
    });

    test('one version per organization: the same id and version twice from one organization is refused', async () => {
      const x = `malware--${randomUUID()}`;
      const first = await put(x, T0, a, 'green');
      const err = await put(x, '2026-11-23T04:25:02.123000Z', a, 'green').then(
        () => undefined,
        (e: unknown) => e,
      );
      assert.ok(store.isUniqueViolation(err), String(err));
      await put(x, T0, b, 'green');
      assert.equal((await store.taxii.versionsOf(col.id, x, SEE_EVERYTHING)).length, 2);
      assert.equal(await store.taxii.deleteObjects(col.id, [first.addedUs]), 1);
      assert.deepEqual(
        (await store.taxii.versionsOf(col.id, x, SEE_EVERYTHING)).map((r) => r.orgId),
        [b],
      );
    });

    test('a batch inserted in a transaction reads back as inserted; a repeat in it rolls the whole batch back', async () => {
      // Inside a transaction SQLite inserts through its own prepared statement (`insertRows`), outside through
      // Kysely: both must store the same rows.
      const make = (k: number, addedUs: number): StoredStixObject => ({
        addedUs,
        collectionId: col.id,
        id: `indicator--${randomUUID()}`,
        type: 'indicator',
        specVersion: '2.1',
        version: `2026-03-0${1 + (k % 9)}T00:00:00.000Z`,
        versionKey: versionKey(`2026-03-0${1 + (k % 9)}T00:00:00.000Z`)!,
        orgId: k % 2 === 0 ? a : b,
        tlp: k % 3 === 0 ? 'green' : 'amber',
        recipients: k % 4 === 0 ? [c, `group:${randomUUID()}`] : [],
        digest: `d-${k}`,
        json: JSON.stringify({ k, s: 'Lừa đảo 😀 "q" \\' }),
      });
      const first = await store.taxii.reserveAdded(1_000, Date.parse(T0) * 1000);
      const inTx = Array.from({ length: 600 }, (_, k) => make(k, first + k));
      const outside = Array.from({ length: 400 }, (_, k) => make(k, first + 600 + k));
      nextUs = first + 999;
      await store.transaction((tx) => tx.taxii.insertObjects(inTx));
      await store.taxii.insertObjects(outside);
      const all = [...inTx, ...outside];
      const read = await store.taxii.query(q({ ids: all.map((o) => o.id), versions: ALL }), 2_000);
      const byAdded = (x: StoredStixObject, y: StoredStixObject) => x.addedUs - y.addedUs;
      assert.deepEqual(read.sort(byAdded), all.sort(byAdded));

      const again = await store.taxii.reserveAdded(2, Date.parse(T0) * 1000);
      nextUs = again + 1;
      const fresh = make(1, again);
      const repeat = { ...inTx[5]!, addedUs: again + 1 };
      const err = await store
        .transaction((tx) => tx.taxii.insertObjects([fresh, repeat]))
        .then(
          () => undefined,
          (e: unknown) => e,
        );
      assert.ok(store.isUniqueViolation(err), String(err));
      assert.deepEqual(await store.taxii.versionsOf(col.id, fresh.id, SEE_EVERYTHING), []);
    });

    test('statuses: kept with their details, purged by age', async () => {
      const s = {
        id: randomUUID(),
        orgId: a,
        userId: null,
        collectionId: col.id,
        requestTimestamp: T0,
        status: 'complete' as const,
        successes: [{ id: 'indicator--1', version: T0 }],
        failures: [{ id: 'indicator--2', version: T0, message: 'bad' }],
        pendings: [],
        createdAt: T0,
      };
      await store.taxii.insertStatus(s);
      assert.deepEqual(await store.taxii.getStatus(s.id), s);
      assert.equal(await store.taxii.purgeStatuses('2026-11-23T00:00:00.000Z'), 0);
      assert.ok((await store.taxii.purgeStatuses('2026-11-24T00:00:00.000Z')) >= 1);
      assert.equal(await store.taxii.getStatus(s.id), undefined);
    });
  });
}
