/*
 * A small parser for the regex sources rules carry, enough for safe-regex.ts to see their structure: what
 * repeats what, and which characters each part can start with. The source has already passed `new RegExp`.
 */
/** A set of chars: 0-127 by code; index OTHER stands for every char above ASCII. */
export type CharSet = Uint8Array;
/** The index in a CharSet of every char above ASCII. */
export const OTHER = 128;

/** A parsed regex: char sets, sequences, alternations and repeats; assertions are empty sequences. */
export type Node =
  | { readonly t: 'set'; readonly set: CharSet }
  | { readonly t: 'seq'; readonly items: readonly Node[] }
  | { readonly t: 'alt'; readonly branches: readonly Node[] }
  | { readonly t: 'rep'; readonly min: number; readonly max: number; readonly body: Node };

/** What matches nothing but the empty string: an assertion such as `^` or `\\b`. */
export const EMPTY: Node = { t: 'seq', items: [] };

/** A refusal, thrown inside the checker and caught by checkRegex: the first one ends the walk. */
export class Unsafe extends Error {}

/** The set of the chars in the given inclusive ranges. */
export function setOf(...ranges: [number, number][]): CharSet {
  const s = new Uint8Array(129);
  for (const [lo, hi] of ranges) for (let c = lo; c <= Math.min(hi, 127); c++) s[c] = 1;
  if (ranges.some(([, hi]) => hi > 127)) s[OTHER] = 1;
  return s;
}

/** Every char not in `s`. */
export function complement(s: CharSet): CharSet {
  return s.map((v) => 1 - v);
}

const DIGIT = setOf([0x30, 0x39]);
const WORD = setOf([0x30, 0x39], [0x41, 0x5a], [0x61, 0x7a], [0x5f, 0x5f]);
const SPACE = setOf([0x09, 0x0d], [0x20, 0x20], [0x80, 0xffff]);
const ANY = complement(setOf([0x0a, 0x0a]));

/** Parses a regex source into a Node tree, throwing Unsafe at a backreference or lookaround. */
export class Parser {
  i = 0;
  constructor(readonly s: string) {}

  alt(): Node {
    const branches = [this.seq()];
    while (this.s[this.i] === '|') {
      this.i++;
      branches.push(this.seq());
    }
    return branches.length === 1 ? branches[0]! : { t: 'alt', branches };
  }

  seq(): Node {
    const items: Node[] = [];
    while (this.i < this.s.length && this.s[this.i] !== '|' && this.s[this.i] !== ')') {
      const atom = this.atom();
      items.push(this.quantifier(atom));
    }
    return { t: 'seq', items };
  }

  atom(): Node {
    const ch = this.s[this.i++]!;
    if (ch === '(') {
      if (this.s[this.i] === '?') {
        const look = /^\?(?:=|!|<=|<!)/.exec(this.s.slice(this.i, this.i + 3));
        if (look !== null) throw new Unsafe('lookarounds are not allowed');
        const named = /^\?<[A-Za-z_$][\w$]*>/.exec(this.s.slice(this.i));
        this.i += named !== null ? named[0].length : 2; // `?<name>` or `?:`
      }
      const inner = this.alt();
      this.i++; // `)`: RegExp already checked the balance
      return inner;
    }
    if (ch === '[') return { t: 'set', set: this.charClass() };
    if (ch === '.') return { t: 'set', set: ANY };
    if (ch === '^' || ch === '$') return EMPTY;
    if (ch === '\\') return this.escape(false) ?? EMPTY;
    return { t: 'set', set: setOf([ch.charCodeAt(0), ch.charCodeAt(0)]) };
  }

  /** Reads the escape after `\`; undefined for an assertion (`\b`, `\B`). */
  escape(inClass: boolean): Node | undefined {
    const ch = this.s[this.i++] ?? '\\';
    if (/[1-9]/.test(ch) || (ch === 'k' && this.s[this.i] === '<')) {
      throw new Unsafe('backreferences are not allowed');
    }
    const sets: Record<string, CharSet> = { d: DIGIT, w: WORD, s: SPACE };
    const lower = ch.toLowerCase();
    if (sets[lower] !== undefined) {
      return { t: 'set', set: ch === lower ? sets[lower] : complement(sets[lower]) };
    }
    if ((ch === 'b' || ch === 'B') && !inClass) return undefined;
    const hex = ch === 'x' ? 2 : ch === 'u' ? 4 : 0;
    let code = ch.charCodeAt(0);
    if (hex > 0 && /^[0-9a-fA-F]+$/.test(this.s.slice(this.i, this.i + hex))) {
      code = parseInt(this.s.slice(this.i, this.i + hex), 16);
      this.i += hex;
    } else {
      const controls: Record<string, number> = { n: 10, t: 9, r: 13, f: 12, v: 11, '0': 0, b: 8 };
      code = controls[ch] ?? code;
    }
    return { t: 'set', set: setOf([code, code]) };
  }

  charClass(): CharSet {
    const negate = this.s[this.i] === '^';
    if (negate) this.i++;
    const out = new Uint8Array(129);
    while (this.i < this.s.length && this.s[this.i] !== ']') {
      let lo: number;
      if (this.s[this.i] === '\\') {
        this.i++;
        const node = this.escape(true);
        if (node?.t !== 'set') continue;
        const single = node.set.reduce((n, v) => n + v, 0) === 1 && node.set[OTHER] === 0;
        if (!single) {
          node.set.forEach((v, k) => (out[k]! |= v));
          continue;
        }
        lo = node.set.indexOf(1);
      } else lo = this.s.charCodeAt(this.i++);
      let hi = lo;
      if (this.s[this.i] === '-' && this.s[this.i + 1] !== ']' && this.i + 1 < this.s.length) {
        this.i++;
        hi = this.s[this.i] === '\\' ? this.s.charCodeAt(this.i + 1) : this.s.charCodeAt(this.i);
        this.i += this.s[this.i] === '\\' ? 2 : 1;
      }
      setOf([lo, hi]).forEach((v, k) => (out[k]! |= v));
    }
    this.i++; // `]`
    return negate ? complement(out) : out;
  }

  quantifier(atom: Node): Node {
    const ch = this.s[this.i];
    let min: number;
    let max: number;
    if (ch === '*' || ch === '+' || ch === '?') {
      this.i++;
      [min, max] = ch === '*' ? [0, Infinity] : ch === '+' ? [1, Infinity] : [0, 1];
    } else {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.s.slice(this.i));
      if (m === null) return atom;
      this.i += m[0].length;
      min = Number(m[1]);
      max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
    }
    if (this.s[this.i] === '?') this.i++; // lazy: backtracks just as much
    return { t: 'rep', min, max, body: atom };
  }
}
