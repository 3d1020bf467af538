/** Citizen reports: "this number called me pretending to be the police". They wait for an analyst's triage. */
import type { ObservableKind } from '../observables/observable.js';

export const CHANNELS = [
  'call',
  'sms',
  'chat',
  'social',
  'web',
  'email',
  'qr',
  'in-person',
  'other',
] as const;
export type Channel = (typeof CHANNELS)[number];

export type ReportStatus = 'pending' | 'confirmed' | 'rejected';

export interface Report {
  readonly id: string;
  readonly kind: ObservableKind;
  readonly value: string;
  readonly canonical: string;
  readonly channel: Channel;
  /** What happened, in the reporter's words. */
  readonly description: string;
  /** How to reach the reporter, if they chose to say. Personal data: shown to the operating centre's staff only. */
  readonly contact: string | null;
  readonly occurredAt: string | null;
  /** A keyed hash of who reported (user or client address): equal for the same reporter, meaningless otherwise. */
  readonly reporter: string;
  readonly reporterOrgId: string | null;
  readonly status: ReportStatus;
  readonly indicatorId: string | null;
  readonly triagedBy: string | null;
  readonly triagedAt: string | null;
  readonly triageNote: string | null;
  readonly createdAt: string;
}
