import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ObservableKind } from '../../observables/observable.js';
import { parseObservable } from '../../observables/observable-value.js';
import { parsePattern } from '../pattern/parser.js';
import { simpleObservables } from '../pattern/simple-observables.js';
import { BundleSplitter } from '../stream/bundle-splitter.js';
import { TLP2_MARKING_IDS } from '../tlp-markings.js';
import { TOCSIN_EXTENSION_ID, TOCSIN_IDENTITY_ID } from '../tocsin-extension.js';
import { stixErrors, validateBundle, validateStixObject } from '../validate.js';
import { BundleWriter, bundleText } from './bundle-writer.js';
import { indicatorStixId, orgIdentityId } from './export-ids.js';
import { IndicatorExport } from './indicator-export.js';
import { indicatorSdo, orgIdentity } from './indicator-sdo.js';
import { observablePattern, patternString } from './observable-pattern.js';
import {
  ORG,
  SAMPLE_VALUES,
  exportedSamples,
  sampleIndicator,
} from '../../../../test/support/stix-export-samples.js';

/** What simpleObservables reads back from the pattern exported for `raw`, beside the canonical value. */
function roundTrip(kind: ObservableKind, raw: string): { canonical: string; back: string | undefined } {
  const parsedRaw = parseObservable(kind, raw);
  if (!parsedRaw.ok) assert.fail(`${kind} ${raw}: ${parsedRaw.error}`);
  const canonical = parsedRaw.value.canonical;
  const pattern = observablePattern(kind, canonical);
  assert.ok(pattern !== undefined, `${kind} ${canonical}`);
  const parsed = parsePattern(pattern);
  if (!parsed.ok) assert.fail(`${pattern}: ${parsed.error.message}`);
  const observables = simpleObservables(parsed.value);
  if (observables === undefined) return { canonical, back: undefined };
  assert.equal(observables.length, 1, pattern);
  assert.equal(observables[0]!.kind, kind, pattern);
  return { canonical, back: observables[0]!.value };
}

void test('every exported pattern reads back, through simpleObservables, as the same kind and canonical value', () => {
  for (const [kind, raw] of SAMPLE_VALUES) {
    const { canonical, back } = roundTrip(kind, raw);
    assert.equal(back, canonical, `${kind} ${raw}`);
  }
});

void test('patterns: the spec types, Tocsin types, hash names and escaping', () => {
  assert.equal(observablePattern('domain', 'evil.example'), "[domain-name:value = 'evil.example']");
  assert.equal(observablePattern('ip', '2001:db8::/32'), "[ipv6-addr:value = '2001:db8::/32']");
  assert.equal(
    observablePattern('file-hash', `md5:${'a'.repeat(32)}`),
    `[file:hashes.MD5 = '${'a'.repeat(32)}']`,
  );
  assert.equal(
    observablePattern('file-hash', `sha256:${'b'.repeat(64)}`),
    `[file:hashes.'SHA-256' = '${'b'.repeat(64)}']`,
  );
  assert.equal(observablePattern('file-hash', 'crc32:1234'), undefined);
  assert.equal(observablePattern('file-hash', 'no-colon'), undefined);
  assert.equal(observablePattern('phone', '+84912345678'), "[x-tocsin-phone-number:value = '+84912345678']");
  assert.equal(
    observablePattern('bank-account', '970436:0123'),
    "[x-tocsin-bank-account:value = '970436:0123']",
  );
  assert.equal(observablePattern('wallet', 'btc:1A1z'), "[x-tocsin-crypto-wallet:value = 'btc:1A1z']");
  assert.equal(patternString("it's a \\ path"), "'it\\'s a \\\\ path'");
  const url = "http://x.example/it's\\here";
  const parsed = parsePattern(observablePattern('url', url)!);
  assert.ok(parsed.ok);
  assert.deepEqual(simpleObservables(parsed.value), [{ kind: 'url', value: url }]);
});

void test('an indicator SDO carries id, creator, validity, confidence, categories and TLP', () => {
  const i = { ...sampleIndicator('phone', '0912 345 678', 2), description: 'Gọi giả danh công an' };
  const r = indicatorSdo(i);
  assert.ok(r.ok);
  assert.deepEqual(r.value, {
    type: 'indicator',
    spec_version: '2.1',
    id: 'indicator--0b7c0f8e-2f7a-4d1b-8c3e-000000000002',
    created_by_ref: orgIdentityId(ORG.id),
    created: '2026-03-01T09:30:00.000Z',
    modified: '2026-03-02T09:30:00.000Z',
    name: '+84912345678',
    description: 'Gọi giả danh công an',
    indicator_types: ['malicious-activity'],
    pattern: "[x-tocsin-phone-number:value = '+84912345678']",
    pattern_type: 'stix',
    pattern_version: '2.1',
    valid_from: '2026-03-01T00:00:00.000Z',
    valid_until: '2026-09-01T00:00:00.000Z',
    labels: ['phishing', 'impersonation'],
    confidence: 80,
    object_marking_refs: [TLP2_MARKING_IDS.amber],
    x_tocsin_first_seen: '2026-02-27T10:00:00.000Z',
  });
  assert.deepEqual(indicatorSdo(i), r, 'the same indicator exports to the same object');
  assert.equal(indicatorStixId(i.id), r.value.id);
  const revoked = indicatorSdo({ ...i, revokedAt: '2026-04-01T00:00:00.000Z' });
  assert.ok(revoked.ok && revoked.value['revoked'] === true);
});

void test('indicators that cannot be valid STIX are refused with the reason', () => {
  const i = sampleIndicator('domain', 'evil.example', 1);
  const empty = indicatorSdo({ ...i, validUntil: i.validFrom });
  assert.ok(!empty.ok && /ends .* before it starts/.test(empty.error));
  const badDate = indicatorSdo({ ...i, createdAt: 'yesterday' });
  assert.ok(!badDate.ok && /not a date/.test(badDate.error));
  const badHash = indicatorSdo({ ...i, kind: 'file-hash', canonical: 'crc32:1234' });
  assert.ok(!badHash.ok && /no STIX pattern/.test(badHash.error));
  // Timestamps without milliseconds are completed for created/modified, kept as they are for valid_from.
  const r = indicatorSdo({ ...i, createdAt: '2026-03-01T09:30:00Z', validFrom: '2026-03-01T00:00:00Z' });
  assert.ok(r.ok);
  assert.equal(r.value['created'], '2026-03-01T09:30:00.000Z');
  assert.equal(r.value['valid_from'], '2026-03-01T00:00:00Z');
});

void test('every exported object validates without errors, and refers only to objects exported with it', () => {
  const { indicators, referenced } = exportedSamples();
  for (const o of [...indicators, ...referenced]) {
    assert.deepEqual(stixErrors(validateStixObject(o)), [], JSON.stringify(o));
  }
  const ids = new Set(referenced.map((o) => o.id));
  for (const o of indicators) {
    assert.ok(ids.has(o['created_by_ref'] as string));
    for (const ref of o['object_marking_refs'] as string[]) assert.ok(ids.has(ref), ref);
  }
  assert.ok(ids.has(TOCSIN_EXTENSION_ID) && ids.has(TOCSIN_IDENTITY_ID));
  assert.equal(referenced.filter((o) => o.type === 'marking-definition').length, 5);
  assert.deepEqual(orgIdentity(ORG), referenced[0]);
});

void test('an export of only standard observables does not carry Tocsin extension', () => {
  const exp = new IndicatorExport();
  assert.ok(exp.add(sampleIndicator('domain', 'evil.example', 5)).ok);
  assert.deepEqual(exp.orgIds(), [ORG.id]);
  assert.deepEqual(
    exp.referenced([ORG, { ...ORG, id: 'another' }]).map((o) => o.id),
    [orgIdentityId(ORG.id), TLP2_MARKING_IDS.clear],
  );
});

void test('the bundle writer emits a bundle piece by piece that validates and splits back', async () => {
  const { indicators, referenced } = exportedSamples();
  const objects = [...indicators, ...referenced];
  const id = 'bundle--0f3c2e1a-4b5d-4c6e-8f7a-9b0c1d2e3f4a';
  let text = '';
  for await (const piece of bundleText(objects, { id, pieceSize: 500 })) text += piece;
  const bundle = JSON.parse(text) as { objects: unknown[] };
  assert.deepEqual(bundle, { type: 'bundle', id, objects });
  assert.deepEqual(stixErrors(validateBundle(bundle)), []);
  const back: unknown[] = [];
  const splitter = new BundleSplitter({ object: (t) => back.push(JSON.parse(t)) });
  splitter.write(new TextEncoder().encode(text));
  splitter.end();
  assert.deepEqual(back, objects);

  let empty = '';
  for await (const piece of bundleText([], { id })) empty += piece;
  assert.equal(empty, `{"type":"bundle","id":"${id}"}`);
  assert.deepEqual(stixErrors(validateBundle(JSON.parse(empty))), []);
});

void test('the bundle writer takes objects already in JSON and refuses misuse', () => {
  const w = new BundleWriter('bundle--0f3c2e1a-4b5d-4c6e-8f7a-9b0c1d2e3f4a');
  assert.throws(() => w.object({}), /start the bundle/);
  const text = w.start() + w.object('{"type":"x-a","id":"x-a--1"}') + w.object({ type: 'x-b' }) + w.end();
  assert.equal(
    text,
    '{"type":"bundle","id":"bundle--0f3c2e1a-4b5d-4c6e-8f7a-9b0c1d2e3f4a","objects":[{"type":"x-a","id":"x-a--1"},{"type":"x-b"}]}',
  );
  assert.equal(w.objectCount, 2);
  assert.throws(() => w.end(), /not open/);
  assert.throws(() => new BundleWriter('bundle--nope'), /not a bundle id/);
  assert.match(new BundleWriter().id, /^bundle--[0-9a-f-]{36}$/);
});
