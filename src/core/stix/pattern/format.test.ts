import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Comparison, ObservationExpression, Pattern } from './ast.js';
import { formatFloat, formatLiteral, formatObjectPath, formatPattern } from './format.js';
import { parsePattern } from './parser.js';

function parsed(text: string): Pattern {
  const r = parsePattern(text);
  if (!r.ok) assert.fail(`${text}: ${r.error.message}`);
  return r.value;
}

function canonical(text: string): string {
  return formatPattern(parsed(text));
}

/** Prints, parses the print, and checks the tree survived. */
function roundTrips(p: Pattern): string {
  const text = formatPattern(p);
  assert.deepStrictEqual(parsed(text), p, text);
  return text;
}

void test('one spelling: single spaces, = for ==, != for <>, quotes only where needed', () => {
  assert.equal(
    canonical("[  file:hashes.'MD5'=='x'AND file:size<>1 ]WITHIN 5   SECONDS"),
    "[file:hashes.MD5 = 'x' AND file:size != 1] WITHIN 5 SECONDS",
  );
  assert.equal(
    canonical("[x:'SHA-256' = 'a' OR x:'in' = 1 OR x:'IN' = 2]"),
    "[x:'SHA-256' = 'a' OR x:in = 1 OR x:'IN' = 2]",
  );
  assert.equal(canonical("[x:'true'.'9lives'.'' = 1]"), "[x:'true'.'9lives'.'' = 1]");
  assert.equal(canonical('[x:a IN(1,2 , 3)]'), '[x:a IN (1, 2, 3)]');
  assert.equal(canonical('[x:a IN ()]'), '[x:a IN ()]');
});

void test('parentheses appear exactly where precedence needs them', () => {
  assert.equal(canonical('[(x:a = 1 AND x:b = 2) OR x:c = 3]'), '[x:a = 1 AND x:b = 2 OR x:c = 3]');
  assert.equal(canonical('[(x:a = 1 OR x:b = 2) AND x:c = 3]'), '[(x:a = 1 OR x:b = 2) AND x:c = 3]');
  assert.equal(canonical('([x:a = 1] AND [x:b = 2]) OR [x:c = 3]'), '[x:a = 1] AND [x:b = 2] OR [x:c = 3]');
  assert.equal(canonical('([x:a = 1] OR [x:b = 2]) AND [x:c = 3]'), '([x:a = 1] OR [x:b = 2]) AND [x:c = 3]');
  assert.equal(
    canonical('[x:a = 1] FOLLOWEDBY ([x:b = 2] FOLLOWEDBY [x:c = 3])'),
    '[x:a = 1] FOLLOWEDBY [x:b = 2] FOLLOWEDBY [x:c = 3]',
  );
  assert.equal(canonical('([x:a = 1]) WITHIN 5 SECONDS'), '[x:a = 1] WITHIN 5 SECONDS');
  assert.equal(
    canonical('([x:a = 1] OR [x:b = 2]) WITHIN 5 SECONDS'),
    '([x:a = 1] OR [x:b = 2]) WITHIN 5 SECONDS',
  );
});

void test('a repeated qualifier kind keeps the parentheses the validator requires', () => {
  assert.equal(
    canonical('([x:a = 1]) WITHIN 5 SECONDS WITHIN 6 SECONDS'),
    '([x:a = 1] WITHIN 5 SECONDS) WITHIN 6 SECONDS',
  );
  assert.equal(
    canonical('([x:a = 1] REPEATS 2 TIMES) WITHIN 5 SECONDS'),
    '[x:a = 1] REPEATS 2 TIMES WITHIN 5 SECONDS',
  );
  assert.equal(
    canonical('([x:a = 1] OR [x:b = 1]) WITHIN 5 SECONDS WITHIN 6 SECONDS'),
    '([x:a = 1] OR [x:b = 1]) WITHIN 5 SECONDS WITHIN 6 SECONDS',
  );
});

void test('constants print as the grammar writes them', () => {
  assert.equal(
    formatLiteral({ kind: 'string', value: String.raw`it's C:\Windows` }),
    String.raw`'it\'s C:\\Windows'`,
  );
  assert.equal(formatLiteral({ kind: 'float', value: 7 }), '7.0');
  assert.equal(formatLiteral({ kind: 'integer', value: -12 }), '-12');
  assert.equal(formatLiteral({ kind: 'boolean', value: false }), 'false');
  assert.equal(formatLiteral({ kind: 'binary', value: 'AQID' }), "b'AQID'");
  assert.equal(formatLiteral({ kind: 'hex', value: 'ffD8' }), "h'ffD8'");
  assert.equal(
    formatLiteral({ kind: 'timestamp', value: '2016-01-01T00:00:00Z' }),
    "t'2016-01-01T00:00:00Z'",
  );
});

void test('floats never print with an exponent, which the grammar cannot read', () => {
  assert.equal(formatFloat(1e-7), '0.0000001');
  assert.equal(formatFloat(1.5e-7), '0.00000015');
  assert.equal(formatFloat(-2.5e-10), '-0.00000000025');
  assert.equal(formatFloat(1e21), '1000000000000000000000.0');
  assert.equal(formatFloat(1.25e22), '12500000000000000000000.0');
  assert.equal(formatFloat(0.5), '0.5');
  assert.equal(formatFloat(-0), '-0.0');
  for (const value of [1e-7, 1.5e-7, 1e21, 123.456, -0, 5e-324, Number.MAX_VALUE]) {
    const p = parsed(`[x:a = ${formatFloat(value)}] WITHIN ${formatFloat(Math.abs(value) || 1)} SECONDS`);
    assert.ok(p.kind === 'qualified' && p.expression.kind === 'observation');
    const c = p.expression.expression;
    assert.ok(c.kind === 'comparison' && c.operator === '=');
    assert.ok(Object.is(c.value.value, value), `${value} survives printing`);
  }
});

void test('object paths print with indexes and quoted keys', () => {
  assert.equal(
    formatObjectPath({
      objectType: 'file',
      steps: [
        { kind: 'property', name: 'extensions' },
        { kind: 'property', name: 'windows-pebinary-ext' },
        { kind: 'property', name: 'sections' },
        { kind: 'any-index' },
        { kind: 'index', index: -1 },
        { kind: 'property', name: 'entropy' },
      ],
    }),
    "file:extensions.'windows-pebinary-ext'.sections[*][-1].entropy",
  );
});

void test('trees built by hand print to text that parses back to them', () => {
  const cmp = (name: string, value: number, negated = false): Comparison => ({
    kind: 'comparison',
    path: { objectType: 'x-thing', steps: [{ kind: 'property', name }] },
    negated,
    operator: '>=',
    value: { kind: 'integer', value },
  });
  const obs = (name: string): ObservationExpression => ({ kind: 'observation', expression: cmp(name, 1) });
  const tree: Pattern = {
    kind: 'observation-combination',
    operator: 'FOLLOWEDBY',
    operands: [
      {
        kind: 'qualified',
        expression: {
          kind: 'observation-combination',
          operator: 'AND',
          operands: [
            obs('a'),
            {
              kind: 'observation-combination',
              operator: 'OR',
              operands: [
                obs('b'),
                { kind: 'qualified', expression: obs('c'), qualifier: { kind: 'repeats', times: 3 } },
              ],
            },
          ],
        },
        qualifier: { kind: 'within', seconds: 0.25 },
      },
      {
        kind: 'observation',
        expression: {
          kind: 'comparison-combination',
          operator: 'AND',
          operands: [
            { kind: 'comparison-combination', operator: 'OR', operands: [cmp('d', -1, true), cmp('e', 2)] },
            {
              kind: 'exists',
              negated: true,
              path: { objectType: 'y', steps: [{ kind: 'property', name: 'z' }] },
            },
          ],
        },
      },
    ],
  };
  assert.equal(
    roundTrips(tree),
    '([x-thing:a >= 1] AND ([x-thing:b >= 1] OR [x-thing:c >= 1] REPEATS 3 TIMES)) WITHIN 0.25 SECONDS FOLLOWEDBY [(x-thing:d NOT >= -1 OR x-thing:e >= 2) AND NOT EXISTS y:z]',
  );
});
