#!/usr/bin/env node
/** The `tocsin` executable: the only place that reads the real process (argv, env, signals). */
import { runCli } from './cli.js';

const stopSignal = new Promise<string>((resolve) => {
  for (const sig of ['SIGINT', 'SIGTERM'] as const) process.once(sig, () => resolve(sig));
});

const code = await runCli(process.argv.slice(2), {
  env: process.env,
  cwd: process.cwd(),
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  stopSignal,
});
process.exitCode = code;
// Listeners for signals keep nothing alive, but an open handle left by a failed start would: end now.
if (code !== 0) process.exit(code);
