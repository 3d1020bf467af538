import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  TLP1_MARKING_IDS,
  TLP2_MARKING_IDS,
  TLP2_MARKINGS,
  isTlpMarkingRef,
  tlpMarkingRef,
  tlpOfMarkingRef,
  tlpOfMarkingRefs,
} from './tlp-markings.js';

void test('the TLP 2.0 ids are those OASIS publishes', () => {
  assert.deepEqual(TLP2_MARKING_IDS, {
    clear: 'marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487',
    green: 'marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb',
    amber: 'marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421',
    'amber+strict': 'marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003',
    red: 'marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1',
  });
  assert.equal(TLP2_MARKINGS['amber+strict'].name, 'TLP:AMBER+STRICT');
  assert.equal(tlpMarkingRef('clear'), TLP2_MARKING_IDS.clear);
});

void test('the TLP 1.0 ids of STIX 2.1 read as their TLP 2.0 levels, WHITE as CLEAR', () => {
  assert.equal(tlpOfMarkingRef(TLP1_MARKING_IDS.white), 'clear');
  assert.equal(tlpOfMarkingRef('marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da'), 'green');
  assert.equal(tlpOfMarkingRef('marking-definition--f88d31f6-486f-44da-b317-01333bde0b82'), 'amber');
  assert.equal(tlpOfMarkingRef('marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed'), 'red');
  assert.ok(isTlpMarkingRef(TLP1_MARKING_IDS.red));
  assert.ok(!isTlpMarkingRef('marking-definition--4a0042fe-8b88-40fe-9600-dfa128ce6fbd'));
});

void test('the most restrictive TLP marking wins', () => {
  const { clear, green, amber, red } = TLP2_MARKING_IDS;
  assert.equal(tlpOfMarkingRefs([clear, amber, green]), 'amber');
  assert.equal(tlpOfMarkingRefs([TLP2_MARKING_IDS['amber+strict'], amber]), 'amber+strict');
  assert.equal(tlpOfMarkingRefs([TLP2_MARKING_IDS['amber+strict'], red]), 'red');
  assert.equal(tlpOfMarkingRefs([TLP1_MARKING_IDS.white, green]), 'green');
  assert.equal(tlpOfMarkingRefs([TLP1_MARKING_IDS.amber, TLP2_MARKING_IDS['amber+strict']]), 'amber+strict');
});

void test('objects without a TLP marking have no TLP level', () => {
  assert.equal(tlpOfMarkingRefs([]), undefined);
  assert.equal(tlpOfMarkingRefs(undefined), undefined);
  assert.equal(tlpOfMarkingRefs(['marking-definition--4a0042fe-8b88-40fe-9600-dfa128ce6fbd']), undefined);
  // The interop test object of the OASIS examples: TLP:RED (1.0) beside an unknown marking.
  assert.equal(
    tlpOfMarkingRefs([
      'marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed',
      'marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ec',
    ]),
    'red',
  );
});
