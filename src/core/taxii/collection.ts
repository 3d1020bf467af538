/**
 * TAXII collections and who may use them. A collection names who may read it and who may write to it:
 * every member organization, the operating centre only, or a list of organizations (the operating centre
 * always may). Which objects a reader then sees is TLP's business (`core/sharing/tlp.ts`), not the
 * collection's.
 */
import type { Tlp, Viewer } from '../sharing/tlp.js';

/** `members`: every member organization; `operator`: the operating centre only; a list: those organizations. */
export type CollectionAccess = 'members' | 'operator' | readonly string[];

export interface TaxiiCollection {
  readonly id: string;
  readonly title: string;
  readonly description: string | null;
  readonly alias: string | null;
  readonly read: CollectionAccess;
  readonly write: CollectionAccess;
  /** The TLP of objects that carry no TLP marking. */
  readonly defaultTlp: Tlp;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** Whether `viewer` is among those `access` names. Anonymous callers never are. */
export function allows(access: CollectionAccess, viewer: Viewer): boolean {
  if (viewer.kind === 'anonymous') return false;
  if (viewer.isOperator) return true;
  if (access === 'members') return true;
  if (access === 'operator') return false;
  return access.includes(viewer.orgId);
}

export function canRead(c: TaxiiCollection, viewer: Viewer): boolean {
  return allows(c.read, viewer);
}

export function canWrite(c: TaxiiCollection, viewer: Viewer): boolean {
  return allows(c.write, viewer);
}

/** A collection neither readable nor writable by the viewer does not exist for it (404, as a missing one). */
export function canKnow(c: TaxiiCollection, viewer: Viewer): boolean {
  return canRead(c, viewer) || canWrite(c, viewer);
}

/** The access as stored: `members`, `operator`, or a JSON array of organization ids. */
export function accessToText(a: CollectionAccess): string {
  return typeof a === 'string' ? a : JSON.stringify([...a]);
}

export function accessFromText(s: string): CollectionAccess {
  return s === 'members' || s === 'operator' ? s : (JSON.parse(s) as string[]);
}
