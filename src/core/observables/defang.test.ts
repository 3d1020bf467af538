import assert from 'node:assert/strict';
import { test } from 'node:test';
import { refang } from './defang.js';

void test('refang restores defanged schemes', () => {
  assert.equal(refang('hxxp://evil.example/login'), 'http://evil.example/login');
  assert.equal(refang('hxxps://evil.example/'), 'https://evil.example/');
  assert.equal(refang('hXXp://evil.example/'), 'http://evil.example/');
  assert.equal(refang('HXXPS://evil.example/'), 'https://evil.example/');
  assert.equal(refang('fxp://files.evil.example/a.exe'), 'ftp://files.evil.example/a.exe');
  assert.equal(refang('  hxxp://evil.example/'), '  http://evil.example/');
});

void test('refang restores bracketed dots in every bracket style', () => {
  assert.equal(refang('evil[.]example'), 'evil.example');
  assert.equal(refang('evil(.)example'), 'evil.example');
  assert.equal(refang('evil{.}example'), 'evil.example');
  assert.equal(refang('evil[dot]example'), 'evil.example');
  assert.equal(refang('evil(DOT)example'), 'evil.example');
  assert.equal(refang('login.evil[.]example[.]vn'), 'login.evil.example.vn');
});

void test('refang drops spaces written around bracketed dots and ats', () => {
  assert.equal(refang('evil [ dot ] example'), 'evil.example');
  assert.equal(refang('evil [.] example'), 'evil.example');
  assert.equal(refang('support (at) evil [dot] example'), 'support@evil.example');
});

void test('refang leaves a bare " dot " alone: only bracketed forms are defanging', () => {
  assert.equal(refang('evil dot example'), 'evil dot example');
});

void test('refang restores colons, at-signs and escaped dots', () => {
  assert.equal(refang('hxxp[:]//evil.example/'), 'http://evil.example/');
  assert.equal(refang('hxxps[://]evil.example/'), 'https://evil.example/');
  assert.equal(refang('http[:]//evil.example/'), 'http://evil.example/');
  assert.equal(refang('user[at]evil.example'), 'user@evil.example');
  assert.equal(refang('user(at)evil.example'), 'user@evil.example');
  assert.equal(refang('user[@]evil.example'), 'user@evil.example');
  assert.equal(refang('evil\\.example'), 'evil.example');
});

void test('refang returns live input unchanged', () => {
  const live = 'https://vnexpress.net/the-gioi';
  assert.equal(refang(live), live);
  // Brackets that are not a defanging form stay as they are.
  assert.equal(
    refang('https://en.wikipedia.org/wiki/Tocsin_(bell)'),
    'https://en.wikipedia.org/wiki/Tocsin_(bell)',
  );
  assert.equal(refang('http://[2001:db8::1]/'), 'http://[2001:db8::1]/');
  assert.equal(refang('evil[.)example'), 'evil[.)example');
});

void test('refang only rewrites a scheme at the start', () => {
  assert.equal(refang('http://evil.example/hxxp://x'), 'http://evil.example/hxxp://x');
  assert.equal(refang('hxxpfoo'), 'hxxpfoo');
});
