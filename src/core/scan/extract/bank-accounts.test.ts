import assert from 'node:assert/strict';
import { test } from 'node:test';
import { extractObservables } from './extract-observables.js';

/** Each finding as `kind raw -> canonical`. */
function found(text: string): string[] {
  return extractObservables(text).map((e) => `${e.kind} ${e.raw} -> ${e.value?.canonical ?? '?'}`);
}

/** Asserts that `text` holds exactly one account, written `raw`, whose canonical value is `canonical`. */
function oneAccount(text: string, raw: string, canonical: string): void {
  assert.deepEqual(found(text), [`bank-account ${raw} -> ${canonical}`]);
}

void test('"STK 0123456789 Vietcombank"', () => {
  oneAccount('CK phí vào STK 0123456789 Vietcombank', '0123456789', '970436:0123456789');
});

void test('"số tài khoản: 0123456789 - VCB"', () => {
  oneAccount('Vui lòng chuyển vào số tài khoản: 0123456789 - VCB', '0123456789', '970436:0123456789');
});

void test('"so tai khoan 0123456789 ngan hang Techcombank"', () => {
  oneAccount('so tai khoan 0123456789 ngan hang Techcombank', '0123456789', '970407:0123456789');
});

void test('"ck vào 0123456789 MB Bank"', () => {
  oneAccount('ck vào 0123456789 MB Bank nhé', '0123456789', '970422:0123456789');
});

void test('"chuyển khoản đến TK 1903… Techcombank"', () => {
  oneAccount('chuyển khoản đến TK 19034567890 Techcombank', '19034567890', '970407:19034567890');
});

void test('"Vietcombank 0123456789": the bank first, no account word', () => {
  oneAccount('Vietcombank 0123456789', '0123456789', '970436:0123456789');
});

void test('"VCB: 0123456789"', () => {
  oneAccount('VCB: 0123456789', '0123456789', '970436:0123456789');
});

void test('"970436 0123456789": a BIN names the bank', () => {
  oneAccount('970436 0123456789', '0123456789', '970436:0123456789');
});

void test('"STK: 0123 456 789 (ACB)": grouped digits, bank in brackets', () => {
  oneAccount('STK: 0123 456 789 (ACB)', '0123 456 789', '970416:0123456789');
});

void test('bank names fold case and diacritics: Ngân hàng Ngoại thương, vcb, VIETCOMBANK, Vietcom bank', () => {
  oneAccount('STK 0123456789 Ngân hàng Ngoại thương', '0123456789', '970436:0123456789');
  oneAccount('stk 0123456789 vcb', '0123456789', '970436:0123456789');
  oneAccount('VIETCOMBANK - 0123456789', '0123456789', '970436:0123456789');
  oneAccount('Vietcom bank 0123456789', '0123456789', '970436:0123456789');
  oneAccount('TK 0123456789 NH TMCP Á Châu', '0123456789', '970416:0123456789');
});

void test('English and French phrasings', () => {
  oneAccount('Transfer the fee to account 0123456789 at Vietcombank', '0123456789', '970436:0123456789');
  oneAccount('Virement sur le compte 0123456789 (Techcombank)', '0123456789', '970407:0123456789');
});

void test('the bank may come before or after, within about 40 characters of the same sentence', () => {
  oneAccount('Vietcombank chi nhánh Hà Nội, số tài khoản 0123456789', '0123456789', '970436:0123456789');
  oneAccount('STK 0123456789 chủ TK Nguyễn Văn A, Vietcombank', '0123456789', '970436:0123456789');
  // Another sentence, or too far: no bank, so an account without a value.
  assert.deepEqual(found('Khách hàng Vietcombank chú ý. STK 0123456789'), ['bank-account 0123456789 -> ?']);
  assert.deepEqual(found('STK 0123456789 của anh Nguyễn Văn Anh ở phường Bến Nghé, Vietcombank'), [
    'bank-account 0123456789 -> ?',
  ]);
});

void test('each number pairs with its own bank', () => {
  assert.deepEqual(found('Vietcombank 0123456789, Techcombank 9876543210'), [
    'bank-account 0123456789 -> 970436:0123456789',
    'bank-account 9876543210 -> 970407:9876543210',
  ]);
  assert.deepEqual(found('STK 0123456789 Techcombank hoặc 9876543210 Vietcombank'), [
    'bank-account 0123456789 -> 970407:0123456789',
    'bank-account 9876543210 -> 970436:9876543210',
  ]);
});

void test('NAPAS cards: 9704 and 16 or 19 digits, Luhn-checked, no bank name needed', () => {
  assert.deepEqual(found('Thẻ 9704 3612 3456 7895 của bạn bị khóa'), [
    'bank-account 9704 3612 3456 7895 -> card:9704361234567895',
  ]);
  assert.deepEqual(found('Card 9704189876543217, Agribank card 9704-0512-3412-3415'), [
    'bank-account 9704189876543217 -> card:9704189876543217',
    'bank-account 9704-0512-3412-3415 -> card:9704051234123415',
  ]);
  assert.deepEqual(found('19 digits: 9704361234567890120'), [
    'bank-account 9704361234567890120 -> card:9704361234567890120',
  ]);
  // A wrong digit fails the Luhn check: reported, without a value.
  assert.deepEqual(found('Thẻ 9704 3612 3456 7896'), ['bank-account 9704 3612 3456 7896 -> ?']);
});

void test('an account word without a bank gives an account without a value', () => {
  assert.deepEqual(found('STK 0123456789'), ['bank-account 0123456789 -> ?']);
  assert.deepEqual(found('STK0123456789 nhé'), ['bank-account 0123456789 -> ?']);
});

void test('with an account word but no bank, a valid phone number stays a phone', () => {
  assert.deepEqual(found('STK 0912345678'), ['phone 0912345678 -> +84912345678']);
});

void test('codes, amounts and bank names in plain language make no account', () => {
  assert.deepEqual(found('Ma OTP VCB cua ban la 12345678'), []);
  assert.deepEqual(found('(VCB) Ma xac thuc OTP: 12345678. Khong chia se.'), []);
  assert.deepEqual(found('Vietcombank tặng 5.000.000đ, chuyển 2000000 vào ví'), []);
  // "Quốc tế" is VIB's descriptive alias, and "international": it needs "ngân hàng" before it.
  assert.deepEqual(found('chuyển khoản quốc tế 0123456789'), ['bank-account 0123456789 -> ?']);
  oneAccount('chuyển khoản ngân hàng Quốc tế 0123456789', '0123456789', '970441:0123456789');
});

void test('a bank named inside a link or address names no account', () => {
  assert.deepEqual(found('vietcombank.com.vn 0123456789'), [
    'domain vietcombank.com.vn -> vietcombank.com.vn',
  ]);
});
