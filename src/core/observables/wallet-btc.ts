/**
 * Bitcoin mainnet addresses: base58check P2PKH (1…) and P2SH (3…), and segwit bech32 (BIP 173, witness v0,
 * bc1q…) and bech32m (BIP 350, v1 and up, bc1p… for Taproot).
 */
import { bech32, bech32m } from '@scure/base';
import type { ParseResult } from './observable.js';
import { fail, ok } from './observable.js';
import type { Wallet } from './wallet.js';
import { decodeBase58Check } from './wallet-base58.js';

const P2PKH = 0x00;
const P2SH = 0x05;
// The longest valid segwit address: a 40-byte program is 74 characters; BIP 173 caps any bech32 string at 90.
const MAX_BECH32 = 90;

/** Parses a Bitcoin mainnet address: 1… or 3… (base58check) or bc1… (bech32 / bech32m). */
export function parseBitcoinAddress(s: string): ParseResult<Wallet> {
  const c0 = s.charCodeAt(0);
  if (c0 === 0x31 || c0 === 0x33) return parseBase58(s);
  return parseSegwit(s);
}

function parseBase58(s: string): ParseResult<Wallet> {
  // 20-byte hashes encode to 26–34 characters with version 0, exactly 34 with version 5.
  if (s.length < 26 || s.length > 35) return fail(`"${s}" has the wrong length for a Bitcoin address`);
  const r = decodeBase58Check(s, `"${s}"`);
  if (!r.ok) return fail(r.error);
  if (r.version !== P2PKH && r.version !== P2SH) return fail(`"${s}" is not a Bitcoin mainnet address`);
  return ok({ chain: 'btc', address: s, canonical: `btc:${s}` });
}

function parseSegwit(s: string): ParseResult<Wallet> {
  if (s.length > MAX_BECH32) return fail(`"${s}" is too long for a Bitcoin address`);
  const lower = s.toLowerCase();
  // BIP 173: all one case; the lowercase form is canonical.
  if (lower !== s && s.toUpperCase() !== s) return fail(`"${s}" mixes capitals and small letters`);
  if (!lower.startsWith('bc1')) return fail(`"${s}" is not a Bitcoin mainnet address`);
  let words: number[];
  let isBech32m = false;
  const plain = bech32.decodeUnsafe(lower, MAX_BECH32);
  if (plain) {
    words = plain.words;
  } else {
    const m = bech32m.decodeUnsafe(lower, MAX_BECH32);
    if (!m) return fail(`"${s}" fails its bech32 checksum or has a character bech32 does not use`);
    words = m.words;
    isBech32m = true;
  }
  const version = words[0];
  if (version === undefined) return fail(`"${s}" has no witness program`);
  if (version > 16) return fail(`"${s}" has an invalid witness version`);
  // BIP 350: version 0 uses bech32, later versions bech32m; the wrong one means an altered address.
  if ((version === 0) === isBech32m) {
    return fail(`"${s}" has the wrong checksum kind for witness version ${version} (BIP 350)`);
  }
  const program = bech32.fromWordsUnsafe(words.slice(1));
  if (!program) return fail(`"${s}" has invalid padding`);
  if (program.length < 2 || program.length > 40) return fail(`"${s}" has an invalid witness program length`);
  if (version === 0 && program.length !== 20 && program.length !== 32) {
    return fail(`"${s}" has an invalid witness program length for version 0`);
  }
  return ok({ chain: 'btc', address: lower, canonical: `btc:${lower}` });
}
