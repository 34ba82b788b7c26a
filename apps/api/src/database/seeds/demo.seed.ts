import {
  type Actor,
  type CaseStatus,
  type CreateCaseInput,
  MUNICIPALITIES,
  PROVINCES,
} from '@doorbraak/domain';
import type { DataSource, EntityManager } from 'typeorm';
import { CaseEventsService } from '../../modules/cases/case-events.service';
import { CasesService } from '../../modules/cases/cases.service';

export const DEMO_PASSWORD = 'Doorbraak-demo-2026';

export const DEMO_ACCOUNTS = [
  {
    email: 'gemeente.barendrecht@demo.doorbraak.nl',
    name: 'Sanne de Vries',
    role: 'municipality',
    organisation: 'Gemeente Barendrecht',
  },
  {
    email: 'gemeente.assen@demo.doorbraak.nl',
    name: 'Jeroen Bakker',
    role: 'municipality',
    organisation: 'Gemeente Assen',
  },
  {
    email: 'coordinator.zh@demo.doorbraak.nl',
    name: 'Fatima El Amrani',
    role: 'coordinator',
    organisation: 'Regionale versnellingstafel Zuid-Holland',
  },
  { email: 'liander@demo.doorbraak.nl', name: 'Pieter Jansen', role: 'party', organisation: 'Liander' },
  {
    email: 'landelijk@demo.doorbraak.nl',
    name: 'Anouk Visser',
    role: 'national',
    organisation: 'Landelijke versnellingstafel',
  },
  {
    email: 'admin@demo.doorbraak.nl',
    name: 'Beheerder Doorbraak',
    role: 'admin',
    organisation: 'Doorbraak beheer',
  },
] as const;

interface DemoCase {
  input: CreateCaseInput;
  status: CaseStatus;
  level: string;
  isExample: boolean;
  createdAt: Date;
  assignLiander?: boolean;
}

const DAY = 86_400_000;
const BASE = Date.UTC(2026, 10, 20, 9, 0, 0);

/** The Kamerbrief's cases (facts as the letter states them), with a plausible status. */
function letterCases(): DemoCase[] {
  return [
    {
      input: {
        projectName: 'De Stationstuinen',
        municipalityCode: 'GM0489',
        homesTotal: 3500,
        knelpuntTypes: ['grid_congestion', 'procedures'],
        description:
          'Met inzet vanuit de Landelijke Versnellingstafel is een doorbraak gerealiseerd bij het project De Stationstuinen in Barendrecht, waardoor 3.500 woningen weer een stap dichterbij zijn gekomen. (Kamerbrief)',
      },
      status: 'breakthrough',
      level: 'national_table',
      isExample: false,
      createdAt: new Date(BASE - 420 * DAY),
    },
    {
      input: {
        projectName: 'Nieuw-Vennep',
        municipalityCode: 'GM0394',
        homesTotal: 4580,
        knelpuntTypes: ['financial_feasibility'],
        description:
          'Afspraken tussen publieke en private partijen maken de bouw van 4.580 woningen bij Nieuw-Vennep mogelijk. (Kamerbrief)',
      },
      status: 'breakthrough',
      level: 'regional_table',
      isExample: false,
      createdAt: new Date(BASE - 400 * DAY),
    },
    {
      input: {
        projectName: 'Projecten vastgelopen op netcongestie in Friesland',
        municipalityCode: 'GM0080',
        homesTotal: 600,
        knelpuntTypes: ['grid_congestion'],
        description:
          'Vanwege netcongestie dreigde een aantal projecten in Friesland vast te lopen. Doordat de overheden met de netbeheerder zijn gaan zoeken naar een lokale oplossing, kunnen ca. 600 woningen alsnog worden gerealiseerd. (Kamerbrief; de brief noemt geen gemeente, het dossier staat ter illustratie op Leeuwarden.)',
      },
      status: 'breakthrough',
      level: 'regional_table',
      isExample: false,
      createdAt: new Date(BASE - 380 * DAY),
      assignLiander: true,
    },
    {
      input: {
        projectName: 'Stadskwartier',
        municipalityCode: 'GM0106',
        homesTotal: 1350,
        knelpuntTypes: ['municipal_capacity'],
        description:
          'Voor de gemeente Assen is afgesproken de samenwerking te intensiveren op de gebiedsontwikkeling Stadskwartier, waar ca. 1.350 woningen moeten komen. (Kamerbrief)',
      },
      status: 'in_progress',
      level: 'regional_table',
      isExample: false,
      createdAt: new Date(BASE - 200 * DAY),
    },
    {
      input: {
        projectName: 'Koudekerk (gebiedsplan incl. locatie Weidevogel)',
        municipalityCode: 'GM0484',
        homesTotal: 0,
        knelpuntTypes: ['procedures'],
        description:
          'Uitvoering motie-Mooiman: woningbouw in Koudekerk besproken met de gemeente Alphen aan den Rijn en de provincie Zuid-Holland; gebiedsplan in de maak. Aantal woningen nog niet bekend. (Kamerbrief)',
      },
      status: 'in_progress',
      level: 'regional_table',
      isExample: false,
      createdAt: new Date(BASE - 150 * DAY),
    },
    {
      input: {
        projectName: 'Vergunningsvrij bouwen',
        municipalityCode: 'GM0865',
        homesTotal: 0,
        knelpuntTypes: ['procedures'],
        description:
          'Afspraak tussen de gemeente Vught en Heijmans om samen de mogelijkheden te verkennen naar vergunningsvrij bouwen. Aantal woningen nog niet bekend. (Kamerbrief)',
      },
      status: 'accepted',
      level: 'woondeal_table',
      isExample: false,
      createdAt: new Date(BASE - 90 * DAY),
    },
  ];
}

const PLACES = [
  'Stationsgebied',
  'Havenkwartier',
  'De Nieuwe Akkers',
  'Spoorzone',
  'Dorpsrand Noord',
  'Centrum-Oost',
  'Kanaalzone',
];
const KNELPUNTEN = [
  'grid_congestion',
  'nitrogen',
  'municipal_capacity',
  'zoning_spray_zone',
  'zoning_livestock',
  'corporation_investment',
  'procedures',
  'financial_feasibility',
  'species_protection',
];
const STATUSES: [CaseStatus, string][] = [
  ['submitted', 'woondeal_table'],
  ['accepted', 'woondeal_table'],
  ['in_progress', 'regional_table'],
  ['in_progress', 'regional_table'],
  ['escalated', 'national_table'],
  ['submitted', 'woondeal_table'],
];

/** At least 40 invented cases, spread over every province and knelpunt type, clearly marked "Voorbeeld". */
function exampleCases(): DemoCase[] {
  const cases: DemoCase[] = [];
  let n = 0;
  for (const province of PROVINCES) {
    const members = MUNICIPALITIES.filter((m) => m.provinceCode === province.code).slice(0, 4);
    for (const municipality of members) {
      const knelpunt = KNELPUNTEN[n % KNELPUNTEN.length] as string;
      const second = n % 3 === 0 ? [KNELPUNTEN[(n + 4) % KNELPUNTEN.length] as string] : [];
      const [status, level] = STATUSES[n % STATUSES.length] as [CaseStatus, string];
      const homes = 80 + ((n * 137) % 1900);
      cases.push({
        input: {
          projectName: `Voorbeeld: ${PLACES[n % PLACES.length]} ${municipality.name}`,
          municipalityCode: municipality.code,
          homesTotal: homes,
          homesSocialOrAffordable: Math.round(homes * 0.4),
          knelpuntTypes: [knelpunt, ...second.filter((s) => s !== knelpunt)],
          description: 'Voorbeelddossier voor de demo: geen echt project.',
        },
        status,
        level,
        isExample: true,
        createdAt: new Date(BASE - (n * 7 + 3) * DAY),
        assignLiander:
          knelpunt === 'grid_congestion' && ['PV21', 'PV24', 'PV25', 'PV27'].includes(province.code),
      });
      n += 1;
    }
  }
  return cases;
}

async function orgId(
  manager: EntityManager,
  name: string,
  create?: { type: string; provinceCodes?: string[] },
) {
  const found: { id: string }[] = await manager.query(`SELECT id FROM organisations WHERE name = $1`, [name]);
  if (found[0]) return found[0].id;
  if (!create) throw new Error(`Seed: organisation ${name} is missing`);
  const rows: { id: string }[] = await manager.query(
    `INSERT INTO organisations (name, type, province_codes) VALUES ($1, $2, $3) RETURNING id`,
    [name, create.type, create.provinceCodes ?? []],
  );
  return (rows[0] as { id: string }).id;
}

/**
 * Demo organisations, accounts and cases, loaded once (the demo admin account marks it done).
 * Runs in one transaction: a failed seed leaves nothing behind.
 */
export async function seedDemoData(db: DataSource, passwordHash: string): Promise<boolean> {
  return db.transaction(async (manager) => {
    const done: unknown[] = await manager.query(`SELECT 1 FROM users WHERE email = $1`, [
      'admin@demo.doorbraak.nl',
    ]);
    if (done.length > 0) return false;

    await orgId(manager, 'Regionale versnellingstafel Zuid-Holland', {
      type: 'table_secretariat',
      provinceCodes: ['PV28'],
    });
    await orgId(manager, 'Landelijke versnellingstafel', { type: 'table_secretariat' });
    await orgId(manager, 'Doorbraak beheer', { type: 'other' });

    const users: Record<string, string> = {};
    for (const account of DEMO_ACCOUNTS) {
      const organisationId = await orgId(manager, account.organisation);
      const rows: { id: string }[] = await manager.query(
        `INSERT INTO users (email, name, password_hash, role, organisation_id) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [account.email, account.name, passwordHash, account.role, organisationId],
      );
      users[account.email] = (rows[0] as { id: string }).id;
    }

    const cases = new CasesService(db, new CaseEventsService(db));
    const liander = await orgId(manager, 'Liander');
    const all = [...letterCases(), ...exampleCases()].sort(
      (a, b) => a.createdAt.getTime() - b.createdAt.getTime(),
    );
    for (const demo of all) {
      const municipality = MUNICIPALITIES.find((m) => m.code === demo.input.municipalityCode);
      if (!municipality) throw new Error(`Seed: unknown municipality ${demo.input.municipalityCode}`);
      const submitter: Actor = {
        userId: users['admin@demo.doorbraak.nl'] as string,
        email: 'admin@demo.doorbraak.nl',
        name: 'Demo seed',
        role: 'admin',
        organisationId: await orgId(manager, `Gemeente ${municipality.name}`),
        organisationName: `Gemeente ${municipality.name}`,
        municipalityCode: municipality.code,
        provinceCodes: [],
      };
      const id = await cases.createIn(manager, submitter, demo.input, {
        isExample: demo.isExample,
        createdAt: demo.createdAt,
      });
      await manager.query(`UPDATE cases SET status = $2, level_code = $3 WHERE id = $1`, [
        id,
        demo.status,
        demo.level,
      ]);
      if (demo.assignLiander) {
        await manager.query(
          `INSERT INTO case_assignments (case_id, organisation_id, role, requested_action) VALUES ($1, $2, 'lead', $3)`,
          [
            id,
            liander,
            'Onderzoek een lokale netoplossing (bijv. netbewust aansluiten) en rapporteer aan de tafel.',
          ],
        );
      }
    }
    return true;
  });
}
