/**
 * The specific properties of every STIX 2.1 SDO (section 4), SRO (section 5) and meta object (section 7),
 * with the properties each requires, as the spec's property tables and the OASIS JSON schemas list them.
 */
import type { TypeSpec } from './property-kinds.js';

const NAMED = { name: 'string', description: 'string' } as const;
const SEEN = { first_seen: 'timestamp', last_seen: 'timestamp' } as const;

/** The SDOs of section 4. */
export const SDO_SPECS: Readonly<Record<string, TypeSpec>> = {
  'attack-pattern': {
    required: ['name'],
    properties: { ...NAMED, aliases: 'string-list', kill_chain_phases: 'kill-chain' },
  },
  campaign: {
    required: ['name'],
    properties: { ...NAMED, aliases: 'string-list', ...SEEN, objective: 'string' },
  },
  // `action` is RESERVED: listed so that the reserved-name check, not the custom-property one, reports it.
  'course-of-action': { required: ['name'], properties: { ...NAMED, action: 'any' } },
  // The 2.1 schema and the reference library both leave `name` optional here.
  grouping: {
    required: ['context', 'object_refs'],
    properties: { ...NAMED, context: 'ov:grouping-context-ov', object_refs: 'refs:*' },
  },
  identity: {
    required: ['name'],
    properties: {
      ...NAMED,
      roles: 'string-list',
      identity_class: 'ov:identity-class-ov',
      sectors: 'ov-list:industry-sector-ov',
      contact_information: 'string',
    },
  },
  incident: { required: ['name'], properties: { ...NAMED } },
  indicator: {
    required: ['pattern', 'pattern_type', 'valid_from'],
    properties: {
      ...NAMED,
      indicator_types: 'ov-list:indicator-type-ov',
      pattern: 'string',
      pattern_type: 'ov:pattern-type-ov',
      pattern_version: 'string',
      valid_from: 'timestamp',
      valid_until: 'timestamp',
      kill_chain_phases: 'kill-chain',
    },
  },
  infrastructure: {
    required: ['name'],
    properties: {
      ...NAMED,
      infrastructure_types: 'ov-list:infrastructure-type-ov',
      aliases: 'string-list',
      kill_chain_phases: 'kill-chain',
      ...SEEN,
    },
  },
  'intrusion-set': {
    required: ['name'],
    properties: {
      ...NAMED,
      aliases: 'string-list',
      ...SEEN,
      goals: 'string-list',
      resource_level: 'ov:attack-resource-level-ov',
      primary_motivation: 'ov:attack-motivation-ov',
      secondary_motivations: 'ov-list:attack-motivation-ov',
    },
  },
  location: {
    required: [],
    properties: {
      ...NAMED,
      latitude: 'number',
      longitude: 'number',
      precision: 'number',
      region: 'ov:region-ov',
      country: 'string',
      administrative_area: 'string',
      city: 'string',
      street_address: 'string',
      postal_code: 'string',
    },
  },
  malware: {
    required: ['is_family'],
    properties: {
      ...NAMED,
      malware_types: 'ov-list:malware-type-ov',
      is_family: 'boolean',
      aliases: 'string-list',
      kill_chain_phases: 'kill-chain',
      ...SEEN,
      operating_system_refs: 'refs:software',
      architecture_execution_envs: 'ov-list:processor-architecture-ov',
      implementation_languages: 'ov-list:implementation-language-ov',
      capabilities: 'ov-list:malware-capabilities-ov',
      sample_refs: 'refs:file|artifact',
    },
  },
  'malware-analysis': {
    required: ['product'],
    properties: {
      product: 'string',
      version: 'string',
      host_vm_ref: 'ref:software',
      operating_system_ref: 'ref:software',
      installed_software_refs: 'refs:software',
      configuration_version: 'string',
      modules: 'string-list',
      analysis_engine_version: 'string',
      analysis_definition_version: 'string',
      submitted: 'timestamp',
      analysis_started: 'timestamp',
      analysis_ended: 'timestamp',
      result_name: 'string',
      result: 'ov:malware-result-ov',
      analysis_sco_refs: 'refs:sco',
      sample_ref: 'ref:file|network-traffic|artifact',
    },
  },
  note: {
    required: ['content', 'object_refs'],
    properties: { abstract: 'string', content: 'string', authors: 'string-list', object_refs: 'refs:*' },
  },
  'observed-data': {
    required: ['first_observed', 'last_observed', 'number_observed'],
    properties: {
      first_observed: 'timestamp',
      last_observed: 'timestamp',
      number_observed: 'integer',
      objects: 'dictionary',
      object_refs: 'refs:*',
    },
  },
  opinion: {
    required: ['opinion', 'object_refs'],
    properties: {
      explanation: 'string',
      authors: 'string-list',
      opinion: 'enum:opinion-enum',
      object_refs: 'refs:*',
    },
  },
  report: {
    required: ['name', 'published', 'object_refs'],
    properties: {
      ...NAMED,
      report_types: 'ov-list:report-type-ov',
      published: 'timestamp',
      object_refs: 'refs:*',
    },
  },
  'threat-actor': {
    required: ['name'],
    properties: {
      ...NAMED,
      threat_actor_types: 'ov-list:threat-actor-type-ov',
      aliases: 'string-list',
      ...SEEN,
      roles: 'ov-list:threat-actor-role-ov',
      goals: 'string-list',
      sophistication: 'ov:threat-actor-sophistication-ov',
      resource_level: 'ov:attack-resource-level-ov',
      primary_motivation: 'ov:attack-motivation-ov',
      secondary_motivations: 'ov-list:attack-motivation-ov',
      personal_motivations: 'ov-list:attack-motivation-ov',
    },
  },
  tool: {
    required: ['name'],
    properties: {
      ...NAMED,
      tool_types: 'ov-list:tool-type-ov',
      aliases: 'string-list',
      kill_chain_phases: 'kill-chain',
      tool_version: 'string',
    },
  },
  vulnerability: { required: ['name'], properties: { ...NAMED } },
};

/** The SROs of section 5. */
export const SRO_SPECS: Readonly<Record<string, TypeSpec>> = {
  relationship: {
    required: ['relationship_type', 'source_ref', 'target_ref'],
    properties: {
      relationship_type: 'string',
      description: 'string',
      source_ref: 'ref:*',
      target_ref: 'ref:*',
      start_time: 'timestamp',
      stop_time: 'timestamp',
    },
  },
  sighting: {
    required: ['sighting_of_ref'],
    properties: {
      description: 'string',
      first_seen: 'timestamp',
      last_seen: 'timestamp',
      count: 'integer',
      sighting_of_ref: 'ref:*',
      observed_data_refs: 'refs:observed-data',
      where_sighted_refs: 'refs:identity|location',
      summary: 'boolean',
    },
  },
};

/** The meta objects of section 7. */
export const META_SPECS: Readonly<Record<string, TypeSpec>> = {
  'marking-definition': {
    required: [],
    properties: { name: 'string', definition_type: 'string', definition: 'dictionary' },
  },
  'language-content': {
    required: ['object_ref', 'contents'],
    properties: { object_ref: 'ref:*', object_modified: 'timestamp', contents: 'dictionary' },
  },
  'extension-definition': {
    required: ['name', 'schema', 'version', 'extension_types'],
    properties: {
      ...NAMED,
      schema: 'string',
      version: 'string',
      extension_types: 'enum-list:extension-type-enum',
      extension_properties: 'string-list',
    },
  },
};
