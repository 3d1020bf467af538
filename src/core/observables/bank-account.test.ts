import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseBankAccount, type BankAccount } from './bank-account.js';

function parsed(input: string): BankAccount {
  const result = parseBankAccount(input);
  assert.ok(result.ok, `${input}: ${result.ok ? '' : result.error}`);
  return result.value;
}

function rejected(input: string): string {
  const result = parseBankAccount(input);
  assert.ok(!result.ok, `${input} should be rejected`);
  return result.error;
}

void test('a BIN, a code or a bank name before the number give one account', () => {
  const expected: BankAccount = {
    bin: '970436',
    bank: 'VCB',
    account: '0123456789',
    isCard: false,
    canonical: '970436:0123456789',
  };
  for (const input of [
    '970436:0123456789',
    'VCB:0123456789',
    'vietcombank:0123 456 789',
    'Vietcombank : 0123-456-789',
    'Ngân hàng Ngoại thương: 0123.456.789',
  ]) {
    assert.deepEqual(parsed(input), expected, input);
  }
});

void test('leading zeros are part of the account number', () => {
  assert.notEqual(parsed('ACB:00123456').canonical, parsed('ACB:123456').canonical);
  assert.equal(parsed('ACB:00123456').canonical, '970416:00123456');
});

void test('a NAPAS card number alone is a card of the bank its BIN names', () => {
  assert.deepEqual(parsed('9704 3612 3456 7895'), {
    bin: '970436',
    bank: 'VCB',
    account: '9704361234567895',
    isCard: true,
    canonical: 'card:9704361234567895',
  });
  assert.equal(parsed('9704-3612-3456-7890-120').canonical, 'card:9704361234567890120');
  // Agribank's cards carry BIN 970499; the card still belongs to Agribank (VietQR BIN 970405).
  assert.equal(parsed('9704991234567899').bin, '970405');
});

void test('a card written after its bank is the same card; a card and an account never collide', () => {
  assert.equal(parsed('VCB:9704361234567895').canonical, 'card:9704361234567895');
  assert.equal(parsed('VCB:9704361234567895').isCard, true);
  assert.notEqual(parsed('VCB:970436123456789').canonical, parsed('9704361234567895').canonical);
});

void test('canonical values parse back to themselves', () => {
  for (const canonical of ['970436:0123456789', 'card:9704361234567895', '970405:123456789012']) {
    assert.equal(parsed(canonical).canonical, canonical);
  }
});

void test('rejects what is not a bank account, saying why', () => {
  assert.equal(rejected('XYZBANK:0123456789'), 'unknown bank "XYZBANK"');
  assert.equal(rejected('999999:0123456789'), 'unknown bank "999999"');
  assert.equal(rejected('VCB:12345'), 'account number must have 6 to 19 digits, not 5');
  assert.equal(rejected('VCB:12345678901234567890'), 'account number must have 6 to 19 digits, not 20');
  assert.match(rejected('9704361234567896'), /fails the Luhn check/);
  assert.match(rejected('VCB:9704361234567896'), /fails the Luhn check/);
  assert.equal(rejected('ACB:9704361234567895'), 'card 970436… belongs to Vietcombank (970436), not ACB');
  assert.equal(parsed('9704001111222236').bank, 'SGICB');
  assert.equal(
    rejected('0123456789'),
    'a bank account needs its bank: write BANK:NUMBER, e.g. VCB:0123456789',
  );
  assert.match(rejected('card:0123456789'), /not a NAPAS card number/);
  assert.match(rejected('VCB:0123abc'), /not "a"/);
  assert.equal(rejected('VCB:'), 'no account number after the bank');
  assert.match(rejected(':0123456789'), /no bank before the colon/);
  assert.equal(rejected(''), 'empty bank account');
});

void test('a card whose BIN no bank in the table issues is rejected by name', () => {
  assert.equal(
    rejected('9704981234567890'),
    'unknown card BIN 970498: no known bank issues cards starting 970498',
  );
});
