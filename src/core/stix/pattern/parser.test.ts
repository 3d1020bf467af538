import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Comparison, ComparisonExpression, ObjectPath, ObservationExpression, Pattern } from './ast.js';
import { parsePattern } from './parser.js';

function parsed(text: string): Pattern {
  const r = parsePattern(text);
  if (!r.ok) assert.fail(`${text}: ${r.error.message}`);
  return r.value;
}

function path(objectType: string, ...names: string[]): ObjectPath {
  const [first = '', ...rest] = names;
  return {
    objectType,
    steps: [{ kind: 'property', name: first }, ...rest.map((name) => ({ kind: 'property' as const, name }))],
  };
}

function eq(p: ObjectPath, value: string | number): Comparison {
  return {
    kind: 'comparison',
    path: p,
    negated: false,
    operator: '=',
    value: typeof value === 'string' ? { kind: 'string', value } : { kind: 'integer', value },
  };
}

const a = eq(path('x', 'a'), 1);
const b = eq(path('x', 'b'), 2);
const c = eq(path('x', 'c'), 3);
const obs = (expression: ComparisonExpression): ObservationExpression => ({
  kind: 'observation',
  expression,
});

void test('a single observation of a single comparison', () => {
  assert.deepEqual(
    parsed("[file:hashes.'SHA-256' = 'aec0']"),
    obs(eq(path('file', 'hashes', 'SHA-256'), 'aec0')),
  );
});

void test('inside brackets AND binds tighter than OR, and parentheses regroup', () => {
  assert.deepEqual(parsed('[x:a = 1 OR x:b = 2 AND x:c = 3]'), {
    kind: 'observation',
    expression: {
      kind: 'comparison-combination',
      operator: 'OR',
      operands: [a, { kind: 'comparison-combination', operator: 'AND', operands: [b, c] }],
    },
  });
  assert.deepEqual(parsed('[(x:a = 1 OR x:b = 2) AND x:c = 3]'), {
    kind: 'observation',
    expression: {
      kind: 'comparison-combination',
      operator: 'AND',
      operands: [{ kind: 'comparison-combination', operator: 'OR', operands: [a, b] }, c],
    },
  });
});

void test('a chain of one operator is one node, however it is parenthesized', () => {
  const flat = parsed('[x:a = 1 AND x:b = 2 AND x:c = 3]');
  assert.deepEqual(parsed('[x:a = 1 AND (x:b = 2 AND x:c = 3)]'), flat);
  assert.deepEqual(parsed('[((x:a = 1) AND x:b = 2) AND x:c = 3]'), flat);
  const observations = parsed('[x:a = 1] FOLLOWEDBY [x:b = 2] FOLLOWEDBY [x:c = 3]');
  assert.deepEqual(parsed('[x:a = 1] FOLLOWEDBY ([x:b = 2] FOLLOWEDBY [x:c = 3])'), observations);
  assert.deepEqual(parsed('(([x:a = 1]))'), obs(a));
});

void test('between observations FOLLOWEDBY is loosest, then OR, then AND', () => {
  const p = parsed('[x:a = 1] AND [x:b = 2] OR [x:c = 3] FOLLOWEDBY [x:a = 1]');
  assert.deepEqual(p, {
    kind: 'observation-combination',
    operator: 'FOLLOWEDBY',
    operands: [
      {
        kind: 'observation-combination',
        operator: 'OR',
        operands: [{ kind: 'observation-combination', operator: 'AND', operands: [obs(a), obs(b)] }, obs(c)],
      },
      obs(a),
    ],
  });
});

void test('qualifiers bind tighter than any operator and nest in the order written', () => {
  assert.deepEqual(parsed('[x:a = 1] AND [x:b = 2] WITHIN 5 SECONDS'), {
    kind: 'observation-combination',
    operator: 'AND',
    operands: [obs(a), { kind: 'qualified', expression: obs(b), qualifier: { kind: 'within', seconds: 5 } }],
  });
  assert.deepEqual(parsed('[x:a = 1] REPEATS 5 TIMES WITHIN 180 SECONDS'), {
    kind: 'qualified',
    expression: { kind: 'qualified', expression: obs(a), qualifier: { kind: 'repeats', times: 5 } },
    qualifier: { kind: 'within', seconds: 180 },
  });
  assert.deepEqual(parsed("[x:a = 1] START t'2016-06-01T00:00:00Z' STOP t'2016-07-01T00:00:00Z'"), {
    kind: 'qualified',
    expression: obs(a),
    qualifier: { kind: 'start-stop', start: '2016-06-01T00:00:00Z', stop: '2016-07-01T00:00:00Z' },
  });
  const within = parsed('([x:a = 1] OR [x:b = 2]) WITHIN 2.5 SECONDS');
  assert.ok(within.kind === 'qualified');
  assert.deepEqual(within.qualifier, { kind: 'within', seconds: 2.5 });
  assert.equal(within.expression.kind, 'observation-combination');
});

void test('NOT goes before the operator, or before EXISTS', () => {
  assert.deepEqual(parsed("[file:name NOT IN ('a', 2, true)]"), {
    kind: 'observation',
    expression: {
      kind: 'comparison',
      path: path('file', 'name'),
      negated: true,
      operator: 'IN',
      values: [
        { kind: 'string', value: 'a' },
        { kind: 'integer', value: 2 },
        { kind: 'boolean', value: true },
      ],
    },
  });
  assert.deepEqual(parsed('[NOT EXISTS windows-registry-key:values]'), {
    kind: 'observation',
    expression: { kind: 'exists', negated: true, path: path('windows-registry-key', 'values') },
  });
  const empty = parsed('[x:a IN ()]');
  assert.ok(empty.kind === 'observation' && empty.expression.kind === 'comparison');
  assert.ok(empty.expression.operator === 'IN');
  assert.deepEqual(empty.expression.values, [], 'the grammar allows an empty list');
});

void test('object paths: quoted keys, list indexes, any index, extension names', () => {
  const p = parsed("[file:extensions.'windows-pebinary-ext'.sections[*].entropy > 7.0]");
  assert.ok(p.kind === 'observation' && p.expression.kind === 'comparison');
  assert.deepEqual(p.expression.path, {
    objectType: 'file',
    steps: [
      { kind: 'property', name: 'extensions' },
      { kind: 'property', name: 'windows-pebinary-ext' },
      { kind: 'property', name: 'sections' },
      { kind: 'any-index' },
      { kind: 'property', name: 'entropy' },
    ],
  });
  assert.deepEqual(p.expression.operator === '>' && p.expression.value, { kind: 'float', value: 7 });
  const indexed = parsed("[x:'first'[0][-1].'it\\'s' = 1]");
  assert.ok(indexed.kind === 'observation' && indexed.expression.kind === 'comparison');
  assert.deepEqual(indexed.expression.path.steps, [
    { kind: 'property', name: 'first' },
    { kind: 'index', index: 0 },
    { kind: 'index', index: -1 },
    { kind: 'property', name: "it's" },
  ]);
  // A quoted key that needs no quotes is the same key.
  assert.deepEqual(parsed("[file:hashes.'MD5' = 'x']"), parsed("[file:hashes.MD5 = 'x']"));
});

void test('every constant kind, and the operator synonyms', () => {
  const p = parsed(
    "[x:s = 'it\\'s' AND x:i = -5 AND x:f = -.5 AND x:t = true AND x:b = b'AQID' AND x:h = h'ffD8' AND x:ts = t'2016-01-01T00:00:00.5Z']",
  );
  assert.ok(p.kind === 'observation' && p.expression.kind === 'comparison-combination');
  const values = p.expression.operands.map((o) =>
    o.kind === 'comparison' && o.operator === '=' ? o.value : o,
  );
  assert.deepEqual(values, [
    { kind: 'string', value: "it's" },
    { kind: 'integer', value: -5 },
    { kind: 'float', value: -0.5 },
    { kind: 'boolean', value: true },
    { kind: 'binary', value: 'AQID' },
    { kind: 'hex', value: 'ffD8' },
    { kind: 'timestamp', value: '2016-01-01T00:00:00.5Z' },
  ]);
  assert.deepEqual(parsed('[x:a == 1]'), parsed('[x:a = 1]'));
  assert.deepEqual(parsed('[x:a <> 1]'), parsed('[x:a != 1]'));
});

void test('whitespace, line breaks and comments are free', () => {
  const spaced = parsed("/* indicator 42 */\n(\n  [ url:value = 'http://x/' // first\n  ]\n)\r\n");
  assert.deepEqual(spaced, parsed("[url:value = 'http://x/']"));
});
