/**
 * Recursive descent over what goes inside `[ … ]`: comparison expressions joined by OR and AND (AND binds
 * tighter), parentheses, object paths, operators with an optional NOT, and constants.
 */
import type { Comparison, ComparisonExpression, Literal, ObjectPath, PathStep, PropertyStep } from './ast.js';
import { formatObjectPath } from './format.js';
import type { Token } from './tokens.js';
import type { TokenCursor } from './token-cursor.js';

/** Parses comparisons up to the first token that cannot continue them (normally `]`). */
export function parseComparisonExpression(c: TokenCursor): ComparisonExpression {
  const operands = [parseConjunction(c)];
  while (c.atKeyword('OR')) {
    c.advance();
    operands.push(parseConjunction(c));
  }
  return combine('OR', operands);
}

function parseConjunction(c: TokenCursor): ComparisonExpression {
  const operands = [parseComparisonTerm(c)];
  while (c.atKeyword('AND')) {
    c.advance();
    operands.push(parseComparisonTerm(c));
  }
  return combine('AND', operands);
}

function combine(operator: 'AND' | 'OR', operands: ComparisonExpression[]): ComparisonExpression {
  if (operands.length === 1 && operands[0] !== undefined) return operands[0];
  // `a AND (b AND c)` is `a AND b AND c`: one node, so equal meanings give equal trees.
  const flat = operands.flatMap((o) =>
    o.kind === 'comparison-combination' && o.operator === operator ? o.operands : [o],
  );
  return { kind: 'comparison-combination', operator, operands: flat };
}

function parseComparisonTerm(c: TokenCursor): ComparisonExpression {
  const t = c.current;
  if (c.atMark('(')) {
    c.advance();
    c.enter(t);
    const inner = parseComparisonExpression(c);
    c.close(')', t, 'the parenthesis', c.caseHint());
    c.leave();
    return inner;
  }
  if (c.atKeyword('NOT') || c.atKeyword('EXISTS')) {
    const negated = c.atKeyword('NOT');
    if (negated) c.advance();
    if (!c.atKeyword('EXISTS')) {
      const where = c.where(t.pos);
      c.fail(
        `NOT at ${where} belongs after the object path (file:name NOT LIKE 'a%') or before EXISTS`,
        t.pos,
      );
    }
    c.advance();
    return { kind: 'exists', negated, path: parseObjectPath(c) };
  }
  const path = parseObjectPath(c);
  const negated = c.atKeyword('NOT');
  if (negated) c.advance();
  return parseTest(c, path, negated);
}

/** Parses `type:property` and the steps after it. */
function parseObjectPath(c: TokenCursor): ObjectPath {
  const t = c.current;
  if (t.kind !== 'identifier') {
    const what =
      t.kind === 'keyword' ? `; '${t.keyword}' is a keyword, not an object type` : `, found ${c.found()}`;
    c.fail(`expected a comparison such as file:name = 'x'${what}`);
  }
  c.advance();
  if (!c.atMark(':')) c.fail(`expected ':' after the object type '${t.text}', found ${c.found()}`);
  c.advance();
  const first = parseProperty(c, 'the first property after the colon');
  const steps: [PropertyStep, ...PathStep[]] = [first];
  for (;;) {
    if (c.atMark('.')) {
      c.advance();
      steps.push(parseProperty(c, "a property name after '.'"));
    } else if (c.atMark('[')) {
      const open = c.advance();
      const index = c.current;
      if (index.kind === 'integer') steps.push({ kind: 'index', index: index.value });
      else if (c.atMark('*')) steps.push({ kind: 'any-index' });
      else c.fail(`expected a list index (an integer or *) after '[', found ${c.found()}`);
      c.advance();
      c.close(']', open, 'the list index');
    } else {
      return { objectType: t.text, steps };
    }
  }
}

function parseProperty(c: TokenCursor, what: string): PropertyStep {
  const t = c.current;
  if (t.kind === 'string') {
    c.advance();
    return { kind: 'property', name: t.value };
  }
  if (t.kind === 'identifier' && !t.text.includes('-')) {
    c.advance();
    return { kind: 'property', name: t.text };
  }
  if (t.kind === 'identifier') {
    c.fail(`property name '${t.text}' has a hyphen, so it must be quoted: '${t.text}'`);
  }
  if (t.kind === 'keyword' || t.kind === 'boolean') {
    c.fail(`'${t.text}' is reserved; quote it to use it as a property name: '${t.text}'`);
  }
  return c.fail(`expected ${what}, found ${c.found()}`);
}

const WORD_OPERATORS = ['IN', 'LIKE', 'MATCHES', 'ISSUBSET', 'ISSUPERSET'] as const;

function parseTest(c: TokenCursor, path: ObjectPath, negated: boolean): Comparison {
  const t = c.current;
  const base = { kind: 'comparison', path, negated } as const;
  if (t.kind === 'operator') {
    c.advance();
    const at = c.current.pos;
    const value = parseLiteral(c, t);
    if (t.operator === '=' || t.operator === '!=') return { ...base, operator: t.operator, value };
    if (value.kind === 'boolean') {
      c.fail(`'${t.text}' orders values, so it cannot compare with ${value.value}`, at);
    }
    return { ...base, operator: t.operator, value };
  }
  const word = t.kind === 'keyword' ? WORD_OPERATORS.find((w) => w === t.keyword) : undefined;
  if (word === 'IN') {
    c.advance();
    return { ...base, operator: 'IN', values: parseSet(c, t) };
  }
  if (word !== undefined) {
    c.advance();
    const v = c.current;
    if (v.kind !== 'string') c.fail(`${word} takes a string in single quotes, found ${c.found()}`);
    c.advance();
    return { ...base, operator: word, value: { kind: 'string', value: v.value } };
  }
  if (c.atKeyword('EXISTS')) c.fail(`EXISTS goes before the object path: EXISTS ${formatObjectPath(path)}`);
  if (t.kind === 'identifier') c.fail(`unknown operator '${t.text}' at ${c.where(t.pos)}${c.caseHint()}`);
  return c.fail(`expected a comparison operator after ${formatObjectPath(path)}, found ${c.found()}`);
}

function parseSet(c: TokenCursor, inToken: Token): Literal[] {
  const open = c.current;
  if (!c.atMark('(')) c.fail(`IN takes a list in parentheses, as in IN ('a', 'b'), found ${c.found()}`);
  c.advance();
  const values: Literal[] = [];
  if (c.atMark(')')) {
    c.advance();
    return values;
  }
  for (;;) {
    values.push(parseLiteral(c, inToken));
    if (!c.atMark(',')) break;
    c.advance();
  }
  c.close(')', open, 'the IN list', " (values are separated by ',')");
  return values;
}

function parseLiteral(c: TokenCursor, after: Token): Literal {
  const t = c.current;
  let literal: Literal;
  switch (t.kind) {
    case 'string':
      literal = { kind: 'string', value: t.value };
      break;
    case 'integer':
    case 'float':
      literal = { kind: t.kind, value: t.value };
      break;
    case 'boolean':
      literal = { kind: 'boolean', value: t.value };
      break;
    case 'binary':
    case 'hex':
    case 'timestamp':
      literal = { kind: t.kind, value: t.value };
      break;
    case 'identifier':
      return c.fail(`expected a value after '${after.text}', found '${t.text}': strings go in single quotes`);
    case 'keyword':
    case 'operator':
    case 'punctuation':
    case 'end':
      return c.fail(`expected a value after '${after.text}', found ${c.found()}`);
  }
  c.advance();
  return literal;
}
