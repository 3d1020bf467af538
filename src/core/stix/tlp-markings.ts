/**
 * The TLP marking definitions of STIX 2.1. TLP 2.0 (FIRST, 2022) is published by OASIS as a property
 * extension (extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d, cti-stix-common-objects) with
 * five fixed marking-definition objects; TLP 1.0's four are defined in STIX 2.1 section 7.2.1.4, which
 * forbids any other TLP marking-definition instance. Ids and bodies below are copied from those sources.
 * Old feeds still mark with TLP 1.0, so both are read; WHITE reads as CLEAR.
 */
import type { Tlp } from '../sharing/tlp.js';

/** The OASIS extension-definition that defines TLP 2.0 markings. */
export const TLP2_EXTENSION_ID = 'extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d';

/** The marking-definition id of each TLP 2.0 level. */
export const TLP2_MARKING_IDS: Readonly<Record<Tlp, string>> = {
  clear: 'marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487',
  green: 'marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb',
  amber: 'marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421',
  'amber+strict': 'marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003',
  red: 'marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1',
};

/** The TLP 1.0 levels, as STIX 2.1 names them. */
export type Tlp1 = 'white' | 'green' | 'amber' | 'red';

/** The marking-definition id of each TLP 1.0 level (STIX 2.1 section 7.2.1.4). */
export const TLP1_MARKING_IDS: Readonly<Record<Tlp1, string>> = {
  white: 'marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9',
  green: 'marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da',
  amber: 'marking-definition--f88d31f6-486f-44da-b317-01333bde0b82',
  red: 'marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed',
};

/** The TLP 2.0 level each TLP 1.0 level maps to. */
export const TLP1_TO_TLP2: Readonly<Record<Tlp1, Tlp>> = {
  white: 'clear',
  green: 'green',
  amber: 'amber',
  red: 'red',
};

/** A TLP marking-definition as plain JSON. */
export type TlpMarkingDefinition = Readonly<Record<string, unknown>> & {
  readonly id: string;
  readonly name: string;
};

const TLP2_CREATED = '2022-10-01T00:00:00.000Z';
const TLP1_CREATED = '2017-01-20T00:00:00.000Z';

function tlp2Marking(level: Tlp): TlpMarkingDefinition {
  return Object.freeze({
    type: 'marking-definition',
    spec_version: '2.1',
    id: TLP2_MARKING_IDS[level],
    created: TLP2_CREATED,
    name: `TLP:${level.toUpperCase()}`,
    extensions: { [TLP2_EXTENSION_ID]: { extension_type: 'property-extension', tlp_2_0: level } },
  });
}

function tlp1Marking(level: Tlp1): TlpMarkingDefinition {
  return Object.freeze({
    type: 'marking-definition',
    spec_version: '2.1',
    id: TLP1_MARKING_IDS[level],
    created: TLP1_CREATED,
    definition_type: 'tlp',
    name: `TLP:${level.toUpperCase()}`,
    definition: { tlp: level },
  });
}

/** The five TLP 2.0 marking-definition objects, by level. */
export const TLP2_MARKINGS: Readonly<Record<Tlp, TlpMarkingDefinition>> = {
  clear: tlp2Marking('clear'),
  green: tlp2Marking('green'),
  amber: tlp2Marking('amber'),
  'amber+strict': tlp2Marking('amber+strict'),
  red: tlp2Marking('red'),
};

/** The four TLP 1.0 marking-definition objects, by level. */
export const TLP1_MARKINGS: Readonly<Record<Tlp1, TlpMarkingDefinition>> = {
  white: tlp1Marking('white'),
  green: tlp1Marking('green'),
  amber: tlp1Marking('amber'),
  red: tlp1Marking('red'),
};

const LEVEL_OF_ID: ReadonlyMap<string, Tlp> = new Map<string, Tlp>([
  ...Object.entries(TLP2_MARKING_IDS).map(([level, id]) => [id, level as Tlp] as const),
  ...Object.entries(TLP1_MARKING_IDS).map(([level, id]) => [id, TLP1_TO_TLP2[level as Tlp1]] as const),
]);

// Least to most restrictive: the index is the restriction rank.
const RANK: readonly Tlp[] = ['clear', 'green', 'amber', 'amber+strict', 'red'];

/** The TLP 2.0 level of a TLP marking-definition id (TLP 1.0 ids map to their 2.0 level), or undefined. */
export function tlpOfMarkingRef(ref: string): Tlp | undefined {
  return LEVEL_OF_ID.get(ref);
}

/**
 * The TLP level of an object marked with `refs` (its `object_marking_refs`): the most restrictive TLP
 * marking among them, or undefined when none is a TLP marking. Other markings (statements) are ignored.
 */
export function tlpOfMarkingRefs(refs: readonly string[] | undefined): Tlp | undefined {
  let best = -1;
  for (const ref of refs ?? []) {
    const level = LEVEL_OF_ID.get(ref);
    if (level !== undefined) best = Math.max(best, RANK.indexOf(level));
  }
  return best < 0 ? undefined : RANK[best];
}

/** The TLP 2.0 marking-definition id to mark an object of level `tlp` with. */
export function tlpMarkingRef(tlp: Tlp): string {
  return TLP2_MARKING_IDS[tlp];
}

/** Whether `id` is one of the nine TLP marking-definition ids (TLP 2.0 or 1.0). */
export function isTlpMarkingRef(id: string): boolean {
  return LEVEL_OF_ID.has(id);
}
