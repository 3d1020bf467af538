import type { Extracted } from '../extract/extracted.js';
import { scan } from './aho-corasick.js';
import type { CompiledRuleSet, Node } from './compile.js';
import { normalize, type Normalized } from './normalize.js';
import type { HasKind, RuleHit, Span } from './rule.js';

// Spans kept per phrase: enough to show a reviewer, bounded for a message that repeats one word a thousand times.
const MAX_SPANS_PER_PATTERN = 4;

/** What one message offers the condition trees, computed once and shared by every rule. */
interface Facts {
  readonly norm: Normalized;
  readonly matched: Uint32Array;
  /** Normalized [start, end) pairs per matched pattern. */
  readonly spans: Map<number, number[]>;
  readonly has: ReadonlySet<HasKind>;
  /** Per regex: undefined = not run yet, null = no match, else the normalized [start, end). */
  readonly regex: ([number, number] | null | undefined)[];
  readonly regexes: readonly RegExp[];
}

/** The `has` kinds an extraction result offers. */
function hasKinds(extracted: readonly Extracted[]): Set<HasKind> {
  const out = new Set<HasKind>();
  for (const e of extracted) {
    if (e.kind === 'url' || e.kind === 'domain') out.add('link');
    else if (e.kind === 'emvco') out.add('vietqr');
    else if (e.kind === 'phone' || e.kind === 'bank-account' || e.kind === 'email' || e.kind === 'wallet') {
      out.add(e.kind);
    }
    if (e.shortened === true) out.add('shortened-link');
    if (e.lookalike === true) out.add('lookalike-domain');
  }
  return out;
}

/**
 * The rules that fire on `text`, given what the extractor found in it. One automaton pass over the
 * normalized text sets a bit per phrase found; each rule's tree then reads bits, never the text again.
 * Regexes run at most once per message, and only when a tree reaches them.
 */
export function evaluate(
  compiled: CompiledRuleSet,
  text: string,
  extracted: readonly Extracted[],
): RuleHit[] {
  if (typeof text !== 'string') return [];
  const norm = normalize(text);
  const matched = new Uint32Array((compiled.patterns.length + 31) >>> 5);
  const spans = new Map<number, number[]>();
  scan(compiled.automaton, norm.text, (p, start, end) => {
    matched[p >>> 5]! |= 1 << (p & 31);
    let list = spans.get(p);
    if (list === undefined) spans.set(p, (list = []));
    if (list.length < MAX_SPANS_PER_PATTERN * 2) list.push(start, end);
  });
  const facts: Facts = {
    norm,
    matched,
    spans,
    has: hasKinds(Array.isArray(extracted) ? extracted : []),
    regex: new Array<[number, number] | null | undefined>(compiled.regexes.length),
    regexes: compiled.regexes,
  };
  const hits: RuleHit[] = [];
  for (const { rule, when } of compiled.rules) {
    const found: number[] = [];
    if (!holds(when, facts, found)) continue;
    hits.push({
      ruleId: rule.id,
      name: rule.name,
      category: rule.category,
      weight: rule.weight,
      spans: toOriginal(found, norm, text),
    });
  }
  return hits;
}

/** Whether `n` holds; pushes the normalized spans that support it onto `found`. */
function holds(n: Node, f: Facts, found: number[]): boolean {
  switch (n.k) {
    case 'all': {
      const mark = found.length;
      for (const c of n.c) {
        if (!holds(c, f, found)) {
          found.length = mark;
          return false;
        }
      }
      return true;
    }
    case 'any': {
      let any = false;
      for (const c of n.c) if (holds(c, f, found)) any = true; // every true branch adds its spans
      return any;
    }
    case 'not':
      return !holds(n.c, f, []); // what is absent has no span
    case 'pat': {
      let any = false;
      for (const id of n.ids) {
        if ((f.matched[id >>> 5]! & (1 << (id & 31))) === 0) continue;
        any = true;
        found.push(...f.spans.get(id)!);
      }
      return any;
    }
    case 'has':
      return f.has.has(n.kind);
    case 're': {
      let r = f.regex[n.index];
      if (r === undefined) {
        const m = f.regexes[n.index]!.exec(f.norm.text);
        r = f.regex[n.index] = m === null ? null : [m.index, m.index + m[0].length];
      }
      if (r === null) return false;
      if (r[1] > r[0]) found.push(r[0], r[1]);
      return true;
    }
  }
}

/** Maps normalized [start, end) pairs to sorted spans of the original text, dropping those inside another. */
function toOriginal(found: number[], norm: Normalized, text: string): Span[] {
  const pairs: [number, number][] = [];
  for (let i = 0; i < found.length; i += 2) {
    pairs.push([norm.starts[found[i]!]!, norm.ends[found[i + 1]! - 1]!]);
  }
  // Longest first at each start, so that `mã OTP` hides the `OTP` inside it.
  pairs.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const out: Span[] = [];
  let coveredTo = -1;
  for (const [start, end] of pairs) {
    if (end <= coveredTo) continue; // inside a span already kept
    coveredTo = end;
    out.push({ start, end, text: text.slice(start, end) });
  }
  return out;
}
