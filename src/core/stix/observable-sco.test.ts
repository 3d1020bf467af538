import { test } from 'node:test';
import assert from 'node:assert/strict';
import { OBSERVABLE_KINDS, parseObservable } from '../observables/observable-value.js';
import type { ObservableKind } from '../observables/observable.js';
import { scoOfObservable } from './observable-sco.js';
import { validateStixObject } from './validate.js';

const SAMPLES: Readonly<Record<ObservableKind, string>> = {
  url: 'hxxp://Evil.example/login?x=1',
  domain: 'evil.example',
  ip: '198.51.100.3',
  email: 'support@evil.example',
  'file-hash': 'E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855',
  phone: '0912 345 678',
  'bank-account': 'VCB:0123456789',
  wallet: '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed',
};

function sco(kind: ObservableKind, input: string) {
  const v = parseObservable(kind, input);
  if (!v.ok) assert.fail(`${kind} ${input}: ${v.error}`);
  const out = scoOfObservable(kind, v.value.canonical);
  if (out === undefined) assert.fail(`${kind} ${v.value.canonical} has no SCO`);
  return out;
}

void test('every observable kind maps to a valid SCO', () => {
  for (const kind of OBSERVABLE_KINDS) {
    const obj = sco(kind, SAMPLES[kind]);
    assert.deepEqual(validateStixObject(obj), [], `${kind}: ${JSON.stringify(obj)}`);
  }
});

void test('spec types get their spec-defined deterministic ids', () => {
  assert.deepEqual(sco('ip', '198.51.100.3'), {
    type: 'ipv4-addr',
    spec_version: '2.1',
    id: 'ipv4-addr--28bb3599-77cd-5a82-a950-b5bc3caf07c4',
    value: '198.51.100.3',
  });
  assert.equal(sco('ip', '2001:db8::1').type, 'ipv6-addr');
  assert.equal(sco('ip', '10.0.0.0/8').value, '10.0.0.0/8');
  assert.equal(sco('domain', 'example.com').id, 'domain-name--bedb4899-d24b-5401-bc86-8f6b4cc18ec7');
});

void test('file hashes become files with the STIX hash name', () => {
  assert.deepEqual(sco('file-hash', SAMPLES['file-hash']).hashes, {
    'SHA-256': 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  });
  assert.equal(scoOfObservable('file-hash', 'crc32:deadbeef'), undefined);
});

void test('phone numbers, bank accounts and wallets become Tocsin SCOs', () => {
  assert.equal(sco('phone', SAMPLES.phone).value, '+84912345678');
  const account = sco('bank-account', SAMPLES['bank-account']);
  assert.equal(account.type, 'x-tocsin-bank-account');
  assert.equal(account.bank_name, 'Vietcombank');
  assert.equal(sco('wallet', SAMPLES.wallet).value, 'eth:0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed');
});
