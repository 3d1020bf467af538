// External references and granular markings, shown on an indicator whose valid form has no problem.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { selectorResolves } from './validate-embedded.js';
import { validateStixObject } from './validate.js';

const INDICATOR = {
  type: 'indicator',
  spec_version: '2.1',
  id: 'indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f',
  created_by_ref: 'identity--f431f809-377b-45e0-aa1c-6a4751cae5ff',
  created: '2016-04-06T20:03:48.000Z',
  modified: '2016-04-06T20:03:48.000Z',
  name: 'Poison Ivy Malware',
  indicator_types: ['malicious-activity'],
  pattern: "[file:hashes.'SHA-256' = '4bac27393bdd9777ce02453256c5577cd02275510b2227f473d03f533924f877']",
  pattern_type: 'stix',
  valid_from: '2016-01-01T00:00:00Z',
};

/** `severity path` of each problem of `INDICATOR` changed by `patch` (undefined deletes a property). */
function problems(patch: Record<string, unknown>): string[] {
  const obj: Record<string, unknown> = { ...INDICATOR, ...patch };
  for (const [k, v] of Object.entries(patch)) if (v === undefined) delete obj[k];
  return validateStixObject(obj).map((p) => `${p.severity} ${p.path}`);
}

void test('external references need a source name and one of description, url or external_id', () => {
  assert.deepEqual(
    problems({ external_references: [{ source_name: 'capec', external_id: 'CAPEC-163' }] }),
    [],
  );
  assert.deepEqual(problems({ external_references: [{ url: 'https://example.com' }] }), [
    'error external_references[0].source_name',
  ]);
  assert.deepEqual(problems({ external_references: [{ source_name: 'x' }] }), [
    'error external_references[0]',
  ]);
  assert.deepEqual(problems({ external_references: [{ source_name: 'cve', external_id: 'CVE-14-1' }] }), [
    'error external_references[0].external_id',
  ]);
  assert.deepEqual(
    problems({ external_references: [{ source_name: 'x', url: 'u', hashes: { 'SHA-256': 'abc' } }] }),
    ['error external_references[0].hashes.SHA-256'],
  );
});

void test('granular markings select content present in the object, with one of marking_ref and lang', () => {
  const tlp = 'marking-definition--f88d31f6-486f-44da-b317-01333bde0b82';
  assert.deepEqual(
    problems({ granular_markings: [{ marking_ref: tlp, selectors: ['name', 'indicator_types.[0]'] }] }),
    [],
  );
  assert.deepEqual(problems({ granular_markings: [{ lang: 'vi', selectors: ['name'] }] }), []);
  assert.deepEqual(problems({ granular_markings: [{ marking_ref: tlp, selectors: ['description'] }] }), [
    'error granular_markings[0].selectors[0]',
  ]);
  assert.deepEqual(
    problems({ granular_markings: [{ marking_ref: tlp, selectors: ['indicator_types.[1]', 'name.[0]'] }] }),
    ['error granular_markings[0].selectors[0]', 'error granular_markings[0].selectors[1]'],
  );
  assert.deepEqual(problems({ granular_markings: [{ marking_ref: tlp, lang: 'vi', selectors: ['name'] }] }), [
    'error granular_markings[0]',
  ]);
  assert.deepEqual(problems({ granular_markings: [{ selectors: ['name'] }] }), [
    'error granular_markings[0]',
  ]);
});

void test('selectors walk properties and list items of the object', () => {
  const obj = {
    labels: ['heartbleed', 'has-logo'],
    external_references: [{ source_name: 'cve' }],
    description: 'x',
  };
  assert.ok(selectorResolves(obj, 'external_references.[0].source_name'));
  assert.ok(selectorResolves(obj, 'labels.[1]'));
  assert.ok(!selectorResolves(obj, 'external_references.[3]'));
  assert.ok(!selectorResolves(obj, 'description.[0]'));
  assert.ok(!selectorResolves(obj, 'labels.name'));
  assert.ok(!selectorResolves(obj, 'pattern'));
  assert.ok(!selectorResolves(obj, ''));
});
