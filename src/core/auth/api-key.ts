/**
 * API keys: `tsn_<id>_<secret>`. The id (16 hex digits) is public and finds the key's row; the secret
 * (256 random bits) is shown once and only its SHA-256 is stored. A slow password hash buys nothing for a
 * 256-bit random secret and would cost every request.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

const PREFIX = 'tsn_';
const KEY_RE = /^tsn_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;

export interface NewApiKey {
  /** The whole key, to show the user once. */
  readonly key: string;
  readonly id: string;
  /** What the store keeps. */
  readonly hash: string;
  /** A recognisable, non-secret prefix for listings: `tsn_<id>_…`. */
  readonly hint: string;
}

/** Generates a new API key. */
export function generateApiKey(): NewApiKey {
  const id = randomBytes(8).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  const key = `${PREFIX}${id}_${secret}`;
  return { key, id, hash: hashApiKey(key), hint: `${PREFIX}${id}_…` };
}

/** Splits a presented key into its id, or returns undefined when it is not shaped like a Tocsin key. */
export function apiKeyId(key: string): string | undefined {
  const m = KEY_RE.exec(key);
  return m?.[1];
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** Compares a presented key with a stored hash in constant time. */
export function apiKeyMatches(key: string, storedHash: string): boolean {
  const a = Buffer.from(hashApiKey(key), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}
