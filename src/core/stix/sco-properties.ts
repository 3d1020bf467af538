/**
 * The specific properties of every STIX 2.1 SCO (section 6), which of them are required, and the
 * predefined extensions each SCO type defines (with the properties those extensions require).
 */
import type { TypeSpec } from './property-kinds.js';

const FILE_TIMES = { ctime: 'timestamp', mtime: 'timestamp', atime: 'timestamp' } as const;
const ADDRESS_REFS = {
  resolves_to_refs: 'refs:mac-addr',
  belongs_to_refs: 'refs:autonomous-system',
} as const;
const ENDPOINT = 'ref:ipv4-addr|ipv6-addr|mac-addr|domain-name' as const;

/** The SCOs of section 6. */
export const SCO_SPECS: Readonly<Record<string, TypeSpec>> = {
  artifact: {
    required: [],
    properties: {
      mime_type: 'string',
      payload_bin: 'binary',
      url: 'string',
      hashes: 'hashes',
      encryption_algorithm: 'enum:encryption-algorithm-enum',
      decryption_key: 'string',
    },
  },
  'autonomous-system': {
    required: ['number'],
    properties: { number: 'integer', name: 'string', rir: 'string' },
  },
  directory: {
    required: ['path'],
    properties: { path: 'string', path_enc: 'string', ...FILE_TIMES, contains_refs: 'refs:file|directory' },
  },
  'domain-name': {
    required: ['value'],
    properties: { value: 'string', resolves_to_refs: 'refs:ipv4-addr|ipv6-addr|domain-name' },
  },
  'email-addr': {
    required: ['value'],
    properties: { value: 'string', display_name: 'string', belongs_to_ref: 'ref:user-account' },
  },
  'email-message': {
    required: ['is_multipart'],
    properties: {
      is_multipart: 'boolean',
      date: 'timestamp',
      content_type: 'string',
      from_ref: 'ref:email-addr',
      sender_ref: 'ref:email-addr',
      to_refs: 'refs:email-addr',
      cc_refs: 'refs:email-addr',
      bcc_refs: 'refs:email-addr',
      message_id: 'string',
      subject: 'string',
      received_lines: 'string-list',
      additional_header_fields: 'dictionary',
      body: 'string',
      body_multipart: 'list',
      raw_email_ref: 'ref:artifact',
    },
  },
  file: {
    required: [],
    properties: {
      hashes: 'hashes',
      size: 'uint',
      name: 'string',
      name_enc: 'string',
      magic_number_hex: 'hex',
      mime_type: 'string',
      ...FILE_TIMES,
      parent_directory_ref: 'ref:directory',
      contains_refs: 'refs:sco',
      content_ref: 'ref:artifact',
    },
  },
  'ipv4-addr': { required: ['value'], properties: { value: 'string', ...ADDRESS_REFS } },
  'ipv6-addr': { required: ['value'], properties: { value: 'string', ...ADDRESS_REFS } },
  'mac-addr': { required: ['value'], properties: { value: 'string' } },
  mutex: { required: ['name'], properties: { name: 'string' } },
  'network-traffic': {
    required: ['protocols'],
    properties: {
      start: 'timestamp',
      end: 'timestamp',
      is_active: 'boolean',
      src_ref: ENDPOINT,
      dst_ref: ENDPOINT,
      src_port: 'integer',
      dst_port: 'integer',
      protocols: 'string-list',
      src_byte_count: 'uint',
      dst_byte_count: 'uint',
      src_packets: 'uint',
      dst_packets: 'uint',
      ipfix: 'dictionary',
      src_payload_ref: 'ref:artifact',
      dst_payload_ref: 'ref:artifact',
      encapsulates_refs: 'refs:network-traffic',
      encapsulated_by_ref: 'ref:network-traffic',
    },
  },
  process: {
    required: [],
    properties: {
      is_hidden: 'boolean',
      pid: 'integer',
      created_time: 'timestamp',
      cwd: 'string',
      command_line: 'string',
      environment_variables: 'dictionary',
      opened_connection_refs: 'refs:network-traffic',
      creator_user_ref: 'ref:user-account',
      image_ref: 'ref:file',
      parent_ref: 'ref:process',
      child_refs: 'refs:process',
    },
  },
  software: {
    required: ['name'],
    properties: {
      name: 'string',
      cpe: 'string',
      swid: 'string',
      languages: 'string-list',
      vendor: 'string',
      version: 'string',
    },
  },
  url: { required: ['value'], properties: { value: 'string' } },
  'user-account': {
    required: [],
    properties: {
      user_id: 'string',
      credential: 'string',
      account_login: 'string',
      account_type: 'ov:account-type-ov',
      display_name: 'string',
      is_service_account: 'boolean',
      is_privileged: 'boolean',
      can_escalate_privs: 'boolean',
      is_disabled: 'boolean',
      account_created: 'timestamp',
      account_expires: 'timestamp',
      credential_last_changed: 'timestamp',
      account_first_login: 'timestamp',
      account_last_login: 'timestamp',
    },
  },
  'windows-registry-key': {
    required: [],
    properties: {
      key: 'string',
      values: 'list',
      modified_time: 'timestamp',
      creator_user_ref: 'ref:user-account',
      number_of_subkeys: 'uint',
    },
  },
  'x509-certificate': {
    required: [],
    properties: {
      is_self_signed: 'boolean',
      hashes: 'hashes',
      version: 'string',
      serial_number: 'string',
      signature_algorithm: 'string',
      issuer: 'string',
      validity_not_before: 'timestamp',
      validity_not_after: 'timestamp',
      subject: 'string',
      subject_public_key_algorithm: 'string',
      subject_public_key_modulus: 'string',
      subject_public_key_exponent: 'integer',
      x509_v3_extensions: 'dictionary',
    },
  },
};

/**
 * The predefined extensions of each SCO type (sections 6.7, 6.12, 6.13, 6.16), each with the properties
 * the spec marks required. Every predefined extension MUST also hold at least one property.
 */
export const PREDEFINED_EXTENSIONS: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>> = {
  file: {
    'archive-ext': ['contains_refs'],
    'ntfs-ext': [],
    'pdf-ext': [],
    'raster-image-ext': [],
    'windows-pebinary-ext': ['pe_type'],
  },
  'network-traffic': {
    'http-request-ext': ['request_method', 'request_value'],
    'icmp-ext': ['icmp_type_hex', 'icmp_code_hex'],
    'socket-ext': ['address_family'],
    'tcp-ext': [],
  },
  process: { 'windows-process-ext': [], 'windows-service-ext': [] },
  'user-account': { 'unix-account-ext': [] },
};
