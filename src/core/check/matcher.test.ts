import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lookupKeys, parseObservable, type ObservableValue } from '../observables/observable-value.js';
import type { ObservableKind } from '../observables/observable.js';
import { IndexMatcher, type Hit, type MatchEntry } from './matcher.js';
import { ReferenceMatcher } from './reference-matcher.js';
import { prng } from '../../../test/support/prng.js';

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

/** The key part of a match by its definition: each lookup key in order, the ids that hold it, first hit kept. */
function keyOracle(entries: readonly MatchEntry[], v: ObservableValue): Hit[] {
  const hits: Hit[] = [];
  const seen = new Set<number>();
  for (const { key, how } of lookupKeys(v))
    for (const e of entries)
      if (e.keys.includes(key) && !seen.has(e.num)) {
        seen.add(e.num);
        hits.push({ num: e.num, how, matched: key });
      }
  return hits;
}

test('domain keys above a host’s registrable domain, or of no domain at all, never match it', () => {
  // Keys no domain indicator has today (public suffixes, an IP), as an index loaded from older data may hold.
  const keys = [
    'd:blogspot.com',
    'd:evil.blogspot.com',
    'd:com.vn',
    'd:shop.com.vn',
    'd:s3.amazonaws.com',
    'd:amazonaws.com',
    'd:x.s3.amazonaws.com',
    'd:1.2.3.4',
    'd:localhost',
  ];
  const entries = keys.map((k, i) => ({
    num: i + 1,
    kind: 'domain' as const,
    canonical: k.slice(2),
    keys: [k],
  }));
  for (const m of [new IndexMatcher(), new IndexMatcher(1000)]) {
    for (const e of entries) m.add(e);
    for (const url of [
      'http://evil.blogspot.com/x',
      'http://a.evil.blogspot.com/',
      'http://blogspot.com/',
      'http://x.shop.com.vn/',
      'http://com.vn/',
      'http://x.s3.amazonaws.com/',
      'http://y.x.s3.amazonaws.com/',
      'http://y.amazonaws.com/',
      'http://localhost/',
    ]) {
      const v = val('url', url);
      assert.deepEqual(m.match(v), keyOracle(entries, v), url);
    }
    assert.deepEqual(norm(m.match(val('url', 'http://a.evil.blogspot.com/'))), [
      '2/subdomain/d:evil.blogspot.com',
    ]);
    assert.deepEqual(m.match(val('url', 'http://blogspot.com/')), []);
    assert.deepEqual(norm(m.match(val('url', 'http://y.amazonaws.com/'))), ['6/subdomain/d:amazonaws.com']);
    assert.deepEqual(
      m.match(val('url', 'http://x.s3.amazonaws.com/')).map((h) => h.matched),
      ['d:x.s3.amazonaws.com'],
    );
  }
});

test('URL checks find exactly the keys their definition gives, in order, through the key filter', () => {
  const rnd = prng(4242);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const labels = ['evil', 'www', 'a', 'b', 'login', 'shop', 'blogspot', 'github', 'sites', 'google'];
  const tlds = ['com', 'com.vn', 'vn', 'io', 'example'];
  const host = () =>
    Array.from({ length: 1 + Math.floor(rnd() * 4) }, () => pick(labels)).join('.') + '.' + pick(tlds);
  const segment = () => pick(['x', 'login', 'a.php', 'b', 'verify', '']);
  const path = () => Array.from({ length: Math.floor(rnd() * 4) }, () => '/' + segment()).join('');
  const query = () => pick(['', '', '?q=1', '?id=7&ref=zalo', '?']);
  // One host with many URL indicators, so that its filter block is full and every key under it passes.
  const busy = 'sites.google.com';
  const entries: MatchEntry[] = [];
  let num = 0;
  const add = (kind: ObservableKind, value: string): void => {
    const r = parseObservable(kind, value);
    if (r.ok) entries.push({ num: ++num, kind, canonical: r.value.canonical, keys: r.value.indicatorKeys });
  };
  for (let n = 0; n < 600; n++) add('url', `http://${busy}/view/${n}/`);
  for (let n = 0; n < 1500; n++) {
    if (rnd() < 0.5) add('domain', host());
    else add('url', `http://${host()}${path()}${query()}`);
  }
  const small = new IndexMatcher(); // grows, and its filter with it
  const sized = new IndexMatcher(entries.length);
  for (const e of entries) {
    small.add(e);
    sized.add(e);
  }
  let hits = 0;
  for (let n = 0; n < 4000; n++) {
    const h = rnd() < 0.1 ? busy : host();
    const input = `${pick(['http', 'HTTPS'])}://${h}${path()}${rnd() < 0.2 ? '/view/' + Math.floor(rnd() * 700) + '/' : ''}${query()}`;
    const r = parseObservable('url', input);
    if (!r.ok) continue;
    const expected = keyOracle(entries, r.value);
    assert.deepEqual(small.match(r.value), expected, input);
    assert.deepEqual(sized.match(r.value), expected, input);
    if (expected.length > 0) hits++;
  }
  assert.ok(hits > 800, `${hits} checks hit`);
  assert.ok(sized.filterFill < 0.5, `filter fill ${sized.filterFill}`);
});
