/** The pure parts of the TAXII server: parameters, media types, page tokens, times, the indicator feed. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ErrorDetail } from '../errors/errors.js';
import { filterFingerprint, parseTaxiiFilter } from './filters.js';
import { categoriesOf, indicatorFeed } from './indicator-feed.js';
import { acceptsTaxii, isTaxiiContentType } from './media-type.js';
import { readPageToken, signPageToken } from './page-token.js';
import { microsToTimestamp, timestampToMicros, versionKey } from './timestamps.js';

test('parameters: each endpoint reads its own, lists are alternatives, bad values are named', () => {
  const problems: ErrorDetail[] = [];
  const f = parseTaxiiFilter(
    'objects',
    {
      'match[type]': ['indicator', 'malware,tool'],
      'match[version]': 'first,2026-01-01T00:00:00.1Z',
      limit: '5000',
    },
    problems,
  );
  assert.deepEqual(problems, []);
  assert.deepEqual(f.types, ['indicator', 'malware', 'tool']);
  assert.deepEqual(f.versions, {
    first: true,
    last: false,
    all: false,
    keys: ['2026-01-01T00:00:00.100000000Z'],
  });
  assert.equal(f.limit, 1000);
  // `versions` ignores match[id] and defaults to every version; `object` defaults to the last.
  assert.equal(parseTaxiiFilter('versions', { 'match[id]': 'x' }, problems).ids, undefined);
  assert.equal(parseTaxiiFilter('versions', {}, problems).versions.all, true);
  assert.equal(parseTaxiiFilter('object', {}, problems).versions.last, true);
  const bad: ErrorDetail[] = [];
  parseTaxiiFilter(
    'manifest',
    { limit: '-1', added_after: 'now', 'match[version]': 'newest', 'match[spec_version]': 'x' },
    bad,
  );
  assert.deepEqual(bad.map((p) => p.path).sort(), [
    'added_after',
    'limit',
    'match[spec_version]',
    'match[version]',
  ]);
});

test('the fingerprint ignores limit, next and the order of alternatives', () => {
  const p: ErrorDetail[] = [];
  const a = parseTaxiiFilter('objects', { 'match[type]': 'a,b', limit: '1' }, p);
  const b = parseTaxiiFilter('objects', { 'match[type]': 'b,a', next: 'x' }, p);
  const c = parseTaxiiFilter('objects', { 'match[type]': 'a' }, p);
  assert.equal(filterFingerprint(a), filterFingerprint(b));
  assert.notEqual(filterFingerprint(a), filterFingerprint(c));
});

test('media types: TAXII 2.1 or unversioned TAXII, wildcards, q=0 refuses; bodies must be TAXII', () => {
  assert.ok(acceptsTaxii(undefined));
  assert.ok(acceptsTaxii('application/taxii+json;version=2.1'));
  assert.ok(acceptsTaxii('application/taxii+json; version="2.1"'));
  assert.ok(acceptsTaxii('text/html, */*;q=0.1'));
  assert.ok(!acceptsTaxii('application/taxii+json;version=2.0'));
  assert.ok(!acceptsTaxii('application/json'));
  assert.ok(!acceptsTaxii('*/*;q=0'));
  assert.ok(isTaxiiContentType('application/taxii+json;version=2.1'));
  assert.ok(!isTaxiiContentType('application/json'));
  assert.ok(!isTaxiiContentType(undefined));
});

test('page tokens hold their position only for the scope they were made for', () => {
  const key = 'ab'.repeat(32);
  const scope = { endpoint: 'objects', collectionId: 'c', filter: 'f', orgId: 'o' };
  const token = signPageToken(key, scope, 123);
  assert.equal(readPageToken(key, scope, token), 123);
  for (const other of [{ endpoint: 'manifest' }, { collectionId: 'd' }, { filter: 'g' }, { orgId: 'p' }])
    assert.equal(readPageToken(key, { ...scope, ...other }, token), undefined);
  assert.equal(readPageToken('cd'.repeat(32), scope, token), undefined);
  assert.equal(readPageToken(key, scope, token.slice(0, -2)), undefined);
  assert.equal(readPageToken(key, scope, 'nonsense'), undefined);
});

test('times: version keys at nine digits, microseconds both ways', () => {
  assert.equal(versionKey('2026-01-01T00:00:00Z'), '2026-01-01T00:00:00.000000000Z');
  assert.equal(versionKey('2026-01-01T00:00:00.1Z'), versionKey('2026-01-01T00:00:00.100Z'));
  assert.equal(versionKey('2026-01-01 00:00:00Z'), undefined);
  const us = timestampToMicros('2026-11-23T04:25:02.123456789Z')!;
  assert.equal(microsToTimestamp(us), '2026-11-23T04:25:02.123456Z');
  assert.equal(timestampToMicros('yesterday'), undefined);
});

test('indicator feed: enforceable patterns become values; others are kept without feeding; bad ones refused', () => {
  const base = {
    type: 'indicator',
    pattern_type: 'stix',
    valid_from: '2026-01-01T00:00:00Z',
    labels: ['phishing'],
  };
  const fed = indicatorFeed(
    { ...base, pattern: "[url:value = 'http://evil.example/login'] OR [domain-name:value = 'evil.example']" },
    'green',
  );
  assert.equal(fed.kind, 'feed');
  assert.deepEqual(fed.kind === 'feed' ? fed.inputs.map((i) => [i.kind, i.value, i.tlp]) : [], [
    ['url', 'http://evil.example/login', 'green'],
    ['domain', 'evil.example', 'green'],
  ]);
  assert.equal(
    indicatorFeed(
      { ...base, pattern: "[domain-name:value = 'a'] FOLLOWEDBY [domain-name:value = 'b']" },
      'green',
    ).kind,
    'skip',
  );
  assert.equal(indicatorFeed({ ...base, pattern: '[domain-name:value = ' }, 'green').kind, 'bad-pattern');
  assert.equal(indicatorFeed({ ...base, pattern_type: 'sigma', pattern: 'x' }, 'green').kind, 'skip');
  assert.equal(
    indicatorFeed(
      { ...base, indicator_types: ['benign'], pattern: "[domain-name:value = 'a.example']" },
      'green',
    ).kind,
    'skip',
  );
  assert.deepEqual(categoriesOf({ labels: ['C2', 'malicious-activity'] }), ['c2']);
  assert.deepEqual(categoriesOf({ indicator_types: ['anomalous-activity'] }), ['other']);
  assert.deepEqual(categoriesOf({}), ['other']);
});
