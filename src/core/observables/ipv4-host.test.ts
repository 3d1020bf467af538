import assert from 'node:assert/strict';
import { test } from 'node:test';
import { IPV4_INVALID, IPV4_NAME, formatIpv4, ipv4HostToDottedQuad, parseIpv4Host } from './ipv4-host.js';

void test('every IPv4 spelling browsers accept reaches the dotted quad', () => {
  const spellings: [string, string][] = [
    ['192.168.0.1', '192.168.0.1'],
    ['3232235521', '192.168.0.1'], // one decimal number
    ['0300.0250.0.1', '192.168.0.1'], // octal parts
    ['0xc0a80001', '192.168.0.1'], // one hex number
    ['0XC0.0xA8.0x0.0x1', '192.168.0.1'],
    ['192.168.1', '192.168.0.1'], // three parts: the last fills two bytes
    ['192.11010305', '192.168.1.1'], // two parts: the last fills three bytes
    ['3279880203', '195.127.0.11'],
    ['012.034.01.055', '10.28.1.45'],
    ['0x12.0x43.0x44.0x01', '18.67.68.1'],
    ['167838211', '10.1.2.3'],
    ['4294967295', '255.255.255.255'],
    ['0', '0.0.0.0'],
    ['0x', '0.0.0.0'], // a bare 0x is zero in browsers
  ];
  for (const [host, quad] of spellings) assert.equal(ipv4HostToDottedQuad(host), quad, host);
});

void test('numbers that no IPv4 address has are invalid, not names', () => {
  for (const host of ['1.2.3.256', '4294967296', '276.2.3', '1.2.3.4.5', '08', '1.2.3.09', '192.0x1000000']) {
    assert.equal(parseIpv4Host(host), IPV4_INVALID, host);
  }
});

void test('names, even numeric-looking ones, are names', () => {
  for (const host of [
    'evil.example',
    '1.2.3.00x0',
    '1e3',
    '0xg',
    '1.2.3.4.com',
    'abc.123',
    '',
    '1..2',
    '1.2.',
  ]) {
    assert.equal(parseIpv4Host(host), IPV4_NAME, host);
  }
});

void test('formatIpv4 writes the unsigned 32-bit value', () => {
  assert.equal(formatIpv4(0xffffffff), '255.255.255.255');
  assert.equal(formatIpv4(0x7f000001), '127.0.0.1');
});
