// Rules specific to SROs: relationships and sightings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateStixObject } from './validate.js';

const T = '2016-05-12T08:17:27.000Z';
const IDENTITY = 'identity--f431f809-377b-45e0-aa1c-6a4751cae5ff';
const MALWARE = 'malware--31b940d4-6f7f-459a-80ea-9c1f17b5891b';
const IPV4 = 'ipv4-addr--28bb3599-77cd-5a82-a950-b5bc3caf07c4';

function sro(type: string, uuid: string, props: Record<string, unknown>): Record<string, unknown> {
  return { type, spec_version: '2.1', id: `${type}--${uuid}`, created: T, modified: T, ...props };
}

function problems(obj: Record<string, unknown>): string[] {
  return validateStixObject(obj).map((p) => `${p.severity} ${p.path}`);
}

const RELATIONSHIP = sro('relationship', '44298a74-ba52-4f0c-87a3-1824e67d7fad', {
  relationship_type: 'indicates',
  source_ref: 'indicator--26ffb872-1dd9-446e-b6f5-d58527e5b5d2',
  target_ref: MALWARE,
});

void test('a relationship needs its type and two ends that are SDOs or SCOs', () => {
  assert.deepEqual(problems(RELATIONSHIP), []);
  assert.deepEqual(
    problems({ ...RELATIONSHIP, relationship_type: undefined, source_ref: undefined, target_ref: undefined }),
    ['error relationship_type', 'error source_ref', 'error target_ref'],
  );
  assert.deepEqual(
    problems({ ...RELATIONSHIP, target_ref: 'marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da' }),
    ['error target_ref'],
  );
  assert.deepEqual(problems({ ...RELATIONSHIP, relationship_type: 'Indicates' }), [
    'error relationship_type',
  ]);
  assert.deepEqual(problems({ ...RELATIONSHIP, relationship_type: 'subtechnique-of' }), [
    'warning relationship_type',
  ]);
});

void test('a relationship stop_time must be later than its start_time', () => {
  assert.deepEqual(problems({ ...RELATIONSHIP, start_time: T, stop_time: '2016-05-12T08:17:28Z' }), []);
  assert.deepEqual(problems({ ...RELATIONSHIP, start_time: T, stop_time: T }), ['error stop_time']);
});

void test('a sighting is of an SDO, with a count in range and seen times in order', () => {
  const s = sro('sighting', 'ee20065d-2555-424f-ad9e-0f8428623c75', {
    sighting_of_ref: 'indicator--26ffb872-1dd9-446e-b6f5-d58527e5b5d2',
    where_sighted_refs: [IDENTITY],
    count: 3,
  });
  assert.deepEqual(problems(s), []);
  assert.deepEqual(problems({ ...s, sighting_of_ref: undefined }), ['error sighting_of_ref']);
  assert.deepEqual(problems({ ...s, sighting_of_ref: IPV4 }), ['error sighting_of_ref']);
  assert.deepEqual(problems({ ...s, count: 1_000_000_000 }), ['error count']);
  assert.deepEqual(problems({ ...s, where_sighted_refs: [MALWARE] }), ['error where_sighted_refs[0]']);
  assert.deepEqual(problems({ ...s, first_seen: T, last_seen: '2015-01-01T00:00:00Z' }), ['error last_seen']);
});
