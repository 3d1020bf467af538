/**
 * First run, as a new user gets it: a real `tocsin serve` process on a fresh data directory creates the
 * database, the operator and an admin key (printed once, kept in a 0600 file), and serves; a second start
 * reuses all of it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() =>
        typeof addr === 'object' && addr !== null ? resolve(addr.port) : reject(new Error('no port')),
      );
    });
  });
}

/** Starts `tocsin serve`, waits until it says it is serving, and returns its output so far and a stop function. */
async function serve(
  env: Record<string, string>,
): Promise<{ output: () => string; stop: () => Promise<number | null> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'serve'], {
    env: { ...process.env, ...env, TOCSIN_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 30_000);
    const check = () => {
      if (out.includes('serving on')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on('data', check);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${out}`));
    });
  });
  return {
    output: () => out,
    stop: () => {
      child.kill('SIGTERM');
      return exited;
    },
  };
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
