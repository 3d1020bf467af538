import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FingerprintTable } from './fingerprint-table.js';
import { fingerprint } from './fingerprint.js';
import { MAX_INDICATOR_ID } from './key-index.js';
import { ReferenceIndex } from './reference-index.js';
import { prng as mulberry32 } from '../../../test/support/prng.js';

/** Keys shaped like the observable modules' output, with many shared prefixes and near-identical numbers. */
function realisticKeys(n: number, seed: number): string[] {
  const rand = mulberry32(seed);
  const pick = (xs: readonly string[]): string => xs[Math.floor(rand() * xs.length)]!;
  const hosts = ['evil.example', 'login.evil.example', 'vcb-secure.top', 'a.b.c.shop', 'xn--80ak6aa92e.com'];
  const paths = ['', 'login/', 'login/otp/', 'account/verify.php', 'wp-admin/'];
  const hex = (len: number): string => {
    let s = '';
    for (let i = 0; i < len; i++) s += '0123456789abcdef'[Math.floor(rand() * 16)];
    return s;
  };
  const keys = new Set<string>();
  while (keys.size < n) {
    const i = keys.size;
    switch (i % 7) {
      case 0:
        keys.add(`p:+849${String(12345678 + Math.floor(rand() * n)).padStart(8, '0')}`);
        break;
      case 1:
        keys.add(`b:970436:${String(Math.floor(rand() * 10 * n)).padStart(10, '0')}`);
        break;
      case 2:
        keys.add(`d:${hex(3)}.${pick(hosts)}`);
        break;
      case 3:
        keys.add(`u:${pick(hosts)}/${pick(paths)}${Math.floor(rand() * n)}`);
        break;
      case 4:
        keys.add(`e:user${Math.floor(rand() * n)}@${pick(hosts)}`);
        break;
      case 5:
        keys.add(`w:eth:0x${hex(40)}`);
        break;
      default:
        keys.add(`h:sha256:${hex(64)}`);
    }
  }
  return [...keys];
}

void test('add, get, has, first, count and forEach on present and absent keys', () => {
  const t = new FingerprintTable();
  t.add('p:+84912345678', 7);
  t.add('d:evil.example', 9);
  assert.deepEqual(t.get('p:+84912345678'), [7]);
  assert.deepEqual(t.get('d:evil.example'), [9]);
  assert.equal(t.get('d:evil.example.'), undefined);
  assert.equal(t.has('p:+84912345678'), true);
  assert.equal(t.has('p:+84912345679'), false);
  assert.equal(t.first('d:evil.example'), 9);
  assert.equal(t.first('d:good.example'), 0);
  assert.equal(t.count('d:evil.example'), 1);
  assert.equal(t.count('d:good.example'), 0);
  const seen: number[] = [];
  assert.equal(
    t.forEach('p:+84912345678', (id) => seen.push(id)),
    1,
  );
  assert.equal(
    t.forEach('p:+1', (id) => seen.push(id)),
    0,
  );
  assert.deepEqual(seen, [7]);
  assert.equal(t.size, 2);
  assert.equal(t.idCount, 2);
});

void test('adding a (key, id) pair twice changes nothing', () => {
  const t = new FingerprintTable();
  t.add('p:+84912345678', 7);
  t.add('p:+84912345678', 7);
  assert.deepEqual(t.get('p:+84912345678'), [7]);
  t.add('p:+84912345678', 8);
  t.add('p:+84912345678', 7);
  t.add('p:+84912345678', 8);
  assert.deepEqual(t.get('p:+84912345678'), [7, 8]);
  assert.equal(t.size, 1);
  assert.equal(t.idCount, 2);
});

void test('a key held by many indicators keeps them oldest first; removing one keeps the others', () => {
  const t = new FingerprintTable();
  const ids = [5, 3, 900, 12, 77, 4, 1, 2, 6, 8, 10, 11, 13, MAX_INDICATOR_ID];
  for (const id of ids) t.add('b:970436:0123456789', id);
  assert.deepEqual(t.get('b:970436:0123456789'), ids);
  assert.equal(t.count('b:970436:0123456789'), ids.length);
  assert.equal(t.first('b:970436:0123456789'), 5);
  const expected = [...ids];
  for (const id of [900, 5, MAX_INDICATOR_ID, 12, 3]) {
    assert.equal(t.remove('b:970436:0123456789', id), true);
    expected.splice(expected.indexOf(id), 1);
    assert.deepEqual(t.get('b:970436:0123456789'), expected);
  }
  assert.equal(t.remove('b:970436:0123456789', 900), false);
  for (const id of expected.slice(0, -1)) t.remove('b:970436:0123456789', id);
  assert.deepEqual(t.get('b:970436:0123456789'), [expected.at(-1)]);
  assert.equal(t.size, 1);
  assert.equal(t.idCount, 1);
});

void test('remove reports false for an absent key or id and leaves the table as it was', () => {
  const t = new FingerprintTable();
  t.add('d:evil.example', 1);
  t.add('d:evil.example', 2);
  t.add('p:+84912345678', 3);
  assert.equal(t.remove('d:other.example', 1), false);
  assert.equal(t.remove('d:evil.example', 3), false);
  assert.equal(t.remove('p:+84912345678', 1), false);
  assert.deepEqual(t.get('d:evil.example'), [1, 2]);
  assert.deepEqual(t.get('p:+84912345678'), [3]);
  assert.equal(t.idCount, 3);
});

void test('remove then re-add', () => {
  const t = new FingerprintTable();
  t.add('e:scam@example.com', 4);
  assert.equal(t.remove('e:scam@example.com', 4), true);
  assert.equal(t.has('e:scam@example.com'), false);
  assert.equal(t.size, 0);
  t.add('e:scam@example.com', 4);
  assert.deepEqual(t.get('e:scam@example.com'), [4]);
  t.add('e:scam@example.com', 5);
  t.remove('e:scam@example.com', 4);
  t.add('e:scam@example.com', 4);
  assert.deepEqual(t.get('e:scam@example.com'), [5, 4]);
});

void test('ids outside 1 … 2³¹−1 are refused', () => {
  const t = new FingerprintTable();
  for (const id of [0, -1, MAX_INDICATOR_ID + 1, 1.5, Number.NaN]) {
    assert.throws(() => t.add('d:evil.example', id), RangeError);
  }
  assert.equal(t.size, 0);
});

void test('growth through many rehashes keeps every entry and finds no strangers', () => {
  const keys = realisticKeys(60_000, 1);
  const t = new FingerprintTable();
  const initial = t.capacity;
  keys.forEach((key, i) => t.add(key, i + 1));
  assert.ok(t.capacity >= initial * 2 ** 10, `capacity ${t.capacity} from ${initial}`);
  assert.equal(t.size, keys.length);
  keys.forEach((key, i) => assert.equal(t.first(key), i + 1));
  for (const stranger of realisticKeys(5_000, 2)) {
    if (!keys.includes(stranger)) assert.equal(t.get(stranger), undefined, stranger);
  }
});

void test('withCapacity pre-sizes so a bulk load does not rehash', () => {
  const keys = realisticKeys(50_000, 3);
  const t = FingerprintTable.withCapacity(keys.length);
  const capacity = t.capacity;
  keys.forEach((key, i) => t.add(key, i + 1));
  assert.equal(t.capacity, capacity);
  assert.ok(t.capacity < 2 * keys.length, `capacity ${t.capacity} for ${keys.length} keys`);
});

void test('freed slots and id lists are reused: churn does not grow the table', () => {
  const keys = realisticKeys(20_000, 4);
  const t = FingerprintTable.withCapacity(10_000);
  for (let i = 0; i < 10_000; i++) t.add(keys[i]!, 1);
  for (let i = 0; i < 1_000; i++) t.add(keys[i]!, 2);
  const bytes = t.byteSize();
  for (let round = 0; round < 5; round++) {
    // Swap which half of the keys is present, with a second id on a tenth of them.
    const [from, to] = round % 2 === 0 ? [0, 10_000] : [10_000, 0];
    for (let i = 0; i < 10_000; i++) {
      t.remove(keys[from + i]!, 1);
      t.remove(keys[from + i]!, 2);
      t.add(keys[to + i]!, 1);
      if (i < 1_000) t.add(keys[to + i]!, 2);
    }
    assert.equal(t.size, 10_000);
    assert.equal(t.idCount, 11_000);
    assert.equal(t.byteSize(), bytes, `round ${round}`);
  }
});

void test('fingerprint methods accept either the int32 or uint32 form of each half', () => {
  const t = new FingerprintTable();
  t.addFp(0xffffffff, 0x80000000, 3);
  assert.deepEqual(t.getFp(-1, -0x80000000), [3]);
  assert.equal(t.hasFp(0xffffffff, -0x80000000), true);
  const fp = new Int32Array(2);
  fingerprint('w:eth:0xdeadbeef', fp);
  t.addFp(fp[0]!, fp[1]!, 4);
  assert.deepEqual(t.get('w:eth:0xdeadbeef'), [4]);
  assert.equal(t.firstFp(fp[0]! >>> 0, fp[1]! >>> 0), 4);
  assert.equal(t.countFp(fp[0]!, fp[1]!), 1);
  assert.equal(t.removeFp(fp[0]! >>> 0, fp[1]!, 4), true);
  assert.equal(t.has('w:eth:0xdeadbeef'), false);
});

void test('crowded clusters that wrap past the last slot agree with the reference', () => {
  // Fingerprints whose high halves share low bits land in a few home slots near the end of the array, so
  // Robin Hood displacement, wrap-around and backward-shift deletion all run on every operation.
  const rand = mulberry32(5);
  const t = new FingerprintTable();
  const ref = new ReferenceIndex();
  for (let op = 0; op < 20_000; op++) {
    const hi = (0xfffffff0 + Math.floor(rand() * 16) - (Math.floor(rand() * 3) << 8)) >>> 0;
    const lo = Math.floor(rand() * 6);
    const id = 1 + Math.floor(rand() * 3);
    const key = `${hi}/${lo}`;
    if (rand() < 0.55) {
      t.addFp(hi, lo, id);
      ref.add(key, id);
    } else {
      assert.equal(t.removeFp(hi, lo, id), ref.remove(key, id));
    }
    assert.deepEqual(t.getFp(hi, lo), ref.get(key));
    assert.equal(t.size, ref.size);
    assert.equal(t.idCount, ref.idCount);
  }
});

void test('200k random operations agree with the reference index', () => {
  const rand = mulberry32(42);
  const keys = realisticKeys(6_000, 6);
  const t = new FingerprintTable();
  const ref = new ReferenceIndex();
  const check = (key: string): void => {
    const want = ref.get(key);
    assert.deepEqual(t.get(key), want, key);
    assert.equal(t.has(key), want !== undefined);
    assert.equal(t.first(key), want?.[0] ?? 0);
    assert.equal(t.count(key), want?.length ?? 0);
    const seen: number[] = [];
    t.forEach(key, (id) => seen.push(id));
    assert.deepEqual(seen, want ?? []);
    const fp = new Int32Array(2);
    fingerprint(key, fp);
    const pushed = [-1];
    assert.equal(t.pushIdsFp(fp[0]!, fp[1]!, pushed), want?.length ?? 0);
    assert.deepEqual(pushed, [-1, ...(want ?? [])]);
  };
  // Phases: fill, mixed, drain almost to empty, refill; the add share sets where each phase drifts.
  for (const addShare of [0.8, 0.5, 0.2, 0.7]) {
    for (let op = 0; op < 50_000; op++) {
      const key = keys[Math.floor(rand() * keys.length)]!;
      const r = rand();
      if (r < 0.3) {
        check(key);
      } else if (r < 0.3 + 0.7 * addShare) {
        const id = 1 + Math.floor(rand() * 12);
        t.add(key, id);
        ref.add(key, id);
      } else {
        // Half the removals target a pair that exists, so they succeed often enough to matter.
        const held = ref.get(key);
        const id =
          held !== undefined && rand() < 0.5
            ? held[Math.floor(rand() * held.length)]!
            : 1 + Math.floor(rand() * 12);
        assert.equal(t.remove(key, id), ref.remove(key, id), `remove ${key} ${id}`);
      }
    }
    assert.equal(t.size, ref.size);
    assert.equal(t.idCount, ref.idCount);
    for (const key of keys) check(key);
  }
});

void test('a million distinct keys fit in 32 bytes per key, with a tenth of them held twice', () => {
  const t = new FingerprintTable();
  const n = 1_000_000;
  for (let i = 0; i < n; i++) {
    t.add(`p:+84${900000000 + i}`, i + 1);
    if (i % 10 === 0) t.add(`p:+84${900000000 + i}`, n + i + 1);
  }
  assert.equal(t.size, n);
  assert.equal(t.idCount, n + n / 10);
  assert.ok(t.byteSize() <= 32 * n, `${t.byteSize() / n} bytes per key`);
});
