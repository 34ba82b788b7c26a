import { DataSource, type EntityManager } from 'typeorm';

/**
 * The rows of a statement, whatever its kind. TypeORM's plain `query()` answers UPDATE/DELETE
 * with `[rows, count]` on node-postgres but with the rows on PGlite; the structured result of a
 * query runner has the rows (of a RETURNING clause) in `records` on both.
 */
export async function rows<T>(
  db: DataSource | EntityManager,
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  const manager = db instanceof DataSource ? db.manager : db;
  if (manager.queryRunner) return ((await manager.queryRunner.query(sql, params, true)).records ?? []) as T[];
  const runner = manager.connection.createQueryRunner();
  try {
    return ((await runner.query(sql, params, true)).records ?? []) as T[];
  } finally {
    await runner.release();
  }
}
