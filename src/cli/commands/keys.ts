/** `tocsin key …`: issue, list and revoke API keys, directly on the configured store. */
import type { Command } from 'commander';
import { SYSTEM } from '../../core/auth/principal.js';
import { withServices } from '../context.js';
import { configOf, table, type CliIo } from '../io.js';
import { resolveOrg, resolveUser } from './directory.js';

export function keyCommands(program: Command, io: CliIo, global: () => { config?: string }): void {
  const key = program.command('key').description('API keys (shown once, stored hashed)');
  key
    .command('create')
    .description('issue an API key for a user; the key is printed this once')
    .requiredOption('--user <id-or-email>', 'whose key')
    .requiredOption('--name <name>', 'what the key is for')
    .option('--json', 'print JSON')
    .action(async (o: { user: string; name: string; json?: boolean }) => {
      const { key: k, record } = await withServices(configOf(io, global().config), async (s) => {
        const user = await resolveUser(s, o.user);
        return s.keys.createKey(SYSTEM, { userId: user.id, name: o.name });
      });
      io.stdout(o.json ? JSON.stringify({ ...record, key: k }) + '\n' : `${k}\n`);
      if (!o.json) io.stderr(`key ${record.id} created; it is shown this once\n`);
    });
  key
    .command('revoke')
    .description('revoke an API key; it stops working at once')
    .argument('<id>', 'the key id (the hex part after tsn_)')
    .action(async (id: string) => {
      const r = await withServices(configOf(io, global().config), (s) => s.keys.revokeKey(SYSTEM, id));
      io.stdout(`revoked key ${r.id} at ${r.revokedAt ?? ''}\n`);
    });
  key
    .command('list')
    .description('list API keys')
    .option('--user <id-or-email>', "only this user's")
    .option('--org <id-or-name>', "only this organization's")
    .option('--json', 'print JSON lines')
    .action(async (o: { user?: string; org?: string; json?: boolean }) => {
      const items = await withServices(configOf(io, global().config), async (s) => {
        const userId = o.user === undefined ? undefined : (await resolveUser(s, o.user)).id;
        const orgId = o.org === undefined ? undefined : (await resolveOrg(s, o.org)).id;
        return s.keys.listKeys(SYSTEM, { userId, orgId }, { limit: 10_000, offset: 0 });
      });
      if (o.json) for (const x of items) io.stdout(JSON.stringify(x) + '\n');
      else
        table(
          io,
          ['ID', 'NAME', 'USER', 'CREATED', 'LAST USED', 'REVOKED'],
          items.map((x) => [x.id, x.name, x.userId, x.createdAt, x.lastUsedAt ?? '-', x.revokedAt ?? '-']),
        );
    });
}
