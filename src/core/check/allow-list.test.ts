import assert from 'node:assert/strict';
import { test } from 'node:test';
import { domainToASCII } from 'node:url';
import { isTocsinError } from '../errors/errors.js';
import { isPublicSuffix, parseDomain } from '../observables/domain.js';
import type { ObservableKind } from '../observables/observable.js';
import { parseObservable } from '../observables/observable-value.js';
import type { ObservableValue } from '../observables/observable-value.js';
import { AllowList } from './allow-list.js';
import { KNOWN_DOMAINS, SHORTENER_DOMAINS } from './known-domains.js';

function value(kind: ObservableKind, input: string): ObservableValue {
  const parsed = parseObservable(kind, input);
  assert.ok(parsed.ok, `${kind} ${JSON.stringify(input)} failed: ${parsed.ok ? '' : parsed.error}`);
  return parsed.value;
}

function refusal(list: AllowList, domain: string): string {
  const before = list.size;
  const added = list.add(domain);
  assert.equal(added.ok, false, `${JSON.stringify(domain)} should be refused`);
  assert.equal(list.size, before, `refusing ${JSON.stringify(domain)} must not change the list`);
  return added.ok ? '' : added.error;
}

void test('the built-in list is 300 to 500 entries with no duplicates', () => {
  assert.ok(KNOWN_DOMAINS.length >= 300 && KNOWN_DOMAINS.length <= 500, `${KNOWN_DOMAINS.length} entries`);
  const seen = new Set<string>();
  const duplicates = KNOWN_DOMAINS.filter((d) => seen.size === seen.add(d).size);
  assert.deepEqual(duplicates, []);
});

void test('every built-in entry is canonical lowercase ASCII, parses, and is not a public suffix', () => {
  for (const d of KNOWN_DOMAINS) {
    assert.match(d, /^[a-z0-9.-]+$/, d);
    const parsed = parseDomain(d);
    assert.ok(parsed.ok, `${d}: ${parsed.ok ? '' : parsed.error}`);
    assert.equal(parsed.value.domain, d, `${d} is not in canonical form`);
    assert.notEqual(parsed.value.registrable, null, d);
    assert.equal(isPublicSuffix(d), false, `${d} is a public suffix`);
  }
});

void test('no built-in entry sits under another, which would make it redundant', () => {
  const all = new Set(KNOWN_DOMAINS);
  const nested = KNOWN_DOMAINS.filter((d) => {
    for (let at = d.indexOf('.'); at >= 0; at = d.indexOf('.', at + 1))
      if (all.has(d.slice(at + 1))) return true;
    return false;
  });
  assert.deepEqual(nested, []);
});

void test('the shorteners are all in the built-in list and include the well-known ones', () => {
  const all = new Set(KNOWN_DOMAINS);
  assert.deepEqual(
    SHORTENER_DOMAINS.filter((d) => !all.has(d)),
    [],
  );
  for (const d of ['bit.ly', 'tinyurl.com', 'goo.gl', 't.co']) assert.ok(SHORTENER_DOMAINS.includes(d), d);
  assert.ok(!SHORTENER_DOMAINS.includes('google.com'));
});

void test('the built-in list covers the platforms, banks and agencies the brief names', () => {
  const list = AllowList.builtIn();
  assert.equal(list.size, KNOWN_DOMAINS.length);
  for (const d of [
    'google.com',
    'facebook.com',
    't.me',
    'zalo.me',
    'vnexpress.net',
    'shopee.vn',
    'momo.vn',
    'viettel.vn',
    'vietcombank.com.vn',
    'tpb.vn',
    'chinhphu.vn',
    'dichvucong.gov.vn',
    'ncsc.gov.vn',
  ])
    assert.ok(list.has(d), d);
});

void test('platforms whose tenants get their own subdomain are kept out of the built-in list', () => {
  // An entry covers every subdomain, so any of these would hide a domain indicator on a scammer's tenant.
  const list = AllowList.builtIn();
  for (const host of [
    'scam.sharepoint.com',
    'scam.wordpress.com',
    'scam.medium.com',
    'scam.tumblr.com',
    'scam.s3.amazonaws.com',
    'scam.amazonaws.com',
    'scam.googleusercontent.com',
    'scam.slack.com',
    'scam.azure.com',
  ])
    assert.equal(list.match(host), undefined, host);
});

void test('a host is covered by itself or by a parent entry', () => {
  const list = AllowList.builtIn();
  assert.equal(list.match('google.com'), 'google.com');
  assert.equal(list.match('news.google.com'), 'google.com');
  assert.equal(list.match('a.b.c.vnexpress.net'), 'vnexpress.net');
  assert.equal(list.match('ebanking.vietcombank.com.vn'), 'vietcombank.com.vn');
  assert.equal(list.match('dichvucong.bocongan.gov.vn'), 'bocongan.gov.vn');
  assert.equal(list.match('raw.githubusercontent.com'), 'raw.githubusercontent.com');
});

void test('a host in another spelling is canonicalized before the lookup', () => {
  const list = AllowList.builtIn();
  assert.equal(list.match('News.Google.COM.'), 'google.com');
  assert.equal(list.match('VNEXPRESS.NET'), 'vnexpress.net');
});

void test('look-alikes of an allow-listed domain are not covered', () => {
  const list = AllowList.builtIn();
  for (const host of [
    'evil-google.com',
    'google.com.evil.example',
    'google.co',
    'vietcombank-com.vn',
    'vietcombank.com.vn.evil.example',
    'vietcombank.vn',
    'vletcombank.com.vn',
    'www-vietcombank.com.vn',
    'vietcombankk.com.vn',
  ])
    assert.equal(list.match(host), undefined, host);
});

void test('homoglyph look-alikes (xn--) are not covered, in Unicode or in punycode', () => {
  const list = AllowList.builtIn();
  // Cyrillic 'а' (U+0430) for the Latin 'a'.
  const unicode = 'vietcomb\u0430nk.com.vn';
  const punycode = domainToASCII(unicode);
  assert.match(punycode, /^xn--/);
  assert.equal(list.match(unicode), undefined);
  assert.equal(list.match(punycode), undefined);
  assert.equal(list.match(`ebanking.${punycode}`), undefined);
  assert.equal(list.match(domainToASCII('g\u043eogle.com')), undefined);
});

void test('IP addresses, empty and malformed hosts are never covered', () => {
  const list = AllowList.builtIn();
  for (const host of ['', '1.2.3.4', '[2001:db8::1]', 'com', 'com.vn', 'google..com', 'goo gle.com'])
    assert.equal(list.match(host), undefined, JSON.stringify(host));
});

void test('an operator entry for a subdomain covers only that subtree', () => {
  const list = new AllowList(['portal.bank.example']);
  assert.equal(list.match('portal.bank.example'), 'portal.bank.example');
  assert.equal(list.match('login.portal.bank.example'), 'portal.bank.example');
  assert.equal(list.match('bank.example'), undefined);
  assert.equal(list.match('other.bank.example'), undefined);
});

void test('the most specific covering entry is the one answered', () => {
  const list = new AllowList(['bank.example', 'portal.bank.example']);
  assert.equal(list.match('a.portal.bank.example'), 'portal.bank.example');
  assert.equal(list.match('a.bank.example'), 'bank.example');
});

void test('url values match on their host, whatever the path, scheme or spelling', () => {
  const list = AllowList.builtIn();
  assert.equal(list.matchValue(value('url', 'https://sites.google.com/view/fake-bank/login')), 'google.com');
  assert.equal(list.matchValue(value('url', 'hxxps://vnexpress[.]net/some-article.html')), 'vnexpress.net');
  assert.equal(list.matchValue(value('url', 'bit.ly/3abcDEF')), 'bit.ly');
  assert.equal(list.matchValue(value('url', 'HTTP://WWW.VIETCOMBANK.COM.VN:443/')), 'vietcombank.com.vn');
});

void test('url values on a look-alike host, behind userinfo, or on an IP are not covered', () => {
  const list = AllowList.builtIn();
  assert.equal(list.matchValue(value('url', 'http://vietcombank.com.vn.evil.example/login')), undefined);
  // The host is what follows the '@': the google.com before it is only a user name.
  assert.equal(list.matchValue(value('url', 'http://google.com@evil.example/')), undefined);
  assert.equal(list.matchValue(value('url', 'http://142.250.72.14/search')), undefined);
});

void test('domain values match themselves or a parent', () => {
  const list = AllowList.builtIn();
  assert.equal(list.matchValue(value('domain', 'facebook.com')), 'facebook.com');
  assert.equal(list.matchValue(value('domain', '*.m.facebook.com')), 'facebook.com');
  assert.equal(list.matchValue(value('domain', 'facebook-security.com')), undefined);
});

void test('e-mail values match on their domain', () => {
  const list = AllowList.builtIn();
  assert.equal(list.matchValue(value('email', 'Someone@Gmail.com')), 'gmail.com');
  assert.equal(list.matchValue(value('email', 'cskh@mail.vietcombank.com.vn')), 'vietcombank.com.vn');
  assert.equal(list.matchValue(value('email', 'cskh@vietcombank-support.com')), undefined);
});

void test('other kinds are never allow-listed', () => {
  const list = AllowList.builtIn();
  assert.equal(list.matchValue(value('ip', '142.250.72.14')), undefined);
  assert.equal(list.matchValue(value('phone', '+84912345678')), undefined);
});

void test('operators add domains in any spelling and get the canonical form back', () => {
  const list = new AllowList([]);
  assert.equal(list.size, 0);
  assert.equal(list.match('google.com'), undefined);
  assert.deepEqual(list.add('MyBank.Example.'), { ok: true, value: 'mybank.example' });
  assert.deepEqual(list.add('*.partner.example'), { ok: true, value: 'partner.example' });
  assert.deepEqual(list.add('ngân-hàng.vn'), { ok: true, value: 'xn--ngn-hng-dwao.vn' });
  assert.deepEqual(list.add('mybank[.]example'), { ok: true, value: 'mybank.example' });
  assert.equal(list.size, 3);
  assert.ok(list.has('MYBANK.example'));
  assert.equal(list.has('www.mybank.example'), false);
  assert.equal(list.match('www.mybank.example'), 'mybank.example');
  assert.equal(list.match('www.ngân-hàng.vn'), 'xn--ngn-hng-dwao.vn');
});

void test('the built-in list extends with operator entries', () => {
  const list = new AllowList([...KNOWN_DOMAINS, 'mybank.example', 'google.com']);
  assert.equal(list.size, KNOWN_DOMAINS.length + 1);
  assert.equal(list.match('app.mybank.example'), 'mybank.example');
  assert.equal(list.match('news.google.com'), 'google.com');
});

void test('removing an entry uncovers its subdomains and nothing else', () => {
  const list = AllowList.builtIn();
  assert.equal(list.remove('Facebook.com'), true);
  assert.equal(list.size, KNOWN_DOMAINS.length - 1);
  assert.equal(list.has('facebook.com'), false);
  assert.equal(list.match('m.facebook.com'), undefined);
  assert.equal(list.match('fb.com'), 'fb.com');
  assert.equal(list.remove('facebook.com'), false);
  assert.equal(list.remove('m.google.com'), false);
  assert.equal(list.remove('not a domain'), false);
  assert.equal(list.match('news.google.com'), 'google.com');
});

void test('public suffixes are refused, ICANN and private alike', () => {
  const list = AllowList.builtIn();
  for (const suffix of ['com', 'vn', 'com.vn', 'gov.vn', '*.gov.vn', 'GOV.VN.', 'net.vn', 'blogspot.com'])
    assert.match(refusal(list, suffix), /is a public suffix.*cannot be allow-listed/, suffix);
  assert.match(refusal(list, 'com[.]vn'), /'com\.vn' is a public suffix/);
});

void test('github.io is refused, so a user page on it can never be allow-listed as the platform', () => {
  // github.io is on the private section of the Public Suffix List: alice.github.io and bob.github.io belong
  // to different people, as example.com and evil.com do. An entry for github.io would cover every user's page
  // and hide phishing hosted there, so it is refused; lookups stop at alice.github.io in any case, because
  // that is its registrable domain. An operator who trusts one user's page allow-lists that page alone.
  const list = AllowList.builtIn();
  assert.match(refusal(list, 'github.io'), /'github\.io' is a public suffix/);
  assert.match(refusal(list, 'githubusercontent.com'), /is a public suffix/);
  assert.equal(list.match('alice.github.io'), undefined);
  assert.equal(list.match('github.com'), 'github.com');
  assert.equal(list.add('alice.github.io').ok, true);
  assert.equal(list.match('docs.alice.github.io'), 'alice.github.io');
  assert.equal(list.match('bob.github.io'), undefined);
});

void test('values that are not bare domain names are refused with the parser’s reason', () => {
  const list = new AllowList([]);
  assert.match(refusal(list, ''), /empty/);
  assert.match(refusal(list, '1.2.3.4'), /use the ip kind/);
  assert.match(refusal(list, 'https://google.com/'), /not a bare domain name/);
  assert.match(refusal(list, 'bad_name.example'), /not allowed in a domain name/);
});

void test('a list built from unusable entries fails, naming each one', () => {
  assert.throws(
    () => new AllowList(['google.com', 'com.vn', 'fine.example', 'https://x.example/']),
    (e: unknown) => {
      assert.ok(isTocsinError(e));
      assert.equal(e.code, 'TOCSIN_ERR_CONFIG');
      assert.match(e.message, /^2 allow-list entries are not a usable domain$/);
      assert.deepEqual(
        e.details?.map((d) => d.path),
        ['1', '3'],
      );
      assert.match(e.details?.[0]?.message ?? '', /'com\.vn' is a public suffix/);
      return true;
    },
  );
});
