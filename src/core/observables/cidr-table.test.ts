import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CidrTable } from './cidr-table.js';
import type { CidrMatch } from './cidr-table.js';
import type { IpValue } from './ip.js';
import { parseIp } from './ip.js';
import { prng } from '../../../test/support/prng.js';

function ip(text: string): IpValue {
  const r = parseIp(text);
  if (!r.ok) assert.fail(`${text}: ${r.error}`);
  return r.value;
}

function sorted<V>(matches: readonly CidrMatch<V>[]): { prefix: number; values: V[] }[] {
  return matches.map((m) => ({ prefix: m.prefix, values: [...m.values].sort() }));
}

void test('the longest matching prefix wins; matchAll lists every containing range, most specific first', () => {
  const t = new CidrTable<string>();
  t.add(ip('10.0.0.0/8'), 'corp');
  t.add(ip('10.1.0.0/16'), 'lab');
  t.add(ip('10.1.2.3'), 'phish-host');
  t.add(ip('0.0.0.0/0'), 'default');
  assert.deepEqual(t.match(ip('10.1.2.3')), { prefix: 32, values: ['phish-host'] });
  assert.deepEqual(t.match(ip('10.1.2.4')), { prefix: 16, values: ['lab'] });
  assert.deepEqual(t.match(ip('10.2.0.1')), { prefix: 8, values: ['corp'] });
  assert.deepEqual(t.match(ip('11.0.0.1')), { prefix: 0, values: ['default'] });
  assert.deepEqual(t.matchAll(ip('10.1.2.3')), [
    { prefix: 32, values: ['phish-host'] },
    { prefix: 16, values: ['lab'] },
    { prefix: 8, values: ['corp'] },
    { prefix: 0, values: ['default'] },
  ]);
  // A range query matches only ranges holding all of it.
  assert.deepEqual(t.match(ip('10.1.0.0/24')), { prefix: 16, values: ['lab'] });
  assert.deepEqual(t.match(ip('10.0.0.0/7')), { prefix: 0, values: ['default'] });
  assert.equal(t.size, 4);
});

void test('IPv4 and IPv6 are kept apart; mapped addresses match as IPv4', () => {
  const t = new CidrTable<string>();
  t.add(ip('::/0'), 'all-v6');
  t.add(ip('2001:db8::/32'), 'doc');
  t.add(ip('192.0.2.0/24'), 'test-net');
  assert.equal(t.match(ip('192.0.3.1')), undefined);
  assert.deepEqual(t.match(ip('::ffff:192.0.2.9')), { prefix: 24, values: ['test-net'] });
  assert.deepEqual(t.match(ip('2001:db8:1::1')), { prefix: 32, values: ['doc'] });
  assert.deepEqual(t.match(ip('2001:db9::1')), { prefix: 0, values: ['all-v6'] });
  assert.deepEqual(t.matchAll(ip('2001:db8::/48')), [
    { prefix: 32, values: ['doc'] },
    { prefix: 0, values: ['all-v6'] },
  ]);
});

void test('a range holds several values, once each; remove takes one value at a time', () => {
  const t = new CidrTable<number>();
  const r = ip('198.51.100.0/24');
  assert.equal(t.add(r, 1), true);
  assert.equal(t.add(r, 2), true);
  assert.equal(t.add(r, 1), false);
  assert.equal(t.add(r, 3), true);
  assert.equal(t.size, 3);
  assert.deepEqual(sorted([t.match(ip('198.51.100.7'))!]), [{ prefix: 24, values: [1, 2, 3] }]);
  assert.equal(t.remove(r, 2), true);
  assert.equal(t.remove(r, 2), false);
  assert.equal(t.remove(ip('198.51.100.0/25'), 1), false);
  assert.equal(t.remove(ip('198.51.101.0/24'), 1), false);
  assert.deepEqual(sorted([t.match(ip('198.51.100.7'))!]), [{ prefix: 24, values: [1, 3] }]);
  assert.equal(t.remove(r, 1), true);
  assert.deepEqual(t.match(ip('198.51.100.7')), { prefix: 24, values: [3] });
  assert.equal(t.remove(r, 3), true);
  assert.equal(t.match(ip('198.51.100.7')), undefined);
  assert.equal(t.size, 0);
});

void test('the returned values are a copy', () => {
  const t = new CidrTable<string>();
  t.add(ip('203.0.113.0/24'), 'a');
  t.add(ip('203.0.113.0/24'), 'b');
  const m = t.match(ip('203.0.113.1'))!;
  (m.values as string[]).push('tampered');
  assert.deepEqual(t.match(ip('203.0.113.1'))!.values, ['a', 'b']);
});

void test('many single addresses: growth, lookups and removal back to empty', () => {
  const t = new CidrTable<number>();
  const n = 100_000;
  const addr = (i: number): IpValue => ip(`10.${(i >>> 16) & 0xff}.${(i >>> 8) & 0xff}.${i & 0xff}`);
  const six = (i: number): IpValue => ip(`2001:db8::${(i >>> 16).toString(16)}:${(i & 0xffff).toString(16)}`);
  for (let i = 0; i < n; i++) {
    t.add(addr(i * 7), i);
    if (i % 10 === 0) t.add(six(i), i);
  }
  assert.equal(t.size, n + n / 10);
  for (let i = 0; i < n; i += 97) {
    assert.deepEqual(t.match(addr(i * 7)), { prefix: 32, values: [i] });
    assert.equal(t.match(addr(i * 7 + 1)), undefined);
  }
  assert.deepEqual(t.match(six(50)), { prefix: 128, values: [50] });
  assert.equal(t.match(six(51)), undefined);
  for (let i = 0; i < n; i++) {
    assert.equal(t.remove(addr(i * 7), i), true);
    if (i % 10 === 0) assert.equal(t.remove(six(i), i), true);
    // Backward-shift deletion must keep the survivors reachable.
    if (i % 5003 === 0 && i + 1 < n) assert.deepEqual(t.match(addr((i + 1) * 7))?.values, [i + 1]);
  }
  assert.equal(t.size, 0);
  assert.equal(t.match(addr(7)), undefined);
});

// A fixed-seed PRNG (mulberry32), so a failure reproduces.

// The reference works on bit strings: a range contains an address when the address starts with its bits.
function bitsToText(bits: string, version: 4 | 6): string {
  const chunk = version === 4 ? 8 : 16;
  const parts: string[] = [];
  for (let i = 0; i < bits.length; i += chunk) {
    const n = parseInt(bits.slice(i, i + chunk), 2);
    parts.push(version === 4 ? String(n) : n.toString(16));
  }
  return parts.join(version === 4 ? '.' : ':');
}

interface RefEntry {
  bits: string;
  value: number;
}

function reference(entries: readonly RefEntry[], bits: string, queryPrefix: number): CidrMatch<number>[] {
  const byPrefix = new Map<number, number[]>();
  for (const e of entries) {
    if (e.bits.length <= queryPrefix && bits.startsWith(e.bits)) {
      byPrefix.set(e.bits.length, [...(byPrefix.get(e.bits.length) ?? []), e.value]);
    }
  }
  return [...byPrefix.entries()]
    .sort((a, b) => b[0] - a[0])
    .map(([prefix, values]) => ({ prefix, values: values.sort((x, y) => x - y) }));
}

function randomised(version: 4 | 6, seed: number): void {
  const rand = prng(seed);
  const width = version === 4 ? 32 : 128;
  const randomBits = (n: number): string => {
    let s = '';
    for (let i = 0; i < n; i++) s += rand() < 0.5 ? '0' : '1';
    return s;
  };
  // IPv6 stays in 2000::/3 so no address is IPv4-mapped; a few bases make ranges nest and collide.
  const randomAddress = (): string => (version === 4 ? randomBits(32) : '001' + randomBits(125));
  const bases = Array.from({ length: 40 }, randomAddress);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const randomPrefix = (): number => (rand() < 0.02 ? 0 : Math.floor(rand() * (width + 1)));
  const parseBits = (bits: string, prefix: number): IpValue =>
    ip(`${bitsToText(bits.slice(0, prefix).padEnd(width, '0'), version)}/${prefix}`);

  const table = new CidrTable<number>();
  let entries: RefEntry[] = [];
  for (let i = 0; i < 2000; i++) {
    const prefix = randomPrefix();
    const bits = pick(bases).slice(0, prefix);
    const value = Math.floor(rand() * 4);
    const isNew = !entries.some((e) => e.bits === bits && e.value === value);
    assert.equal(table.add(parseBits(bits, prefix), value), isNew);
    if (isNew) entries.push({ bits, value });
  }
  assert.equal(table.size, entries.length);

  const compare = (round: string): void => {
    for (let i = 0; i < 2000; i++) {
      // Near a base (sharing a random number of leading bits) or anywhere.
      const keep = Math.floor(rand() * (width + 1));
      const bits = rand() < 0.7 ? pick(bases).slice(0, keep) + randomAddress().slice(keep) : randomAddress();
      const queryPrefix = rand() < 0.8 ? width : randomPrefix();
      const query = parseBits(bits, queryPrefix);
      const expected = reference(entries, bits.slice(0, queryPrefix).padEnd(width, '0'), queryPrefix);
      const label = `${round} ${query.canonical}`;
      assert.deepEqual(sorted(table.matchAll(query)), expected, label);
      const best = table.match(query);
      assert.deepEqual(best === undefined ? [] : sorted([best]), expected.slice(0, 1), label);
    }
  };
  compare('after adds');

  const kept: RefEntry[] = [];
  for (const e of entries) {
    if (rand() < 0.5) kept.push(e);
    else assert.equal(table.remove(parseBits(e.bits, e.bits.length), e.value), true);
  }
  // Pairs that were never stored.
  for (let i = 0; i < 200; i++) {
    const prefix = randomPrefix();
    const bits = pick(bases).slice(0, prefix);
    if (!kept.some((e) => e.bits === bits && e.value === 9)) {
      assert.equal(table.remove(parseBits(bits, prefix), 9), false);
    }
  }
  entries = kept;
  assert.equal(table.size, entries.length);
  compare('after removals');
}

void test('IPv4 agrees with a linear-scan reference on random ranges and lookups', () => {
  randomised(4, 0x7ab1e4);
});

void test('IPv6 agrees with a linear-scan reference on random ranges and lookups', () => {
  randomised(6, 0x7ab1e6);
});
