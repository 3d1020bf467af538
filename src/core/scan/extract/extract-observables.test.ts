import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lookupKeys } from '../../observables/observable-value.js';
import { extractObservables } from './extract-observables.js';
import { prng as seeded } from '../../../../test/support/prng.js';

void test('offsets are UTF-16 offsets in the original text, and raw is the text between them', () => {
  const text = '🎁 Quà tặng 🎉: truy cập vcb-qua.top/nhan ngay, LH 0912 345 678!';
  const found = extractObservables(text);
  assert.equal(found.length, 2);
  for (const e of found) assert.equal(text.slice(e.start, e.end), e.raw);
  assert.equal(found[0]?.raw, 'vcb-qua.top/nhan');
  assert.equal(found[0]?.start, text.indexOf('vcb-qua'));
  assert.equal(found[1]?.raw, '0912 345 678');
});

void test('findings come in the order of the text, each with a value the index can be asked about', () => {
  const text = 'STK 0123456789 Vietcombank, LH 0987654321, web vcb-hotro.com, mail hotro@vcb-hotro.com';
  const found = extractObservables(text);
  assert.deepEqual(
    found.map((e) => e.kind),
    ['bank-account', 'phone', 'domain', 'email'],
  );
  for (let k = 1; k < found.length; k++) assert.ok(found[k]!.start >= found[k - 1]!.end);
  for (const e of found) {
    assert.ok(e.value !== undefined);
    assert.ok(lookupKeys(e.value).length > 0);
  }
});

void test('identical values in one message are reported once, at their first span', () => {
  const text = 'Gọi 0912345678 hoặc 0912.345.678 hoặc +84 912 345 678; vcb-xacthuc.com, VCB-XACTHUC.COM';
  assert.deepEqual(
    extractObservables(text).map((e) => `${e.kind} ${e.raw}`),
    ['phone 0912345678', 'domain vcb-xacthuc.com'],
  );
});

void test('a message with many findings is deduplicated as one with few', () => {
  // The same six values written six times over: each still reported once, at its first place.
  const few = 'Gọi 0912345678, 0912.345.678, 0987654321; vcb-xacthuc.com, VCB-XACTHUC.COM, STK 0123456789';
  const many = Array.from({ length: 6 }, () => few).join('. ');
  const kinds = (text: string) => extractObservables(text).map((e) => `${e.kind} ${e.raw}`);
  assert.ok(extractObservables(few).length < 17);
  assert.deepEqual(kinds(many), kinds(few));
});

void test('the same value as two kinds is reported as both', () => {
  const text = 'vcb-xacthuc.com hoặc https://vcb-xacthuc.com/';
  assert.deepEqual(
    extractObservables(text).map((e) => e.kind),
    ['domain', 'url'],
  );
});

void test('values that failed to parse are kept apart by their text', () => {
  const text = 'STK 0123456789 hoặc STK 0123456780';
  assert.deepEqual(
    extractObservables(text).map((e) => `${e.raw} ${e.value === undefined ? 'no value' : e.value.canonical}`),
    ['0123456789 no value', '0123456780 no value'],
  );
});

void test('empty, blank and non-string input give nothing', () => {
  assert.deepEqual(extractObservables(''), []);
  assert.deepEqual(extractObservables('   \n\t  '), []);
  assert.deepEqual(extractObservables(undefined as unknown as string), []);
  assert.deepEqual(extractObservables(42 as unknown as string), []);
});

// Pieces that reach every reader: digits, dots of all forms, brackets, at-signs, schemes, bank names.
const PIECES = [
  '0',
  '9',
  '84',
  '+',
  '(',
  ')',
  '.',
  '．',
  '。',
  ' ',
  '  ',
  '-',
  '/',
  ':',
  '@',
  '[',
  ']',
  '[.]',
  '(dot)',
  '[at]',
  'http',
  '://',
  'hxxp',
  'www',
  'com',
  'vn',
  'xyz',
  'bit.ly',
  'VCB',
  'Vietcombank',
  'ngân hàng',
  'STK',
  'MB',
  'Bank',
  '000201',
  '6304',
  'bc1q',
  '0x',
  'T',
  'a',
  'đ',
  'о',
  'ｖ',
  '\ud83c',
  '\udf81',
  '🎁',
  '\u0301',
  '\n',
  '9704',
  '1900',
  'OTP',
  'k',
  ',',
  '!',
  '?',
  '"',
];

void test('never throws, and every finding is a span of its text, on random text', () => {
  const next = seeded(20240512);
  for (let round = 0; round < 3000; round++) {
    let text = '';
    const pieces = 1 + Math.floor(next() * 40);
    for (let k = 0; k < pieces; k++) {
      text +=
        next() < 0.8 ? PIECES[Math.floor(next() * PIECES.length)]! : String.fromCharCode(next() * 0x10000);
    }
    const found = extractObservables(text);
    for (const e of found) {
      assert.ok(e.start >= 0 && e.end <= text.length && e.start < e.end, JSON.stringify(text));
      assert.equal(text.slice(e.start, e.end), e.raw);
    }
  }
});

void test('a long post is read whole, and a pathological one does not stall', () => {
  const post = 'Chia sẻ: vcb-qua.top/nhan, LH 0912345678. '.repeat(200);
  assert.equal(extractObservables(post).length, 2);
  const digits = '1 '.repeat(20000) + '0.'.repeat(20000) + '[.]'.repeat(5000);
  assert.deepEqual(extractObservables(digits), []);
});
