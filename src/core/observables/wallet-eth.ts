/**
 * Ethereum (and EVM-chain) addresses: 0x and 40 hex digits. Mixed case is an EIP-55 checksum and is verified;
 * all-lowercase and all-uppercase carry none and are accepted as they are.
 */
import { keccak_256 } from '@noble/hashes/sha3.js';
import type { ParseResult } from './observable.js';
import { fail, ok } from './observable.js';
import type { Wallet } from './wallet.js';

// Scratch for the ASCII bytes hashed by EIP-55; parsing is synchronous and not re-entrant.
const ascii = new Uint8Array(40);

/** Parses `0x` + 40 hex digits, verifying the EIP-55 checksum of a mixed-case address. */
export function parseEthereumAddress(s: string): ParseResult<Wallet> {
  if (s.charCodeAt(0) !== 0x30 || s.charCodeAt(1) !== 0x78) return fail(`"${s}" does not start with 0x`);
  if (s.length !== 42) {
    return fail(`"${s}" has ${s.length - 2} hex digits after 0x; an Ethereum address has 40`);
  }
  let upper = false;
  let lower = false;
  for (let i = 2; i < 42; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x61 && c <= 0x66) lower = true;
    else if (c >= 0x41 && c <= 0x46) upper = true;
    else if (c < 0x30 || c > 0x39) return fail(`"${s}" contains "${s[i]}", which is not a hex digit`);
  }
  const address = upper ? `0x${s.slice(2).toLowerCase()}` : s;
  if (upper && lower && !checksumHolds(s, address)) {
    return fail(`"${s}" fails its EIP-55 checksum (the mix of capitals): it was mistyped or altered`);
  }
  return ok({ chain: 'eth', address, canonical: `eth:${address}` });
}

// EIP-55: a letter is a capital exactly when the matching nibble of keccak-256(lowercase hex, as ASCII) is >= 8.
function checksumHolds(s: string, lowered: string): boolean {
  for (let i = 0; i < 40; i++) ascii[i] = lowered.charCodeAt(i + 2);
  const hash = keccak_256(ascii);
  for (let i = 0; i < 40; i++) {
    const c = s.charCodeAt(i + 2);
    if (c < 0x41) continue; // a digit has no case
    const byte = hash[i >> 1]!;
    const nibble = i & 1 ? byte & 0x0f : byte >> 4;
    if (nibble >= 8 !== c <= 0x46) return false;
  }
  return true;
}
