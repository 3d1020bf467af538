// External references and granular markings, shown on an indicator whose valid form has no problem.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { selectorResolves } from './validate-embedded.js';
import { indicatorProblems } from '../../../test/support/stix-testing.js';

const problems = indicatorProblems;

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
