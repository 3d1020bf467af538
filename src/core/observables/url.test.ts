import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MAX_URL_LENGTH, canonicalizePlainUrl, canonicalizeUrl, canonicalizeUrlFully } from './url.js';
import type { CanonicalUrl } from './url.js';
import { prng } from '../../../test/support/prng.js';

// Every input the tests below canonicalize, for the idempotence and fast-path tests at the end.
const seenInputs: string[] = [];

function canonicalizeUrlSeen(input: string): ReturnType<typeof canonicalizeUrl> {
  seenInputs.push(input);
  return canonicalizeUrl(input);
}

function canonical(input: string): string {
  const result = canonicalizeUrlSeen(input);
  assert.ok(result.ok, `${JSON.stringify(input)} failed: ${result.ok ? '' : result.error}`);
  return result.value.url;
}

function parts(input: string): CanonicalUrl {
  const result = canonicalizeUrlSeen(input);
  assert.ok(result.ok, `${JSON.stringify(input)} failed: ${result.ok ? '' : result.error}`);
  return result.value;
}

function failure(input: string): string {
  const result = canonicalizeUrlSeen(input);
  assert.equal(result.ok, false, `${JSON.stringify(input)} should fail`);
  return result.ok ? '' : result.error;
}

// Every Canonicalize("...") = "..." example in Google's Safe Browsing v4 "URLs and Hashing" document.
const GOOGLE_EXAMPLES: [string, string][] = [
  ['http://host/%25%32%35', 'http://host/%25'],
  ['http://host/%25%32%35%25%32%35', 'http://host/%25%25'],
  ['http://host/%2525252525252525', 'http://host/%25'],
  ['http://host/asdf%25%32%35asd', 'http://host/asdf%25asd'],
  ['http://host/%%%25%32%35asd%%', 'http://host/%25%25%25asd%25%25'],
  ['http://www.google.com/', 'http://www.google.com/'],
  [
    'http://%31%36%38%2e%31%38%38%2e%39%39%2e%32%36/%2E%73%65%63%75%72%65/%77%77%77%2E%65%62%61%79%2E%63%6F%6D/',
    'http://168.188.99.26/.secure/www.ebay.com/',
  ],
  [
    'http://195.127.0.11/uploads/%20%20%20%20/.verify/.eBaysecure=updateuserdataxplimnbqmn-xplmvalidateinfoswqpcmlx=hgplmcx/',
    'http://195.127.0.11/uploads/%20%20%20%20/.verify/.eBaysecure=updateuserdataxplimnbqmn-xplmvalidateinfoswqpcmlx=hgplmcx/',
  ],
  [
    'http://host%23.com/%257Ea%2521b%2540c%2523d%2524e%25f%255E00%252611%252A22%252833%252944_55%252B',
    'http://host%23.com/~a!b@c%23d$e%25f^00&11*22(33)44_55+',
  ],
  ['http://3279880203/blah', 'http://195.127.0.11/blah'],
  ['http://www.google.com/blah/..', 'http://www.google.com/'],
  ['www.google.com/', 'http://www.google.com/'],
  ['www.google.com', 'http://www.google.com/'],
  ['http://www.evil.com/blah#frag', 'http://www.evil.com/blah'],
  ['http://www.GOOgle.com/', 'http://www.google.com/'],
  ['http://www.google.com.../', 'http://www.google.com/'],
  ['http://www.google.com/foo\tbar\rbaz\n2', 'http://www.google.com/foobarbaz2'],
  ['http://www.google.com/q?', 'http://www.google.com/q?'],
  ['http://www.google.com/q?r?', 'http://www.google.com/q?r?'],
  ['http://www.google.com/q?r?s', 'http://www.google.com/q?r?s'],
  ['http://evil.com/foo#bar#baz', 'http://evil.com/foo'],
  ['http://evil.com/foo;', 'http://evil.com/foo;'],
  ['http://evil.com/foo?bar;', 'http://evil.com/foo?bar;'],
  // Google's input is the bytes 0x01 0x80; a JS string cannot hold a lone 0x80 byte, so it is written escaped.
  ['http://%01%80.com/', 'http://%01%80.com/'],
  ['http://notrailingslash.com', 'http://notrailingslash.com/'],
  ['http://www.gotaport.com:1234/', 'http://www.gotaport.com/'],
  ['  http://www.google.com/  ', 'http://www.google.com/'],
  ['http:// leadingspace.com/', 'http://%20leadingspace.com/'],
  ['http://%20leadingspace.com/', 'http://%20leadingspace.com/'],
  ['%20leadingspace.com/', 'http://%20leadingspace.com/'],
  ['https://www.securesite.com/', 'https://www.securesite.com/'],
  ['http://host.com/ab%23cd', 'http://host.com/ab%23cd'],
  ['http://host.com//twoslashes?more//slashes', 'http://host.com/twoslashes?more//slashes'],
];

void test("Google's published canonicalization examples", () => {
  for (const [input, expected] of GOOGLE_EXAMPLES)
    assert.equal(canonical(input), expected, JSON.stringify(input));
});

void test('a JS string holding U+0080 is text: its UTF-8 bytes are escaped', () => {
  // The same example typed as a JS string: U+0080 is the bytes C2 80, not Google's lone byte 80.
  assert.equal(canonical('http://\x01\x80.com/'), 'http://%01%C2%80.com/');
});

// Chromium's Safe Browsing tests add cases for userinfo, escaped dot segments and escaped slashes.
void test("Chromium's canonicalization cases: host, path and query apart", () => {
  const cases: [string, string, string, string | undefined][] = [
    ['http://host%3e.com//twoslashes?more//slashes', 'host>.com', '/twoslashes', 'more//slashes'],
    ['http://host.com/abc?val=xyz#anything', 'host.com', '/abc', 'val=xyz'],
    ['http://abc:def@host.com/xyz', 'host.com', '/xyz', undefined],
    ['http://host%3e.com/abc/%2e%2e%2fdef', 'host>.com', '/def', undefined],
    ['http://.......host...com.....//abc/////def%2F%2F%2Fxyz', 'host.com', '/abc/def/xyz', undefined],
    ['ftp://host.com/foo?bar', 'host.com', '/foo', 'bar'],
  ];
  for (const [input, host, path, query] of cases) {
    const u = parts(input);
    assert.deepEqual([u.host, u.path, u.query], [host, path, query], input);
  }
});

void test('the parts of a canonical URL', () => {
  assert.deepEqual(parts('HTTPS://User:Pw@Login.Evil.Example:8443/a/./b/../c?x=1#top'), {
    url: 'https://login.evil.example/a/c?x=1',
    scheme: 'https',
    host: 'login.evil.example',
    hostIsIp: false,
    path: '/a/c',
    query: 'x=1',
  });
  const ip = parts('http://0xc0a80001:8080/admin');
  assert.equal(ip.host, '192.168.0.1');
  assert.equal(ip.hostIsIp, true);
  assert.equal(parts('http://www.google.com/q?').query, '');
});

void test('IPv4 hosts in every spelling become a dotted quad', () => {
  assert.equal(canonical('http://0300.0250.0.1/'), 'http://192.168.0.1/');
  assert.equal(canonical('http://0xc0a80001/'), 'http://192.168.0.1/');
  assert.equal(canonical('http://192.168.1/'), 'http://192.168.0.1/');
  assert.equal(canonical('http://192.11010305/'), 'http://192.168.1.1/');
  assert.equal(canonical('http://%31%39%32.168.0.1./x'), 'http://192.168.0.1/x');
  // Full-width digits and dots (as typed on CJK keyboards) map to ASCII under IDNA, then read as IPv4.
  assert.equal(canonical('http://１９２．１６８．０．１/'), 'http://192.168.0.1/');
});

void test('IPv6 hosts are compressed; IPv4-mapped and NAT64 addresses become IPv4', () => {
  assert.equal(canonical('http://[2001:0DB8:0000::1]:80/x'), 'http://[2001:db8::1]/x');
  assert.equal(canonical('http://[::ffff:1.2.3.4]/'), 'http://1.2.3.4/');
  assert.equal(canonical('http://[64:ff9b::1.2.3.4]/'), 'http://1.2.3.4/');
  assert.equal(parts('http://[2001:db8::1]/').hostIsIp, true);
  assert.match(failure('http://[2001:db8::zz]/'), /not a valid IPv6 address/);
});

void test('internationalized names become punycode, even when escaped', () => {
  assert.equal(canonical('http://bücher.example/'), 'http://xn--bcher-kva.example/');
  assert.equal(canonical('http://b%C3%BCcher.example/'), 'http://xn--bcher-kva.example/');
  assert.equal(canonical('http://BÜCHER.example/'), 'http://xn--bcher-kva.example/');
  assert.equal(canonical('http://www.ümlat.com/'), 'http://www.xn--mlat-zra.com/');
  // Expected punycode and escapes checked with Python's punycode codec and urllib.parse.quote.
  assert.equal(
    canonical('https://ngân-hàng.vn/đăng-nhập'),
    'https://xn--ngn-hng-dwao.vn/%C4%91%C4%83ng-nh%E1%BA%ADp',
  );
});

void test('defanged links are refanged first', () => {
  assert.equal(canonical('hxxp://evil[.]example/login'), 'http://evil.example/login');
  assert.equal(
    canonical('hxxps[://]secure-login(.)evil{.}example/otp?id=7'),
    'https://secure-login.evil.example/otp?id=7',
  );
});

void test('a backslash before the query ends the host, as in browsers', () => {
  assert.equal(canonical('http://evil.example\\@bank.example/'), 'http://evil.example/@bank.example/');
  assert.equal(canonical('http://evil.example/a?b=c\\d'), 'http://evil.example/a?b=c\\d');
});

void test('hosts with a port and no scheme, and scheme-relative links, read as http', () => {
  assert.equal(canonical('evil.example:8080/pay'), 'http://evil.example/pay');
  assert.equal(canonical('localhost:3000'), 'http://localhost/');
  assert.equal(canonical('//cdn.evil.example/kit.js'), 'http://cdn.evil.example/kit.js');
});

void test('what is not a checkable URL fails with a reason', () => {
  assert.match(failure(''), /empty/);
  assert.match(failure('   '), /empty/);
  assert.match(failure('#ref'), /empty/);
  for (const input of [
    '/blah',
    '?query#ref',
    'http://#ref',
    'http:///blah',
    'http://?q',
    ':',
    'http://user@/',
  ]) {
    assert.match(failure(input), /no host/, input);
  }
  assert.match(failure('mailto:bryner@google.com'), /scheme 'mailto' is not supported/);
  assert.match(failure('javascript:alert(1)'), /scheme 'javascript'/);
  assert.match(failure('data:text/html;charset=utf-8,%0D%0A'), /scheme 'data'/);
  assert.match(failure('http:evil.example'), /expected '\/\/' after 'http:'/);
  assert.match(failure('http://evil.example:abc/'), /port 'abc' is not a number/);
  assert.match(failure('http://1.2.3.256/'), /not a valid IPv4 address/);
  assert.match(failure('http://evil%5Cexample/'), /invalid character '\\'/);
  assert.match(failure('http://ev[il.example/'), /invalid character '\['/);
  assert.match(failure(`http://evil.example/${'a'.repeat(MAX_URL_LENGTH)}`), /longer than 8192/);
  assert.match(failure(`http://evil.example/${'é'.repeat(MAX_URL_LENGTH / 2)}`), /longer than 8192 bytes/);
});

// Speed is for the benchmarks; here only the result of a deep nesting (which a quadratic unescape would
// still get right, slowly) is checked.
void test('deeply nested escapes unescape to a single %25', () => {
  const nested = `http://host/%25${'25'.repeat(4000)}`;
  assert.equal(canonical(nested), 'http://host/%25');
});

void test('an escaped backslash stays escaped, so that canonicalizing twice changes nothing', () => {
  assert.equal(canonical('http://host/a%5Cb'), 'http://host/a%5Cb');
  assert.equal(canonical('http://host/a%255cb/%5C'), 'http://host/a%5Cb/%5C');
  assert.equal(canonical('http://host/a\\b'), 'http://host/a/b');
  assert.equal(canonical('http://host/a?b=%5C'), 'http://host/a?b=\\');
  // Escaped defanged forms stay escaped too, where a second pass would refang them.
  assert.equal(canonical('http://host/a%5B.%5Db'), 'http://host/a%5B.]b');
  assert.equal(canonical('http://host/a?b=%28at%29&c=(x)'), 'http://host/a?b=%28at)&c=%28x)');
  assert.equal(canonical('http://host/f(x)?a=%5C.'), 'http://host/f%28x)?a=%5C.');
  assert.equal(canonical('http://host/f(x)'), 'http://host/f(x)');
});

/** Links built from pieces that sit on either side of the fast path's limits. */
function randomLinks(count: number): string[] {
  const rnd = prng(20261123);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const schemes = [
    'http://',
    'https://',
    'HTTPS://',
    'Http://',
    'hxxp://',
    'ftp://',
    '//',
    '',
    'http:/',
    'https:',
  ];
  const labels = [
    'evil',
    'EVIL',
    'a',
    'x-y',
    'b_c',
    '0x7f',
    '1',
    '012',
    '256',
    'xn--bcher-kva',
    'bücher',
    '',
    '%41',
  ];
  const hostTails = ['', '.', '..', ':8080', ':', ':80x', '@bank.example', '\\@bank.example', ' ', '[.]'];
  const segments = [
    'a',
    'login',
    '.',
    '..',
    '',
    '%2e',
    'x.php',
    'A%20B',
    '~u',
    '(1)',
    '[x]',
    'é',
    '\\',
    '%5C',
    '{y}',
    '%5B.%5D',
    '%5Bdot%5D',
    'h%E1%BB%8Dc%20sinh',
    'h%e1%bb%8dc',
    '%c3%a9%2F',
    '%23%7f%00',
    '%25',
    '%2541',
    '%%41',
    '100%',
    '%4',
    '%zz',
  ];
  const queries = [
    '',
    '?',
    '?q=1',
    '?a=1&b=/x/../y',
    '?%41',
    '?x#y',
    '?a b',
    '?é',
    '?(.)',
    '?%28at%29',
    '?%5C.',
    '?q=b%C3%B3ng%20%C4%91%C3%A1',
    '?q=%e1%ba%ad&x=%7E',
    '?a=%23%2523',
  ];
  const fragments = ['', '#', '#top', '#a/../b', '#(.)', '#é'];
  const out: string[] = [];
  for (let k = 0; k < count; k++) {
    const host = Array.from({ length: 1 + Math.floor(rnd() * 4) }, () => pick(labels)).join('.');
    const path = Array.from({ length: Math.floor(rnd() * 4) }, () => '/' + pick(segments)).join('');
    out.push(
      pick(schemes) +
        host +
        pick(hostTails) +
        (rnd() < 0.2 ? '' : path + (rnd() < 0.3 ? '/' : '')) +
        pick(queries) +
        pick(fragments),
    );
  }
  return out;
}

void test('the fast path gives exactly what the full canonicalization gives', () => {
  for (const input of [...seenInputs, ...randomLinks(20_000)])
    assert.deepEqual(canonicalizeUrl(input), canonicalizeUrlFully(input), JSON.stringify(input));
});

void test('the fast path takes escapes that stay escaped, and only those', () => {
  // Taken: escapes of bytes that stay escaped (UTF-8 of Vietnamese text, space, '#', controls), hex upper-cased.
  for (const [input, expected] of [
    [
      'https://vi.wikipedia.org/wiki/%C4%91i%E1%BB%87n_tho%E1%BA%A1i',
      'https://vi.wikipedia.org/wiki/%C4%91i%E1%BB%87n_tho%E1%BA%A1i',
    ],
    ['http://h.example/h%e1%bb%8dc%20sinh?q=%c3%a9#x', 'http://h.example/h%E1%BB%8Dc%20sinh?q=%C3%A9'],
    ['http://h.example/a%23b/..%2F?%7f%00', undefined],
    ['http://h.example/a%23b/%7f%00?%09', 'http://h.example/a%23b/%7F%00?%09'],
    ['HTTP://H.example:81/x/./%E1%BA%AD//y', 'http://h.example/x/%E1%BA%AD/y'],
  ] as const) {
    const fast = canonicalizePlainUrl(input);
    if (expected === undefined) {
      assert.equal(fast, undefined, input);
      continue;
    }
    assert.ok(fast?.ok, input);
    assert.equal(fast.value.url, expected, input);
    assert.deepEqual(fast, canonicalizeUrlFully(input), input);
  }
  // Left to the full path: escapes that unescape to something else ('%', printable characters), or that a
  // decoded byte could join, and a '%' that begins no escape.
  for (const input of [
    'http://h.example/%25',
    'http://h.example/%2541',
    'http://h.example/%%41',
    'http://h.example/%41',
    'http://h.example/a%2Fb',
    'http://h.example/a%2e%2e/b',
    'http://h.example/100%',
    'http://h.example/%4',
    'http://h.example/%zz',
    'http://h.example/?q=%3D',
    'http://h.example/?q=%5B.%5D',
  ])
    assert.equal(canonicalizePlainUrl(input), undefined, input);
  // Random links with escapes: wherever the fast path answers, it answers what the full path does, and it
  // answers for most of those whose escapes all stay escaped.
  const rnd = prng(7);
  const escapes = ['%E1%BB%8D', '%e1%ba%ad', '%20', '%23', '%7F', '%00', '%C3%A9', '%41', '%2F', '%25', '%'];
  let taken = 0;
  for (let k = 0; k < 20_000; k++) {
    const part = (): string =>
      Array.from({ length: Math.floor(rnd() * 4) }, () =>
        rnd() < 0.5 ? escapes[Math.floor(rnd() * escapes.length)]! : 'ab/.'[Math.floor(rnd() * 4)]!,
      ).join('');
    const input = `http${rnd() < 0.5 ? 's' : ''}://h${k % 7}.example/${part()}${rnd() < 0.4 ? '?' + part() : ''}`;
    const fast = canonicalizePlainUrl(input);
    if (fast === undefined) continue;
    assert.deepEqual(fast, canonicalizeUrlFully(input), input);
    taken++;
  }
  assert.ok(taken > 4000, `the fast path took ${taken} links`);
});

void test('canonicalizing a canonical URL gives it back', () => {
  const inputs = [...seenInputs, ...randomLinks(20_000)];
  let checked = 0;
  for (const input of inputs) {
    const once = canonicalizeUrl(input);
    if (!once.ok) continue;
    const twice = canonicalizeUrl(once.value.url);
    assert.ok(twice.ok, `${JSON.stringify(once.value.url)} (from ${JSON.stringify(input)}) failed`);
    assert.equal(twice.value.url, once.value.url, JSON.stringify(input));
    checked++;
  }
  assert.ok(checked > 10_000, `only ${checked} inputs canonicalized`);
});

test('escaped slashes in the userinfo do not hide the host a browser goes to', () => {
  for (const [input, host] of [
    ['http://bank.example%2F@evil.example/login', 'evil.example'],
    ['http://bank.example%5C@evil.example/', 'evil.example'],
    ['https://user:pa%40ss@evil.example:8443/x', 'evil.example'],
    ['http://bank.example%2F%40evil.example/', 'bank.example'],
  ] as const) {
    const r = canonicalizeUrl(input);
    assert.ok(r.ok, input);
    assert.equal(r.value.host, host, input);
  }
});
