import assert from 'node:assert/strict';
import { test } from 'node:test';
import { foldBankName } from '../../observables/banks.js';
import { foldCode, foldRange } from './fold.js';

void test('foldCode agrees with foldBankName on every code below U+2000 that folds to at most one letter', () => {
  for (let c = 0; c < 0x2000; c++) {
    const reference = foldBankName(String.fromCharCode(c));
    if (reference.length > 1) continue; // the Latin digraphs Ǆ…ǳ: never in names
    const code = foldCode(c);
    assert.equal(code === 0 ? '' : String.fromCharCode(code), reference, `U+${c.toString(16)}`);
  }
});

void test('codes beyond the table fold to nothing, as foldBankName drops them', () => {
  for (const c of [0x2000, 0x3002, 0xff0e, 0xff41, 0xd83c, 0xfeff]) {
    assert.equal(foldCode(c), 0);
    assert.equal(foldBankName(String.fromCharCode(c)), '');
  }
});

void test('foldRange folds a span of text as foldBankName folds the slice', () => {
  const text = 'Chuyển vào Số Tài Khoản: Ngân hàng ĐÔNG Á, vcb-online, MB\u0301 Bank';
  for (const [start, end] of [
    [0, 6],
    [11, 24],
    [26, 42],
    [44, 54],
    [56, text.length],
    [0, text.length],
  ] as const) {
    assert.equal(foldRange(text, start, end), foldBankName(text.slice(start, end)));
  }
  assert.equal(foldRange('stk', 0, 3), 'stk');
});
