/** A real `tocsin serve` process for tests, on a free port, with only the settings given. */
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';

export function withoutTocsinVariables(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([k]) => !k.startsWith('TOCSIN_')));
}

export async function freePort(): Promise<number> {
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
export async function serve(
  env: Record<string, string>,
  servingLines = 1,
): Promise<{
  pid: number;
  output: () => string;
  stop: () => Promise<number | null>;
  kill: () => Promise<number | null>;
}> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'serve'], {
    // Only the settings given here: the test runner's own TOCSIN_* variables (TOCSIN_TEST_DATABASE_URL) are
    // not server settings, and the server rightly refuses unknown ones.
    env: { ...withoutTocsinVariables(process.env), ...env, TOCSIN_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 30_000);
    const check = () => {
      if (out.split('serving on').length - 1 >= servingLines) {
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
    pid: child.pid!,
    output: () => out,
    stop: () => {
      child.kill('SIGTERM');
      return exited;
    },
    kill: () => {
      child.kill('SIGKILL');
      return exited;
    },
  };
}
