// The common-property rules, shown on an indicator (an SDO) whose valid form yields no problem at all.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateStixObject } from './validate.js';
import { indicatorProblems, VALID_INDICATOR } from '../../../test/support/stix-testing.js';

const INDICATOR = VALID_INDICATOR;
const problems = indicatorProblems;

void test('the base indicator is valid', () => {
  assert.deepEqual(validateStixObject(INDICATOR), []);
});

void test('anything but an object with a type is refused outright', () => {
  assert.deepEqual(
    validateStixObject(null).map((p) => p.message),
    ['a STIX object must be a JSON object'],
  );
  assert.deepEqual(problems({ type: undefined }), ['error type']);
  assert.deepEqual(problems({ type: 'Indicator' }), ['error type']);
});

void test('required common properties are required', () => {
  for (const name of ['spec_version', 'id', 'created', 'modified']) {
    assert.deepEqual(problems({ [name]: undefined }), [`error ${name}`], name);
  }
  assert.deepEqual(problems({ spec_version: '2.0' }), ['error spec_version']);
});

void test('the id must be type--UUID of the object type, and SHOULD be a UUIDv4', () => {
  assert.deepEqual(problems({ id: 'indicator--not-a-uuid' }), ['error id']);
  assert.deepEqual(problems({ id: 'malware--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f' }), ['error id']);
  assert.deepEqual(problems({ id: 'indicator--1621d4d4-b67d-11e3-9670-f01faf20d111' }), ['warning id']);
  assert.deepEqual(problems({ id: 'indicator--8E2E2D2B-17D4-4CBF-938F-98EE46B3CD3F' }), ['warning id']);
});

void test('created and modified are millisecond-precise UTC timestamps, modified not before created', () => {
  assert.deepEqual(problems({ modified: '2016-04-06T20:03:47.999Z' }), ['error modified']);
  assert.deepEqual(problems({ modified: '2016-04-06T20:03:48.0001Z' }), []);
  assert.deepEqual(problems({ created: '2016-04-06T20:03:48Z', modified: '2016-04-06T20:03:48Z' }), [
    'error created',
    'error modified',
  ]);
  assert.deepEqual(problems({ created: '2016-04-06T20:03:48.000' }), ['error created']);
  assert.deepEqual(problems({ valid_from: '2016-01-01T00:00:00+07:00' }), ['error valid_from']);
});

void test('created_by_ref is an identity; object_marking_refs are marking definitions', () => {
  assert.deepEqual(problems({ created_by_ref: 'malware--31b940d4-6f7f-459a-80ea-9c1f17b5891b' }), [
    'error created_by_ref',
  ]);
  assert.deepEqual(problems({ object_marking_refs: ['identity--f431f809-377b-45e0-aa1c-6a4751cae5ff'] }), [
    'error object_marking_refs[0]',
  ]);
  assert.deepEqual(problems({ object_marking_refs: [] }), ['error object_marking_refs']);
  assert.deepEqual(
    problems({ object_marking_refs: ['marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da'] }),
    [],
  );
});

void test('revoked, labels, confidence and lang have their types and ranges', () => {
  assert.deepEqual(problems({ revoked: 'yes' }), ['error revoked']);
  assert.deepEqual(problems({ labels: [] }), ['error labels']);
  assert.deepEqual(problems({ labels: ['a', 3] }), ['error labels[1]']);
  assert.deepEqual(problems({ confidence: 101 }), ['error confidence']);
  assert.deepEqual(problems({ confidence: 50.5 }), ['error confidence']);
  assert.deepEqual(problems({ confidence: 0 }), []);
  assert.deepEqual(problems({ lang: 'vi' }), []);
  assert.deepEqual(problems({ lang: 'zh-Hant-TW' }), []);
  assert.deepEqual(problems({ lang: 'english!' }), ['error lang']);
});

void test('custom properties: x_ prefix, 3-250 characters of a-z, 0-9 and _', () => {
  assert.deepEqual(problems({ x_tocsin_score: 7 }), []);
  assert.deepEqual(problems({ tocsin_score: 7 }), ['error tocsin_score']);
  assert.deepEqual(problems({ x_Score: 7 }), ['error x_Score']);
  assert.deepEqual(problems({ xy: 7 }), ['error xy']);
  assert.deepEqual(problems({ 'x-score': 7 }), ['error x-score']);
  assert.deepEqual(problems({ x_tocsin_data_hex: 'zz' }), ['error x_tocsin_data_hex']);
});

void test('a declared top-level property extension lifts the x_ rule, not the name rule', () => {
  const extensions = {
    'extension-definition--71736db5-10db-43d3-b0e3-65cf81601fe1': {
      extension_type: 'toplevel-property-extension',
    },
  };
  assert.deepEqual(problems({ extensions, rank: 1, toxicity: 2 }), []);
  assert.deepEqual(problems({ extensions, Rank: 1 }), ['error Rank']);
});

void test('reserved names and SCO-only properties are refused', () => {
  assert.deepEqual(problems({ severity: 'high' }), ['error severity']);
  assert.deepEqual(problems({ defanged: true }), ['error defanged']);
});

void test('extensions of an SDO are extension definitions with an extension_type', () => {
  const id = 'extension-definition--d83fce45-ef58-4c6c-a3f4-1fbc32e98c6e';
  assert.deepEqual(problems({ extensions: { [id]: { extension_type: 'property-extension', rank: 5 } } }), []);
  assert.deepEqual(problems({ extensions: { [id]: { rank: 5 } } }), [
    `error extensions.${id}.extension_type`,
  ]);
  assert.deepEqual(problems({ extensions: { 'x-acme-ext': { rank: 5 } } }), ['error extensions.x-acme-ext']);
  assert.deepEqual(problems({ extensions: {} }), ['error extensions']);
});

void test('open vocabularies warn, they do not fail', () => {
  const out = validateStixObject({ ...INDICATOR, indicator_types: ['scam'] });
  assert.deepEqual(
    out.map((p) => [p.severity, p.path, p.message]),
    [['warning', 'indicator_types[0]', '"scam" SHOULD come from indicator-type-ov']],
  );
});
