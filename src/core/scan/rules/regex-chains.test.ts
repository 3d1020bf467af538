import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compileRuleSet } from './compile.js';
import { evaluate } from './evaluate.js';
import { normalize } from './normalize.js';
import { chainTest, holdsChain, requiredChains, type Chain } from './regex-chains.js';
import { Parser } from './regex-parse.js';
import { STARTER_RULES } from './starter-rules.js';
import { prng as rng } from '../../../../test/support/prng.js';

/** The chains of `source`, written as strings: a set of one char as it is, a larger set as `[n]`. */
function chainsOf(source: string): string[] {
  return requiredChains(new Parser(source).alt()).chains.map((c) =>
    c
      .map((set) => {
        const chars: string[] = [];
        for (let code = 0; code < 128; code++) if (set[code] === 1) chars.push(String.fromCharCode(code));
        return chars.length === 1 ? chars[0]! : `[${chars.length}]`;
      })
      .join(''),
  );
}

function codesOf(text: string): Uint8Array {
  return Uint8Array.from(text, (ch) => ch.charCodeAt(0));
}

function holds(text: string, chain: Chain): boolean {
  const codes = codesOf(text);
  return holdsChain(codes, codes.length, chainTest(chain));
}

/** The longest run of digits in `text`. */
function digitRunOf(text: string): number {
  let longest = 0;
  let run = 0;
  for (const ch of text) {
    run = ch >= '0' && ch <= '9' ? run + 1 : 0;
    longest = Math.max(longest, run);
  }
  return longest;
}

/** Whether the filter of `source` lets `text` through, as the evaluator applies it. */
function passes(source: string, text: string): boolean {
  const f = requiredChains(new Parser(source).alt());
  return digitRunOf(text) >= f.digitRun && f.chains.every((c) => holds(text, c));
}

function digitRun(source: string): number {
  return requiredChains(new Parser(source).alt()).digitRun;
}

test('chains are the runs of adjacent chars every match holds', () => {
  assert.deepEqual(chainsOf('\\b\\d{2,3}p\\b'), ['[10][10]p']);
  assert.deepEqual(chainsOf('(txt|sms) to \\d{4,6}'), ['[2][2][2] to [10][10][10][10]']);
  assert.deepEqual(chainsOf('abc|abd'), ['ab[2]']);
  assert.deepEqual(chainsOf('(ab|cd)+e'), ['[2][2]e', '[2][2]']);
  assert.deepEqual(chainsOf('x\\d+ tai'), ['[10] tai', 'x[10]']);
  assert.deepEqual(chainsOf('\\b0\\d{2,4} ?\\d{3,4}'), []); // digits only: the run answers
  // Nothing of two chars is required: no chain.
  assert.deepEqual(chainsOf('a?b'), []);
  assert.deepEqual(chainsOf('a|bc'), []);
  assert.deepEqual(chainsOf('(ab)*'), []);
});

test('the run of digits every match holds', () => {
  assert.equal(digitRun('\\b09\\d{9}\\b'), 11);
  assert.equal(digitRun('\\b0\\d{2,4} ?\\d{3,4} ?\\d{3,5}'), 3);
  assert.equal(digitRun('\\b(txt|sms) to (no )?\\d{4,6}\\b'), 4);
  assert.equal(digitRun('\\d{2,3}p'), 2);
  assert.equal(digitRun('\\d?x|[0-9a]{5}'), 0);
  assert.equal(passes('\\b09\\d{9}\\b', 'goi 09061701461 ngay'), true);
  assert.equal(passes('\\b09\\d{9}\\b', 'goi 0912345678 ngay'), false);
});

test('a chain is found at any offset, and not across a missing char', () => {
  const chain = requiredChains(new Parser('x\\d{2}p').alt()).chains[0]!;
  assert.equal(holds('gia x15p moi tin', chain), true);
  assert.equal(holds('x50p', chain), true);
  assert.equal(holds('gia x5p va x50 p', chain), false);
  assert.equal(holds('p', chain), false);
  assert.equal(holds('', chain), false);
  const to = requiredChains(new Parser(' to \\d').alt()).chains[0]!;
  assert.equal(holds('text win to 87121', to), true);
  assert.equal(holds('tot to', to), false);
});

const RULE = {
  id: 'r',
  name: 'regex rule',
  category: 'phishing',
  weight: 50,
  tlp: 'clear',
  version: 1,
  enabled: true,
  description: 'test',
} as const;

// Texts and regexes over a small alphabet, so that matches are frequent.
const ALPHABET = 'ab01 ';
const ATOMS = ['a', 'b', '0', '1', ' ', '\\d', '\\w', '\\s', '.', '[ab]', '[^a]', '[0-1 ]', '\\b', '^', '$'];

function randomRegex(r: () => number, depth: number): string {
  const parts: string[] = [];
  const n = 1 + Math.floor(r() * 4);
  for (let i = 0; i < n; i++) {
    let atom: string;
    const pick = r();
    let group = true;
    if (depth > 0 && pick < 0.2) atom = `(${randomRegex(r, depth - 1)}|${randomRegex(r, depth - 1)})`;
    else if (depth > 0 && pick < 0.3) atom = `(?:${randomRegex(r, depth - 1)})`;
    else {
      atom = ATOMS[Math.floor(r() * ATOMS.length)]!;
      group = false;
    }
    if (group) {
      // Bounded repeats of groups only: nested unbounded ones backtrack for seconds on a miss.
      const q = r();
      if (q < 0.15) atom += '?';
      else if (q < 0.3) atom += `{${1 + Math.floor(r() * 2)}}`;
      else if (q < 0.45) atom += '{1,2}';
    } else if (atom !== '\\b' && atom !== '^' && atom !== '$') {
      const q = r();
      if (q < 0.1) atom += '?';
      else if (q < 0.2) atom += '*';
      else if (q < 0.3) atom += '+';
      else if (q < 0.4) atom += `{${Math.floor(r() * 3)}}`;
      else if (q < 0.5) atom += `{${1 + Math.floor(r() * 2)},${2 + Math.floor(r() * 2)}}`;
    }
    parts.push(atom);
  }
  return parts.join('');
}

function randomText(r: () => number): string {
  let s = '';
  const n = Math.floor(r() * 24);
  for (let i = 0; i < n; i++) s += ALPHABET[Math.floor(r() * ALPHABET.length)]!;
  return s;
}

test('property: a regex that matches a text always finds its chains in it (random regexes and texts)', () => {
  const r = rng(20261123);
  let matches = 0;
  let withChains = 0;
  for (let k = 0; k < 3000; k++) {
    const source = randomRegex(r, 2);
    const regex = new RegExp(source);
    const f = requiredChains(new Parser(source).alt());
    if (f.chains.length > 0 || f.digitRun > 1) withChains++;
    for (let t = 0; t < 40; t++) {
      const text = randomText(r);
      if (!regex.test(text)) continue;
      matches++;
      assert.ok(
        passes(source, text),
        `/${source}/ matches ${JSON.stringify(text)} but the filter refuses it`,
      );
    }
  }
  // The property was exercised: many matches, and many regexes with chains.
  assert.ok(matches > 10_000, `${matches} matches`);
  assert.ok(withChains > 500, `${withChains} regexes with chains`);
});

test('property: the starter regexes find their chains in every text they match', () => {
  const sources = new Set<string>();
  const walk = (node: unknown): void => {
    if (typeof node !== 'object' || node === null) return;
    const regex = (node as { regex?: unknown }).regex;
    if (typeof regex === 'string') sources.add(regex);
    for (const v of Object.values(node)) walk(v);
  };
  for (const rule of STARTER_RULES.rules) walk(rule.when);
  assert.ok(sources.size >= 4);
  const r = rng(7);
  const words = ['txt', 'text', 'send', 'reply', 'sms', 'to', 'no', 'win', 'call', '150p', '09061701461'];
  for (const source of sources) {
    const regex = new RegExp(source);
    const f = requiredChains(new Parser(source).alt());
    assert.ok(f.chains.length > 0 || f.digitRun > 0, source);
    for (let t = 0; t < 20_000; t++) {
      // Normalized-looking text: words of a-z0-9 and digits, single spaces.
      const parts: string[] = [];
      const n = 1 + Math.floor(r() * 8);
      for (let i = 0; i < n; i++) {
        parts.push(
          r() < 0.5
            ? words[Math.floor(r() * words.length)]!
            : String(Math.floor(r() * 10 ** (1 + Math.floor(r() * 11)))) + (r() < 0.2 ? 'p' : ''),
        );
      }
      const text = parts.join(' ');
      if (!regex.test(text)) continue;
      assert.ok(passes(source, text), `/${source}/ on ${JSON.stringify(text)}`);
    }
  }
});

test('property: a regex rule fires exactly when its regex matches the normalized text (filters included)', () => {
  const r = rng(99);
  const raw = ['A', 'b', 'Đ', 'ó', '0', '1', '9', ' ', '.', '-', 'to', 'TXT', '150p', '0906', '\u200b'];
  let compiled = 0;
  let fired = 0;
  for (let k = 0; k < 600; k++) {
    const source = randomRegex(r, 2).replace(/a/g, 't').replace(/b/g, 'o');
    const set = compileRuleSet({
      phraseSets: {},
      rules: [{ ...RULE, when: { regex: source } }],
    });
    if (!set.ok) continue; // refused by the safe-regex check
    compiled++;
    const regex = new RegExp(source);
    for (let t = 0; t < 30; t++) {
      let text = '';
      const n = Math.floor(r() * 14);
      for (let i = 0; i < n; i++) text += raw[Math.floor(r() * raw.length)]!;
      const expected = regex.test(normalize(text).text);
      const got: boolean = evaluate(set.compiled, text, []).length === 1;
      assert.equal(got, expected, `/${source}/ on ${JSON.stringify(text)}`);
      if (got) fired++;
    }
  }
  assert.ok(compiled > 300, `${compiled} rule sets`);
  assert.ok(fired > 1000, `${fired} hits`);
});
