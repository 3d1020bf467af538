/** Table types for Kysely. Column names are the database's (snake_case); repos map rows to core types. */
import type { Generated } from 'kysely';

export interface OrgsTable {
  id: string;
  name: string;
  /** Lowercased name: the unique key, so "CERT-X" and "cert-x" cannot both exist. */
  name_key: string;
  country: string;
  sector: string;
  kind: string;
  is_operator: number;
  created_at: string;
  updated_at: string;
}

export interface UsersTable {
  id: string;
  org_id: string;
  name: string;
  email: string;
  role: string;
  created_at: string;
  updated_at: string;
}

export interface ApiKeysTable {
  id: string;
  user_id: string;
  name: string;
  hash: string;
  hint: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface AuditLogTable {
  seq: number;
  at: string;
  actor_user_id: string | null;
  actor_org_id: string | null;
  action: string;
  object_type: string;
  object_id: string;
  before_digest: string | null;
  after_digest: string | null;
  prev_hash: string;
  hash: string;
}

export interface AuditHeadTable {
  id: Generated<number>;
  seq: number;
  hash: string;
}

export interface IndicatorsTable {
  num: Generated<number>;
  id: string;
  kind: string;
  value: string;
  canonical: string;
  keys: string;
  /** JSON array of category names. */
  categories: string;
  confidence: number;
  source_org_id: string;
  created_by: string | null;
  tlp: string;
  /** ' org-id group:g-id ' (see migration 0007), '' for none. */
  recipients: Generated<string>;
  valid_from: string;
  valid_until: string | null;
  first_seen: string | null;
  last_seen: string | null;
  description: string | null;
  revoked_at: string | null;
  created_at: string;
  updated_at: string;
  change_seq: number;
}

export interface CountersTable {
  name: string;
  value: number;
}

export interface ReportsTable {
  id: string;
  kind: string;
  value: string;
  canonical: string;
  channel: string;
  description: string;
  contact: string | null;
  occurred_at: string | null;
  reporter: string;
  reporter_org_id: string | null;
  status: string;
  indicator_id: string | null;
  triaged_by: string | null;
  triaged_at: string | null;
  triage_note: string | null;
  created_at: string;
}

export interface SettingsTable {
  name: string;
  value: string;
}

export interface ScanRulesTable {
  rule_id: string;
  version: number;
  change_seq: number;
  body: string;
  deleted: number;
  owner_org_id: string;
  author_user_id: string | null;
  created_at: string;
}

export interface ScanCountsTable {
  day: string;
  org_id: string;
  name: string;
  count: number;
}

export interface TaxiiCollectionsTable {
  id: string;
  title: string;
  description: string | null;
  alias: string | null;
  read_access: string;
  write_access: string;
  default_tlp: string;
  created_at: string;
  updated_at: string;
}

export interface StixObjectsTable {
  added_us: number;
  collection_id: string;
  id: string;
  type: string;
  spec_version: string;
  version: string;
  version_key: string;
  org_id: string;
  tlp: string;
  recipients: string;
  digest: string;
  json: string;
  /** 1 when no version of the same object in the collection is later (migration 0008). */
  is_last: Generated<number>;
  /** 1 when no version of the same object in the collection is earlier (migration 0008). */
  is_first: Generated<number>;
}

export interface TaxiiStatusesTable {
  id: string;
  org_id: string;
  user_id: string | null;
  collection_id: string;
  request_timestamp: string;
  status: string;
  total_count: number;
  success_count: number;
  failure_count: number;
  pending_count: number;
  details: string;
  created_at: string;
}

export interface OrgClientsTable {
  org_id: string;
  client_org_id: string;
  created_at: string;
}

export interface SharingGroupsTable {
  id: string;
  name: string;
  description: string;
  created_at: string;
}

export interface SharingGroupMembersTable {
  group_id: string;
  org_id: string;
  created_at: string;
}

export interface Database {
  org_clients: OrgClientsTable;
  sharing_groups: SharingGroupsTable;
  sharing_group_members: SharingGroupMembersTable;
  taxii_collections: TaxiiCollectionsTable;
  stix_objects: StixObjectsTable;
  taxii_statuses: TaxiiStatusesTable;
  scan_rules: ScanRulesTable;
  scan_counts: ScanCountsTable;
  reports: ReportsTable;
  settings: SettingsTable;
  indicators: IndicatorsTable;
  counters: CountersTable;
  orgs: OrgsTable;
  users: UsersTable;
  api_keys: ApiKeysTable;
  audit_log: AuditLogTable;
  audit_head: AuditHeadTable;
}
