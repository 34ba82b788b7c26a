import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Initial1795751806007 implements MigrationInterface {
  name = 'Initial1795751806007';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "organisations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" text NOT NULL, "short_name" text, "type" character varying(64) NOT NULL, "municipality_code" character varying(6), "province_codes" character varying(4) array NOT NULL DEFAULT '{}', "note" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_7bf54cba378d5b2f1d4c10ef4df" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_organisations_name" ON "organisations" ("name") `);
    await queryRunner.query(`CREATE INDEX "idx_organisations_municipality" ON "organisations" ("municipality_code") `);
    await queryRunner.query(`CREATE TABLE "provinces" ("code" character varying(4) NOT NULL, "name" text NOT NULL, CONSTRAINT "PK_f4b684af62d5cb3aa174f6b9b8a" PRIMARY KEY ("code"))`);
    await queryRunner.query(`CREATE TABLE "municipalities" ("code" character varying(6) NOT NULL, "name" text NOT NULL, "province_code" character varying(4) NOT NULL, CONSTRAINT "PK_9e0e960d7323bb120dc5e915dd8" PRIMARY KEY ("code"))`);
    await queryRunner.query(`CREATE INDEX "idx_municipalities_province" ON "municipalities" ("province_code") `);
    await queryRunner.query(`CREATE TABLE "knelpunt_types" ("code" character varying(64) NOT NULL, "label_nl" text NOT NULL, "label_en" text NOT NULL, "named_in_letter" boolean NOT NULL DEFAULT false, "note" text, "active" boolean NOT NULL DEFAULT true, CONSTRAINT "PK_16c31a9e876bd187e4a1fa7a690" PRIMARY KEY ("code"))`);
    await queryRunner.query(`CREATE TABLE "escalation_levels" ("code" character varying(64) NOT NULL, "rank" integer NOT NULL, "label_nl" text NOT NULL, "label_en" text NOT NULL, CONSTRAINT "PK_afb928989fe575496f539c3d231" PRIMARY KEY ("code"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_escalation_levels_rank" ON "escalation_levels" ("rank") `);
    await queryRunner.query(`CREATE TABLE "party_types" ("code" character varying(64) NOT NULL, "label_nl" text NOT NULL, "label_en" text NOT NULL, CONSTRAINT "PK_cd1bfb428663579518f9dd4e802" PRIMARY KEY ("code"))`);
    await queryRunner.query(`CREATE TABLE "cases" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "reference" character varying(32) NOT NULL, "project_name" text NOT NULL, "municipality_code" character varying(6) NOT NULL, "province_code" character varying(4) NOT NULL, "homes_total" integer NOT NULL, "homes_social_or_affordable" integer, "description" text, "phase" character varying(16), "confidentiality" character varying(16) NOT NULL DEFAULT 'intern', "status" character varying(32) NOT NULL DEFAULT 'submitted', "level_code" character varying(64) NOT NULL DEFAULT 'woondeal_table', "is_example" boolean NOT NULL DEFAULT false, "submitter_organisation_id" uuid NOT NULL, "created_by_user_id" uuid, "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_264acb3048c240fb89aa34626db" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_cases_reference" ON "cases" ("reference") `);
    await queryRunner.query(`CREATE INDEX "idx_cases_status" ON "cases" ("status") `);
    await queryRunner.query(`CREATE INDEX "idx_cases_province" ON "cases" ("province_code") `);
    await queryRunner.query(`CREATE INDEX "idx_cases_municipality" ON "cases" ("municipality_code") `);
    await queryRunner.query(`CREATE INDEX "idx_cases_created" ON "cases" ("created_at", "id") `);
    await queryRunner.query(`CREATE TABLE "case_knelpunten" ("case_id" uuid NOT NULL, "knelpunt_code" character varying(64) NOT NULL, CONSTRAINT "PK_8102268ea04ff33b63107281861" PRIMARY KEY ("case_id", "knelpunt_code"))`);
    await queryRunner.query(`CREATE TABLE "case_reference_counters" ("year" integer NOT NULL, "last_value" integer NOT NULL, CONSTRAINT "PK_071086b2232dd1ff26fcb516140" PRIMARY KEY ("year"))`);
    await queryRunner.query(`CREATE TABLE "case_assignments" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "organisation_id" uuid NOT NULL, "role" character varying(16) NOT NULL, "requested_action" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_87ea587a5ab124bd964c8db5ff7" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_case_assignments_organisation" ON "case_assignments" ("organisation_id", "case_id") `);
    await queryRunner.query(`CREATE INDEX "idx_case_assignments_case" ON "case_assignments" ("case_id") `);
    await queryRunner.query(`CREATE TABLE "users" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "email" text NOT NULL, "name" text NOT NULL, "password_hash" text, "role" character varying(32) NOT NULL, "organisation_id" uuid NOT NULL, "language" character varying(2) NOT NULL DEFAULT 'nl', "active" boolean NOT NULL DEFAULT true, "last_login_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_a3ffb1c0c8416b9fc6f907b7433" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_users_email" ON "users" ("email") `);
    await queryRunner.query(`CREATE INDEX "idx_users_organisation" ON "users" ("organisation_id") `);
    await queryRunner.query(`CREATE TABLE "sessions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "token_hash" character varying(64) NOT NULL, "csrf_token" character varying(64) NOT NULL, "user_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "last_seen_at" TIMESTAMP WITH TIME ZONE NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "revoked_at" TIMESTAMP WITH TIME ZONE, "ip" text, "user_agent" text, CONSTRAINT "PK_3238ef96f18b355b671619111bc" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_sessions_token_hash" ON "sessions" ("token_hash") `);
    await queryRunner.query(`CREATE INDEX "idx_sessions_user" ON "sessions" ("user_id") `);
    await queryRunner.query(`ALTER TABLE "municipalities" ADD CONSTRAINT "FK_f6cd2da536c7d12aecca74f9322" FOREIGN KEY ("province_code") REFERENCES "provinces"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "cases" ADD CONSTRAINT "FK_21aaf2a51f2184d9eaa24c5620c" FOREIGN KEY ("municipality_code") REFERENCES "municipalities"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "cases" ADD CONSTRAINT "FK_5606c05a298ded26560260a570d" FOREIGN KEY ("province_code") REFERENCES "provinces"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "cases" ADD CONSTRAINT "FK_9ee0cbb9b92919cd663004ad3dd" FOREIGN KEY ("submitter_organisation_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "case_knelpunten" ADD CONSTRAINT "FK_8c9121d798cf97ad5af832b892e" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "case_assignments" ADD CONSTRAINT "FK_64f235d410e2ee29ee64a171a2f" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "case_assignments" ADD CONSTRAINT "FK_28b53e2ffd3bce482502c5e33a3" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "users" ADD CONSTRAINT "FK_2fc4294f8ec97da71d587dc5577" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "sessions" ADD CONSTRAINT "FK_085d540d9f418cfbdc7bd55bb19" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "sessions" DROP CONSTRAINT "FK_085d540d9f418cfbdc7bd55bb19"`);
    await queryRunner.query(`ALTER TABLE "users" DROP CONSTRAINT "FK_2fc4294f8ec97da71d587dc5577"`);
    await queryRunner.query(`ALTER TABLE "case_assignments" DROP CONSTRAINT "FK_28b53e2ffd3bce482502c5e33a3"`);
    await queryRunner.query(`ALTER TABLE "case_assignments" DROP CONSTRAINT "FK_64f235d410e2ee29ee64a171a2f"`);
    await queryRunner.query(`ALTER TABLE "case_knelpunten" DROP CONSTRAINT "FK_8c9121d798cf97ad5af832b892e"`);
    await queryRunner.query(`ALTER TABLE "cases" DROP CONSTRAINT "FK_9ee0cbb9b92919cd663004ad3dd"`);
    await queryRunner.query(`ALTER TABLE "cases" DROP CONSTRAINT "FK_5606c05a298ded26560260a570d"`);
    await queryRunner.query(`ALTER TABLE "cases" DROP CONSTRAINT "FK_21aaf2a51f2184d9eaa24c5620c"`);
    await queryRunner.query(`ALTER TABLE "municipalities" DROP CONSTRAINT "FK_f6cd2da536c7d12aecca74f9322"`);
    await queryRunner.query(`DROP INDEX "public"."idx_sessions_user"`);
    await queryRunner.query(`DROP INDEX "public"."uq_sessions_token_hash"`);
    await queryRunner.query(`DROP TABLE "sessions"`);
    await queryRunner.query(`DROP INDEX "public"."idx_users_organisation"`);
    await queryRunner.query(`DROP INDEX "public"."uq_users_email"`);
    await queryRunner.query(`DROP TABLE "users"`);
    await queryRunner.query(`DROP INDEX "public"."idx_case_assignments_case"`);
    await queryRunner.query(`DROP INDEX "public"."idx_case_assignments_organisation"`);
    await queryRunner.query(`DROP TABLE "case_assignments"`);
    await queryRunner.query(`DROP TABLE "case_reference_counters"`);
    await queryRunner.query(`DROP TABLE "case_knelpunten"`);
    await queryRunner.query(`DROP INDEX "public"."idx_cases_created"`);
    await queryRunner.query(`DROP INDEX "public"."idx_cases_municipality"`);
    await queryRunner.query(`DROP INDEX "public"."idx_cases_province"`);
    await queryRunner.query(`DROP INDEX "public"."idx_cases_status"`);
    await queryRunner.query(`DROP INDEX "public"."uq_cases_reference"`);
    await queryRunner.query(`DROP TABLE "cases"`);
    await queryRunner.query(`DROP TABLE "party_types"`);
    await queryRunner.query(`DROP INDEX "public"."uq_escalation_levels_rank"`);
    await queryRunner.query(`DROP TABLE "escalation_levels"`);
    await queryRunner.query(`DROP TABLE "knelpunt_types"`);
    await queryRunner.query(`DROP INDEX "public"."idx_municipalities_province"`);
    await queryRunner.query(`DROP TABLE "municipalities"`);
    await queryRunner.query(`DROP TABLE "provinces"`);
    await queryRunner.query(`DROP INDEX "public"."idx_organisations_municipality"`);
    await queryRunner.query(`DROP INDEX "public"."uq_organisations_name"`);
    await queryRunner.query(`DROP TABLE "organisations"`);
  }
}
