#!/usr/bin/env node
/** The `tocsin` executable: the only place that reads the real process (argv, env, signals). */
import cliProgress from 'cli-progress';
import { runCli } from './cli.js';
import { NO_PROGRESS, type CliIo } from './io.js';

const progress: CliIo['progress'] = process.stderr.isTTY
  ? (label, total) => {
      const bar = new cliProgress.SingleBar(
        {
          format: `${label} [{bar}] {percentage}% {value}/{total} {eta_formatted}`,
          stream: process.stderr,
          hideCursor: true,
        },
        cliProgress.Presets.shades_classic,
      );
      bar.start(total, 0);
      return {
        update: (done, t) => (t === undefined ? bar.update(done) : (bar.setTotal(t), bar.update(done))),
        stop: () => bar.stop(),
      };
    }
  : NO_PROGRESS;

const stopSignal = new Promise<string>((resolve) => {
  for (const sig of ['SIGINT', 'SIGTERM'] as const) process.once(sig, () => resolve(sig));
});

const code = await runCli(process.argv.slice(2), {
  env: process.env,
  cwd: process.cwd(),
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  stdin: process.stdin,
  stopSignal,
  progress,
});
process.exitCode = code;
// Listeners for signals keep nothing alive, but an open handle left by a failed start would: end now.
if (code !== 0) process.exit(code);
