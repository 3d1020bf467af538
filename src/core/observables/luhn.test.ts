import assert from 'node:assert/strict';
import { test } from 'node:test';
import { luhnValid } from './luhn.js';

void test('accepts numbers whose Luhn check digit is right', () => {
  assert.equal(luhnValid('79927398713'), true); // the textbook example
  assert.equal(luhnValid('4111111111111111'), true); // Visa's test card
  assert.equal(luhnValid('9704361234567895'), true);
  assert.equal(luhnValid('9704361234567890120'), true);
});

void test('rejects a wrong check digit and any single mistyped digit', () => {
  assert.equal(luhnValid('79927398710'), false);
  assert.equal(luhnValid('9704361234567896'), false);
  const good = '9704361234567895';
  for (let i = 0; i < good.length; i++) {
    for (let d = 0; d <= 9; d++) {
      if (String(d) === good[i]) continue;
      const typo = good.slice(0, i) + String(d) + good.slice(i + 1);
      assert.equal(luhnValid(typo), false, typo);
    }
  }
});

void test('catches swapped neighbours other than 09/90', () => {
  assert.equal(luhnValid('9704361234567985'), false); // 89 -> 98
  assert.equal(luhnValid('9704361234567859'), false); // 95 -> 59
});

void test('rejects what is not a digit string of two or more digits', () => {
  assert.equal(luhnValid(''), false);
  assert.equal(luhnValid('0'), false);
  assert.equal(luhnValid('9704 3612 3456 7895'), false);
  assert.equal(luhnValid('97043612345678a5'), false);
});
