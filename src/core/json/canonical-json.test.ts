import { test } from 'node:test';
import assert from 'node:assert/strict';
import canonicalize from 'canonicalize';
import { prng } from '../../../test/support/prng.js';
import { canonicalJson, digestJson } from './canonical-json.js';

test('keys are sorted and numbers written as ECMAScript does (RFC 8785)', () => {
  assert.equal(
    canonicalJson({ b: 1, a: [true, null, 'x'], c: { z: 1e21, y: 0.000001 } }),
    '{"a":[true,null,"x"],"b":1,"c":{"y":0.000001,"z":1e+21}}',
  );
});

test('the digest does not depend on key order', () => {
  assert.equal(digestJson({ a: 1, b: 2 }), digestJson({ b: 2, a: 1 }));
  assert.notEqual(digestJson({ a: 1, b: 2 }), digestJson({ a: 1, b: 3 }));
  assert.match(digestJson(null), /^[0-9a-f]{64}$/);
});

const LONE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const wellFormed = (s: string) => s.replace(LONE, '') === s;

/** The serializer's answer, or the error it throws: what must equal the `canonicalize` package's. */
function outcome(f: () => string | undefined): { text: string | undefined } | { error: string } {
  try {
    return { text: f() };
  } catch (e) {
    return { error: `${(e as Error).constructor.name}: ${(e as Error).message}` };
  }
}

function same(value: unknown, label: string): void {
  const expected = outcome(() => canonicalize(value));
  const actual = outcome(() => canonicalJson(value));
  if ('text' in expected && expected.text === undefined)
    assert.deepEqual(actual, { error: 'TypeError: value has no JSON form' }, label);
  else assert.deepEqual(actual, expected, label);
}

const ODD_STRINGS = [
  '',
  'a',
  'quote " backslash \\ slash /',
  '\u0000\u0001\u001f\u007f\u0080\u00ff',
  '\n\r\t\b\f\v',
  '\u2028\u2029',
  'Lừa đảo chuyển khoản',
  'emoji 😀 pair',
  '\ud83d\ude00',
  'lone high \ud800',
  'lone low \udc00 here',
  '\udc00\ud800',
  '\ud800',
  'end high \udbff',
  '\ufeff\uffff\ufffe',
  '€',
  '\u00e9',
  'e\u0301',
  '1',
  '10',
  '__proto__',
  'constructor',
  'toJSON',
];

const ODD_NUMBERS = [
  0,
  -0,
  1,
  -1,
  0.1,
  1e21,
  1e20,
  -1e21,
  1e-6,
  1e-7,
  1.5e-7,
  123456789012345680000,
  Number.MAX_VALUE,
  Number.MIN_VALUE,
  -Number.MIN_VALUE,
  Number.MAX_SAFE_INTEGER,
  Number.EPSILON,
  2 ** 53 + 2,
  4.35,
  0.000001,
  333333333.3333333,
  NaN,
  Infinity,
  -Infinity,
];

test('the same text and the same errors as the canonicalize package on odd values', () => {
  const values: unknown[] = [
    null,
    true,
    false,
    undefined,
    () => 1,
    Symbol('s'),
    10n,
    ...ODD_STRINGS,
    ...ODD_NUMBERS,
    [],
    {},
    [undefined, Symbol('x'), () => 1, null],
    { a: undefined, b: Symbol('y'), c: () => 1, d: null },
    // eslint-disable-next-line no-sparse-arrays
    [1, , 2],
    new Array(3),
    new Date(0),
    { toJSON: () => ({ z: 1, a: [NaN] }) },
    { toJSON: () => undefined },
    { toJSON: 5 },
    new Map([['a', 1]]),
    new String('ab'),
    new Number(3),
    Object.create(null) as object,
    { [Symbol('k')]: 1, a: 1 },
    { '\ud800': 1 },
    { ok: '\udc00' },
    { a: NaN, '\ud800': 1 },
    { b: Infinity, a: '\ud800' },
    [1, [2, [3, [4, { x: [5, -0] }]]]],
    {
      10: 'a',
      9: 'b',
      a: 'c',
      A: 'd',
      _: 'e',
      '': 'f',
      é: 'g',
      '😀': 'h',
      '\uff61': 'i',
      '\ud83d\ude00x': 'j',
    },
    { 1: { 2: { 3: { 4: 1e21 } } } },
    Object.fromEntries(ODD_STRINGS.filter(wellFormed).map((s, i) => [s, i])),
  ];
  values.forEach((v, i) => same(v, `value ${i}`));
});

test('a cycle is refused as canonicalize refuses it, shallow or deep', () => {
  const a: Record<string, unknown> = { x: 1 };
  a['self'] = a;
  same(a, 'shallow cycle');
  const b: unknown[] = [];
  b.push([b]);
  same(b, 'array cycle');
  let deep: Record<string, unknown> = { leaf: true };
  const top = deep;
  for (let i = 0; i < 200; i++) {
    const next: Record<string, unknown> = { i };
    deep['next'] = next;
    deep = next;
  }
  deep['back'] = top;
  same(top, 'deep cycle');
  deep['back'] = 'end';
  same(top, 'deep, no cycle');
  const shared = { s: 1 };
  same({ a: shared, b: shared, c: [shared, shared] }, 'shared, not a cycle');
  const t: Record<string, unknown> = {};
  t['toJSON'] = () => t;
  same(t, 'toJSON giving itself');
});

test('the same text as the canonicalize package on random JSON values', () => {
  const rnd = prng(0x8785);
  const int = (n: number) => Math.floor(rnd() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
  const char = (): string => {
    switch (int(8)) {
      case 0:
        return String.fromCharCode(int(0x20));
      case 1:
        return String.fromCharCode(0xd800 + int(0x800));
      case 2:
        return String.fromCharCode(0x80 + int(0xd800 - 0x80));
      case 3:
        return String.fromCharCode(0xe000 + int(0x2000));
      case 4:
        return String.fromCodePoint(0x10000 + int(0x100000));
      default:
        return String.fromCharCode(0x20 + int(0x5f));
    }
  };
  const str = (): string => {
    // Mostly well-formed, sometimes with a lone surrogate, as a corrupt feed would have.
    let s = '';
    const n = int(12);
    for (let i = 0; i < n; i++) s += char();
    return rnd() < 0.7 ? s.replace(LONE, '\ufffd') : s;
  };
  const num = (): number => {
    switch (int(6)) {
      case 0:
        return pick(ODD_NUMBERS.filter((x) => Number.isFinite(x)));
      case 1:
        return (rnd() - 0.5) * 10 ** (int(60) - 30);
      case 2:
        return int(2 ** 31) - 2 ** 30;
      case 3:
        return rnd();
      case 4:
        return new Float64Array(new Uint32Array([int(2 ** 32), int(2 ** 32)]).buffer)[0]!;
      default:
        return int(1000);
    }
  };
  const value = (depth: number): unknown => {
    const k = int(depth > 4 ? 5 : 8);
    switch (k) {
      case 0:
        return null;
      case 1:
        return rnd() < 0.5;
      case 2:
        return num();
      case 3:
      case 4:
        return str();
      case 5:
      case 6: {
        const n = int(6);
        return Array.from({ length: n }, () => value(depth + 1));
      }
      default: {
        const o: Record<string, unknown> = {};
        const n = int(7);
        for (let i = 0; i < n; i++) o[rnd() < 0.3 ? String(int(20)) : str()] = value(depth + 1);
        return o;
      }
    }
  };
  for (let i = 0; i < 20_000; i++) {
    const v = value(0);
    same(v, `random value ${i}: ${JSON.stringify(v)}`);
    // And its JSON text read back, as an import parses it.
    const text = JSON.stringify(v);
    if (text !== undefined) same(JSON.parse(text), `parsed random value ${i}`);
  }
});
