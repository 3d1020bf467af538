/** Organizations: the national centre, its members (SOCs, banks, telcos, ISPs…) and its foreign peers. */

export const SECTORS = [
  'government',
  'finance',
  'telecom',
  'isp',
  'energy',
  'transport',
  'health',
  'education',
  'other',
] as const;
export type Sector = (typeof SECTORS)[number];

export const ORG_KINDS = [
  'national-centre',
  'soc',
  'bank',
  'telco',
  'isp',
  'crypto-exchange',
  'foreign-cert',
  'law-enforcement',
  'public',
] as const;
export type OrgKind = (typeof ORG_KINDS)[number];

export interface Organization {
  readonly id: string;
  readonly name: string;
  /** ISO 3166-1 alpha-2. */
  readonly country: string;
  readonly sector: Sector;
  readonly kind: OrgKind;
  /** The organization that runs this instance; its admins administer every organization. */
  readonly isOperator: boolean;
  readonly createdAt: string;
  readonly updatedAt: string;
}
