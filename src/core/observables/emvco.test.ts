import assert from 'node:assert/strict';
import { test } from 'node:test';
import { crc16, crc16Hex } from './crc16.js';
import { isEmvcoPayload, parseEmvco, type EmvcoPayload } from './emvco.js';

/** One EMVCo field: tag, two-digit length, value. */
function tlv(tag: string, value: string): string {
  return tag + String(value.length).padStart(2, '0') + value;
}

/** Appends the CRC field to `body`, checksumming `body` and the `6304` that introduces the CRC. */
function withCrc(body: string): string {
  const head = body + '6304';
  return head + crc16Hex(crc16(head));
}

/** A VietQR payload to `account` at `bin`, built field by field. */
function vietQr(bin: string, account: string, service: string, extra = ''): string {
  const beneficiary = tlv('00', bin) + tlv('01', account);
  const merchant = tlv('00', 'A000000727') + tlv('01', beneficiary) + tlv('02', service);
  return withCrc(
    tlv('00', '01') + tlv('01', '11') + tlv('38', merchant) + tlv('53', '704') + extra + tlv('58', 'VN'),
  );
}

function parsed(payload: string): EmvcoPayload {
  const result = parseEmvco(payload);
  assert.ok(result.ok, result.ok ? '' : result.error);
  return result.value;
}

function rejected(payload: string): string {
  const result = parseEmvco(payload);
  assert.ok(!result.ok, `${payload} should be rejected`);
  return result.error;
}

// Published VietQR strings with their CRCs, from public VietQR libraries' documentation and code.
const ACB_STATIC =
  '00020101021138530010A0000007270123000697041601092576788590208QRIBFTTA53037045802VN6304AE9F';
const ACB_DYNAMIC =
  '00020101021238530010A0000007270123000697041601092576788590208QRIBFTTA5303704540410005802VN62150811Chuyen tien6304BBB8';
const AGRIBANK_STATIC =
  '00020101021138570010A00000072701270006970405011322082054793800208QRIBFTTA53037045802VN630497A6';
const PAYOS_DYNAMIC =
  '00020101021238570010A000000727012700069704220113VQRQABRLS04480208QRIBFTTA5303704540420005802VN6224082018f8746b181045f0a2ce63040FC0';
// The worked example of the EMVCo MPM specification: not VietQR, with a Chinese alternate-language template.
const EMVCO_EXAMPLE =
  '00020101021229300012D156000000000510A93FO3230Q31280012D15600000001030812345678520441115802CN5914BEST TRANSPORT6007BEIJING64200002ZH0104最佳运输0202北京540523.7253031565502016233030412340603***0708A60086670902ME91320016A0112233449988770708123456786304A13A';

void test('a published static VietQR code names its bank and account', () => {
  const qr = parsed(ACB_STATIC);
  assert.equal(qr.pointOfInitiation, 'static');
  assert.deepEqual(qr.vietqr, {
    bin: '970416',
    account: '257678859',
    isCard: false,
    serviceCode: 'QRIBFTTA',
  });
  assert.equal(qr.currency, '704');
  assert.equal(qr.country, 'VN');
  assert.equal(qr.amount, undefined);
  assert.equal(qr.tags.get('63'), 'AE9F');
  assert.equal(parsed(AGRIBANK_STATIC).vietqr?.account, '2208205479380');
});

void test('a published dynamic VietQR code carries its amount and message', () => {
  const qr = parsed(ACB_DYNAMIC);
  assert.equal(qr.pointOfInitiation, 'dynamic');
  assert.equal(qr.amount, '1000');
  assert.equal(qr.purpose, 'Chuyen tien');
  assert.equal(qr.templates.get('62')?.get('08'), 'Chuyen tien');
  const payos = parsed(PAYOS_DYNAMIC);
  // Payment providers issue virtual accounts with letters in them.
  assert.deepEqual(payos.vietqr, {
    bin: '970422',
    account: 'VQRQABRLS0448',
    isCard: false,
    serviceCode: 'QRIBFTTA',
  });
  assert.equal(payos.amount, '2000');
  assert.equal(payos.purpose, '18f8746b181045f0a2ce');
});

void test('a lower-case CRC is accepted', () => {
  const qr = parsed(
    '00020101021138540010A00000072701240006970422011009119673630208QRIBFTTA53037045802VN63046ad9',
  );
  assert.equal(qr.vietqr?.bin, '970422');
});

void test('a VietQR code to a card says so', () => {
  const payload = vietQr('970436', '9704361234567895', 'QRIBFTTC');
  assert.deepEqual(parsed(payload).vietqr, {
    bin: '970436',
    account: '9704361234567895',
    isCard: true,
    serviceCode: 'QRIBFTTC',
  });
});

void test('an EMVCo payload of another scheme parses, without VietQR', () => {
  const qr = parsed(EMVCO_EXAMPLE);
  assert.equal(qr.vietqr, undefined);
  assert.equal(qr.pointOfInitiation, 'dynamic');
  assert.equal(qr.merchantName, 'BEST TRANSPORT');
  assert.equal(qr.merchantCity, 'BEIJING');
  assert.equal(qr.amount, '23.72');
  assert.equal(qr.currency, '156');
  assert.equal(qr.country, 'CN');
  assert.equal(qr.templates.get('29')?.get('00'), 'D15600000000');
  assert.equal(qr.templates.get('64')?.get('01'), '最佳运输');
  assert.equal(qr.purpose, undefined);
});

void test('a tampered payload fails its CRC, and the message gives both values', () => {
  const tampered = ACB_STATIC.replace('257678859', '257678850');
  const computed = crc16Hex(crc16(tampered, 0, tampered.length - 4));
  assert.notEqual(computed, 'AE9F');
  assert.equal(rejected(tampered), `CRC mismatch: payload says AE9F, computed ${computed}`);
  assert.match(
    rejected(ACB_STATIC.slice(0, -4) + 'AE9E'),
    /^CRC mismatch: payload says AE9E, computed AE9F$/,
  );
});

void test('truncated payloads and fields are reported where they break', () => {
  assert.equal(
    rejected(ACB_STATIC.slice(0, 40)),
    'truncated field: tag 38 at position 12 says length 53 but only 24 characters remain',
  );
  assert.match(rejected(ACB_STATIC.slice(0, 14)), /^truncated field at position 12/);
  assert.equal(rejected('000201010211'), 'missing CRC (tag 63)');
});

void test('a wrong length inside a template is reported with its tag', () => {
  // Sub-tag 01 of tag 38 claims 25 characters where 23 follow; the CRC is right, the structure is not.
  const beneficiary = '0006970416' + '0109257678859';
  const merchant = '0010A000000727' + '0125' + beneficiary + '0208QRIBFTTA';
  const payload = withCrc('000201' + '010211' + tlv('38', merchant) + '5802VN');
  assert.match(rejected(payload), /^in tag 38: /);
  assert.match(rejected(withCrc('000201' + '01X211')), /^bad length "X2" for tag 01/);
  assert.match(rejected(withCrc('000201' + 'A10211')), /^bad tag "A1" at position 6/);
});

void test('the fixed rules of the format are enforced', () => {
  assert.equal(
    rejected(withCrc('0102110002015802VN')),
    'payload must begin with tag 00 (payload format indicator)',
  );
  assert.equal(
    rejected(withCrc('0002020102115802VN')),
    'payload format indicator (tag 00) must be 01, not "02"',
  );
  assert.equal(rejected(withCrc('0002010102115802VN5802VN')), 'duplicate tag 58 at position 18');
  assert.equal(rejected(withCrc('000201010213')), 'point of initiation (tag 01) must be 11 or 12, not "13"');
  assert.equal(rejected(withCrc('0002015405-1000')), 'bad transaction amount (tag 54): "-1000"');
  assert.equal(rejected('0002016305ABCDE'), 'CRC (tag 63) must have length 04, not 05');
  assert.equal(
    rejected(withCrc('000201').slice(0, 14) + '5802VN'),
    'CRC (tag 63) at position 6 must be the last field',
  );
  assert.equal(rejected(withCrc('000201').slice(0, 10) + 'ZZZZ'), 'CRC (tag 63) is not 4 hex digits: "ZZZZ"');
  assert.match(rejected('000201' + '5'.repeat(600)), /too long: 606 characters/);
  assert.equal(rejected(''), 'empty EMVCo payload');
});

void test('VietQR beneficiary details are checked', () => {
  const noBeneficiary = withCrc('000201010211' + tlv('38', '0010A0000007270208QRIBFTTA') + '5802VN');
  assert.equal(rejected(noBeneficiary), 'VietQR (tag 38) has no beneficiary (sub-tag 01)');
  assert.match(rejected(vietQr('97043', '0123456789', 'QRIBFTTA')), /BIN \(tag 38-01-00\) must be 6 digits/);
  // Tag 38 under another GUID is someone else's scheme.
  const other = withCrc(
    '000201010211' + tlv('38', '0010A000000999' + tlv('01', '00069704360110012345678')) + '5802VN',
  );
  assert.equal(parsed(other).vietqr, undefined);
});

void test('isEmvcoPayload sniffs the format indicator', () => {
  assert.equal(isEmvcoPayload(ACB_STATIC), true);
  assert.equal(isEmvcoPayload('https://example.com'), false);
  assert.equal(isEmvcoPayload('0002'), false);
});
