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

/**
 * Woondeal regions seeded for a start; an admin confirms the members (members_to_confirm).
 * Every code is checked against the CBS 2025 list (libs/domain municipalities-2025.json).
 */
export const SEEDED_REGIONS: readonly { name: string; municipalityCodes: readonly string[] }[] = [
  {
    name: 'Regio Foodvalley',
    // Barneveld, Ede, Nijkerk, Renswoude, Rhenen, Scherpenzeel, Veenendaal, Wageningen
    municipalityCodes: ['GM0203', 'GM0228', 'GM0267', 'GM0339', 'GM0340', 'GM0279', 'GM0345', 'GM0289'],
  },
  {
    name: 'Holland Rijnland',
    // Alphen aan den Rijn, Hillegom, Kaag en Braassem, Katwijk, Leiden, Leiderdorp, Lisse, Nieuwkoop,
    // Noordwijk, Oegstgeest, Teylingen, Voorschoten, Zoeterwoude
    municipalityCodes: [
      'GM0484',
      'GM0534',
      'GM1884',
      'GM0537',
      'GM0546',
      'GM0547',
      'GM0553',
      'GM0569',
      'GM0575',
      'GM0579',
      'GM1525',
      'GM0626',
      'GM0638',
    ],
  },
  {
    name: 'Regio Groningen-Assen',
    // Groningen, Assen, Tynaarlo, Aa en Hunze, Noordenveld, Midden-Groningen
    municipalityCodes: ['GM0014', 'GM0106', 'GM1730', 'GM1680', 'GM1699', 'GM1952'],
  },
];

/** Inserts the seeded regions that do not exist yet, with their members; an existing region is left alone. */
async function seedRegions(manager: EntityManager): Promise<void> {
  for (const region of SEEDED_REGIONS) {
    const inserted: { id: string }[] = await manager.query(
      `INSERT INTO regions (name, members_to_confirm) VALUES ($1, true) ON CONFLICT (name) DO NOTHING RETURNING id`,
      [region.name],
    );
    const id = inserted[0]?.id;
    if (!id) continue; // seeded before: an admin may have changed its members since
    await manager.query(
      `INSERT INTO region_municipalities (region_id, municipality_code)
       SELECT $1, m.code FROM municipalities m WHERE m.code = ANY($2::varchar[])
       ON CONFLICT DO NOTHING`,
      [id, region.municipalityCodes],
    );
  }
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
  await seedRegions(manager);
}
