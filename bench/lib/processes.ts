/**
 * Child processes for the HTTP benchmarks (a free port, a server started until it says it serves, stopped), and
 * the compiled build they and the in-process benchmarks run.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

let built = false;

/**
 * The command that runs `tocsin` as `npm start` does: the compiled build (`dist/`, made here once per benchmark
 * run from the current source, so it is never stale), under plain node. A server timed through tsx would pay
 * for its loader and its helpers, which no deployment runs.
 */
export function builtTocsin(): string[] {
  if (!built) {
    execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], {
      cwd: ROOT,
      stdio: 'inherit',
    });
    built = true;
  }
  return [process.execPath, 'dist/cli/main.js'];
}

/**
 * A module of the same compiled build (made once, as for `builtTocsin`), for a benchmark that runs Tocsin in
 * its own process: what a deployment runs, not tsx's transpilation of the source (about 5% more CPU on the
 * scanner). `T` is the source module's type: `builtModule<typeof import('../src/x.js')>('x.js')`.
 */
export async function builtModule<T>(path: string): Promise<T> {
  builtTocsin();
  return (await import(pathToFileURL(join(ROOT, 'dist', path)).href)) as T;
}

/** A port nothing listens on now, on 127.0.0.1. */
export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => resolve(typeof a === 'object' && a !== null ? a.port : 0));
    });
  });
}

/**
 * Starts a process in the repository with only the given `TOCSIN_*` settings (the benchmark's own would be
 * refused as unknown), and waits until its output has shown `marker` `times` times.
 */
export async function startProcess(
  args: readonly string[],
  env: Record<string, string>,
  marker: string,
  times = 1,
): Promise<ChildProcess> {
  const child = spawn(args[0]!, args.slice(1), {
    cwd: ROOT,
    env: {
      ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('TOCSIN_'))),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  await new Promise<void>((resolve, reject) => {
    const on = (d: Buffer) => {
      out += d.toString();
      if (out.split(marker).length - 1 >= times) resolve();
    };
    child.stdout.on('data', on);
    child.stderr.on('data', on);
    child.once('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
  });
  return child;
}

/** Stops a process (SIGTERM) and waits until it has exited. */
export async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** A process's CPU seconds so far (user and system, all threads) from /proc; undefined where there is none. */
export function cpuSeconds(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    // utime and stime, fields 14 and 15 of the line, in clock ticks (100 a second on Linux).
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}
