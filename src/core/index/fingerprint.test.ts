import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fingerprint, fingerprintKey, fingerprintKeyOfBytes, fingerprintKeys } from './fingerprint.js';

// A plain byte-at-a-time MurmurHash3_x86_128, written from the reference C, independent of the
// string-specialised code under test; checked against published vectors before being used as the oracle.
function murmur3x86_128(bytes: Uint8Array, seed: number): [number, number, number, number] {
  const rotl = (x: number, r: number): number => (x << r) | (x >>> (32 - r));
  const fmix = (h: number): number => {
    h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
    return h ^ (h >>> 16);
  };
  const c = [0x239b961b, 0xab0e9789, 0x38b34ae5, 0xa1e38b93];
  const rot = [15, 16, 17, 18];
  const hrot = [19, 17, 15, 13];
  const add = [0x561ccd1b, 0x0bcaa747, 0x96cd1c35, 0x32ac3b17];
  const h = [seed | 0, seed | 0, seed | 0, seed | 0];
  const mixK = (k: number, lane: number): number =>
    Math.imul(rotl(Math.imul(k, c[lane]!), rot[lane]!), c[(lane + 1) & 3]!);
  const word = (o: number, n: number): number => {
    let k = 0;
    for (let j = 0; j < n; j++) k |= bytes[o + j]! << (8 * j);
    return k;
  };
  const blocks = bytes.length >> 4;
  for (let b = 0; b < blocks; b++) {
    for (let lane = 0; lane < 4; lane++) {
      h[lane] = h[lane]! ^ mixK(word(b * 16 + lane * 4, 4), lane);
      h[lane] = (Math.imul((rotl(h[lane]!, hrot[lane]!) + h[(lane + 1) & 3]!) | 0, 5) + add[lane]!) | 0;
    }
  }
  const rem = bytes.length & 15;
  for (let lane = 3; lane >= 0; lane--) {
    const n = Math.min(4, rem - lane * 4);
    if (n > 0) h[lane] = h[lane]! ^ mixK(word(blocks * 16 + lane * 4, n), lane);
  }
  for (let lane = 0; lane < 4; lane++) h[lane] = h[lane]! ^ bytes.length;
  h[0] = (h[0]! + h[1]! + h[2]! + h[3]!) | 0;
  for (let lane = 1; lane < 4; lane++) h[lane] = (h[lane]! + h[0]) | 0;
  for (let lane = 0; lane < 4; lane++) h[lane] = fmix(h[lane]!);
  h[0] = (h[0] + h[1]! + h[2]! + h[3]!) | 0;
  for (let lane = 1; lane < 4; lane++) h[lane] = (h[lane]! + h[0]) | 0;
  return [h[0] >>> 0, h[1]! >>> 0, h[2]! >>> 0, h[3]! >>> 0];
}

function utf16le(s: string): Uint8Array {
  const out = new Uint8Array(s.length * 2);
  for (let i = 0; i < s.length; i++) {
    out[2 * i] = s.charCodeAt(i) & 0xff;
    out[2 * i + 1] = s.charCodeAt(i) >>> 8;
  }
  return out;
}

function ascii(s: string): Uint8Array {
  return Uint8Array.from(s, (ch) => ch.charCodeAt(0));
}

void test('the oracle reproduces published MurmurHash3_x86_128 vectors', () => {
  // Vectors for seed 0x9747b28c over ASCII bytes, as published by independent implementations (NHasher).
  const seed = 0x9747b28c;
  assert.deepEqual(murmur3x86_128(ascii(''), seed), [0xf7bed5a1, 0x5b576a1c, 0x5b576a1c, 0x5b576a1c]);
  assert.deepEqual(
    murmur3x86_128(ascii('The quick brown fox jumps over the lazy dog'), seed),
    [0x8ad4d55e, 0x4cb86171, 0x8ea73a9c, 0xcdb6793e],
  );
  assert.deepEqual(
    murmur3x86_128(ascii('The quick brown fox jumps over the lazy cog'), seed),
    [0xcc29880e, 0x108110f9, 0xbf5e6f7c, 0x88e13334],
  );
});

void test('fingerprint is the first 64 bits of MurmurHash3_x86_128 (seed 0) over UTF-16LE', () => {
  const samples = ['', 'a', 'ab', 'p:+84912345678', 'd:evil.example', 'u:evil.example/login/'];
  // Every tail length (0–7 code units) over several block counts, plus non-ASCII and lone surrogates.
  for (let n = 0; n < 40; n++) samples.push('x'.repeat(n), 'é'.repeat(n) + 'z', '\ud83d\ude00'.repeat(n));
  samples.push('\ud800', 'a\udfff', 'e:người@ví.dụ', 'd:xn--80ak6aa92e.com', '\u0000\u0000', '\uffff');
  const out = new Int32Array(2);
  for (const s of samples) {
    fingerprint(s, out);
    const [h1, h2] = murmur3x86_128(utf16le(s), 0);
    assert.deepEqual([out[0]! >>> 0, out[1]! >>> 0], [h1, h2], JSON.stringify(s));
  }
});

void test('fingerprint depends only on the key, not on what the out-parameter held', () => {
  const a = new Int32Array(2);
  const b = Int32Array.of(-1, 12345);
  fingerprint('b:970436:0123456789', a);
  fingerprint('b:970436:0123456789', b);
  assert.deepEqual(a, b);
});

void test('distinct realistic keys get distinct fingerprints and every output bit is balanced', () => {
  const n = 100_000;
  const seen = new Set<bigint>();
  const ones = new Array<number>(64).fill(0);
  const out = new Int32Array(2);
  for (let i = 0; i < n; i++) {
    // Near-identical keys (sequential numbers, shared prefixes) are the hard case for a weak hash.
    const key = i % 2 === 0 ? `p:+849${String(i).padStart(8, '0')}` : `u:evil${i % 97}.example/login/${i}/`;
    fingerprint(key, out);
    const hi = out[0]! >>> 0;
    const lo = out[1]! >>> 0;
    seen.add((BigInt(hi) << 32n) | BigInt(lo));
    for (let bit = 0; bit < 32; bit++) {
      ones[bit]! += (hi >>> bit) & 1;
      ones[32 + bit]! += (lo >>> bit) & 1;
    }
  }
  assert.equal(seen.size, n);
  // A fair bit's share of ones has standard deviation 0.0016 here; 0.01 is over six deviations.
  for (let bit = 0; bit < 64; bit++) {
    assert.ok(Math.abs(ones[bit]! / n - 0.5) < 0.01, `bit ${bit} is set in ${ones[bit]} of ${n}`);
  }
});

void test('fingerprintKey hashes `<letter>:` + a slice exactly as fingerprint hashes the built key', () => {
  const bodies = ['', 'a', '+84912345678', 'https://evil.example/login/x?y=1', 'é\ud83d\ude00z'];
  for (let n = 0; n < 40; n++) bodies.push('0123456789abcdefghijklmnopqrstuvwxyz!?/é'.slice(0, n));
  const want = new Int32Array(2);
  const got = Int32Array.of(7, 7);
  for (const letter of [0x70, 0x75, 0x64, 0x00, 0xffff, 0xd800]) {
    for (const body of bodies) {
      for (let start = 0; start <= body.length; start++) {
        for (let end = start; end <= body.length; end++) {
          fingerprint(String.fromCharCode(letter) + ':' + body.slice(start, end), want);
          fingerprintKey(letter, body, start, end, got);
          assert.deepEqual(got, want, `${letter} ${JSON.stringify(body)} [${start}, ${end})`);
        }
      }
    }
  }
});

void test('fingerprintKeys hashes several prefixes of one slice exactly as fingerprint hashes each key', () => {
  let a = 99;
  const rnd = (n: number): number => {
    a = (Math.imul(a, 1103515245) + 12345) >>> 0;
    return (a >>> 8) % n;
  };
  const body = 'https://a.b.evil.example/login/x/y/z.php?token=0123456789abcdef&é=\ud83d\ude00';
  const want = new Int32Array(2);
  for (let round = 0; round < 3000; round++) {
    const start = rnd(body.length + 1);
    const count = 1 + rnd(20);
    const from = rnd(3);
    const ends = new Int32Array(from + count + 2).fill(-5);
    for (let j = 0; j < count; j++) ends[from + j] = start + rnd(body.length - start + 1);
    const out = new Int32Array(2 * ends.length).fill(7);
    fingerprintKeys(0x75, body, start, ends, from, from + count, out);
    for (let j = 0; j < ends.length; j++) {
      if (j < from || j >= from + count) {
        assert.deepEqual([out[2 * j], out[2 * j + 1]], [7, 7], 'outside the run: untouched');
        continue;
      }
      fingerprint('u:' + body.slice(start, ends[j]), want);
      assert.deepEqual([out[2 * j], out[2 * j + 1]], [want[0], want[1]], `[${start}, ${ends[j]})`);
    }
  }
});

void test('fingerprintKeyOfBytes, over the bytes of an ASCII string, is fingerprintKey over the string', () => {
  let a = 99;
  const rnd = (n: number): number => {
    a = (Math.imul(a, 1103515245) + 12345) >>> 0;
    return (a >>> 8) % n;
  };
  const out = new Int32Array(4);
  for (let n = 0; n < 3000; n++) {
    let s = '';
    const length = rnd(90);
    for (let i = 0; i < length; i++) s += String.fromCharCode(0x20 + rnd(95));
    const bytes = new TextEncoder().encode(s);
    const start = rnd(length + 1);
    const end = start + rnd(length - start + 1);
    const letter = 0x61 + rnd(26);
    fingerprintKey(letter, s, start, end, out, 0);
    fingerprintKeyOfBytes(letter, bytes, start, end, out, 2);
    assert.deepEqual([out[2], out[3]], [out[0], out[1]], JSON.stringify(s.slice(start, end)));
  }
});
