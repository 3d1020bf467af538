/**
 * First run, as a new user gets it: a real `tocsin serve` process on a fresh data directory creates the
 * database, the operator and an admin key (printed once, kept in a 0600 file), and serves; a second start
 * reuses all of it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { workerExecArgv } from '../../src/cli/commands/serve.js';
import { freePort, serve } from '../support/serve.js';

/** The command lines of a process's children, from /proc. */
function childCommandLines(pid: number): string[][] {
  const out: string[][] = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) out.push(readFileSync(`/proc/${d}/cmdline`, 'utf8').split('\0'));
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

test('first run creates the database, the operator and a one-time admin key; the second start reuses them', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tocsin-first-run-'));
  const port = await freePort();
  const env = { TOCSIN_DATA_DIR: dir, TOCSIN_PORT: String(port) };
  try {
    const first = await serve(env);
    const key = /^\s+(tsn_[0-9a-f]{16}_[\w-]{43})$/m.exec(first.output())?.[1];
    assert.ok(key, `no key printed:\n${first.output()}`);
    const file = join(dir, 'admin-key.txt');
    assert.equal(readFileSync(file, 'utf8').trim(), key);
    assert.equal(statSync(file).mode & 0o777, 0o600);
    assert.ok(statSync(join(dir, 'tocsin.db')).isFile());

    const base = `http://127.0.0.1:${port}`;
    assert.equal((await fetch(`${base}/readyz`)).status, 200);
    const me = await fetch(`${base}/api/v1/users/me`, { headers: { authorization: `Bearer ${key}` } });
    assert.equal(me.status, 200);
    const body = (await me.json()) as {
      user: { role: string };
      organization: { isOperator: boolean; kind: string };
    };
    assert.equal(body.user.role, 'admin');
    assert.deepEqual([body.organization.isOperator, body.organization.kind], [true, 'national-centre']);
    assert.equal(await first.stop(), 0);

    const second = await serve(env);
    assert.ok(!/tsn_[0-9a-f]{16}_/.test(second.output()), 'no key printed the second time');
    const again = await fetch(`${base}/api/v1/orgs`, { headers: { authorization: `Bearer ${key}` } });
    assert.equal(again.status, 200);
    assert.equal(((await again.json()) as { total: number }).total, 1, 'still one organization');
    assert.equal(await second.stop(), 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('with TOCSIN_WORKERS=2 the first run happens once, and both workers serve the same data', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tocsin-workers-'));
  const port = await freePort();
  try {
    const server = await serve({ TOCSIN_DATA_DIR: dir, TOCSIN_PORT: String(port), TOCSIN_WORKERS: '2' }, 2);
    const keys = server.output().match(/^\s+tsn_[0-9a-f]{16}_[\w-]{43}$/gm) ?? [];
    assert.equal(keys.length, 1, server.output());
    const key = readFileSync(join(dir, 'admin-key.txt'), 'utf8').trim();
    const base = `http://127.0.0.1:${port}`;
    const filed = await fetch(`${base}/api/v1/indicators`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        value: '0955 123 456',
        categories: ['scam-call'],
        tlp: 'clear',
        confidence: 90,
      }),
    });
    assert.equal(filed.status, 201);
    // The other worker learns of it from the store within its follow interval.
    let verdicts: string[] = [];
    for (let i = 0; i < 50 && !(verdicts.length === 6 && verdicts.every((v) => v === 'malicious')); i++) {
      await new Promise((r) => setTimeout(r, 200));
      verdicts = [];
      for (let j = 0; j < 6; j++) {
        const r = await fetch(`${base}/api/v1/check?value=0955123456`, { headers: { connection: 'close' } });
        verdicts.push(((await r.json()) as { verdict: string }).verdict);
      }
    }
    assert.deepEqual(verdicts, Array(6).fill('malicious'));
    // The workers run with the young generation serve.ts gives them.
    const workers = childCommandLines(server.pid).filter((c) => c.includes('serve'));
    assert.equal(workers.length, 2, JSON.stringify(childCommandLines(server.pid)));
    for (const c of workers) assert.ok(c.includes('--max-semi-space-size=64'), c.join(' '));
    assert.equal(await server.stop(), 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('workers get 64 MiB semi-spaces unless node was given a size', () => {
  assert.deepEqual(workerExecArgv(['--import', 'tsx'], undefined), [
    '--import',
    'tsx',
    '--max-semi-space-size=64',
  ]);
  assert.deepEqual(workerExecArgv(['--max-semi-space-size=8'], undefined), ['--max-semi-space-size=8']);
  assert.deepEqual(workerExecArgv(['--max_semi_space_size', '8'], ''), ['--max_semi_space_size', '8']);
  assert.deepEqual(workerExecArgv([], '--enable-source-maps --max-semi-space-size=32'), []);
  assert.deepEqual(workerExecArgv([], '--max-old-space-size=4096'), ['--max-semi-space-size=64']);
});
