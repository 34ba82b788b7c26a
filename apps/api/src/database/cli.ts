/* Migration commands: `generate <Name>` writes a migration from the entities, `check` fails when
 * the entities and the committed migrations disagree, `run` applies migrations to DATABASE_URL
 * (or the embedded database in DATA_DIR). Generate and check use a fresh in-memory PostgreSQL
 * (PGlite), or DATABASE_URL when set, so they need no server. */
import 'reflect-metadata';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Query } from 'typeorm/driver/Query';
import { loadConfig } from '../config/config';
import { createDataSource } from './data-source';

const MIGRATIONS_SRC = path.resolve(__dirname, '..', '..', 'src', 'database', 'migrations');

function escape(sql: string): string {
  return sql.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${');
}

function render(queries: Query[]): string {
  return queries
    .map((q) => {
      const params = q.parameters && q.parameters.length > 0 ? `, ${JSON.stringify(q.parameters)}` : '';
      return `    await queryRunner.query(\`${escape(q.query)}\`${params});`;
    })
    .join('\n');
}

async function pendingSchemaChanges(url: string | null) {
  const ds = createDataSource({ url, dataDir: null });
  await ds.initialize();
  try {
    await ds.runMigrations({ transaction: 'each' });
    return await ds.driver.createSchemaBuilder().log();
  } finally {
    await ds.destroy();
  }
}

async function generate(name: string | undefined): Promise<number> {
  if (!name || !/^[A-Z][A-Za-z0-9]+$/.test(name)) {
    console.error('Usage: migration:generate -- <PascalCaseName>');
    return 2;
  }
  const { upQueries, downQueries } = await pendingSchemaChanges(process.env.DATABASE_URL ?? null);
  if (upQueries.length === 0) {
    console.log('No changes: the migrations already match the entities.');
    return 0;
  }
  const timestamp = Date.now();
  const className = `${name}${timestamp}`;
  const file = `${timestamp}-${name}`;
  const body = `import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ${className} implements MigrationInterface {
  name = '${className}';

  public async up(queryRunner: QueryRunner): Promise<void> {
${render(upQueries)}
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
${render(downQueries.reverse())}
  }
}
`;
  writeFileSync(path.join(MIGRATIONS_SRC, `${file}.ts`), body);
  const indexPath = path.join(MIGRATIONS_SRC, 'index.ts');
  const index = readFileSync(indexPath, 'utf8');
  const withImport = `import { ${className} } from './${file}';\n${index}`;
  const updated = withImport.replace(/= \[([^\]]*)\];/, (_m, list: string) => {
    const items = list
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)
      .concat(className);
    return `= [\n  ${items.join(',\n  ')},\n];`;
  });
  writeFileSync(indexPath, updated);
  console.log(
    `Wrote src/database/migrations/${file}.ts (${upQueries.length} statements). Review it, then commit.`,
  );
  return 0;
}

async function check(): Promise<number> {
  const { upQueries } = await pendingSchemaChanges(process.env.DATABASE_URL ?? null);
  if (upQueries.length === 0) {
    console.log('Migrations match the entities.');
    return 0;
  }
  console.error('The entities and the committed migrations disagree. Missing statements:');
  for (const q of upQueries) console.error(`  ${q.query}`);
  console.error('Run `npm run migration:generate -- <Name>` and commit the result.');
  return 1;
}

async function run(): Promise<number> {
  const config = loadConfig();
  const ds = createDataSource({ url: config.database.url, dataDir: config.database.dataDir });
  await ds.initialize();
  try {
    const applied = await ds.runMigrations({ transaction: 'each' });
    console.log(`Applied ${applied.length} migration(s).`);
    return 0;
  } finally {
    await ds.destroy();
  }
}

async function main(): Promise<number> {
  const [command, arg] = process.argv.slice(2);
  if (!existsSync(MIGRATIONS_SRC) && command === 'generate') {
    console.error(`Cannot find ${MIGRATIONS_SRC}`);
    return 2;
  }
  switch (command) {
    case 'generate':
      return generate(arg);
    case 'check':
      return check();
    case 'run':
      return run();
    case undefined:
    default:
      console.error('Usage: cli.js generate <Name> | check | run');
      return 2;
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
