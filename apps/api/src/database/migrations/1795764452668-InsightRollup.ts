import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Pre-summed insight figures (docs/metrics.md, "How the dashboard is computed"), kept up to date by
 * triggers in the transaction of every write: `insight_case_facts` records what each case adds to
 * the cells (`insight_case_cells`, `insight_knelpunt_cells`, `insight_breakthrough_cells`,
 * `insight_overdue_cells`); a change to a case or its knelpunten, breakthroughs, assignments or
 * systemic bundle takes the recorded facts out and the current ones in. A change of region
 * membership rebuilds everything. Written by hand (raw SQL, not entities: no code reads them
 * through TypeORM).
 */
export class InsightRollup1795764452668 implements MigrationInterface {
  name = 'InsightRollup1795764452668';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "insight_case_facts" (
  "case_id" uuid PRIMARY KEY,
  "month" date NOT NULL,
  "created_on" date NOT NULL,
  "province_code" varchar(4) NOT NULL,
  "region_municipality" varchar(6) NOT NULL,
  "level_code" varchar(64) NOT NULL,
  "status" varchar(32) NOT NULL,
  "systemic" boolean NOT NULL,
  "homes" integer NOT NULL,
  "social" integer NOT NULL,
  "knelpunten" varchar(64)[] NOT NULL,
  "bt_dates" date[] NOT NULL,
  "bt_homes" integer[] NOT NULL,
  "overdue_orgs" uuid[] NOT NULL,
  "overdue_dates" date[] NOT NULL
)`);
    await queryRunner.query(`CREATE TABLE "insight_case_cells" (
  "month" date NOT NULL,
  "province_code" varchar(4) NOT NULL,
  "region_municipality" varchar(6) NOT NULL,
  "level_code" varchar(64) NOT NULL,
  "status" varchar(32) NOT NULL,
  "systemic" boolean NOT NULL,
  "n" integer NOT NULL,
  "homes" bigint NOT NULL,
  "social" bigint NOT NULL,
  PRIMARY KEY ("month", "province_code", "region_municipality", "level_code", "status", "systemic")
)`);
    await queryRunner.query(`CREATE TABLE "insight_knelpunt_cells" (
  "knelpunt_code" varchar(64) NOT NULL,
  "province_code" varchar(4) NOT NULL,
  "region_municipality" varchar(6) NOT NULL,
  "level_code" varchar(64) NOT NULL,
  "status" varchar(32) NOT NULL,
  "systemic" boolean NOT NULL,
  "n" integer NOT NULL,
  "homes" bigint NOT NULL,
  PRIMARY KEY ("knelpunt_code", "province_code", "region_municipality", "level_code", "status", "systemic")
)`);
    await queryRunner.query(`CREATE TABLE "insight_breakthrough_cells" (
  "province_code" varchar(4) NOT NULL,
  "region_municipality" varchar(6) NOT NULL,
  "level_code" varchar(64) NOT NULL,
  "systemic" boolean NOT NULL,
  "knelpunten" varchar(64)[] NOT NULL,
  "created_on" date NOT NULL,
  "date" date NOT NULL,
  "n" integer NOT NULL,
  "homes" bigint NOT NULL,
  PRIMARY KEY ("province_code", "region_municipality", "level_code", "systemic", "knelpunten", "created_on", "date")
)`);
    await queryRunner.query(`CREATE TABLE "insight_overdue_cells" (
  "organisation_id" uuid NOT NULL,
  "due_date" date NOT NULL,
  "month" date NOT NULL,
  "province_code" varchar(4) NOT NULL,
  "region_municipality" varchar(6) NOT NULL,
  "level_code" varchar(64) NOT NULL,
  "status" varchar(32) NOT NULL,
  "systemic" boolean NOT NULL,
  "n" integer NOT NULL,
  PRIMARY KEY ("organisation_id", "due_date", "month", "province_code", "region_municipality", "level_code", "status", "systemic")
)`);
    await queryRunner.query(`-- The facts of every case as they are now (one row per case).
CREATE VIEW "insight_case_facts_current" AS
  SELECT c.id AS case_id,
         date_trunc('month', c.created_at AT TIME ZONE 'Europe/Amsterdam')::date AS month,
         (c.created_at AT TIME ZONE 'Europe/Amsterdam')::date AS created_on,
         c.province_code,
         CASE WHEN c.municipality_code IN (SELECT rm.municipality_code FROM region_municipalities rm)
              THEN c.municipality_code ELSE '' END::varchar(6) AS region_municipality,
         c.level_code, c.status,
         c.id IN (SELECT sk.case_id FROM systemic_knelpunten sk) AS systemic,
         c.homes_total AS homes, coalesce(c.homes_social_or_affordable, 0) AS social,
         coalesce(k.codes, '{}')::varchar(64)[] AS knelpunten,
         coalesce(b.dates, '{}') AS bt_dates, coalesce(b.homes, '{}') AS bt_homes,
         coalesce(a.orgs, '{}') AS overdue_orgs, coalesce(a.dues, '{}') AS overdue_dates
    FROM cases c
    LEFT JOIN LATERAL (SELECT array_agg(k.knelpunt_code ORDER BY k.knelpunt_code) AS codes
                         FROM case_knelpunten k WHERE k.case_id = c.id) k ON TRUE
    LEFT JOIN LATERAL (SELECT array_agg(b.date ORDER BY b.date, b.homes_unblocked) AS dates,
                              array_agg(b.homes_unblocked ORDER BY b.date, b.homes_unblocked) AS homes
                         FROM case_breakthroughs b WHERE b.case_id = c.id AND b.current) b ON TRUE
    LEFT JOIN LATERAL (SELECT array_agg(a.organisation_id ORDER BY a.organisation_id, a.due_date) AS orgs,
                              array_agg(a.due_date ORDER BY a.organisation_id, a.due_date) AS dues
                         FROM case_assignments a
                        WHERE a.case_id = c.id AND a.removed_at IS NULL AND a.action_status <> 'done'
                          AND a.due_date IS NOT NULL) a ON TRUE`);
    await queryRunner.query(`-- Adds (sign 1) or removes (sign -1) one case's facts to or from the cells.
CREATE FUNCTION "insight_cells_add"(f "insight_case_facts", sign integer) RETURNS void LANGUAGE plpgsql AS $$
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
    await queryRunner.query(`-- Brings one case's contribution up to date: the recorded facts out, the current facts in.
CREATE FUNCTION "insight_case_refresh"(p_case uuid) RETURNS void LANGUAGE plpgsql AS $$
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
    await queryRunner.query(`CREATE FUNCTION "insight_case_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  old_id uuid;
  new_id uuid;
BEGIN
  IF TG_TABLE_NAME = 'cases' THEN
    IF TG_OP <> 'INSERT' THEN old_id := OLD.id; END IF;
    IF TG_OP <> 'DELETE' THEN new_id := NEW.id; END IF;
  ELSE
    IF TG_OP <> 'INSERT' THEN old_id := OLD.case_id; END IF;
    IF TG_OP <> 'DELETE' THEN new_id := NEW.case_id; END IF;
  END IF;
  IF old_id IS NOT NULL THEN PERFORM insight_case_refresh(old_id); END IF;
  IF new_id IS NOT NULL AND new_id IS DISTINCT FROM old_id THEN PERFORM insight_case_refresh(new_id); END IF;
  RETURN NULL;
END $$`);
    await queryRunner.query(`-- Every case from scratch (the backfill, and after a change of region membership).
CREATE FUNCTION "insight_rollup_rebuild"() RETURNS void LANGUAGE plpgsql AS $$
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
    await queryRunner.query(`CREATE FUNCTION "insight_rollup_rebuilt"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM insight_rollup_rebuild();
  RETURN NULL;
END $$`);
    await queryRunner.query(`CREATE TRIGGER "insight_rollup" AFTER INSERT OR DELETE OR UPDATE OF "municipality_code", "province_code", "level_code", "status", "homes_total", "homes_social_or_affordable", "created_at" ON "cases" FOR EACH ROW EXECUTE FUNCTION "insight_case_changed"()`);
    await queryRunner.query(`CREATE TRIGGER "insight_rollup" AFTER INSERT OR DELETE OR UPDATE ON "case_knelpunten" FOR EACH ROW EXECUTE FUNCTION "insight_case_changed"()`);
    await queryRunner.query(`CREATE TRIGGER "insight_rollup" AFTER INSERT OR DELETE OR UPDATE OF "case_id", "date", "homes_unblocked", "current" ON "case_breakthroughs" FOR EACH ROW EXECUTE FUNCTION "insight_case_changed"()`);
    await queryRunner.query(`CREATE TRIGGER "insight_rollup" AFTER INSERT OR DELETE OR UPDATE OF "case_id", "organisation_id", "due_date", "action_status", "removed_at" ON "case_assignments" FOR EACH ROW EXECUTE FUNCTION "insight_case_changed"()`);
    await queryRunner.query(`CREATE TRIGGER "insight_rollup" AFTER INSERT OR DELETE OR UPDATE ON "systemic_knelpunten" FOR EACH ROW EXECUTE FUNCTION "insight_case_changed"()`);
    await queryRunner.query(`CREATE TRIGGER "insight_rollup" AFTER INSERT OR DELETE OR UPDATE OR TRUNCATE ON "region_municipalities" FOR EACH STATEMENT EXECUTE FUNCTION "insight_rollup_rebuilt"()`);
    await queryRunner.query(`SELECT insight_rollup_rebuild()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "insight_rollup" ON "region_municipalities"`);
    await queryRunner.query(`DROP TRIGGER "insight_rollup" ON "systemic_knelpunten"`);
    await queryRunner.query(`DROP TRIGGER "insight_rollup" ON "case_assignments"`);
    await queryRunner.query(`DROP TRIGGER "insight_rollup" ON "case_breakthroughs"`);
    await queryRunner.query(`DROP TRIGGER "insight_rollup" ON "case_knelpunten"`);
    await queryRunner.query(`DROP TRIGGER "insight_rollup" ON "cases"`);
    await queryRunner.query(`DROP FUNCTION insight_rollup_rebuilt()`);
    await queryRunner.query(`DROP FUNCTION insight_rollup_rebuild()`);
    await queryRunner.query(`DROP FUNCTION insight_case_changed()`);
    await queryRunner.query(`DROP FUNCTION insight_case_refresh(uuid)`);
    await queryRunner.query(`DROP FUNCTION insight_cells_add("insight_case_facts", integer)`);
    await queryRunner.query(`DROP VIEW "insight_case_facts_current"`);
    await queryRunner.query(`DROP TABLE "insight_overdue_cells"`);
    await queryRunner.query(`DROP TABLE "insight_breakthrough_cells"`);
    await queryRunner.query(`DROP TABLE "insight_knelpunt_cells"`);
    await queryRunner.query(`DROP TABLE "insight_case_cells"`);
    await queryRunner.query(`DROP TABLE "insight_case_facts"`);
  }
}
