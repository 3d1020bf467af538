/**
 * The valid patterns of cti-pattern-validator's STIX 2.1 tests (test_validator.py's PASS_CASES) and of its
 * inspector tests. Each must parse, print, and parse back to the same tree; printing twice must change nothing.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatPattern } from './format.js';
import { parsePattern } from './parser.js';

const R = String.raw;

const VALIDATOR_PASS_CASES = [
  '[file:size = 1280]',
  '[file:size != 1280]',
  '[file:size < 1024]',
  '[file:size <= 1024]',
  '[file:size > 1024]',
  '[file:size >= 1024]',
  "[file:file_name = 'my_file_name']",
  "[file:extended_properties.'ntfs-ext'.sid = '234']",
  R`[emailaddr:value MATCHES '.+\\@ibm\\.com$' OR file:name MATCHES '^Final Report.+\\.exe$']`,
  "[ipv4addr:value ISSUBSET '192.168.0.1/24']",
  "[ipv4addr:value NOT ISSUBSET '192.168.0.1/24']",
  "[user-account:value = 'Peter'] AND [user-account:value != 'Paul'] AND [user-account:value = 'Mary'] WITHIN 5 SECONDS",
  "[file:file_system_properties.file_name LIKE 'name%']",
  "[file:file_name IN ('test.txt', 'test2.exe', 'README')]",
  '[file:size IN (1024, 2048, 4096)]',
  "[network-connection:extended_properties[0].source_payload MATCHES 'dGVzdHRlc3R0ZXN0']",
  R`[win-registry-key:key = 'hkey_local_machine\\foo\\bar'] WITHIN 5 SECONDS`,
  "[x_whatever:detected == t'2018-03-22T12:11:14.1Z']",
  "[artifact:payload_bin = b'dGhpcyBpcyBhIHRlc3Q=']",
  '[foo:bar=1] REPEATS 9 TIMES',
  "[network-traffic:start = '2018-04-20T12:36:24.558Z']",
  '( [(network-traffic:dst_port IN(443,6443,8443) AND network-traffic:src_packets != 0) ])',
  R`([win-registry-key:key = 'hkey_local_machine\\foo\\bar']) WITHIN 5 SECONDS WITHIN 6 SECONDS`,
  R`([win-registry-key:key = 'hkey_local_machine\\foo\\bar'] REPEATS 2 TIMES) REPEATS 2 TIMES`,
  "[network-traffic:src_port = 37020 AND user-account:user_id = 'root'] START t'2016-06-01T01:30:00.123Z' STOP t'2016-06-01T02:20:00.123Z' OR [ipv4-addr:value = '192.168.122.83'] START t'2016-06-01T03:55:00.123Z' STOP t'2016-06-01T04:30:24.743Z'",
];

const VALIDATOR_INSPECTOR_PATTERNS = [
  '[foo:bar = 1] WITHIN 10.3 SECONDS',
  "[foo:bar = 1] START t'1932-11-12T15:42:15Z' STOP t'1964-10-23T21:12:26Z'",
  '[foo:bar = 1] REPEATS 1 TIMES AND [foo:baz = 2] WITHIN 1.23 SECONDS',
  "([foo:bar = 1] START t'1932-11-12T15:42:15Z' STOP t'1964-10-23T21:12:26Z' AND [foo:abc < h'12ab']) WITHIN 22 SECONDS OR [frob:baz NOT IN (1,2,3)] REPEATS 31 TIMES",
  '[foo:bar = 1] AND [foo:baz > 25.2]',
  "[foo:bar = 1] OR [foo:baz != 'hello']",
  '[foo:bar = 1] FOLLOWEDBY [foo:baz IN (1,2,3)]',
  "[foo:bar = 1] AND [foo:baz = 22] OR [foo:abc = '123']",
  "[foo:bar = 1] OR ([foo:baz = false] FOLLOWEDBY [frob:abc LIKE '123']) WITHIN 46.1 SECONDS",
  '[foo:bar=1 AND foo:baz=2]',
  '[foo:bar NOT !=1 OR bar:foo<12.3]',
  R`[foo:bar=1] OR [foo:baz MATCHES '123\\d+']`,
  "[foo:bar=1 AND bar:foo NOT >33] REPEATS 12 TIMES OR   ([baz:bar ISSUBSET '1234'] FOLLOWEDBY [baz:quux NOT LIKE 'a_cd'])",
  "[obj-type:a.b[*][1].'c-d' NOT ISSUPERSET '1.2.3.4/16']",
];

const ALL = [...VALIDATOR_PASS_CASES, ...VALIDATOR_INSPECTOR_PATTERNS];

for (const pattern of ALL) {
  void test(`parses and round-trips: ${pattern}`, () => {
    const first = parsePattern(pattern);
    if (!first.ok)
      assert.fail(`${first.error.message} (line ${first.error.line}, column ${first.error.column})`);
    const printed = formatPattern(first.value);
    const second = parsePattern(printed);
    if (!second.ok) assert.fail(`the printed form does not parse: ${printed}: ${second.error.message}`);
    assert.deepStrictEqual(second.value, first.value, printed);
    assert.equal(formatPattern(second.value), printed, 'printing is stable');
  });
}
