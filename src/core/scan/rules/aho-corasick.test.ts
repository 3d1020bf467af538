import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildAutomaton, scan } from './aho-corasick.js';
import { prng as rng } from '../../../../test/support/prng.js';

/** Every word-bounded occurrence, found with indexOf: the reference. */
function naive(patterns: string[], text: string): string[] {
  const out: string[] = [];
  patterns.forEach((p, id) => {
    for (let at = text.indexOf(p); at >= 0; at = text.indexOf(p, at + 1)) {
      const end = at + p.length;
      if ((at === 0 || text[at - 1] === ' ') && (end === text.length || text[end] === ' ')) {
        out.push(`${id}@${at}-${end}`);
      }
    }
  });
  return out.sort();
}

function viaAutomaton(patterns: string[], text: string): string[] {
  const out: string[] = [];
  scan(buildAutomaton(patterns), text, (id, start, end) => out.push(`${id}@${start}-${end}`));
  return out.sort();
}

test('finds what indexOf finds, on random texts over a small alphabet', () => {
  const rand = rng(20261123);
  const word = (): string => {
    const len = 1 + Math.floor(rand() * 3);
    let w = '';
    for (let i = 0; i < len; i++) w += 'ab1'[Math.floor(rand() * 3)];
    return w;
  };
  const phrase = (): string => Array.from({ length: 1 + Math.floor(rand() * 3) }, word).join(' ');
  let compared = 0;
  for (let round = 0; round < 300; round++) {
    const patterns = Array.from({ length: 1 + Math.floor(rand() * 12) }, phrase);
    const text = Array.from({ length: Math.floor(rand() * 40) }, word).join(' ');
    const expected = naive(patterns, text);
    assert.deepEqual(
      viaAutomaton(patterns, text),
      expected,
      `patterns ${JSON.stringify(patterns)} text ${text}`,
    );
    compared += expected.length;
  }
  assert.ok(compared > 500, 'the random cases should contain many matches');
});

test('matches only on word boundaries', () => {
  assert.deepEqual(viaAutomaton(['an', 'cong an'], 'ban cong an'), ['0@9-11', '1@4-11']);
  assert.deepEqual(viaAutomaton(['an'], 'bang anh'), []);
});

test('duplicate patterns and an empty set are harmless', () => {
  assert.deepEqual(viaAutomaton(['otp', 'otp'], 'ma otp'), ['0@3-6', '1@3-6']);
  assert.deepEqual(viaAutomaton([], 'ma otp'), []);
});
