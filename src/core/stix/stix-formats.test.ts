import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  isBase64,
  isDomainName,
  isEmailAddress,
  isHex,
  isIpv4Cidr,
  isIpv6Cidr,
  isLanguageTag,
  isMacAddress,
} from './stix-formats.js';

void test('hex is an even number of hex digits; binary is padded base64', () => {
  assert.ok(isHex('504B0304'));
  assert.ok(!isHex('504'));
  assert.ok(!isHex('zz'));
  assert.ok(isBase64('aGVsbG8gd29ybGQ='));
  assert.ok(!isBase64('aGVsbG8gd29ybGQ'));
  assert.ok(!isBase64(7));
});

void test('language tags follow RFC 5646', () => {
  for (const tag of ['en', 'vi', 'vi-VN', 'zh-Hant-TW', 'es-419', 'sr-Latn-RS', 'de-CH-1996', 'x-private']) {
    assert.ok(isLanguageTag(tag), tag);
  }
  for (const tag of ['', 'english!', 'en_US', 'e', 'vi-']) assert.ok(!isLanguageTag(tag), tag);
});

void test('IPv4 addresses and CIDR blocks', () => {
  assert.ok(isIpv4Cidr('198.51.100.3'));
  assert.ok(isIpv4Cidr('10.2.4.5/24'));
  assert.ok(!isIpv4Cidr('198.51.100.256'));
  assert.ok(!isIpv4Cidr('198.51.100.3/33'));
  assert.ok(!isIpv4Cidr('01.2.3.4'));
});

void test('IPv6 addresses in every RFC 4291 text form', () => {
  for (const v of [
    '2001:0db8:85a3:0000:0000:8a2e:0370:7334',
    '2001:db8::/96',
    '::',
    '::1',
    'fe80::',
    '::ffff:192.0.2.1',
    '1:2:3:4:5:6:7::',
  ]) {
    assert.ok(isIpv6Cidr(v), v);
  }
  for (const v of [
    '2001:db8::1::2',
    '1:2:3:4:5:6:7:8:9',
    '1:2:3:4:5:6:7',
    'gggg::',
    '::/129',
    '192.0.2.1',
    ':1',
    '1:::2',
  ]) {
    assert.ok(!isIpv6Cidr(v), v);
  }
});

void test('MAC, domain and e-mail values', () => {
  assert.ok(isMacAddress('d2:fb:49:24:37:18'));
  assert.ok(!isMacAddress('D2:FB:49:24:37:18'));
  assert.ok(!isMacAddress('d2-fb-49-24-37-18'));
  assert.ok(isDomainName('example.com'));
  assert.ok(isDomainName('xn--bcher-kva.example'));
  assert.ok(isDomainName('bücher.example'));
  assert.ok(!isDomainName('exa mple.com'));
  assert.ok(!isDomainName('example..com'));
  assert.ok(!isDomainName('https://example.com'));
  assert.ok(isEmailAddress('john@example.com'));
  assert.ok(!isEmailAddress('John Doe <john@example.com>'));
  assert.ok(!isEmailAddress('a@b@c'));
});
