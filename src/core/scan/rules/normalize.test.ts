import assert from 'node:assert/strict';
import { test } from 'node:test';
import { normalize } from './normalize.js';

/** The original text each normalized char came from, to check the offset map. */
function origins(text: string): string[] {
  const n = normalize(text);
  return [...n.text].map((_, i) => text.slice(n.starts[i], n.ends[i]));
}

test('folds case and Vietnamese diacritics, đ to d', () => {
  assert.equal(normalize('Chuyển Khoản ĐẾN tài khoản').text, 'chuyen khoan den tai khoan');
  assert.equal(normalize('chuyen khoan').text, normalize('chuyển khoản').text);
});

test('text typed in decomposed form folds like the precomposed one', () => {
  const nfd = 'chuyển khoản'.normalize('NFD');
  assert.equal(normalize(nfd).text, 'chuyen khoan');
  assert.deepEqual(origins(nfd).slice(0, 6).join(''), 'chuyển'.normalize('NFD'));
});

test('joins letters split by dots, dashes, underscores or spaces', () => {
  assert.equal(normalize('c.h.u.y.e.n k-h-o-a-n').text, 'chuyen khoan');
  assert.equal(normalize('Mã O T P').text, 'ma otp');
  assert.equal(normalize('m_a o_t_p').text, 'm a otp');
  // Two single letters are ordinary words, not a hidden one.
  assert.equal(normalize('ở à nhé').text, 'o a nhe');
});

test('undoes digit-for-letter swaps only inside words that mix letters and digits', () => {
  assert.equal(normalize('t1en kh0an 0TP ch4t l3nh b@t s7').text, 'tien khoan otp chat lenh bat s7');
  assert.equal(normalize('m5t').text, 'mst');
  // Real numbers and number-like words stay: amounts, codes, x2, a glued phone number.
  assert.equal(normalize('OTP 123456 x2 500k 4G 0912345678abc').text, 'otp 123456 x2 500k 4g 0912345678abc');
});

test('collapses repeated letters but not repeated digits', () => {
  assert.equal(normalize('khoaaaaan ngayyy 100000').text, 'khoan ngay 100000');
});

test('removes zero-width characters and soft hyphens inside words', () => {
  assert.equal(normalize('chuy\u200bển kho\u200dả\u00adn\ufeff').text, 'chuyen khoan');
});

test('reads fullwidth forms as ASCII', () => {
  assert.equal(normalize('ＯＴＰ　ｃｈｕｙｅｎ').text, 'otp chuyen');
});

test('punctuation and runs of blanks become one space', () => {
  assert.equal(normalize('  công an,  lệnh bắt!!! ').text, 'cong an lenh bat');
  assert.equal(normalize('').text, '');
  assert.equal(normalize('!!! ...').text, '');
});

test('maps every normalized char back to the original text', () => {
  assert.deepEqual(origins('c.h.u.y.e.n'), ['c', 'h', 'u', 'y', 'e', 'n']);
  assert.deepEqual(origins('Đã'), ['Đ', 'ã']);
  assert.deepEqual(origins('t1en'), ['t', '1', 'e', 'n']);
  assert.deepEqual(origins('khoaaan'), ['k', 'h', 'o', 'aaa', 'n']);
  assert.deepEqual(origins('ｏｋ'), ['ｏ', 'ｋ']);
  // The space between words maps to the gap between them.
  assert.deepEqual(origins('ab, cd'), ['a', 'b', ', ', 'c', 'd']);
  // A span of normalized text maps to the original phrase with its evasions.
  const text = 'Vui lòng c.h.u.y.e.n k-h-o-a-n ngay';
  const n = normalize(text);
  const at = n.text.indexOf('chuyen khoan');
  const end = at + 'chuyen khoan'.length;
  assert.equal(text.slice(n.starts[at], n.ends[end - 1]), 'c.h.u.y.e.n k-h-o-a-n');
});

test('never throws on input that is not a string', () => {
  assert.equal(normalize(undefined as unknown as string).text, '');
});
