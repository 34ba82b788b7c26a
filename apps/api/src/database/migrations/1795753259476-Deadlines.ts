import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Deadlines1795753259476 implements MigrationInterface {
  name = 'Deadlines1795753259476';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "deadlines" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "kind" character varying(16) NOT NULL, "assignment_id" uuid, "escalation_id" uuid, "budget_working_days" integer NOT NULL, "started_at" TIMESTAMP WITH TIME ZONE NOT NULL, "due_date" date, "due_at" TIMESTAMP WITH TIME ZONE, "state" character varying(16) NOT NULL, "max_pause_working_days" integer NOT NULL, "max_extension_working_days" integer NOT NULL, "version" integer NOT NULL DEFAULT '1', "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_a9b8551c028a78298641a8e3470" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_deadlines_triage" ON "deadlines" ("case_id") WHERE kind = 'triage'`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_deadlines_escalation" ON "deadlines" ("escalation_id") WHERE escalation_id IS NOT NULL`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_deadlines_assignment" ON "deadlines" ("assignment_id") WHERE assignment_id IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX "idx_deadlines_state_due" ON "deadlines" ("state", "due_at") `);
    await queryRunner.query(`CREATE INDEX "idx_deadlines_case" ON "deadlines" ("case_id") `);
    await queryRunner.query(`CREATE TABLE "deadline_events" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "deadline_id" uuid NOT NULL, "seq" integer NOT NULL, "type" character varying(32) NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL, "actor_label" text NOT NULL, "data" jsonb NOT NULL, CONSTRAINT "PK_454e8eb5a8da91cc48d7962bd11" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_deadline_events_seq" ON "deadline_events" ("deadline_id", "seq") `);
    await queryRunner.query(`CREATE TABLE "scheduled_reminders" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "deadline_id" uuid NOT NULL, "deadline_version" integer NOT NULL, "threshold" character varying(32) NOT NULL, "fire_at" TIMESTAMP WITH TIME ZONE NOT NULL, "urgent" boolean NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'pending', "processed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_c8c6e41a7d963804050a9e691ac" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_scheduled_reminders_deadline" ON "scheduled_reminders" ("deadline_id", "status") `);
    await queryRunner.query(`CREATE INDEX "idx_scheduled_reminders_due" ON "scheduled_reminders" ("fire_at") WHERE status = 'pending'`);
    await queryRunner.query(`CREATE TABLE "calendar_holidays" ("date" date NOT NULL, "name" text NOT NULL, "source" character varying(16) NOT NULL, "active" boolean NOT NULL DEFAULT true, CONSTRAINT "PK_43b23ddc425cbda63aba55d1969" PRIMARY KEY ("date"))`);
    await queryRunner.query(`CREATE TABLE "deadline_policies" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "kind" character varying(16) NOT NULL, "knelpunt_code" character varying(64), "level_code" character varying(64), "budget_working_days" integer NOT NULL, "max_pause_working_days" integer NOT NULL, "max_extension_working_days" integer NOT NULL, CONSTRAINT "PK_7925ceae3f58679ed2501c65274" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_deadline_policies_kind" ON "deadline_policies" ("kind") `);
    await queryRunner.query(`CREATE TABLE "deliveries" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "dedupe_key" text NOT NULL, "kind" character varying(16) NOT NULL, "case_id" uuid, "deadline_id" uuid, "threshold" character varying(32), "recipient_email" text NOT NULL, "recipient_user_id" uuid, "language" character varying(2) NOT NULL DEFAULT 'nl', "reason" text NOT NULL, "payload" jsonb NOT NULL, "urgent" boolean NOT NULL DEFAULT true, "status" character varying(16) NOT NULL, "attempts" integer NOT NULL DEFAULT '0', "last_error" text, "message_id" text, "digest_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "enqueued_at" TIMESTAMP WITH TIME ZONE, "sent_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_a6ef225c5c5f0974e503bfb731f" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_deliveries_dedupe_key" ON "deliveries" ("dedupe_key") `);
    await queryRunner.query(`CREATE INDEX "idx_deliveries_case" ON "deliveries" ("case_id") `);
    await queryRunner.query(`CREATE INDEX "idx_deliveries_digest" ON "deliveries" ("recipient_email") WHERE status = 'digest'`);
    await queryRunner.query(`CREATE INDEX "idx_deliveries_pending" ON "deliveries" ("created_at") WHERE status IN ('pending', 'queued')`);
    await queryRunner.query(`ALTER TABLE "users" ADD "notification_mode" character varying(16) NOT NULL DEFAULT 'immediate'`);
    await queryRunner.query(`ALTER TABLE "deadlines" ADD CONSTRAINT "FK_e14a72431c2b5de785e6f2ea23f" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "deadlines" ADD CONSTRAINT "FK_44c5889cbcb735d817fc77bf243" FOREIGN KEY ("assignment_id") REFERENCES "case_assignments"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "deadlines" ADD CONSTRAINT "FK_128ad02b988ee2153dbf097f2ec" FOREIGN KEY ("escalation_id") REFERENCES "case_escalations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "deadline_events" ADD CONSTRAINT "FK_a6b74684390ece1585500d9f0c1" FOREIGN KEY ("deadline_id") REFERENCES "deadlines"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "scheduled_reminders" ADD CONSTRAINT "FK_024f73d8fe8224b85c90f824439" FOREIGN KEY ("deadline_id") REFERENCES "deadlines"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);

    // --- Written by hand: deadline history is insert-only, like the case events; the trigger
    // function (from CaseLifecycle) now names the table it guards.
    await queryRunner.query(`CREATE OR REPLACE FUNCTION case_events_insert_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is insert-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER deadline_events_no_update_delete BEFORE UPDATE OR DELETE ON "deadline_events" FOR EACH ROW EXECUTE FUNCTION case_events_insert_only()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER IF EXISTS deadline_events_no_update_delete ON "deadline_events"`);
    await queryRunner.query(`ALTER TABLE "scheduled_reminders" DROP CONSTRAINT "FK_024f73d8fe8224b85c90f824439"`);
    await queryRunner.query(`ALTER TABLE "deadline_events" DROP CONSTRAINT "FK_a6b74684390ece1585500d9f0c1"`);
    await queryRunner.query(`ALTER TABLE "deadlines" DROP CONSTRAINT "FK_128ad02b988ee2153dbf097f2ec"`);
    await queryRunner.query(`ALTER TABLE "deadlines" DROP CONSTRAINT "FK_44c5889cbcb735d817fc77bf243"`);
    await queryRunner.query(`ALTER TABLE "deadlines" DROP CONSTRAINT "FK_e14a72431c2b5de785e6f2ea23f"`);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "notification_mode"`);
    await queryRunner.query(`DROP INDEX "public"."idx_deliveries_pending"`);
    await queryRunner.query(`DROP INDEX "public"."idx_deliveries_digest"`);
    await queryRunner.query(`DROP INDEX "public"."idx_deliveries_case"`);
    await queryRunner.query(`DROP INDEX "public"."uq_deliveries_dedupe_key"`);
    await queryRunner.query(`DROP TABLE "deliveries"`);
    await queryRunner.query(`DROP INDEX "public"."idx_deadline_policies_kind"`);
    await queryRunner.query(`DROP TABLE "deadline_policies"`);
    await queryRunner.query(`DROP TABLE "calendar_holidays"`);
    await queryRunner.query(`DROP INDEX "public"."idx_scheduled_reminders_due"`);
    await queryRunner.query(`DROP INDEX "public"."idx_scheduled_reminders_deadline"`);
    await queryRunner.query(`DROP TABLE "scheduled_reminders"`);
    await queryRunner.query(`DROP INDEX "public"."uq_deadline_events_seq"`);
    await queryRunner.query(`DROP TABLE "deadline_events"`);
    await queryRunner.query(`DROP INDEX "public"."idx_deadlines_case"`);
    await queryRunner.query(`DROP INDEX "public"."idx_deadlines_state_due"`);
    await queryRunner.query(`DROP INDEX "public"."uq_deadlines_assignment"`);
    await queryRunner.query(`DROP INDEX "public"."uq_deadlines_escalation"`);
    await queryRunner.query(`DROP INDEX "public"."uq_deadlines_triage"`);
    await queryRunner.query(`DROP TABLE "deadlines"`);
  }
}
