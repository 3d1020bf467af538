import { Parser, Unsafe, type CharSet, type Node } from './regex-parse.js';

/**
 * A conservative check that a rule's regex cannot backtrack catastrophically on a hostile message. The
 * scanner runs rules on text that scammers write, so one rule with `(a+)+` could stall it. The source is
 * parsed into a small tree and refused when it has backreferences or lookarounds, a quantifier repeating
 * something that itself repeats without bound (`(a+)+`, `(a*)*`, `(.*a){3}`), a repeated group that can
 * match nothing, or a repeated alternation whose branches can start with the same character (`(a|aa)+`).
 */

/** Maximum regex source length. */
export const MAX_REGEX_LENGTH = 500;

/** Returns why `source` is refused, or undefined when it is safe to compile and run. */
export function checkRegex(source: string): string | undefined {
  if (source.length > MAX_REGEX_LENGTH) return `regex longer than ${MAX_REGEX_LENGTH} characters`;
  try {
    new RegExp(source);
  } catch (e) {
    return `invalid regex: ${e instanceof Error ? e.message : String(e)}`;
  }
  try {
    const p = new Parser(source);
    const tree = p.alt();
    if (p.i < source.length) return 'invalid regex: unbalanced parenthesis';
    check(tree);
    return undefined;
  } catch (e) {
    // Anything else is a checker bug on an odd source: refusing is the safe answer.
    return e instanceof Unsafe ? e.message : 'regex could not be checked';
  }
}

function nullable(n: Node): boolean {
  switch (n.t) {
    case 'set':
      return false;
    case 'seq':
      return n.items.every(nullable);
    case 'alt':
      return n.branches.some(nullable);
    case 'rep':
      return n.min === 0 || nullable(n.body);
  }
}

/** The chars a match of `n` can start with. */
function first(n: Node): CharSet {
  switch (n.t) {
    case 'set':
      return n.set;
    case 'rep':
      return first(n.body);
    case 'alt': {
      const out = new Uint8Array(129);
      for (const b of n.branches) first(b).forEach((v, k) => (out[k]! |= v));
      return out;
    }
    case 'seq': {
      const out = new Uint8Array(129);
      for (const item of n.items) {
        first(item).forEach((v, k) => (out[k]! |= v));
        if (!nullable(item)) break;
      }
      return out;
    }
  }
}

function hasUnbounded(n: Node): boolean {
  switch (n.t) {
    case 'set':
      return false;
    case 'seq':
      return n.items.some(hasUnbounded);
    case 'alt':
      return n.branches.some(hasUnbounded);
    case 'rep':
      return n.max === Infinity || hasUnbounded(n.body);
  }
}

/** Alternations in `n` not under another quantifier: those the enclosing quantifier repeats directly. */
function alternations(n: Node, out: Node[][]): void {
  if (n.t === 'alt') {
    out.push([...n.branches]);
    n.branches.forEach((b) => alternations(b, out));
  } else if (n.t === 'seq') n.items.forEach((i) => alternations(i, out));
}

function check(n: Node): void {
  if (n.t === 'seq') n.items.forEach(check);
  else if (n.t === 'alt') n.branches.forEach(check);
  else if (n.t === 'rep') {
    check(n.body);
    if (n.max <= 1) return;
    if (hasUnbounded(n.body)) {
      throw new Unsafe('nested quantifier: a repeated group contains an unbounded quantifier (as in (a+)+)');
    }
    if (n.max === Infinity && nullable(n.body)) {
      throw new Unsafe('a repeated group that can match the empty string (as in (a?)*)');
    }
    const alts: Node[][] = [];
    alternations(n.body, alts);
    for (const branches of alts) {
      const firsts = branches.map(first);
      for (let a = 0; a < firsts.length; a++) {
        for (let b = a + 1; b < firsts.length; b++) {
          if (firsts[a]!.some((v, k) => v === 1 && firsts[b]![k] === 1)) {
            throw new Unsafe('repeated alternation with overlapping branches (as in (a|aa)+)');
          }
        }
      }
    }
  }
}
