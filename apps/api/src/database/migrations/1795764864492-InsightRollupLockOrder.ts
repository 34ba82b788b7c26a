import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Knelpunt cells per month too (the breakdown by knelpunt type within a period), and a case's
 * move between cells in one statement per table, its rows in key order: a transaction
 * that moves a case from cell A to B and one that moves another case from B to A lock the two
 * cells in the same order instead of deadlocking; cells whose figures do not change are not
 * touched (not locked) at all.
 */
export class InsightRollupLockOrder1795764864492 implements MigrationInterface {
  name = 'InsightRollupLockOrder1795764864492';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "insight_knelpunt_month_cells" (
  "knelpunt_code" varchar(64) NOT NULL,
  "month" date NOT NULL,
  "province_code" varchar(4) NOT NULL,
  "region_municipality" varchar(6) NOT NULL,
  "level_code" varchar(64) NOT NULL,
  "status" varchar(32) NOT NULL,
  "systemic" boolean NOT NULL,
  "n" integer NOT NULL,
  "homes" bigint NOT NULL,
  PRIMARY KEY ("knelpunt_code", "month", "province_code", "region_municipality", "level_code", "status", "systemic")
)`);
    await queryRunner.query(`CREATE INDEX "idx_insight_knelpunt_month_cells_month" ON "insight_knelpunt_month_cells" ("month")`);
    await queryRunner.query(`CREATE INDEX "idx_insight_case_cells_systemic" ON "insight_case_cells" ("status") WHERE "systemic"`);
    await queryRunner.query(`CREATE FUNCTION "insight_cells_move"("was" "insight_case_facts", "now_" "insight_case_facts") RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO insight_case_cells AS t
  SELECT (d.f).month, (d.f).province_code, (d.f).region_municipality, (d.f).level_code, (d.f).status, (d.f).systemic,
         sum(d.sign), sum(d.sign * (d.f).homes), sum(d.sign * (d.f).social)
    FROM (SELECT -1 AS sign, was AS f WHERE was.case_id IS NOT NULL
          UNION ALL SELECT 1, now_ WHERE now_.case_id IS NOT NULL) d
   GROUP BY 1, 2, 3, 4, 5, 6
  HAVING sum(d.sign) <> 0 OR sum(d.sign * (d.f).homes) <> 0 OR sum(d.sign * (d.f).social) <> 0
   ORDER BY 1, 2, 3, 4, 5, 6
  ON CONFLICT ("month", "province_code", "region_municipality", "level_code", "status", "systemic")
  DO UPDATE SET n = t.n + EXCLUDED.n, homes = t.homes + EXCLUDED.homes, social = t.social + EXCLUDED.social;

  INSERT INTO insight_knelpunt_cells AS t
  SELECT k.code, (d.f).province_code, (d.f).region_municipality, (d.f).level_code, (d.f).status, (d.f).systemic,
         sum(d.sign), sum(d.sign * (d.f).homes)
    FROM (SELECT -1 AS sign, was AS f WHERE was.case_id IS NOT NULL
          UNION ALL SELECT 1, now_ WHERE now_.case_id IS NOT NULL) d, unnest((d.f).knelpunten) k(code)
   GROUP BY 1, 2, 3, 4, 5, 6
  HAVING sum(d.sign) <> 0 OR sum(d.sign * (d.f).homes) <> 0
   ORDER BY 1, 2, 3, 4, 5, 6
  ON CONFLICT ("knelpunt_code", "province_code", "region_municipality", "level_code", "status", "systemic")
  DO UPDATE SET n = t.n + EXCLUDED.n, homes = t.homes + EXCLUDED.homes;

  INSERT INTO insight_knelpunt_month_cells AS t
  SELECT k.code, (d.f).month, (d.f).province_code, (d.f).region_municipality, (d.f).level_code, (d.f).status, (d.f).systemic,
         sum(d.sign), sum(d.sign * (d.f).homes)
    FROM (SELECT -1 AS sign, was AS f WHERE was.case_id IS NOT NULL
          UNION ALL SELECT 1, now_ WHERE now_.case_id IS NOT NULL) d, unnest((d.f).knelpunten) k(code)
   GROUP BY 1, 2, 3, 4, 5, 6, 7
  HAVING sum(d.sign) <> 0 OR sum(d.sign * (d.f).homes) <> 0
   ORDER BY 1, 2, 3, 4, 5, 6, 7
  ON CONFLICT ("knelpunt_code", "month", "province_code", "region_municipality", "level_code", "status", "systemic")
  DO UPDATE SET n = t.n + EXCLUDED.n, homes = t.homes + EXCLUDED.homes;

  INSERT INTO insight_breakthrough_cells AS t
  SELECT (d.f).province_code, (d.f).region_municipality, (d.f).level_code, (d.f).systemic, (d.f).knelpunten,
         (d.f).created_on, u.date, sum(d.sign), sum(d.sign * u.homes)
    FROM (SELECT -1 AS sign, was AS f WHERE was.case_id IS NOT NULL
          UNION ALL SELECT 1, now_ WHERE now_.case_id IS NOT NULL) d, unnest((d.f).bt_dates, (d.f).bt_homes) u(date, homes)
   GROUP BY 1, 2, 3, 4, 5, 6, 7
  HAVING sum(d.sign) <> 0 OR sum(d.sign * u.homes) <> 0
   ORDER BY 1, 2, 3, 4, 5, 6, 7
  ON CONFLICT ("province_code", "region_municipality", "level_code", "systemic", "knelpunten", "created_on", "date")
  DO UPDATE SET n = t.n + EXCLUDED.n, homes = t.homes + EXCLUDED.homes;

  INSERT INTO insight_overdue_cells AS t
  SELECT u.org, u.due, (d.f).month, (d.f).province_code, (d.f).region_municipality, (d.f).level_code, (d.f).status,
         (d.f).systemic, sum(d.sign)
    FROM (SELECT -1 AS sign, was AS f WHERE was.case_id IS NOT NULL
          UNION ALL SELECT 1, now_ WHERE now_.case_id IS NOT NULL) d, unnest((d.f).overdue_orgs, (d.f).overdue_dates) u(org, due)
   GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
  HAVING sum(d.sign) <> 0
   ORDER BY 1, 2, 3, 4, 5, 6, 7, 8
  ON CONFLICT ("organisation_id", "due_date", "month", "province_code", "region_municipality", "level_code", "status", "systemic")
  DO UPDATE SET n = t.n + EXCLUDED.n;
END $$`);
    await queryRunner.query(`CREATE OR REPLACE FUNCTION "insight_case_refresh"(p_case uuid) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  was insight_case_facts;
  now_ insight_case_facts;
BEGIN
  SELECT * INTO was FROM insight_case_facts WHERE case_id = p_case FOR UPDATE;
  SELECT * INTO now_ FROM insight_case_facts_current WHERE case_id = p_case;
  IF was IS NOT DISTINCT FROM now_ THEN RETURN; END IF;
  PERFORM insight_cells_move(was, now_);
  IF was.case_id IS NOT NULL THEN DELETE FROM insight_case_facts WHERE case_id = p_case; END IF;
  IF now_.case_id IS NOT NULL THEN INSERT INTO insight_case_facts VALUES (now_.*); END IF;
END $$`);
    await queryRunner.query(`CREATE OR REPLACE FUNCTION "insight_rollup_rebuild"() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM insight_case_facts;
  DELETE FROM insight_case_cells;
  DELETE FROM insight_knelpunt_cells;
  DELETE FROM insight_knelpunt_month_cells;
  DELETE FROM insight_breakthrough_cells;
  DELETE FROM insight_overdue_cells;
  INSERT INTO insight_case_facts SELECT * FROM insight_case_facts_current;
  INSERT INTO insight_case_cells
  SELECT month, province_code, region_municipality, level_code, status, systemic, count(*), sum(homes), sum(social)
    FROM insight_case_facts GROUP BY 1, 2, 3, 4, 5, 6;
  INSERT INTO insight_knelpunt_cells
  SELECT k, province_code, region_municipality, level_code, status, systemic, count(*), sum(homes)
    FROM insight_case_facts, unnest(knelpunten) k GROUP BY 1, 2, 3, 4, 5, 6;
  INSERT INTO insight_knelpunt_month_cells
  SELECT k, month, province_code, region_municipality, level_code, status, systemic, count(*), sum(homes)
    FROM insight_case_facts, unnest(knelpunten) k GROUP BY 1, 2, 3, 4, 5, 6, 7;
  INSERT INTO insight_breakthrough_cells
  SELECT province_code, region_municipality, level_code, systemic, knelpunten, created_on, d, count(*), sum(h)
    FROM insight_case_facts, unnest(bt_dates, bt_homes) u(d, h) GROUP BY 1, 2, 3, 4, 5, 6, 7;
  INSERT INTO insight_overdue_cells
  SELECT o, d, month, province_code, region_municipality, level_code, status, systemic, count(*)
    FROM insight_case_facts, unnest(overdue_orgs, overdue_dates) u(o, d) GROUP BY 1, 2, 3, 4, 5, 6, 7, 8;
END $$`);
    await queryRunner.query(`INSERT INTO insight_knelpunt_month_cells
  SELECT k, month, province_code, region_municipality, level_code, status, systemic, count(*), sum(homes)
    FROM insight_case_facts, unnest(knelpunten) k GROUP BY 1, 2, 3, 4, 5, 6, 7`);
    await queryRunner.query(`DROP FUNCTION "insight_cells_add"("insight_case_facts", integer)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE FUNCTION "insight_cells_add"(f "insight_case_facts", sign integer) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO insight_case_cells AS t VALUES
    (f.month, f.province_code, f.region_municipality, f.level_code, f.status, f.systemic, sign, sign * f.homes, sign * f.social)
  ON CONFLICT ("month", "province_code", "region_municipality", "level_code", "status", "systemic")
  DO UPDATE SET n = t.n + EXCLUDED.n, homes = t.homes + EXCLUDED.homes, social = t.social + EXCLUDED.social;
  IF cardinality(f.knelpunten) > 0 THEN
    INSERT INTO insight_knelpunt_cells AS t
    SELECT k, f.province_code, f.region_municipality, f.level_code, f.status, f.systemic, sign, sign * f.homes
      FROM unnest(f.knelpunten) k
    ON CONFLICT ("knelpunt_code", "province_code", "region_municipality", "level_code", "status", "systemic")
    DO UPDATE SET n = t.n + EXCLUDED.n, homes = t.homes + EXCLUDED.homes;
  END IF;
  IF cardinality(f.bt_dates) > 0 THEN
    INSERT INTO insight_breakthrough_cells AS t
    SELECT f.province_code, f.region_municipality, f.level_code, f.systemic, f.knelpunten, f.created_on, d,
           sign * count(*), sign * sum(h)
      FROM unnest(f.bt_dates, f.bt_homes) u(d, h) GROUP BY d
    ON CONFLICT ("province_code", "region_municipality", "level_code", "systemic", "knelpunten", "created_on", "date")
    DO UPDATE SET n = t.n + EXCLUDED.n, homes = t.homes + EXCLUDED.homes;
  END IF;
  IF cardinality(f.overdue_orgs) > 0 THEN
    INSERT INTO insight_overdue_cells AS t
    SELECT o, d, f.month, f.province_code, f.region_municipality, f.level_code, f.status, f.systemic, sign * count(*)
      FROM unnest(f.overdue_orgs, f.overdue_dates) u(o, d) GROUP BY o, d
    ON CONFLICT ("organisation_id", "due_date", "month", "province_code", "region_municipality", "level_code", "status", "systemic")
    DO UPDATE SET n = t.n + EXCLUDED.n;
  END IF;
END $$`);
    await queryRunner.query(`CREATE OR REPLACE FUNCTION "insight_case_refresh"(p_case uuid) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  was insight_case_facts;
  now_ insight_case_facts;
BEGIN
  SELECT * INTO was FROM insight_case_facts WHERE case_id = p_case FOR UPDATE;
  SELECT * INTO now_ FROM insight_case_facts_current WHERE case_id = p_case;
  IF was.case_id IS NOT DISTINCT FROM now_.case_id AND was IS NOT DISTINCT FROM now_ THEN RETURN; END IF;
  IF was.case_id IS NOT NULL THEN
    PERFORM insight_cells_add(was, -1);
    DELETE FROM insight_case_facts WHERE case_id = p_case;
  END IF;
  IF now_.case_id IS NOT NULL THEN
    PERFORM insight_cells_add(now_, 1);
    INSERT INTO insight_case_facts VALUES (now_.*);
  END IF;
END $$`);
    await queryRunner.query(`DROP FUNCTION "insight_cells_move"("insight_case_facts", "insight_case_facts")`);
    await queryRunner.query(`CREATE OR REPLACE FUNCTION "insight_rollup_rebuild"() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM insight_case_facts;
  DELETE FROM insight_case_cells;
  DELETE FROM insight_knelpunt_cells;
  DELETE FROM insight_breakthrough_cells;
  DELETE FROM insight_overdue_cells;
  INSERT INTO insight_case_facts SELECT * FROM insight_case_facts_current;
  INSERT INTO insight_case_cells
  SELECT month, province_code, region_municipality, level_code, status, systemic, count(*), sum(homes), sum(social)
    FROM insight_case_facts GROUP BY 1, 2, 3, 4, 5, 6;
  INSERT INTO insight_knelpunt_cells
  SELECT k, province_code, region_municipality, level_code, status, systemic, count(*), sum(homes)
    FROM insight_case_facts, unnest(knelpunten) k GROUP BY 1, 2, 3, 4, 5, 6;
  INSERT INTO insight_breakthrough_cells
  SELECT province_code, region_municipality, level_code, systemic, knelpunten, created_on, d, count(*), sum(h)
    FROM insight_case_facts, unnest(bt_dates, bt_homes) u(d, h) GROUP BY 1, 2, 3, 4, 5, 6, 7;
  INSERT INTO insight_overdue_cells
  SELECT o, d, month, province_code, region_municipality, level_code, status, systemic, count(*)
    FROM insight_case_facts, unnest(overdue_orgs, overdue_dates) u(o, d) GROUP BY 1, 2, 3, 4, 5, 6, 7, 8;
END $$`);
    await queryRunner.query(`DROP INDEX "idx_insight_case_cells_systemic"`);
    await queryRunner.query(`DROP TABLE "insight_knelpunt_month_cells"`);
  }
}
