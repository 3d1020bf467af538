import assert from 'node:assert/strict';
import { test } from 'node:test';
import { extractObservables } from './extract-observables.js';
import { hostLookalike, lookalikeOf } from './lookalike.js';

void test('a Cyrillic letter in a Latin domain is a look-alike, normalised by IDNA to the punycode visited', () => {
  // "vietcоmbank": the second "о" is U+043E CYRILLIC SMALL LETTER O.
  const [e] = extractObservables('Truy cap vietc\u043embank.com.vn de xac thuc');
  assert.equal(e?.kind, 'domain');
  assert.equal(e.raw, 'vietc\u043embank.com.vn');
  assert.equal(e.value?.canonical, 'xn--vietcmbank-ivi.com.vn');
  assert.equal(e.lookalike, true);
  assert.equal(e.skeleton, 'vietcombank.com.vn');
});

void test('a look-alike link with a scheme and path keeps its flag', () => {
  const [e] = extractObservables('Login: https://\u0430cb.com.vn/dang-nhap now'); // Cyrillic а
  assert.equal(e?.kind, 'url');
  assert.equal(e.value?.canonical, 'https://xn--cb-6kc.com.vn/dang-nhap');
  assert.equal(e.lookalike, true);
  assert.equal(e.skeleton, 'acb.com.vn');
});

void test('fullwidth stops and letters are look-alikes, normalised to ASCII', () => {
  const [a] = extractObservables('Vào vcb．com．vn nhé');
  assert.equal(a?.raw, 'vcb．com．vn');
  assert.equal(a.value?.canonical, 'vcb.com.vn');
  assert.equal(a.lookalike, true);
  assert.equal(a.skeleton, 'vcb.com.vn');

  const [b] = extractObservables('Vào vietcombank。com。vn nhé');
  assert.equal(b?.raw, 'vietcombank。com。vn');
  assert.equal(b.value?.canonical, 'vietcombank.com.vn');
  assert.equal(b.lookalike, true);

  const [c] = extractObservables('Vào ｖｃｂ.com nhé');
  assert.equal(c?.value?.canonical, 'vcb.com');
  assert.equal(c.lookalike, true);
  assert.equal(c.skeleton, 'vcb.com');
});

void test('a punycode name that decodes to mixed scripts is a look-alike', () => {
  const [e] = extractObservables('link http://xn--vietcmbank-ivi.com ok');
  assert.equal(e?.lookalike, true);
  assert.equal(e.skeleton, 'vietcombank.com');
});

void test('Vietnamese and French letters are Latin script: no look-alike', () => {
  const [e] = extractObservables('Xem tiếng-việt.vn/tin và café-crème.fr/menu');
  assert.equal(e?.lookalike, undefined);
  assert.equal(extractObservables('café-crème.fr/menu')[0]?.lookalike, undefined);
  assert.deepEqual(lookalikeOf('tiếng-việt.vn'), { lookalike: false, skeleton: undefined });
});

void test('an all-Cyrillic name under a Latin suffix mixes scripts; one under a Cyrillic suffix does not', () => {
  assert.equal(lookalikeOf('\u0441\u0431\u0435\u0440.com').lookalike, true);
  assert.equal(lookalikeOf('\u0441\u0431\u0435\u0440.\u0440\u0444').lookalike, false);
  // Not every Cyrillic letter passes for a Latin one: then there is no ASCII skeleton.
  assert.equal(lookalikeOf('\u0432ank.com').skeleton, 'bank.com');
  assert.equal(lookalikeOf('\u0436ank.com').skeleton, undefined);
});

void test('hostLookalike: plain ASCII names are not look-alikes', () => {
  assert.deepEqual(hostLookalike('vietcombank.com.vn', false), { lookalike: false, skeleton: undefined });
  assert.deepEqual(hostLookalike('vietcombank.com.vn', true), {
    lookalike: true,
    skeleton: 'vietcombank.com.vn',
  });
});
