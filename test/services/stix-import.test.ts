/**
 * STIX and MISP import and STIX export on every store, with the real data of ../shared/data: MITRE ATT&CK
 * Mobile, the OASIS examples, a MISP event and a MISP feed. Imports again change nothing; a bundle cut in the
 * middle keeps its whole batches and completes when run again; a batch that fails leaves nothing behind;
 * exports validate against the OASIS schemas and import back into a fresh store as the same indicators.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createReadStream, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SYSTEM } from '../../src/core/auth/principal.js';
import { isTocsinError } from '../../src/core/errors/errors.js';
import { visibilityRule } from '../../src/core/sharing/tlp.js';
import { ensureOperator } from '../../src/services/bootstrap.js';
import { systemClock } from '../../src/services/clock.js';
import { viewerOf } from '../../src/services/indicator-service.js';
import { buildServices, type Services } from '../../src/services/services.js';
import type { ImportSummary } from '../../src/services/stix-import-service.js';
import type { Repos, Store } from '../../src/store/store.js';
import { allStoreFactories, type StoreFactory } from '../support/stores.js';
import { VALID_INDICATOR } from '../support/stix-testing.js';
import {
  SHARED_DATA,
  absent,
  assertSchemaValid,
  jsonFiles,
  schemaValidators,
} from '../support/stix-schemas.js';

const STIX = join(SHARED_DATA, 'stix');
const ATTACK = join(STIX, 'mobile-attack-17.1.json');
const EXAMPLES = join(STIX, 'oasis-examples');
const MISP = join(SHARED_DATA, 'misp');
const REGIN = join(MISP, 'regin-event.json');
const FEED = join(MISP, 'anssi-feed');
const SKIP = absent(STIX) || absent(MISP);
const EVERYTHING = visibilityRule(viewerOf(SYSTEM));

interface World {
  readonly store: Store;
  readonly s: Services;
}

async function world(factory: StoreFactory, wrap?: (s: Store) => Store): Promise<World> {
  const raw = await factory.open();
  const store = wrap === undefined ? raw : wrap(raw);
  const s = buildServices({ store, clock: systemClock, config: { keyLastUsedInterval: 60 } });
  await ensureOperator(s, { name: 'Test Centre', country: 'VN', adminEmail: 'admin@centre.test' });
  return { store, s };
}

/** Everything the store holds that an import writes: object versions, indicators, the audit head. */
async function footprint(w: World) {
  const c = await w.s.taxii.writableCollection(SYSTEM, 'shared');
  const versions = await w.store.taxii.query(
    {
      collectionId: c.id,
      versions: { all: true, first: false, last: false, keys: [] },
      visibility: EVERYTHING,
    },
    1_000_000,
  );
  const indicators = await w.store.indicators.count({
    status: 'all',
    now: new Date().toISOString(),
    visibility: EVERYTHING,
  });
  return { versions: versions.length, indicators, audit: (await w.store.audit.head()).seq, rows: versions };
}

const file = (path: string) => createReadStream(path, { highWaterMark: 16 * 1024 });

function assertNothingNew(s: ImportSummary): void {
  assert.equal(s.added, 0);
  assert.equal(s.updated, 0);
  assert.equal(s.indicatorsFed, 0);
  assert.equal(s.duplicates, s.objects - s.rejected);
}

for (const factory of await allStoreFactories()) {
  describe(`STIX import and export on ${factory.name}`, { skip: factory.skip || SKIP }, () => {
    after(() => factory.cleanup());

    describe('real data, imported twice', () => {
      let w: World;
      before(async () => {
        w = await world(factory);
      });
      after(() => w.store.close());

      test('MITRE ATT&CK Mobile 17.1: 2,148 objects; again: all duplicates, nothing new', async () => {
        const progress: number[] = [];
        // Batches of 1,000 (fewer than the default), so that there are several to report.
        const first = await w.s.stixImport.importBundle(SYSTEM, 'shared', file(ATTACK), {
          batchSize: 1000,
          onProgress: (p) => progress.push(p.objects),
        });
        assert.equal(first.objects, 2148);
        assert.equal(first.added + first.rejected, 2148, JSON.stringify(first.rejections.slice(0, 3)));
        assert.equal(first.rejected, 0, JSON.stringify(first.rejections.slice(0, 3)));
        assert.equal(first.bytes, readFileSync(ATTACK).length);
        assert.ok(progress.length >= 3, 'progress after each batch');
        const before = await footprint(w);
        assert.equal(before.versions, 2148);
        const again = await w.s.stixImport.importBundle(SYSTEM, 'shared', file(ATTACK));
        assertNothingNew(again);
        const after = await footprint(w);
        assert.deepEqual(
          [after.versions, after.indicators, after.audit],
          [before.versions, before.indicators, before.audit],
        );
      });

      test('every OASIS example; again: nothing new', async () => {
        let objects = 0;
        for (const f of jsonFiles(EXAMPLES)) {
          const r = await w.s.stixImport.importBundle(SYSTEM, 'shared', file(f));
          objects += r.objects;
          // Every example is valid STIX 2.1: nothing of it is refused.
          assert.equal(r.rejected, 0, `${f}: ${JSON.stringify(r.rejections.slice(0, 3))}`);
        }
        assert.ok(objects >= 250, `${objects} objects`);
        const before = await footprint(w);
        for (const f of jsonFiles(EXAMPLES))
          assertNothingNew(await w.s.stixImport.importBundle(SYSTEM, 'shared', file(f)));
        const after = await footprint(w);
        assert.deepEqual(
          [after.versions, after.indicators, after.audit],
          [before.versions, before.indicators, before.audit],
        );
      });

      test('the Regin MISP event: a report, indicators fed; again: nothing new', async () => {
        const event = JSON.parse(readFileSync(REGIN, 'utf8')) as unknown;
        const r = await w.s.stixImport.importMispEvent(SYSTEM, 'shared', event);
        assert.equal(r.events, 1);
        assert.equal(r.rejected, 0, JSON.stringify(r.rejections.slice(0, 3)));
        assert.ok(r.added > 10 && r.indicatorsFed > 10, JSON.stringify(r));
        const c = await w.s.taxii.writableCollection(SYSTEM, 'shared');
        const reports = (await footprint(w)).rows.filter((o) => o.type === 'report');
        assert.ok(
          reports.some(
            (o) => o.collectionId === c.id && (JSON.parse(o.json) as { name: string }).name.length > 0,
          ),
        );
        const before = await footprint(w);
        assertNothingNew(await w.s.stixImport.importMispEvent(SYSTEM, 'shared', event));
        const after = await footprint(w);
        assert.deepEqual(
          [after.versions, after.indicators, after.audit],
          [before.versions, before.indicators, before.audit],
        );
      });

      test('the ANSSI MISP feed: 13 events, TLP markings, skipped attributes with reasons; again: unchanged', async () => {
        const r = await w.s.stixImport.importMispFeed(SYSTEM, 'shared', FEED);
        assert.equal(r.events, 13);
        assert.equal(r.rejected, 0, JSON.stringify(r.rejections.slice(0, 3)));
        assert.ok(r.indicatorsFed > 1000, `${r.indicatorsFed} fed`);
        assert.ok(r.skipped.length > 0 && r.skipped.every((k) => k.reason !== '' && k.event !== ''));
        const before = await footprint(w);
        const marked = before.rows.filter(
          (o) => o.type === 'indicator' && o.json.includes('marking-definition--'),
        );
        assert.ok(marked.length > 0, 'tlp:* tags became markings');
        // The manifest says nothing changed: no event is read.
        const again = await w.s.stixImport.importMispFeed(SYSTEM, 'shared', FEED);
        assert.equal(again.events, 0);
        assert.equal(again.eventsUnchanged, 13);
        // Read anyway: every object is a duplicate.
        const all = await w.s.stixImport.importMispFeed(SYSTEM, 'shared', FEED, { all: true });
        assert.equal(all.events, 13);
        assertNothingNew(all);
        const after = await footprint(w);
        assert.deepEqual(
          [after.versions, after.indicators, after.audit],
          [before.versions, before.indicators, before.audit],
        );
      });

      test('export: every object validates against the OASIS schemas; the bundle is one JSON text', async () => {
        let text = '';
        for await (const piece of await w.s.stixExport.export(SYSTEM, { collection: 'shared' }))
          text += piece;
        const bundle = JSON.parse(text) as {
          type: string;
          id: string;
          objects: { type: string; id: string }[];
        };
        assert.equal(bundle.type, 'bundle');
        const fp = await footprint(w);
        const ids = new Set(bundle.objects.map((o) => o.id));
        // The collection's objects (last versions) and the indicators are all there, each once.
        for (const r of fp.rows) assert.ok(ids.has(r.id), r.id);
        assert.ok(bundle.objects.filter((o) => o.id.startsWith('indicator--')).length >= fp.indicators);
        const validators = schemaValidators();
        // ATT&CK and the OASIS examples are OASIS' own; what Tocsin writes must validate.
        const tocsin = bundle.objects.filter((o) => !fp.rows.some((r) => r.id === o.id));
        assertSchemaValid(tocsin, validators, 'export');
        const misp = fp.rows
          .filter((r) => r.json.includes('misp:'))
          .map((r) => JSON.parse(r.json) as { type: string; id: string });
        assertSchemaValid(misp, validators, 'misp');
      });
    });

    test('a bundle cut in the middle: a coded error with the byte offset, whole batches kept, a rerun completes', async () => {
      const w = await world(factory);
      try {
        const bytes = readFileSync(ATTACK);
        const cut = bytes.subarray(0, Math.floor(bytes.length / 2));
        let committed: ImportSummary | undefined;
        await assert.rejects(
          w.s.stixImport.importBundle(SYSTEM, 'shared', [cut], {
            batchSize: 100,
            onProgress: (p) => (committed = structuredClone(p.summary)),
          }),
          (e: unknown) =>
            isTocsinError(e) &&
            e.code === 'TOCSIN_ERR_STIX_BUNDLE_MALFORMED' &&
            e.statusCode === 400 &&
            /at byte \d+/.test(e.message),
        );
        assert.ok(committed !== undefined && committed.added > 500, JSON.stringify(committed));
        const part = await footprint(w);
        assert.equal(part.versions, committed.added);
        // Every stored object is whole: the same JSON as in the file.
        const source = new Map(
          (JSON.parse(bytes.toString('utf8')) as { objects: { id: string }[] }).objects.map((o) => [o.id, o]),
        );
        for (const r of part.rows) assert.deepEqual(JSON.parse(r.json), source.get(r.id));
        const rerun = await w.s.stixImport.importBundle(SYSTEM, 'shared', file(ATTACK));
        assert.equal(rerun.duplicates, committed.added);
        assert.equal(rerun.added, 2148 - committed.added);
        assert.equal((await footprint(w)).versions, 2148);
      } finally {
        await w.store.close();
      }
    });

    test('a batch that fails half-way leaves no object, audit entry or indicator of it; a rerun completes', async () => {
      let failAfter = Infinity;
      // The store fails once a transaction has appended 150 audit entries, as a process killed mid-batch would stop.
      const failing = (store: Store): Store =>
        new Proxy(store, {
          get(target, prop) {
            if (prop !== 'transaction') {
              const v = Reflect.get(target, prop, target) as unknown;
              return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
            }
            return <T>(fn: (tx: Repos) => Promise<T>) =>
              target.transaction((tx) => {
                let appends = 0;
                const audit = {
                  ...tx.audit,
                  append: (...args: Parameters<Repos['audit']['append']>) => {
                    if (++appends > failAfter) throw new Error('killed');
                    return tx.audit.append(...args);
                  },
                  appendMany: (...args: Parameters<Repos['audit']['appendMany']>) => {
                    appends += args[0].length;
                    if (appends > failAfter) throw new Error('killed');
                    return tx.audit.appendMany(...args);
                  },
                };
                return fn({
                  ...tx,
                  audit,
                  sharing: tx.sharing,
                  taxii: tx.taxii,
                  scan: tx.scan,
                  reports: tx.reports,
                  indicators: tx.indicators,
                  orgs: tx.orgs,
                  users: tx.users,
                  keys: tx.keys,
                });
              });
          },
        });
      const w = await world(factory, failing);
      try {
        const event = JSON.parse(
          readFileSync(join(FEED, '5e396a1e-68e4-4db5-8810-ca350aba047c.json'), 'utf8'),
        ) as unknown;
        const empty = await footprint(w);
        failAfter = 30;
        await assert.rejects(w.s.stixImport.importMispEvent(SYSTEM, 'shared', event), /killed/);
        const afterKill = await footprint(w);
        assert.deepEqual(
          [afterKill.versions, afterKill.indicators, afterKill.audit],
          [empty.versions, empty.indicators, empty.audit],
        );
        failAfter = Infinity;
        const r = await w.s.stixImport.importMispEvent(SYSTEM, 'shared', event);
        assert.ok(r.added > 0 && r.duplicates === 0);
      } finally {
        await w.store.close();
      }
    });

    test(
      'a revoked version, imported by the local operator, revokes the indicator its value fed',
      { timeout: 60_000 },
      async () => {
        const w = await world(factory);
        try {
          const v1 = {
            ...VALID_INDICATOR,
            id: 'indicator--5d0a6f7e-9f4c-4d43-9a0a-1f3c0c7b8e21',
            pattern: "[domain-name:value = 'revoke-me.example']",
          };
          const v2 = { ...v1, modified: '2026-02-01T00:00:00.000Z', revoked: true };
          const bundle = (o: object) => [
            new TextEncoder().encode(
              JSON.stringify({
                type: 'bundle',
                id: 'bundle--0b7c1d4e-3f56-4a1b-9c2d-8e7f6a5b4c3d',
                objects: [o],
              }),
            ),
          ];
          const first = await w.s.stixImport.importBundle(SYSTEM, 'shared', bundle(v1));
          assert.equal(first.indicatorsFed, 1, JSON.stringify(first));
          const second = await w.s.stixImport.importBundle(SYSTEM, 'shared', bundle(v2));
          assert.equal(second.updated, 1, JSON.stringify(second));
          assert.equal(second.indicatorsFed, 1, JSON.stringify(second));
          const [ind] = await w.store.indicators.list(
            {
              status: 'all',
              now: new Date().toISOString(),
              visibility: EVERYTHING,
              canonical: 'revoke-me.example',
            },
            { limit: 10, offset: 0 },
          );
          assert.notEqual(ind?.revokedAt ?? null, null);
        } finally {
          await w.store.close();
        }
      },
    );

    test('an object with half a surrogate pair is rejected on its own, in process and on the checking thread', async () => {
      for (const checkOnWorker of [false, true]) {
        const w = await world(factory);
        try {
          const ids = [
            '1f0e2d3c-4b5a-4978-8695-a4b3c2d1e0f1',
            '2f0e2d3c-4b5a-4978-8695-a4b3c2d1e0f2',
            '3f0e2d3c-4b5a-4978-8695-a4b3c2d1e0f3',
          ];
          const objects = ids.map((u, i) =>
            JSON.stringify({
              ...VALID_INDICATOR,
              id: `indicator--${u}`,
              name: i === 1 ? 'broken \ud800 name' : `fine ${i}`,
            }),
          );
          const text = `{"type":"bundle","id":"bundle--0b7c1d4e-3f56-4a1b-9c2d-8e7f6a5b4c3d","objects":[${objects.join(',')}]}`;
          assert.ok(text.includes('\\ud800'));
          const r = await w.s.stixImport.importBundle(SYSTEM, 'shared', [new TextEncoder().encode(text)], {
            checkOnWorker,
          });
          assert.equal(r.added, 2, JSON.stringify(r));
          assert.equal(r.rejected, 1);
          assert.equal(r.rejections[0]?.index, 1);
          assert.match(
            r.rejections[0]?.reason ?? '',
            /TOCSIN_ERR_INVALID_STIX: the object has no canonical JSON: Lone surrogate/,
          );
        } finally {
          await w.store.close();
        }
      }
    });

    test('round trip: export, import into a fresh store, the same indicators', async () => {
      const a = await world(factory);
      const b = await world(factory);
      try {
        await a.s.stixImport.importMispFeed(SYSTEM, 'shared', FEED);
        await a.s.stixImport.importMispEvent(SYSTEM, 'shared', JSON.parse(readFileSync(REGIN, 'utf8')));
        const pieces: Uint8Array[] = [];
        for await (const p of await a.s.stixExport.export(SYSTEM, {}))
          pieces.push(new TextEncoder().encode(p));
        const r = await b.s.stixImport.importBundle(SYSTEM, 'shared', pieces);
        assert.equal(r.rejected, 0, JSON.stringify(r.rejections.slice(0, 3)));
        const shape = async (x: World) => {
          const list = await x.store.indicators.list(
            { status: 'all', now: new Date().toISOString(), visibility: EVERYTHING },
            { limit: 100_000, offset: 0 },
          );
          return list
            .map(
              (i) =>
                `${i.kind} ${i.canonical} ${[...i.categories].sort().join(',')} ${i.tlp} ${i.confidence} ${i.validUntil ?? ''}`,
            )
            .sort();
        };
        const before = await shape(a);
        assert.ok(before.length > 1000);
        assert.deepEqual(await shape(b), before);
      } finally {
        await a.store.close();
        await b.store.close();
      }
    });

    test('a selection: kind and category filters; a collection the viewer may not read is refused', async () => {
      const w = await world(factory);
      try {
        await w.s.stixImport.importMispFeed(SYSTEM, 'shared', FEED);
        const all = await w.store.indicators.list(
          { status: 'active', now: new Date().toISOString(), visibility: EVERYTHING },
          { limit: 100_000, offset: 0 },
        );
        const kind = all[0]!.kind;
        let text = '';
        for await (const p of await w.s.stixExport.export(SYSTEM, { kind })) text += p;
        const objects = (JSON.parse(text) as { objects: { type: string }[] }).objects;
        assert.equal(
          objects.filter((o) => o.type === 'indicator').length,
          all.filter((i) => i.kind === kind).length,
        );
        await assert.rejects(
          w.s.stixExport.export(SYSTEM, { collection: 'no-such-collection' }),
          /not found/,
        );
      } finally {
        await w.store.close();
      }
    });
  });
}
