import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hasStixErrors, validateBundle } from './validate.js';

const CAMPAIGN = {
  type: 'campaign',
  spec_version: '2.1',
  id: 'campaign--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f',
  created: '2016-04-06T20:03:00.000Z',
  modified: '2016-04-06T20:03:00.000Z',
  name: 'Green Group Attacks Against Finance',
};
const BUNDLE = { type: 'bundle', id: 'bundle--5d0092c5-5f74-4287-9642-33f4c354e56d', objects: [CAMPAIGN] };

function problems(bundle: unknown): string[] {
  return validateBundle(bundle).map((p) => `${p.severity} ${p.path}`);
}

void test('a bundle is type "bundle", an id bundle--UUID and a list of objects', () => {
  assert.deepEqual(validateBundle(BUNDLE), []);
  assert.deepEqual(problems([]), ['error ']);
  assert.deepEqual(problems({ ...BUNDLE, type: 'collection' }), ['error type']);
  assert.deepEqual(problems({ ...BUNDLE, id: 'report--5d0092c5-5f74-4287-9642-33f4c354e56d' }), ['error id']);
  assert.deepEqual(problems({ ...BUNDLE, id: undefined }), ['error id']);
  assert.deepEqual(problems({ ...BUNDLE, id: 'bundle--1621d4d4-b67d-11e3-9670-f01faf20d111' }), [
    'warning id',
  ]);
  assert.deepEqual(problems({ ...BUNDLE, objects: {} }), ['error objects']);
  assert.deepEqual(problems({ ...BUNDLE, objects: [] }), ['error objects']);
  // Section 8.1 makes objects optional.
  assert.deepEqual(problems({ type: 'bundle', id: BUNDLE.id }), []);
  assert.deepEqual(problems({ ...BUNDLE, spec_version: '2.0' }), ['warning spec_version']);
});

void test('problems of objects carry their place in the bundle', () => {
  const broken = { ...CAMPAIGN, name: undefined, modified: '2016-04-06T20:02:59.000Z' };
  assert.deepEqual(problems({ ...BUNDLE, objects: [CAMPAIGN, broken, 7] }), [
    'error objects[1].modified',
    'error objects[1].name',
    'error objects[2]',
  ]);
  assert.ok(hasStixErrors(validateBundle({ ...BUNDLE, objects: [broken] })));
});

void test('a nested bundle is not a STIX object', () => {
  assert.deepEqual(problems({ ...BUNDLE, objects: [BUNDLE] }), ['error objects[0].type']);
});

void test('the same version of an object twice is flagged; other versions are fine', () => {
  const newer = { ...CAMPAIGN, modified: '2016-05-06T20:03:00.000Z' };
  assert.deepEqual(problems({ ...BUNDLE, objects: [CAMPAIGN, newer] }), []);
  assert.deepEqual(problems({ ...BUNDLE, objects: [CAMPAIGN, CAMPAIGN] }), ['warning objects[1].id']);
});
