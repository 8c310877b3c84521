import { DataSource } from 'typeorm';
import { HUB_MIGRATIONS } from './migrations';
import { HubSqlLogger } from './sql-logger';

/** Any constant shared by all instances: only one of them migrates at a time. */
const MIGRATION_LOCK = 7_345_000;

/**
 * Applies pending migrations before the app starts. Instances starting together (compose
 * replicas, a rolling restart) wait on a session advisory lock, so each migration runs once.
 */
export async function migrate(databaseUrl: string): Promise<string[]> {
  const dataSource = new DataSource({
    type: 'postgres',
    url: databaseUrl,
    migrations: HUB_MIGRATIONS,
    migrationsTransactionMode: 'each',
    logger: new HubSqlLogger(),
  });
  await dataSource.initialize();
  const lock = dataSource.createQueryRunner();
  try {
    await lock.connect();
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await lock.release();
    await dataSource.destroy();
  }
}
