import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Insight1795754582772 implements MigrationInterface {
  name = 'Insight1795754582772';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "systemic_knelpunten" ("case_id" uuid NOT NULL, "knelpunt_code" character varying(64) NOT NULL, "homes_at_stake" integer NOT NULL, "created_by_user_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_868e50b664737f00f6459325cdb" PRIMARY KEY ("case_id"))`);
    await queryRunner.query(`CREATE TABLE "systemic_knelpunt_cases" ("systemic_case_id" uuid NOT NULL, "case_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_9ab633b212cab3c094978af91c4" PRIMARY KEY ("systemic_case_id", "case_id"))`);
    await queryRunner.query(`CREATE INDEX "idx_systemic_knelpunt_cases_case" ON "systemic_knelpunt_cases" ("case_id") `);
    await queryRunner.query(`CREATE TABLE "saved_views" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" text NOT NULL, "owner_user_id" uuid NOT NULL, "organisation_id" uuid NOT NULL, "shared" boolean NOT NULL DEFAULT false, "filters" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_30acd4fbe2058d97631ab9bb2b6" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_saved_views_organisation_shared" ON "saved_views" ("organisation_id") WHERE shared`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_saved_views_owner_name" ON "saved_views" ("owner_user_id", "name") `);
    await queryRunner.query(`ALTER TABLE "systemic_knelpunten" ADD CONSTRAINT "FK_868e50b664737f00f6459325cdb" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "systemic_knelpunt_cases" ADD CONSTRAINT "FK_c71d009c8bd1ea64292516e9f85" FOREIGN KEY ("systemic_case_id") REFERENCES "systemic_knelpunten"("case_id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "systemic_knelpunt_cases" ADD CONSTRAINT "FK_b588483c0aaf44bb2f80d35245e" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "saved_views" ADD CONSTRAINT "FK_da40c9199f1d9103120cb15fa35" FOREIGN KEY ("owner_user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "saved_views" ADD CONSTRAINT "FK_63718e651166626db21d60074ba" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    // Written by hand (TypeORM does not model sequences or triggers): the data version of the insight
    // cache. Every write to a table the figures read advances it — at commit time, row by row, on the
    // case tables; per statement on the reference tables (insight-cache.ts).
    await queryRunner.query(`CREATE SEQUENCE "insight_data_version"`);
    await queryRunner.query(`CREATE FUNCTION "insight_data_changed"() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM nextval('insight_data_version'); RETURN NULL; END $$`);
    await queryRunner.query(`CREATE CONSTRAINT TRIGGER "insight_data_changed" AFTER INSERT OR UPDATE OR DELETE ON "cases" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "insight_data_changed"()`);
    await queryRunner.query(`CREATE CONSTRAINT TRIGGER "insight_data_changed" AFTER INSERT OR UPDATE OR DELETE ON "case_knelpunten" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "insight_data_changed"()`);
    await queryRunner.query(`CREATE CONSTRAINT TRIGGER "insight_data_changed" AFTER INSERT OR UPDATE OR DELETE ON "case_breakthroughs" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "insight_data_changed"()`);
    await queryRunner.query(`CREATE CONSTRAINT TRIGGER "insight_data_changed" AFTER INSERT OR UPDATE OR DELETE ON "case_assignments" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "insight_data_changed"()`);
    await queryRunner.query(`CREATE CONSTRAINT TRIGGER "insight_data_changed" AFTER INSERT OR UPDATE OR DELETE ON "systemic_knelpunten" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "insight_data_changed"()`);
    await queryRunner.query(`CREATE CONSTRAINT TRIGGER "insight_data_changed" AFTER INSERT OR UPDATE OR DELETE ON "systemic_knelpunt_cases" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "insight_data_changed"()`);
    await queryRunner.query(`CREATE TRIGGER "insight_data_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "regions" FOR EACH STATEMENT EXECUTE FUNCTION "insight_data_changed"()`);
    await queryRunner.query(`CREATE TRIGGER "insight_data_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "region_municipalities" FOR EACH STATEMENT EXECUTE FUNCTION "insight_data_changed"()`);
    await queryRunner.query(`CREATE TRIGGER "insight_data_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "calendar_holidays" FOR EACH STATEMENT EXECUTE FUNCTION "insight_data_changed"()`);
    await queryRunner.query(`CREATE TRIGGER "insight_data_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "organisations" FOR EACH STATEMENT EXECUTE FUNCTION "insight_data_changed"()`);
    await queryRunner.query(`CREATE TRIGGER "insight_data_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "provinces" FOR EACH STATEMENT EXECUTE FUNCTION "insight_data_changed"()`);
    await queryRunner.query(`CREATE TRIGGER "insight_data_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "municipalities" FOR EACH STATEMENT EXECUTE FUNCTION "insight_data_changed"()`);
    await queryRunner.query(`CREATE TRIGGER "insight_data_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "knelpunt_types" FOR EACH STATEMENT EXECUTE FUNCTION "insight_data_changed"()`);
    await queryRunner.query(`CREATE TRIGGER "insight_data_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "escalation_levels" FOR EACH STATEMENT EXECUTE FUNCTION "insight_data_changed"()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "insight_data_changed" ON "cases"`);
    await queryRunner.query(`DROP TRIGGER "insight_data_changed" ON "case_knelpunten"`);
    await queryRunner.query(`DROP TRIGGER "insight_data_changed" ON "case_breakthroughs"`);
    await queryRunner.query(`DROP TRIGGER "insight_data_changed" ON "case_assignments"`);
    await queryRunner.query(`DROP TRIGGER "insight_data_changed" ON "systemic_knelpunten"`);
    await queryRunner.query(`DROP TRIGGER "insight_data_changed" ON "systemic_knelpunt_cases"`);
    await queryRunner.query(`DROP TRIGGER "insight_data_changed" ON "regions"`);
    await queryRunner.query(`DROP TRIGGER "insight_data_changed" ON "region_municipalities"`);
    await queryRunner.query(`DROP TRIGGER "insight_data_changed" ON "calendar_holidays"`);
    await queryRunner.query(`DROP TRIGGER "insight_data_changed" ON "organisations"`);
    await queryRunner.query(`DROP TRIGGER "insight_data_changed" ON "provinces"`);
    await queryRunner.query(`DROP TRIGGER "insight_data_changed" ON "municipalities"`);
    await queryRunner.query(`DROP TRIGGER "insight_data_changed" ON "knelpunt_types"`);
    await queryRunner.query(`DROP TRIGGER "insight_data_changed" ON "escalation_levels"`);
    await queryRunner.query(`DROP FUNCTION "insight_data_changed"()`);
    await queryRunner.query(`DROP SEQUENCE "insight_data_version"`);
    await queryRunner.query(`ALTER TABLE "saved_views" DROP CONSTRAINT "FK_63718e651166626db21d60074ba"`);
    await queryRunner.query(`ALTER TABLE "saved_views" DROP CONSTRAINT "FK_da40c9199f1d9103120cb15fa35"`);
    await queryRunner.query(`ALTER TABLE "systemic_knelpunt_cases" DROP CONSTRAINT "FK_b588483c0aaf44bb2f80d35245e"`);
    await queryRunner.query(`ALTER TABLE "systemic_knelpunt_cases" DROP CONSTRAINT "FK_c71d009c8bd1ea64292516e9f85"`);
    await queryRunner.query(`ALTER TABLE "systemic_knelpunten" DROP CONSTRAINT "FK_868e50b664737f00f6459325cdb"`);
    await queryRunner.query(`DROP INDEX "public"."uq_saved_views_owner_name"`);
    await queryRunner.query(`DROP INDEX "public"."idx_saved_views_organisation_shared"`);
    await queryRunner.query(`DROP TABLE "saved_views"`);
    await queryRunner.query(`DROP INDEX "public"."idx_systemic_knelpunt_cases_case"`);
    await queryRunner.query(`DROP TABLE "systemic_knelpunt_cases"`);
    await queryRunner.query(`DROP TABLE "systemic_knelpunten"`);
  }
}
