/**
 * Kysely's SQLite adapter and driver, with two changes: transactional DDL is switched on (SQLite has it, and
 * a migration that fails half-way must leave no half-built schema), and transactions begin IMMEDIATE.
 * A deferred transaction that reads and then writes fails at once with SQLITE_BUSY when another process
 * (the CLI beside a running server, a second node's migrator) wrote in between; IMMEDIATE takes the write
 * lock up front and waits for it (busy_timeout) instead.
 */
import { CompiledQuery, SqliteAdapter, type DatabaseConnection, type Driver } from 'kysely';

export class TransactionalSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

/** Wraps Kysely's SQLite driver so that every transaction begins IMMEDIATE. */
export function immediateTransactions(driver: Driver): Driver {
  return {
    init: () => driver.init(),
    acquireConnection: () => driver.acquireConnection(),
    releaseConnection: (c) => driver.releaseConnection(c),
    destroy: () => driver.destroy(),
    commitTransaction: (c) => driver.commitTransaction(c),
    rollbackTransaction: (c) => driver.rollbackTransaction(c),
    async beginTransaction(connection: DatabaseConnection): Promise<void> {
      await connection.executeQuery(CompiledQuery.raw('begin immediate'));
    },
  };
}
