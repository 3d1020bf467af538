import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Email } from './email.js';
import { parseEmail } from './email.js';

function parsed(input: string): Email {
  const r = parseEmail(input);
  if (!r.ok) assert.fail(`${input}: ${r.error}`);
  return r.value;
}

function rejected(input: string): string {
  const r = parseEmail(input);
  if (r.ok) assert.fail(`${input} was accepted as ${r.value.canonical}`);
  return r.error;
}

void test('the domain is lowercased; the local part is kept for display and lowercased in the match key', () => {
  assert.deepEqual(parsed('John.Doe@Example.COM'), {
    canonical: 'John.Doe@example.com',
    local: 'John.Doe',
    domain: 'example.com',
    matchKey: 'john.doe@example.com',
  });
  const plain = parsed('  support@bank-secure.example.vn\n');
  assert.equal(plain.canonical, 'support@bank-secure.example.vn');
  assert.equal(plain.matchKey, plain.canonical);
  assert.equal(parsed('user@example.com.').domain, 'example.com');
});

void test('defanged, mailto: and header forms reach the same address', () => {
  for (const s of [
    'john[at]example[.]com',
    'john(at)example(.)com',
    'john [at] example [dot] com',
    'john[@]example[.]com',
    'mailto:john@example.com',
    'MAILTO:john@example.com?subject=Your%20parcel',
    '<john@example.com>',
  ]) {
    assert.equal(parsed(s).canonical, 'john@example.com', s);
  }
});

void test('internationalized domains become punycode', () => {
  assert.equal(parsed('info@bücher.de').domain, 'xn--bcher-kva.de');
  assert.equal(parsed('info@ＢÜCHER。de').domain, 'xn--bcher-kva.de');
  assert.equal(parsed('info@xn--bcher-kva.de').domain, 'xn--bcher-kva.de');
  // A Cyrillic "а" in a look-alike of paypal.com stays distinguishable.
  assert.equal(parsed('service@pаypal.com').domain, 'xn--pypal-4ve.com');
});

void test('UTF-8 local parts (RFC 6531) are accepted and lowercased in the key', () => {
  const e = parsed('ΘΣΕΡ@example.com');
  assert.equal(e.local, 'ΘΣΕΡ');
  assert.equal(e.matchKey, 'θσερ@example.com');
});

void test('Gmail dots and +tags are not folded', () => {
  const dotted = parsed('j.doe@gmail.com');
  const undotted = parsed('jdoe@gmail.com');
  assert.notEqual(dotted.matchKey, undotted.matchKey);
  assert.equal(parsed('JDoe+promo@gmail.com').matchKey, 'jdoe+promo@gmail.com');
});

void test('malformed addresses are refused with a reason', () => {
  const cases: [string, RegExp][] = [
    ['', /empty/],
    ['no-at-sign.example.com', /no "@"/],
    ['a@b@example.com', /more than one "@"/],
    ['@example.com', /nothing before the "@"/],
    ['user@', /no valid domain/],
    ['user@localhost', /at least one dot/],
    ['user@192.168.1.1', /IP address/],
    ['user@[192.0.2.1]', /address literals/],
    ['user@exa mple.com', /cannot hold/],
    ['user@exam_ple.com', /"_"/],
    ['user@-example.com', /hyphen/],
    ['user@example-.com', /hyphen/],
    ['user@example..com', /empty label/],
    ['user@xn--zz.com', /no valid domain/],
    ['.user@example.com', /misplaced dot/],
    ['us..er@example.com', /misplaced dot/],
    ['user.@example.com', /misplaced dot/],
    ['"john doe"@example.com', /quoted/],
    ['us er@example.com', /space/],
    ['us(er@example.com', /"\("/],
    ['us\u0085er@example.com', /control/],
  ];
  for (const [input, reason] of cases) assert.match(rejected(input), reason, input);
});

void test('length limits: 64 octets local, 63 a label, 253 domain, 254 address', () => {
  assert.equal(parsed(`${'a'.repeat(64)}@example.com`).local.length, 64);
  assert.match(rejected(`${'a'.repeat(65)}@example.com`), /64 octets/);
  // 22 three-octet characters are 66 octets though only 22 UTF-16 units.
  assert.match(rejected(`${'ễ'.repeat(22)}@example.vn`), /64 octets/);
  assert.match(rejected(`user@${'b'.repeat(64)}.com`), /63 characters/);
  assert.match(rejected(`user@${`${'b'.repeat(63)}.`.repeat(4)}com`), /253 characters/);
  const domain = `${`${'b'.repeat(63)}.`.repeat(3)}com`;
  assert.equal(domain.length, 195);
  assert.match(rejected(`${'a'.repeat(64)}@${domain}`), /254 characters/);
  assert.match(rejected('a'.repeat(2000)), /too long/);
});
