import assert from 'node:assert/strict';
import { test } from 'node:test';
import { extractObservables } from './extract-observables.js';

// The rule in link-rules.ts, case by case: a bare word.word is a domain only if its last label is a real public
// suffix AND (it has a path, OR it was defanged or disguised, OR the suffix is a common one not written in
// Titlecase, OR a link word precedes it and the suffix is no everyday word).

function kinds(text: string): string[] {
  return extractObservables(text).map((e) => `${e.kind} ${e.raw}`);
}

void test('sentences missing the space after a full stop are not domains', () => {
  assert.deepEqual(kinds('Xin chào.Bạn khỏe không?'), []);
  assert.deepEqual(kinds('Cam on quy khach.Vui long lien he tong dai.'), []);
  assert.deepEqual(kinds('Contact us.Thanks a lot.See you'), []);
  assert.deepEqual(kinds('Merci beaucoup.Bonne journée.A demain'), []);
  // .co, .me, .online are real suffixes, but a Titlecase label after a dot starts a sentence.
  assert.deepEqual(kinds('Chuc mung ban.Co qua tang.Me di cho.Dang ky.Online ngay'), []);
});

void test('version numbers, times, amounts and dates are not domains', () => {
  assert.deepEqual(kinds('Update to 1.2.3 or v2.0.1-beta now'), []);
  assert.deepEqual(kinds('Meeting at 10.30, see you!'), []);
  assert.deepEqual(kinds('Giá 500.000đ, giảm còn 1.250.000 VND'), []);
  assert.deepEqual(kinds('Hẹn ngày 12.05.2024 lúc 9.15'), []);
});

void test('abbreviations are not domains', () => {
  assert.deepEqual(kinds('Văn phòng tại T.P.HCM và TP.HN, Q.1'), []);
  assert.deepEqual(kinds('e.g. this, i.e. that, at 9 a.m. sharp'), []);
  assert.deepEqual(kinds('Mr.Smith and Dr.Who met St.John'), []);
});

void test('file names and names with a made-up suffix are not domains', () => {
  assert.deepEqual(kinds('Gửi file baocao.pdf và anh.jpg nhé'), []);
  assert.deepEqual(kinds('xin.chao and foo.bar and T.P.HCM'), []);
});

void test('an uncommon real suffix needs a link word, a path or defanging', () => {
  // .me and .la are real, and everyday words: never on a link word alone.
  assert.deepEqual(kinds('vui long truy cap ban.me ngay'), []);
  // .cam is a real suffix too: lowercase, no path, no link word.
  assert.deepEqual(kinds('chuc mung ban.cam on'), []);
  // .club is common; .travel is not, but a link word comes before it.
  assert.deepEqual(kinds('vui long truy cap vietjet-khuyenmai.travel de nhan ve'), [
    'domain vietjet-khuyenmai.travel',
  ]);
  assert.deepEqual(kinds('vietjet-khuyenmai.travel thoi'), []);
  assert.deepEqual(kinds('ban.me/abc'), ['url ban.me/abc']);
  assert.deepEqual(kinds('ban[.]me'), ['domain ban[.]me']);
});

void test('common suffixes count in lower or upper case, not in Titlecase', () => {
  assert.deepEqual(kinds('vcb-xacthuc.com'), ['domain vcb-xacthuc.com']);
  assert.deepEqual(kinds('VCB-XACTHUC.COM'), ['domain VCB-XACTHUC.COM']);
  assert.deepEqual(kinds('Vcb-xacthuc.Com'), []);
  assert.deepEqual(kinds('Vcb-xacthuc.Com/login'), ['url Vcb-xacthuc.Com/login']);
});

void test('a bare dotted quad is no link without a path or port', () => {
  assert.deepEqual(kinds('Phiên bản 10.0.0.1 đã có'), []);
  assert.deepEqual(kinds('Server 10.0.0.1:8080 up'), ['url 10.0.0.1:8080']);
});

void test('a Vietnamese word before a common suffix is a sentence, unless a path or link word says otherwise', () => {
  assert.deepEqual(kinds('Đi ăn.com chưa? Mọi người.vn ơi'), []);
  assert.deepEqual(kinds('Xem tiếng-việt.vn/tin'), ['url tiếng-việt.vn/tin']);
  assert.deepEqual(kinds('Truy cập tiếng-việt.vn nhé'), ['domain tiếng-việt.vn']);
});

void test('a plain dot followed by a space never joins labels', () => {
  assert.deepEqual(kinds('Toi da an. com ngon lam'), []);
  assert.deepEqual(kinds('Tai khoan vcb. com. vn'), []);
});
