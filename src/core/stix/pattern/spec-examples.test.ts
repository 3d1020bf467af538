/**
 * The examples of STIX 2.1 section 9: the pattern examples of 9.7, as cti-pattern-validator keeps them in
 * spec_examples.txt (with the 2.1 names windows-registry-key and 'windows-pebinary-ext'), and the examples of the
 * operator, qualifier and constant tables. Each must parse, print, and parse back to the same tree; printing twice
 * must change nothing.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatPattern } from './format.js';
import { parsePattern } from './parser.js';

const R = String.raw;

const SPEC_PATTERN_EXAMPLES = [
  "[file:hashes.'SHA-256' = 'aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f']",
  R`[email-message:from_ref.value MATCHES '.+\\@example\\.com$' AND email-message:body_multipart[*].body_raw_ref.name MATCHES '^Final Report.+\\.exe$']`,
  "[file:hashes.'SHA-256' = 'aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f' AND file:mime_type = 'application/x-pdf']",
  "[file:hashes.'SHA-256' = 'bf07a7fbb825fc0aae7bf4a1177b2b31fcf8a3feeaf7092761e18c859ee52a9c' OR file:hashes.MD5 = 'cead3f77f6cda6ec00f57d76c9a6879f'] AND [file:hashes.'SHA-256' = 'aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f']",
  R`([file:hashes.MD5 = '79054025255fb1a26e4bc422aef54eb4'] FOLLOWEDBY [windows-registry-key:key = 'HKEY_LOCAL_MACHINE\\foo\\bar']) WITHIN 300 SECONDS`,
  "[user-account:account_type = 'unix' AND user-account:user_id = '1007' AND user-account:account_login = 'Peter'] AND [user-account:account_type = 'unix' AND user-account:user_id = '1008' AND user-account:account_login = 'Paul'] AND [user-account:account_type = 'unix' AND user-account:user_id = '1009' AND user-account:account_login = 'Mary']",
  R`[artifact:mime_type = 'application/vnd.tcpdump.pcap' AND artifact:payload_bin MATCHES '\\xd4\\xc3\\xb2\\xa1\\x02\\x00\\x04\\x00']`,
  R`[file:name = 'foo.dll' AND file:parent_directory_ref.path = 'C:\\Windows\\System32']`,
  "[file:extensions.'windows-pebinary-ext'.sections[*].entropy > 7.0]",
  "[file:mime_type = 'image/bmp' AND file:magic_number_hex = h'ffd8']",
  "[network-traffic:dst_ref.type = 'ipv4-addr' AND network-traffic:dst_ref.value = '203.0.113.33/32']",
  "[network-traffic:dst_ref.type = 'domain-name' AND network-traffic:dst_ref.value = 'example.com'] REPEATS 5 TIMES WITHIN 1800 SECONDS",
  "[network-traffic:dst_ref.type = 'ipv4-addr' AND network-traffic:dst_ref.value = '203.0.113.33/32'] REPEATS 5 TIMES WITHIN 180 SECONDS",
  "[domain-name:value = 'www.5z8.info' AND domain-name:resolves_to_refs[*].value = '198.51.100.1/32']",
  "[url:value = 'http://example.com/foo' OR url:value = 'http://example.com/bar']",
  "[x509-certificate:issuer = 'CN=WEBMAIL' AND x509-certificate:serial_number = '4c:0b:1d:19:74:86:a7:66:b4:1a:bf:40:27:21:76:28']",
  R`[windows-registry-key:key = 'HKEY_CURRENT_USER\\Software\\CryptoLocker\\Files' OR windows-registry-key:key = 'HKEY_CURRENT_USER\\Software\\Microsoft\\CurrentVersion\\Run\\CryptoLocker_0388']`,
  "[(file:name = 'pdf.exe' OR file:size = '371712') AND file:created = t'2014-01-13T07:03:17Z']",
  "[email-message:sender_ref.value = 'jdoe@example.com' AND email-message:subject = 'Conference Info']",
  "[x-usb-device:usbdrive.serial_number = '575833314133343231313937']",
  // No space between MATCHES and its string, as the spec prints it.
  "[process:command_line MATCHES '^.+>-add GlobalSign.cer -c -s -r localMachine Root$'] FOLLOWEDBY [process:command_line MATCHES'^.+>-add GlobalSign.cer -c -s -r localMachineTrustedPublisher$'] WITHIN 300 SECONDS",
  "[network-traffic:dst_ref.value ISSUBSET '2001:0db8:dead:beef:0000:0000:0000:0000/64']",
  R`([file:name = 'foo.dll'] AND [windows-registry-key:key = 'HKEY_LOCAL_MACHINE\\foo\\bar']) OR [process:name = 'fooproc' OR process:name = 'procfoo']`,
  "[ipv4-addr:value = '198.51.100.1/32' OR ipv4-addr:value = '203.0.113.33/32' OR ipv6-addr:value = '2001:0db8:dead:beef:dead:beef:dead:0001/128']",
];

const SPEC_TABLE_EXAMPLES = [
  "[file:name = 'foo.dll']",
  "[file:name != 'foo.dll']",
  '[file:size > 2048]',
  '[file:size < 1024]',
  '[file:size <= 25536]',
  '[file:size >= 1024]',
  "[process:name IN ('proccy', 'proximus', 'badproc')]",
  "[process:name NOT IN ('proccy', 'proximus', 'badproc')]",
  R`[directory:path LIKE 'C:\\Windows\\%\\foo']`,
  R`[directory:path MATCHES '^C:\\Windows\\w+$']`,
  "[ipv4-addr:value ISSUBSET '198.51.100.0/24']",
  "[ipv4-addr:value ISSUPERSET '198.51.100.0/24']",
  '[EXISTS windows-registry-key:values]',
  '[NOT EXISTS windows-registry-key:values]',
  "[ipv4-addr:value = '198.51.100.5'] AND [ipv4-addr:value = '198.51.100.10']",
  "[ipv4-addr:value = '198.51.100.5'] OR [ipv4-addr:value = '198.51.100.10']",
  "[ipv4-addr:value = '198.51.100.5'] FOLLOWEDBY [ipv4-addr:value = '198.51.100.10']",
  "([ipv4-addr:value = '198.51.100.5'] AND [ipv4-addr:value = '198.51.100.10']) WITHIN 300 SECONDS",
  "([ipv4-addr:value = '198.51.100.5'] AND [ipv4-addr:value = '198.51.100.10']) REPEATS 5 TIMES",
  "[file:name = 'foo.dll'] START t'2016-06-01T00:00:00Z' STOP t'2016-07-01T00:00:00Z'",
  "[artifact:payload_bin = b'dGhpcyBpcyBhIHRlc3Q=']",
  "[file:magic_number_hex = h'ffd8']",
  "[file:created = t'2014-01-13T07:03:17Z']",
  '[file:is_encrypted = true]',
  "[file:hashes.MD5 NOT = '79054025255fb1a26e4bc422aef54eb4']",
  "([file:hashes.MD5 = '79054025255fb1a26e4bc422aef54eb4'] OR [file:hashes.MD5 = 'cead3f77f6cda6ec00f57d76c9a6879f']) WITHIN 300 SECONDS",
  R`[windows-registry-key:key = 'HKEY_LOCAL_MACHINE\\System\\Foo'] FOLLOWEDBY [process:name = 'x']`,
];

const ALL = [...SPEC_PATTERN_EXAMPLES, ...SPEC_TABLE_EXAMPLES];

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

void test('spec examples print in their own spelling, less spacing quirks and redundant parentheses', () => {
  const respelt = new Map([
    [SPEC_PATTERN_EXAMPLES[20], SPEC_PATTERN_EXAMPLES[20]?.replace("MATCHES'", "MATCHES '")],
    // AND binds tighter than OR, so these parentheses say nothing.
    [SPEC_PATTERN_EXAMPLES[22], SPEC_PATTERN_EXAMPLES[22]?.replace(/^\((.*)\) OR/, '$1 OR')],
  ]);
  for (const pattern of [...SPEC_PATTERN_EXAMPLES, ...SPEC_TABLE_EXAMPLES]) {
    const r = parsePattern(pattern);
    assert.ok(r.ok, pattern);
    assert.equal(formatPattern(r.value), respelt.get(pattern) ?? pattern);
  }
  assert.equal(respelt.size, 2);
});
