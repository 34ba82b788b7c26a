import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ActionLinkUsedAt1795762428208 implements MigrationInterface {
  name = 'ActionLinkUsedAt1795762428208';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "action_links" ADD "used_at" TIMESTAMP WITH TIME ZONE`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "action_links" DROP COLUMN "used_at"`);
  }
}
