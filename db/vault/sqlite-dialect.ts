/**
 * Kysely's SQLite dialect, adjusted twice for Registre:
 * - its adapter reports no transactional DDL, so its Migrator would run migrations outside
 *   any transaction. SQLite does support transactional DDL; saying so makes each migration
 *   and its bookkeeping row commit or roll back together;
 * - after some errors (SQLITE_FULL on a full disk, SQLITE_IOERR) SQLite has already rolled
 *   the transaction back by itself, and Kysely's own ROLLBACK then throws "cannot rollback -
 *   no transaction is active", which replaced the real cause. The rollback is skipped when
 *   the connection says no transaction is open, so the first error is the one reported.
 */
import { SqliteAdapter, SqliteDialect, SqliteDriver, type DatabaseConnection, type DialectAdapter, type Driver, type SqliteDialectConfig } from 'kysely';
import type { RawDb } from './open-db';

class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

class FirstErrorSqliteDriver extends SqliteDriver {
  constructor(
    config: SqliteDialectConfig,
    private readonly raw: RawDb,
  ) {
    super(config);
  }

  override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    if (!this.raw.inTransaction) return;
    await super.rollbackTransaction(connection);
  }
}

export class RegistreSqliteDialect extends SqliteDialect {
  constructor(private readonly config: SqliteDialectConfig & { database: RawDb }) {
    super(config);
  }

  override createAdapter(): DialectAdapter {
    return new TransactionalDdlSqliteAdapter();
  }

  override createDriver(): Driver {
    return new FirstErrorSqliteDriver(this.config, this.config.database);
  }
}
