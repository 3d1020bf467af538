import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compileRuleSet } from '../rules/compile.js';
import { STARTER_RULES } from '../rules/starter-rules.js';
import { parseLabelledTsv, scanOffline, scoreMessages } from './study.js';

const compiled = compileRuleSet(STARTER_RULES);
assert.ok(compiled.ok);
const rules = compiled.compiled;

test('reads label TAB text lines, keeping tabs inside the text and skipping blank lines', () => {
  assert.deepEqual(parseLabelledTsv('ham\tSee you at 6\r\n\nspam\tWin\tnow\n'), [
    { spam: false, text: 'See you at 6' },
    { spam: true, text: 'Win\tnow' },
  ]);
});

test('refuses a line without a known label, naming it', () => {
  assert.throws(() => parseLabelledTsv('ham\tok\nmaybe\tx\n'), /line 2/);
  assert.throws(() => parseLabelledTsv('spam no tab'), /line 1/);
});

test('with no indicator, a rule hit flags a message and a plain one stays unflagged', () => {
  const scam = scanOffline(
    rules,
    'Chúc mừng quý khách đã trúng thưởng xe SH. Liên hệ 0912345678 để nhận thưởng.',
  );
  assert.equal(scam.flagged, true);
  assert.deepEqual(
    scam.rules.map((r) => r.ruleId),
    ['fake-prize'],
  );
  const chat = scanOffline(rules, 'Call me on 0912 345 678 when you are home');
  assert.deepEqual([chat.flagged, chat.verdict, chat.rules], [false, 'unknown', []]);
  assert.deepEqual(scanOffline(rules, 'ok see you').verdict, 'clean');
});

test('a look-alike link is flagged with no rule and no indicator', () => {
  const r = scanOffline(rules, 'Xem tại https://vietcombаnk.com.vn ngay');
  assert.deepEqual([r.flagged, r.verdict, r.rules], [true, 'suspicious', []]);
});

test('scoring keeps each message with its label', () => {
  const scored = scoreMessages(rules, [
    { spam: true, text: 'You have 1 new message. Please call 08718738034.' },
    { spam: false, text: 'lunch?' },
  ]);
  assert.deepEqual(
    scored.map((s) => [s.spam, s.flagged, s.text]),
    [
      [true, true, 'You have 1 new message. Please call 08718738034.'],
      [false, false, 'lunch?'],
    ],
  );
});
