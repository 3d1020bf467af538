/** RFC 8785 (JCS) canonical JSON, the form every digest in Tocsin is taken over. */
import * as crypto from 'node:crypto';

/**
 * Serializes a JSON value in RFC 8785 canonical form (sorted keys, ECMAScript number formatting).
 *
 * The same text, and the same errors, as the `canonicalize` package (canonical-json.test.ts holds them equal
 * on random and odd values, and keeps that package as its oracle), written for speed: every object of an
 * import is digested, and its audit entry's state too. Strings are checked for lone surrogates by the engine
 * (`isWellFormed`) rather than character by character, and escaped by `JSON.stringify`, which RFC 8785 follows.
 */
export function canonicalJson(value: unknown): string {
  const out = serialize(value, 0, []);
  if (out === undefined) throw new TypeError('value has no JSON form');
  return out;
}

/** Node's one-shot hash (20.12 and later), cheaper than a Hash object for one short text. */
const oneShotHash = (crypto as { hash?: (algorithm: string, data: string, encoding: 'hex') => string }).hash;

/** Lowercase hex SHA-256 of a string's UTF-8 bytes. */
export function sha256Hex(text: string): string {
  return oneShotHash === undefined
    ? crypto.createHash('sha256').update(text, 'utf8').digest('hex')
    : oneShotHash('sha256', text, 'hex');
}

/** The SHA-256 of a value's canonical JSON: equal for equal values, whatever their key order. */
export function digestJson(value: unknown): string {
  return sha256Hex(canonicalJson(value));
}

/** What `JSON.stringify` would escape, and surrogates: a string without any is written as it is, in quotes. */
// eslint-disable-next-line no-control-regex -- the control characters are what JSON escapes
const SPECIAL = /["\\\u0000-\u001f\ud800-\udfff]/;

function string(s: string): string {
  if (!SPECIAL.test(s)) return `"${s}"`;
  // `isWellFormed` (Node 20 on; the library types stop at ES2023).
  if (!(s as string & { isWellFormed(): boolean }).isWellFormed())
    throw new Error('Lone surrogate is not allowed');
  return JSON.stringify(s);
}

/**
 * Below this depth no ancestor is searched for: a cycle only makes the walk go deeper, and is reported once it
 * passes this depth, with the error `canonicalize` gives when it meets the cycle.
 */
const SHALLOW = 64;

/**
 * One value, as `canonicalize` writes it (including what it does with values JSON has no form for:
 * `undefined` for a function or a symbol, `undefined` and symbols skipped in objects and `null` in arrays,
 * `toJSON` followed). `path` holds the objects being written when deeper than `SHALLOW`.
 */
function serialize(v: unknown, depth: number, path: object[]): string | undefined {
  switch (typeof v) {
    case 'string':
      return string(v);
    case 'number':
      if (Number.isNaN(v)) throw new Error('NaN is not allowed');
      if (!Number.isFinite(v)) throw new Error('Infinity is not allowed');
      return JSON.stringify(v);
    case 'object':
      if (v === null) return 'null';
      if (depth < SHALLOW) return composite(v, depth, path);
      if (path.includes(v)) throw new Error('Circular reference detected');
      path.push(v);
      try {
        return composite(v, depth, path);
      } finally {
        path.pop();
      }
    case 'boolean':
    case 'bigint':
    case 'undefined':
    case 'function':
    case 'symbol':
      // `undefined` for a function, a symbol or `undefined`; a bigint throws, as in `canonicalize`.
      return JSON.stringify(v);
  }
}

/** An object or an array (or what its `toJSON` gives). */
function composite(v: object, depth: number, path: object[]): string | undefined {
  const o = v as { toJSON?: unknown } & Record<string, unknown>;
  if (typeof o.toJSON === 'function') return serialize((o.toJSON as () => unknown)(), depth + 1, path);
  if (Array.isArray(v)) {
    let out = '[';
    for (let i = 0; i < v.length; i++) {
      if (i > 0) out += ',';
      // `canonicalize` maps the array, so a hole stays a hole and is joined as nothing, as is a function.
      if (!(i in v)) continue;
      const e: unknown = v[i];
      out += serialize(e === undefined || typeof e === 'symbol' ? null : e, depth + 1, path) ?? '';
    }
    return out + ']';
  }
  const keys = Object.keys(o).sort();
  let out = '{';
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!;
    const e = o[k];
    if (e === undefined || typeof e === 'symbol') continue;
    // A function's value is written `undefined`, as `canonicalize` writes it.
    out += `${out.length === 1 ? '' : ','}${string(k)}:${serialize(e, depth + 1, path)}`;
  }
  return out + '}';
}
