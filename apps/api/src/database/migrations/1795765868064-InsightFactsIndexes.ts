import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes on the per-case insight facts, so that a dashboard with a knelpunt filter or a period
 * that cuts a month reads only the matching cases' facts (docs/metrics.md, "How the dashboard is
 * computed").
 */
export class InsightFactsIndexes1795765868064 implements MigrationInterface {
  name = 'InsightFactsIndexes1795765868064';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "idx_insight_case_facts_knelpunten" ON "insight_case_facts" USING gin ("knelpunten")`);
    await queryRunner.query(`CREATE INDEX "idx_insight_case_facts_created_on" ON "insight_case_facts" ("created_on")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "idx_insight_case_facts_created_on"`);
    await queryRunner.query(`DROP INDEX "idx_insight_case_facts_knelpunten"`);
  }
}
