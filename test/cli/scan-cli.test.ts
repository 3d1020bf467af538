/**
 * `tocsin scan FILE`: text, CSV and NDJSON files and standard input, scanned directly on the database and
 * through a running server; bad lines get their own error and the rest is scanned.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../../src/config/config.js';
import { buildApp } from '../../src/http/app.js';
import { ensureOperator } from '../../src/services/bootstrap.js';
import { systemClock } from '../../src/services/clock.js';
import { buildServices } from '../../src/services/services.js';
import { openStore } from '../../src/store/open-store.js';
import { cliRunner, jsonLines } from '../support/cli.js';

interface Verdict {
  line: number;
  id?: string;
  verdict?: string;
  items?: { kind: string; canonical?: string; verdict?: string }[];
  rules?: { ruleId: string }[];
  error?: { code: string; message: string };
}

const PHISH = '[VCB] Tai khoan cua quy khach bi tam khoa. Truy cap vcb-xacthuc[.]com de mo khoa';
const CALL = 'Chuc mung ban trung thuong, goi ngay 0912.345.678 de nhan qua';
const CHAT = 'Hẹn gặp lúc 10.30 nhé, nhớ mang áo mưa!';

describe('tocsin scan', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tocsin-scan-cli-'));
  const env = { TOCSIN_DATA_DIR: join(dir, 'data'), TOCSIN_LOG_LEVEL: 'silent' };
  const run = cliRunner(env);
  const file = (name: string, text: string) => {
    const p = join(dir, name);
    writeFileSync(p, text);
    return p;
  };

  let adminKey = '';
  before(async () => {
    // A first run, as \`tocsin serve\` does it: the operating centre and its admin.
    const config = loadConfig(env, tmpdir());
    const store = await openStore(config);
    try {
      const boot = await ensureOperator(
        buildServices({ store, clock: systemClock, config }),
        config.operator,
      );
      adminKey = boot.adminKey ?? '';
    } finally {
      await store.close();
    }
    const add = await run([
      'indicators',
      'add',
      'vcb-xacthuc.com',
      '--kind',
      'domain',
      '--category',
      'phishing',
    ]);
    assert.equal(add.code, 0, add.err);
    const phone = await run(['indicators', 'add', '0912345678', '--category', 'scam-call']);
    assert.equal(phone.code, 0, phone.err);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('a text file: one verdict a line, in order, with its line number, and a summary', async () => {
    const r = await run(['scan', file('sms.txt', `${PHISH}\n\n${CHAT}\n${CALL}\n`)]);
    assert.equal(r.code, 0, r.err);
    const out = jsonLines<Verdict>(r.out);
    assert.deepEqual(
      out.map((v) => [v.line, v.verdict]),
      [
        [1, 'malicious'],
        [3, 'clean'],
        [4, 'malicious'],
      ],
    );
    assert.deepEqual(
      out[0]?.items?.map((i) => [i.kind, i.canonical, i.verdict]),
      [['domain', 'vcb-xacthuc.com', 'malicious']],
    );
    assert.match(
      r.err,
      /scanned 3 messages: 2 flagged \(2 malicious, 0 suspicious, 1 clean, 0 unknown\), 0 errors/,
    );
    assert.match(r.err, /flagged by category: .*phishing 1/);
    assert.match(r.err, /scam-call 1/);
  });

  test('NDJSON keeps ids; a line that is not a message gets its own error and the rest is scanned', async () => {
    const text = [
      JSON.stringify({ id: 'a', text: PHISH, sender: 'VCB' }),
      '{ not json',
      JSON.stringify({ id: 'c', body: 'no text' }),
      JSON.stringify({ id: 'd', text: CHAT }),
    ].join('\n');
    const r = await run(['scan', file('sms.ndjson', text)]);
    assert.equal(r.code, 0, r.err);
    const out = jsonLines<Verdict>(r.out);
    assert.deepEqual(
      out.map((v) => [v.line, v.id, v.verdict, v.error?.code]),
      [
        [1, 'a', 'malicious', undefined],
        [2, undefined, undefined, 'TOCSIN_ERR_VALIDATION'],
        [3, undefined, undefined, 'TOCSIN_ERR_VALIDATION'],
        [4, 'd', 'clean', undefined],
      ],
    );
    assert.match(out[1]?.error?.message ?? '', /line 2: not JSON/);
    assert.match(out[2]?.error?.message ?? '', /"text"/);
    assert.match(r.err, /scanned 4 messages: 1 flagged .*, 2 errors/);
  });

  test('CSV with a header, quoted commas and newlines; a CSV without a text column is refused', async () => {
    const csv = `id,sender,text\nm1,VCB,"${PHISH}"\nm2,friend,"Ok, see you\nat 10"\n`;
    const r = await run(['scan', file('sms.csv', csv)]);
    assert.equal(r.code, 0, r.err);
    const out = jsonLines<Verdict>(r.out);
    assert.deepEqual(
      out.map((v) => [v.id, v.verdict]),
      [
        ['m1', 'malicious'],
        ['m2', 'clean'],
      ],
    );
    const bad = await run(['scan', file('bad.csv', 'id,message\n1,hello\n')]);
    assert.equal(bad.code, 1);
    assert.match(bad.err, /no "text" column/);
  });

  test('standard input with -, and a missing file is a clear error', async () => {
    const r = await run(['scan', '-'], `${CALL}\n${CHAT}\n`);
    assert.equal(r.code, 0, r.err);
    assert.deepEqual(
      jsonLines<Verdict>(r.out).map((v) => v.verdict),
      ['malicious', 'clean'],
    );
    const nd = await run(['scan', '-', '--format', 'ndjson'], JSON.stringify({ text: PHISH }) + '\n');
    assert.deepEqual(
      jsonLines<Verdict>(nd.out).map((v) => v.verdict),
      ['malicious'],
    );
    const missing = await run(['scan', join(dir, 'nope.txt')]);
    assert.equal(missing.code, 1);
    assert.match(missing.err, /cannot read .*nope\.txt/);
    const batch = await run(['scan', '-', '--batch', '0'], 'x\n');
    assert.equal(batch.code, 2);
  });

  test('through a running server: the same verdicts, batch by batch', async () => {
    const config = loadConfig(env, tmpdir());
    const store = await openStore(config);
    const services = buildServices({ store, clock: systemClock, config });
    await services.index.load();
    await services.scanRules.load();
    const app: FastifyInstance = await buildApp({
      services,
      config: { ...config, logLevel: 'silent' },
      version: 'test',
    });
    try {
      const url = await app.listen({ port: 0, host: '127.0.0.1' });
      const key = adminKey;
      const remote = cliRunner({ TOCSIN_SERVER: url, TOCSIN_API_KEY: key });
      const r = await remote(['scan', file('remote.txt', `${PHISH}\n${CHAT}\n${CALL}\n`), '--batch', '2']);
      assert.equal(r.code, 0, r.err);
      assert.deepEqual(
        jsonLines<Verdict>(r.out).map((v) => [v.line, v.verdict]),
        [
          [1, 'malicious'],
          [2, 'clean'],
          [3, 'malicious'],
        ],
      );
    } finally {
      await app.close();
      await store.close();
    }
  });
});
