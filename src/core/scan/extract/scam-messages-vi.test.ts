import assert from 'node:assert/strict';
import { test } from 'node:test';
import { extractObservables } from './extract-observables.js';

// Realistic Vietnamese messages, scam and benign, with exactly what each must yield. Numbers, names and links
// are made up in the shapes the national CERT sees: SMS brand-name spoofing, fake fines, job and loan scams,
// "your child is in hospital", plus the ordinary traffic around them, which must yield nothing spurious.

function found(text: string): string[] {
  return extractObservables(text).map((e) => {
    let line = `${e.kind} ${e.raw} -> ${e.value?.canonical ?? '?'}`;
    if (e.shortened === true) line += ' [shortened]';
    if (e.lookalike === true) line += ` [lookalike ${e.skeleton ?? '?'}]`;
    return line;
  });
}

const VIETQR =
  '00020101021238540010A00000072701240006970422011003456789120208QRIBFTTA5303704540720000005802VN62220818HOAN TIEN DON 8812630499D8';

const MESSAGES: readonly (readonly [string, readonly string[]])[] = [
  [
    '[VCB] Tai khoan cua quy khach bi tam khoa. Vui long truy cap vcb-xacthuc[.]com de mo khoa',
    ['domain vcb-xacthuc[.]com -> vcb-xacthuc.com'],
  ],
  [
    'Chuc mung ban trung thuong 50.000.000d. LH 0912.345.678 hoac CK phi 500k vao STK 0123456789 Techcombank',
    ['phone 0912.345.678 -> +84912345678', 'bank-account 0123456789 -> 970407:0123456789'],
  ],
  [
    'Vietcombank thong bao: tai khoan cua quy khach se bi khoa sau 24h. Xac thuc ngay tai https://vietcombank-xacthuc.top/login',
    ['url https://vietcombank-xacthuc.top/login -> https://vietcombank-xacthuc.top/login'],
  ],
  [
    'BIDV: Quy khach duoc tang 2.000.000d diem thuong. Quy doi tai bidv-diemthuong.com truoc 23h59 hom nay.',
    ['domain bidv-diemthuong.com -> bidv-diemthuong.com'],
  ],
  [
    'Cuc CSGT thong bao phuong tien cua ban vi pham giao thong. Tra cuu va nop phat tai: csgt-vn.online/tracuu',
    ['url csgt-vn.online/tracuu -> http://csgt-vn.online/tracuu'],
  ],
  [
    'Don hang cua ban dang bi giu tai kho do sai dia chi. Cap nhat tai bit.ly/3GhtK9x hoac goi 0868 123 456',
    ['url bit.ly/3GhtK9x -> http://bit.ly/3GhtK9x [shortened]', 'phone 0868 123 456 -> +84868123456'],
  ],
  [
    'Tuyen CTV lam viec online tai nha, thu nhap 300-500k/ngay. Ib Zalo 0934.567.890 hoac zalo.me/0934567890',
    ['phone 0934.567.890 -> +84934567890', 'url zalo.me/0934567890 -> http://zalo.me/0934567890'],
  ],
  [
    'Chúng tôi là cán bộ Tổng cục Thuế. Hồ sơ của anh/chị cần bổ sung, vui lòng tải ứng dụng tại: dichvucong-gov.vn/app',
    ['url dichvucong-gov.vn/app -> http://dichvucong-gov.vn/app'],
  ],
  [
    'Me oi con bi tai nan dang cap cuu, me chuyen gap 15 trieu vao STK 19036543210012 Techcombank ten NGUYEN VAN A',
    ['bank-account 19036543210012 -> 970407:19036543210012'],
  ],
  [
    '[MB] Quy khach co giao dich dang cho xu ly. Neu khong phai ban, huy tai mbbank-huygd.xyz hoac LH 1900 6688',
    ['domain mbbank-huygd.xyz -> mbbank-huygd.xyz', 'phone 1900 6688 -> +8419006688'],
  ],
  [
    'Vay tien nhanh khong the chap, giai ngan 30 phut. Lien he Mr Hung 0903 888 999. Ho so gui hotro.vaynhanh@gmail.com',
    ['phone 0903 888 999 -> +84903888999', 'email hotro.vaynhanh@gmail.com -> hotro.vaynhanh@gmail.com'],
  ],
  [
    'Dau tu tien ao lai 30%/thang. Nap USDT TRC20 vao vi TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t, lien he Telegram @dautu_vip',
    ['wallet TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t -> tron:TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t'],
  ],
  [`Quét mã để nhận hoàn tiền đơn hàng: ${VIETQR}`, [`emvco ${VIETQR} -> 970422:0345678912`]],
  [
    'EVN thong bao: quy khach no tien dien 1.250.000d, se bi cat dien. Thanh toan qua STK 0011001234567 Vietcombank hoac LH 024.3833.1234',
    ['bank-account 0011001234567 -> 970436:0011001234567', 'phone 024.3833.1234 -> +842438331234'],
  ],
  [
    'Thẻ 9704 3612 3456 7895 của quý khách sắp hết hạn, gia hạn tại vietc\u043embank-giahan.com',
    [
      'bank-account 9704 3612 3456 7895 -> card:9704361234567895',
      'domain vietc\u043embank-giahan.com -> xn--vietcmbank-giahan-3co.com [lookalike vietcombank-giahan.com]',
    ],
  ],
  [
    'Ngân hàng ACB: Vui lòng chuyển phí 200.000đ vào số tài khoản: 0123 456 789 (ACB) để kích hoạt thẻ.',
    ['bank-account 0123 456 789 -> 970416:0123456789'],
  ],
  [
    'Shopee: Chuc mung ban nhan voucher 500K. Nhan ngay tai shopee-qua-tang.vn (het han 12/05/2024).',
    ['domain shopee-qua-tang.vn -> shopee-qua-tang.vn'],
  ],
  [
    'Em la nhan vien ngan hang, anh chuyen khoan 970422 0345678912 de xac minh danh tinh nhe',
    ['bank-account 0345678912 -> 970422:0345678912'],
  ],
  // Benign traffic.
  ['Giá 1.250.000đ, ship COD toàn quốc', []],
  ['Xin chào.Bạn khỏe không? Tối nay 7h30 mình gặp nhau ở quán cũ nhé.', []],
  [
    'VCB: TK 0011004123456 +5,000,000VND luc 12-05-2024 10:30:15. SD 12,345,678VND. Ref MBVCB.1234567.ABC',
    ['bank-account 0011004123456 -> 970436:0011004123456'],
  ],
  [
    'Ma OTP cua ban la 482913. Ma co hieu luc trong 5 phut. Tuyet doi KHONG cung cap ma nay cho bat ky ai.',
    [],
  ],
  ['Lịch học: thứ 2 và thứ 4 lúc 18h00, phòng 302 nhà A, T.P.HCM. Học phí 3.500.000đ/khóa.', []],
  [
    'Cam on quy khach da su dung dich vu cua VNPT. Hoa don thang 04/2024: 245.000d. Chi tiet tai vnpt.com.vn',
    ['domain vnpt.com.vn -> vnpt.com.vn'],
  ],
  ['Anh oi so cua em van la 0987 654 321 nhe, co gi goi em.', ['phone 0987 654 321 -> +84987654321']],
  ['Phiên bản 2.3.1 đã sẵn sàng. Cập nhật ngay để có trải nghiệm tốt hơn.', []],
  ['Tặng 5000 MB data cho thuê bao, hạn dùng đến 30.6. Soạn KT gửi 191.', []],
];

for (const [text, expected] of MESSAGES) {
  void test(text.length > 70 ? text.slice(0, 70) + '…' : text, () => {
    assert.deepEqual(found(text), expected);
  });
}
