import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Extracted } from '../extract/extracted.js';
import { compileRuleSet, type CompiledRuleSet } from './compile.js';
import { evaluate } from './evaluate.js';
import type { Condition, Rule } from './rule.js';

const BASE = {
  name: 'test rule',
  category: 'phishing',
  weight: 50,
  tlp: 'clear',
  version: 1,
  enabled: true,
  description: 'test',
} as const;

function compiled(when: Condition, phraseSets: Record<string, string[]> = {}): CompiledRuleSet {
  const r = compileRuleSet({ phraseSets, rules: [{ ...BASE, id: 'r', when }] });
  assert.ok(r.ok, JSON.stringify(!r.ok && r.errors));
  return r.compiled;
}

function fires(
  when: Condition,
  text: string,
  extracted: Extracted[] = [],
  sets: Record<string, string[]> = {},
) {
  return evaluate(compiled(when, sets), text, extracted).length === 1;
}

const LINK: Extracted = { kind: 'url', value: undefined, raw: 'x.co/a', start: 0, end: 6, shortened: true };

test('phrases match after folding, on word boundaries, and report original spans', () => {
  const c = compiled({ phrases: ['Chuyển khoản', 'OTP'] });
  const text = 'Vui long C.H.U.Y.E.N K-H-O-A-N va gui 0TP';
  const hits = evaluate(c, text, []);
  assert.equal(hits.length, 1);
  assert.deepEqual(
    hits[0]!.spans.map((s) => s.text),
    ['C.H.U.Y.E.N K-H-O-A-N', '0TP'],
  );
  for (const s of hits[0]!.spans) assert.equal(text.slice(s.start, s.end), s.text);
  assert.equal(fires({ phrases: ['otp'] }, 'botp xotp'), false);
});

test('regex runs on the normalized text', () => {
  assert.equal(fires({ regex: 'x\\d+ tai khoan' }, 'Nhân X3 TÀI KHOẢN ngay'), true);
  assert.equal(fires({ regex: 'x\\d+ tai khoan' }, 'tài khoản x'), false);
});

test('has reads the extraction result', () => {
  assert.equal(fires({ has: 'link' }, 'x', [LINK]), true);
  assert.equal(fires({ has: 'shortened-link' }, 'x', [LINK]), true);
  assert.equal(fires({ has: 'lookalike-domain' }, 'x', [LINK]), false);
  assert.equal(fires({ has: 'phone' }, 'x', [LINK]), false);
  const qr: Extracted = { kind: 'emvco', value: undefined, raw: '000201', start: 0, end: 6 };
  assert.equal(fires({ has: 'vietqr' }, 'x', [qr]), true);
});

test('any, all, not and ref combine', () => {
  const sets = { police: ['công an', 'police'], money: ['chuyển tiền', 'transfer'] };
  const when: Condition = {
    all: [{ ref: 'police' }, { any: [{ ref: 'money' }, { has: 'link' }] }, { not: { phrases: ['họp dân'] } }],
  };
  assert.equal(fires(when, 'Cong an yeu cau chuyen tien', [], sets), true);
  assert.equal(fires(when, 'Police: click', [LINK], sets), true);
  assert.equal(fires(when, 'Công an phường họp dân, chuyển tiền quỹ', [], sets), false);
  assert.equal(fires(when, 'Công an phường', [], sets), false);
});

test('a rule that fired reports only the spans of conditions that held', () => {
  const c = compiled({ any: [{ phrases: ['otp'] }, { phrases: ['link'] }] });
  const hits = evaluate(c, 'ma otp', []);
  assert.deepEqual(hits[0]!.spans, [{ start: 3, end: 6, text: 'otp' }]);
});

test('disabled rules are compiled but never fire', () => {
  const r = compileRuleSet({
    phraseSets: {},
    rules: [{ ...BASE, id: 'r', enabled: false, when: { phrases: ['otp'] } }],
  });
  assert.ok(r.ok);
  assert.deepEqual(evaluate(r.compiled, 'otp', []), []);
});

test('compile errors name the rule and the path in its condition', () => {
  const r = compileRuleSet({
    phraseSets: { empty: [] },
    rules: [
      { ...BASE, id: 'ok-rule', when: { phrases: ['otp'] } },
      { ...BASE, id: 'bad', when: { all: [{ phrases: ['otp'] }, { any: [{ regex: '(a+)+' }] }] } },
      { ...BASE, id: 'bad2', weight: 101, category: 'nope', when: { ref: 'missing' } },
      { ...BASE, id: 'bad3', when: { has: 'fax' } },
      { ...BASE, id: 'bad4', when: { phrases: ['otp'], regex: 'x' } },
      { ...BASE, id: 'bad4', when: { phrases: ['!!!'] } },
    ],
  });
  assert.equal(r.ok, false);
  const errors = r.ok ? [] : r.errors;
  const at = (path: string) => errors.find((e) => e.path === path)?.message ?? '';
  assert.match(at('phraseSets.empty'), /non-empty array/);
  assert.match(at('rules[1](bad).when.all[1].any[0].regex'), /nested quantifier/);
  assert.match(at('rules[2](bad2).weight'), /0 to 100/);
  assert.match(at('rules[2](bad2).category'), /unknown category/);
  assert.match(at('rules[2](bad2).when.ref'), /unknown phrase set "missing"/);
  assert.match(at('rules[3](bad3).when.has'), /expected one of link/);
  assert.match(at('rules[4](bad4).when'), /exactly one/);
  assert.match(at('rules[5](bad4).id'), /duplicate/);
  assert.match(at('rules[5](bad4).when.phrases[0]'), /empty once normalized/);
  assert.equal(
    errors.some((e) => e.path.startsWith('rules[0]')),
    false,
  );
});

test('bad input is a result, never a throw', () => {
  for (const input of [
    null,
    42,
    'rules',
    { rules: 'x' },
    { rules: [null] },
    { rules: [{ id: 'x', when: 'y' }] },
  ]) {
    const r = compileRuleSet(input);
    assert.equal(r.ok, false);
  }
  const deep: Condition = Array.from({ length: 40 }).reduce<Condition>((c) => ({ not: c }), {
    phrases: ['a'],
  });
  assert.equal(compileRuleSet({ phraseSets: {}, rules: [{ ...BASE, id: 'deep', when: deep }] }).ok, false);
  assert.deepEqual(evaluate(compiled({ phrases: ['a'] }), null as unknown as string, []), []);
});

test('the regex count is limited', () => {
  const rules: Rule[] = Array.from({ length: 201 }, (_, i) => ({
    ...BASE,
    id: `r${i}`,
    when: { regex: `a${i}` },
  }));
  const r = compileRuleSet({ phraseSets: {}, rules });
  assert.equal(r.ok, false);
  assert.match(r.ok ? '' : r.errors[0]!.message, /more than 200 regexes/);
});

test('a rule needing no phrase is evaluated on every message; one needing a phrase only when it is found', () => {
  // `any` with a branch that needs no phrase: the rule may fire with no phrase at all.
  assert.ok(fires({ any: [{ phrases: ['otp'] }, { has: 'link' }] }, 'nothing here', [LINK]));
  assert.ok(fires({ not: { phrases: ['otp'] } }, 'nothing here'));
  assert.ok(!fires({ all: [{ phrases: ['otp'] }, { has: 'link' }] }, 'nothing here', [LINK]));
  assert.ok(fires({ all: [{ phrases: ['otp'] }, { has: 'link' }] }, 'ma OTP', [LINK]));
  // Each `all` child's phrases are needed; one of each `any` child's.
  const when: Condition = {
    all: [{ any: [{ phrases: ['police'] }, { phrases: ['court'] }] }, { phrases: ['transfer'] }],
  };
  assert.ok(fires(when, 'the court asks a transfer'));
  assert.ok(!fires(when, 'the court asks'));
  assert.ok(!fires(when, 'please transfer'));
});

test('a regex used by two rules runs once and reports its span in both; a regex needing a digit', () => {
  const r = compileRuleSet({
    phraseSets: {},
    rules: [
      { ...BASE, id: 'a', when: { all: [{ phrases: ['call'] }, { regex: '\\b0\\d{9}\\b' }] } },
      { ...BASE, id: 'b', when: { regex: '\\b0\\d{9}\\b' } },
      { ...BASE, id: 'c', when: { regex: '(txt|text) [a-z]+ to \\d{4,6}' } },
    ],
  });
  assert.ok(r.ok);
  const text = 'Please call 0912 345 678 or 0912345678';
  const hits = evaluate(r.compiled, text, []);
  assert.deepEqual(
    hits.map((h) => [h.ruleId, h.spans.map((s) => s.text)]),
    [
      ['a', ['call', '0912345678']],
      ['b', ['0912345678']],
    ],
  );
  assert.deepEqual(
    evaluate(r.compiled, 'Text WIN to 87121', []).map((h) => h.ruleId),
    ['c'],
  );
  // No digit in the text: no regex above can match, and none fires.
  assert.deepEqual(evaluate(r.compiled, 'Text WIN to us, call zero nine', []), []);
});
