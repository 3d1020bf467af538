// Tocsin's extension: its definition, its three SCO types, their deterministic ids and their validation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseBankAccount } from '../observables/bank-account.js';
import { parseWallet } from '../observables/wallet.js';
import { SCO_ID_NAMESPACE, uuidv5 } from './stix-id.js';
import {
  TOCSIN_BANK_ACCOUNT,
  TOCSIN_CRYPTO_WALLET,
  TOCSIN_EXTENSION_DEFINITION,
  TOCSIN_EXTENSION_ID,
  TOCSIN_IDENTITY,
  TOCSIN_PHONE_NUMBER,
  bankAccountSco,
  cryptoWalletSco,
  phoneNumberSco,
  tocsinSco,
  tocsinScoId,
} from './tocsin-extension.js';
import { validateBundle, validateStixObject } from './validate.js';

function problems(obj: Record<string, unknown>): string[] {
  return validateStixObject(obj).map((p) => `${p.severity} ${p.path}`);
}

function ok<T>(r: { ok: true; value: T } | { ok: false; error: string }): T {
  if (!r.ok) assert.fail(r.error);
  return r.value;
}

void test('the extension definition and its identity are valid STIX', () => {
  assert.deepEqual(validateStixObject(TOCSIN_IDENTITY), []);
  assert.deepEqual(validateStixObject(TOCSIN_EXTENSION_DEFINITION), []);
  assert.equal(TOCSIN_EXTENSION_DEFINITION.created_by_ref, TOCSIN_IDENTITY.id);
  assert.deepEqual(TOCSIN_EXTENSION_DEFINITION.extension_types, ['new-sco']);
});

void test('ids are the UUIDv5 of {"value": value} in the SCO namespace', () => {
  const phone = phoneNumberSco('+84912345678');
  assert.equal(phone.id, `${TOCSIN_PHONE_NUMBER}--${uuidv5(SCO_ID_NAMESPACE, '{"value":"+84912345678"}')}`);
  assert.equal(phone.id, tocsinScoId(TOCSIN_PHONE_NUMBER, '+84912345678'));
  assert.notEqual(phone.id, tocsinScoId(TOCSIN_PHONE_NUMBER, '+84912345679'));
  assert.deepEqual(phone.extensions, { [TOCSIN_EXTENSION_ID]: { extension_type: 'new-sco' } });
});

void test('the builders make valid SCOs from parsed observables', () => {
  const account = bankAccountSco(ok(parseBankAccount('VCB:0123456789')));
  assert.equal(account.value, '970436:0123456789');
  assert.equal(account.bank_bin, '970436');
  assert.equal(account.account_number, '0123456789');
  assert.equal(account.bank_name, 'Vietcombank');
  const card = bankAccountSco(ok(parseBankAccount('9704 3612 3456 7895')));
  assert.equal(card.value, 'card:9704361234567895');
  const wallet = cryptoWalletSco(ok(parseWallet('0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed')));
  assert.equal(wallet.value, 'eth:0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed');
  for (const obj of [phoneNumberSco('+84912345678'), account, card, wallet]) {
    assert.deepEqual(validateStixObject(obj), [], obj.value);
  }
});

void test('phone numbers must be E.164; numbers outside a numbering plan only warn', () => {
  assert.deepEqual(problems(phoneNumberSco('0912345678')), ['error value']);
  assert.deepEqual(problems(phoneNumberSco('+84 912 345 678')), ['error value']);
  assert.deepEqual(problems(phoneNumberSco('+84112345678')), ['warning value']);
});

void test('bank accounts are BIN:number or card:number, consistent with their other properties', () => {
  assert.deepEqual(problems(tocsinSco(TOCSIN_BANK_ACCOUNT, 'VCB:0123456789')), ['error value']);
  assert.deepEqual(problems(tocsinSco(TOCSIN_BANK_ACCOUNT, '970436:0123456789', { account_number: '123' })), [
    'error account_number',
  ]);
  assert.deepEqual(problems(tocsinSco(TOCSIN_BANK_ACCOUNT, '970436:0123456789', { bank_bin: '970405' })), [
    'error bank_bin',
  ]);
  assert.deepEqual(problems(tocsinSco(TOCSIN_BANK_ACCOUNT, 'card:9704361234567890')), ['error value']); // Luhn
  assert.deepEqual(problems(tocsinSco(TOCSIN_BANK_ACCOUNT, '999999:0123456789')), ['warning value']); // unknown BIN
});

void test('wallets are chain:address in canonical spelling', () => {
  const lower = 'eth:0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed';
  assert.deepEqual(problems(tocsinSco(TOCSIN_CRYPTO_WALLET, lower)), []);
  assert.deepEqual(
    problems(tocsinSco(TOCSIN_CRYPTO_WALLET, 'eth:0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed')),
    ['error value'],
  );
  assert.deepEqual(
    problems(tocsinSco(TOCSIN_CRYPTO_WALLET, 'btc:0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed')),
    ['error value'],
  );
  assert.deepEqual(problems(tocsinSco(TOCSIN_CRYPTO_WALLET, 'doge:DH5yaieqoZN36fDVciNyRueRGvGLR3mr7L')), [
    'error value',
  ]);
  assert.deepEqual(problems(tocsinSco(TOCSIN_CRYPTO_WALLET, 'btc:1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb')), [
    'error value',
  ]);
});

void test('Tocsin SCOs must declare the extension and carry their deterministic id', () => {
  const phone = phoneNumberSco('+84912345678');
  assert.deepEqual(problems({ ...phone, extensions: undefined }), ['error extensions']);
  assert.deepEqual(
    problems({ ...phone, id: 'x-tocsin-phone-number--8fac80fe-a220-4ba9-8ffe-4f43ce8edff8' }),
    ['error id'],
  );
  assert.deepEqual(problems({ ...phone, value: undefined }), ['error value']);
  assert.deepEqual(problems({ ...phone, carrier: 'Viettel' }), ['error carrier']);
  assert.deepEqual(problems({ ...phone, x_tocsin_carrier: 'Viettel' }), []);
});

void test('a bundle of the definition and the three types validates', () => {
  const bundle = {
    type: 'bundle',
    id: 'bundle--5d0092c5-5f74-4287-9642-33f4c354e56d',
    objects: [
      TOCSIN_IDENTITY,
      TOCSIN_EXTENSION_DEFINITION,
      phoneNumberSco('+84912345678'),
      tocsinSco(TOCSIN_BANK_ACCOUNT, '970436:0123456789'),
      tocsinSco(TOCSIN_CRYPTO_WALLET, 'btc:1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa'),
    ],
  };
  assert.deepEqual(validateBundle(bundle), []);
});
