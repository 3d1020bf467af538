/** Runs the CLI in-process through runCli, capturing its output (and feeding its standard input). */
import { tmpdir } from 'node:os';
import { Readable } from 'node:stream';
import { runCli } from '../../src/cli/cli.js';
import { NO_PROGRESS } from '../../src/cli/io.js';

export interface CliRun {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

/** A CLI bound to `env`; each call runs one command line, with `stdin` as its standard input. */
export function cliRunner(env: Record<string, string>) {
  return async (argv: readonly string[], stdin?: string): Promise<CliRun> => {
    let out = '';
    let err = '';
    const code = await runCli([...argv], {
      env,
      cwd: tmpdir(),
      stdout: (s) => (out += s),
      stderr: (s) => (err += s),
      ...(stdin === undefined ? {} : { stdin: Readable.from([stdin]) }),
      stopSignal: new Promise(() => undefined),
      progress: NO_PROGRESS,
    });
    return { code, out, err };
  };
}

/** The JSON values of an NDJSON text. */
export function jsonLines<T>(text: string): T[] {
  return text
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as T);
}
