import assert from 'node:assert/strict';
import { test } from 'node:test';
import { canonicalizeUrl } from './url.js';
import { urlIndicatorExpression, urlLookupExpressions } from './url-expressions.js';

function expressions(input: string): string[] {
  const parsed = canonicalizeUrl(input);
  assert.ok(parsed.ok, input);
  return urlLookupExpressions(parsed.value);
}

function sorted(values: readonly string[]): string[] {
  return [...values].sort();
}

void test("Google's suffix/prefix examples", () => {
  // The order Google lists is kept; the set is what matters for lookups.
  assert.deepEqual(expressions('http://a.b.c/1/2.html?param=1'), [
    'a.b.c/1/2.html?param=1',
    'a.b.c/1/2.html',
    'a.b.c/',
    'a.b.c/1/',
    'b.c/1/2.html?param=1',
    'b.c/1/2.html',
    'b.c/',
    'b.c/1/',
  ]);
  // Only the last five labels are walked: b.c.d.e.f.g is skipped.
  assert.deepEqual(
    sorted(expressions('http://a.b.c.d.e.f.g/1.html')),
    sorted([
      'a.b.c.d.e.f.g/1.html',
      'a.b.c.d.e.f.g/',
      'c.d.e.f.g/1.html',
      'c.d.e.f.g/',
      'd.e.f.g/1.html',
      'd.e.f.g/',
      'e.f.g/1.html',
      'e.f.g/',
      'f.g/1.html',
      'f.g/',
    ]),
  );
  assert.deepEqual(sorted(expressions('http://1.2.3.4/1/')), ['1.2.3.4/', '1.2.3.4/1/']);
  assert.deepEqual(sorted(expressions('http://a.b/saw-cgi/eBayISAPI.dll/')), [
    'a.b/',
    'a.b/saw-cgi/',
    'a.b/saw-cgi/eBayISAPI.dll/',
  ]);
  assert.deepEqual(expressions('http://b/'), ['b/']);
});

void test('path prefixes stop at four, and the exact path is always tried', () => {
  assert.deepEqual(
    sorted(expressions('http://a.b.c/1/2/3/4/5/')),
    sorted([
      'a.b.c/1/2/3/4/5/',
      'a.b.c/1/2/3/',
      'a.b.c/1/2/',
      'a.b.c/1/',
      'a.b.c/',
      'b.c/1/2/3/4/5/',
      'b.c/1/2/3/',
      'b.c/1/2/',
      'b.c/1/',
      'b.c/',
    ]),
  );
});

void test('an empty query adds no expression', () => {
  assert.deepEqual(expressions('http://a.b/?'), ['a.b/']);
  assert.deepEqual(expressions('http://www.google.com/q?'), [
    'www.google.com/q',
    'www.google.com/',
    'google.com/q',
    'google.com/',
  ]);
});

void test('IP hosts, v4 and v6, get no suffixes', () => {
  assert.deepEqual(sorted(expressions('http://3279880203/a/b')), [
    '195.127.0.11/',
    '195.127.0.11/a/',
    '195.127.0.11/a/b',
  ]);
  assert.deepEqual(sorted(expressions('http://[2001:470:1:18::114]/a/b')), [
    '[2001:470:1:18::114]/',
    '[2001:470:1:18::114]/a/',
    '[2001:470:1:18::114]/a/b',
  ]);
});

void test('at most 30 expressions, all distinct', () => {
  const all = expressions('http://a.b.c.d.e.f.g.h/1/2/3/4/5/6.html?q=1');
  assert.equal(all.length, 30);
  assert.equal(new Set(all).size, all.length);
});

void test('a URL indicator is stored under one expression, with or without a scheme', () => {
  assert.deepEqual(urlIndicatorExpression('evil.example/login/'), { ok: true, value: 'evil.example/login/' });
  assert.deepEqual(urlIndicatorExpression('http://evil.example/login/'), {
    ok: true,
    value: 'evil.example/login/',
  });
  assert.deepEqual(urlIndicatorExpression('hxxps://Evil[.]Example/pay?id=1#x'), {
    ok: true,
    value: 'evil.example/pay?id=1',
  });
  assert.deepEqual(urlIndicatorExpression('http://evil.example/q?'), { ok: true, value: 'evil.example/q' });
  const bad = urlIndicatorExpression('mailto:a@evil.example');
  assert.equal(bad.ok, false);
});

void test("an indicator's expression is among the lookup expressions of URLs it covers", () => {
  const indicator = urlIndicatorExpression('evil.example/login/');
  assert.ok(indicator.ok);
  assert.ok(expressions('http://a.b.evil.example/login/x?y=1').includes(indicator.value));
  assert.ok(expressions('https://evil.example/login/').includes(indicator.value));
  // A different directory, or a host above the indicator's, is not covered.
  assert.ok(!expressions('http://evil.example/logout/').includes(indicator.value));
  assert.ok(!expressions('http://example/login/').includes(indicator.value));
});
