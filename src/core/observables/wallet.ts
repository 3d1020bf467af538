/**
 * Cryptocurrency wallet addresses, the payee of most investment and ransom scams: Bitcoin, Ethereum (and every
 * EVM chain, which shares its address format) and TRON, where USDT scams concentrate. Each address is checked
 * against its own checksum, so a typo is refused instead of matching, or failing to match, the wrong wallet.
 */
import type { ParseResult } from './observable.js';
import { fail } from './observable.js';
import { parseBitcoinAddress } from './wallet-btc.js';
import { parseEthereumAddress } from './wallet-eth.js';
import { parseTronAddress } from './wallet-tron.js';

export type WalletChain = 'btc' | 'eth' | 'tron';

export interface Wallet {
  readonly chain: WalletChain;
  /** The address in its canonical spelling: base58 as is, bech32 and Ethereum hex in lowercase. */
  readonly address: string;
  /** `chain:address`, e.g. `eth:0x5aaeb6…`, the key to store and match on. */
  readonly canonical: string;
}

// Longer than any supported address with a payment-URI scheme and query; bounds the work done on junk.
const MAX_INPUT = 512;

/** Parses a Bitcoin, Ethereum/EVM or TRON address (or a bitcoin:/ethereum:/tron: payment URI holding one). */
export function parseWallet(input: string): ParseResult<Wallet> {
  if (input.length > MAX_INPUT) return fail('too long to be a wallet address');
  const trimmed = input.trim();
  // Tocsin's own canonical form (`btc:…`, `eth:…`, `tron:…`) reads back as the address it names, on its chain.
  const own = /^(btc|eth|tron):/i.exec(trimmed);
  if (own !== null) {
    const r = parseWallet(trimmed.slice(own[0].length));
    const chain = own[1]!.toLowerCase();
    if (r.ok && r.value.chain !== chain) return fail(`"${trimmed}" is not a ${chain} address`);
    return r;
  }
  const s = stripPaymentUri(trimmed);
  if (s.length === 0) return fail('empty: expected a Bitcoin, Ethereum or TRON address');
  const c0 = s.charCodeAt(0);
  const c1 = s.charCodeAt(1) | 0x20;
  if (c0 === 0x30 && c1 === 0x78) return parseEthereumAddress(s); // 0x
  if ((c0 | 0x20) === 0x62 && c1 === 0x63 && s.charCodeAt(2) === 0x31) return parseBitcoinAddress(s); // bc1
  if (c0 === 0x31 || c0 === 0x33) return parseBitcoinAddress(s); // 1…, 3…
  if (c0 === 0x54) return parseTronAddress(s); // T…
  if ((c0 | 0x20) === 0x74 && c1 === 0x62 && s.charCodeAt(2) === 0x31) {
    return fail(`"${s}" is a Bitcoin testnet address, which holds no real money`);
  }
  if (s.length === 40 && /^[0-9a-fA-F]{40}$/.test(s))
    return fail(`"${s}" lacks the 0x of an Ethereum address`);
  return fail(`"${s}" is not a Bitcoin, Ethereum or TRON address`);
}

// Wallet QR codes hold BIP 21 / EIP 681 URIs: bitcoin:ADDR?amount=…, ethereum:pay-ADDR@1?value=…
function stripPaymentUri(s: string): string {
  const colon = s.indexOf(':');
  if (colon < 4 || colon > 8) return s;
  const scheme = s.slice(0, colon).toLowerCase();
  if (scheme !== 'bitcoin' && scheme !== 'ethereum' && scheme !== 'tron') return s;
  let start = colon + 1;
  if (scheme === 'ethereum' && s.startsWith('pay-', start)) start += 4;
  let end = start;
  while (end < s.length) {
    const c = s.charCodeAt(end);
    if (c === 0x3f || c === 0x40 || c === 0x2f) break; // ? @ /
    end++;
  }
  return s.slice(start, end);
}
