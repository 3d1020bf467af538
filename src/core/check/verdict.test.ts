import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Indicator } from '../indicators/indicator.js';
import { decide, hitWeight, isDomainWide, SCORING, type VerdictHit } from './verdict.js';

const NOW = Date.parse('2026-11-23T00:00:00.000Z');
const daysAgo = (d: number) => new Date(NOW - d * 86_400_000).toISOString();

function ind(over: Partial<Indicator> = {}): Indicator {
  return {
    id: 'i1',
    num: 1,
    kind: 'phone',
    value: '0912345678',
    canonical: '+84912345678',
    categories: ['scam-call'],
    confidence: 90,
    sourceOrgId: 'bank',
    createdBy: null,
    tlp: 'green',
    recipients: [],
    validFrom: daysAgo(1),
    validUntil: null,
    firstSeen: daysAgo(1),
    lastSeen: daysAgo(1),
    description: 'calls pretending to be the police',
    revokedAt: null,
    createdAt: daysAgo(1),
    updatedAt: daysAgo(1),
    ...over,
  };
}
const hit = (
  over: Partial<Indicator> = {},
  how: VerdictHit['how'] = 'exact',
  matched = 'p:+84912345678',
): VerdictHit => ({ how, matched, indicator: ind(over) });
const base = { now: NOW, allowListed: undefined, reports: 0, member: true };

test('no hit is unknown, never safe', () => {
  assert.deepEqual(decide({ ...base, hits: [] }), { verdict: 'unknown', score: 0, reasons: [] });
});

test('one confident recent source is malicious; a weak one suspicious', () => {
  const strong = decide({ ...base, hits: [hit()] });
  assert.equal(strong.verdict, 'malicious');
  assert.ok(strong.score >= 85 && strong.score <= 90, String(strong.score));
  const weak = decide({ ...base, hits: [hit({ confidence: 30 })] });
  assert.equal(weak.verdict, 'suspicious');
  const tiny = decide({ ...base, hits: [hit({ confidence: 0 })] });
  assert.deepEqual([tiny.verdict, tiny.score], ['suspicious', 1]);
});

test('independent sources add up; one source twice does not', () => {
  const one = decide({ ...base, hits: [hit({ confidence: 50 })] }).score;
  const sameTwice = decide({
    ...base,
    hits: [hit({ confidence: 50 }), hit({ confidence: 50, id: 'i2' })],
  }).score;
  const two = decide({
    ...base,
    hits: [hit({ confidence: 50 }), hit({ confidence: 50, id: 'i2', sourceOrgId: 'telco' })],
  });
  assert.equal(sameTwice, one);
  assert.ok(two.score > one);
  assert.equal(two.verdict, 'malicious');
});

test('weight decays with age, down to a floor', () => {
  const fresh = hitWeight(hit(), NOW);
  const halfLife = hitWeight(hit({ lastSeen: daysAgo(SCORING.halfLifeDays + 1) }), NOW);
  const ancient = hitWeight(hit({ lastSeen: daysAgo(5000) }), NOW);
  assert.ok(Math.abs(halfLife - fresh / 2) < 0.01, `${halfLife} vs ${fresh}`);
  assert.ok(Math.abs(ancient - 0.9 * SCORING.ageFloor) < 1e-9);
});

test('a wide CIDR range weighs less than a narrow one', () => {
  assert.ok(hitWeight(hit({}, 'cidr', '10.0.0.0/8'), NOW) < hitWeight(hit({}, 'cidr', '10.1.2.0/24'), NOW));
});

test('an allow-listed domain silences domain-wide hits but not a reported page', () => {
  assert.ok(
    isDomainWide('d:vnexpress.net') &&
      isDomainWide('u:vnexpress.net/') &&
      !isDomainWide('u:vnexpress.net/fake-page/'),
  );
  const domainOnly = decide({
    ...base,
    allowListed: 'vnexpress.net',
    hits: [hit({ kind: 'domain' }, 'exact', 'd:vnexpress.net')],
  });
  assert.deepEqual([domainOnly.verdict, domainOnly.score, domainOnly.reasons.length], ['allow-listed', 0, 0]);
  const page = decide({
    ...base,
    allowListed: 'google.com',
    hits: [hit({ kind: 'url' }, 'url-prefix', 'u:sites.google.com/view/phish/')],
  });
  assert.equal(page.verdict, 'malicious');
  assert.equal(page.allowListed, 'google.com');
});

test('an allow-listed mail domain silences a domain hit but does not vouch for the mailbox', () => {
  const r = decide({
    ...base,
    allowListed: 'gmail.com',
    allowListVouches: false,
    hits: [hit({ kind: 'domain' }, 'subdomain', 'd:gmail.com')],
  });
  assert.deepEqual([r.verdict, r.score, r.allowListed], ['unknown', 0, 'gmail.com']);
});

test('enough independent citizen reports make a value suspicious before triage', () => {
  assert.equal(decide({ ...base, hits: [], reports: SCORING.reportThreshold - 1 }).verdict, 'unknown');
  const r = decide({ ...base, hits: [], reports: SCORING.reportThreshold });
  assert.deepEqual([r.verdict, r.reports], ['suspicious', SCORING.reportThreshold]);
});

test('anonymous callers see how and what, not who or why', () => {
  const [anon] = decide({ ...base, member: false, hits: [hit()] }).reasons;
  assert.deepEqual(Object.keys(anon ?? {}).sort(), ['categories', 'firstSeen', 'how', 'lastSeen', 'matched']);
  const [member] = decide({ ...base, hits: [hit()] }).reasons;
  assert.equal(member?.source, 'bank');
  assert.equal(member?.description, 'calls pretending to be the police');
});

test('reasons come strongest first', () => {
  const r = decide({
    ...base,
    hits: [hit({ confidence: 20, id: 'weak' }), hit({ confidence: 95, id: 'strong', sourceOrgId: 'telco' })],
  });
  assert.deepEqual(
    r.reasons.map((x) => x.indicatorId),
    ['strong', 'weak'],
  );
});
