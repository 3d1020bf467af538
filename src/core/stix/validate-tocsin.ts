/**
 * Validation of Tocsin's own SCOs (`tocsin-extension.ts`) against the extension's schema: the canonical
 * form of each `value`, the consistency of the extra properties, the deterministic id, and the
 * declaration of the extension. Format rules are errors; what only Tocsin's reference tables can judge
 * (a numbering plan, a bank list that may lag) is a warning, so other CERTs' data is not refused for it.
 */
import { parseBankAccount } from '../observables/bank-account.js';
import { luhnValid } from '../observables/luhn.js';
import { parsePhone } from '../observables/phone.js';
import { parseWallet } from '../observables/wallet.js';
import { isJsonObject, stixError, stixWarning, type StixProblem } from './stix-problem.js';
import {
  TOCSIN_BANK_ACCOUNT,
  TOCSIN_CRYPTO_WALLET,
  TOCSIN_EXTENSION_ID,
  TOCSIN_PHONE_NUMBER,
  tocsinScoId,
  type TocsinScoType,
} from './tocsin-extension.js';

type Out = StixProblem[];
type Obj = Record<string, unknown>;

const E164_RE = /^\+[1-9]\d{1,14}$/;
const ACCOUNT_RE = /^(\d{6}):(\d{6,19})$/;
const CARD_RE = /^card:(9704(?:\d{12}|\d{15}))$/;
const WALLET_RE = /^(btc|eth|tron):(.+)$/;

/** Checks a Tocsin SCO of `type` (its common and declared properties are checked elsewhere). */
export function checkTocsinSco(out: Out, obj: Obj, type: TocsinScoType): void {
  const ext = isJsonObject(obj.extensions) ? obj.extensions[TOCSIN_EXTENSION_ID] : undefined;
  if (!isJsonObject(ext) || ext.extension_type !== 'new-sco') {
    out.push(stixError('extensions', `must declare ${TOCSIN_EXTENSION_ID} with extension_type "new-sco"`));
  }
  const value = obj.value;
  if (typeof value !== 'string') return; // missing or mistyped: reported by the property checks
  if (typeof obj.id === 'string' && obj.id !== tocsinScoId(type, value)) {
    out.push(stixError('id', `must be the deterministic id ${tocsinScoId(type, value)} of its value`));
  }
  switch (type) {
    case TOCSIN_PHONE_NUMBER:
      checkPhone(out, value);
      return;
    case TOCSIN_BANK_ACCOUNT:
      checkBankAccount(out, obj, value);
      return;
    case TOCSIN_CRYPTO_WALLET:
      checkWallet(out, value);
      return;
  }
}

function checkPhone(out: Out, value: string): void {
  if (!E164_RE.test(value)) {
    out.push(stixError('value', 'must be an E.164 number: "+", a country code and up to 15 digits in all'));
    return;
  }
  const parsed = parsePhone(value);
  if (!parsed.ok)
    out.push(stixWarning('value', `is not a valid number in its country's plan: ${parsed.error}`));
  else if (parsed.value.e164 !== value)
    out.push(stixError('value', `is not canonical: expected ${parsed.value.e164}`));
}

function checkBankAccount(out: Out, obj: Obj, value: string): void {
  const account = ACCOUNT_RE.exec(value);
  const card = CARD_RE.exec(value);
  if (account === null && card === null) {
    out.push(
      stixError('value', 'must be "<6-digit BIN>:<6-19 digits>" or "card:<16 or 19 digits starting 9704>"'),
    );
    return;
  }
  const number = account !== null ? account[2] : card?.[1];
  const luhnFails = card !== null && !luhnValid(card[1]!);
  if (luhnFails) out.push(stixError('value', 'the card number fails the Luhn check'));
  if (obj.account_number !== undefined && obj.account_number !== number) {
    out.push(stixError('account_number', `must be ${number}, the number in value`));
  }
  if (obj.bank_bin !== undefined) {
    if (typeof obj.bank_bin !== 'string' || !/^\d{6}$/.test(obj.bank_bin)) {
      out.push(stixError('bank_bin', 'must be a 6-digit NAPAS BIN'));
    } else if (account !== null && obj.bank_bin !== account[1]) {
      out.push(stixError('bank_bin', `must be ${account[1]}, the BIN in value`));
    }
  }
  if (luhnFails) return;
  const parsed = parseBankAccount(value);
  if (!parsed.ok) out.push(stixWarning('value', `not a known Vietnamese bank account: ${parsed.error}`));
}

function checkWallet(out: Out, value: string): void {
  const m = WALLET_RE.exec(value);
  if (m === null) {
    out.push(stixError('value', 'must be "btc:", "eth:" or "tron:" followed by the address'));
    return;
  }
  const parsed = parseWallet(m[2]!);
  if (!parsed.ok) out.push(stixError('value', parsed.error));
  else if (parsed.value.chain !== m[1])
    out.push(stixError('value', `the address is a ${parsed.value.chain} address`));
  else if (parsed.value.canonical !== value) {
    out.push(stixError('value', `is not canonical: expected ${parsed.value.canonical}`));
  }
}
