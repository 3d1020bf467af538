/** What a CLI command may touch of its process: passed in, so that tests run commands in-process. */
import { loadConfig, type Config } from '../config/config.js';

export interface CliIo {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Standard input, for commands that read `-`. */
  readonly stdin?: NodeJS.ReadableStream;
  /** Resolves when the process is asked to stop (SIGINT, SIGTERM); `serve` waits on it. */
  readonly stopSignal: Promise<string>;
  /** A progress bar on the terminal (nothing when output is not a terminal). */
  readonly progress: (label: string, total: number) => Progress;
}

export interface Progress {
  update(done: number, total?: number): void;
  stop(): void;
}

export const NO_PROGRESS: CliIo['progress'] = () => ({ update: () => undefined, stop: () => undefined });

/** Loads the configuration, with `--config FILE` standing in for TOCSIN_CONFIG. */
export function configOf(io: CliIo, configFile: string | undefined): Config {
  return loadConfig(configFile === undefined ? io.env : { ...io.env, TOCSIN_CONFIG: configFile }, io.cwd);
}

/** Prints rows as aligned columns under a header. */
export function table(io: CliIo, header: readonly string[], rows: readonly (readonly string[])[]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: readonly string[]) =>
    r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i] ?? 0))).join('  ');
  io.stdout(line(header) + '\n');
  for (const r of rows) io.stdout(line(r) + '\n');
}
