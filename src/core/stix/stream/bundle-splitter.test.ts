// The bundle splitter against JSON.parse: real bundles (the OASIS examples, MITRE ATT&CK Mobile 17.1) and
// generated ones, cut into chunks at random places (inside strings, escapes and multi-byte characters), must
// give exactly the elements JSON.parse gives; malformed input fails with the byte offset of the fault.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BundleSplitter } from './bundle-splitter.js';
import { BundleSyntaxError } from './bundle-syntax-error.js';
import { splitBundle, type BundleEvent } from './split-bundle.js';
import { prng as rng } from '../../../../test/support/prng.js';

const DATA = fileURLToPath(new URL('../../../../../shared/data/stix', import.meta.url));
const EXAMPLES = join(DATA, 'oasis-examples');
const ATTACK = join(DATA, 'mobile-attack-17.1.json');
// eslint-disable-next-line no-restricted-syntax -- CI decides whether absent shared data fails or skips.
const MISSING = process.env['CI'] === 'true' ? false : !existsSync(DATA) && `${DATA} is absent`;

/** Cuts `bytes` at random places: chunks of 1 to `max` bytes. */
function chunks(bytes: Uint8Array, random: () => number, max: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let i = 0; i < bytes.length;) {
    const n = 1 + Math.floor(random() * max);
    out.push(bytes.subarray(i, i + n));
    i += n;
  }
  return out;
}

interface Split {
  readonly texts: string[];
  readonly offsets: number[];
  readonly properties: Record<string, unknown>;
}

function split(parts: readonly Uint8Array[]): Split {
  const texts: string[] = [];
  const offsets: number[] = [];
  const properties: Record<string, unknown> = {};
  const s = new BundleSplitter({
    object: (text, offset, index) => {
      assert.equal(index, texts.length);
      texts.push(text);
      offsets.push(offset);
    },
    property: (name, value) => {
      properties[name] = value;
    },
  });
  for (const p of parts) s.write(p);
  s.end();
  return { texts, offsets, properties };
}

/** Splits `bytes` whole and in several random chunkings; checks every result against JSON.parse. */
function checkAgainstJsonParse(bytes: Uint8Array, seed: number, rounds = 6): number {
  const expected = JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
  const objects = (expected['objects'] ?? []) as unknown[];
  const { objects: _, ...others } = expected;
  const random = rng(seed);
  const chunkings = [[bytes], chunks(bytes, random, 3)];
  // Byte by byte too, for all but the largest inputs.
  if (bytes.length < 1_000_000) chunkings.push(chunks(bytes, random, 1));
  for (let r = 0; r < rounds; r++) chunkings.push(chunks(bytes, random, 1 + Math.floor(random() * 4096)));
  for (const parts of chunkings) {
    const got = split(parts);
    assert.deepEqual(
      got.texts.map((t) => JSON.parse(t) as unknown),
      objects,
    );
    assert.deepEqual(got.properties, others);
    // Each text is the exact bytes at its offset.
    const encoder = new TextEncoder();
    for (const [k, text] of got.texts.entries()) {
      const raw = encoder.encode(text);
      const at = got.offsets[k]!;
      assert.ok(Buffer.from(raw).equals(bytes.subarray(at, at + raw.length)), `objects[${k}] at ${at}`);
    }
  }
  return objects.length;
}

function jsonFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? jsonFiles(join(dir, e.name)) : e.name.endsWith('.json') ? [join(dir, e.name)] : [],
  );
}

void test(
  'every OASIS example, in random chunks, splits into exactly what JSON.parse gives',
  { skip: MISSING },
  (t) => {
    let objects = 0;
    const files = jsonFiles(EXAMPLES);
    assert.ok(files.length >= 8);
    for (const [k, file] of files.entries()) objects += checkAgainstJsonParse(readFileSync(file), 1000 + k);
    t.diagnostic(`${files.length} files, ${objects} objects`);
    assert.ok(objects >= 250);
  },
);

void test(
  'MITRE ATT&CK Mobile 17.1 (4 MB), in random chunks, gives its 2,148 objects',
  { skip: MISSING },
  () => {
    assert.equal(checkAgainstJsonParse(readFileSync(ATTACK), 17, 3), 2148);
  },
);

void test(
  'a top-level object that is not a bundle gives its properties and no elements',
  { skip: MISSING },
  () => {
    const got = split([readFileSync(join(EXAMPLES, 'interop-objectmarking-test.json'))]);
    assert.deepEqual(got.texts, []);
    assert.equal(got.properties['type'], 'campaign');
  },
);

const TRICKY = [
  { type: 'note', id: 'note--1', content: 'quote \\" backslash \\\\ end\\', abstract: '\\\\"' },
  { type: 'x', s: 'Lừa đảo chuyển khoản — 😀 𝄞 ﷽', t: '"}]{[,:', nested: [[[]], {}, { a: [{ b: '}' }] }] },
  { type: 'y', n: -1.5e-7, b: true, z: null, empty: '', arr: [1, 'two', [3]] },
  {},
  [],
  'a string element',
  42,
  null,
];

void test('strings with escapes, brackets and multi-byte characters survive every cut', () => {
  const text = `\uFEFF { "id" : "bundle--x\\u0021" ,\n"type":"bundle", "objects" :\t[ ${TRICKY.map((o) => JSON.stringify(o)).join(' ,\r\n ')} ] , "x_after": {"k": ["v"]} }  \n`;
  const bytes = new TextEncoder().encode(text);
  // Every single cut point, and every pair of cut points a few bytes apart.
  for (let cut = 0; cut <= bytes.length; cut++) {
    const got = split([bytes.subarray(0, cut), bytes.subarray(cut)]);
    assert.deepEqual(
      got.texts.map((t) => JSON.parse(t) as unknown),
      TRICKY,
      `cut at ${cut}`,
    );
    assert.deepEqual(got.properties, { id: 'bundle--x!', type: 'bundle', x_after: { k: ['v'] } });
  }
  const got = split(chunks(bytes, rng(5), 1));
  assert.deepEqual(
    got.texts,
    TRICKY.map((o) => JSON.stringify(o)),
  );
});

void test('generated bundles with random values and white space match JSON.parse', () => {
  const random = rng(99);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const ws = (): string => pick(['', '', ' ', '\n  ', '\t', '\r\n']);
  const str = (): string =>
    JSON.stringify(
      Array.from({ length: Math.floor(random() * 12) }, () =>
        pick(['a', 'é', 'ệ', '😀', '"', '\\', '\n', '\u0001', '}', ']', '{', '[', ',', ':', ' ', '\u2028']),
      ).join(''),
    );
  const value = (depth: number): string => {
    const r = random();
    if (depth > 4 || r < 0.3) return pick([str(), str(), '0', '-12.5e3', 'true', 'false', 'null']);
    if (r < 0.65) {
      const n = Math.floor(random() * 4);
      return `{${Array.from({ length: n }, () => `${ws()}${str()}${ws()}:${ws()}${value(depth + 1)}${ws()}`).join(',')}}`;
    }
    const n = Math.floor(random() * 4);
    return `[${Array.from({ length: n }, () => `${ws()}${value(depth + 1)}${ws()}`).join(',')}]`;
  };
  for (let k = 0; k < 40; k++) {
    const elements = Array.from({ length: Math.floor(random() * 20) }, () => `${ws()}${value(0)}${ws()}`);
    const text = `${ws()}{${ws()}"type"${ws()}:${ws()}"bundle",${ws()}"objects"${ws()}:${ws()}[${elements.join(',')}]${ws()}}${ws()}`;
    checkAgainstJsonParse(new TextEncoder().encode(text), k, 4);
  }
});

function failure(text: string, chunkSize = 0): BundleSyntaxError {
  const bytes = new TextEncoder().encode(text);
  const parts = chunkSize === 0 ? [bytes] : chunks(bytes, () => (chunkSize - 1) / 4096, 4096);
  try {
    split(parts);
  } catch (e) {
    assert.ok(e instanceof BundleSyntaxError, String(e));
    return e;
  }
  assert.fail(`no error for ${text}`);
}

void test('malformed input fails with the reason and the byte offset of the fault', () => {
  const cases: readonly (readonly [string, RegExp, number])[] = [
    ['', /empty input/, 0],
    ['   ', /expected a bundle object/, 3],
    ['[{"type":"bundle"}]', /not a JSON object at the top level/, 0],
    ['"bundle"', /not a JSON object at the top level/, 0],
    ['{"type":"bundle","objects":{"a":1}}', /objects is not an array/, 27],
    ['{"type":"bundle","objects":"none"}', /objects is not an array/, 27],
    ['{"objects":[{"a":"b}]}', /unterminated string/, 17],
    ['{"objects":[{"a":"b"]}]}', /\] closes an object/, 20],
    ['{"objects":[[1}]}', /\} closes an array/, 14],
    ['{"objects":[{"a":1}]}x', /trailing garbage/, 21],
    ['{"objects":[{"a":1}]} {}', /trailing garbage/, 22],
    ['{"objects":[{"a":1},]}', /trailing comma/, 20],
    ['{"objects":[{"a":1} {"b":2}]}', /unexpected '\{': expected , or \]/, 20],
    ['{"objects":[{"a":1}', /unexpected end of input: expected , or \]/, 19],
    ['{"objects":[{"a":{"b":1}', /end of input inside an object \(objects\[0\]\)/, 12],
    ['{"type":"bundle" "id":"x"}', /unexpected '"': expected , or \}/, 17],
    ['{"type" "bundle"}', /unexpected '"': expected :/, 8],
    ['{type:"bundle"}', /unexpected 't': expected a property name or \}/, 1],
    ['{"objects":[],"objects":[]}', /second objects property/, 24],
    ['{"ty', /unterminated string/, 1],
    ['{"id": tru"e"}', /unexpected '"'/, 10],
    ['{"id": nope}', /the bundle's id property is not valid JSON/, 7],
  ];
  for (const [text, reason, offset] of cases) {
    for (const size of [0, 1, 2]) {
      const e = failure(text, size);
      assert.match(e.message, reason, `${text} (chunks of ${size})`);
      assert.equal(e.offset, offset, `${text} (chunks of ${size}): ${e.message}`);
      assert.ok(e.message.endsWith(`at byte ${offset}`));
    }
  }
});

void test('offsets count bytes, not characters', () => {
  const e = failure('{"x":"ệệ","objects":[{"a":"😀"}]}x');
  assert.match(e.message, /trailing garbage/);
  assert.equal(e.offset, new TextEncoder().encode('{"x":"ệệ","objects":[{"a":"😀"}]}').length);
});

void test('a failed splitter keeps failing; writes after a complete bundle may add only white space', () => {
  const s = new BundleSplitter({ object: () => undefined });
  s.write(new TextEncoder().encode('{"objects":[]} \n'));
  s.write(new TextEncoder().encode('  '));
  assert.throws(() => s.write(new TextEncoder().encode('x')), /trailing garbage after the bundle at byte 18/);
  assert.throws(() => s.write(new TextEncoder().encode(' ')), /trailing garbage after the bundle at byte 18/);
  assert.throws(() => s.end(), /trailing garbage/);
});

void test('an error thrown by a handler stops the splitter', () => {
  const s = new BundleSplitter({
    object: () => {
      throw new Error('store is full');
    },
  });
  assert.throws(() => s.write(new TextEncoder().encode('{"objects":[{}]}')), /store is full/);
  assert.throws(() => s.end(), /splitting stopped/);
});

void test('objectCount and bytesRead follow the input', () => {
  const s = new BundleSplitter({ object: () => undefined });
  const bytes = new TextEncoder().encode('{"objects":[{"a":1},{"b":"ệ"},{"c":3');
  s.write(bytes);
  assert.equal(s.objectCount, 2);
  assert.equal(s.bytesRead, bytes.length);
});

void test('one element larger than many chunks is held whole, and the buffer does not keep old bytes', () => {
  const big = 'x'.repeat(300_000);
  const text = `{"objects":[${Array.from({ length: 5 }, (_, k) => `{"k":${k},"big":"${big}"}`).join(',')}]}`;
  const got = split(chunks(new TextEncoder().encode(text), rng(3), 5000));
  assert.deepEqual(
    got.texts.map((t) => (JSON.parse(t) as { k: number }).k),
    [0, 1, 2, 3, 4],
  );
});

void test('splitBundle yields elements and properties in input order, then the error if any', async () => {
  const encoder = new TextEncoder();
  async function* source(): AsyncGenerator<Uint8Array> {
    yield encoder.encode('{"type":"bundle","objects":[{"a":1},');
    await Promise.resolve(); // a chunk that arrives later, as from a stream
    yield encoder.encode('{"b":2}],"id":"bundle--1"}');
  }
  const events: BundleEvent[] = [];
  for await (const e of splitBundle(source())) events.push(e);
  assert.deepEqual(events, [
    { kind: 'property', name: 'type', value: 'bundle' },
    { kind: 'object', text: '{"a":1}', offset: 28, index: 0 },
    { kind: 'object', text: '{"b":2}', offset: 36, index: 1 },
    { kind: 'property', name: 'id', value: 'bundle--1' },
  ]);

  const seen: string[] = [];
  await assert.rejects(async () => {
    for await (const e of splitBundle([encoder.encode('{"objects":[{"a":1},{"b":2]}')])) {
      if (e.kind === 'object') seen.push(e.text);
    }
  }, /\] closes an object at byte 26/);
  assert.deepEqual(seen, ['{"a":1}']);
});
