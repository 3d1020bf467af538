import assert from 'node:assert/strict';
import { test } from 'node:test';
import { extractObservables } from '../extract/extract-observables.js';
import { compileRuleSet } from './compile.js';
import { evaluate } from './evaluate.js';
import { STARTER_RULES } from './starter-rules.js';

const result = compileRuleSet(STARTER_RULES);

/** The ids of the starter rules that fire on `text`, with the extractor's real findings. */
function fired(text: string): string[] {
  assert.ok(result.ok, JSON.stringify(!result.ok && result.errors));
  return evaluate(result.compiled, text, extractObservables(text))
    .map((h) => h.ruleId)
    .sort();
}

test('the starter rule set compiles', () => {
  assert.ok(result.ok);
  assert.equal(result.compiled.rules.length, 12);
});

// Each scam message and the rules that must fire on it (others may fire too).
const SCAMS: [string, string[]][] = [
  [
    'Đây là Công an TP Hà Nội. Anh liên quan đến vụ án rửa tiền, có lệnh bắt. Yêu cầu chuyển toàn bộ tiền vào tài khoản tạm giữ để xác minh.',
    ['police-impersonation'],
  ],
  [
    'Vien kiem sat thong bao: ong/ba co lenh bat giam. Tai ung dung dich vu cong tai http://dichvucong-gov.vn.apk-cai.com de lam thu tuc',
    ['police-impersonation'],
  ],
  [
    'This is the police. You are under investigation for money laundering. Transfer your savings to a safe account now.',
    ['police-impersonation'],
  ],
  [
    'Vietcombank: Tài khoản của quý khách bị tạm khóa. Vui lòng cập nhật sinh trắc học tại https://vcb-sinhtrachoc.com',
    ['bank-account-locked'],
  ],
  ['T.a.i k.h.o.a.n cua quy khach se bi kh0a. X@c thuc ngay: bit.ly/vcb-xacthuc', ['bank-account-locked']],
  [
    'Your bank account has been suspended. Verify your identity at http://secure-acb-login.com',
    ['bank-account-locked'],
  ],
  [
    'Cục Thuế thông báo: bạn được hoàn thuế TNCN 3.250.000đ. Truy cập https://hoanthue-tct.com để nhận.',
    ['tax-impersonation'],
  ],
  [
    'Tax refund of $420 is pending from the tax department. Claim at https://irs-refund-help.com',
    ['tax-impersonation'],
  ],
  [
    'EVN thông báo: quý khách nợ tiền điện 2 tháng, sẽ cắt điện trong hôm nay. Thanh toán tại evn-thanhtoan.com',
    ['power-cut-threat'],
  ],
  [
    'Your electricity bill is overdue. Power cut tonight unless you pay now: http://evn-pay.net',
    ['power-cut-threat'],
  ],
  ['Chúc mừng quý khách đã trúng thưởng xe SH. Liên hệ 0912345678 để nhận thưởng.', ['fake-prize']],
  ['Congratulations you won an iPhone 15! Claim your prize at http://prize-vn.top', ['fake-prize']],
  ['Bạn nhận được quà tặng tri ân khách hàng, chỉ cần đóng phí vận chuyển 35k.', ['fake-prize']],
  ['Viec nhe luong cao, lam nhiem vu like share kiem tien 500k/ngay. Ib zalo 0987654321', ['fake-job']],
  ['Tuyen CTV lam viec tai nha, thả tim TikTok nhận hoa hồng mỗi ngày, nhắn tin zalo', ['fake-job']],
  ['Part time job: simple tasks, earn 2,000,000 VND per day. Contact us on Telegram.', ['fake-job']],
  [
    'Your account is locked. Click here to unlock your account: http://fb-unlock-help.com',
    ['click-to-unlock'],
  ],
  ['V4y t1ền nhanh, không thẩm định, chỉ cần CCCD, giải ngân trong ngày!', ['loan-scam']],
  ['Instant loan up to 50 million, no credit check, approved in minutes.', ['loan-scam']],
  [
    'Sàn giao dịch Bitcoin uy tín, cam kết lợi nhuận 30%/tháng, x2 tài khoản. Tham gia nhóm telegram',
    ['investment-scam'],
  ],
  ['Invest in crypto with guaranteed daily returns of 5%. Join https://t.me/profitclub', ['investment-scam']],
  ['Anh vui lòng cung cấp mã OTP vừa nhận để hoàn tất hoàn tiền, gọi lại 0901234567', ['otp-theft']],
  ['Ma O T P cua ban la 123456. Xac nhan giao dich tai http://vcb-otp.com', ['otp-theft']],
  ['Please send me the code you just got (verification code) - call 0912 345 678', ['otp-theft']],
  // English SMS spam: foreign numbers and short codes are no observables, so the rules read them as text.
  ['WINNER! You have been selected to receive a £900 prize. To claim call 09061701461 now.', ['fake-prize']],
  ['Your £2000 cash award is waiting. To claim ur prize call 0800 169 6031 today', ['fake-prize']],
  ['You have 1 new message. Please call 08718738034.', ['callback-lure']],
  [
    'We tried to make a delivery to you but could not. Please call 07099833605 to re-schedule.',
    ['callback-lure'],
  ],
  ['Someone fancies you! Chat now on 09099726395, calls £1/min', ['callback-lure']],
  ['FREE ringtone! Txt TONE to 87131 now, then £3/wk. Send STOP to end', ['premium-sms']],
  ['Double mins on Orange! Call MobileUpd8 on 08000839402 or call2optout', ['premium-sms']],
];

for (const [text, expected] of SCAMS) {
  test(`fires ${expected.join(', ')}: ${text.slice(0, 60)}`, () => {
    const got = fired(text);
    for (const id of expected) assert.ok(got.includes(id), `${id} not in ${JSON.stringify(got)}`);
  });
}

// Ordinary messages that share words with the scams: nothing may fire.
const BENIGN = [
  'Hôm nay công an phường tổ chức họp dân',
  'Cong an canh bao: khong chuyen tien cho nguoi la tu xung la cong an qua dien thoai',
  'Your OTP is 123456, do not share it',
  'Ma OTP cua Quy khach la 482913. Khong chia se ma nay cho bat ky ai. LH 1900545413',
  'Vietcombank: Quý khách đã cập nhật sinh trắc học thành công.',
  'EVN thông báo lịch cắt điện ngày 25/11 tại phường Bến Nghé do bảo trì lưới điện.',
  'Cho thuê nhà nguyên căn, sản phẩm chính hãng, liên hệ 0912345678',
  'Ngân hàng đã giải ngân khoản vay của quý khách. Chi tiết gọi 1900545413.',
  'Thị trường chứng khoán hôm nay: nhà đầu tư chốt lời, VN-Index giảm 5 điểm.',
  'Công ty tuyển cộng tác viên bán hàng, lương cơ bản 5 triệu.',
  'Em chuyển khoản tiền nhà cho anh rồi nhé',
  'Mai đi qua tầng 3 lấy quà tặng sinh nhật nha',
  'The police closed the road downtown; traffic is slow.',
  'Reminder: your electricity bill of 350,000 VND was paid, thank you.',
  'Call me on 0207 153 9153 when you land, I have a little gift for you',
  'We won the quiz! Text me when you get home, my number is 0912 345 678',
  'I tried to contact you all day, call me back on 0912 345 678',
  'Mai gọi lại cho em số 0912345678 nhé, có quà cho anh',
  'Text your address to 0912 345 678 and I will send the invitation',
  'You have registered a payee. Log in at icicibank.com and enter the code to confirm. Do NOT share it with anyone.',
];

for (const text of BENIGN) {
  test(`stays silent: ${text.slice(0, 60)}`, () => {
    assert.deepEqual(fired(text), []);
  });
}

test('a hit carries the rule and spans in the original text', () => {
  assert.ok(result.ok);
  const text = 'Cục Thuế: hoàn thuế tại https://hoanthue-tct.com';
  const hit = evaluate(result.compiled, text, extractObservables(text)).find(
    (h) => h.ruleId === 'tax-impersonation',
  );
  assert.ok(hit);
  assert.equal(hit.category, 'impersonation');
  assert.equal(hit.weight, 70);
  assert.deepEqual(
    hit.spans.map((s) => s.text),
    ['Cục Thuế', 'hoàn thuế'],
  );
});
