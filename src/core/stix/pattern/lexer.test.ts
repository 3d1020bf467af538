import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tokenize } from './lexer.js';
import type { Token } from './tokens.js';

function tokens(text: string): Token[] {
  const r = tokenize(text);
  if (!r.ok) assert.fail(`${text}: ${r.error.message}`);
  return r.value;
}

/** Each token as kind:text, for compact expectations. */
function shapes(text: string): string[] {
  return tokens(text).map((t) => `${t.kind}:${t.text}`);
}

function lexError(text: string): { message: string; line: number; column: number } {
  const r = tokenize(text);
  if (r.ok) assert.fail(`${text} lexed`);
  return r.error;
}

void test('a spec pattern splits into the grammar tokens', () => {
  assert.deepEqual(shapes("[file:hashes.'SHA-256' = 'aec0']"), [
    'punctuation:[',
    'identifier:file',
    'punctuation::',
    'identifier:hashes',
    'punctuation:.',
    "string:'SHA-256'",
    'operator:=',
    "string:'aec0'",
    'punctuation:]',
    'end:',
  ]);
});

void test('== and <> are the grammar synonyms of = and !=', () => {
  const ops = tokens('= == != <> < <= > >=').flatMap((t) => (t.kind === 'operator' ? [t.operator] : []));
  assert.deepEqual(ops, ['=', '=', '!=', '!=', '<', '<=', '>', '>=']);
});

void test('keywords are case-sensitive; a longer word containing one is an identifier', () => {
  assert.deepEqual(shapes('AND and And ANDROID true TRUE FOLLOWEDBY'), [
    'keyword:AND',
    'identifier:and',
    'identifier:And',
    'identifier:ANDROID',
    'boolean:true',
    'identifier:TRUE',
    'keyword:FOLLOWEDBY',
    'end:',
  ]);
});

void test('identifiers keep hyphens; object types such as x-tocsin-phone-number are one token', () => {
  assert.deepEqual(shapes('x-tocsin-phone-number:value'), [
    'identifier:x-tocsin-phone-number',
    'punctuation::',
    'identifier:value',
    'end:',
  ]);
});

void test("strings resolve \\' and \\\\ and may span lines", () => {
  const [t] = tokens(String.raw`'it\'s C:\\Windows' `);
  assert.ok(t?.kind === 'string');
  assert.equal(t.value, String.raw`it's C:\Windows`);
  const [multi] = tokens("'a\nb'");
  assert.ok(multi?.kind === 'string');
  assert.equal(multi.value, 'a\nb');
});

void test('h, b and t constants need the quote at once; alone they are identifiers', () => {
  assert.deepEqual(shapes("h'ffD8' b'dGhpcyBpcyBhIHRlc3Q=' t'2016-01-01T00:00:00Z' h b t h 'x'"), [
    "hex:h'ffD8'",
    "binary:b'dGhpcyBpcyBhIHRlc3Q='",
    "timestamp:t'2016-01-01T00:00:00Z'",
    'identifier:h',
    'identifier:b',
    'identifier:t',
    'identifier:h',
    "string:'x'",
    'end:',
  ]);
  const [hex] = tokens("h''");
  assert.deepEqual(
    hex?.kind === 'hex' && hex.value,
    '',
    'h with no digits is zero bytes, which the grammar allows',
  );
});

void test('numbers: signs, floats without a leading digit, and -0 read as 0', () => {
  const values = tokens('0 +5 -5 7.0 .5 -.25 +0.5 -0').map((t) =>
    t.kind === 'integer' || t.kind === 'float' ? `${t.kind}:${t.value}` : t.kind,
  );
  assert.deepEqual(values, [
    'integer:0',
    'integer:5',
    'integer:-5',
    'float:7',
    'float:0.5',
    'float:-0.25',
    'float:0.5',
    'integer:0',
    'end',
  ]);
  const [zero] = tokens('-0');
  assert.ok(zero?.kind === 'integer' && Object.is(zero.value, 0));
});

void test('comments and every grammar whitespace are skipped', () => {
  assert.deepEqual(shapes('/* a\ncomment */ [ // to the end\n]\u00a0\u3000\u2028'), [
    'punctuation:[',
    'punctuation:]',
    'end:',
  ]);
});

void test('positions are 1-based lines and columns; \\r\\n is one line break', () => {
  const t = tokens("[\r\n  file:name\n= 'x']");
  const at = (text: string) => t.find((x) => x.text === text)?.pos;
  assert.deepEqual(at('['), { offset: 0, line: 1, column: 1 });
  assert.deepEqual(at('file'), { offset: 5, line: 2, column: 3 });
  assert.deepEqual(at('='), { offset: 15, line: 3, column: 1 });
  assert.deepEqual(at(']'), { offset: 20, line: 3, column: 6 });
});

void test('lexical errors point at the offending character', () => {
  assert.deepEqual(lexError("[file:hashes.MD5 =? 'x']"), {
    message: "unexpected character '?' at column 19",
    line: 1,
    column: 19,
  });
  const escape = lexError(String.raw`[file:name MATCHES '\d+']`);
  assert.equal(escape.column, 21, 'at the backslash');
  assert.match(escape.message, /^invalid escape '\\d' in a string at column 21: only/);
  assert.deepEqual(lexError("[file:name = 'abc"), {
    message: 'unterminated string: the quote at column 14 has no closing quote',
    line: 1,
    column: 14,
  });
  assert.match(
    lexError('[a:b = "x"]').message,
    /unexpected character '"' at column 8: strings are in single quotes/,
  );
  assert.match(lexError('[a:b = /x/]').message, /regular expression is written as a string/);
  assert.equal(lexError('/* open').message, "unterminated comment: '/*' at column 1 has no closing '*/'");
  assert.equal(lexError('[a:b = 1]\n  §').message, "unexpected character '§' at line 2, column 3");
});

void test('numbers the grammar cannot write, or JavaScript cannot hold, are refused', () => {
  assert.equal(lexError('007').message, 'integer 007 at column 1 has a leading zero');
  assert.equal(
    lexError('[a:b = 1.5e3]').message,
    'the number 1.5e3 at column 8 has an exponent, which STIX numbers cannot have',
  );
  assert.equal(
    lexError('9007199254740993').message,
    'integer 9007199254740993 at column 1 is too large to keep exactly',
  );
  assert.ok(tokenize('9007199254740991').ok, '2^53 - 1 is exact');
  assert.equal(lexError(`${'9'.repeat(400)}.0`).column, 1);
});

void test('bad prefixed constants are reported at their start with the reason', () => {
  assert.equal(
    lexError("[a:b = h'abc']").message,
    "invalid hex constant h'abc' at column 8: it has an odd number of hex digits (3), so it is not whole bytes",
  );
  assert.equal(
    lexError("[artifact:payload_bin = b'====']").message,
    "invalid binary constant b'====' at column 25: '=' may only pad the end, at most twice",
  );
  assert.equal(
    lexError("[x:y = t'2016-02-30T00:00:00Z']").message,
    "invalid timestamp constant t'2016-02-30T00:00:00Z' at column 8: day 30 is out of range for 2016-02",
  );
  assert.equal(
    lexError("t'2016").message,
    "unterminated timestamp constant: the t' at column 1 has no closing quote",
  );
});
