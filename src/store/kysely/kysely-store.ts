/** The Store on Kysely, shared by every database; a `StoreDialect` supplies what differs. */
import { Kysely, Migrator, type Transaction } from 'kysely';
import { tocsinError } from '../../core/errors/errors.js';
import type { StoreDialect } from '../dialect.js';
import { migrationsFor } from '../migrations/migrations.js';
import type { Database } from '../schema.js';
import type { Repos, Store } from '../store.js';
import { auditRepo } from './audit-repo.js';
import { keyRepo, orgRepo, userRepo } from './directory-repos.js';
import { indicatorRepo } from './indicator-repo.js';
import { reportRepo } from './report-repo.js';
import { taxiiRepo } from './stix-repo.js';
import { scanRepo } from './scan-repo.js';
import { sharingRepo } from './sharing-repo.js';

/**
 * The repositories on `db`. `insertRows` (the dialect's fast insert) is given only to a transaction's
 * repositories: it runs on the connection without waiting for it, which only a transaction holds.
 */
function repos(
  db: Kysely<Database> | Transaction<Database>,
  dialect?: StoreDialect,
  insertRows?: StoreDialect['insertRows'],
): Repos {
  return {
    reports: reportRepo(db),
    taxii: taxiiRepo(db, insertRows),
    scan: scanRepo(db),
    sharing: sharingRepo(db),
    indicators: indicatorRepo(db, dialect?.scanIndicatorRows, dialect?.indicatorRowsByNums, insertRows),
    orgs: orgRepo(db),
    users: userRepo(db),
    keys: keyRepo(db),
    audit: auditRepo(db, insertRows),
  };
}

export class KyselyStore implements Store {
  readonly #db: Kysely<Database>;
  readonly #dialect: StoreDialect;
  readonly #repos: Repos;

  constructor(dialect: StoreDialect) {
    this.#dialect = dialect;
    this.#db = new Kysely<Database>({ dialect: dialect.kysely });
    this.#repos = repos(this.#db, dialect);
  }

  get dialect() {
    return this.#dialect.name;
  }
  get location() {
    return this.#dialect.location;
  }
  get reports() {
    return this.#repos.reports;
  }
  get taxii() {
    return this.#repos.taxii;
  }
  get sharing() {
    return this.#repos.sharing;
  }
  get scan() {
    return this.#repos.scan;
  }
  get indicators() {
    return this.#repos.indicators;
  }
  get orgs() {
    return this.#repos.orgs;
  }
  get users() {
    return this.#repos.users;
  }
  get keys() {
    return this.#repos.keys;
  }
  get audit() {
    return this.#repos.audit;
  }

  /** The Kysely instance, for store code only (repos, migrations, tests of the SQL). */
  get db(): Kysely<Database> {
    return this.#db;
  }

  async migrate(): Promise<string[]> {
    // Reach the database first, so that "cannot connect" is reported as such and not as a failed migration.
    await this.#guard(async () => this.#dialect.init?.());
    await this.ping();
    const migrator = new Migrator({
      db: this.#db,
      provider: { getMigrations: () => Promise.resolve(migrationsFor(this.#dialect.types)) },
      ...(this.#dialect.migrationSchema === undefined
        ? {}
        : { migrationTableSchema: this.#dialect.migrationSchema }),
    });
    const { error, results } = await this.#guard(() => migrator.migrateToLatest());
    if (error !== undefined) {
      if (this.#dialect.isUnavailable(error)) {
        throw tocsinError(
          'TOCSIN_ERR_STORE_UNAVAILABLE',
          `the database at ${this.location} is unavailable: ${(error as Error).message}`,
          { cause: error },
        );
      }
      const failed = results?.find((r) => r.status === 'Error')?.migrationName;
      throw tocsinError(
        'TOCSIN_ERR_MIGRATION',
        `migration ${failed ?? '(setup)'} failed on ${this.location}: ${error instanceof Error ? error.message : JSON.stringify(error)}`,
        { cause: error },
      );
    }
    return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
  }

  async ping(): Promise<void> {
    await this.#guard(() => this.#db.selectNoFrom((eb) => eb.lit(1).as('one')).execute());
  }

  transaction<T>(fn: (tx: Repos) => Promise<T>): Promise<T> {
    return this.#guard(() =>
      this.#db.transaction().execute((trx) => fn(repos(trx, undefined, this.#dialect.insertRows))),
    );
  }

  /** Maps driver errors that mean "the database is not there" to one coded error. */
  async #guard<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (e) {
      if (this.#dialect.isUnavailable(e)) {
        throw tocsinError(
          'TOCSIN_ERR_STORE_UNAVAILABLE',
          `the database at ${this.location} is unavailable: ${(e as Error).message}`,
          { cause: e },
        );
      }
      throw e;
    }
  }

  /** True when `e` is a unique-constraint violation of this database. */
  isUniqueViolation(e: unknown): boolean {
    return this.#dialect.isUniqueViolation(e);
  }

  async close(): Promise<void> {
    await this.#db.destroy();
  }
}
