/** RFC 8785 (JCS) canonical JSON, the form every digest in Tocsin is taken over. */
import canonicalizeImpl from 'canonicalize';
import { createHash } from 'node:crypto';

/** Serializes a JSON value in RFC 8785 canonical form (sorted keys, ECMAScript number formatting). */
export function canonicalJson(value: unknown): string {
  const out = canonicalizeImpl(value);
  if (out === undefined) throw new TypeError('value has no JSON form');
  return out;
}

/** Lowercase hex SHA-256 of a string's UTF-8 bytes. */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** The SHA-256 of a value's canonical JSON: equal for equal values, whatever their key order. */
export function digestJson(value: unknown): string {
  return sha256Hex(canonicalJson(value));
}
