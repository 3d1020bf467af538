/**
 * TAXII `next` tokens (and the indicator listing's cursors, endpoint `indicators`): opaque to clients,
 * signed with the instance's secret (HMAC-SHA-256), and bound to what they continue: the endpoint and
 * collection, the filters, and the organization that asked. A token
 * altered, replayed by another organization or with other filters is refused; the position it holds is only
 * a date added, and every page is read again under the caller's current rights.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export interface PageScope {
  /** `objects`, `manifest`, `object:<id>`, `versions:<id>`. */
  readonly endpoint: string;
  readonly collectionId: string;
  /** `filterFingerprint` of the request's filters. */
  readonly filter: string;
  /** The organization of the caller (empty for the local operator). */
  readonly orgId: string;
}

interface Payload {
  readonly v: 1;
  readonly e: string;
  readonly c: string;
  readonly f: string;
  readonly o: string;
  /** The last record of the page (TAXII: its date added, µs; indicators: its number): the next page starts after it. */
  readonly a: number;
}

function mac(key: string, body: string): Buffer {
  return createHmac('sha256', Buffer.from(key, 'hex')).update(body).digest();
}

/** A token for the page after the record added at `afterUs`. */
export function signPageToken(key: string, scope: PageScope, afterUs: number): string {
  const payload: Payload = {
    v: 1,
    e: scope.endpoint,
    c: scope.collectionId,
    f: scope.filter,
    o: scope.orgId,
    a: afterUs,
  };
  const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
  return `${body}.${mac(key, body).toString('base64url')}`;
}

/** The position a token holds, when it is genuine and was issued for exactly this scope; else undefined. */
export function readPageToken(key: string, scope: PageScope, token: string): number | undefined {
  const dot = token.indexOf('.');
  if (dot <= 0 || token.length > 4096) return undefined;
  const body = token.slice(0, dot);
  const given = Buffer.from(token.slice(dot + 1), 'base64url');
  const expected = mac(key, body);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  let p: Partial<Payload>;
  try {
    p = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Partial<Payload>;
  } catch {
    return undefined;
  }
  if (
    p.v !== 1 ||
    p.e !== scope.endpoint ||
    p.c !== scope.collectionId ||
    p.f !== scope.filter ||
    p.o !== scope.orgId ||
    typeof p.a !== 'number' ||
    !Number.isSafeInteger(p.a)
  )
    return undefined;
  return p.a;
}
