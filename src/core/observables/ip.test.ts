import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { IpValue } from './ip.js';
import { ipContains, isPrivateOrReserved, parseIp, prefixMask, reservedBlock } from './ip.js';

function parsed(input: string): IpValue {
  const r = parseIp(input);
  if (!r.ok) assert.fail(`${input}: ${r.error}`);
  return r.value;
}

function rejected(input: string): string {
  const r = parseIp(input);
  if (r.ok) assert.fail(`${input} was accepted as ${r.value.canonical}`);
  return r.error;
}

void test('an IPv4 address parses to its dotted quad and uint32', () => {
  const ip = parsed('192.0.2.1');
  assert.deepEqual(ip, { version: 4, canonical: '192.0.2.1', prefix: 32, isRange: false, int: 0xc0000201 });
  assert.deepEqual(parsed('255.255.255.255'), {
    version: 4,
    canonical: '255.255.255.255',
    prefix: 32,
    isRange: false,
    int: 0xffffffff,
  });
  assert.equal(parsed('0.0.0.0').canonical, '0.0.0.0');
  assert.equal(parsed(' \t8.8.8.8\n').canonical, '8.8.8.8');
});

void test('defanged addresses are refanged', () => {
  for (const s of [
    '1.2.3[.]4',
    '1[.]2[.]3[.]4',
    '1(.)2(.)3(.)4',
    '1[dot]2[DOT]3{.}4',
    '[1.2.3.4]',
    '1.2.3.4',
  ]) {
    assert.equal(parsed(s).canonical, '1.2.3.4', s);
  }
  assert.equal(parsed('2001[:]db8[:][:]1').canonical, '2001:db8::1');
  assert.equal(parsed('[2001:DB8::1]').canonical, '2001:db8::1');
  assert.equal(parsed('10[.]0[.]0[.]0/8').canonical, '10.0.0.0/8');
});

void test('IPv4 CIDR ranges keep the network and prefix; a /32 is a single address', () => {
  assert.deepEqual(parsed('10.0.0.0/8'), {
    version: 4,
    canonical: '10.0.0.0/8',
    prefix: 8,
    isRange: true,
    int: 0x0a000000,
  });
  assert.deepEqual(parsed('192.168.128.0/17'), {
    version: 4,
    canonical: '192.168.128.0/17',
    prefix: 17,
    isRange: true,
    int: 0xc0a88000,
  });
  assert.equal(parsed('0.0.0.0/0').canonical, '0.0.0.0/0');
  const host = parsed('1.2.3.4/32');
  assert.equal(host.canonical, '1.2.3.4');
  assert.equal(host.isRange, false);
});

void test('a CIDR with host bits set is refused with the network it probably meant', () => {
  assert.match(rejected('10.0.0.1/8'), /host bits set; did you mean 10\.0\.0\.0\/8\?/);
  assert.match(rejected('192.168.1.77/24'), /did you mean 192\.168\.1\.0\/24\?/);
  assert.match(rejected('1.0.0.0/0'), /did you mean 0\.0\.0\.0\/0\?/);
  assert.match(rejected('2001:db8::1/32'), /host bits set; did you mean 2001:db8::\/32\?/);
  assert.match(rejected('::ffff:10.0.0.1/104'), /did you mean 10\.0\.0\.0\/8\?/);
});

void test('bad prefixes are refused', () => {
  assert.match(rejected('1.2.3.4/33'), /at most \/32/);
  assert.match(rejected('2001:db8::/129'), /at most \/128/);
  for (const s of ['1.2.3.4/', '1.2.3.4/x', '1.2.3.4/-1', '1.2.3.4/1000', '1.2.3.4/8/8']) {
    assert.match(rejected(s), /prefix length/, s);
  }
});

void test('ambiguous and non-dotted-quad IPv4 spellings are refused', () => {
  assert.match(rejected('010.1.1.1'), /leading zero.*octal/);
  assert.match(rejected('1.2.3.00'), /leading zero/);
  assert.match(rejected('256.1.1.1'), /above 255/);
  assert.match(rejected('1.2.3.1000'), /above 255/);
  for (const s of [
    '1.2.3',
    '1.2.3.4.5',
    '1..2.3',
    '.1.2.3',
    '0x7f.0.0.1',
    '167772161',
    '1.2.3.4 5',
    'a.b.c.d',
  ]) {
    assert.match(rejected(s), /four numbers/, s);
  }
  assert.match(rejected('1.2.3.4:80'), /port/);
  assert.match(rejected(''), /empty/);
  assert.match(rejected('   '), /empty/);
  assert.match(rejected('1'.repeat(200)), /too long/);
});

void test('IPv6 addresses are canonicalized as RFC 5952 says', () => {
  const cases: [string, string][] = [
    ['2001:DB8::1', '2001:db8::1'],
    ['2001:0db8:0000:0000:0000:0000:0000:0001', '2001:db8::1'],
    // RFC 5952 4.2.2: a single zero group is not shortened.
    ['2001:db8:0:1:1:1:1:1', '2001:db8:0:1:1:1:1:1'],
    // 4.2.3: the longest run is shortened; on a tie, the first.
    ['2001:0:0:1:0:0:0:1', '2001:0:0:1::1'],
    ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'],
    ['::', '::'],
    ['::1', '::1'],
    ['1::', '1::'],
    ['1:2:3:4:5:6:7::', '1:2:3:4:5:6:7:0'],
    ['::2:3:4:5:6:7:8', '0:2:3:4:5:6:7:8'],
    ['1:0:0:0:0:0:0:8', '1::8'],
    ['fe80:0:0:0:200:5eff:fe00:5213', 'fe80::200:5eff:fe00:5213'],
    ['::1.2.3.4', '::102:304'],
    ['64:ff9b::192.0.2.33', '64:ff9b::c000:221'],
  ];
  for (const [input, canonical] of cases) assert.equal(parsed(input).canonical, canonical, input);
  const ip = parsed('2001:db8::1');
  assert.deepEqual(ip, {
    version: 6,
    canonical: '2001:db8::1',
    prefix: 128,
    isRange: false,
    words: [0x20010db8, 0, 0, 1],
  });
  const all = parsed('ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff');
  assert.deepEqual(all.version === 6 && all.words, [0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff]);
});

void test('IPv6 ranges', () => {
  const r = parsed('2001:db8::/32');
  assert.equal(r.canonical, '2001:db8::/32');
  assert.equal(r.prefix, 32);
  assert.equal(r.isRange, true);
  assert.equal(parsed('::/0').canonical, '::/0');
  assert.equal(parsed('2001:db8:0:0:0:0:0:1/128').canonical, '2001:db8::1');
  assert.equal(parsed('2001:DB8:8000::/33').canonical, '2001:db8:8000::/33');
});

void test('IPv4-mapped IPv6 addresses become the IPv4 address', () => {
  for (const s of ['::ffff:1.2.3.4', '::FFFF:0102:0304', '0:0:0:0:0:ffff:1.2.3.4', '::ffff:1.2.3.4/128']) {
    const ip = parsed(s);
    assert.equal(ip.version, 4, s);
    assert.equal(ip.canonical, '1.2.3.4', s);
  }
  assert.equal(parsed('::ffff:10.0.0.0/104').canonical, '10.0.0.0/8');
  // The whole mapped space is the whole IPv4 space.
  assert.equal(parsed('::ffff:0:0/96').canonical, '0.0.0.0/0');
});

void test('malformed IPv6 and zone ids are refused', () => {
  assert.match(rejected('fe80::1%eth0'), /zone id.*%eth0/);
  assert.match(rejected('1::2::3'), /"::" twice/);
  assert.match(rejected('::ffff:1.2.3'), /IPv4 part/);
  assert.match(rejected('::ffff:1.2.3.04'), /IPv4 part/);
  for (const s of [
    '1:2:3:4:5:6:7:8:9',
    '1:2:3:4:5:6:7',
    '12345::',
    'g::1',
    ':1::',
    '1:',
    ':',
    ':::',
    '1:::2',
    '1:2:3:4:5:6:7:8::',
    '1:2:3:4:5:6:7:1.2.3.4',
    '2001:db8:: 1',
  ]) {
    assert.match(rejected(s), /IPv6|IP address/, s);
  }
});

void test('prefixMask covers the edges', () => {
  assert.equal(prefixMask(0), 0);
  assert.equal(prefixMask(-5), 0);
  assert.equal(prefixMask(1), 0x80000000);
  assert.equal(prefixMask(24), 0xffffff00);
  assert.equal(prefixMask(32), 0xffffffff);
  assert.equal(prefixMask(99), 0xffffffff);
});

void test('ipContains compares the prefix bits of the same version only', () => {
  assert.equal(ipContains(parsed('10.0.0.0/8'), parsed('10.255.1.2')), true);
  assert.equal(ipContains(parsed('10.0.0.0/8'), parsed('11.0.0.0')), false);
  assert.equal(ipContains(parsed('10.0.0.0/8'), parsed('10.1.0.0/16')), true);
  assert.equal(ipContains(parsed('10.1.0.0/16'), parsed('10.0.0.0/8')), false);
  assert.equal(ipContains(parsed('0.0.0.0/0'), parsed('203.0.113.7')), true);
  assert.equal(ipContains(parsed('0.0.0.0/0'), parsed('2001:db8::1')), false);
  assert.equal(ipContains(parsed('::/0'), parsed('1.2.3.4')), false);
  assert.equal(ipContains(parsed('2001:db8::/32'), parsed('2001:db8:ffff::1')), true);
  assert.equal(ipContains(parsed('2001:db8::/32'), parsed('2001:db9::1')), false);
  assert.equal(ipContains(parsed('2001:db8::/127'), parsed('2001:db8::1')), true);
  assert.equal(ipContains(parsed('2001:db8::/127'), parsed('2001:db8::2')), false);
});

void test('private and reserved addresses are named; public ones are not', () => {
  const reserved: [string, RegExp][] = [
    ['10.1.2.3', /private.*1918/],
    ['172.31.255.255', /private.*1918/],
    ['192.168.0.1', /private.*1918/],
    ['100.64.0.1', /carrier-grade NAT/],
    ['127.0.0.1', /loopback/],
    ['169.254.169.254', /link-local/],
    ['0.1.2.3', /this network/],
    ['192.0.2.55', /documentation/],
    ['198.51.100.1', /documentation/],
    ['203.0.113.9', /documentation/],
    ['198.19.0.1', /benchmarking/],
    ['224.0.0.251', /multicast/],
    ['255.255.255.255', /broadcast/],
    ['240.0.0.1', /future use/],
    ['10.20.0.0/16', /private/],
    ['::1', /loopback/],
    ['::', /unspecified/],
    ['fe80::1', /link-local/],
    ['fd12:3456::1', /unique local/],
    ['ff02::1', /multicast/],
    ['2001:db8::1', /documentation/],
    ['2001:db8:1::/48', /documentation/],
    ['3fff:1::1', /documentation/],
    ['64:ff9b:1::1', /translation/],
    ['4000::1', /not global unicast/],
    ['::ffff:192.168.1.1', /private/],
  ];
  for (const [s, name] of reserved) {
    const ip = parsed(s);
    assert.match(reservedBlock(ip)?.name ?? 'public', name, s);
    assert.equal(isPrivateOrReserved(ip), true, s);
  }
  assert.equal(reservedBlock(parsed('10.9.9.9'))?.range, '10.0.0.0/8');
  for (const s of [
    '8.8.8.8',
    '1.1.1.1',
    '172.32.0.1',
    '100.128.0.1',
    '192.169.0.1',
    '223.255.255.255',
    '2001:4860:4860::8888',
    '2a00:1450::1',
    '64:ff9b::808:808',
    '0.0.0.0/0',
    '::/0',
    '8.0.0.0/7',
  ]) {
    assert.equal(isPrivateOrReserved(parsed(s)), false, s);
  }
});
