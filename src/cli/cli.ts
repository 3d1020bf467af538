/**
 * The `tocsin` command line. `runCli` takes its process as arguments and returns the exit code:
 * 0 ok, 1 runtime error, 2 usage error.
 */
import { Command, CommanderError } from 'commander';
import { isTocsinError } from '../core/errors/errors.js';
import { checkCommands } from './commands/check.js';
import { scanCommands } from './commands/scan.js';
import { exportCommands } from './commands/export.js';
import { importCommands } from './commands/import.js';
import { orgCommands, userCommands } from './commands/directory.js';
import { indicatorCommands } from './commands/indicators.js';
import { keyCommands } from './commands/keys.js';
import { maintenanceCommands } from './commands/maintenance.js';
import { serve } from './commands/serve.js';
import { configOf, type CliIo } from './io.js';
import { VERSION } from './version.js';

export const EXIT_OK = 0;
export const EXIT_RUNTIME = 1;
export const EXIT_USAGE = 2;

function buildProgram(io: CliIo): Command {
  const program = new Command('tocsin')
    .description('Tocsin: national cyber early-warning, anti-fraud and threat-sharing platform')
    .version(VERSION)
    .option('--config <file>', 'JSON config file (instead of TOCSIN_CONFIG)')
    .showHelpAfterError()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .exitOverride();
  const global = () => program.opts<{ config?: string }>();

  program
    .command('serve')
    .description('start the server: migrate, create the operator on first run, serve HTTP')
    .action(async () => serve(io, configOf(io, global().config)));
  maintenanceCommands(program, io, global);
  orgCommands(program, io, global);
  userCommands(program, io, global);
  keyCommands(program, io, global);
  indicatorCommands(program, io, global);
  checkCommands(program, io, global);
  scanCommands(program, io, global);
  importCommands(program, io, global);
  exportCommands(program, io, global);

  // Every subcommand reports usage errors the same way, and exits through the override.
  const configure = (c: Command) => {
    c.showHelpAfterError().configureOutput({ writeOut: io.stdout, writeErr: io.stderr }).exitOverride();
    c.commands.forEach(configure);
  };
  program.commands.forEach(configure);
  return program;
}

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const program = buildProgram(io);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return EXIT_OK;
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version arrive here too, as "errors" with exit code 0.
      return e.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
    }
    if (isTocsinError(e)) {
      io.stderr(`tocsin: ${e.code}: ${e.message}\n`);
      return e.code === 'TOCSIN_ERR_VALIDATION' ? EXIT_USAGE : EXIT_RUNTIME;
    }
    io.stderr(`tocsin: TOCSIN_ERR_INTERNAL: ${e instanceof Error ? e.message : String(e)}\n`);
    return EXIT_RUNTIME;
  }
}
