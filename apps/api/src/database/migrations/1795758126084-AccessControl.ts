import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AccessControl1795758126084 implements MigrationInterface {
  name = 'AccessControl1795758126084';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "audit_log" ("id" BIGSERIAL NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "type" character varying(64) NOT NULL, "actor_user_id" uuid, "actor_label" text, "ip" character varying(64), "user_agent" text, "target_type" character varying(32), "target_id" text, "data" jsonb NOT NULL DEFAULT '{}', "request_id" character varying(100), CONSTRAINT "PK_07fefa57f7f5ab8fc3f52b3ed0b" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_audit_log_actor" ON "audit_log" ("actor_user_id", "id") `);
    await queryRunner.query(`CREATE INDEX "idx_audit_log_type" ON "audit_log" ("type", "id") `);
    await queryRunner.query(`CREATE TABLE "action_links" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "token_hash" character varying(64) NOT NULL, "purpose" character varying(32) NOT NULL DEFAULT 'assignment-action', "case_id" uuid NOT NULL, "assignment_id" uuid NOT NULL, "contact_email" text NOT NULL, "delivery_id" uuid, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "revoked_at" TIMESTAMP WITH TIME ZONE, "revoked_reason" character varying(16), "last_used_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_f114bf398f3a94f8b74f949a380" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_action_links_token_hash" ON "action_links" ("token_hash") `);
    await queryRunner.query(`CREATE INDEX "idx_action_links_case" ON "action_links" ("case_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_action_links_active" ON "action_links" ("assignment_id", "contact_email") WHERE revoked_at IS NULL`);
    await queryRunner.query(`ALTER TABLE "users" ADD "oidc_issuer" text`);
    await queryRunner.query(`ALTER TABLE "users" ADD "oidc_subject" text`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_users_oidc" ON "users" ("oidc_issuer", "oidc_subject") WHERE oidc_subject IS NOT NULL`);
    await queryRunner.query(`ALTER TABLE "action_links" ADD CONSTRAINT "FK_d2ae13ae8d1dd471da6c11df8e5" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "action_links" ADD CONSTRAINT "FK_d76696ac7c072d77f834ef980fd" FOREIGN KEY ("assignment_id") REFERENCES "case_assignments"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    // Security events and admin actions: insert-only, enforced by the database (like case_events).
    await queryRunner.query(`CREATE FUNCTION audit_log_insert_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is insert-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER audit_log_no_update_delete BEFORE UPDATE OR DELETE ON "audit_log" FOR EACH ROW EXECUTE FUNCTION audit_log_insert_only()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON "audit_log" FOR EACH STATEMENT EXECUTE FUNCTION audit_log_insert_only()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER IF EXISTS audit_log_no_truncate ON "audit_log"`);
    await queryRunner.query(`DROP TRIGGER IF EXISTS audit_log_no_update_delete ON "audit_log"`);
    await queryRunner.query(`DROP FUNCTION IF EXISTS audit_log_insert_only()`);
    await queryRunner.query(`ALTER TABLE "action_links" DROP CONSTRAINT "FK_d76696ac7c072d77f834ef980fd"`);
    await queryRunner.query(`ALTER TABLE "action_links" DROP CONSTRAINT "FK_d2ae13ae8d1dd471da6c11df8e5"`);
    await queryRunner.query(`DROP INDEX "public"."uq_users_oidc"`);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "oidc_subject"`);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "oidc_issuer"`);
    await queryRunner.query(`DROP INDEX "public"."uq_action_links_active"`);
    await queryRunner.query(`DROP INDEX "public"."idx_action_links_case"`);
    await queryRunner.query(`DROP INDEX "public"."uq_action_links_token_hash"`);
    await queryRunner.query(`DROP TABLE "action_links"`);
    await queryRunner.query(`DROP INDEX "public"."idx_audit_log_type"`);
    await queryRunner.query(`DROP INDEX "public"."idx_audit_log_actor"`);
    await queryRunner.query(`DROP TABLE "audit_log"`);
  }
}
