import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkRegex, MAX_REGEX_LENGTH } from './safe-regex.js';

test('accepts ordinary patterns', () => {
  for (const ok of [
    'x\\d+ tai khoan',
    '\\b(?:vay|muon) \\d+ ?(?:trieu|tr)\\b',
    '(?:https?|www)\\S+',
    '[a-z]+ \\d{6}',
    '(?:ab|cd)+',
    '(?:\\s|-)+',
    'lai (?:suat )?\\d+%?',
    '(?<amount>\\d+)k?',
    '^ma otp\\b',
    '(?:\\d{3} ){2}\\d{3}',
    '(?:\\d{1,6} )+x',
  ]) {
    assert.equal(checkRegex(ok), undefined, ok);
  }
});

test('rejects nested quantifiers', () => {
  for (const bad of ['(a+)+', '(a*)*', '(?:\\d+ )*x', '(.*a){3}', '([a-z]+\\d?)+', '(a{2,})+']) {
    assert.match(checkRegex(bad) ?? '', /nested quantifier/, bad);
  }
});

test('rejects repeated alternations whose branches overlap', () => {
  for (const bad of ['(a|aa)+', '(?:ab|a)*', '(\\w|\\d)+', '(?:[a-c]|b)+']) {
    assert.match(checkRegex(bad) ?? '', /overlapping branches/, bad);
  }
});

test('rejects repeated groups that can match nothing', () => {
  assert.match(checkRegex('(a?)*') ?? '', /empty string/);
  assert.match(checkRegex('(?:|a)+') ?? '', /empty string|overlapping/);
});

test('rejects backreferences and lookarounds', () => {
  assert.match(checkRegex('(a)\\1') ?? '', /backreferences/);
  assert.match(checkRegex('(?<x>a)\\k<x>') ?? '', /backreferences/);
  for (const bad of ['a(?=b)', 'a(?!b)', '(?<=a)b', '(?<!a)b']) {
    assert.match(checkRegex(bad) ?? '', /lookarounds/, bad);
  }
});

test('rejects invalid and over-long sources without throwing', () => {
  assert.match(checkRegex('(a') ?? '', /invalid regex/);
  assert.match(checkRegex('a'.repeat(MAX_REGEX_LENGTH + 1)) ?? '', /longer than 500/);
});

test('never throws on random sources', () => {
  let a = 7;
  const rand = (): number => (a = (Math.imul(a, 1103515245) + 12345) >>> 0) / 4294967296;
  const chars = '()[]{}|*+?\\.^$ab1-,:=!<>k^dwsx0';
  for (let round = 0; round < 3000; round++) {
    let src = '';
    const len = Math.floor(rand() * 12);
    for (let i = 0; i < len; i++) src += chars[Math.floor(rand() * chars.length)];
    const why = checkRegex(src);
    assert.ok(why === undefined || typeof why === 'string');
  }
});
