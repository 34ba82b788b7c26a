import { DataSource, type DataSourceOptions } from 'typeorm';
import { embeddedPostgresDriver } from './embedded-driver';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

export interface DatabaseTarget {
  /** postgres:// URL of a server, or null for the embedded PGlite. */
  url: string | null;
  /** PGlite data directory; null keeps the embedded database in memory. */
  dataDir: string | null;
}

export function dataSourceOptions(target: DatabaseTarget): DataSourceOptions {
  const common = {
    type: 'postgres' as const,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'typeorm_migrations',
    synchronize: false,
    migrationsRun: false,
    uuidExtension: 'pgcrypto' as const,
  };
  if (target.url) return { ...common, url: target.url, poolSize: 10, applicationName: 'doorbraak' };
  return { ...common, driver: embeddedPostgresDriver(target.dataDir), poolSize: 1 };
}

export function createDataSource(target: DatabaseTarget): DataSource {
  return new DataSource(dataSourceOptions(target));
}
