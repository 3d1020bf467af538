import assert from 'node:assert/strict';
import { test } from 'node:test';
import { extractObservables } from './extract-observables.js';

/** Each finding as `kind raw -> canonical [flags]`, so a test states exactly what a message yields. */
function found(text: string): string[] {
  return extractObservables(text).map((e) => {
    let line = `${e.kind} ${e.raw} -> ${e.value?.canonical ?? '?'}`;
    if (e.shortened === true) line += ' [shortened]';
    if (e.lookalike === true) line += ` [lookalike ${e.skeleton ?? '?'}]`;
    return line;
  });
}

void test('links with a scheme, in any case, with paths, queries and ports', () => {
  assert.deepEqual(found('Xem http://vcb-online.xyz ngay'), [
    'url http://vcb-online.xyz -> http://vcb-online.xyz/',
  ]);
  assert.deepEqual(found('Click HTTPS://Secure-VCB.top/Login?id=1&x=2 now'), [
    'url HTTPS://Secure-VCB.top/Login?id=1&x=2 -> https://secure-vcb.top/Login?id=1&x=2',
  ]);
  assert.deepEqual(found('Admin: http://103.45.67.89:8080/panel'), [
    'url http://103.45.67.89:8080/panel -> http://103.45.67.89/panel',
  ]);
});

void test('a userinfo before @ is not the host: the link goes where the browser goes', () => {
  assert.deepEqual(found('Dang nhap http://vietcombank.com.vn@evil.example/login'), [
    'url http://vietcombank.com.vn@evil.example/login -> http://evil.example/login',
  ]);
});

void test('www. links need no scheme and are urls', () => {
  assert.deepEqual(found('Visit www.vietcombank.com.vn today'), [
    'url www.vietcombank.com.vn -> http://www.vietcombank.com.vn/',
  ]);
  assert.deepEqual(found('Rendez-vous sur WWW.AMELI-REMBOURSEMENT.FR'), [
    'url WWW.AMELI-REMBOURSEMENT.FR -> http://www.ameli-remboursement.fr/',
  ]);
});

void test('bare names with a path are urls, without one domains', () => {
  assert.deepEqual(found('Đăng nhập vcb-online.xyz/login để nhận quà'), [
    'url vcb-online.xyz/login -> http://vcb-online.xyz/login',
  ]);
  assert.deepEqual(found('Tai khoan bi khoa, vao vcb-xacthuc.com de mo'), [
    'domain vcb-xacthuc.com -> vcb-xacthuc.com',
  ]);
  assert.deepEqual(found('IP 103.45.67.89/vcb'), ['url 103.45.67.89/vcb -> http://103.45.67.89/vcb']);
});

void test('URL shorteners are flagged', () => {
  assert.deepEqual(found('Nhan qua tai bit.ly/3abc'), ['url bit.ly/3abc -> http://bit.ly/3abc [shortened]']);
  assert.deepEqual(found('see https://t.co/xYz123 and tinyurl.com/vcb-qua'), [
    'url https://t.co/xYz123 -> https://t.co/xYz123 [shortened]',
    'url tinyurl.com/vcb-qua -> http://tinyurl.com/vcb-qua [shortened]',
  ]);
  assert.deepEqual(found('Zalo: zalo.me/0912345678'), [
    'url zalo.me/0912345678 -> http://zalo.me/0912345678',
  ]);
});

void test('defanged links: hxxp, [.], (.), {.}, [dot], (dot), [:], \\.', () => {
  assert.deepEqual(found('IOC: hxxp://evil[.]example/a'), [
    'url hxxp://evil[.]example/a -> http://evil.example/a',
  ]);
  assert.deepEqual(found('IOC: hXXps[:]//evil(.)example/b'), [
    'url hXXps[:]//evil(.)example/b -> https://evil.example/b',
  ]);
  assert.deepEqual(found('truy cap vcb-xacthuc[.]com de mo khoa'), [
    'domain vcb-xacthuc[.]com -> vcb-xacthuc.com',
  ]);
  assert.deepEqual(found('vao vcb(dot)com'), ['domain vcb(dot)com -> vcb.com']);
  assert.deepEqual(found('vao vcb [dot] com [dot] vn'), ['domain vcb [dot] com [dot] vn -> vcb.com.vn']);
  assert.deepEqual(found('vao evil{.}com'), ['domain evil{.}com -> evil.com']);
  assert.deepEqual(found('vao evil\\.net'), ['domain evil\\.net -> evil.net']);
  // Without a scheme, a name needs a real public suffix: .example is reserved, never delegated.
  assert.deepEqual(found('vao evil[.]example'), []);
});

void test('a host joined partly with plain dots and partly with another form reads as one name', () => {
  assert.deepEqual(found('IOC: hxxps://login.evil[.]example/a?b=1'), [
    'url hxxps://login.evil[.]example/a?b=1 -> https://login.evil.example/a?b=1',
  ]);
  assert.deepEqual(found('truy cap sub.vcb-xacthuc[.]com/dang-nhap ngay'), [
    'url sub.vcb-xacthuc[.]com/dang-nhap -> http://sub.vcb-xacthuc.com/dang-nhap',
  ]);
  assert.deepEqual(found('web vcb-xacthuc.com . vn/abc'), [
    'url vcb-xacthuc.com . vn/abc -> http://vcb-xacthuc.com.vn/abc',
  ]);
});

void test('spaces around dots are joined when the result has a real public suffix', () => {
  assert.deepEqual(found('truy cap vcb . com . vn ngay'), ['domain vcb . com . vn -> vcb.com.vn']);
  assert.deepEqual(found('vao abc .xyz nhe'), ['domain abc .xyz -> abc.xyz']);
  // "hen" and "ban" are no suffixes: these are sentences.
  assert.deepEqual(found('Xin chao . Hen gap lai ban .ban nhe'), []);
});

void test('trailing punctuation is not part of a link', () => {
  assert.deepEqual(found('Xem https://abc.com/x. Hoac (https://abc.com/y), "https://abc.com/z"!'), [
    'url https://abc.com/x -> https://abc.com/x',
    'url https://abc.com/y -> https://abc.com/y',
    'url https://abc.com/z -> https://abc.com/z',
  ]);
  assert.deepEqual(found('Is it bit.ly/3abc? Yes: vcb-xacthuc.com!'), [
    'url bit.ly/3abc -> http://bit.ly/3abc [shortened]',
    'domain vcb-xacthuc.com -> vcb-xacthuc.com',
  ]);
  // A bracket the link itself opened stays.
  assert.deepEqual(found('wiki https://en.wikipedia.org/wiki/Scam_(fraud).'), [
    'url https://en.wikipedia.org/wiki/Scam_(fraud) -> https://en.wikipedia.org/wiki/Scam_(fraud)',
  ]);
});

void test('a link ends at a blank, a quote or an angle bracket', () => {
  assert.deepEqual(found('<https://abc.com/a>'), ['url https://abc.com/a -> https://abc.com/a']);
  assert.deepEqual(found('“https://abc.com/b” và «https://abc.com/c»'), [
    'url https://abc.com/b -> https://abc.com/b',
    'url https://abc.com/c -> https://abc.com/c',
  ]);
});

void test('a link whose host does not parse is reported without a value', () => {
  assert.deepEqual(found('Vao http://[zz]/login ngay'), ['url http://[zz]/login -> ?']);
  assert.deepEqual(found('Vao https://999.1.1.1/login ngay'), ['url https://999.1.1.1/login -> ?']);
});

void test('Vietnamese IDN names are links too, and not look-alikes', () => {
  assert.deepEqual(found('Xem tiếng-việt.vn/tin-tuc'), [
    'url tiếng-việt.vn/tin-tuc -> http://xn--ting-vit-e50d7c.vn/tin-tuc',
  ]);
});

void test('a label with `--` is read whole: punycode (xn--) look-alikes and `docs--name` hosts', () => {
  // Bare, with a scheme and defanged: the same host every time, never the part after the `--`.
  assert.deepEqual(found('Dang nhap xn--vietcombnk-6qi.com.vn de xac thuc'), [
    'domain xn--vietcombnk-6qi.com.vn -> xn--vietcombnk-6qi.com.vn [lookalike vietcombank.com.vn]',
  ]);
  assert.deepEqual(found('Dang nhap https://xn--vietcombnk-6qi.com.vn/login'), [
    'url https://xn--vietcombnk-6qi.com.vn/login -> https://xn--vietcombnk-6qi.com.vn/login [lookalike vietcombank.com.vn]',
  ]);
  assert.deepEqual(found('Truy cap xn--vietcombnk-6qi[.]com[.]vn ngay'), [
    'domain xn--vietcombnk-6qi[.]com[.]vn -> xn--vietcombnk-6qi.com.vn [lookalike vietcombank.com.vn]',
  ]);
  assert.deepEqual(found('Truy cap xn--vetcombank-x2i.com'), [
    'domain xn--vetcombank-x2i.com -> xn--vetcombank-x2i.com [lookalike vietcombank.com]',
  ]);
  assert.deepEqual(found('Xem docs--waletconnectt.gitbook.io nhe'), [
    'domain docs--waletconnectt.gitbook.io -> docs--waletconnectt.gitbook.io',
  ]);
  assert.deepEqual(found('Xem https://docs--waletconnectt.gitbook.io/x'), [
    'url https://docs--waletconnectt.gitbook.io/x -> https://docs--waletconnectt.gitbook.io/x',
  ]);
  // `--` in the middle of a label, and several hyphens.
  assert.deepEqual(found('Truy cap vcb--xac-thuc---online.com ngay'), [
    'domain vcb--xac-thuc---online.com -> vcb--xac-thuc---online.com',
  ]);
});

void test('a number after `--` is still read as a number', () => {
  assert.deepEqual(found('Goi ngay--0912345678'), ['phone 0912345678 -> +84912345678']);
  assert.deepEqual(found('STK--0123456789 Vietcombank'), ['bank-account 0123456789 -> 970436:0123456789']);
  // Hyphens that end a word join nothing.
  assert.deepEqual(found('Truy cap-- vcb.com.vn'), ['domain vcb.com.vn -> vcb.com.vn']);
});
