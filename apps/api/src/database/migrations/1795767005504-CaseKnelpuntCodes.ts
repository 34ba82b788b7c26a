import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The statement that recomputes the copy for the cases named in one transition table. */
const sync = (rows: string) => `
  UPDATE cases c SET knelpunt_codes = ARRAY(
      SELECT k.knelpunt_code FROM case_knelpunten k WHERE k.case_id = c.id ORDER BY k.knelpunt_code)
   WHERE c.id IN (SELECT DISTINCT case_id FROM ${rows})`;

/**
 * cases.knelpunt_codes: a sorted copy of the case's rows in case_knelpunten, kept by statement
 * triggers on case_knelpunten (whoever writes them: the API, the demo seed, bulk SQL). The case
 * list filters on it (`&&`) and shows it without a lookup per row, which took a third of the
 * filtered list's database time on 100k cases (BENCHMARKS.md). A statement trigger sees one
 * transition table per event, so the new rows and the old rows each get their own function.
 */
export class CaseKnelpuntCodes1795767005504 implements MigrationInterface {
  name = 'CaseKnelpuntCodes1795767005504';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "cases" ADD "knelpunt_codes" character varying array NOT NULL DEFAULT '{}'`);
    await queryRunner.query(
      `CREATE FUNCTION "case_knelpunt_codes_new"() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN ${sync('new_rows')}; RETURN NULL; END $$`,
    );
    await queryRunner.query(
      `CREATE FUNCTION "case_knelpunt_codes_old"() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN ${sync('old_rows')}; RETURN NULL; END $$`,
    );
    for (const [name, event, table, fn] of [
      ['case_knelpunt_codes_insert', 'INSERT', 'NEW TABLE AS new_rows', 'case_knelpunt_codes_new'],
      ['case_knelpunt_codes_update_new', 'UPDATE', 'NEW TABLE AS new_rows', 'case_knelpunt_codes_new'],
      ['case_knelpunt_codes_update_old', 'UPDATE', 'OLD TABLE AS old_rows', 'case_knelpunt_codes_old'],
      ['case_knelpunt_codes_delete', 'DELETE', 'OLD TABLE AS old_rows', 'case_knelpunt_codes_old'],
    ] as const) {
      await queryRunner.query(
        `CREATE TRIGGER "${name}" AFTER ${event} ON "case_knelpunten" REFERENCING ${table} FOR EACH STATEMENT EXECUTE FUNCTION "${fn}"()`,
      );
    }
    // Existing cases. The copy is derived data: the insight figures do not change, so their
    // version trigger stays out of this one-off backfill.
    await queryRunner.query(`ALTER TABLE "cases" DISABLE TRIGGER "insight_data_changed"`);
    await queryRunner.query(`${sync('case_knelpunten')}`);
    await queryRunner.query(`ALTER TABLE "cases" ENABLE TRIGGER "insight_data_changed"`);
    // Without statistics on the new column the planner guesses `&&` matches almost nothing and
    // sorts every case of the other filters (measured: 10× slower on 100k cases until ANALYZE).
    await queryRunner.query(`ANALYZE "cases"`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const name of [
      'case_knelpunt_codes_delete',
      'case_knelpunt_codes_update_old',
      'case_knelpunt_codes_update_new',
      'case_knelpunt_codes_insert',
    ]) {
      await queryRunner.query(`DROP TRIGGER "${name}" ON "case_knelpunten"`);
    }
    await queryRunner.query(`DROP FUNCTION "case_knelpunt_codes_old"()`);
    await queryRunner.query(`DROP FUNCTION "case_knelpunt_codes_new"()`);
    await queryRunner.query(`ALTER TABLE "cases" DROP COLUMN "knelpunt_codes"`);
  }
}
