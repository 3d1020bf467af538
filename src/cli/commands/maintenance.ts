/** `tocsin migrate` and `tocsin audit verify`. */
import type { Command } from 'commander';
import { tocsinError } from '../../core/errors/errors.js';
import { openStore } from '../../store/open-store.js';
import { withServices } from '../context.js';
import { configOf, type CliIo } from '../io.js';

export function maintenanceCommands(program: Command, io: CliIo, global: () => { config?: string }): void {
  program
    .command('migrate')
    .description('apply pending database migrations (serve does this too)')
    .action(async () => {
      const config = configOf(io, global().config);
      // openStore migrates; a second call reports what the first applied, here nothing.
      const store = await openStore(config);
      await store.close();
      io.stdout(`database ${store.dialect} ${store.location} is up to date\n`);
    });

  const audit = program.command('audit').description('the audit trail');
  audit
    .command('verify')
    .description('walk the hash chain and name the first entry that was changed or removed')
    .action(async () => {
      const v = await withServices(configOf(io, global().config), (s) => s.audit.verify());
      if (!v.ok) throw tocsinError('TOCSIN_ERR_AUDIT_CHAIN_BROKEN', v.message);
      io.stdout(`audit chain intact: ${v.entries} entries, head ${v.headHash}\n`);
    });
}
