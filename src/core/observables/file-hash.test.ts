import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import type { FileHash } from './file-hash.js';
import { parseFileHash } from './file-hash.js';

function parsed(input: string): FileHash {
  const r = parseFileHash(input);
  if (!r.ok) assert.fail(`${input}: ${r.error}`);
  return r.value;
}

function rejected(input: string): string {
  const r = parseFileHash(input);
  if (r.ok) assert.fail(`${input} was accepted as ${r.value.canonical}`);
  return r.error;
}

void test('the algorithm follows from the length of a real digest', () => {
  const data = 'The quick brown fox jumps over the lazy dog';
  for (const [node, algorithm] of [
    ['md5', 'md5'],
    ['sha1', 'sha1'],
    ['sha256', 'sha256'],
    ['sha512', 'sha512'],
  ] as const) {
    const hex = createHash(node).update(data).digest('hex');
    assert.deepEqual(parsed(hex), { algorithm, hex, canonical: `${algorithm}:${hex}` });
  }
  // The well-known MD5 of that sentence, so the test does not only agree with itself.
  assert.equal(parsed('9e107d9d372bb6826bd81d3542a419d6').algorithm, 'md5');
});

void test('uppercase hex is lowercased; whitespace is trimmed', () => {
  const h = parsed('  E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855\n');
  assert.equal(h.algorithm, 'sha256');
  assert.equal(h.hex, 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  assert.equal(h.canonical, 'sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
});

void test('an algorithm prefix is accepted when it agrees with the length', () => {
  const sha256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
  for (const p of ['sha256:', 'SHA256:', 'sha-256:', 'SHA-256: ']) {
    assert.equal(parsed(p + sha256).canonical, `sha256:${sha256}`, p);
  }
  assert.equal(
    parsed('md5:D41D8CD98F00B204E9800998ECF8427E').canonical,
    'md5:d41d8cd98f00b204e9800998ecf8427e',
  );
  assert.equal(parsed('sha1:da39a3ee5e6b4b0d3255bfef95601890afd80709').algorithm, 'sha1');
  assert.match(rejected(`md5:${sha256}`), /md5 hash has 32 hex digits, not 64 \(that is sha256\)/);
  assert.match(rejected('sha512:d41d8cd98f00b204e9800998ecf8427e'), /sha512 hash has 128/);
  assert.match(rejected(`ssdeep:${sha256}`), /not a supported hash algorithm/);
});

void test('bad digests are refused', () => {
  assert.match(rejected(''), /empty/);
  assert.match(rejected('sha256:'), /empty/);
  assert.match(rejected('d41d8cd98f00b204e9800998ecf8427'), /31 hex digits/);
  assert.match(rejected('d41d8cd98f00b204e9800998ecf8427ef'), /33 hex digits/);
  assert.match(rejected('g41d8cd98f00b204e9800998ecf8427e'), /"g"/);
  assert.match(rejected('d41d8cd9 8f00b204e9800998ecf8427e'), /" "/);
  assert.match(rejected('0x' + 'a'.repeat(64)), /"x"/);
  assert.match(rejected('a'.repeat(300)), /too long/);
});
