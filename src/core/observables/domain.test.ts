import assert from 'node:assert/strict';
import { test } from 'node:test';
import { domainLookupKeyCount, domainLookupKeys, isPublicSuffix, parseDomain } from './domain.js';
import type { Domain } from './domain.js';

function parsed(input: string): Domain {
  const result = parseDomain(input);
  assert.ok(result.ok, `${JSON.stringify(input)} failed: ${result.ok ? '' : result.error}`);
  return result.value;
}

function failure(input: string): string {
  const result = parseDomain(input);
  assert.equal(result.ok, false, `${JSON.stringify(input)} should fail`);
  return result.ok ? '' : result.error;
}

void test('Vietnamese domains and their registrable domains', () => {
  assert.deepEqual(parsed('vnexpress.net'), {
    domain: 'vnexpress.net',
    registrable: 'vnexpress.net',
    publicSuffix: 'net',
    isIp: false,
  });
  assert.deepEqual(parsed('abc.gov.vn'), {
    domain: 'abc.gov.vn',
    registrable: 'abc.gov.vn',
    publicSuffix: 'gov.vn',
    isIp: false,
  });
  const shop = parsed('login.shop.com.vn');
  assert.equal(shop.registrable, 'shop.com.vn');
  assert.equal(shop.publicSuffix, 'com.vn');
});

void test('trailing dot, uppercase, wildcard and defanged spellings reach one name', () => {
  for (const input of [
    'evil.example.',
    'EVIL.Example',
    '*.evil.example',
    ' evil[.]example ',
    'evil(dot)example',
  ]) {
    assert.equal(parsed(input).domain, 'evil.example', input);
  }
});

void test('Unicode names become punycode; valid xn-- names pass', () => {
  // Expected punycode checked with Python's punycode codec.
  assert.equal(parsed('ngân-hàng.vn').domain, 'xn--ngn-hng-dwao.vn');
  assert.equal(parsed('Bücher.example').domain, 'xn--bcher-kva.example');
  assert.equal(parsed('xn--bcher-kva.example').domain, 'xn--bcher-kva.example');
  const rf = parsed('xn--80aj2abdcii9c.xn--p1ai');
  assert.equal(rf.registrable, 'xn--80aj2abdcii9c.xn--p1ai');
  assert.equal(rf.publicSuffix, 'xn--p1ai');
  assert.match(failure('xn--zz.example'), /not a valid internationalized domain name/);
});

void test('private-section suffixes make tenants registrable', () => {
  assert.equal(parsed('evil.blogspot.com').registrable, 'evil.blogspot.com');
  assert.match(failure('blogspot.com'), /is a public suffix/);
});

void test('bare public suffixes are refused', () => {
  assert.match(failure('com'), /'com' is a public suffix/);
  assert.match(failure('com.vn'), /'com.vn' is a public suffix/);
  assert.match(failure('*.com.vn'), /is a public suffix/);
  assert.match(failure('gov.vn.'), /is a public suffix/);
});

void test('IP addresses are refused with a pointer to the ip kind', () => {
  for (const input of ['192.168.0.1', '3279880203', '0xc0a80001', '1.2.3.256', '2001:db8::1']) {
    assert.match(failure(input), /use the ip kind/, input);
  }
});

void test('malformed names are refused with a reason', () => {
  assert.match(failure(''), /empty/);
  assert.match(failure(`${'a'.repeat(64)}.example`), /label longer than 63/);
  assert.ok(parseDomain(`${'a'.repeat(63)}.example`).ok);
  const long = `${'a'.repeat(60)}.`.repeat(4) + 'example'; // 251 characters
  assert.ok(parseDomain(long).ok);
  assert.match(failure(`aaa${long}`), /longer than 253/);
  assert.match(failure('evil..example'), /empty label/);
  assert.match(failure('.evil.example'), /empty label/);
  assert.match(failure('ev_il.example'), /contains '_'/);
  assert.match(failure('evil example.com'), /contains ' '/);
  assert.match(failure('evil.123'), /ends in a number/);
  assert.match(failure('https://evil.example/login'), /use the url or email kind/);
  assert.match(failure('user@evil.example'), /use the url or email kind/);
});

void test('lookup keys run from the name down to its registrable domain', () => {
  assert.deepEqual(domainLookupKeys('a.b.evil.example'), [
    'a.b.evil.example',
    'b.evil.example',
    'evil.example',
  ]);
  assert.deepEqual(domainLookupKeys('evil.example'), ['evil.example']);
  assert.deepEqual(domainLookupKeys('x.shop.com.vn'), ['x.shop.com.vn', 'shop.com.vn']);
  assert.deepEqual(domainLookupKeys('evil.blogspot.com'), ['evil.blogspot.com']);
});

void test('lookup keys never include a public suffix or an IP address', () => {
  assert.deepEqual(domainLookupKeys('com.vn'), []);
  assert.deepEqual(domainLookupKeys('com'), []);
  assert.deepEqual(domainLookupKeys('1.2.3.4'), []);
});

void test('domainLookupKeyCount counts the lookup keys without building them', () => {
  let a = 11;
  const rnd = (n: number): number => {
    a = (Math.imul(a, 1103515245) + 12345) >>> 0;
    return (a >>> 8) % n;
  };
  const labels = [
    'a',
    'evil',
    'www',
    'com',
    'vn',
    'co',
    'uk',
    'blogspot',
    'github',
    'io',
    's3',
    'amazonaws',
    '1',
    'ck',
  ];
  const counts = new Set<number>();
  for (let n = 0; n < 3000; n++) {
    const host = Array.from({ length: 1 + rnd(6) }, () => labels[rnd(labels.length)]).join('.');
    const count = domainLookupKeyCount(host);
    assert.equal(count, domainLookupKeys(host).length, host);
    counts.add(count);
  }
  assert.ok(counts.has(0) && counts.has(1) && counts.has(3), [...counts].join());
});

void test('a domain indicator matches every subdomain through the lookup keys', () => {
  const indicator = parsed('*.evil[.]example').domain;
  assert.ok(domainLookupKeys('login.secure.evil.example').includes(indicator));
  assert.ok(!domainLookupKeys('evil.example.com').includes(indicator));
});

void test('isPublicSuffix', () => {
  assert.equal(isPublicSuffix('com'), true);
  assert.equal(isPublicSuffix('com.vn'), true);
  assert.equal(isPublicSuffix('gov.vn.'), true);
  assert.equal(isPublicSuffix('blogspot.com'), true);
  assert.equal(isPublicSuffix('COM.VN'), true);
  assert.equal(isPublicSuffix('shop.com.vn'), false);
  assert.equal(isPublicSuffix('vnexpress.net'), false);
  assert.equal(isPublicSuffix(''), false);
});
