/**
 * A bundle import checks its batches on a worker thread once a batch is large enough (or when told): the
 * thread must change nothing of what is stored. The same bundle (valid indicators that feed the check
 * index, objects without a version, invalid STIX, a bad pattern, a value that is not an object, a repeat) imported
 * on the thread and in process gives the same outcome, objects and indicators; every audit entry of an added
 * object carries the digest of what was stored; and a second run on the thread changes nothing.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { SYSTEM } from '../../src/core/auth/principal.js';
import { stateDigest } from '../../src/core/audit/audit-entry.js';
import { visibilityRule } from '../../src/core/sharing/tlp.js';
import { ensureOperator } from '../../src/services/bootstrap.js';
import { systemClock } from '../../src/services/clock.js';
import { viewerOf } from '../../src/services/indicator-service.js';
import { buildServices, type Services } from '../../src/services/services.js';
import type { ImportSummary } from '../../src/services/stix-import-service.js';
import type { Store } from '../../src/store/store.js';
import { allStoreFactories } from '../support/stores.js';

const EVERYTHING = visibilityRule(viewerOf(SYSTEM));
const GREEN = 'marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb';

/** The objects' JSON texts of the bundle (`k` makes values unique), some of them refused on purpose. */
function texts(n: number): string[] {
  const out: string[] = [];
  for (let k = 0; k < n; k++) {
    const id = `indicator--${randomUUID()}`;
    const day = String(1 + (k % 28)).padStart(2, '0');
    const o: Record<string, unknown> = {
      type: 'indicator',
      spec_version: '2.1',
      id,
      created: `2026-03-${day}T10:00:00.000Z`,
      modified: `2026-03-${day}T10:00:00.000Z`,
      name: k % 3 === 0 ? 'Lừa đảo "ngân hàng"' : 'Phishing site',
      indicator_types: ['malicious-activity'],
      labels: ['phishing'],
      pattern:
        k % 2 === 0
          ? `[domain-name:value = 'w${k}.example']`
          : `[url:value = 'http://u${k}.example/a?b=${k}']`,
      pattern_type: 'stix',
      valid_from: `2026-03-${day}T10:00:00Z`,
      ...(k % 4 === 0 ? { object_marking_refs: [GREEN] } : {}),
    };
    if (k % 50 === 7) o['pattern'] = "[domain-name:value = 'unclosed";
    if (k % 50 === 8) delete o['created'];
    out.push(JSON.stringify(o));
    // Objects without a version: their version is the date they are added.
    if (k % 25 === 3)
      out.push(
        JSON.stringify({ type: 'domain-name', id: `domain-name--${randomUUID()}`, value: `d${k}.example` }),
      );
    if (k % 100 === 9) out.push('{"type": "indicator", "id": ');
    if (k % 100 === 10) out.push(out[out.length - 1]!);
  }
  return out;
}

/** A bundle as a stream of small chunks, split anywhere (texts that are not JSON stay one value each). */
function bundle(objects: readonly string[]): Uint8Array[] {
  const whole = Buffer.from(
    `{"type":"bundle","id":"bundle--${randomUUID()}","objects":[${objects
      .map((t) => (t.startsWith('{"type": "indicator", "id": ') ? '"not an object"' : t))
      .join(',')}]}`,
  );
  const chunks: Uint8Array[] = [];
  for (let i = 0; i < whole.length; i += 7001) chunks.push(whole.subarray(i, i + 7001));
  return chunks;
}

async function world(store: Store): Promise<Services> {
  const s = buildServices({ store, clock: systemClock, config: { keyLastUsedInterval: 60 } });
  await ensureOperator(s, { name: 'Test Centre', country: 'VN', adminEmail: 'admin@centre.test' });
  return s;
}

const outcome = (s: ImportSummary) => ({
  objects: s.objects,
  added: s.added,
  updated: s.updated,
  duplicates: s.duplicates,
  rejected: s.rejected,
  fed: s.indicatorsFed,
  reasons: s.rejections.map((r) => `${r.index} ${r.reason.replace(/indicator--[0-9a-f-]+/g, 'ID')}`),
});

for (const factory of await allStoreFactories()) {
  describe(`STIX import on a worker thread on ${factory.name}`, { skip: factory.skip }, () => {
    after(() => factory.cleanup());

    test('the same outcome, objects, indicators and audit digests as in process; a rerun changes nothing', async () => {
      const objects = texts(450);
      const stores = [await factory.open(), await factory.open()];
      try {
        const [onThread, inProcess] = await Promise.all(stores.map(world));
        const run = (s: Services, checkOnWorker: boolean) =>
          s.stixImport.importBundle(SYSTEM, 'shared', bundle(objects), { batchSize: 200, checkOnWorker });
        const a = await run(onThread!, true);
        const b = await run(inProcess!, false);
        assert.deepEqual(outcome(a), outcome(b));
        assert.ok(
          a.added > 400 && a.rejected >= 10 && a.duplicates >= 4 && a.indicatorsFed > 400,
          JSON.stringify(outcome(a)),
        );

        const stored = async (store: Store) => {
          const [c] = (await store.taxii.listCollections()).filter((x) => x.alias === 'shared');
          const rows = await store.taxii.query(
            {
              collectionId: c!.id,
              versions: { all: true, first: false, last: false, keys: [] },
              visibility: EVERYTHING,
            },
            10_000,
          );
          return rows;
        };
        const rowsA = await stored(stores[0]!);
        const rowsB = await stored(stores[1]!);
        const shape = (r: (typeof rowsA)[number]) =>
          r.type === 'domain-name'
            ? `${r.id} ${r.tlp} ${r.json}`
            : `${r.id} ${r.version} ${r.tlp} ${r.digest} ${r.json}`;
        assert.deepEqual(rowsA.map(shape), rowsB.map(shape));

        const indicators = async (store: Store) =>
          (
            await store.indicators.list(
              { status: 'all', now: new Date().toISOString(), visibility: EVERYTHING },
              { limit: 10_000, offset: 0 },
            )
          )
            .map((i) => `${i.kind} ${i.canonical} ${i.categories.join(',')} ${i.tlp} ${i.validFrom}`)
            .sort();
        assert.deepEqual(await indicators(stores[0]!), await indicators(stores[1]!));

        // Each added object's audit entry holds the digest of what was stored (worked out on the thread).
        const entries = [];
        for await (const e of stores[0]!.audit.entries()) entries.push(e);
        const adds = entries.filter((e) => e.action === 'taxii.object.add');
        assert.equal(adds.length, rowsA.length);
        for (const [k, r] of rowsA.entries()) {
          assert.equal(adds[k]!.objectId, r.id);
          assert.equal(
            adds[k]!.afterDigest,
            stateDigest({
              collectionId: r.collectionId,
              id: r.id,
              version: r.version,
              tlp: r.tlp,
              digest: r.digest,
            }),
          );
        }
        assert.deepEqual(await onThread!.audit.verify(), {
          ok: true,
          entries: entries.length,
          headHash: entries.at(-1)!.hash,
        });

        // Again on the thread: every valid object is a duplicate, nothing is written.
        const head = await stores[0]!.audit.head();
        const again = await run(onThread!, true);
        assert.equal(again.added + again.updated + again.indicatorsFed, 0);
        assert.equal(again.duplicates, again.objects - again.rejected);
        assert.deepEqual(await stores[0]!.audit.head(), head);
      } finally {
        for (const s of stores) await s.close();
      }
    });
  });
}
