import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  KeyFilter,
  hashPowers,
  keyGroupHash,
  keyHash,
  keyHashes,
  lastGroupHash,
  prefixHashes,
  prefixHashesOfBytes,
  sliceHash,
  sliceKeyHash,
} from './key-filter.js';
import { prng } from '../../../test/support/prng.js';

function randomAscii(rnd: () => number, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += String.fromCharCode(0x21 + Math.floor(rnd() * 94));
  return s;
}

test('the hash of a slice, from prefix hashes, is the hash of the key built from it', () => {
  const rnd = prng(1);
  let prefix: Int32Array = new Int32Array(4);
  let bytePrefix: Int32Array = new Int32Array(4);
  for (let n = 0; n < 2000; n++) {
    const s = randomAscii(rnd, 1 + Math.floor(rnd() * 300));
    const from = Math.floor(rnd() * s.length);
    const to = from + Math.floor(rnd() * (s.length - from + 1));
    prefix = prefixHashes(s, from, to, prefix);
    bytePrefix = prefixHashesOfBytes(new TextEncoder().encode(s), from, to, bytePrefix);
    const pow = hashPowers(to - from);
    for (let k = 0; k < 5; k++) {
      const start = from + Math.floor(rnd() * (to - from + 1));
      const end = start + Math.floor(rnd() * (to - start + 1));
      assert.equal(bytePrefix[end], prefix[end]);
      const letter = 0x61 + Math.floor(rnd() * 26);
      const key = String.fromCharCode(letter) + ':' + s.slice(start, end);
      assert.equal(sliceKeyHash(letter, prefix, pow, start, end), keyHash(key), key);
      // The group: the body up to its first '/'.
      const slash = s.indexOf('/', start);
      const groupEnd = slash < 0 || slash > end ? end : slash;
      assert.equal(sliceHash(prefix, pow, start, groupEnd), keyGroupHash(key), key);
    }
  }
  // Code units above 0xff hash as themselves (the string path).
  assert.equal(
    sliceKeyHash(0x64, prefixHashes('xé/ĉ', 0, 4, prefix), hashPowers(4), 0, 4),
    keyHash('d:xé/ĉ'),
  );
});

test('keyHashes gives both hashes of a key in one pass', () => {
  const rnd = prng(3);
  for (const key of [
    '',
    'u',
    'u:',
    'u:/',
    'u:a/b/c',
    'd:evil.example',
    ...Array.from({ length: 500 }, () => randomAscii(rnd, Math.floor(rnd() * 40))),
  ]) {
    assert.equal(keyHashes(key), keyHash(key), key);
    assert.equal(lastGroupHash, keyGroupHash(key), key);
  }
});

test('a URL key and its domain key share a group', () => {
  assert.equal(keyGroupHash('u:evil.example/login/'), keyGroupHash('d:evil.example'));
  assert.equal(keyGroupHash('u:evil.example/'), keyGroupHash('d:evil.example'));
  assert.notEqual(keyGroupHash('u:evil.example/'), keyGroupHash('d:evil.example.com'));
  assert.equal(keyGroupHash('p:+84912345678'), keyHash('+84912345678'));
});

test('the filter never forgets a key, through growth, and passes few absent ones', () => {
  const rnd = prng(2);
  const added: string[] = [];
  const groups = Array.from({ length: 3000 }, () =>
    randomAscii(rnd, 4 + Math.floor(rnd() * 12)).replaceAll('/', '-'),
  );
  const key = (): string =>
    `u:${groups[Math.floor(rnd() * groups.length)]!}/${randomAscii(rnd, Math.floor(rnd() * 20))}`;
  const grown = new KeyFilter(); // sized for nothing: doubles as keys arrive
  const sized = new KeyFilter(50_000);
  for (let n = 0; n < 50_000; n++) {
    const k = key();
    added.push(k);
    grown.add(keyGroupHash(k), keyHash(k));
    grown.fit(n + 1);
    sized.add(keyGroupHash(k), keyHash(k));
  }
  for (const k of added) {
    assert.ok(grown.mayHave(keyGroupHash(k), keyHash(k)), k);
    assert.ok(sized.mayHave(keyGroupHash(k), keyHash(k)), k);
  }
  const members = new Set(added);
  let passed = 0;
  let absent = 0;
  for (let n = 0; n < 50_000; n++) {
    const k = key();
    if (members.has(k)) continue;
    absent++;
    if (sized.mayHave(keyGroupHash(k), keyHash(k))) passed++;
  }
  assert.ok(passed / absent < 0.05, `${passed} of ${absent} absent keys passed`);
  assert.ok(sized.fill > 0.05 && sized.fill < 0.5, `fill ${sized.fill}`);
  assert.ok(grown.byteSize() >= 50_000, `grown to ${grown.byteSize()} bytes`);
});
