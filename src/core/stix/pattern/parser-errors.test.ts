import { test } from 'node:test';
import { rejects } from '../../../../test/support/stix-testing.js';

const R = String.raw;

void test('the messages of the brief, word for word', () => {
  rejects(
    "[file:name = 'foo.dll'",
    1,
    23,
    "expected ']' to close the observation expression opened at column 1, found end of pattern",
  );
  rejects("[file:name = 'a' AND file:size EQUALS 3]", 1, 32, "unknown operator 'EQUALS' at column 32");
});

void test("cti-pattern-validator's failing cases fail at its positions (its columns count from 0, ours from 1)", () => {
  rejects('file:size = 1280', 1, 1, /^expected '\[' to start an observation expression, found 'file'/);
  rejects('[file:size = ]', 1, 14, "expected a value after '=', found ']' at column 14");
  rejects('[file:hashes.MD5 = cead3f77f6cda6ec00f57d76c9a6879f]', 1, 20, /strings go in single quotes/);
  rejects('[file.size = 1280]', 1, 6, "expected ':' after the object type 'file', found '.' at column 6");
  rejects(R`[file:name MATCHES /.*\\.dll/]`, 1, 20, /^unexpected character '\/' at column 20/);
  const key = R`[win-registry-key:key = 'hkey_local_machine\\foo\\bar']`;
  rejects(`${key} WITHIN ]`, 1, 64, "WITHIN takes a positive number of seconds, found ']' at column 64");
  rejects(
    `${key} WITHIN 5 HOURS]`,
    1,
    66,
    /^expected SECONDS after WITHIN 5, found 'HOURS'.*SECONDS is the only unit/,
  );
  rejects(`${key} WITHIN -5 SECONDS]`, 1, 64, /positive number of seconds, found '-5'/);
  rejects('[network-traffic:dst_ref.value ISSUBSET ]', 1, 41, /^ISSUBSET takes a string/);
  rejects(
    "[file:hashes.MD5 =? 'cead3f77f6cda6ec00f57d76c9a6879f']",
    1,
    19,
    "unexpected character '?' at column 19",
  );
  rejects(
    "[x_whatever:detected == t'2457-73-22T32:81:84.1Z']",
    1,
    25,
    /invalid timestamp .*month 73 is out of range/,
  );
  rejects("[artifact:payload_bin = b'====']", 1, 25, /^invalid binary constant b'===='/);
  rejects(
    '[foo:bar=1] within 2 seconds',
    1,
    13,
    /found 'within' at column 13 \(keywords are uppercase: WITHIN\)/,
  );
});

void test('unclosed brackets and parentheses name where they were opened', () => {
  rejects(
    "([file:name = 'a']",
    1,
    19,
    "expected ')' to close the parenthesis opened at column 1, found end of pattern",
  );
  rejects(
    "[(file:name = 'a']",
    1,
    18,
    /^expected '\)' to close the parenthesis opened at column 2, found '\]'/,
  );
  rejects(
    "[file:name IN ('a' 'b')]",
    1,
    20,
    /^expected '\)' to close the IN list opened at column 15.*separated by ','/,
  );
  rejects("[file:x[0 = 'a']", 1, 11, /^expected '\]' to close the list index opened at column 8/);
  rejects("[file:name = 'a'\n", 2, 1, /opened at line 1, column 1, found end of pattern$/);
});

void test('a missing operator, value or joining keyword', () => {
  rejects(
    "[file:name 'foo']",
    1,
    12,
    "expected a comparison operator after file:name, found the string 'foo' at column 12",
  );
  rejects(
    "[file:name = 'a' file:size = 1]",
    1,
    18,
    /found 'file' at column 18 \(is an AND or OR missing\?\)/,
  );
  rejects(
    "[file:name = 'a'] [file:size = 1]",
    1,
    19,
    /^expected AND, OR, FOLLOWEDBY, a qualifier or the end/,
  );
  rejects(
    "[x:y = 'a'] FOLLOWEDBY",
    1,
    23,
    /^expected '\[' or '\(' to start an observation expression, found end/,
  );
  rejects('[]', 1, 2, "expected a comparison such as file:name = 'x', found ']' at column 2");
  rejects('', 1, 1, /found end of pattern$/);
  rejects("[file: = 'a']", 1, 8, /^expected the first property after the colon/);
});

void test('keywords are uppercase; lowercase ones are named as such', () => {
  rejects(
    "[file:name = 'a' and file:size = 1]",
    1,
    18,
    /found 'and' at column 18 \(keywords are uppercase: AND\)/,
  );
  rejects('[a:b = 1] or [c:d = 2]', 1, 11, /\(keywords are uppercase: OR\)/);
  rejects(
    "[file:name like 'x%']",
    1,
    12,
    "unknown operator 'like' at column 12 (keywords are uppercase: LIKE)",
  );
  rejects(
    '[a:b = 1] REPEATS 2 times',
    1,
    21,
    /^expected TIMES after REPEATS 2, found 'times'.*uppercase: TIMES/,
  );
  rejects('[a:b = TRUE]', 1, 8, /^expected a value after '=', found 'TRUE'/);
});

void test('operators take the constants the grammar gives them', () => {
  rejects('[file:size > true]', 1, 14, "'>' orders values, so it cannot compare with true");
  rejects('[file:name LIKE 5]', 1, 17, "LIKE takes a string in single quotes, found '5' at column 17");
  rejects("[file:name MATCHES h'00']", 1, 20, /^MATCHES takes a string/);
  rejects("[file:name IN 'a']", 1, 15, /^IN takes a list in parentheses/);
  rejects('[file:name EXISTS]', 1, 12, 'EXISTS goes before the object path: EXISTS file:name');
  rejects("[NOT file:name = 'a']", 1, 2, /^NOT at column 2 belongs after the object path/);
});

void test('object paths: quoted hyphens, reserved words, list indexes', () => {
  rejects(
    "[file:hashes.SHA-256 = 'x']",
    1,
    14,
    "property name 'SHA-256' has a hyphen, so it must be quoted: 'SHA-256'",
  );
  rejects('[file:extensions.windows-pebinary-ext.sections[*].entropy > 7.0]', 1, 18, /must be quoted/);
  rejects('[file:IN = 1]', 1, 7, "'IN' is reserved; quote it to use it as a property name: 'IN'");
  rejects('[AND:x = 1]', 1, 2, /'AND' is a keyword, not an object type/);
  rejects('[file:x[a] = 1]', 1, 9, /^expected a list index \(an integer or \*\) after '\['/);
});
