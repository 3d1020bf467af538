import assert from 'node:assert/strict';
import { test } from 'node:test';
import { crc16, crc16Hex } from '../../observables/crc16.js';
import { extractObservables } from './extract-observables.js';

/** Each finding as `kind raw -> canonical`. */
function found(text: string): string[] {
  return extractObservables(text).map((e) => `${e.kind} ${e.raw} -> ${e.value?.canonical ?? '?'}`);
}

void test('e-mail addresses, plain', () => {
  assert.deepEqual(found('Gửi hồ sơ về hotro@vcb-xacthuc.com.'), [
    'email hotro@vcb-xacthuc.com -> hotro@vcb-xacthuc.com',
  ]);
  assert.deepEqual(found('Contact Support.Team+vn@Gmail.COM or nguyen_van.a@yahoo.com.vn, thanks'), [
    'email Support.Team+vn@Gmail.COM -> Support.Team+vn@gmail.com',
    'email nguyen_van.a@yahoo.com.vn -> nguyen_van.a@yahoo.com.vn',
  ]);
});

void test('e-mail addresses, defanged with [at] and (at), spaces allowed', () => {
  assert.deepEqual(found('Email: hotro[at]vcb-xacthuc[.]com'), [
    'email hotro[at]vcb-xacthuc[.]com -> hotro@vcb-xacthuc.com',
  ]);
  assert.deepEqual(found('écrivez à service (at) colis-laposte (dot) info'), [
    'email service (at) colis-laposte (dot) info -> service@colis-laposte.info',
  ]);
});

void test('the domain of an address is not also a link; a digit local part is not a phone', () => {
  assert.deepEqual(found('0912345678@gmail.com'), ['email 0912345678@gmail.com -> 0912345678@gmail.com']);
});

void test('handles and at-signs without a dotted domain are not addresses', () => {
  assert.deepEqual(found('Follow @vcb_official and ping me@localhost @ 10am'), []);
});

void test('Bitcoin addresses, base58 and bech32, checksum-checked', () => {
  assert.deepEqual(found('Send BTC to 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa now'), [
    'wallet 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa -> btc:1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa',
  ]);
  assert.deepEqual(found('Ví: bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4.'), [
    'wallet bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4 -> btc:bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4',
  ]);
});

void test('Ethereum and TRON addresses', () => {
  assert.deepEqual(found('ETH: 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed'), [
    'wallet 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed -> eth:0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed',
  ]);
  assert.deepEqual(found('Nạp USDT (TRC20) vào TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t để nhận lãi 30%'), [
    'wallet TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t -> tron:TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t',
  ]);
});

void test('wallet-shaped strings whose checksum fails are not reported', () => {
  assert.deepEqual(found('1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6T'), []);
  assert.deepEqual(found('0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD'), []);
  assert.deepEqual(found('Session id 3fa85f6457174562b3fc2c963f66afa6aaaa'), []);
});

/** One EMVCo field: tag, two-digit length, value. */
function tlv(tag: string, value: string): string {
  return tag + String(value.length).padStart(2, '0') + value;
}

/** A VietQR payload paying `account` at `bin`, with its CRC; `extra` fields go before the country. */
function vietQr(bin: string, account: string, extra = ''): string {
  const merchant =
    tlv('00', 'A000000727') + tlv('01', tlv('00', bin) + tlv('01', account)) + tlv('02', 'QRIBFTTA');
  const head =
    tlv('00', '01') + tlv('01', '12') + tlv('38', merchant) + tlv('53', '704') + extra + tlv('58', 'VN');
  return head + '6304' + crc16Hex(crc16(head + '6304'));
}

void test('a VietQR payload in text gives its raw payload and the account it pays into', () => {
  const payload = vietQr(
    '970436',
    '0123456789',
    tlv('54', '500000') + tlv('62', tlv('08', 'Nop phi mo khoa')),
  );
  assert.deepEqual(found(`Quét mã hoặc dán: ${payload} để thanh toán`), [
    `emvco ${payload} -> 970436:0123456789`,
  ]);
});

void test('a published static VietQR string, pasted with a full stop after it', () => {
  const acb = '00020101021138530010A0000007270123000697041601092576788590208QRIBFTTA53037045802VN6304AE9F';
  assert.deepEqual(found(`QR: ${acb}.`), [`emvco ${acb} -> 970416:257678859`]);
});

void test('a VietQR payload with a wrong CRC is reported without a value', () => {
  const good = vietQr('970436', '0123456789');
  const tampered = good.replace('0123456789', '0123456780');
  assert.deepEqual(found(tampered), [`emvco ${tampered} -> ?`]);
});

void test('a VietQR payload paying a virtual account that is no account number has no value', () => {
  const payload = vietQr('970422', 'VQRQABRLS0448');
  assert.deepEqual(found(payload), [`emvco ${payload} -> ?`]);
});

void test('000201 in a plain number is no payload', () => {
  assert.deepEqual(found('Mã hồ sơ 000201 và 0002011234'), []);
});
