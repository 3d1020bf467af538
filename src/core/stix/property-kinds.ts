/**
 * A small language for the type of each STIX property, so that the property tables of the spec can be
 * written down as data (`sdo-properties.ts`, `sco-properties.ts`) and checked by one function
 * (`validate-values.ts`).
 */
import type { Enumeration, OpenVocabulary } from './vocabularies.js';

/**
 * `ref:a|b` is an identifier of type `a` or `b` (`*`: any type; `sco`: any SCO type); `refs:` a list of
 * them. `ov:` is an open vocabulary (values outside it are warnings), `enum:` an enumeration (errors).
 * `uint` is an integer that MUST NOT be negative. `list` is a non-empty list checked elsewhere.
 */
export type PropertyKind =
  | 'string'
  | 'string-list'
  | 'boolean'
  | 'integer'
  | 'uint'
  | 'number'
  | 'timestamp'
  | 'hashes'
  | 'kill-chain'
  | 'dictionary'
  | 'hex'
  | 'binary'
  | 'list'
  | 'any'
  | `ref:${string}`
  | `refs:${string}`
  | `ov:${OpenVocabulary}`
  | `ov-list:${OpenVocabulary}`
  | `enum:${Enumeration}`
  | `enum-list:${Enumeration}`;

/** The specific properties of one object type and which of them are required. */
export interface TypeSpec {
  readonly required: readonly string[];
  readonly properties: Readonly<Record<string, PropertyKind>>;
}

/** The broad kinds of STIX object, which decide the common properties an object has. */
export type StixCategory =
  'sdo' | 'sro' | 'sco' | 'marking-definition' | 'language-content' | 'extension-definition';

// SDOs and SROs take the same common properties (STIX 2.1 section 3.2).
const DOMAIN_AND_RELATIONSHIP = {
  required: ['type', 'spec_version', 'id', 'created', 'modified'],
  optional: [
    'created_by_ref',
    'revoked',
    'labels',
    'confidence',
    'lang',
    'external_references',
    'object_marking_refs',
    'granular_markings',
    'extensions',
  ],
} as const;

/** Common properties (section 3.2) each category may carry, required ones first. */
export const COMMON_PROPERTIES: Readonly<
  Record<StixCategory, { readonly required: readonly string[]; readonly optional: readonly string[] }>
> = {
  sdo: DOMAIN_AND_RELATIONSHIP,
  sro: DOMAIN_AND_RELATIONSHIP,
  sco: {
    required: ['type', 'id'],
    optional: ['spec_version', 'object_marking_refs', 'granular_markings', 'defanged', 'extensions'],
  },
  'marking-definition': {
    required: ['type', 'spec_version', 'id', 'created'],
    optional: [
      'created_by_ref',
      'external_references',
      'object_marking_refs',
      'granular_markings',
      'extensions',
    ],
  },
  'language-content': {
    required: ['type', 'spec_version', 'id', 'created', 'modified'],
    optional: [
      'created_by_ref',
      'revoked',
      'labels',
      'confidence',
      'external_references',
      'object_marking_refs',
      'granular_markings',
      'extensions',
    ],
  },
  'extension-definition': {
    required: ['type', 'spec_version', 'id', 'created', 'modified', 'created_by_ref'],
    optional: ['revoked', 'labels', 'external_references', 'object_marking_refs', 'granular_markings'],
  },
};

/** Every common property name: one of them on an object that does not use it is "not applicable". */
export const ALL_COMMON_PROPERTIES: ReadonlySet<string> = new Set([
  'type',
  'spec_version',
  'id',
  'created_by_ref',
  'created',
  'modified',
  'revoked',
  'labels',
  'confidence',
  'lang',
  'external_references',
  'object_marking_refs',
  'granular_markings',
  'defanged',
  'extensions',
]);

/** Property names reserved by section 3.8: they MUST NOT appear in STIX 2.1 content. */
export const RESERVED_PROPERTIES: ReadonlySet<string> = new Set([
  'severity',
  'username',
  'phone_number',
  'action',
]);
