import { OTHER, type CharSet, type Node } from './regex-parse.js';

/*
 * Runs of adjacent characters that every match of a regex must hold: for `\b\d{2,3}p\b`, a digit, a digit
 * and a `p` next to each other; for `... to (no )?\d{4,6}\b`, ` to ` and four digits in a row. A message
 * whose normalized codes hold no such run cannot match, and the regex (and the string it would run on) is
 * skipped. Most starter regexes ask for a short code or a foreign number that most messages lack, and they
 * used to run on two messages in three.
 *
 * A chain is a list of char sets; it is in the text when, at some offset, each code lies in the set of its
 * position. What is derived here only ever says "required": a part that may be absent or may vary in width
 * ends the run being built, so a chain is never longer than what every match holds.
 */

/** A chain: the char sets of adjacent positions. */
export type Chain = readonly CharSet[];

/** What every match of a node holds, read from its structure. */
interface Summary {
  /** The node matches exactly this many chars, each in the set of its position; null when not fixed. */
  readonly fixed: Chain | null;
  /** Every match starts with this chain (for a fixed node: `fixed`). */
  readonly prefix: Chain;
  /** Every match ends with this chain. */
  readonly suffix: Chain;
  /** Chains every match holds somewhere, besides its prefix and suffix. */
  readonly inner: readonly Chain[];
}

const NOTHING: Summary = { fixed: null, prefix: [], suffix: [], inner: [] };

function fixedSummary(chain: Chain): Summary {
  return { fixed: chain, prefix: chain, suffix: chain, inner: [] };
}

function repeat(chain: Chain, times: number): Chain {
  const out: CharSet[] = [];
  for (let i = 0; i < times; i++) out.push(...chain);
  return out;
}

function union(a: CharSet, b: CharSet): CharSet {
  const out = new Uint8Array(OTHER + 1);
  for (let c = 0; c <= OTHER; c++) out[c] = a[c]! | b[c]!;
  return out;
}

/** Position by position, the union of the chains' sets, over the length of the shortest. */
function unionAligned(chains: readonly Chain[], fromEnd: boolean): Chain {
  let length = Infinity;
  for (const c of chains) length = Math.min(length, c.length);
  const out: CharSet[] = [];
  for (let j = 0; j < length; j++) {
    let set: CharSet | undefined;
    for (const c of chains) {
      const s = c[fromEnd ? c.length - length + j : j]!;
      set = set === undefined ? s : union(set, s);
    }
    out.push(set!);
  }
  return out;
}

function summarize(node: Node): Summary {
  switch (node.t) {
    case 'set':
      return fixedSummary([node.set]);
    case 'seq': {
      // `run`: the chars matched right before the current item, adjacent to it.
      let run: CharSet[] = [];
      let prefix: Chain | undefined;
      const inner: Chain[] = [];
      for (const item of node.items) {
        const s = summarize(item);
        if (s.fixed !== null) {
          run.push(...s.fixed);
          continue;
        }
        run.push(...s.prefix);
        if (prefix === undefined) prefix = run;
        else inner.push(run);
        inner.push(...s.inner);
        run = [...s.suffix];
      }
      if (prefix === undefined) return fixedSummary(run);
      return { fixed: null, prefix, suffix: run, inner };
    }
    case 'rep': {
      if (node.min === 0) return NOTHING;
      const body = summarize(node.body);
      if (body.fixed !== null) {
        const least = repeat(body.fixed, node.min);
        if (node.max === node.min) return fixedSummary(least);
        // body{min,}: it starts and ends with `min` copies of the body.
        return { fixed: null, prefix: least, suffix: least, inner: [] };
      }
      // At least one copy: its prefix starts the match, its suffix ends it, and its inner chains are in it.
      return { fixed: null, prefix: body.prefix, suffix: body.suffix, inner: body.inner };
    }
    case 'alt': {
      const branches = node.branches.map(summarize);
      const first = branches[0]!.fixed;
      if (first !== null && branches.every((b) => b.fixed !== null && b.fixed.length === first.length)) {
        return fixedSummary(
          unionAligned(
            branches.map((b) => b.fixed!),
            false,
          ),
        );
      }
      // Which branch matched is not known: only what every branch starts or ends with.
      return {
        fixed: null,
        prefix: unionAligned(
          branches.map((b) => b.prefix),
          false,
        ),
        suffix: unionAligned(
          branches.map((b) => b.suffix),
          true,
        ),
        inner: [],
      };
    }
  }
}

// Chains kept per regex: the longest first.
const MAX_CHAINS = 2;

/** How the evaluator can tell, cheaply, that a text holds no match of a regex. */
export interface ChainFilter {
  /** The longest run of digits every match holds (the evaluator keeps the text's longest run). */
  readonly digitRun: number;
  /** Chains every match holds, of two chars or more, that the run of digits does not already answer. */
  readonly chains: readonly Chain[];
}

/**
 * What every match of `node` holds: its longest required run of digits, and its other chains of two chars
 * or more, the longest first, at most MAX_CHAINS. Sets are membership tables over codes 0-127 (and OTHER).
 */
export function requiredChains(node: Node): ChainFilter {
  const s = summarize(node);
  const all = s.fixed !== null ? [s.fixed] : [s.prefix, s.suffix, ...s.inner];
  let digitRun = 0;
  for (const c of all) digitRun = Math.max(digitRun, longestDigitRun(c));
  const kept: Chain[] = [];
  const seen = new Set<string>();
  for (const c of all.sort((a, b) => b.length - a.length)) {
    // A single set tells no more than the letter and digit masks; digits only, no more than the run.
    if (c.length < 2 || longestDigitRun(c) === c.length) continue;
    const key = c.map((set) => set.join('')).join('|');
    if (seen.has(key)) continue;
    seen.add(key);
    kept.push(c);
    if (kept.length === MAX_CHAINS) break;
  }
  return { digitRun, chains: kept };
}

/**
 * The longest run of positions of `chain` whose sets hold digits only: a text whose longest run of digits
 * is shorter cannot hold the chain. The evaluator keeps that run per message, so the test costs a compare.
 */
export function longestDigitRun(chain: Chain): number {
  let longest = 0;
  let run = 0;
  for (const set of chain) {
    let onlyDigits = set[OTHER] === 0;
    let any = false;
    for (let c = 0; c < OTHER && onlyDigits; c++) {
      if (set[c] === 0) continue;
      if (c < 0x30 || c > 0x39) onlyDigits = false;
      any = true;
    }
    run = onlyDigits && any ? run + 1 : 0;
    if (run > longest) longest = run;
  }
  return longest;
}

/** A chain ready to look for: where to anchor the search, and the char there when it is a single one. */
export interface ChainTest {
  readonly sets: Chain;
  /** The position whose set is rarest in text: the search looks for it first. */
  readonly anchor: number;
  /** The anchor's char when its set holds one only, for `indexOf`; -1 otherwise. */
  readonly anchorCode: number;
}

/** How common a set's chars are in normalized text, roughly: a space is, a letter less, a digit least. */
function commonness(set: CharSet): number {
  let n = 0;
  for (let c = 0; c < OTHER; c++) if (set[c] === 1) n += c === 0x20 ? 8 : c >= 0x61 ? 2 : 1;
  return set[OTHER] === 1 ? n + 100 : n;
}

export function chainTest(sets: Chain): ChainTest {
  let anchor = 0;
  for (let j = 1; j < sets.length; j++) if (commonness(sets[j]!) < commonness(sets[anchor]!)) anchor = j;
  const set = sets[anchor]!;
  let anchorCode = -1;
  let members = 0;
  for (let c = 0; c <= OTHER; c++) {
    if (set[c] === 1) {
      members++;
      anchorCode = c;
    }
  }
  return { sets, anchor, anchorCode: members === 1 && anchorCode < OTHER ? anchorCode : -1 };
}

/** Whether `codes[0, length)` holds the chain at some offset (codes are ASCII: below OTHER). */
export function holdsChain(codes: Uint8Array, length: number, t: ChainTest): boolean {
  const sets = t.sets;
  const k = sets.length;
  const anchor = t.anchor;
  const last = length - k + anchor; // the last offset the anchor can be at
  const anchorSet = sets[anchor]!;
  for (let a = anchor; a <= last; a++) {
    if (t.anchorCode >= 0) {
      a = codes.indexOf(t.anchorCode, a);
      if (a < 0 || a > last) return false;
    } else if (anchorSet[codes[a]!] === 0) continue;
    const i = a - anchor;
    let j = 0;
    while (j < k && sets[j]![codes[i + j]!] === 1) j++;
    if (j === k) return true;
  }
  return false;
}
