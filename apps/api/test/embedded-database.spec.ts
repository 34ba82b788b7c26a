import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './test-app';

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('one transaction at a time on the embedded database', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await t.db.query(`CREATE TABLE IF NOT EXISTS mutex_probe (v text NOT NULL)`);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('the hazard is real: two interleaved transactions on one raw PGlite session lose a commit', async () => {
    const raw = await PGlite.create();
    await raw.exec(`CREATE TABLE probe (v text)`);
    // Two "connections" share the one session: A begins, B begins (a no-op warning), A inserts,
    // B inserts and rolls back — which also undoes A's row, before A commits.
    await raw.exec('BEGIN');
    await raw.exec('BEGIN');
    await raw.query(`INSERT INTO probe VALUES ('a')`);
    await raw.query(`INSERT INTO probe VALUES ('b')`);
    await raw.exec('ROLLBACK');
    await raw.exec('COMMIT');
    const rows = await raw.query<{ v: string }>(`SELECT v FROM probe`);
    expect(rows.rows).toEqual([]);
    await raw.close();
  });

  it('through the app: a rolled-back transaction leaves a concurrent one’s writes intact', async () => {
    await t.db.query(`DELETE FROM mutex_probe`);
    const committing = t.db.transaction(async (m) => {
      await m.query(`INSERT INTO mutex_probe VALUES ('kept-1')`);
      await pause(30);
      await m.query(`INSERT INTO mutex_probe VALUES ('kept-2')`);
    });
    const failing = t.db
      .transaction(async (m) => {
        await m.query(`INSERT INTO mutex_probe VALUES ('rolled-back')`);
        await pause(10);
        throw new Error('boom');
      })
      .catch((e: Error) => e.message);
    const reader = t.db.query(`SELECT count(*)::int AS n FROM mutex_probe`);
    const [, failure] = await Promise.all([committing, failing, reader]);
    expect(failure).toBe('boom');
    const rows: { v: string }[] = await t.db.query(`SELECT v FROM mutex_probe ORDER BY v`);
    expect(rows.map((r) => r.v)).toEqual(['kept-1', 'kept-2']);
  });

  it('many concurrent transactions with failures interleaved commit exactly the successful ones', async () => {
    await t.db.query(`DELETE FROM mutex_probe`);
    const jobs = Array.from({ length: 30 }, (_, i) =>
      t.db
        .transaction(async (m) => {
          await m.query(`INSERT INTO mutex_probe VALUES ($1)`, [`row-${i}`]);
          await pause(i % 3);
          if (i % 4 === 0) throw new Error('rollback');
        })
        .catch(() => undefined),
    );
    await Promise.all(jobs);
    const rows: { v: string }[] = await t.db.query(`SELECT v FROM mutex_probe`);
    const expected = Array.from({ length: 30 }, (_, i) => i)
      .filter((i) => i % 4 !== 0)
      .map((i) => `row-${i}`)
      .sort();
    expect(rows.map((r) => r.v).sort()).toEqual(expected);
  });
});
