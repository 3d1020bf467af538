import { bankByBin, findBank, type Bank } from './banks.js';
import { luhnValid } from './luhn.js';
import { fail, ok, type ParseResult } from './observable.js';

/*
 * A Vietnamese bank account or NAPAS card, as scam reports and VietQR codes name them.
 *
 * Canonical values:
 *   account  `970436:0123456789`     the bank's VietQR BIN, a colon, the account number's digits
 *   card     `card:9704361234567896` the card number alone
 * A card is keyed by its number, not by BIN, because the number already carries its BIN and is unique
 * across banks; so the two forms never collide, and a card stays one value even if its bank is renamed
 * or merged. Both forms parse back to themselves.
 *
 * A number of 16 or 19 digits starting 9704 (the NAPAS card range) is read as a card, even after a bank
 * name: it must then pass the Luhn check and belong to that bank.
 */

/** A bank account or NAPAS card. */
export type BankAccount = {
  /** The bank's VietQR BIN: `970436`. */
  readonly bin: string;
  /** The bank's short code: `VCB`. */
  readonly bank: string;
  /** The account or card number, digits only. */
  readonly account: string;
  readonly isCard: boolean;
  /** `970436:0123456789`, or `card:9704361234567896` for a card. */
  readonly canonical: string;
};

const MIN_ACCOUNT = 6;
const MAX_ACCOUNT = 19;
const CARD_KEY = 'card';

/**
 * Parses `BANK:NUMBER` (`970436:0123456789`, `VCB:0123456789`, `vietcombank:0123 456 789`), a bare NAPAS
 * card number (`9704 3612 3456 7896`) or a canonical `card:…` value.
 */
export function parseBankAccount(input: string): ParseResult<BankAccount> {
  const colon = input.indexOf(':');
  const numberText = colon < 0 ? input : input.slice(colon + 1);
  const number = digitsOf(numberText);
  if (number === undefined) return fail(badCharacter(numberText));
  if (number === '') return fail(colon < 0 ? 'empty bank account' : 'no account number after the bank');

  if (colon < 0 || foldedEquals(input.slice(0, colon), CARD_KEY)) {
    if (isNapasCardShape(number)) return parseCard(number, undefined);
    if (colon >= 0) return fail('not a NAPAS card number: it must have 16 or 19 digits and start with 9704');
    return fail('a bank account needs its bank: write BANK:NUMBER, e.g. VCB:0123456789');
  }

  const bankText = input.slice(0, colon).trim();
  if (bankText === '') return fail('no bank before the colon: write BANK:NUMBER, e.g. VCB:0123456789');
  const bank = findBank(bankText);
  if (bank === undefined) return fail(`unknown bank "${bankText}"`);
  if (isNapasCardShape(number)) return parseCard(number, bank);
  if (number.length < MIN_ACCOUNT || number.length > MAX_ACCOUNT) {
    return fail(`account number must have ${MIN_ACCOUNT} to ${MAX_ACCOUNT} digits, not ${number.length}`);
  }
  return ok({
    bin: bank.bin,
    bank: bank.short,
    account: number,
    isCard: false,
    canonical: `${bank.bin}:${number}`,
  });
}

function parseCard(number: string, named: Bank | undefined): ParseResult<BankAccount> {
  if (!luhnValid(number)) return fail('card number fails the Luhn check: a digit is wrong or missing');
  const prefix = number.slice(0, 6);
  const bank = bankByBin(prefix);
  if (bank === undefined)
    return fail(`unknown card BIN ${prefix}: no known bank issues cards starting ${prefix}`);
  if (named !== undefined && named !== bank) {
    return fail(`card ${prefix}… belongs to ${bank.name} (${bank.bin}), not ${named.name}`);
  }
  return ok({
    bin: bank.bin,
    bank: bank.short,
    account: number,
    isCard: true,
    canonical: `${CARD_KEY}:${number}`,
  });
}

/** Whether `number` has the shape of a NAPAS domestic card number: 9704…, 16 or 19 digits. */
function isNapasCardShape(number: string): boolean {
  return (number.length === 16 || number.length === 19) && number.startsWith('9704');
}

/** The digits of `text` with spaces, dashes and dots dropped, or undefined if anything else is there. */
function digitsOf(text: string): string | undefined {
  let out = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) continue;
    if (c !== 32 && c !== 45 && c !== 46 && c !== 9 && c !== 0xa0) return undefined;
    out += text.slice(from, i);
    from = i + 1;
  }
  return from === 0 ? text : out + text.slice(from);
}

function badCharacter(text: string): string {
  for (const ch of text) {
    if (!/[\d\s.-]/u.test(ch))
      return `account number may hold only digits, spaces, dashes and dots, not "${ch}"`;
  }
  return 'account number may hold only digits';
}

function foldedEquals(text: string, word: string): boolean {
  return text.trim().toLowerCase() === word;
}
