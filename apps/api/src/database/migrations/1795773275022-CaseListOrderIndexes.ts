import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CaseListOrderIndexes1795773275022 implements MigrationInterface {
  name = 'CaseListOrderIndexes1795773275022';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."idx_cases_status"`);
    await queryRunner.query(`DROP INDEX "public"."idx_cases_province"`);
    await queryRunner.query(`CREATE INDEX "idx_cases_status_province_created" ON "cases" ("status", "province_code", "created_at", "id") `);
    await queryRunner.query(`CREATE INDEX "idx_cases_status_created" ON "cases" ("status", "created_at", "id") `);
    await queryRunner.query(`CREATE INDEX "idx_cases_province_created" ON "cases" ("province_code", "created_at", "id") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."idx_cases_province_created"`);
    await queryRunner.query(`DROP INDEX "public"."idx_cases_status_created"`);
    await queryRunner.query(`DROP INDEX "public"."idx_cases_status_province_created"`);
    await queryRunner.query(`CREATE INDEX "idx_cases_province" ON "cases" ("province_code") `);
    await queryRunner.query(`CREATE INDEX "idx_cases_status" ON "cases" ("status") `);
  }
}
