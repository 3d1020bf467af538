import assert from 'node:assert/strict';
import { test } from 'node:test';
import { crc16, crc16Bytes, crc16Hex } from './crc16.js';

void test('the CRC-16/CCITT-FALSE check value of "123456789" is 0x29B1', () => {
  assert.equal(crc16('123456789'), 0x29b1);
  assert.equal(crc16Bytes(new TextEncoder().encode('123456789')), 0x29b1);
  assert.equal(crc16Hex(crc16('123456789')), '29B1');
});

void test('the CRC of nothing is the initial value, and hex keeps leading zeros', () => {
  assert.equal(crc16(''), 0xffff);
  assert.equal(crc16Hex(0x0fc0), '0FC0');
});

void test('a range of a string is checksummed alone', () => {
  assert.equal(crc16('xx123456789yy', 2, 11), 0x29b1);
});

void test('non-ASCII text is checksummed as its UTF-8 bytes', () => {
  for (const text of ['Ngân hàng Á Châu', '最佳运输 北京', 'emoji 🙂 ok', 'lone \ud800 surrogate']) {
    assert.equal(crc16(text), crc16Bytes(new TextEncoder().encode(text)), text);
  }
});
