/** TRON addresses: base58check of version byte 0x41 and a 20-byte hash, 34 characters starting with T. */
import type { ParseResult } from './observable.js';
import { fail, ok } from './observable.js';
import type { Wallet } from './wallet.js';
import { decodeBase58Check } from './wallet-base58.js';

const TRON_VERSION = 0x41;

/** Parses a TRON base58check address (`T…`, 34 characters). */
export function parseTronAddress(s: string): ParseResult<Wallet> {
  if (s.length !== 34 || s.charCodeAt(0) !== 0x54) {
    return fail(`"${s}" is not a TRON address: those are 34 characters starting with T`);
  }
  const r = decodeBase58Check(s, `"${s}"`);
  if (!r.ok) return fail(r.error);
  if (r.version !== TRON_VERSION) return fail(`"${s}" is not a TRON address (wrong version byte)`);
  return ok({ chain: 'tron', address: s, canonical: `tron:${s}` });
}
