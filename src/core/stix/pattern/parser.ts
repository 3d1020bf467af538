/**
 * The STIX 2.1 pattern parser: a recursive descent over the lexer, after the OASIS grammar (STIXPattern.g4).
 * Observation expressions join by FOLLOWEDBY, OR and AND (loosest first) and take qualifiers, which bind tighter
 * than any operator. Beyond the grammar it applies the rules of the OASIS validator (cti-pattern-validator):
 * a qualifier kind may appear only once directly on a `[ … ]` (`([…] WITHIN 5 SECONDS) WITHIN 9 SECONDS` is
 * fine), and, as the specification asks, REPEATS and WITHIN take positive numbers.
 */
import type { ObservationExpression, ObservationOperator, Pattern, Qualifier } from './ast.js';
import { timestampProblem } from './literal-checks.js';
import { parseComparisonExpression } from './parse-comparison.js';
import type { PatternResult } from './pattern-error.js';
import { PatternAbort, TokenCursor } from './token-cursor.js';

/** Parses a STIX 2.1 pattern into its syntax tree; never throws on bad input. */
export function parsePattern(text: string): PatternResult<Pattern> {
  try {
    const c = new TokenCursor(text);
    const pattern = parseFollowedBy(c);
    if (c.current.kind !== 'end') c.fail(trailingMessage(c));
    return { ok: true, value: pattern };
  } catch (e) {
    if (e instanceof PatternAbort) return { ok: false, error: e.detail };
    throw e;
  }
}

function trailingMessage(c: TokenCursor): string {
  if (c.atMark(']')) return `unexpected ']' at ${c.where(c.current.pos)}: there is no '[' for it to close`;
  if (c.atMark(')')) return `unexpected ')' at ${c.where(c.current.pos)}: there is no '(' for it to close`;
  return `expected AND, OR, FOLLOWEDBY, a qualifier or the end of the pattern, found ${c.found()}${c.caseHint()}`;
}

const OPERAND_PARSERS: Readonly<Record<ObservationOperator, (c: TokenCursor) => ObservationExpression>> = {
  FOLLOWEDBY: (c) => parseJoined(c, 'OR'),
  OR: (c) => parseJoined(c, 'AND'),
  AND: (c) => parseQualified(c),
};

function parseFollowedBy(c: TokenCursor): ObservationExpression {
  return parseJoined(c, 'FOLLOWEDBY');
}

/** Parses operands of the next tighter level joined by `operator`. */
function parseJoined(c: TokenCursor, operator: ObservationOperator): ObservationExpression {
  const part = OPERAND_PARSERS[operator];
  const operands = [part(c)];
  while (c.atKeyword(operator)) {
    c.advance();
    operands.push(part(c));
  }
  if (operands.length === 1 && operands[0] !== undefined) return operands[0];
  // `[a] AND ([b] AND [c])` is `[a] AND [b] AND [c]`: one node, so equal meanings give equal trees.
  const flat = operands.flatMap((o) =>
    o.kind === 'observation-combination' && o.operator === operator ? o.operands : [o],
  );
  return { kind: 'observation-combination', operator, operands: flat };
}

function parseQualified(c: TokenCursor): ObservationExpression {
  const start = c.current;
  let expression: ObservationExpression;
  // The validator rejects a repeated qualifier kind only directly on a bracketed observation.
  let seen: Set<Qualifier['kind']> | undefined;
  if (c.atMark('[')) {
    c.advance();
    c.enter(start);
    const comparisons = parseComparisonExpression(c);
    const hint = qualifierAhead(c)
      ? "; qualifiers go after the ']'"
      : c.caseHint() || (c.current.kind === 'identifier' ? ' (is an AND or OR missing?)' : '');
    c.close(']', start, 'the observation expression', hint);
    c.leave();
    expression = { kind: 'observation', expression: comparisons };
    seen = new Set();
  } else if (c.atMark('(')) {
    c.advance();
    c.enter(start);
    expression = parseFollowedBy(c);
    c.close(')', start, 'the parenthesis', c.caseHint());
    c.leave();
  } else {
    return c.fail(startMessage(c));
  }
  let levels = 0;
  while (qualifierAhead(c)) {
    const at = c.current;
    const qualifier = parseQualifier(c);
    if (seen !== undefined) {
      if (seen.has(qualifier.kind)) {
        c.fail(
          `a second ${at.text} qualifier on the observation expression at ${c.where(start.pos)}; ` +
            `to apply it twice, parenthesize the first: ([…] ${at.text} …) ${at.text} …`,
          at.pos,
        );
      }
      seen.add(qualifier.kind);
    }
    c.enter(at);
    levels++;
    expression = { kind: 'qualified', expression, qualifier };
  }
  c.leave(levels);
  return expression;
}

function startMessage(c: TokenCursor): string {
  const t = c.current;
  if (qualifierAhead(c)) {
    return `${t.text} at ${c.where(t.pos)} has no observation expression before it to qualify`;
  }
  if (t.kind === 'identifier' || t.kind === 'keyword') {
    const example = "comparisons go in square brackets, as in [file:name = 'x']";
    return `expected '[' to start an observation expression, found ${c.found()}: ${example}`;
  }
  return `expected '[' or '(' to start an observation expression, found ${c.found()}`;
}

function qualifierAhead(c: TokenCursor): boolean {
  return c.atKeyword('WITHIN') || c.atKeyword('REPEATS') || c.atKeyword('START');
}

function parseQualifier(c: TokenCursor): Qualifier {
  const keyword = c.advance();
  if (keyword.text === 'START') {
    const start = expectTimestamp(c, 'START');
    if (!c.atKeyword('STOP')) {
      c.fail(`expected STOP after START t'${start}', found ${c.found()}${c.caseHint()}`);
    }
    c.advance();
    return { kind: 'start-stop', start, stop: expectTimestamp(c, 'STOP') };
  }
  const within = keyword.text === 'WITHIN';
  const n = c.current;
  const accepted = n.kind === 'integer' || (within && n.kind === 'float');
  if (!accepted || n.value <= 0) {
    const what = within ? 'a positive number of seconds' : 'a positive whole number of times';
    c.fail(`${keyword.text} takes ${what}, found ${c.found()}`);
  }
  c.advance();
  const unit = within ? 'SECONDS' : 'TIMES';
  if (!c.atKeyword(unit)) {
    const only = within ? ' (SECONDS is the only unit)' : '';
    c.fail(`expected ${unit} after ${keyword.text} ${n.text}, found ${c.found()}${c.caseHint() || only}`);
  }
  c.advance();
  return within ? { kind: 'within', seconds: n.value } : { kind: 'repeats', times: n.value };
}

function expectTimestamp(c: TokenCursor, keyword: string): string {
  const t = c.current;
  if (t.kind !== 'timestamp') {
    // A plain string holding a good timestamp is the commonest slip; show the fix.
    const fixable = t.kind === 'string' && timestampProblem(t.value) === undefined;
    const hint = fixable ? `; write it as t${t.text}` : '';
    return c.fail(`${keyword} takes a timestamp such as t'2016-01-01T00:00:00Z', found ${c.found()}${hint}`);
  }
  c.advance();
  return t.value;
}
