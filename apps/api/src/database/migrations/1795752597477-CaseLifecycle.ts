import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CaseLifecycle1795752597477 implements MigrationInterface {
  name = 'CaseLifecycle1795752597477';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "case_escalations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "from_level" character varying(64) NOT NULL, "to_level" character varying(64) NOT NULL, "question" text NOT NULL, "owner_organisation_id" uuid, "due_date" date, "outcome" character varying(16), "outcome_note" text, "decided_at" TIMESTAMP WITH TIME ZONE, "created_by_user_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_62a4a9f307723a5f2e729f440fd" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_case_escalations_open" ON "case_escalations" ("case_id") WHERE outcome IS NULL`);
    await queryRunner.query(`CREATE INDEX "idx_case_escalations_case" ON "case_escalations" ("case_id", "created_at") `);
    await queryRunner.query(`CREATE TABLE "case_breakthroughs" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "date" date NOT NULL, "homes_unblocked" integer NOT NULL, "solution_type" character varying(32) NOT NULL, "narrative" text NOT NULL, "parties_credited" uuid array NOT NULL DEFAULT '{}', "current" boolean NOT NULL DEFAULT true, "created_by_user_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_c94fb0c93682ea1e054dc3d8890" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_case_breakthroughs_case" ON "case_breakthroughs" ("case_id") `);
    await queryRunner.query(`CREATE TABLE "case_comments" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "author_user_id" uuid, "author_organisation_id" uuid, "author_label" text NOT NULL, "body" text NOT NULL, "visibility" character varying(16) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_e309fb1394ca40f0f931642981f" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_case_comments_case" ON "case_comments" ("case_id", "created_at") `);
    await queryRunner.query(`CREATE TABLE "case_attachments" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "filename" text NOT NULL, "content_type" character varying(128) NOT NULL, "size_bytes" integer NOT NULL, "sha256" character varying(64) NOT NULL, "storage_key" text NOT NULL, "visibility" character varying(16) NOT NULL DEFAULT 'internal', "uploaded_by_user_id" uuid, "uploaded_by_organisation_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_9680beedc0b2d26fafb04435fb8" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_case_attachments_case" ON "case_attachments" ("case_id", "created_at") `);
    await queryRunner.query(`CREATE TABLE "case_events" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "seq" integer NOT NULL, "type" character varying(64) NOT NULL, "actor_user_id" uuid, "actor_organisation_id" uuid, "actor_label" text NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "data" jsonb NOT NULL, "visibility" character varying(16) NOT NULL DEFAULT 'shared', "prev_hash" character varying(64), "hash" character varying(64) NOT NULL, CONSTRAINT "PK_61f203ee26b76c6438bbcc7bde6" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_case_events_occurred" ON "case_events" ("occurred_at") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_case_events_case_seq" ON "case_events" ("case_id", "seq") `);
    await queryRunner.query(`CREATE TABLE "regions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" text NOT NULL, "members_to_confirm" boolean NOT NULL DEFAULT true, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_4fcd12ed6a046276e2deb08801c" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_regions_name" ON "regions" ("name") `);
    await queryRunner.query(`CREATE TABLE "region_municipalities" ("region_id" uuid NOT NULL, "municipality_code" character varying(6) NOT NULL, CONSTRAINT "PK_47a6f3bfbbefed8ea8885f54af9" PRIMARY KEY ("region_id", "municipality_code"))`);
    await queryRunner.query(`CREATE INDEX "idx_region_municipalities_municipality" ON "region_municipalities" ("municipality_code") `);
    await queryRunner.query(`ALTER TABLE "cases" ADD "location_programme" character varying(32) NOT NULL DEFAULT 'geen'`);
    await queryRunner.query(`ALTER TABLE "cases" ADD "latitude" double precision`);
    await queryRunner.query(`ALTER TABLE "cases" ADD "longitude" double precision`);
    await queryRunner.query(`ALTER TABLE "cases" ADD "closed_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "case_assignments" ADD "contacts" jsonb NOT NULL DEFAULT '[]'`);
    await queryRunner.query(`ALTER TABLE "case_assignments" ADD "due_date" date`);
    await queryRunner.query(`ALTER TABLE "case_assignments" ADD "action_status" character varying(16) NOT NULL DEFAULT 'open'`);
    await queryRunner.query(`ALTER TABLE "case_assignments" ADD "progress_note" text`);
    await queryRunner.query(`ALTER TABLE "case_assignments" ADD "version" integer NOT NULL DEFAULT '1'`);
    await queryRunner.query(`ALTER TABLE "case_assignments" ADD "removed_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "case_assignments" ADD "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_case_assignments_open_party" ON "case_assignments" ("case_id", "organisation_id") WHERE removed_at IS NULL`);
    await queryRunner.query(`ALTER TABLE "case_escalations" ADD CONSTRAINT "FK_93b3ebedfc57744b638b8626ea9" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "case_escalations" ADD CONSTRAINT "FK_568913932f0d60c150f50977168" FOREIGN KEY ("owner_organisation_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "case_breakthroughs" ADD CONSTRAINT "FK_54ea54e28acb58d6cf197235191" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "case_comments" ADD CONSTRAINT "FK_8084a4a5261a930aa19b75b3a34" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "case_attachments" ADD CONSTRAINT "FK_b786b12df72a5221b85ad640963" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "case_events" ADD CONSTRAINT "FK_259dbf949114e25670ac6cad205" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "region_municipalities" ADD CONSTRAINT "FK_89f0d4fc2356437206a80e5fc5c" FOREIGN KEY ("region_id") REFERENCES "regions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "region_municipalities" ADD CONSTRAINT "FK_34d79c9a4f4d91964b7a7412373" FOREIGN KEY ("municipality_code") REFERENCES "municipalities"("code") ON DELETE CASCADE ON UPDATE NO ACTION`);

    // --- Written by hand (TypeORM cannot describe these) ---
    // Free-text search: Dutch stemming, and trigram word similarity for compounds and typos
    // ("netcongesties" finds "netcongestie"). The expressions must match cases.search.ts.
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await queryRunner.query(
      `CREATE INDEX "idx_cases_fts" ON "cases" USING GIN (to_tsvector('dutch', project_name || ' ' || coalesce(description, '')))`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_cases_trgm" ON "cases" USING GIN (lower(project_name || ' ' || coalesce(description, '')) gin_trgm_ops)`,
    );
    // The timeline is the audit log: insert-only, enforced by the database.
    await queryRunner.query(`CREATE FUNCTION case_events_insert_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'case_events is insert-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER case_events_no_update_delete BEFORE UPDATE OR DELETE ON "case_events" FOR EACH ROW EXECUTE FUNCTION case_events_insert_only()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER case_events_no_truncate BEFORE TRUNCATE ON "case_events" FOR EACH STATEMENT EXECUTE FUNCTION case_events_insert_only()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER IF EXISTS case_events_no_truncate ON "case_events"`);
    await queryRunner.query(`DROP TRIGGER IF EXISTS case_events_no_update_delete ON "case_events"`);
    await queryRunner.query(`DROP FUNCTION IF EXISTS case_events_insert_only()`);
    await queryRunner.query(`DROP INDEX IF EXISTS "idx_cases_trgm"`);
    await queryRunner.query(`DROP INDEX IF EXISTS "idx_cases_fts"`);
    await queryRunner.query(`ALTER TABLE "region_municipalities" DROP CONSTRAINT "FK_34d79c9a4f4d91964b7a7412373"`);
    await queryRunner.query(`ALTER TABLE "region_municipalities" DROP CONSTRAINT "FK_89f0d4fc2356437206a80e5fc5c"`);
    await queryRunner.query(`ALTER TABLE "case_events" DROP CONSTRAINT "FK_259dbf949114e25670ac6cad205"`);
    await queryRunner.query(`ALTER TABLE "case_attachments" DROP CONSTRAINT "FK_b786b12df72a5221b85ad640963"`);
    await queryRunner.query(`ALTER TABLE "case_comments" DROP CONSTRAINT "FK_8084a4a5261a930aa19b75b3a34"`);
    await queryRunner.query(`ALTER TABLE "case_breakthroughs" DROP CONSTRAINT "FK_54ea54e28acb58d6cf197235191"`);
    await queryRunner.query(`ALTER TABLE "case_escalations" DROP CONSTRAINT "FK_568913932f0d60c150f50977168"`);
    await queryRunner.query(`ALTER TABLE "case_escalations" DROP CONSTRAINT "FK_93b3ebedfc57744b638b8626ea9"`);
    await queryRunner.query(`DROP INDEX "public"."uq_case_assignments_open_party"`);
    await queryRunner.query(`ALTER TABLE "case_assignments" DROP COLUMN "updated_at"`);
    await queryRunner.query(`ALTER TABLE "case_assignments" DROP COLUMN "removed_at"`);
    await queryRunner.query(`ALTER TABLE "case_assignments" DROP COLUMN "version"`);
    await queryRunner.query(`ALTER TABLE "case_assignments" DROP COLUMN "progress_note"`);
    await queryRunner.query(`ALTER TABLE "case_assignments" DROP COLUMN "action_status"`);
    await queryRunner.query(`ALTER TABLE "case_assignments" DROP COLUMN "due_date"`);
    await queryRunner.query(`ALTER TABLE "case_assignments" DROP COLUMN "contacts"`);
    await queryRunner.query(`ALTER TABLE "cases" DROP COLUMN "closed_at"`);
    await queryRunner.query(`ALTER TABLE "cases" DROP COLUMN "longitude"`);
    await queryRunner.query(`ALTER TABLE "cases" DROP COLUMN "latitude"`);
    await queryRunner.query(`ALTER TABLE "cases" DROP COLUMN "location_programme"`);
    await queryRunner.query(`DROP INDEX "public"."idx_region_municipalities_municipality"`);
    await queryRunner.query(`DROP TABLE "region_municipalities"`);
    await queryRunner.query(`DROP INDEX "public"."uq_regions_name"`);
    await queryRunner.query(`DROP TABLE "regions"`);
    await queryRunner.query(`DROP INDEX "public"."uq_case_events_case_seq"`);
    await queryRunner.query(`DROP INDEX "public"."idx_case_events_occurred"`);
    await queryRunner.query(`DROP TABLE "case_events"`);
    await queryRunner.query(`DROP INDEX "public"."idx_case_attachments_case"`);
    await queryRunner.query(`DROP TABLE "case_attachments"`);
    await queryRunner.query(`DROP INDEX "public"."idx_case_comments_case"`);
    await queryRunner.query(`DROP TABLE "case_comments"`);
    await queryRunner.query(`DROP INDEX "public"."idx_case_breakthroughs_case"`);
    await queryRunner.query(`DROP TABLE "case_breakthroughs"`);
    await queryRunner.query(`DROP INDEX "public"."idx_case_escalations_case"`);
    await queryRunner.query(`DROP INDEX "public"."uq_case_escalations_open"`);
    await queryRunner.query(`DROP TABLE "case_escalations"`);
  }
}
