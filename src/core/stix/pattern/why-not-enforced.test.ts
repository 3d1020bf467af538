import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Pattern } from './ast.js';
import { parsePattern } from './parser.js';
import { simpleObservables, whyNotEnforced } from './simple-observables.js';

const MD5 = '79054025255fb1a26e4bc422aef54eb4';
const SHA256 = 'aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f';

function parsed(text: string): Pattern {
  const r = parsePattern(text);
  if (!r.ok) assert.fail(`${text}: ${r.error.message}`);
  return r.value;
}

function notEnforced(text: string): string {
  const p = parsed(text);
  assert.equal(simpleObservables(p), undefined, text);
  const reason = whyNotEnforced(p);
  assert.ok(reason !== undefined);
  return reason;
}

void test('AND, FOLLOWEDBY and qualifiers are not enforced, each with its reason', () => {
  assert.equal(
    notEnforced(
      "[domain-name:value = 'www.5z8.info' AND domain-name:resolves_to_refs[*].value = '198.51.100.1/32']",
    ),
    'joins comparisons with AND, so no single value identifies what it matches',
  );
  assert.equal(
    notEnforced(
      "[url:value = 'http://a.example/' OR url:value = 'http://b.example/' AND url:value = 'http://c.example/']",
    ),
    'joins comparisons with AND, so no single value identifies what it matches',
  );
  assert.equal(
    notEnforced(
      String.raw`[windows-registry-key:key = 'HKEY_LOCAL_MACHINE\\System\\Foo'] FOLLOWEDBY [process:name = 'x']`,
    ),
    'uses FOLLOWEDBY, which needs observations in order',
  );
  assert.equal(
    notEnforced("[url:value = 'http://a.example/'] AND [url:value = 'http://b.example/']"),
    'joins observation expressions with AND, which needs several observations together',
  );
  assert.equal(
    notEnforced(
      `([file:hashes.MD5 = '${MD5}'] OR [file:hashes.MD5 = 'cead3f77f6cda6ec00f57d76c9a6879f']) WITHIN 300 SECONDS`,
    ),
    'has a WITHIN qualifier',
  );
  assert.equal(
    notEnforced(
      "[network-traffic:dst_ref.type = 'ipv4-addr' AND network-traffic:dst_ref.value = '203.0.113.33/32'] REPEATS 5 TIMES WITHIN 180 SECONDS",
    ),
    'has REPEATS and WITHIN qualifiers',
  );
  assert.equal(
    notEnforced(
      "[url:value = 'http://a.example/'] START t'2016-06-01T00:00:00Z' STOP t'2016-07-01T00:00:00Z'",
    ),
    'has a START/STOP qualifier',
  );
  assert.equal(
    notEnforced("[url:value = 'http://a.example/'] OR [url:value = 'http://b.example/'] REPEATS 2 TIMES"),
    'has a REPEATS qualifier',
  );
});

void test('properties Tocsin does not match, and comparisons it cannot enforce', () => {
  assert.equal(notEnforced('[file:size = 1280]'), 'compares file:size, which Tocsin does not match');
  assert.equal(
    notEnforced("[url:value = 'http://a.example/' OR file:name = 'foo.dll']"),
    'compares file:name, which Tocsin does not match',
  );
  assert.equal(
    notEnforced("[file:hashes.'SHA3-256' = 'ab']"),
    "compares file:hashes.'SHA3-256', which Tocsin does not match",
  );
  assert.equal(
    notEnforced("[email-message:from_ref.value = 'jdoe@example.com']"),
    'compares email-message:from_ref.value, which Tocsin does not match',
  );
  assert.equal(
    notEnforced("[url:value MATCHES '^http://evil']"),
    "compares url:value with MATCHES; Tocsin matches only '=' with a string",
  );
  assert.equal(
    notEnforced("[domain-name:value ISSUBSET 'example.com']"),
    "compares domain-name:value with ISSUBSET; Tocsin matches only '=' with a string",
  );
  assert.equal(
    notEnforced("[ipv4-addr:value ISSUPERSET '198.51.100.0/24']"),
    "compares ipv4-addr:value with ISSUPERSET; Tocsin matches only '=' or ISSUBSET with a string",
  );
  assert.equal(
    notEnforced("[url:value IN ('http://a.example/', 'http://b.example/')]"),
    "compares url:value with IN; Tocsin matches only '=' with a string",
  );
  assert.equal(
    notEnforced('[x-tocsin-phone-number:value = 84912345678]'),
    "compares x-tocsin-phone-number:value with = and an integer value; Tocsin matches only '=' with a string",
  );
  assert.equal(
    notEnforced("[ipv4-addr:value NOT = '198.51.100.1']"),
    'negates its comparison on ipv4-addr:value (NOT =)',
  );
  assert.equal(
    notEnforced("[url:value != 'http://a.example/']"),
    "compares url:value with !=; Tocsin matches only '=' with a string",
  );
  assert.equal(
    notEnforced('[EXISTS url:value]'),
    'tests whether url:value exists, which is no value Tocsin can match',
  );
});

void test('values Tocsin cannot read are reported, not enforced as nothing', () => {
  assert.match(
    notEnforced("[file:hashes.'SHA-256' = 'f00']"),
    /^compares file:hashes\.'SHA-256' with 'f00', not a valid file-hash: /,
  );
  assert.match(
    notEnforced(`[file:hashes.MD5 = '${SHA256}']`),
    /not a valid file-hash/,
    'the algorithm must fit the length',
  );
  assert.match(notEnforced("[ipv4-addr:value = 'not an ip']"), /not a valid ip/);
  assert.equal(
    notEnforced("[ipv4-addr:value = '2001:db8::1']"),
    "compares ipv4-addr:value with '2001:db8::1', an IPv6 value",
  );
  assert.equal(
    notEnforced("[ipv6-addr:value ISSUBSET '198.51.100.0/24']"),
    "compares ipv6-addr:value with '198.51.100.0/24', an IPv4 value",
  );
});
