import { bankByBin } from '../../observables/banks.js';
import { parseObservable, type ObservableValue } from '../../observables/observable-value.js';
import {
  findBankMentions,
  mentionEndingNear,
  mentionStartingNear,
  Strength,
  type BankMention,
} from './bank-mentions.js';
import { ADJACENT, nearestBank, WINDOW } from './bank-pairing.js';
import { ACCOUNT_WORD, CODE_WORD, isAccountLabel, numberContext } from './context-words.js';
import { extracted, type Extracted } from './extracted.js';
import type { NumberToken } from './number-tokens.js';
import { wholeTokenPhone } from './phones.js';

/*
 * Bank accounts and NAPAS cards. A card (16 or 19 digits from 9704) needs no context. An account number
 * (6-19 digits) is one only next to a bank: a name, code or BIN within WINDOW characters before or after it,
 * in the same sentence, with no other number in between; the nearest such bank wins (a comma between costs
 * extra, so "Vietcombank 0123456789, Techcombank 9876543210" pairs each bank with its own number).
 *
 * Numbers that are also valid phone numbers are the hard case: "Gọi 0912345678 hoặc đến Vietcombank" holds a
 * phone, "STK 0912345678 MB Bank" an account. So a number that reads as a phone is an account only when an
 * account word precedes it ("STK", "số tài khoản", "chuyển khoản", "account", "compte") or the bank is
 * right next to it ("Vietcombank 0912345678", "0912345678 (VCB)"). Numbers of 6-7 digits need the same, and
 * a number after "mã", "OTP", "code" or "PIN" is a code unless an account word says otherwise.
 */

const NAME_MARGIN = 24;

/**
 * Emits the cards and accounts among `tokens`; returns which tokens they used up. For each other candidate
 * it examined, `phones[t]` is set to its value as a whole phone number, or null if it is none, so that the
 * phone step does not parse it again.
 */
export function extractAccounts(
  text: string,
  tokens: readonly NumberToken[],
  skip: (i: number) => boolean,
  out: Extracted[],
  phones: (ObservableValue | null | undefined)[],
): boolean[] {
  const used: boolean[] = [];
  for (let t = 0; t < tokens.length; t++) used.push(false);
  const candidates: number[] = [];
  for (let t = 0; t < tokens.length; t++) {
    const tok = tokens[t]!;
    if (tok.inert || tok.plus) continue;
    const n = tok.digits.length;
    if ((n === 16 || n === 19) && tok.digits.startsWith('9704')) {
      // Read as a card even beside a bank name, as parseBankAccount does; a bad Luhn digit leaves no value.
      const card = parseObservable('bank-account', tok.digits);
      out.push(extracted('bank-account', card.ok ? card.value : undefined, text, tok.start, tok.end));
      used[t] = true;
    } else if (n >= 6 && n <= 19) {
      candidates.push(t);
    }
  }
  if (candidates.length === 0) return used;

  let bins: BankMention[] | undefined;
  // A BIN written next to the account ("970436 0123456789") names its bank like a name would.
  for (let k = 0; k < candidates.length; k++) {
    const tok = tokens[candidates[k]!]!;
    const bank = tok.digits.length === 6 ? bankByBin(tok.digits) : undefined;
    if (bank === undefined) continue;
    const next = tokens[candidates[k + 1] ?? -1];
    const previous = tokens[candidates[k - 1] ?? -1];
    if (
      (next !== undefined && next.start - tok.end <= ADJACENT) ||
      (previous !== undefined && tok.start - previous.end <= ADJACENT)
    ) {
      (bins ??= []).push({ start: tok.start, end: tok.end, bank, strength: Strength.Strong });
      used[candidates[k]!] = true;
    }
  }

  // Candidates other than BINs, in order, so each knows its neighbours: a bank never pairs across a number.
  const accounts = bins === undefined ? candidates : candidates.filter((t) => !used[t]);
  let windowMentions: BankMention[] | undefined;
  for (let k = 0; k < accounts.length; k++) {
    const t = accounts[k]!;
    const tok = tokens[t]!;
    const context = numberContext(text, tok.start);
    const accountWord =
      (context & ACCOUNT_WORD) !== 0 || (tok.label !== undefined && isAccountLabel(tok.label));
    if (!accountWord && (context & CODE_WORD) !== 0) continue;
    const phone = wholeTokenPhone(text, tok) ?? null;
    phones[t] = phone;
    let mentions: BankMention[];
    if (phone !== null && !accountWord) {
      // Only a bank right next to it can make a phone number an account: look there alone.
      const following = mentionStartingNear(text, tok.end, ADJACENT, skip);
      const preceding = mentionEndingNear(text, tok.start, ADJACENT, skip);
      if (following === undefined && preceding === undefined && bins === undefined) continue;
      mentions = bins === undefined ? [] : bins.slice();
      if (following !== undefined) mentions.push(following);
      if (preceding !== undefined) mentions.push(preceding);
    } else {
      // Read once, from the first candidate that needs it to the last: later ones lie inside.
      if (windowMentions === undefined) {
        const found = findBankMentions(text, windowStart(tok), windowEnd(text, tokens, accounts), skip);
        windowMentions = bins === undefined ? found : bins.concat(found);
      }
      mentions = windowMentions;
    }
    const before = tokens[accounts[k - 1] ?? -1]?.end ?? -1;
    const after = tokens[accounts[k + 1] ?? -1]?.start ?? Infinity;
    const best = nearestBank(text, tok, before, after, mentions, accountWord, phone !== null);
    if (best !== undefined) {
      const account = parseObservable('bank-account', `${best.bank.bin}:${tok.digits}`);
      out.push(extracted('bank-account', account.ok ? account.value : undefined, text, tok.start, tok.end));
      used[t] = true;
    } else if (accountWord && phone === null) {
      // "STK 0123456789" with no bank: an account all the same, reported without a value to look up.
      out.push(extracted('bank-account', undefined, text, tok.start, tok.end));
      used[t] = true;
    }
  }
  return used;
}

/**
 * Where bank names are looked for: from NAME_MARGIN characters before the window of `tok` (a long name such
 * as "Ngân hàng Ngoại thương" may begin there and still end within the window)…
 */
function windowStart(tok: NumberToken): number {
  return Math.max(0, tok.start - WINDOW - NAME_MARGIN);
}

/** …to WINDOW characters after the last. */
function windowEnd(text: string, tokens: readonly NumberToken[], accounts: readonly number[]): number {
  return Math.min(text.length, tokens[accounts[accounts.length - 1]!]!.end + WINDOW + 1);
}
