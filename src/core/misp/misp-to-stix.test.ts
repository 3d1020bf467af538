import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parsePattern } from '../stix/pattern/parser.js';
import { TLP2_MARKING_IDS } from '../stix/tlp-markings.js';
import { TOCSIN_EXTENSION_ID } from '../stix/tocsin-extension.js';
import { stixErrors, validateBundle, validateStixObject } from '../stix/validate.js';
import { mapAttribute } from './misp-attribute-map.js';
import { changedEvents, readMispManifest } from './misp-manifest.js';
import { mispEventToStix, mispOrgIdentityId, type MispConversion, type StixObject } from './misp-to-stix.js';

const DATA = fileURLToPath(new URL('../../../../shared/data/misp', import.meta.url));
const REGIN = join(DATA, 'regin-event.json');
const FEED = join(DATA, 'anssi-feed');
// eslint-disable-next-line no-restricted-syntax -- CI decides whether absent shared data fails or skips.
const MISSING = process.env['CI'] === 'true' ? false : !existsSync(DATA) && `${DATA} is absent`;

function convert(json: unknown): MispConversion {
  const r = mispEventToStix(json);
  if (!r.ok) assert.fail(r.error);
  return r.value;
}

function byId(c: MispConversion, id: string): StixObject {
  const o = c.objects.find((x) => x.id === id);
  assert.ok(o !== undefined, `${id} is missing`);
  return o;
}

function eventFiles(): string[] {
  return [
    REGIN,
    ...readdirSync(FEED)
      .filter((f) => /^[0-9a-f-]{36}\.json$/.test(f))
      .map((f) => join(FEED, f)),
  ];
}

const read = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8')) as unknown;

void test(
  'every object mapped from every real MISP event validates, and every reference resolves',
  { skip: MISSING },
  (t) => {
    let objects = 0;
    let skipped = 0;
    for (const file of eventFiles()) {
      const c = convert(read(file));
      for (const o of c.objects)
        assert.deepEqual(stixErrors(validateStixObject(o)), [], `${file}: ${JSON.stringify(o)}`);
      const bundle = {
        type: 'bundle',
        id: 'bundle--0f3c2e1a-4b5d-4c6e-8f7a-9b0c1d2e3f4a',
        objects: c.objects,
      };
      assert.deepEqual(stixErrors(validateBundle(bundle)), [], file);
      const ids = new Set(c.objects.map((o) => o.id));
      assert.equal(ids.size, c.objects.length, `${file}: duplicate ids`);
      for (const o of c.objects) {
        for (const [k, v] of Object.entries(o)) {
          const refs = k.endsWith('_ref') ? [v] : k.endsWith('_refs') ? (v as unknown[]) : [];
          for (const ref of refs) assert.ok(ids.has(ref as string), `${file}: ${o.id}.${k} → ${String(ref)}`);
        }
        if (o.type === 'indicator')
          assert.ok(parsePattern(o['pattern'] as string).ok, o['pattern'] as string);
      }
      // Nothing is lost without a word: every attribute is an object, a report part, or a skipped item.
      objects += c.objects.length;
      skipped += c.skipped.length;
      for (const s of c.skipped) assert.ok(s.reason.length > 0);
    }
    t.diagnostic(
      `${eventFiles().length} events: ${objects} objects, ${skipped} attributes skipped with reasons`,
    );
  },
);

void test(
  'converting an event twice gives the same objects (re-import changes nothing)',
  { skip: MISSING },
  () => {
    for (const file of eventFiles()) assert.deepEqual(convert(read(file)), convert(read(file)));
  },
);

void test('Regin: the event becomes a report by CIRCL, with its links and text', { skip: MISSING }, () => {
  const c = convert(read(REGIN));
  const circl = mispOrgIdentityId('55f6ea5e-2c60-40e5-964f-47a8950d210f');
  assert.deepEqual(byId(c, circl), {
    type: 'identity',
    spec_version: '2.1',
    id: circl,
    created: '2011-01-01T00:00:00.000Z',
    modified: '2011-01-01T00:00:00.000Z',
    name: 'CIRCL',
    identity_class: 'organization',
  });
  const report = byId(c, 'report--54884656-2da8-4625-bf07-43ef950d210b');
  assert.equal(c.reportId, report.id);
  assert.equal(report['name'], 'OSINT - F-Secure W32/Regin, Stage #1');
  assert.equal(report['created'], '2014-12-10T00:00:00.000Z');
  assert.equal(report['modified'], '2014-12-10T13:20:25.000Z');
  assert.equal(report['published'], '2014-12-10T13:20:47.000Z');
  assert.equal(report['created_by_ref'], circl);
  assert.equal(report['description'], 'Regin');
  assert.deepEqual(report['labels'], ['Type:OSINT', 'misp:threat_level_id="1"']);
  assert.deepEqual(report['external_references'], [
    {
      source_name: 'misp-link',
      url: 'https://www.f-secure.com/documents/996508/1030745/w32_regin_stage_1.pdf',
    },
  ]);
  assert.equal((report['object_refs'] as string[]).length, 36);
  assert.equal(report['object_marking_refs'], undefined, 'Regin has no TLP tag');
  assert.equal(c.indicators, 30);
  assert.equal(c.observedData, 6);
  assert.deepEqual(c.skipped, []);
  assert.equal(c.objects.at(-1), report);
});

void test('Regin: an md5 with to_ids is an indicator on file:hashes.MD5', { skip: MISSING }, () => {
  const c = convert(read(REGIN));
  assert.deepEqual(byId(c, 'indicator--548847d8-9db0-4df6-8206-15bb950d210b'), {
    type: 'indicator',
    spec_version: '2.1',
    id: 'indicator--548847d8-9db0-4df6-8206-15bb950d210b',
    created_by_ref: mispOrgIdentityId('55f6ea5e-2c60-40e5-964f-47a8950d210f'),
    created: '2014-12-10T13:17:12.000Z',
    modified: '2014-12-10T13:17:12.000Z',
    description: 'Regin samples collected.',
    pattern: "[file:hashes.MD5 = '26297dc3cd0b688de3b846983c5385e5']",
    pattern_type: 'stix',
    pattern_version: '2.1',
    valid_from: '2014-12-10T13:17:12.000Z',
    kill_chain_phases: [{ kill_chain_name: 'misp-category', phase_name: 'Payload installation' }],
    labels: ['misp:type="md5"', 'misp:category="Payload installation"'],
  });
});

void test('Regin: a registry key keeps its backslashes, escaped in the pattern', { skip: MISSING }, () => {
  const c = convert(read(REGIN));
  const i = byId(c, 'indicator--5488486c-a044-4c31-830c-15ba950d210b');
  assert.equal(
    i['pattern'],
    "[windows-registry-key:key = 'HKLM\\\\System\\\\CurrentControlSet\\\\Control\\\\']",
  );
  const parsed = parsePattern(String(i['pattern']));
  assert.ok(parsed.ok);
  assert.match(JSON.stringify(parsed.value), /"HKLM\\\\System\\\\CurrentControlSet\\\\Control\\\\"/);
});

void test('Regin: a filename without to_ids is observed data of a file SCO', { skip: MISSING }, () => {
  const c = convert(read(REGIN));
  const od = byId(c, 'observed-data--54884832-f2a8-46ff-be58-1ac6950d210b');
  assert.equal(od['first_observed'], '2014-12-10T13:18:42.000Z');
  assert.equal(od['number_observed'], 1);
  const [ref] = od['object_refs'] as string[];
  const file = byId(c, ref!);
  assert.deepEqual(file, { type: 'file', spec_version: '2.1', id: ref, name: 'abiosdsk.sys' });
  assert.match(ref!, /^file--[0-9a-f-]{36}$/);
});

void test(
  'the ANSSI feed: tlp:clear marks every object, MISP objects are mapped attribute by attribute',
  { skip: MISSING },
  () => {
    const c = convert(read(join(FEED, '6181159d-d7e0-422f-b7f5-26cc0abe1822.json')));
    for (const o of c.objects) {
      if (o.type === 'indicator' || o.type === 'report') {
        assert.deepEqual(o['object_marking_refs'], [TLP2_MARKING_IDS.clear], o.id);
      }
    }
    assert.ok(c.objects.some((o) => o.id === TLP2_MARKING_IDS.clear));
    const ip = byId(c, 'indicator--8ed8b9a2-f95e-47f2-b4ad-1739dd5939f7');
    assert.equal(ip['pattern'], "[ipv4-addr:value = '45.179.89.37']");
    assert.deepEqual(ip['labels'], [
      'misp:type="ip-dst"',
      'misp:category="Network activity"',
      'misp:object="domain-ip"',
      'kill-chain:Command and Control',
      'kill-chain:Delivery',
    ]);
    const dates = c.skipped.filter((s) => s.type === 'datetime');
    assert.equal(dates.length, 44);
    assert.equal(dates[0]!.object, 'domain-ip');
    assert.match(dates[0]!.reason, /the first-seen of a domain-ip object/);
  },
);

const EVENT = {
  Event: {
    uuid: '11111111-2222-4333-8444-555555555555',
    info: 'Scam wave',
    date: '2026-03-01',
    timestamp: '1772400000',
    publish_timestamp: '0',
    Orgc: { uuid: '66666666-7777-4888-9999-000000000000', name: 'VNCERT' },
    Tag: [{ name: 'tlp:green' }, { name: 'tlp:ex:chr' }, { name: 'scam' }],
    Attribute: [
      {
        uuid: 'a0000000-0000-4000-8000-000000000001',
        type: 'phone-number',
        value: '0912 345 678',
        to_ids: '1',
        timestamp: '1772400000',
      },
      {
        uuid: 'a0000000-0000-4000-8000-000000000002',
        type: 'ip-dst',
        value: '198.51.100.7',
        to_ids: true,
        Tag: [{ name: 'tlp:amber+strict' }],
      },
      { uuid: 'a0000000-0000-4000-8000-000000000003', type: 'ip-dst', value: '999.1.1.1', to_ids: true },
      {
        uuid: 'a0000000-0000-4000-8000-000000000004',
        type: 'vulnerability',
        value: 'CVE-2024-1',
        to_ids: false,
      },
      {
        uuid: 'a0000000-0000-4000-8000-000000000005',
        type: 'domain',
        value: 'evil.example',
        to_ids: true,
        deleted: true,
      },
      { type: 'domain', value: 'no-uuid.example', to_ids: true },
      {
        uuid: 'a0000000-0000-4000-8000-000000000006',
        type: 'btc',
        value: '1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa',
        to_ids: false,
        Tag: [{ name: 'tlp:white' }],
      },
      {
        uuid: 'A0000000-0000-4000-8000-000000000007',
        type: 'domain|ip',
        value: 'Evil.Example|203.0.113.9',
        to_ids: false,
      },
    ],
  },
};

void test('TLP tags: the most restrictive of the event, an attribute its own; other tags are labels', () => {
  const c = convert(EVENT);
  const report = byId(c, 'report--11111111-2222-4333-8444-555555555555');
  assert.deepEqual(report['object_marking_refs'], [TLP2_MARKING_IDS.green]);
  assert.deepEqual(report['labels'], ['tlp:ex:chr', 'scam']);
  assert.equal(report['published'], '2026-03-01T00:00:00.000Z', 'never published: the event date');
  const phone = byId(c, 'indicator--a0000000-0000-4000-8000-000000000001');
  assert.equal(phone['pattern'], "[x-tocsin-phone-number:value = '+84912345678']");
  assert.deepEqual(phone['object_marking_refs'], [TLP2_MARKING_IDS.green]);
  assert.deepEqual(byId(c, 'indicator--a0000000-0000-4000-8000-000000000002')['object_marking_refs'], [
    TLP2_MARKING_IDS['amber+strict'],
  ]);
  const wallet = byId(c, 'observed-data--a0000000-0000-4000-8000-000000000006');
  assert.deepEqual(wallet['object_marking_refs'], [TLP2_MARKING_IDS.clear]);
  // Tocsin's SCO types bring their extension definition; every marking used is there once.
  assert.ok(c.objects.some((o) => o.id === TOCSIN_EXTENSION_ID));
  for (const level of ['clear', 'green', 'amber+strict'] as const) {
    assert.equal(c.objects.filter((o) => o.id === TLP2_MARKING_IDS[level]).length, 1, level);
  }
  // An upper-case MISP uuid reads as its lower-case STIX id.
  const di = byId(c, 'observed-data--a0000000-0000-4000-8000-000000000007');
  const [domain, ip] = (di['object_refs'] as string[]).map((id) => byId(c, id));
  assert.equal(domain!['value'], 'evil.example');
  assert.deepEqual(domain!['resolves_to_refs'], [ip!.id]);
  for (const o of c.objects) assert.deepEqual(stixErrors(validateStixObject(o)), [], o.id);
});

void test('attributes that cannot be mapped are listed with the reason', () => {
  const c = convert(EVENT);
  assert.deepEqual(
    c.skipped.map((s) => [s.type, s.value, s.reason.replace(/:.*/, '')]),
    [
      ['ip-dst', '999.1.1.1', 'not a valid ip'],
      ['vulnerability', 'CVE-2024-1', 'MISP type vulnerability has no STIX mapping in Tocsin'],
      ['domain', 'evil.example', 'deleted in MISP'],
      ['domain', 'no-uuid.example', 'no uuid'],
    ],
  );
});

void test('the attribute map: composite types, hashes, AS, MAC, e-mail subjects', () => {
  const cases: readonly (readonly [string, string, string])[] = [
    [
      'ip-dst|port',
      '198.51.100.7|443',
      "[network-traffic:dst_ref.type = 'ipv4-addr' AND network-traffic:dst_ref.value = '198.51.100.7' AND network-traffic:dst_port = 443]",
    ],
    [
      'ip-src|port',
      '2001:db8::1|53',
      "[network-traffic:src_ref.type = 'ipv6-addr' AND network-traffic:src_ref.value = '2001:db8::1' AND network-traffic:src_port = 53]",
    ],
    [
      'domain|ip',
      'evil.example|198.51.100.7',
      "[domain-name:value = 'evil.example' AND domain-name:resolves_to_refs[*].value = '198.51.100.7']",
    ],
    [
      'filename|sha256',
      `drop.exe|${'A'.repeat(64)}`,
      `[file:name = 'drop.exe' AND file:hashes.'SHA-256' = '${'a'.repeat(64)}']`,
    ],
    ['sha1', 'b'.repeat(40), `[file:hashes.'SHA-1' = '${'b'.repeat(40)}']`],
    ['hostname', 'Mail.Evil.Example', "[domain-name:value = 'mail.evil.example']"],
    ['email-src', 'Boss@Evil.Example', "[email-addr:value = 'Boss@evil.example']"],
    ['url', 'http://evil.example/login', "[url:value = 'http://evil.example/login']"],
    ['AS', 'AS64496', '[autonomous-system:number = 64496]'],
    ['mac-address', '00-1A-2B-3C-4D-5E', "[mac-addr:value = '00:1a:2b:3c:4d:5e']"],
    ['email-subject', "Your account's locked", "[email-message:subject = 'Your account\\'s locked']"],
    ['mutex', 'Global\\x', "[mutex:name = 'Global\\\\x']"],
    [
      'x509-fingerprint-sha1',
      'AB:CD:'.repeat(9) + 'EF:01',
      `[x509-certificate:hashes.'SHA-1' = '${'abcd'.repeat(9)}ef01']`,
    ],
  ];
  for (const [type, value, pattern] of cases) {
    const m = mapAttribute(type, value);
    assert.ok(!('reason' in m), `${type}: ${'reason' in m ? m.reason : ''}`);
    assert.equal(m.pattern, pattern);
    assert.ok(parsePattern(m.pattern).ok, m.pattern);
    for (const s of m.scos) assert.deepEqual(stixErrors(validateStixObject(s)), [], JSON.stringify(s));
  }
  for (const [type, value] of [
    ['ip-dst|port', '198.51.100.7|http'],
    ['AS', 'ASX'],
    ['mac-address', 'zz'],
    ['filename|md5', 'nohash'],
    ['url', ''],
    ['comment', 'hello'],
  ] as const) {
    assert.ok('reason' in mapAttribute(type, value), `${type} ${value}`);
  }
});

void test('not a MISP event: a clear failure', () => {
  for (const [json, reason] of [
    [[], /not a MISP event/],
    [{ Event: { info: 'x' } }, /no uuid/],
    [{ Event: { uuid: 'u', date: '2020-01-01' } }, /no timestamp/],
    [{ uuid: 'u', timestamp: 1, date: 'yesterday' }, /no date/],
    [{ uuid: 'u', timestamp: 1, date: '2020-01-01', Attribute: [] }, /nothing to convert/],
  ] as const) {
    const r = mispEventToStix(json);
    assert.ok(!r.ok && reason.test(r.error), JSON.stringify(json));
  }
});

void test(
  'the feed manifest lists every event file of the feed, with info and timestamp',
  { skip: MISSING },
  () => {
    const r = readMispManifest(read(join(FEED, 'manifest.json')));
    assert.ok(r.ok);
    const files = readdirSync(FEED).filter((f) => /^[0-9a-f-]{36}\.json$/.test(f));
    assert.deepEqual(
      r.value.map((e) => `${e.uuid}.json`),
      files.sort(),
    );
    const isaac = r.value.find((e) => e.uuid === '621f4e53-cd54-4194-8d8f-4a6e0abe1822')!;
    assert.equal(isaac.info, '[ESET] IsaacWiper and HermeticWizard: New wiper and worm targeting Ukraine');
    assert.equal(isaac.timestamp, 1671006635);
    assert.deepEqual(isaac.orgc, { uuid: '56bdf779-46f8-4353-bdf9-2bb95bce2212', name: 'CERT-FR' });
    assert.ok(isaac.tags.includes('tlp:clear'));
    const seen = new Map([
      [isaac.uuid, isaac.timestamp],
      [r.value[0]!.uuid, r.value[0]!.timestamp - 1],
    ]);
    const changed = changedEvents(r.value, seen).map((e) => e.uuid);
    assert.equal(changed.length, r.value.length - 1);
    assert.ok(!changed.includes(isaac.uuid) && changed.includes(r.value[0]!.uuid));
  },
);

void test('a manifest that is not one fails', () => {
  assert.ok(!readMispManifest([]).ok);
  assert.ok(!readMispManifest({ 'not-a-uuid': { timestamp: 1 } }).ok);
  assert.ok(!readMispManifest({ '621f4e53-cd54-4194-8d8f-4a6e0abe1822': { info: 'x' } }).ok);
  assert.deepEqual(readMispManifest({}), { ok: true, value: [] });
});
