import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findBankMentions, mentionEndingNear, mentionStartingNear, Strength } from './bank-mentions.js';

const none = (): boolean => false;

/** The mentions in `text`, as `short strength "span"`. */
function mentions(text: string): string[] {
  return findBankMentions(text, 0, text.length, none).map(
    (m) => `${m.bank.short} ${m.strength} "${text.slice(m.start, m.end)}"`,
  );
}

void test('names, codes and aliases in any case and with or without diacritics', () => {
  assert.deepEqual(mentions('Vietcombank, VCB, vcb, VIETCOMBANK, Vietcom bank'), [
    'VCB 2 "Vietcombank"',
    'VCB 2 "VCB"',
    'VCB 2 "vcb"',
    'VCB 2 "VIETCOMBANK"',
    'VCB 2 "Vietcom bank"',
  ]);
  assert.deepEqual(mentions('MB Bank và MBBank, Techcom Bank, Agribank, Ví MoMo'), [
    'MB 2 "MB Bank"',
    'MB 2 "MBBank"',
    'TCB 2 "Techcom Bank"',
    'VBA 2 "Agribank"',
    'MOMO 2 "Ví MoMo"',
  ]);
});

void test('descriptive aliases are weak alone and strong after "ngân hàng", "NH" or "TMCP"', () => {
  assert.deepEqual(mentions('Ngoại thương'), ['VCB 0 "Ngoại thương"']);
  assert.deepEqual(mentions('Ngân hàng Ngoại thương'), ['VCB 2 "Ngân hàng Ngoại thương"']);
  assert.deepEqual(mentions('ngan hang ngoai thuong'), ['VCB 2 "ngan hang ngoai thuong"']);
  assert.deepEqual(mentions('NH Quân đội'), ['MB 2 "NH Quân đội"']);
  assert.deepEqual(mentions('TMCP Á Châu'), ['ACB 2 "TMCP Á Châu"']);
  assert.deepEqual(mentions('Ngân hàng TMCP Ngoại thương Việt Nam'), [
    'VCB 2 "Ngân hàng TMCP Ngoại thương Việt Nam"',
  ]);
});

void test('short codes that are common words are ambiguous', () => {
  assert.deepEqual(mentions('5000 MB data'), ['MB 1 "MB"']);
  assert.equal(Strength.Ambiguous, 1);
});

void test('a name is a whole word or words: no match inside a longer word', () => {
  assert.deepEqual(mentions('Vietcombanking ACBD xVCB'), []);
});

void test('names inside a link or address found before are skipped', () => {
  const text = 'vietcombank.com.vn và VCB';
  const skip = (i: number): boolean => i < 18;
  assert.deepEqual(
    findBankMentions(text, 0, text.length, skip).map((m) => m.bank.short),
    ['VCB'],
  );
});

void test('mentionStartingNear and mentionEndingNear find the name next to a number, as the full search does', () => {
  const after = '0912345678 ngân hàng Techcombank';
  assert.equal(mentionStartingNear(after, 10, 4, none)?.bank.short, 'TCB');
  assert.equal(mentionStartingNear(after, 10, 4, none)?.strength, Strength.Strong);
  const before = 'chuyển qua Ngân hàng Ngoại thương: 0912345678';
  const m = mentionEndingNear(before, before.indexOf('0912'), 4, none);
  assert.equal(m?.bank.short, 'VCB');
  assert.equal(before.slice(m.start, m.end), 'Ngân hàng Ngoại thương');
  assert.equal(mentionEndingNear('MB Bank 0912345678', 8, 4, none)?.bank.short, 'MB');
  assert.equal(mentionEndingNear('gọi 0912345678', 4, 4, none), undefined);
  assert.equal(mentionStartingNear('0912345678 nhé', 10, 4, none), undefined);
});
