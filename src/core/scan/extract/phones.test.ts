import assert from 'node:assert/strict';
import { test } from 'node:test';
import { extractObservables } from './extract-observables.js';

/** Each finding as `kind raw -> canonical`. */
function found(text: string): string[] {
  return extractObservables(text).map((e) => `${e.kind} ${e.raw} -> ${e.value?.canonical ?? '?'}`);
}

/** Asserts that `text` holds exactly one phone, written `raw`, whose E.164 form is `e164`. */
function onePhone(text: string, raw: string, e164: string): void {
  assert.deepEqual(found(text), [`phone ${raw} -> ${e164}`]);
}

void test('0912345678: ten digits', () => {
  onePhone('Goi ngay 0912345678 de nhan qua', '0912345678', '+84912345678');
});

void test('0912 345 678: grouped by spaces', () => {
  onePhone('Liên hệ 0912 345 678 nhé', '0912 345 678', '+84912345678');
});

void test('0912.345.678: grouped by dots', () => {
  onePhone('LH 0912.345.678.', '0912.345.678', '+84912345678');
});

void test('091-234-5678: grouped by dashes', () => {
  onePhone('Call 091-234-5678 now', '091-234-5678', '+84912345678');
});

void test('+84 912 345 678: international', () => {
  onePhone('Hotline: +84 912 345 678', '+84 912 345 678', '+84912345678');
});

void test('(+84) 912345678: country code in brackets', () => {
  onePhone('Appelez le (+84) 912345678 svp', '(+84) 912345678', '+84912345678');
});

void test('+84 (0) 912 345 678: the trunk 0 in brackets', () => {
  onePhone('Tel +84 (0) 912 345 678', '+84 (0) 912 345 678', '+84912345678');
});

void test('84912345678: country code without +', () => {
  onePhone('SDT 84912345678', '84912345678', '+84912345678');
});

void test('1900 1234 and 1900.5454: premium-rate service numbers', () => {
  onePhone('Tổng đài 1900 1234 (1.000đ/phút)', '1900 1234', '+8419001234');
  onePhone('Hotline 1900.5454', '1900.5454', '+8419005454');
});

void test('1800 1091: toll-free', () => {
  onePhone('Gọi miễn phí 1800 1091', '1800 1091', '+8418001091');
});

void test('028 3822 1234 and (028) 3822 1234: fixed lines', () => {
  onePhone('Văn phòng 028 3822 1234', '028 3822 1234', '+842838221234');
  onePhone('Văn phòng (024) 3822 1234', '(024) 3822 1234', '+842438221234');
});

void test('numbers glued to their label: LH0912345678, SĐT:0912345678', () => {
  onePhone('LH0912345678', '0912345678', '+84912345678');
  onePhone('SĐT:0912345678.', '0912345678', '+84912345678');
  // Any other letters glued before the digits make a code, not a phone.
  assert.deepEqual(found('Ma don DH0912345678'), []);
});

void test('two numbers side by side are two phones', () => {
  assert.deepEqual(found('0912 345 678 0987 654 321'), [
    'phone 0912 345 678 -> +84912345678',
    'phone 0987 654 321 -> +84987654321',
  ]);
  assert.deepEqual(found('0912345678/0987654321'), [
    'phone 0912345678 -> +84912345678',
    'phone 0987654321 -> +84987654321',
  ]);
});

void test('other countries need their + ; English and French formats', () => {
  onePhone('Call +1 (415) 555-2671 now', '+1 (415) 555-2671', '+14155552671');
  onePhone('Appelez le +33 6 12 34 56 78', '+33 6 12 34 56 78', '+33612345678');
  // Written without +, a French number is not read as Vietnamese.
  assert.deepEqual(found('Appelez le 06 12 34 56 78'), []);
  // After Vietnam's international prefix 00, only 84 makes a phone here: others are foreign numbers.
  onePhone('LH 0084 912 345 678', '0084 912 345 678', '+84912345678');
  assert.deepEqual(found('Goi ngay 0079 0944 5560 de nhan qua'), []);
  assert.deepEqual(found('Call 001 202 555 0143 now'), []);
});

void test('amounts are not phones: 5.000.000đ, 500k, 1 500 000 VND, giá 1250000', () => {
  assert.deepEqual(found('Trúng thưởng 5.000.000đ, phí 500k'), []);
  assert.deepEqual(found('Nạp 1 500 000 VND hoặc 2.000.000 đ'), []);
  assert.deepEqual(found('Giá 1250000, chuyển 2000000 vào ví'), []);
  assert.deepEqual(found('Amount: $1,250,000 or 190.000.000'), []);
});

void test('dates and times are not phones', () => {
  assert.deepEqual(found('Hạn chót 12/05/2024 lúc 10:30, hoặc 12-05-2024, 2024-05-12'), []);
  assert.deepEqual(found('Meeting at 10.30, see you!'), []);
});

void test('OTP codes are not phones: six digits never are', () => {
  assert.deepEqual(found('Mã OTP của bạn là 123456. Không chia sẻ mã này.'), []);
  assert.deepEqual(found('Your verification code is 483920'), []);
});

void test('numbers that no one dials are not phones: no 0, 01x, 06x, too long', () => {
  assert.deepEqual(found('912345678 and 0123456789 and 0612345678 and 091234567890'), []);
});

void test('an account number next to a bank is an account, not a phone', () => {
  assert.deepEqual(found('STK 0912345678 MB Bank'), ['bank-account 0912345678 -> 970422:0912345678']);
  assert.deepEqual(found('Vietcombank: 0912345678'), ['bank-account 0912345678 -> 970436:0912345678']);
});

void test('a phone with a bank elsewhere in the sentence stays a phone', () => {
  onePhone('Gọi 0912345678 hoặc đến Vietcombank gần nhất', '0912345678', '+84912345678');
  onePhone('Tặng 5000 MB data cho thuê bao 0912345678', '0912345678', '+84912345678');
});
