/**
 * Which STIX patterns Tocsin can enforce. Tocsin matches single values (a URL, a domain, an IP or range, a phone
 * number, …), so a pattern is enforced only when it says "any of these values": one observation of plain `=`
 * comparisons on properties Tocsin knows (or ISSUBSET on an IP address, for a range), joined by OR. Everything
 * else (an AND, a qualifier, FOLLOWEDBY, MATCHES, a file size, a value Tocsin cannot read) is stored and shared
 * but not enforced, and `whyNotEnforced` says why in words an analyst can act on. Values come back as written
 * (a hash gains its `md5:` prefix); `parseObservable` canonicalizes them.
 */
import type { ObservableKind } from '../../observables/observable.js';
import { parseObservable } from '../../observables/observable-value.js';
import type { Comparison, ComparisonExpression, ObjectPath, ObservationExpression, Pattern } from './ast.js';
import { formatObjectPath } from './format.js';
import { clip } from './tokens.js';

/** One value Tocsin can match, as its observable parser reads it (`md5:<hex>` for a hash). */
export interface SimpleObservable {
  readonly kind: ObservableKind;
  readonly value: string;
}

/** The values the pattern amounts to, or undefined when it means more than "any of these values". */
export function simpleObservables(pattern: Pattern): SimpleObservable[] | undefined {
  const r = analyze(pattern);
  return 'reason' in r ? undefined : r.observables;
}

/** Why Tocsin does not enforce the pattern ("uses FOLLOWEDBY"), or undefined when it does. */
export function whyNotEnforced(pattern: Pattern): string | undefined {
  const r = analyze(pattern);
  return 'reason' in r ? r.reason : undefined;
}

type Analysis = { readonly observables: SimpleObservable[] } | { readonly reason: string };

function analyze(pattern: Pattern): Analysis {
  // `[a] OR [b]` matches exactly when `[a OR b]` does, so OR between observations is as good as OR inside one.
  const observations = observationAlternatives(pattern);
  const observables: SimpleObservable[] = [];
  for (const o of observations) {
    if (o.kind === 'qualified') return { reason: qualifiersReason(o) };
    if (o.kind === 'observation-combination') {
      return {
        reason:
          o.operator === 'FOLLOWEDBY'
            ? 'uses FOLLOWEDBY, which needs observations in order'
            : 'joins observation expressions with AND, which needs several observations together',
      };
    }
    for (const c of comparisonAlternatives(o.expression)) {
      const r = observable(c);
      if ('reason' in r) return r;
      if (!observables.some((x) => x.kind === r.kind && x.value === r.value)) observables.push(r);
    }
  }
  return { observables };
}

function observationAlternatives(e: ObservationExpression): ObservationExpression[] {
  return e.kind === 'observation-combination' && e.operator === 'OR'
    ? e.operands.flatMap(observationAlternatives)
    : [e];
}

function comparisonAlternatives(e: ComparisonExpression): ComparisonExpression[] {
  return e.kind === 'comparison-combination' && e.operator === 'OR'
    ? e.operands.flatMap(comparisonAlternatives)
    : [e];
}

/** "has a WITHIN qualifier", "has REPEATS and WITHIN qualifiers": each kind on the chain, innermost first. */
function qualifiersReason(e: ObservationExpression): string {
  const names: string[] = [];
  for (let at = e; at.kind === 'qualified'; at = at.expression) {
    const name = at.qualifier.kind === 'start-stop' ? 'START/STOP' : at.qualifier.kind.toUpperCase();
    if (!names.includes(name)) names.unshift(name);
  }
  return names.length === 1 ? `has a ${names.join('')} qualifier` : `has ${names.join(' and ')} qualifiers`;
}

function observable(c: ComparisonExpression): SimpleObservable | { reason: string } {
  if (c.kind === 'comparison-combination') {
    return { reason: 'joins comparisons with AND, so no single value identifies what it matches' };
  }
  const path = formatObjectPath(c.path);
  if (c.kind === 'exists')
    return { reason: `tests whether ${path} exists, which is no value Tocsin can match` };
  const target = matchable(c.path);
  if (target === undefined) return { reason: `compares ${path}, which Tocsin does not match` };
  if (c.negated) return { reason: `negates its comparison on ${path} (NOT ${c.operator})` };
  const value = stringValue(c, target.kind === 'ip');
  if (value === undefined) {
    const allowed = target.kind === 'ip' ? "'=' or ISSUBSET" : "'='";
    return {
      reason: `compares ${path} with ${describeTest(c)}; Tocsin matches only ${allowed} with a string`,
    };
  }
  const written = target.prefix + value;
  // A value Tocsin cannot read would be stored under no key at all; say so rather than enforce nothing.
  const parsed = parseObservable(target.kind, written);
  const shown = `'${clip(value)}'`;
  if (!parsed.ok)
    return { reason: `compares ${path} with ${shown}, not a valid ${target.kind}: ${parsed.error}` };
  const version = parsed.value.ip?.version;
  if (target.ipVersion !== undefined && version !== target.ipVersion) {
    return { reason: `compares ${path} with ${shown}, an IPv${version ?? '?'} value` };
  }
  return { kind: target.kind, value: written };
}

function stringValue(c: Comparison, subsetAllowed: boolean): string | undefined {
  if (c.operator === 'IN') return undefined;
  const operatorOk = c.operator === '=' || (subsetAllowed && c.operator === 'ISSUBSET');
  return operatorOk && c.value.kind === 'string' ? c.value.value : undefined;
}

function describeTest(c: Comparison): string {
  if (c.operator === 'IN') return 'IN';
  const kind = c.value.kind;
  return kind === 'string'
    ? c.operator
    : `${c.operator} and ${kind === 'integer' ? 'an' : 'a'} ${kind} value`;
}

interface Target {
  readonly kind: ObservableKind;
  /** Put before the value: the algorithm of a hash. */
  readonly prefix: string;
  readonly ipVersion?: 4 | 6;
}

// The `value` property of these object types is the observable itself; the x-tocsin-* types are Tocsin's own.
const VALUE_TARGETS: Readonly<Record<string, Target>> = {
  url: { kind: 'url', prefix: '' },
  'domain-name': { kind: 'domain', prefix: '' },
  'ipv4-addr': { kind: 'ip', prefix: '', ipVersion: 4 },
  'ipv6-addr': { kind: 'ip', prefix: '', ipVersion: 6 },
  'email-addr': { kind: 'email', prefix: '' },
  'x-tocsin-phone-number': { kind: 'phone', prefix: '' },
  'x-tocsin-bank-account': { kind: 'bank-account', prefix: '' },
  'x-tocsin-crypto-wallet': { kind: 'wallet', prefix: '' },
};

// Hash names as STIX writes them (`MD5`, `SHA-1`, `SHA-256`, `SHA-512`), folded so `SHA256` and `sha_256` match.
const HASH_PREFIXES: Readonly<Record<string, string>> = {
  md5: 'md5:',
  sha1: 'sha1:',
  sha256: 'sha256:',
  sha512: 'sha512:',
};

function matchable(path: ObjectPath): Target | undefined {
  const [first, second, ...rest] = path.steps;
  if (first.name === 'value' && second === undefined) {
    return Object.hasOwn(VALUE_TARGETS, path.objectType) ? VALUE_TARGETS[path.objectType] : undefined;
  }
  const isHash = path.objectType === 'file' && first.name === 'hashes' && rest.length === 0;
  if (isHash && second?.kind === 'property') {
    const folded = second.name.toLowerCase().replace(/[-_]/g, '');
    const prefix = Object.hasOwn(HASH_PREFIXES, folded) ? HASH_PREFIXES[folded] : undefined;
    return prefix === undefined ? undefined : { kind: 'file-hash', prefix };
  }
  return undefined;
}
