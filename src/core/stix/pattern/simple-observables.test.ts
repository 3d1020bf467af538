import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Pattern } from './ast.js';
import { parsePattern } from './parser.js';
import { simpleObservables, whyNotEnforced } from './simple-observables.js';

const MD5 = '79054025255fb1a26e4bc422aef54eb4';
const SHA1 = '2fd4e1c67a2d28fced849ee1bb76e7391b93eb12';
const SHA256 = 'aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f';
const SHA512 = `${'ab'.repeat(63)}cd`;
const GENESIS = '1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa';

function parsed(text: string): Pattern {
  const r = parsePattern(text);
  if (!r.ok) assert.fail(`${text}: ${r.error.message}`);
  return r.value;
}

function enforced(text: string): { kind: string; value: string }[] {
  const p = parsed(text);
  const reason = whyNotEnforced(p);
  if (reason !== undefined) assert.fail(`${text} is not enforced: ${reason}`);
  const observables = simpleObservables(p);
  assert.ok(observables !== undefined);
  return observables;
}

void test('each matchable property maps to its Tocsin kind', () => {
  const cases: [string, string, string][] = [
    ["url:value = 'http://example.com/foo'", 'url', 'http://example.com/foo'],
    ["domain-name:value = 'www.5z8.info'", 'domain', 'www.5z8.info'],
    ["ipv4-addr:value = '198.51.100.1'", 'ip', '198.51.100.1'],
    ["ipv4-addr:value = '203.0.113.33/32'", 'ip', '203.0.113.33/32'],
    ["ipv4-addr:value ISSUBSET '203.0.113.0/24'", 'ip', '203.0.113.0/24'],
    [
      "ipv6-addr:value ISSUBSET '2001:0db8:dead:beef:0000:0000:0000:0000/64'",
      'ip',
      '2001:0db8:dead:beef:0000:0000:0000:0000/64',
    ],
    ["email-addr:value = 'jdoe@example.com'", 'email', 'jdoe@example.com'],
    [`file:hashes.MD5 = '${MD5}'`, 'file-hash', `md5:${MD5}`],
    [`file:hashes.'SHA-1' = '${SHA1}'`, 'file-hash', `sha1:${SHA1}`],
    [`file:hashes.'SHA-256' = '${SHA256}'`, 'file-hash', `sha256:${SHA256}`],
    [`file:hashes.SHA256 = '${SHA256}'`, 'file-hash', `sha256:${SHA256}`],
    [`file:hashes.'SHA-512' = '${SHA512}'`, 'file-hash', `sha512:${SHA512}`],
    ["x-tocsin-phone-number:value = '+84912345678'", 'phone', '+84912345678'],
    ["x-tocsin-bank-account:value = '970436:0123456789'", 'bank-account', '970436:0123456789'],
    [`x-tocsin-crypto-wallet:value = '${GENESIS}'`, 'wallet', GENESIS],
  ];
  for (const [comparison, kind, value] of cases) {
    assert.deepEqual(enforced(`[${comparison}]`), [{ kind, value }], comparison);
  }
});

void test('ORs, inside one observation or between observations, give every value once', () => {
  assert.deepEqual(
    enforced("[url:value = 'http://example.com/foo' OR url:value = 'http://example.com/bar']"),
    [
      { kind: 'url', value: 'http://example.com/foo' },
      { kind: 'url', value: 'http://example.com/bar' },
    ],
  );
  assert.deepEqual(
    enforced(
      "[ipv4-addr:value = '198.51.100.1/32' OR ipv4-addr:value = '203.0.113.33/32' OR ipv6-addr:value = '2001:0db8:dead:beef:dead:beef:dead:0001/128']",
    ),
    [
      { kind: 'ip', value: '198.51.100.1/32' },
      { kind: 'ip', value: '203.0.113.33/32' },
      { kind: 'ip', value: '2001:0db8:dead:beef:dead:beef:dead:0001/128' },
    ],
  );
  assert.deepEqual(
    enforced(
      `([domain-name:value = 'evil.example'] OR [file:hashes.MD5 = '${MD5}']) OR [(domain-name:value = 'evil.example')]`,
    ),
    [
      { kind: 'domain', value: 'evil.example' },
      { kind: 'file-hash', value: `md5:${MD5}` },
    ],
  );
});
