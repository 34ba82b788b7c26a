import {
  ESCALATION_LEVELS,
  KNELPUNT_TYPES,
  MUNICIPALITIES,
  PARTIES,
  PARTY_TYPES,
  PROVINCES,
} from '@doorbraak/domain';
import type { EntityManager } from 'typeorm';

/** Inserts rows that are missing; never overwrites what an admin changed. */
async function insertMissing(
  manager: EntityManager,
  table: string,
  columns: string[],
  rows: unknown[][],
  conflict: string,
): Promise<void> {
  if (rows.length === 0) return;
  const params: unknown[] = [];
  const values = rows.map((row) => `(${row.map((v) => (params.push(v), `$${params.length}`)).join(', ')})`);
  await manager.query(
    `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${values.join(', ')} ON CONFLICT (${conflict}) DO NOTHING`,
    params,
  );
}

/** Reference data (CBS 2025, the Kamerbrief, the parties) and one organisation per municipality and province. */
export async function seedReferenceData(manager: EntityManager): Promise<void> {
  await insertMissing(
    manager,
    'provinces',
    ['code', 'name'],
    PROVINCES.map((p) => [p.code, p.name]),
    'code',
  );
  await insertMissing(
    manager,
    'municipalities',
    ['code', 'name', 'province_code'],
    MUNICIPALITIES.map((m) => [m.code, m.name, m.provinceCode]),
    'code',
  );
  await insertMissing(
    manager,
    'knelpunt_types',
    ['code', 'label_nl', 'label_en', 'named_in_letter', 'note'],
    KNELPUNT_TYPES.map((k) => [k.code, k.nl, k.en, k.namedInLetter, k.note ?? null]),
    'code',
  );
  await insertMissing(
    manager,
    'escalation_levels',
    ['code', 'rank', 'label_nl', 'label_en'],
    ESCALATION_LEVELS.map((l) => [l.code, l.rank, l.nl, l.en]),
    'code',
  );
  await insertMissing(
    manager,
    'party_types',
    ['code', 'label_nl', 'label_en'],
    PARTY_TYPES.map((t) => [t.code, t.nl, t.en]),
    'code',
  );
  await insertMissing(
    manager,
    'organisations',
    ['name', 'short_name', 'type', 'municipality_code', 'note'],
    [
      ...MUNICIPALITIES.map((m) => [`Gemeente ${m.name}`, null, 'municipality', m.code, null]),
      ...PROVINCES.map((p) => [`Provincie ${p.name}`, null, 'province', null, null]),
      ...PARTIES.map((p) => [p.name, p.short ?? null, p.type, null, p.note ?? null]),
    ],
    'name',
  );
}
