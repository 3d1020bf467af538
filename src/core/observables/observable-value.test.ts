import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  candidateKinds,
  detectKind,
  lookupKeys,
  parseAnyObservable,
  parseObservable,
  type ObservableValue,
} from './observable-value.js';
import type { ObservableKind } from './observable.js';
import { domainLookupKeys } from './domain.js';
import { urlExpression, urlLookupExpressions } from './url-expressions.js';

function value(kind: ObservableKind, input: string): ObservableValue {
  const r = parseObservable(kind, input);
  assert.ok(r.ok, `${kind} ${input}: ${r.ok ? '' : r.error}`);
  return r.value;
}

test('each kind detects from its everyday spellings', () => {
  const cases: [string, ObservableKind][] = [
    ['http://evil.example/login', 'url'],
    ['hxxps://evil[.]example/x', 'url'],
    ['www.evil.example', 'url'],
    ['evil.example/login/', 'url'],
    ['evil.example', 'domain'],
    ['xn--bcher-kva.example', 'domain'],
    ['1.2.3.4', 'ip'],
    ['10.0.0.0/8', 'ip'],
    ['1.2.3[.]4', 'ip'],
    ['scam[at]evil[.]example', 'email'],
    ['2001:db8::1', 'ip'],
    ['0912 345 678', 'phone'],
    ['+84 912 345 678', 'phone'],
    ['1900 1234', 'phone'],
    ['VCB:0123456789', 'bank-account'],
    ['970436:0123456789', 'bank-account'],
    ['9704361234567895', 'bank-account'],
    ['scam@evil.example', 'email'],
    ['1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa', 'wallet'],
    ['0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed', 'wallet'],
    ['TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t', 'wallet'],
    ['d41d8cd98f00b204e9800998ecf8427e', 'file-hash'],
    ['e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', 'file-hash'],
  ];
  for (const [input, kind] of cases) assert.equal(detectKind(input), kind, input);
  assert.equal(detectKind(''), undefined);
  assert.equal(detectKind('hello world'), undefined);
  const bad = parseAnyObservable('not a thing at all');
  assert.ok(!bad.ok && /cannot tell what kind/.test(bad.error));
});

test('canonical values and indicator keys', () => {
  assert.deepEqual(value('phone', '0912.345.678').indicatorKeys, ['p:+84912345678']);
  assert.deepEqual(value('phone', '0084912345678').canonical, '+84912345678');
  assert.deepEqual(value('bank-account', 'vcb:0123 456 789').indicatorKeys, ['b:970436:0123456789']);
  assert.deepEqual(value('domain', 'Evil.Example.').indicatorKeys, ['d:evil.example']);
  assert.deepEqual(value('domain', 'hxxps://login.evil[.]example/x').indicatorKeys, ['d:login.evil.example']);
  assert.deepEqual(value('url', 'evil.example/login/').indicatorKeys, ['u:evil.example/login/']);
  assert.deepEqual(value('url', 'hxxp://evil[.]example/login/').indicatorKeys, ['u:evil.example/login/']);
  assert.deepEqual(value('ip', '10.0.0.0/8').indicatorKeys, []);
  assert.deepEqual(value('ip', '1.2.3.4').indicatorKeys, ['i:1.2.3.4']);
  assert.deepEqual(value('wallet', '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed').indicatorKeys, [
    'w:eth:0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed',
  ]);
});

/** Whether an indicator written `indicator` (of kind `ik`) is hit when `checked` (of kind `ck`) is looked up, and how. */
function hit(ik: ObservableKind, indicator: string, ck: ObservableKind, checked: string): string | undefined {
  const keys = new Set(value(ik, indicator).indicatorKeys);
  return lookupKeys(value(ck, checked)).find((k) => keys.has(k.key))?.how;
}

test('a URL indicator matches deeper URLs on subdomains, by prefix', () => {
  assert.equal(hit('url', 'evil.example/login/', 'url', 'http://a.b.evil.example/login/x?y=1'), 'url-prefix');
  assert.equal(
    hit('url', 'http://evil.example/login/x?y=1', 'url', 'http://evil.example/login/x?y=1'),
    'exact',
  );
  assert.equal(hit('url', 'evil.example/login/', 'url', 'http://evil.example/logout/'), undefined);
});

test('a domain indicator matches itself, every subdomain, and every URL on them', () => {
  assert.equal(hit('domain', 'evil.example', 'domain', 'evil.example'), 'exact');
  assert.equal(hit('domain', 'evil.example', 'domain', 'a.b.evil.example'), 'subdomain');
  assert.equal(hit('domain', 'evil.example', 'url', 'https://login.evil.example/x'), 'subdomain');
  assert.equal(hit('domain', 'evil.example', 'email', 'boss@mail.evil.example'), 'subdomain');
  assert.equal(hit('domain', 'a.evil.example', 'domain', 'evil.example'), undefined);
  assert.equal(hit('domain', 'evil.example', 'domain', 'notevil.example'), undefined);
});

test('a URL indicator on a host root covers a domain check of that host', () => {
  assert.equal(hit('url', 'http://evil.example/', 'domain', 'evil.example'), 'url-prefix');
});

test('one phone number in every local spelling is one key', () => {
  for (const s of ['0912 345 678', '+84 912 345 678', '84912345678', '0084912345678'])
    assert.equal(hit('phone', '0912345678', 'phone', s), 'exact', s);
});

test('an IP in a URL is looked up as an IP', () => {
  assert.equal(hit('ip', '192.0.2.7', 'url', 'http://192.0.2.7/admin'), 'exact');
});

/** A URL's lookup keys by their definition: every Safe Browsing expression, then the host as an IP or its parents. */
function urlKeysByDefinition(v: ObservableValue): { key: string; how: string }[] {
  const u = v.url!;
  const full = urlExpression(u);
  const bare = u.host + u.path;
  const out = urlLookupExpressions(u).map((e) => ({
    key: `u:${e}`,
    how: e === full || e === bare ? 'exact' : 'url-prefix',
  }));
  if (u.hostIsIp) out.push({ key: `i:${u.host}`, how: 'exact' });
  else
    domainLookupKeys(u.host).forEach((k, i) =>
      out.push({ key: `d:${k}`, how: i === 0 && k === u.host ? 'exact' : 'subdomain' }),
    );
  return out;
}

test('lookup keys, hashed where they lie in the value, are the keys their definition gives', () => {
  let a = 7;
  const rnd = (n: number): number => {
    a = (Math.imul(a, 1103515245) + 12345) >>> 0;
    return (a >>> 8) % n;
  };
  const labels = [
    'a',
    'b',
    'evil',
    'www',
    'co',
    'com',
    'vn',
    'blogspot',
    'github',
    'io',
    'uk',
    '1',
    'xn--bcher-kva',
  ];
  const segments = ['', 'x', 'login', 'a.php', 'b', '..', '.'];
  const queries = ['', '?', '?q=1', '?a=1/b/c', '?x?y'];
  let checked = 0;
  for (let n = 0; n < 3000; n++) {
    const host =
      n % 10 === 0
        ? `${rnd(256)}.${rnd(256)}.${rnd(256)}.${rnd(256)}`
        : Array.from({ length: 1 + rnd(8) }, () => labels[rnd(labels.length)]).join('.');
    const path = Array.from({ length: rnd(7) }, () => '/' + segments[rnd(segments.length)]).join('');
    const input = `${n % 3 === 0 ? 'HTTPS' : 'http'}://${host}${n % 7 === 0 ? ':81' : ''}${path}${queries[rnd(queries.length)]}`;
    const r = parseObservable('url', input);
    if (!r.ok) continue;
    assert.deepEqual(lookupKeys(r.value), urlKeysByDefinition(r.value), input);
    checked++;
  }
  assert.ok(checked > 2000, `${checked} URLs checked`);
  for (const [kind, input] of [
    ['phone', '0912 345 678'],
    ['bank-account', 'VCB:0123456789'],
    ['ip', '1.2.3.4'],
    ['ip', '2001:db8::1'],
    ['ip', '10.0.0.0/8'],
    ['wallet', '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed'],
    ['file-hash', 'd41d8cd98f00b204e9800998ecf8427e'],
  ] as const) {
    const v = value(kind, input);
    assert.deepEqual(
      lookupKeys(v),
      v.indicatorKeys.map((key) => ({ key, how: 'exact' })),
      `${kind} ${input}`,
    );
  }
});

test('lookup keys of a URL that is not ASCII (read as a string, not as bytes) are those of its definition', () => {
  // Canonicalization never gives one, but a URL value may be built by hand.
  for (const [host, path, query] of [
    ['a.bé.evil.example', '/x/ỹ/z', 'q=đ'],
    ['ñ.com.vn', '/', undefined],
    ['x.y.z.w.v.é.example', '/a/b/c/d/e', ''],
  ] as const) {
    const url = `http://${host}${path}${query === undefined ? '' : '?' + query}`;
    const v: ObservableValue = {
      kind: 'url',
      canonical: url,
      indicatorKeys: [],
      url: { url, scheme: 'http', host, hostIsIp: false, path, query },
      details: {},
    };
    assert.deepEqual(lookupKeys(v), urlKeysByDefinition(v), url);
  }
});

/** The kind tests in their full order, as `candidateKinds` ran them before its phone fast path. */
function candidateKindsInFull(s: string): readonly ObservableKind[] {
  if (/^(?:[a-zA-Z][a-zA-Z0-9+.-]*|hxxps?|hXXps?):\/\//.test(s) || /^www\./i.test(s)) return ['url'];
  if (s.includes('@')) return s.includes('/') ? ['url'] : ['email'];
  if (/^\d{1,3}(?:\.\d{1,3}){3}(?:\/\d{1,2})?$/.test(s)) return ['ip'];
  if (
    s.includes(':') &&
    s.indexOf(':') !== s.lastIndexOf(':') &&
    /^\[?[0-9a-fA-F:.]+\]?(?:\/\d{1,3})?$/.test(s)
  )
    return ['ip'];
  if (/^(?:(?:md5|sha-?1|sha-?256|sha-?512):)?[0-9a-fA-F]{32,128}$/i.test(s)) return ['file-hash'];
  if (
    /^0x[0-9a-fA-F]{40}$/.test(s) ||
    /^bc1[02-9ac-hj-np-z]{6,87}$/i.test(s) ||
    /^(?:[13][1-9A-HJ-NP-Za-km-z]{24,33}|T[1-9A-HJ-NP-Za-km-z]{33})$/.test(s)
  )
    return ['wallet'];
  if (/^[\p{L}\d .-]{2,60}:\s*[\d .-]{4,30}$/u.test(s)) return ['bank-account'];
  if (/^9704[\d .-]{12,}$/.test(s)) return ['bank-account', 'phone'];
  if (/^[+(]?[\d\s.()+-]{2,30}$/.test(s))
    return /^\d{1,10}(?:\.\d{1,3}){0,3}(?:\/\d{1,2})?$/.test(s) && s.includes('.')
      ? ['ip', 'phone']
      : ['phone'];
  if (s.includes('/')) return ['url'];
  if (s.includes('.')) return ['domain'];
  return [];
}

test('kind detection with its phone fast path answers as the full sequence of tests does', () => {
  // Strings of phone characters (and a few that are not), of every length around the fast path's bound,
  // with the shapes that the tests before the phone one take: dotted quads, NAPAS cards, all-digit base58.
  let seed = 20261123;
  const next = (n: number) => {
    seed = (seed * 1103515245 + 12345) >>> 0;
    return (seed >>> 8) % n;
  };
  const alphabets = ['0123456789', '0123456789 .()+-', '123456789', '0123456789.', '0123456789 .-x:/a@'];
  const samples = [
    '1.2.3.4',
    '1.2.3.4/24',
    '9704 0000 0000 0000',
    '970400000000000000',
    '1'.repeat(24),
    '1'.repeat(25),
  ];
  samples.push(
    '3'.repeat(30),
    '+84 912 345 678',
    '(+84) 912.345.678',
    '0912345678',
    '12.34',
    '1234567890.1.2',
  );
  for (let i = 0; i < 20_000; i++) {
    const a = alphabets[next(alphabets.length)]!;
    const prefix = ['', '+', '(', '9704', '1', '3'][next(6)]!;
    let s = prefix;
    const len = 1 + next(34);
    while (s.length < len) s += a[next(a.length)]!;
    samples.push(s);
  }
  for (const s of samples) assert.deepEqual(candidateKinds(s), candidateKindsInFull(s), s);
});
