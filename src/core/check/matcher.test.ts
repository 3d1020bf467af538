import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseObservable, type ObservableValue } from '../observables/observable-value.js';
import type { ObservableKind } from '../observables/observable.js';
import { IndexMatcher, type Hit, type MatchEntry } from './matcher.js';
import { ReferenceMatcher } from './reference-matcher.js';

function entry(num: number, kind: ObservableKind, value: string): MatchEntry {
  const r = parseObservable(kind, value);
  assert.ok(r.ok, `${kind} ${value}`);
  return { num, kind, canonical: r.value.canonical, keys: r.value.indicatorKeys };
}

function val(kind: ObservableKind, value: string): ObservableValue {
  const r = parseObservable(kind, value);
  assert.ok(r.ok, `${kind} ${value}: ${r.ok ? '' : r.error}`);
  return r.value;
}

const norm = (hits: Hit[]) => hits.map((h) => `${h.num}/${h.how}/${h.matched}`).sort();

test('each kind of indicator is found, with how it matched', () => {
  const m = new IndexMatcher();
  m.add(entry(1, 'domain', 'evil.example'));
  m.add(entry(2, 'url', 'evil.example/login/'));
  m.add(entry(3, 'ip', '10.0.0.0/8'));
  m.add(entry(4, 'ip', '10.1.0.0/16'));
  m.add(entry(5, 'phone', '0912 345 678'));
  m.add(entry(6, 'bank-account', 'VCB:0123456789'));
  m.add(entry(7, 'ip', '192.0.2.1'));
  assert.equal(m.size, 7);
  assert.deepEqual(norm(m.match(val('url', 'http://a.evil.example/login/x?y=1'))), [
    '1/subdomain/d:evil.example',
    '2/url-prefix/u:evil.example/login/',
  ]);
  assert.deepEqual(norm(m.match(val('ip', '10.1.2.3'))), ['3/cidr/10.0.0.0/8', '4/cidr/10.1.0.0/16']);
  assert.equal(m.match(val('ip', '10.1.2.3'))[0]?.num, 4, 'most specific range first');
  assert.deepEqual(norm(m.match(val('url', 'http://10.9.9.9/x'))), ['3/cidr/10.0.0.0/8']);
  assert.deepEqual(norm(m.match(val('phone', '+84 912 345 678'))), ['5/exact/p:+84912345678']);
  assert.deepEqual(norm(m.match(val('bank-account', '970436:0123456789'))), ['6/exact/b:970436:0123456789']);
  assert.deepEqual(norm(m.match(val('ip', '192.0.2.1'))), ['7/exact/i:192.0.2.1']);
  assert.deepEqual(m.match(val('domain', 'good.example')), []);
  m.remove(entry(4, 'ip', '10.1.0.0/16'));
  m.remove(entry(1, 'domain', 'evil.example'));
  assert.equal(m.size, 5);
  assert.deepEqual(norm(m.match(val('ip', '10.1.2.3'))), ['3/cidr/10.0.0.0/8']);
  assert.deepEqual(norm(m.match(val('url', 'http://evil.example/'))), []);
});

/** mulberry32: a small seeded PRNG, so that a failure replays. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

test('the index matcher agrees with the reference on random indicators and values', () => {
  const rnd = prng(20261123);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  // A small universe, so that random values often meet random indicators.
  const labels = ['evil', 'bank', 'login', 'a', 'b', 'secure', 'vn'];
  const tlds = ['example', 'com.vn', 'vn', 'net'];
  const host = () =>
    Array.from({ length: 1 + Math.floor(rnd() * 3) }, () => pick(labels)).join('.') + '.' + pick(tlds);
  const path = () =>
    '/' +
    Array.from({ length: Math.floor(rnd() * 3) }, () => pick(['login', 'x', 'pay'])).join('/') +
    (rnd() < 0.5 ? '/' : '');
  const ip4 = () => `10.${Math.floor(rnd() * 3)}.${Math.floor(rnd() * 3)}.${Math.floor(rnd() * 4)}`;
  const makers: (() => [ObservableKind, string])[] = [
    () => ['domain', host()],
    () => ['url', host() + path()],
    () => ['url', `http://${host()}${path()}${rnd() < 0.3 ? '?q=1' : ''}`],
    () => ['ip', ip4()],
    () => ['ip', `10.${Math.floor(rnd() * 3)}.0.0/16`],
    () => ['ip', `10.${Math.floor(rnd() * 3)}.${Math.floor(rnd() * 3)}.0/24`],
    () => ['ip', '10.0.0.0/8'],
    () => ['phone', `09${Math.floor(rnd() * 3)}${String(Math.floor(rnd() * 3)).padStart(7, '1')}`],
    () => ['bank-account', `VCB:012345678${Math.floor(rnd() * 3)}`],
    () => ['email', `user${Math.floor(rnd() * 2)}@${host()}`],
  ];
  const fast = new IndexMatcher();
  const ref = new ReferenceMatcher();
  const live: MatchEntry[] = [];
  let num = 0;
  let compared = 0;
  let withHits = 0;
  for (let step = 0; step < 4000; step++) {
    const r = rnd();
    if (r < 0.45 || live.length === 0) {
      const [kind, value] = pick(makers)();
      const parsed = parseObservable(kind, value);
      if (!parsed.ok) continue;
      const e = { num: ++num, kind, canonical: parsed.value.canonical, keys: parsed.value.indicatorKeys };
      fast.add(e);
      ref.add(e);
      live.push(e);
    } else if (r < 0.6) {
      const i = Math.floor(rnd() * live.length);
      const [e] = live.splice(i, 1);
      fast.remove(e!);
      ref.remove(e!);
    } else {
      const [kind, value] = pick(makers)();
      const parsed = parseObservable(kind, value.replace(/\/\d+$/, '').replace(/\.0$/, '.7'));
      if (!parsed.ok) continue;
      const expected = norm(ref.match(parsed.value));
      assert.deepEqual(norm(fast.match(parsed.value)), expected, `${kind} ${value}`);
      compared++;
      if (expected.length > 0) withHits++;
    }
    assert.equal(fast.size, ref.size);
  }
  assert.ok(
    compared > 1000 && withHits > compared / 4,
    `compared ${compared} lookups, ${withHits} with hits`,
  );
});
