/**
 * Prints a pattern tree back to STIX pattern text, in one canonical spelling: single spaces, uppercase keywords,
 * parentheses only where precedence or the one-qualifier-kind-per-observation rule needs them, quotes only
 * around property names that need them. Parsing the output gives back the same tree.
 */
import type {
  ComparisonExpression,
  Literal,
  ObjectPath,
  ObservationExpression,
  ObservationOperator,
  Pattern,
  Qualifier,
} from './ast.js';
import { KEYWORD_SET } from './tokens.js';

/** Prints a pattern as STIX pattern text that parses back to the same tree. */
export function formatPattern(pattern: Pattern): string {
  return observation(pattern, 0);
}

const OBSERVATION_PRECEDENCE: Readonly<Record<ObservationOperator, number>> = {
  FOLLOWEDBY: 1,
  OR: 2,
  AND: 3,
};
// Qualified and bracketed expressions bind tighter than every operator.
const TIGHTEST = 4;

function observation(e: ObservationExpression, outer: number): string {
  switch (e.kind) {
    case 'observation':
      return `[${comparison(e.expression, 0)}]`;
    case 'observation-combination': {
      const p = OBSERVATION_PRECEDENCE[e.operator];
      const text = e.operands.map((o) => observation(o, p + 1)).join(` ${e.operator} `);
      return p < outer ? `(${text})` : text;
    }
    case 'qualified': {
      const inner = e.expression;
      const bare =
        inner.kind === 'observation' ||
        (inner.kind === 'qualified' && !bracketChainHas(inner, e.qualifier.kind));
      const text = observation(inner, bare ? TIGHTEST : 0);
      return `${bare ? text : `(${text})`} ${qualifier(e.qualifier)}`;
    }
  }
}

/**
 * Whether `e` is a chain of qualifiers straight onto a `[ … ]` that already holds a qualifier of `kind`: printed
 * bare, another would be a second qualifier of one kind on one observation, which the validator rejects.
 */
function bracketChainHas(e: ObservationExpression, kind: Qualifier['kind']): boolean {
  let found = false;
  let at = e;
  while (at.kind === 'qualified') {
    if (at.qualifier.kind === kind) found = true;
    at = at.expression;
  }
  return found && at.kind === 'observation';
}

function qualifier(q: Qualifier): string {
  switch (q.kind) {
    case 'within':
      return `WITHIN ${formatNumber(q.seconds)} SECONDS`;
    case 'repeats':
      return `REPEATS ${q.times} TIMES`;
    case 'start-stop':
      return `START t'${q.start}' STOP t'${q.stop}'`;
  }
}

function comparison(e: ComparisonExpression, outer: number): string {
  switch (e.kind) {
    case 'comparison-combination': {
      const p = e.operator === 'OR' ? 1 : 2;
      const text = e.operands.map((o) => comparison(o, p + 1)).join(` ${e.operator} `);
      return p < outer ? `(${text})` : text;
    }
    case 'exists':
      return `${e.negated ? 'NOT ' : ''}EXISTS ${formatObjectPath(e.path)}`;
    case 'comparison': {
      const left = `${formatObjectPath(e.path)} ${e.negated ? 'NOT ' : ''}${e.operator}`;
      if (e.operator === 'IN') return `${left} (${e.values.map(formatLiteral).join(', ')})`;
      return `${left} ${formatLiteral(e.value)}`;
    }
  }
}

const RESERVED: ReadonlySet<string> = new Set([...KEYWORD_SET, 'true', 'false']);
const BARE_PROPERTY = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Prints an object path: `file:hashes.'SHA-256'`, `email-message:body_multipart[*].body_raw_ref.name`. */
export function formatObjectPath(path: ObjectPath): string {
  let text = `${path.objectType}:`;
  path.steps.forEach((step, i) => {
    switch (step.kind) {
      case 'property': {
        const bare = BARE_PROPERTY.test(step.name) && !RESERVED.has(step.name);
        text += `${i === 0 ? '' : '.'}${bare ? step.name : quote(step.name)}`;
        break;
      }
      case 'index':
        text += `[${step.index}]`;
        break;
      case 'any-index':
        text += '[*]';
        break;
    }
  });
  return text;
}

/** Prints one constant as a pattern writes it: `'it\'s'`, `7.0`, `h'ffd8'`, `t'2016-01-01T00:00:00Z'`. */
export function formatLiteral(l: Literal): string {
  switch (l.kind) {
    case 'string':
      return quote(l.value);
    case 'integer':
      return String(l.value);
    case 'float':
      return formatFloat(l.value);
    case 'boolean':
      return String(l.value);
    case 'binary':
      return `b'${l.value}'`;
    case 'hex':
      return `h'${l.value}'`;
    case 'timestamp':
      return `t'${l.value}'`;
  }
}

function quote(s: string): string {
  return `'${s.replace(/[\\']/g, (ch) => `\\${ch}`)}'`;
}

/** A whole number prints as an integer, anything else as a plain decimal. */
function formatNumber(n: number): string {
  return Number.isSafeInteger(n) ? String(n) : formatFloat(n);
}

// JavaScript prints 1e-7 and 1e+21, which the grammar cannot read, so the exponent is spelt out in digits; 7
// prints as 7.0 so that it reads back as a float.
/** A float as the grammar writes one: digits and a point, never an exponent. */
export function formatFloat(n: number): string {
  const sign = n < 0 || Object.is(n, -0) ? '-' : '';
  let text = String(Math.abs(n));
  const m = /^(\d+)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
  if (m !== null) {
    const fraction = m[2] ?? '';
    const digits = `${m[1] ?? ''}${fraction}`;
    const exponent = Number(m[3]) - fraction.length;
    if (exponent >= 0) {
      text = digits + '0'.repeat(exponent);
    } else {
      const padded = digits.padStart(-exponent + 1, '0');
      text = `${padded.slice(0, exponent)}.${padded.slice(exponent)}`;
    }
  }
  return sign + (text.includes('.') ? text : `${text}.0`);
}
