/**
 * Base58Check decoding of the 25-byte payloads Bitcoin (P2PKH, P2SH) and TRON addresses carry: a version byte,
 * a 20-byte hash and a 4-byte double-SHA-256 checksum. Hand-rolled for that one size so that a bad address
 * costs a few loops and a message, never an exception.
 */
import { sha256 } from '@noble/hashes/sha2.js';

const ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
const DIGIT = new Int8Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) DIGIT[ALPHABET.charCodeAt(i)] = i;

/** A checked address's version byte, or why it is not one. */
export type Base58Result =
  { readonly ok: true; readonly version: number } | { readonly ok: false; readonly error: string };

const PAYLOAD = 25;
// Scratch for the decoder; decoding is synchronous and not re-entrant.
const buf = new Uint8Array(PAYLOAD);

/** Decodes and checks a base58check address of a version byte and a 20-byte hash. */
export function decodeBase58Check(s: string, what: string): Base58Result {
  buf.fill(0);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const d = c < 128 ? DIGIT[c]! : -1;
    if (d < 0) {
      return {
        ok: false,
        error: `${what} cannot contain "${s[i]}": base58 leaves out 0, O, I and l so they are not misread`,
      };
    }
    let carry = d;
    for (let j = PAYLOAD - 1; j >= 0; j--) {
      carry += buf[j]! * 58;
      buf[j] = carry & 0xff;
      carry >>>= 8;
    }
    if (carry !== 0) return { ok: false, error: `${what} is too long` };
  }
  // Each leading "1" stands for one leading zero byte; any other count is not a canonical encoding.
  let ones = 0;
  while (ones < s.length && s.charCodeAt(ones) === 0x31) ones++;
  let zeros = 0;
  while (zeros < PAYLOAD && buf[zeros] === 0) zeros++;
  if (zeros > ones) return { ok: false, error: `${what} is too short` };
  if (zeros < ones) return { ok: false, error: `${what} is too long` };
  const check = sha256(sha256(buf.subarray(0, PAYLOAD - 4)));
  for (let k = 0; k < 4; k++) {
    if (check[k] !== buf[PAYLOAD - 4 + k]) {
      return { ok: false, error: `${what} fails its checksum: it was mistyped or altered` };
    }
  }
  return { ok: true, version: buf[0]! };
}
