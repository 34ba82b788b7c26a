import type { AppConfig } from './config/config';
import { createDataSource } from './database/data-source';
import { seedReferenceData } from './database/seeds/reference.seed';
import { seedDeadlinePolicies, seedHolidays } from './modules/deadlines/deadlines.seed';

/** Any number; the same in every process, so two migration jobs never run at once. */
const MIGRATION_LOCK = 47_112_026;

/**
 * ROLE=migrate (or `node main.js migrate`): applies pending migrations and the reference data
 * (provinces, municipalities, holidays, deadline policies), then the process exits 0; any error
 * exits 1. On a server it holds a PostgreSQL advisory lock, so parallel runs wait for each other.
 */
export async function runMigrate(config: AppConfig, log: (line: string) => void): Promise<void> {
  const ds = createDataSource({ url: config.database.url, dataDir: config.database.dataDir });
  await ds.initialize();
  const lock = config.database.url ? ds.createQueryRunner() : null;
  try {
    if (lock) {
      await lock.connect();
      await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    }
    const applied = await ds.runMigrations({ transaction: 'each' });
    for (const m of applied) log(`  applied ${m.name}`);
    await ds.transaction(async (manager) => {
      await seedReferenceData(manager);
      await seedHolidays(manager);
      await seedDeadlinePolicies(manager);
    });
    log(`Migrations: ${applied.length} applied, the schema is up to date; reference data loaded.`);
  } finally {
    if (lock) {
      await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
      await lock.release();
    }
    await ds.destroy();
  }
}
