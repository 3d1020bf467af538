import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BANKS, bankByBin, findBank, foldBankName } from './banks.js';

void test('a code, its case, the brand, the legal name and the BIN all find one bank', () => {
  const vcb = bankByBin('970436');
  assert.equal(vcb?.short, 'VCB');
  for (const name of [
    'VCB',
    'vcb',
    'Vietcombank',
    'VIETCOMBANK',
    'Vietcom Bank',
    '970436',
    'Ngân hàng TMCP Ngoại thương Việt Nam',
    'ngan hang tmcp ngoai thuong viet nam',
    'NGÂN HÀNG NGOẠI THƯƠNG',
    'NH Vietcombank',
    'Vietcombank Việt Nam',
  ]) {
    assert.equal(findBank(name), vcb, name);
  }
});

void test('the BINs of the public VietQR list', () => {
  const expected: Record<string, string> = {
    '970436': 'Vietcombank',
    '970415': 'VietinBank',
    '970418': 'BIDV',
    '970405': 'Agribank',
    '970407': 'Techcombank',
    '970422': 'MBBank',
    '970416': 'ACB',
    '970432': 'VPBank',
    '970423': 'TPBank',
    '970403': 'Sacombank',
    '970437': 'HDBank',
    '970441': 'VIB',
    '970443': 'SHB',
    '970431': 'Eximbank',
    '970426': 'MSB',
    '970440': 'SeABank',
    '970448': 'OCB',
    '970449': 'LPBank',
    '970412': 'PVcomBank',
    '970439': 'PublicBank',
    '546034': 'CAKE',
    '963388': 'Timo',
    '971005': 'ViettelMoney',
    '971011': 'VNPTMoney',
  };
  for (const [bin, name] of Object.entries(expected)) assert.equal(bankByBin(bin)?.name, name, bin);
  assert.ok(BANKS.length >= 60, `${BANKS.length} banks`);
});

void test('old names find the bank that carries them on', () => {
  assert.equal(findBank('LienVietPostBank')?.bin, '970449');
  assert.equal(findBank('Oceanbank')?.short, 'MBV');
  assert.equal(findBank('DongA Bank')?.bin, '970406');
  assert.equal(findBank('Viet Capital Bank')?.bin, '970454');
  assert.equal(findBank('VCBNeo')?.bin, '970444');
  assert.equal(findBank('Maritime Bank')?.short, 'MSB');
  assert.equal(findBank('CTG')?.short, 'ICB');
});

void test('banks with similar names stay apart', () => {
  assert.equal(findBank('SHB')?.bin, '970443');
  assert.equal(findBank('Shinhan')?.bin, '970424');
  assert.equal(findBank('SCB')?.bin, '970429');
  assert.equal(findBank('Standard Chartered')?.bin, '970410');
  assert.equal(findBank('BaoViet Bank')?.bin, '970438');
  assert.equal(findBank('BVBank')?.bin, '970454');
  assert.equal(findBank('Đông Á')?.bin, '970406');
  assert.equal(findBank('Đông Nam Á')?.bin, '970440');
  assert.equal(findBank('MB')?.bin, '970422');
  assert.equal(findBank('MBV')?.bin, '970414');
});

void test('every name in the table belongs to one bank only', () => {
  const owner = new Map<string, string>();
  for (const bank of BANKS) {
    for (const name of [bank.bin, bank.short, bank.name, bank.legalName, ...bank.aliases]) {
      const key = foldBankName(name);
      const previous = owner.get(key);
      assert.ok(
        previous === undefined || previous === bank.bin,
        `"${name}" names ${previous} and ${bank.bin}`,
      );
      owner.set(key, bank.bin);
      assert.equal(findBank(name), bank, name);
    }
  }
});

void test('BINs are six digits and codes are upper-case letters and digits, each unique', () => {
  const bins = new Set<string>();
  const codes = new Set<string>();
  for (const bank of BANKS) {
    for (const bin of [bank.bin, ...bank.cardBins]) {
      assert.match(bin, /^\d{6}$/);
      assert.ok(!bins.has(bin), `duplicate BIN ${bin}`);
      bins.add(bin);
    }
    assert.match(bank.short, /^[A-Z0-9]+$/);
    assert.ok(!codes.has(bank.short), `duplicate code ${bank.short}`);
    codes.add(bank.short);
  }
});

void test('a card BIN finds its bank', () => {
  assert.equal(bankByBin('970499')?.short, 'VBA');
});

void test('unknown names and BINs find nothing', () => {
  for (const name of ['', '   ', 'Bank of Nowhere', '123456', '9704', 'ngân hàng', 'Vietcombankk']) {
    assert.equal(findBank(name), undefined, name);
  }
  assert.equal(bankByBin('vcb'), undefined);
});

void test('folding drops case, diacritics, đ and punctuation', () => {
  assert.equal(foldBankName('Ngân hàng TMCP Đầu tư và Phát triển'), 'nganhangtmcpdautuvaphattrien');
  assert.equal(foldBankName('Co-opBank'), 'coopbank');
  assert.equal(foldBankName('TP. Hồ Chí Minh'), 'tphochiminh');
});
