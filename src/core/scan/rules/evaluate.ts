import type { Extracted } from '../extract/extracted.js';
import { ALPHABET, columnOf } from './aho-corasick.js';
import type { CompiledRuleSet, Node } from './compile.js';
import {
  normalizeInPlace,
  normalizedCodes,
  normalizedEnds,
  normalizedStarts,
  normalizedText,
} from './normalize.js';
import { chainTest, holdsChain, requiredChains, type ChainTest } from './regex-chains.js';
import { OTHER, Parser, type CharSet, type Node as RegexNode } from './regex-parse.js';
import type { HasKind, RuleHit, Span } from './rule.js';

// Spans kept per phrase: enough to show a reviewer, bounded for a message that repeats one word a thousand times.
const MAX_SPANS_PER_PATTERN = 4;

/*
 * How a message is evaluated, fast: the normalized codes are scanned in place (normalize.ts keeps them in a
 * buffer), one automaton pass sets a bit per phrase found and notes the first spans of each. Each rule then
 * costs, most of the time, one or two bit tests: a rule whose tree cannot hold without some phrase (every
 * `all` with a phrase child, every `any` whose children all need one) is skipped when none of them was
 * found. The trees of the others run as closures compiled once per rule set, cheap conditions first and
 * regexes last, answering true or false only; the spans are collected, by the rules of the tree (every
 * holding branch of an `any`, nothing under a `not`), only for the rules that fire. The normalized string is
 * made only when a regex needs it.
 */

/** The per-message state of one rule set's evaluation: reset for every message. */
interface State {
  /** A bit per pattern found. */
  readonly matched: Uint32Array;
  /** Spans kept per pattern, to cap them; reset through `found`. */
  readonly count: Uint8Array;
  /** Triples (pattern, start, end) in normalized offsets, in order of end. */
  found: Int32Array;
  foundLength: number;
  /** A bit per HasKind the extraction result offers. */
  has: number;
  /** Per regex: 0 not run for this message, 1 no match, 2 a match at [regexStart, regexEnd). */
  readonly regexState: Uint8Array;
  readonly regexStart: Int32Array;
  readonly regexEnd: Int32Array;
  /** The normalized text, once a regex has needed it. */
  text: string | undefined;
  /** The normalized length (the codes are read in place). */
  length: number;
  /** Which letters (bit c - 'a') and digits (bit c - '0') the normalized text holds. */
  letters: number;
  digits: number;
  /** The longest run of digits in the normalized text. */
  digitRun: number;
}

type Test = () => boolean;

/** A condition compiled for one rule set: its test, and how it was built (for collecting spans). */
interface Cond {
  readonly test: Test;
  readonly node: Node;
  readonly children: readonly Cond[];
  /** Whether a regex lies in it: such conditions are tested after the others. */
  readonly costly: boolean;
  /** For a regex: the index whose result it reads (the first regex of the same source). */
  readonly regex?: number;
}

interface PlannedRule {
  readonly compiled: CompiledRuleSet['rules'][number];
  /**
   * Groups of (word, mask) pairs of `matched`, flattened as [pairs, word, mask, word, mask…, pairs, …]: the
   * rule can hold only if every group has a bit set. Empty: the rule has to be tested on every message.
   */
  readonly need: Int32Array;
  readonly when: Cond;
}

interface Plan {
  readonly state: State;
  readonly rules: readonly PlannedRule[];
  /**
   * The automaton's transitions, packed: for state s and column c, `step[s * ALPHABET + c]` is the next
   * state, with OUTPUT_BIT set when phrases end there. One table read per normalized char.
   */
  readonly step: Uint16Array | Uint32Array;
  readonly outputBit: number;
  /** The phrases ending at each state, numbered as in `step`. */
  readonly outputs: readonly (readonly number[])[];
}

const HAS_BIT: Readonly<Record<HasKind, number>> = {
  link: 1,
  phone: 2,
  'bank-account': 4,
  email: 8,
  wallet: 16,
  vietqr: 32,
  'shortened-link': 64,
  'lookalike-domain': 128,
};

const plans = new WeakMap<CompiledRuleSet, Plan>();

/** The plan of `compiled`, made on first use. */
function planOf(compiled: CompiledRuleSet): Plan {
  let plan = plans.get(compiled);
  if (plan === undefined) plans.set(compiled, (plan = makePlan(compiled)));
  return plan;
}

function makePlan(compiled: CompiledRuleSet): Plan {
  const words = (compiled.patterns.length + 31) >>> 5;
  const regexes = compiled.regexes;
  const state: State = {
    matched: new Uint32Array(words),
    count: new Uint8Array(compiled.patterns.length),
    found: new Int32Array(3 * 64),
    foundLength: 0,
    has: 0,
    regexState: new Uint8Array(regexes.length),
    regexStart: new Int32Array(regexes.length),
    regexEnd: new Int32Array(regexes.length),
    text: undefined,
    length: 0,
    letters: 0,
    digits: 0,
    digitRun: 0,
  };
  // The same source compiled twice (a condition used by several rules) runs once: its first index answers.
  const firstOf = new Map<string, number>();
  const canonical = regexes.map((r, i) => {
    const first = firstOf.get(r.source) ?? i;
    firstOf.set(r.source, first);
    return first;
  });
  // What chars a match must hold (see regexNeeds), as masks of letters and digits per requirement, and
  // which runs of adjacent chars (regex-chains.ts).
  const filters = regexes.map((r) => regexFilter(r.source));
  const regexMasks = filters.map((f) => f?.masks);
  const regexChains = filters.map((f) => f?.chains ?? []);
  const regexDigitRuns = filters.map((f) => f?.digitRun ?? 0);
  /** Whether regex `index` matches the normalized text; runs it once per message. */
  const regexHolds = (index: number): boolean => {
    const s = state.regexState[index]!;
    if (s !== 0) return s === 2;
    const masks = regexMasks[index];
    if (masks !== undefined) {
      for (let i = 0; i < masks.length; i += 2) {
        if ((masks[i]! & state.letters) === 0 && (masks[i + 1]! & state.digits) === 0) {
          state.regexState[index] = 1; // a char every match needs is not in the text
          return false;
        }
      }
    }
    if (state.digitRun < regexDigitRuns[index]!) {
      state.regexState[index] = 1; // every match holds a longer run of digits
      return false;
    }
    const chains = regexChains[index]!;
    for (let i = 0; i < chains.length; i++) {
      if (!holdsChain(normalizedCodes(), state.length, chains[i]!)) {
        state.regexState[index] = 1; // no run of chars that every match holds
        return false;
      }
    }
    state.text ??= normalizedText();
    const m = regexes[index]!.exec(state.text);
    if (m === null) {
      state.regexState[index] = 1;
      return false;
    }
    state.regexState[index] = 2;
    state.regexStart[index] = m.index;
    state.regexEnd[index] = m.index + m[0].length;
    return true;
  };
  const cond = (node: Node): Cond => {
    switch (node.k) {
      case 'all':
      case 'any': {
        const children = node.c.map(cond);
        // Cheap children first: the answer is the same in any order, and a regex runs only when needed.
        const tests = [...children.filter((c) => !c.costly), ...children.filter((c) => c.costly)].map(
          (c) => c.test,
        );
        const costly = children.some((c) => c.costly);
        let test: Test;
        if (node.k === 'all') {
          test = () => {
            for (let i = 0; i < tests.length; i++) if (!tests[i]!()) return false;
            return true;
          };
        } else {
          test = () => {
            for (let i = 0; i < tests.length; i++) if (tests[i]!()) return true;
            return false;
          };
        }
        return { test, node, children, costly };
      }
      case 'not': {
        const child = cond(node.c);
        const t = child.test;
        return { test: () => !t(), node, children: [child], costly: child.costly };
      }
      case 'pat': {
        const pairs = maskPairs(node.ids);
        const matched = state.matched;
        let test: Test;
        if (pairs.length === 2) {
          const word = pairs[0]!;
          const mask = pairs[1]!;
          test = () => (matched[word]! & mask) !== 0;
        } else {
          test = () => {
            for (let i = 0; i < pairs.length; i += 2)
              if ((matched[pairs[i]!]! & pairs[i + 1]!) !== 0) return true;
            return false;
          };
        }
        return { test, node, children: [], costly: false };
      }
      case 'has': {
        const bit = HAS_BIT[node.kind];
        return { test: () => (state.has & bit) !== 0, node, children: [], costly: false };
      }
      case 're': {
        const index = canonical[node.index]!;
        return { test: () => regexHolds(index), node, children: [], costly: true, regex: index };
      }
    }
  };
  const rules = compiled.rules.map((r): PlannedRule => {
    const groups = needs(r.when);
    const flat: number[] = [];
    for (const g of groups) {
      const pairs = maskPairs([...g]);
      flat.push(pairs.length / 2, ...pairs);
    }
    return { compiled: r, need: Int32Array.from(flat), when: cond(r.when) };
  });
  return { state, rules, ...packAutomaton(compiled) };
}

/**
 * The automaton's transitions packed with an output flag (Plan.step): 16 bits a state while they fit.
 * States are numbered again breadth first, so that the shallow ones, where a scan spends most of its steps
 * (every word starts at the root), share the first rows of the table and stay in the CPU's nearest cache;
 * in the trie's order, they were spread over the whole table (about 220 KB for the starter rules).
 */
function packAutomaton(compiled: CompiledRuleSet): Pick<Plan, 'step' | 'outputBit' | 'outputs'> {
  const { next, outputs } = compiled.automaton;
  const n = outputs.length;
  // newId[s]: the state's number in breadth-first order from the root; order: the inverse.
  const newId = new Int32Array(n).fill(-1);
  const order = new Int32Array(n);
  newId[0] = 0;
  let visited = 1;
  for (let q = 0; q < visited; q++) {
    const s = order[q]!;
    for (let col = 0; col < ALPHABET; col++) {
      const to = next[s * ALPHABET + col]!;
      if (newId[to]! >= 0) continue;
      newId[to] = visited;
      order[visited++] = to;
    }
  }
  for (let s = 0; s < n; s++) {
    if (newId[s]! >= 0) continue; // unreachable from the root: kept, numbered last
    newId[s] = visited;
    order[visited++] = s;
  }
  const small = n < 0x8000;
  const outputBit = small ? 0x8000 : 0x80000000;
  const step = small ? new Uint16Array(next.length) : new Uint32Array(next.length);
  const renumbered: (readonly number[])[] = new Array<readonly number[]>(n);
  for (let v = 0; v < n; v++) {
    const s = order[v]!;
    renumbered[v] = outputs[s]!;
    for (let col = 0; col < ALPHABET; col++) {
      const to = next[s * ALPHABET + col]!;
      const id = newId[to]!;
      step[v * ALPHABET + col] = outputs[to]!.length > 0 ? (id | outputBit) >>> 0 : id;
    }
  }
  return { step, outputBit, outputs: renumbered };
}

/**
 * For a regex whose source uses only plain chars, `\b \d \s \w` (and their negations), classes of plain
 * chars and ranges, groups, alternations and quantifiers: pairs of (letters, digits) masks such that every
 * match holds, for each pair, a normalized char in it (normalized text is `a-z0-9` and spaces), and the runs
 * of adjacent chars every match holds (regex-chains.ts). Undefined for any other source; masks undefined
 * when no requirement can be read. A message without such a char or run skips the regex.
 */
function regexFilter(
  source: string,
): { masks: number[] | undefined; chains: ChainTest[]; digitRun: number } | undefined {
  if (!SIMPLE_REGEX.test(source)) return undefined;
  let node: RegexNode;
  try {
    node = new Parser(source).alt();
  } catch {
    return undefined;
  }
  const { chains, digitRun } = requiredChains(node);
  return { masks: regexNeeds(node), chains: chains.map(chainTest), digitRun };
}

/** The masks of regexFilter: see there. */
function regexNeeds(node: RegexNode): number[] | undefined {
  const out: number[] = [];
  for (const set of requiredSets(node)) {
    // A set holding a space (or any char beyond ASCII) is no requirement that letters and digits can test.
    if (set[0x20] === 1 || set[OTHER] === 1) continue;
    let letters = 0;
    let digits = 0;
    for (let c = 0; c < 26; c++) if (set[0x61 + c] === 1) letters |= 1 << c;
    for (let c = 0; c < 10; c++) if (set[0x30 + c] === 1) digits |= 1 << c;
    out.push(letters, digits);
  }
  return out.length === 0 ? undefined : out;
}

// Sources regexNeeds reads: what regex-parse.ts reads exactly.
const SIMPLE_REGEX =
  /^(?:[a-zA-Z0-9 ()|?*+{},:.^$]|\\[bBdDsSwW]|\[\^?(?:[a-zA-Z0-9 ]-[a-zA-Z0-9 ]|[a-zA-Z0-9 ]|\\[dDsSwW])+\])*$/;

/** Char sets such that every match of `node` holds a char of each; none when it may match the empty string. */
function requiredSets(node: RegexNode): CharSet[] {
  switch (node.t) {
    case 'set':
      return [node.set];
    case 'seq':
      return node.items.flatMap(requiredSets);
    case 'rep':
      return node.min >= 1 ? requiredSets(node.body) : [];
    case 'alt': {
      // One set per branch: the smallest; none if a branch has none.
      const union = new Uint8Array(OTHER + 1);
      for (const b of node.branches) {
        const sets = requiredSets(b);
        if (sets.length === 0) return [];
        let smallest = sets[0]!;
        let size = Infinity;
        for (const s of sets) {
          const n = s.reduce((a, v) => a + v, 0);
          if (n < size) {
            size = n;
            smallest = s;
          }
        }
        for (let c = 0; c <= OTHER; c++) union[c]! |= smallest[c]!;
      }
      return [union];
    }
  }
}

/** Pattern ids as (word, mask) pairs of the `matched` bitset, one pair per word. */
function maskPairs(ids: readonly number[]): number[] {
  const byWord = new Map<number, number>();
  for (const id of ids) byWord.set(id >>> 5, (byWord.get(id >>> 5) ?? 0) | (1 << (id & 31)));
  return [...byWord].sort((a, b) => a[0] - b[0]).flat();
}

/**
 * Sets of pattern ids such that `node` can hold only if, for every set, one of its patterns was found; no
 * set when it can hold without any phrase. An `all` needs what each child needs; an `any` needs one of the
 * phrases its children need (one set per child), unless a child needs none.
 */
function needs(node: Node): Set<number>[] {
  switch (node.k) {
    case 'pat':
      return [new Set(node.ids)];
    case 'all':
      return node.c.flatMap(needs);
    case 'any': {
      const union = new Set<number>();
      for (const c of node.c) {
        const groups = needs(c);
        if (groups.length === 0) return [];
        let smallest = groups[0]!;
        for (const g of groups) if (g.size < smallest.size) smallest = g;
        for (const id of smallest) union.add(id);
      }
      return [union];
    }
    case 'has':
    case 're':
    case 'not':
      return []; // they hold without a phrase
  }
}

/** Whether every group of `need` has a bit set in `matched`. */
function mayHold(need: Int32Array, matched: Uint32Array): boolean {
  let i = 0;
  while (i < need.length) {
    const pairs = need[i++]!;
    const end = i + 2 * pairs;
    let hit = false;
    for (; i < end; i += 2) {
      if ((matched[need[i]!]! & need[i + 1]!) !== 0) {
        hit = true;
        i = end;
        break;
      }
    }
    if (!hit) return false;
  }
  return true;
}

/** The HAS_BIT bits an extraction result offers. */
function hasBits(extracted: readonly Extracted[]): number {
  let bits = 0;
  for (let i = 0; i < extracted.length; i++) {
    const e = extracted[i]!;
    const kind = e.kind;
    if (kind === 'url' || kind === 'domain') bits |= HAS_BIT.link;
    else if (kind === 'emvco') bits |= HAS_BIT.vietqr;
    else if (kind === 'phone' || kind === 'bank-account' || kind === 'email' || kind === 'wallet') {
      bits |= HAS_BIT[kind];
    }
    if (e.shortened === true) bits |= HAS_BIT['shortened-link'];
    if (e.lookalike === true) bits |= HAS_BIT['lookalike-domain'];
  }
  return bits;
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
  const plan = planOf(compiled);
  const st = plan.state;
  const length = normalizeInPlace(text);
  st.length = length;
  st.matched.fill(0);
  st.foundLength = 0;
  st.regexState.fill(0);
  st.text = undefined;
  scanCodes(compiled, plan, length);
  st.has = hasBits(Array.isArray(extracted) ? extracted : []);
  let hits: RuleHit[] | undefined;
  for (const r of plan.rules) {
    if (r.need.length > 0 && !mayHold(r.need, st.matched)) continue;
    if (!r.when.test()) continue;
    const spans: number[] = [];
    collect(r.when, st, spans);
    const rule = r.compiled.rule;
    (hits ??= []).push({
      ruleId: rule.id,
      name: rule.name,
      category: rule.category,
      weight: rule.weight,
      spans: toOriginal(spans, text),
    });
  }
  // Reset the span counts through the spans noted.
  for (let i = 0; i < st.foundLength; i += 3) st.count[st.found[i]!] = 0;
  return hits ?? [];
}

/**
 * The automaton over the normalized codes: notes, for every phrase found on word boundaries, its bit and
 * its first MAX_SPANS_PER_PATTERN spans.
 */
function scanCodes(compiled: CompiledRuleSet, plan: Plan, length: number): void {
  const st = plan.state;
  const codes = normalizedCodes();
  const lengths = compiled.automaton.lengths;
  const { step, outputBit, outputs } = plan;
  const mask = outputBit - 1;
  const matched = st.matched;
  let letters = 0;
  let digits = 0;
  let run = 0;
  let longest = 0;
  let s = 0;
  for (let i = 0; i < length; i++) {
    const c = codes[i]!;
    if (c >= 0x61) {
      letters |= 1 << (c - 0x61);
      run = 0;
    } else if (c !== 0x20) {
      digits |= 1 << (c - 0x30);
      if (++run > longest) longest = run;
    } else run = 0;
    const v = step[s * ALPHABET + columnOf(c)]!;
    s = v & mask;
    if (v < outputBit) continue;
    const out = outputs[s]!;
    const end = i + 1;
    if (end < length && codes[end] !== 0x20) continue;
    for (let k = 0; k < out.length; k++) {
      const p = out[k]!;
      const start = end - lengths[p]!;
      if (start !== 0 && codes[start - 1] !== 0x20) continue;
      matched[p >>> 5]! |= 1 << (p & 31);
      if (st.count[p]! >= MAX_SPANS_PER_PATTERN) continue;
      st.count[p]!++;
      if (st.foundLength + 3 > st.found.length) {
        const bigger = new Int32Array(2 * st.found.length);
        bigger.set(st.found);
        st.found = bigger;
      }
      st.found[st.foundLength++] = p;
      st.found[st.foundLength++] = start;
      st.found[st.foundLength++] = end;
    }
  }
  st.letters = letters;
  st.digits = digits;
  st.digitRun = longest;
}

/** Pushes the normalized spans that make `c` hold (it does) onto `spans`. */
function collect(c: Cond, st: State, spans: number[]): void {
  const node = c.node;
  switch (node.k) {
    case 'all':
      for (const child of c.children) collect(child, st, spans);
      return;
    case 'any':
      for (const child of c.children) if (child.test()) collect(child, st, spans); // every true branch
      return;
    case 'pat':
      for (const id of node.ids) {
        if ((st.matched[id >>> 5]! & (1 << (id & 31))) === 0) continue;
        for (let i = 0; i < st.foundLength; i += 3) {
          if (st.found[i] === id) spans.push(st.found[i + 1]!, st.found[i + 2]!);
        }
      }
      return;
    case 're': {
      const start = st.regexStart[c.regex!]!;
      const end = st.regexEnd[c.regex!]!;
      if (end > start) spans.push(start, end);
      return;
    }
    case 'has':
    case 'not':
      return; // has: no span; not: what is absent has none
  }
}

/** Maps normalized [start, end) pairs to sorted spans of the original text, dropping those inside another. */
function toOriginal(found: number[], text: string): Span[] {
  const starts = normalizedStarts();
  const ends = normalizedEnds();
  const pairs: [number, number][] = [];
  for (let i = 0; i < found.length; i += 2) {
    pairs.push([starts[found[i]!]!, ends[found[i + 1]! - 1]!]);
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
