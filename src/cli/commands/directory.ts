/** `tocsin org …` and `tocsin user …`, run directly on the configured store. */
import { Option, type Command } from 'commander';
import { SYSTEM } from '../../core/auth/principal.js';
import { ORG_KINDS, SECTORS } from '../../core/directory/organization.js';
import { ROLES } from '../../core/directory/user.js';
import { tocsinError } from '../../core/errors/errors.js';
import type { Services } from '../../services/services.js';
import { withServices } from '../context.js';
import { configOf, table, type CliIo } from '../io.js';

type Global = () => { config?: string };

/** Finds an organization by id or by name. */
export async function resolveOrg(s: Services, idOrName: string) {
  const org = (await s.store.orgs.get(idOrName)) ?? (await s.store.orgs.findByName(idOrName));
  if (!org) throw tocsinError('TOCSIN_ERR_NOT_FOUND', `no organization with id or name "${idOrName}"`);
  return org;
}

/** Finds a user by id or by e-mail address. */
export async function resolveUser(s: Services, idOrEmail: string) {
  const user =
    (await s.store.users.get(idOrEmail)) ?? (await s.store.users.findByEmail(idOrEmail.trim().toLowerCase()));
  if (!user) throw tocsinError('TOCSIN_ERR_NOT_FOUND', `no user with id or e-mail "${idOrEmail}"`);
  return user;
}

const PAGE = { limit: 10_000, offset: 0 };

export function orgCommands(program: Command, io: CliIo, global: Global): void {
  const org = program.command('org').description('organizations: the centre, its members and peers');
  org
    .command('create')
    .description('create an organization')
    .requiredOption('--name <name>', 'its name (unique, any case)')
    .requiredOption('--country <code>', 'ISO 3166-1 alpha-2 country, e.g. VN')
    .addOption(new Option('--sector <sector>', 'its sector').choices(SECTORS).makeOptionMandatory())
    .addOption(
      new Option('--kind <kind>', 'what kind of organization').choices(ORG_KINDS).makeOptionMandatory(),
    )
    .option('--json', 'print JSON')
    .action(
      async (o: {
        name: string;
        country: string;
        sector: (typeof SECTORS)[number];
        kind: (typeof ORG_KINDS)[number];
        json?: boolean;
      }) => {
        const created = await withServices(configOf(io, global().config), (s) =>
          s.directory.createOrg(SYSTEM, o),
        );
        io.stdout(
          o.json ? JSON.stringify(created) + '\n' : `created organization ${created.id} "${created.name}"\n`,
        );
      },
    );
  org
    .command('list')
    .description('list organizations')
    .option('--json', 'print JSON lines')
    .action(async (o: { json?: boolean }) => {
      const { items } = await withServices(configOf(io, global().config), (s) =>
        s.directory.listOrgs(SYSTEM, PAGE),
      );
      if (o.json) for (const x of items) io.stdout(JSON.stringify(x) + '\n');
      else
        table(
          io,
          ['ID', 'NAME', 'COUNTRY', 'SECTOR', 'KIND'],
          items.map((x) => [x.id, x.name + (x.isOperator ? ' (operator)' : ''), x.country, x.sector, x.kind]),
        );
    });
}

export function userCommands(program: Command, io: CliIo, global: Global): void {
  const user = program.command('user').description('users and their roles');
  user
    .command('create')
    .description('add a user to an organization')
    .requiredOption('--org <id-or-name>', 'the organization')
    .requiredOption('--email <email>', 'e-mail address (unique)')
    .requiredOption('--name <name>', 'full name')
    .addOption(new Option('--role <role>', 'role').choices(ROLES).default('member'))
    .option('--json', 'print JSON')
    .action(
      async (o: {
        org: string;
        email: string;
        name: string;
        role: (typeof ROLES)[number];
        json?: boolean;
      }) => {
        const created = await withServices(configOf(io, global().config), async (s) => {
          const org = await resolveOrg(s, o.org);
          return s.directory.createUser(SYSTEM, {
            orgId: org.id,
            email: o.email,
            name: o.name,
            role: o.role,
          });
        });
        io.stdout(
          o.json
            ? JSON.stringify(created) + '\n'
            : `created user ${created.id} ${created.email} (${created.role})\n`,
        );
      },
    );
  user
    .command('list')
    .description('list users')
    .option('--org <id-or-name>', 'only this organization')
    .option('--json', 'print JSON lines')
    .action(async (o: { org?: string; json?: boolean }) => {
      const { items } = await withServices(configOf(io, global().config), async (s) => {
        const orgId = o.org === undefined ? undefined : (await resolveOrg(s, o.org)).id;
        return s.directory.listUsers(SYSTEM, { orgId }, PAGE);
      });
      if (o.json) for (const x of items) io.stdout(JSON.stringify(x) + '\n');
      else
        table(
          io,
          ['ID', 'EMAIL', 'NAME', 'ROLE', 'ORG'],
          items.map((x) => [x.id, x.email, x.name, x.role, x.orgId]),
        );
    });
}
