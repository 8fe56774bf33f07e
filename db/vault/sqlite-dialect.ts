/**
 * Kysely's SQLite adapter reports no transactional DDL, so its Migrator would run
 * migrations outside any transaction. SQLite does support transactional DDL; saying so
 * makes each migration and its bookkeeping row commit or roll back together.
 */
import { SqliteAdapter, SqliteDialect, type DialectAdapter } from 'kysely';

class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

export class RegistreSqliteDialect extends SqliteDialect {
  override createAdapter(): DialectAdapter {
    return new TransactionalDdlSqliteAdapter();
  }
}
