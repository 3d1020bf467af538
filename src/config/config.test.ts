import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TocsinError } from '../core/errors/errors.js';
import { loadConfig } from './config.js';

function problems(env: Record<string, string>, cwd = '/srv'): string[] {
  try {
    loadConfig(env, cwd);
  } catch (e) {
    assert.ok(e instanceof TocsinError);
    assert.equal(e.code, 'TOCSIN_ERR_CONFIG');
    return (e.details ?? []).map((d) => d.path);
  }
  assert.fail('expected a configuration error');
}

test('defaults: SQLite under ./data, 127.0.0.1:8080', () => {
  const c = loadConfig({}, '/srv/tocsin');
  assert.equal(c.databasePath, '/srv/tocsin/data/tocsin.db');
  assert.equal(c.databaseUrl, undefined);
  assert.equal(c.host, '127.0.0.1');
  assert.equal(c.port, 8080);
  assert.equal(c.operator.country, 'VN');
});

test('the parsed config is frozen, deeply', () => {
  const c = loadConfig({ TOCSIN_PORT: '9000' }, '/srv');
  assert.ok(Object.isFrozen(c) && Object.isFrozen(c.operator));
  assert.throws(() => {
    (c as { port: number }).port = 1;
  }, TypeError);
});

test('every bad key is reported by name, all at once', () => {
  assert.deepEqual(
    problems({
      TOCSIN_PORT: 'eighty',
      TOCSIN_LOG_LEVEL: 'loud',
      TOCSIN_TRUST_PROXY: 'maybe',
      TOCSIN_PROT: '1',
    }).sort(),
    ['TOCSIN_LOG_LEVEL', 'TOCSIN_PORT', 'TOCSIN_PROT', 'TOCSIN_TRUST_PROXY'],
  );
  assert.deepEqual(problems({ TOCSIN_PORT: '70000' }), ['TOCSIN_PORT']);
  assert.deepEqual(problems({ TOCSIN_DATABASE_URL: 'mysql://x' }), ['TOCSIN_DATABASE_URL']);
  assert.deepEqual(problems({ TOCSIN_OPERATOR_COUNTRY: 'Vietnam' }), ['TOCSIN_OPERATOR_COUNTRY']);
});

test('environment variables that are not ours are ignored', () => {
  assert.equal(loadConfig({ PATH: '/bin', HOME: '/root' }, '/').port, 8080);
});

test('a config file is read, and the environment overrides it', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tocsin-config-'));
  const file = join(dir, 'tocsin.json');
  writeFileSync(
    file,
    JSON.stringify({ port: 9100, dataDir: '/var/lib/tocsin', operator: { name: 'CERT-X', country: 'fr' } }),
  );
  const c = loadConfig({ TOCSIN_CONFIG: file, TOCSIN_HOST: '0.0.0.0' }, '/');
  assert.equal(c.port, 9100);
  assert.equal(c.host, '0.0.0.0');
  assert.equal(c.databasePath, '/var/lib/tocsin/tocsin.db');
  assert.deepEqual(c.operator, { name: 'CERT-X', country: 'FR', adminEmail: 'admin@tocsin.local' });
  assert.equal(loadConfig({ TOCSIN_CONFIG: file, TOCSIN_PORT: '9200' }, '/').port, 9200);
});

test('a config file with unknown keys, bad values or bad JSON is refused by name', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tocsin-config-'));
  const bad = join(dir, 'bad.json');
  writeFileSync(bad, JSON.stringify({ port: 'x', colour: 'red', operator: { nmae: 'typo' } }));
  const p = problems({ TOCSIN_CONFIG: bad });
  assert.equal(p.length, 3);
  assert.ok(
    p.some((x) => x.endsWith(': port')) &&
      p.some((x) => x.endsWith(': colour')) &&
      p.some((x) => x.endsWith(': operator.nmae')),
    p.join(),
  );
  const broken = join(dir, 'broken.json');
  writeFileSync(broken, '{ "port": ');
  assert.equal(problems({ TOCSIN_CONFIG: broken }).length, 1);
  assert.deepEqual(problems({ TOCSIN_CONFIG: join(dir, 'missing.json') }), ['TOCSIN_CONFIG']);
});
