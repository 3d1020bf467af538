// Meta objects: marking definitions (statements, TLP 1.0, TLP 2.0), language content, extension definitions.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TLP1_MARKINGS, TLP2_EXTENSION_ID, TLP2_MARKINGS } from './tlp-markings.js';
import { validateStixObject } from './validate.js';

function problems(obj: Record<string, unknown>): string[] {
  return validateStixObject(obj).map((p) => `${p.severity} ${p.path}`);
}

const STATEMENT = {
  type: 'marking-definition',
  spec_version: '2.1',
  id: 'marking-definition--4a0042fe-8b88-40fe-9600-dfa128ce6fbd',
  created: '2016-08-01T00:00:00.000Z',
  definition_type: 'statement',
  definition: { statement: 'Copyright 2019, Example Corp' },
};

void test('a statement marking needs its statement', () => {
  assert.deepEqual(problems(STATEMENT), []);
  assert.deepEqual(problems({ ...STATEMENT, definition: { text: 'x' } }), ['error definition.statement']);
  assert.deepEqual(problems({ ...STATEMENT, definition_type: undefined, definition: undefined }), [
    'error definition_type',
    'error definition',
  ]);
});

void test('marking definitions are not versioned and never mark themselves', () => {
  assert.deepEqual(problems({ ...STATEMENT, modified: '2016-08-01T00:00:00.000Z' }), ['warning modified']);
  assert.deepEqual(problems({ ...STATEMENT, object_marking_refs: [STATEMENT.id] }), [
    'error object_marking_refs',
  ]);
  assert.deepEqual(
    problems({
      ...STATEMENT,
      granular_markings: [{ marking_ref: STATEMENT.id, selectors: ['definition.statement'] }],
    }),
    ['error granular_markings[0].marking_ref'],
  );
});

void test('the published TLP markings are valid as they are', () => {
  for (const m of [...Object.values(TLP1_MARKINGS), ...Object.values(TLP2_MARKINGS)]) {
    assert.deepEqual(validateStixObject(m), [], m.name);
  }
});

void test('no other TLP 1.0 marking may be created', () => {
  const forged = { ...TLP1_MARKINGS.green, id: 'marking-definition--089a6ecb-cc15-43cc-9494-767639779123' };
  assert.deepEqual(problems(forged), ['error id']);
  assert.deepEqual(problems({ ...TLP1_MARKINGS.green, definition: { tlp: 'amber' } }), ['error definition']);
  assert.deepEqual(problems({ ...TLP1_MARKINGS.red, name: 'TLP:AMBER' }), ['error name']);
});

void test('a TLP 2.0 marking must be one of the five, with its own level', () => {
  const amber = TLP2_MARKINGS.amber;
  const otherLevel = { [TLP2_EXTENSION_ID]: { extension_type: 'property-extension', tlp_2_0: 'red' } };
  assert.deepEqual(problems({ ...amber, extensions: otherLevel }), [`error extensions.${TLP2_EXTENSION_ID}`]);
  assert.deepEqual(problems({ ...amber, id: 'marking-definition--089a6ecb-cc15-43cc-9494-767639779123' }), [
    'error id',
  ]);
  assert.deepEqual(problems({ ...amber, created: '2023-01-01T00:00:00.000Z' }), ['error created']);
});

const LANGUAGE_CONTENT = {
  type: 'language-content',
  id: 'language-content--b86bd89f-98bb-4fa9-8cb2-9ad421da981d',
  spec_version: '2.1',
  created: '2017-02-08T21:31:22.007Z',
  modified: '2017-02-08T21:31:22.007Z',
  object_ref: 'campaign--12a111f0-b824-4baf-a224-83b80237a094',
  object_modified: '2017-02-08T21:31:22.007Z',
  contents: { vi: { name: 'Tấn công ngân hàng' }, de: { name: 'Bank Angriff' } },
};

void test('language content translates properties under RFC 5646 keys', () => {
  assert.deepEqual(problems(LANGUAGE_CONTENT), []);
  assert.deepEqual(problems({ ...LANGUAGE_CONTENT, object_ref: undefined, contents: undefined }), [
    'error object_ref',
    'error contents',
  ]);
  assert.deepEqual(problems({ ...LANGUAGE_CONTENT, contents: { 'not a language': { name: 'x' } } }), [
    'error contents.not a language',
  ]);
  assert.deepEqual(problems({ ...LANGUAGE_CONTENT, contents: { vi: { Name: 'x' } } }), [
    'error contents.vi.Name',
  ]);
  assert.deepEqual(problems({ ...LANGUAGE_CONTENT, lang: 'en' }), ['warning lang']);
});

const EXTENSION_DEFINITION = {
  id: 'extension-definition--71736db5-10db-43d3-b0e3-65cf81601fe1',
  type: 'extension-definition',
  spec_version: '2.1',
  name: 'Extension Foo 1a',
  description: 'This schema adds two properties to a STIX object at the toplevel',
  created: '2014-02-20T09:16:08.989000Z',
  modified: '2014-02-20T09:16:08.989000Z',
  created_by_ref: 'identity--11b76a96-5d2b-45e0-8a5a-f6994f370731',
  schema: 'https://www.example.com/schema-foo-1a/v1/',
  version: '1.2.1',
  extension_types: ['toplevel-property-extension'],
  extension_properties: ['toxicity', 'rank'],
};

void test('an extension definition names its creator, schema, version and extension types', () => {
  assert.deepEqual(problems(EXTENSION_DEFINITION), []);
  assert.deepEqual(problems({ ...EXTENSION_DEFINITION, created_by_ref: undefined, schema: undefined }), [
    'error created_by_ref',
    'error schema',
  ]);
  assert.deepEqual(problems({ ...EXTENSION_DEFINITION, extension_types: ['new-thing'] }), [
    'error extension_types[0]',
    'error extension_properties',
  ]);
  assert.deepEqual(problems({ ...EXTENSION_DEFINITION, extension_properties: undefined }), [
    'warning extension_properties',
  ]);
  assert.deepEqual(problems({ ...EXTENSION_DEFINITION, description: undefined }), ['warning description']);
  assert.deepEqual(problems({ ...EXTENSION_DEFINITION, confidence: 50 }), ['warning confidence']);
});
