// Rules specific to SDOs and SROs, each shown on a minimal valid object and a broken variant.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateStixObject } from './validate.js';

const T = '2016-05-12T08:17:27.000Z';
const IDENTITY = 'identity--f431f809-377b-45e0-aa1c-6a4751cae5ff';
const MALWARE = 'malware--31b940d4-6f7f-459a-80ea-9c1f17b5891b';
const IPV4 = 'ipv4-addr--28bb3599-77cd-5a82-a950-b5bc3caf07c4';

function sdo(type: string, uuid: string, props: Record<string, unknown>): Record<string, unknown> {
  return { type, spec_version: '2.1', id: `${type}--${uuid}`, created: T, modified: T, ...props };
}

function problems(obj: Record<string, unknown>): string[] {
  return validateStixObject(obj).map((p) => `${p.severity} ${p.path}`);
}

const INDICATOR = sdo('indicator', '26ffb872-1dd9-446e-b6f5-d58527e5b5d2', {
  pattern: "[ipv4-addr:value = '198.51.100.1']",
  pattern_type: 'stix',
  valid_from: '2016-05-12T00:00:00Z',
});

void test('an indicator needs pattern, pattern_type and valid_from', () => {
  assert.deepEqual(problems(INDICATOR), []);
  assert.deepEqual(
    problems({ ...INDICATOR, pattern: undefined, pattern_type: undefined, valid_from: undefined }),
    ['error pattern', 'error pattern_type', 'error valid_from'],
  );
  assert.deepEqual(problems({ ...INDICATOR, pattern: '' }), ['error pattern']);
});

void test('an indicator valid_until must be later than valid_from', () => {
  assert.deepEqual(problems({ ...INDICATOR, valid_until: '2016-05-13T00:00:00Z' }), []);
  assert.deepEqual(problems({ ...INDICATOR, valid_until: '2016-05-12T00:00:00.000Z' }), [
    'error valid_until',
  ]);
  assert.deepEqual(problems({ ...INDICATOR, valid_until: '2016-05-11T23:59:59Z' }), ['error valid_until']);
});

void test('the named SDOs need their name', () => {
  for (const type of [
    'attack-pattern',
    'campaign',
    'course-of-action',
    'identity',
    'incident',
    'infrastructure',
    'intrusion-set',
    'threat-actor',
    'tool',
    'vulnerability',
  ]) {
    const obj = sdo(type, '0c7b5b88-8ff7-4a4d-aa9d-feb398cd0061', { name: 'x' });
    assert.deepEqual(problems(obj), [], type);
    assert.deepEqual(problems({ ...obj, name: undefined }), ['error name'], type);
  }
});

void test('first_seen and last_seen are in order', () => {
  const campaign = sdo('campaign', '8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f', { name: 'Green Group' });
  assert.deepEqual(problems({ ...campaign, first_seen: T, last_seen: T }), []);
  assert.deepEqual(problems({ ...campaign, first_seen: T, last_seen: '2016-05-12T08:17:26.999Z' }), [
    'error last_seen',
  ]);
});

void test('a malware family needs a name; is_family is required', () => {
  const m = sdo('malware', '31b940d4-6f7f-459a-80ea-9c1f17b5891b', { is_family: false });
  assert.deepEqual(problems(m), []);
  assert.deepEqual(problems({ ...m, is_family: true }), ['error name']);
  assert.deepEqual(problems({ ...m, is_family: undefined }), ['error is_family']);
  assert.deepEqual(problems({ ...m, sample_refs: [IDENTITY] }), ['error sample_refs[0]']);
});

void test('a report needs name, published and object_refs', () => {
  const r = sdo('report', '84e4d88f-44ea-4bcd-bbf3-b2c1c320bcb3', {
    name: 'r',
    published: T,
    object_refs: [MALWARE],
  });
  assert.deepEqual(problems(r), []);
  assert.deepEqual(problems({ ...r, published: undefined, object_refs: undefined }), [
    'error published',
    'error object_refs',
  ]);
  assert.deepEqual(problems({ ...r, object_refs: [] }), ['error object_refs']);
  assert.deepEqual(problems({ ...r, report_types: ['threat-report'] }), []);
});

void test('grouping, note and opinion have their required properties and enumerations', () => {
  const g = sdo('grouping', '84e4d88f-44ea-4bcd-bbf3-b2c1c320bcb3', {
    context: 'suspicious-activity',
    object_refs: [MALWARE],
  });
  assert.deepEqual(problems(g), []);
  assert.deepEqual(problems({ ...g, context: undefined }), ['error context']);
  const n = sdo('note', '0c7b5b88-8ff7-4a4d-aa9d-feb398cd0061', { content: 'c', object_refs: [MALWARE] });
  assert.deepEqual(problems(n), []);
  assert.deepEqual(problems({ ...n, content: undefined }), ['error content']);
  const o = sdo('opinion', 'b01efc25-77b4-4003-b18b-f6e24b5cd9f7', {
    opinion: 'agree',
    object_refs: [MALWARE],
  });
  assert.deepEqual(problems(o), []);
  assert.deepEqual(problems({ ...o, opinion: 'sure' }), ['error opinion']);
});

void test('a location needs region, country or coordinates, in range and together', () => {
  const l = sdo('location', 'a6e9345f-5a15-4c29-8bb3-7dcc5d168d64', { country: 'VN' });
  assert.deepEqual(problems(l), []);
  assert.deepEqual(problems({ ...l, country: undefined, region: 'south-eastern-asia' }), []);
  assert.deepEqual(problems({ ...l, country: undefined }), ['error region']);
  assert.deepEqual(problems({ ...l, latitude: 91, longitude: 0 }), ['error latitude']);
  assert.deepEqual(problems({ ...l, latitude: 21 }), ['error longitude']);
  assert.deepEqual(problems({ ...l, precision: 10 }), ['error precision']);
  assert.deepEqual(problems({ ...l, country: 'Vietnam' }), ['warning country']);
});

void test('observed data: counts, order, and references to SCOs only', () => {
  const od = sdo('observed-data', 'b67d30ff-02ac-498a-92f9-32f845f448cf', {
    first_observed: '2015-12-21T19:00:00Z',
    last_observed: '2015-04-15T19:00:00Z',
    number_observed: 0,
    object_refs: [MALWARE],
  });
  assert.deepEqual(problems(od), [
    'error number_observed',
    'error last_observed',
    'error object_refs[0]',
    'error object_refs',
  ]);
  assert.deepEqual(
    problems({ ...od, last_observed: '2016-01-01T00:00:00Z', number_observed: 50, object_refs: [IPV4] }),
    [],
  );
  assert.deepEqual(
    problems({ ...od, last_observed: '2016-01-01T00:00:00Z', number_observed: 50, object_refs: undefined }),
    ['error object_refs'],
  );
});

void test('malware analysis needs a product and a result or analysed SCOs', () => {
  const ma = sdo('malware-analysis', 'd25dcf7f-f6c1-4e49-b7b0-5a4d3b21ce29', {
    product: 'av',
    result: 'malicious',
  });
  assert.deepEqual(problems(ma), []);
  assert.deepEqual(problems({ ...ma, result: undefined }), ['error result']);
  assert.deepEqual(problems({ ...ma, result: 'evil' }), ['warning result']);
});

void test('custom object types start with x- unless an extension declares them', () => {
  const custom = {
    type: 'x-acme-widget',
    spec_version: '2.1',
    id: 'x-acme-widget--4527e5de-8572-446a-a57a-706f15467461',
    created: T,
    modified: T,
    size: 3,
  };
  assert.deepEqual(problems(custom), []);
  assert.deepEqual(
    problems({ ...custom, type: 'widget', id: 'widget--4527e5de-8572-446a-a57a-706f15467461' }),
    ['error type'],
  );
  const declared = {
    ...custom,
    type: 'my-favorite-sdo',
    id: 'my-favorite-sdo--ac97aae4-83f1-46ca-a351-7aeb76678189',
    extensions: {
      'extension-definition--9c59fd79-4215-4ba2-920d-3e4f320e1e62': { extension_type: 'new-sdo' },
    },
  };
  assert.deepEqual(problems(declared), []);
  assert.deepEqual(problems({ ...custom, modified: '2016-01-01T00:00:00.000Z' }), ['error modified']);
  assert.deepEqual(problems({ ...custom, Size: 3 }), ['error Size']);
});
