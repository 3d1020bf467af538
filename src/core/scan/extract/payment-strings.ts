import { parseEmvco } from '../../observables/emvco.js';
import { parseObservable } from '../../observables/observable-value.js';
import { isAsciiAlnum, isDigit } from './char-classes.js';
import { extracted, type Extracted } from './extracted.js';

// Payment strings pasted into messages: crypto wallet addresses and VietQR (EMVCo) payloads. Both are long
// runs that the scanner meets as one word, so their tests cost nothing for ordinary words.

// Wallet addresses are 26 (short Bitcoin base58) to 62 (Bitcoin bech32 P2WSH/P2TR) characters.
const MIN_WALLET = 26;
const MAX_WALLET = 62;

/**
 * Appends the wallet address spanning the ASCII letters and digits from `start`, if it is one whose checksum
 * holds (Bitcoin base58 or bech32, Ethereum `0x…`, TRON `T…`); returns its end, or -1. A run of the right
 * shape with a bad checksum is not reported: random IDs would look the same.
 */
export function extractWallet(text: string, start: number, out: Extracted[]): number {
  let end = start;
  while (end - start <= MAX_WALLET && isAsciiAlnum(text.charCodeAt(end))) end++;
  const length = end - start;
  if (length < MIN_WALLET || length > MAX_WALLET) return -1;
  const c0 = text.charCodeAt(start);
  const c1 = text.charCodeAt(start + 1) | 0x20;
  const plausible =
    (c0 === 0x30 && c1 === 0x78 && length === 42) || // 0x + 40 hex
    ((c0 | 0x20) === 0x62 && c1 === 0x63 && text.charCodeAt(start + 2) === 0x31) || // bc1
    ((c0 === 0x31 || c0 === 0x33) && length <= 35) || // Bitcoin base58
    (c0 === 0x54 && length === 34); // TRON
  if (!plausible) return -1;
  const wallet = parseObservable('wallet', text.slice(start, end));
  if (!wallet.ok) return -1;
  out.push(extracted('wallet', wallet.value, text, start, end));
  return end;
}

const MAX_PAYLOAD = 512;

/**
 * The end of the EMVCo payload starting at `start` (`000201…`), found by walking its tag-length-value fields
 * up to the CRC field `63`; -1 if the fields do not reach one. Values may hold spaces ("Chuyen tien"), so
 * only the lengths tell where the payload ends.
 */
function payloadEnd(text: string, start: number): number {
  let i = start;
  const limit = Math.min(text.length, start + MAX_PAYLOAD);
  while (i + 4 <= limit) {
    const t0 = text.charCodeAt(i);
    const t1 = text.charCodeAt(i + 1);
    const l0 = text.charCodeAt(i + 2);
    const l1 = text.charCodeAt(i + 3);
    if (!isDigit(t0) || !isDigit(t1) || !isDigit(l0) || !isDigit(l1)) return -1;
    const valueEnd = i + 4 + (l0 - 48) * 10 + (l1 - 48);
    if (valueEnd > limit) return -1;
    if (t0 === 0x36 && t1 === 0x33) return valueEnd === i + 8 ? valueEnd : -1; // tag 63, length 04
    i = valueEnd;
  }
  return -1;
}

/**
 * Appends the VietQR/EMVCo payload starting at `start`, if its fields run to a CRC; returns its end, or -1.
 * The value is the bank account it pays into; undefined when the CRC or structure is wrong (a tampered
 * code), when it pays no VietQR account, or when the account does not parse (a provider's virtual account).
 */
export function extractEmvco(text: string, start: number, out: Extracted[]): number {
  if (!text.startsWith('000201', start)) return -1;
  const end = payloadEnd(text, start);
  if (end < 0) return -1;
  const payload = parseEmvco(text.slice(start, end));
  let value;
  if (payload.ok && payload.value.vietqr !== undefined) {
    const { bin, account } = payload.value.vietqr;
    const parsed = parseObservable('bank-account', `${bin}:${account}`);
    if (parsed.ok) value = parsed.value;
  }
  out.push(extracted('emvco', value, text, start, end));
  return end;
}
