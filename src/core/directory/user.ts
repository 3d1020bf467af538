/** Users belong to one organization and hold one role in it. */

export const ROLES = ['admin', 'analyst', 'member', 'reader'] as const;
export type Role = (typeof ROLES)[number];

export interface User {
  readonly id: string;
  readonly orgId: string;
  readonly name: string;
  /** Lowercased; unique across the instance. */
  readonly email: string;
  readonly role: Role;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** Lowercases and trims an e-mail address so that one person cannot hold two accounts by case. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}
