import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Recomputes the pairs of the cases whose ids `ids` (an SQL uuid[] expression) names. */
const sync = (ids: string) => `
  -- One writer per case at a time (the API locks the case first anyway; bulk SQL may not).
  PERFORM 1 FROM cases WHERE id = ANY(${ids}) ORDER BY id FOR UPDATE;
  DELETE FROM insight_blocker_pairs WHERE case_id = ANY(${ids});
  INSERT INTO insight_blocker_pairs SELECT * FROM insight_blocker_pairs_current WHERE case_id = ANY(${ids});`;

/**
 * `insight_blocker_pairs`: one narrow row per case × knelpunt type × assigned party (lead or
 * contributor; NULL when none), with what the systemic-blockers grouping filters and sums on.
 * It is `insight_blocker_pairs_current` (the join of cases, their knelpunt codes and their active
 * assignments) kept as a table by statement triggers on cases and case_assignments, so
 * GET /api/insight/systemic-blockers groups ~70k small rows instead of joining 100k cases to
 * their knelpunten and assignments (BENCHMARKS.md). Written by hand: no entity reads it.
 */
export class InsightBlockerPairs1795780000000 implements MigrationInterface {
  name = 'InsightBlockerPairs1795780000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE VIEW "insight_blocker_pairs_current" AS
  SELECT c.id AS case_id, k.code::varchar(64) AS knelpunt_code, a.organisation_id, c.province_code,
         c.municipality_code, c.level_code, c.status, c.homes_total
    FROM cases c
   CROSS JOIN LATERAL unnest(c.knelpunt_codes) AS k(code)
    LEFT JOIN case_assignments a ON a.case_id = c.id AND a.removed_at IS NULL AND a.role <> 'informed'`);
    await queryRunner.query(`CREATE TABLE "insight_blocker_pairs" (
  "case_id" uuid NOT NULL REFERENCES "cases" ("id") ON DELETE CASCADE,
  "knelpunt_code" varchar(64) NOT NULL,
  "organisation_id" uuid,
  "province_code" varchar(4) NOT NULL,
  "municipality_code" varchar(6) NOT NULL,
  "level_code" varchar(64) NOT NULL,
  "status" varchar(32) NOT NULL,
  "homes_total" integer NOT NULL
)`);
    await queryRunner.query(`CREATE INDEX "idx_insight_blocker_pairs_case" ON "insight_blocker_pairs" ("case_id")`);
    // A group's largest cases in order (no party: the nil uuid, as in systemic.service.ts).
    await queryRunner.query(`CREATE INDEX "idx_insight_blocker_pairs_group" ON "insight_blocker_pairs"
  ("knelpunt_code", "province_code", coalesce("organisation_id", '00000000-0000-0000-0000-000000000000'::uuid),
   "homes_total" DESC, "case_id") INCLUDE ("status")`);
    await queryRunner.query(
      `CREATE FUNCTION "insight_blocker_pairs_sync"(ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
       BEGIN ${sync('ids')} END $$`,
    );
    await queryRunner.query(
      `CREATE FUNCTION "insight_blocker_pairs_cases"() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN PERFORM insight_blocker_pairs_sync(ARRAY(SELECT id FROM new_rows)); RETURN NULL; END $$`,
    );
    await queryRunner.query(
      `CREATE FUNCTION "insight_blocker_pairs_assignments_new"() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN PERFORM insight_blocker_pairs_sync(ARRAY(SELECT DISTINCT case_id FROM new_rows)); RETURN NULL; END $$`,
    );
    await queryRunner.query(
      `CREATE FUNCTION "insight_blocker_pairs_assignments_old"() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN PERFORM insight_blocker_pairs_sync(ARRAY(SELECT DISTINCT case_id FROM old_rows)); RETURN NULL; END $$`,
    );
    // A deleted case takes its pairs along (ON DELETE CASCADE); every other change re-syncs.
    for (const [name, event, table, transition, fn] of [
      ['insight_blocker_pairs_insert', 'INSERT', 'cases', 'NEW TABLE AS new_rows', 'insight_blocker_pairs_cases'],
      ['insight_blocker_pairs_update', 'UPDATE', 'cases', 'NEW TABLE AS new_rows', 'insight_blocker_pairs_cases'],
      [
        'insight_blocker_pairs_insert',
        'INSERT',
        'case_assignments',
        'NEW TABLE AS new_rows',
        'insight_blocker_pairs_assignments_new',
      ],
      [
        'insight_blocker_pairs_update_new',
        'UPDATE',
        'case_assignments',
        'NEW TABLE AS new_rows',
        'insight_blocker_pairs_assignments_new',
      ],
      [
        'insight_blocker_pairs_update_old',
        'UPDATE',
        'case_assignments',
        'OLD TABLE AS old_rows',
        'insight_blocker_pairs_assignments_old',
      ],
      [
        'insight_blocker_pairs_delete',
        'DELETE',
        'case_assignments',
        'OLD TABLE AS old_rows',
        'insight_blocker_pairs_assignments_old',
      ],
    ] as const) {
      await queryRunner.query(
        `CREATE TRIGGER "${name}" AFTER ${event} ON "${table}" REFERENCING ${transition} FOR EACH STATEMENT EXECUTE FUNCTION "${fn}"()`,
      );
    }
    await queryRunner.query(`INSERT INTO "insight_blocker_pairs" SELECT * FROM "insight_blocker_pairs_current"`);
    await queryRunner.query(`ANALYZE "insight_blocker_pairs"`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const [name, table] of [
      ['insight_blocker_pairs_delete', 'case_assignments'],
      ['insight_blocker_pairs_update_old', 'case_assignments'],
      ['insight_blocker_pairs_update_new', 'case_assignments'],
      ['insight_blocker_pairs_insert', 'case_assignments'],
      ['insight_blocker_pairs_update', 'cases'],
      ['insight_blocker_pairs_insert', 'cases'],
    ]) {
      await queryRunner.query(`DROP TRIGGER "${name}" ON "${table}"`);
    }
    await queryRunner.query(`DROP FUNCTION "insight_blocker_pairs_assignments_old"()`);
    await queryRunner.query(`DROP FUNCTION "insight_blocker_pairs_assignments_new"()`);
    await queryRunner.query(`DROP FUNCTION "insight_blocker_pairs_cases"()`);
    await queryRunner.query(`DROP FUNCTION "insight_blocker_pairs_sync"(uuid[])`);
    await queryRunner.query(`DROP TABLE "insight_blocker_pairs"`);
    await queryRunner.query(`DROP VIEW "insight_blocker_pairs_current"`);
  }
}
