/**
 * Tocsin's STIX extension: three SCO types for what STIX 2.1 lacks and scams run on (phone numbers, bank
 * accounts and crypto wallets), published through one extension-definition (spec section 7.3) so that
 * other CERTs' tools can tell what they are. Their ids are deterministic like every SCO's, with `value`
 * as the only ID contributing property: equal values reported by two CERTs get equal ids. Documented, with
 * examples, in docs/stix.md.
 */
import type { BankAccount } from '../observables/bank-account.js';
import { bankByBin } from '../observables/banks.js';
import type { Wallet } from '../observables/wallet.js';
import type { TypeSpec } from './property-kinds.js';
import { scoId } from './sco-id.js';

/** The identity that creates Tocsin's extension definition (and, by default, Tocsin's own objects). */
export const TOCSIN_IDENTITY_ID = 'identity--ca4d4a4c-0fa9-433d-8689-81c6f3953d44';

/** The id of the extension-definition that defines Tocsin's SCO types. */
export const TOCSIN_EXTENSION_ID = 'extension-definition--b26b4512-704a-4d12-a9bd-317b3ff40188';

/** A phone number in E.164 form: `+84912345678`. */
export const TOCSIN_PHONE_NUMBER = 'x-tocsin-phone-number';
/** A bank account (`970436:0123456789`, the bank's NAPAS BIN and the number) or a card (`card:9704…`). */
export const TOCSIN_BANK_ACCOUNT = 'x-tocsin-bank-account';
/** A crypto wallet: `btc:bc1q…`, `eth:0x…`, `tron:T…`. */
export const TOCSIN_CRYPTO_WALLET = 'x-tocsin-crypto-wallet';

/** Tocsin's SCO types. */
export const TOCSIN_SCO_TYPES = [TOCSIN_PHONE_NUMBER, TOCSIN_BANK_ACCOUNT, TOCSIN_CRYPTO_WALLET] as const;
export type TocsinScoType = (typeof TOCSIN_SCO_TYPES)[number];

/** Whether `type` is one of Tocsin's SCO types. */
export function isTocsinScoType(type: string): type is TocsinScoType {
  return (TOCSIN_SCO_TYPES as readonly string[]).includes(type);
}

/** The specific properties of Tocsin's SCOs (the SCO common properties come on top). */
export const TOCSIN_SCO_SPECS: Readonly<Record<TocsinScoType, TypeSpec>> = {
  [TOCSIN_PHONE_NUMBER]: { required: ['value'], properties: { value: 'string' } },
  [TOCSIN_BANK_ACCOUNT]: {
    required: ['value'],
    properties: { value: 'string', bank_bin: 'string', account_number: 'string', bank_name: 'string' },
  },
  [TOCSIN_CRYPTO_WALLET]: { required: ['value'], properties: { value: 'string' } },
};

// Fixed, not "now": a definition's bytes must not change between runs, or every export would differ.
const DEFINED = '2026-11-23T00:00:00.000Z';

/** The identity object for Tocsin as the creator of its extension. */
export const TOCSIN_IDENTITY = Object.freeze({
  type: 'identity',
  spec_version: '2.1',
  id: TOCSIN_IDENTITY_ID,
  created: DEFINED,
  modified: DEFINED,
  name: 'Tocsin',
  description: 'Tocsin, the national CERT threat-sharing and anti-fraud platform.',
  identity_class: 'system',
});

/** The extension-definition object publishing Tocsin's three SCO types (version 1.0.0). */
export const TOCSIN_EXTENSION_DEFINITION = Object.freeze({
  type: 'extension-definition',
  spec_version: '2.1',
  id: TOCSIN_EXTENSION_ID,
  created: DEFINED,
  modified: DEFINED,
  created_by_ref: TOCSIN_IDENTITY_ID,
  name: 'Tocsin anti-fraud observables',
  description:
    'New SCO types for the payees and contacts of scams: x-tocsin-phone-number, x-tocsin-bank-account and ' +
    'x-tocsin-crypto-wallet. Each has a canonical value property, its only ID contributing property.',
  schema:
    'x-tocsin-phone-number: value (required), an E.164 number "+<country code><number>". ' +
    'x-tocsin-bank-account: value (required), "<6-digit NAPAS BIN>:<6-19 digit account number>" or ' +
    '"card:<16 or 19 digit NAPAS card number>"; bank_bin, account_number, bank_name (optional strings, ' +
    'consistent with value). x-tocsin-crypto-wallet: value (required), "<chain>:<address>" with chain btc, ' +
    'eth or tron and the address in canonical spelling (bech32 and Ethereum hex in lower case). ' +
    'All three: SCO common properties; id is the UUIDv5 of {"value": value} in namespace ' +
    '00abedb4-aa42-466c-9c01-fed23315a9b7; extensions holds this definition with extension_type new-sco.',
  version: '1.0.0',
  extension_types: ['new-sco'],
});

/** A Tocsin SCO object as plain JSON. */
export type TocsinSco = Readonly<Record<string, unknown>> & {
  readonly type: TocsinScoType;
  readonly id: string;
  readonly value: string;
};

/** The deterministic id of a Tocsin SCO of `type` with canonical `value`. */
export function tocsinScoId(type: TocsinScoType, value: string): string {
  // `value` is present, so scoId always returns an id here.
  return scoId(type, { value }, ['value'])!;
}

/** Builds a Tocsin SCO from its canonical value and optional extra properties. */
export function tocsinSco(
  type: TocsinScoType,
  value: string,
  extra: Readonly<Record<string, string>> = {},
): TocsinSco {
  return {
    type,
    spec_version: '2.1',
    id: tocsinScoId(type, value),
    value,
    ...extra,
    extensions: { [TOCSIN_EXTENSION_ID]: { extension_type: 'new-sco' } },
  };
}

/** The SCO of an E.164 phone number (from `parsePhone(...).e164`). */
export function phoneNumberSco(e164: string): TocsinSco {
  return tocsinSco(TOCSIN_PHONE_NUMBER, e164);
}

/** The SCO of a parsed bank account or card, with its bank's BIN, number and name. */
export function bankAccountSco(account: BankAccount): TocsinSco {
  const bank = bankByBin(account.bin);
  const extra: Record<string, string> = { bank_bin: account.bin, account_number: account.account };
  if (bank !== undefined) extra.bank_name = bank.name;
  return tocsinSco(TOCSIN_BANK_ACCOUNT, account.canonical, extra);
}

/** The SCO of a parsed crypto wallet. */
export function cryptoWalletSco(wallet: Wallet): TocsinSco {
  return tocsinSco(TOCSIN_CRYPTO_WALLET, wallet.canonical);
}
