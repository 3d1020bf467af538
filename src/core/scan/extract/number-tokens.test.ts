import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readNumberToken } from './number-tokens.js';

/** The token read at the first digit, `+` or `(` of `text`, as `raw|digits|inert`. */
function token(text: string): string | undefined {
  const at = text.search(/[\d+(]/);
  const tok = readNumberToken(text, at);
  return tok === undefined ? undefined : `${text.slice(tok.start, tok.end)}|${tok.digits}|${tok.inert}`;
}

void test('groups join across one space, dot or dash unless both have five digits or more', () => {
  assert.equal(token('LH 0912 345 678 nhé'), '0912 345 678|0912345678|false');
  assert.equal(token('091-234-5678'), '091-234-5678|0912345678|false');
  assert.equal(token('0912345678 0987654321'), '0912345678|0912345678|false');
  assert.equal(token('970436 0123456789'), '970436|970436|false');
  assert.equal(token('091234  567890'), '091234|091234|false'); // two spaces separate
});

void test('brackets: a leading (+84) or (028), an inner (0) or (415), and no unclosed one', () => {
  assert.equal(token('(+84) 912345678'), '(+84) 912345678|84912345678|false');
  assert.equal(token('(028) 3822 1234'), '(028) 3822 1234|02838221234|false');
  assert.equal(token('+84 (0) 912 345 678'), '+84 (0) 912 345 678|840912345678|false');
  assert.equal(token('1900 1234 (1.000đ/phút)'), '1900 1234|19001234|false');
});

void test('fewer than six digits make no token', () => {
  assert.equal(token('10.30'), undefined);
  assert.equal(token('Mã 12345'), undefined);
});

void test('amounts are inert: grouped thousands, a currency after or before, a round figure', () => {
  assert.equal(token('5.000.000đ'), '5.000.000|5000000|true');
  assert.equal(token('190.000.000 là giá'), '190.000.000|190000000|true');
  assert.equal(token('1 500 000 VND'), '1 500 000|1500000|true');
  assert.equal(token('chuyen 2000000 vao'), '2000000|2000000|true');
  assert.equal(token('giá 1250000'), '1250000|1250000|true');
  assert.equal(token('€ 125000'), '125000|125000|true');
  assert.equal(token('1.250.000,50'), '1.250.000|1250000|true');
});

void test('dates, times and numbers glued to letters are inert', () => {
  assert.equal(token('12.05.2024'), '12.05.2024|12052024|true');
  assert.equal(token('2024-05-12'), '2024-05-12|20240512|true');
  assert.equal(token('500000k'), '500000|500000|true');
  assert.equal(token('123456abc'), '123456|123456|true');
});

void test('phone-shaped numbers are not amounts, whatever word comes before', () => {
  assert.equal(token('miễn phí 1800 1091'), '1800 1091|18001091|false');
  assert.equal(token('phí 0912345678'), '0912345678|0912345678|false');
  assert.equal(token('1900 1000'), '1900 1000|19001000|false');
});
