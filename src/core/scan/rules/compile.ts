import { CATEGORIES } from '../../indicators/indicator.js';
import { TLP_LEVELS } from '../../sharing/tlp.js';
import { buildAutomaton, type Automaton } from './aho-corasick.js';
import { normalize } from './normalize.js';
import { HAS_KINDS, type HasKind, type Rule, type RuleError } from './rule.js';
import { checkRegex } from './safe-regex.js';

/** Most regexes a rule set may hold: each runs on every message. */
export const MAX_REGEXES = 200;
// Condition trees deeper than this are a mistake, and would cost stack on every message.
const MAX_DEPTH = 16;

/** A compiled condition: phrase conditions hold pattern ids, regex conditions an index into `regexes`. */
export type Node =
  | { readonly k: 'any' | 'all'; readonly c: readonly Node[] }
  | { readonly k: 'not'; readonly c: Node }
  | { readonly k: 'pat'; readonly ids: readonly number[] }
  | { readonly k: 're'; readonly index: number }
  | { readonly k: 'has'; readonly kind: HasKind };

/** A compiled rule: the rule with its condition compiled. */
export interface CompiledRule {
  readonly rule: Rule;
  readonly when: Node;
}

/** A rule set ready to evaluate: one automaton for every phrase, every regex compiled once. */
export interface CompiledRuleSet {
  readonly automaton: Automaton;
  readonly patterns: readonly string[];
  readonly regexes: readonly RegExp[];
  readonly rules: readonly CompiledRule[];
}

/** The result of compiling: the matcher, or every error found. */
export type CompileResult =
  | { readonly ok: true; readonly compiled: CompiledRuleSet }
  | { readonly ok: false; readonly errors: readonly RuleError[] };

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Compiles a rule set (typed, or parsed from JSON): disabled rules are checked but left out. */
export function compileRuleSet(input: unknown): CompileResult {
  const errors: RuleError[] = [];
  const patterns: string[] = [];
  const patternIds = new Map<string, number>();
  const regexes: RegExp[] = [];
  const rules: CompiledRule[] = [];

  /** Pattern ids for `phrases`, or undefined after reporting an error at `path`. */
  const phraseIds = (phrases: unknown, path: string): number[] | undefined => {
    if (!Array.isArray(phrases) || phrases.length === 0) {
      errors.push({ path, message: 'expected a non-empty array of phrases' });
      return undefined;
    }
    const ids: number[] = [];
    phrases.forEach((p, i) => {
      const norm = typeof p === 'string' ? normalize(p).text : '';
      if (norm === '') {
        errors.push({ path: `${path}[${i}]`, message: 'phrase is empty once normalized' });
        return;
      }
      let id = patternIds.get(norm);
      if (id === undefined) {
        id = patterns.length;
        patterns.push(norm);
        patternIds.set(norm, id);
      }
      ids.push(id);
    });
    return ids;
  };

  if (!isRecord(input)) return { ok: false, errors: [{ path: '', message: 'expected a rule set object' }] };
  const sets = new Map<string, number[]>();
  const rawSets = input.phraseSets ?? {};
  if (!isRecord(rawSets)) errors.push({ path: 'phraseSets', message: 'expected an object of phrase lists' });
  else {
    for (const [name, phrases] of Object.entries(rawSets)) {
      const ids = phraseIds(phrases, `phraseSets.${name}`);
      if (ids !== undefined) sets.set(name, ids);
    }
  }

  const condition = (c: unknown, path: string, depth: number): Node | undefined => {
    if (depth > MAX_DEPTH) return fail(path, `condition nested deeper than ${MAX_DEPTH}`);
    if (!isRecord(c)) return fail(path, 'expected a condition object');
    const keys = Object.keys(c);
    if (keys.length !== 1)
      return fail(path, 'a condition has exactly one of any, all, not, phrases, regex, has, ref');
    const key = keys[0]!;
    const v = c[key];
    const at = `${path}.${key}`;
    switch (key) {
      case 'any':
      case 'all': {
        if (!Array.isArray(v) || v.length === 0) return fail(at, 'expected a non-empty array of conditions');
        const children = v.map((child, i) => condition(child, `${at}[${i}]`, depth + 1));
        return children.every((x) => x !== undefined) ? { k: key, c: children } : undefined;
      }
      case 'not': {
        const child = condition(v, at, depth + 1);
        return child === undefined ? undefined : { k: 'not', c: child };
      }
      case 'phrases': {
        const ids = phraseIds(v, at);
        return ids === undefined ? undefined : { k: 'pat', ids };
      }
      case 'ref': {
        const ids = typeof v === 'string' ? sets.get(v) : undefined;
        return ids === undefined ? fail(at, `unknown phrase set ${JSON.stringify(v)}`) : { k: 'pat', ids };
      }
      case 'has':
        return (HAS_KINDS as readonly unknown[]).includes(v)
          ? { k: 'has', kind: v as HasKind }
          : fail(at, `expected one of ${HAS_KINDS.join(', ')}`);
      case 'regex': {
        if (typeof v !== 'string' || v === '') return fail(at, 'expected a regex source string');
        const why = checkRegex(v);
        if (why !== undefined) return fail(at, why);
        if (regexes.length >= MAX_REGEXES)
          return fail(at, `more than ${MAX_REGEXES} regexes in the rule set`);
        regexes.push(new RegExp(v));
        return { k: 're', index: regexes.length - 1 };
      }
      default:
        return fail(at, 'unknown condition type');
    }
  };
  const fail = (path: string, message: string): undefined => {
    errors.push({ path, message });
    return undefined;
  };

  const rawRules = input.rules;
  if (!Array.isArray(rawRules))
    return { ok: false, errors: [...errors, { path: 'rules', message: 'expected an array' }] };
  const seen = new Set<string>();
  rawRules.forEach((r: unknown, i) => {
    const id = isRecord(r) && typeof r.id === 'string' ? r.id : '';
    const path = `rules[${i}](${id})`;
    const before = errors.length;
    if (!isRecord(r)) return fail(path, 'expected a rule object');
    if (!/^[a-z0-9][a-z0-9-]{0,63}$/.test(id)) fail(`${path}.id`, 'expected a lower-case id: a-z, 0-9, -');
    else if (seen.has(id)) fail(`${path}.id`, 'duplicate rule id');
    seen.add(id);
    if (typeof r.name !== 'string' || r.name === '') fail(`${path}.name`, 'expected a name');
    if (!(CATEGORIES as readonly unknown[]).includes(r.category))
      fail(`${path}.category`, 'unknown category');
    if (typeof r.weight !== 'number' || !(r.weight >= 0 && r.weight <= 100)) {
      fail(`${path}.weight`, 'expected a number from 0 to 100');
    }
    if (!(TLP_LEVELS as readonly unknown[]).includes(r.tlp)) fail(`${path}.tlp`, 'unknown TLP level');
    if (!Number.isInteger(r.version)) fail(`${path}.version`, 'expected an integer version');
    if (typeof r.enabled !== 'boolean') fail(`${path}.enabled`, 'expected true or false');
    if (typeof r.description !== 'string') fail(`${path}.description`, 'expected a description');
    const when = condition(r.when, `${path}.when`, 0);
    if (errors.length === before && when !== undefined && r.enabled === true) {
      rules.push({ rule: r as unknown as Rule, when });
    }
  });
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, compiled: { automaton: buildAutomaton(patterns), patterns, regexes, rules } };
}
