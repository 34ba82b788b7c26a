import {
  type Actor,
  type CreateCaseInput,
  localDate,
  MUNICIPALITIES,
  PROVINCES,
  type SOLUTION_TYPES,
} from '@doorbraak/domain';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AssignmentsService } from '../../modules/cases/assignments.service';
import { BreakthroughService } from '../../modules/cases/breakthrough.service';
import { CasesService } from '../../modules/cases/cases.service';
import { EscalationsService } from '../../modules/cases/escalations.service';
import { SessionsService } from '../../modules/identity/sessions.service';

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

/** What happened to a demo case, replayed through the real commands so its timeline and clocks are real. */
type Story =
  | { step: 'accept' }
  | { step: 'start' }
  | {
      step: 'assign';
      party: string;
      role?: 'lead' | 'contributor' | 'informed';
      action: string;
      dueInDays: number;
      contact?: string;
    }
  | { step: 'report'; party: string; status: 'in_progress' | 'done' | 'blocked'; note: string }
  | { step: 'escalate'; to: 'regional_table' | 'national_table' | 'ministerial_taskforce'; question: string }
  | { step: 'decide'; outcome: 'decided' | 'returned'; note: string }
  | {
      step: 'breakthrough';
      homes: number;
      solution: (typeof SOLUTION_TYPES)[number];
      narrative: string;
      date: string;
      credit: string[];
    };

interface DemoCase {
  input: CreateCaseInput;
  isExample: boolean;
  createdAt: Date;
  story: Story[];
}

const DAY = 86_400_000;
const BASE = Date.UTC(2026, 10, 20, 9, 0, 0);

/** The Kamerbrief's cases (facts as the letter states them), with a plausible history. */
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
      isExample: false,
      createdAt: new Date(BASE - 420 * DAY),
      story: [
        { step: 'accept' },
        { step: 'start' },
        {
          step: 'assign',
          party: 'Stedin',
          action: 'Breng de netcapaciteit en de planning van de netverzwaring in kaart.',
          dueInDays: -300,
        },
        {
          step: 'assign',
          party: 'Provincie Zuid-Holland',
          role: 'contributor',
          action: 'Verken versnelling van de procedures.',
          dueInDays: -300,
        },
        {
          step: 'escalate',
          to: 'national_table',
          question:
            'Kan de Landelijke Versnellingstafel helpen de netaansluiting en procedures rond De Stationstuinen te versnellen?',
        },
        {
          step: 'breakthrough',
          homes: 3500,
          solution: 'agreement_public_private',
          narrative:
            'Met inzet vanuit de Landelijke Versnellingstafel is een doorbraak gerealiseerd: 3.500 woningen zijn weer een stap dichterbij gekomen. (Kamerbrief)',
          date: '2025-11-14',
          credit: ['Stedin', 'Provincie Zuid-Holland'],
        },
      ],
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
      isExample: false,
      createdAt: new Date(BASE - 400 * DAY),
      story: [
        { step: 'accept' },
        { step: 'start' },
        {
          step: 'assign',
          party: 'Provincie Noord-Holland',
          action: 'Breng publieke en private partijen aan tafel over de financiering.',
          dueInDays: -250,
        },
        {
          step: 'breakthrough',
          homes: 4580,
          solution: 'agreement_public_private',
          narrative:
            'Afspraken tussen publieke en private partijen maken de bouw van 4.580 woningen bij Nieuw-Vennep mogelijk. (Kamerbrief)',
          date: '2025-12-05',
          credit: ['Provincie Noord-Holland'],
        },
      ],
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
      isExample: false,
      createdAt: new Date(BASE - 380 * DAY),
      story: [
        { step: 'accept' },
        { step: 'start' },
        {
          step: 'assign',
          party: 'Liander',
          action: 'Zoek met de overheden een lokale netoplossing.',
          dueInDays: -200,
          contact: 'netoplossingen@liander.example',
        },
        {
          step: 'report',
          party: 'Liander',
          status: 'done',
          note: 'Lokale netoplossing afgesproken; aansluitingen mogelijk.',
        },
        {
          step: 'breakthrough',
          homes: 600,
          solution: 'local_grid_solution',
          narrative:
            'Doordat de overheden met de netbeheerder zijn gaan zoeken naar een lokale oplossing, kunnen ca. 600 woningen alsnog worden gerealiseerd. (Kamerbrief)',
          date: '2025-12-12',
          credit: ['Liander'],
        },
      ],
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
      isExample: false,
      createdAt: new Date(BASE - 200 * DAY),
      story: [
        { step: 'accept' },
        { step: 'start' },
        {
          step: 'assign',
          party: 'Expertteam Woningbouw (RVO)',
          action: 'Ondersteun de gemeente met capaciteit voor de gebiedsontwikkeling.',
          dueInDays: 12,
        },
      ],
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
      isExample: false,
      createdAt: new Date(BASE - 150 * DAY),
      story: [
        { step: 'accept' },
        { step: 'start' },
        {
          step: 'assign',
          party: 'Provincie Zuid-Holland',
          action: 'Werk samen met de gemeente het gebiedsplan uit.',
          dueInDays: 25,
        },
      ],
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
      isExample: false,
      createdAt: new Date(BASE - 90 * DAY),
      story: [
        { step: 'accept' },
        { step: 'start' },
        {
          step: 'assign',
          party: 'Heijmans',
          action: 'Verken met de gemeente de mogelijkheden van vergunningsvrij bouwen.',
          dueInDays: 30,
        },
      ],
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
const GRID_OPERATOR: Record<string, string> = {
  PV20: 'Enexis Netbeheer',
  PV21: 'Liander',
  PV22: 'Enexis Netbeheer',
  PV23: 'Enexis Netbeheer',
  PV24: 'Liander',
  PV25: 'Liander',
  PV26: 'Stedin',
  PV27: 'Liander',
  PV28: 'Stedin',
  PV29: 'Stedin',
  PV30: 'Enexis Netbeheer',
  PV31: 'Enexis Netbeheer',
};

/** At least 40 invented cases over every province and knelpunt type, clearly marked "Voorbeeld". */
function exampleCases(): DemoCase[] {
  const cases: DemoCase[] = [];
  let n = 0;
  for (const province of PROVINCES) {
    for (const municipality of MUNICIPALITIES.filter((m) => m.provinceCode === province.code).slice(0, 4)) {
      const knelpunt = KNELPUNTEN[n % KNELPUNTEN.length] as string;
      const second = n % 3 === 0 ? (KNELPUNTEN[(n + 4) % KNELPUNTEN.length] as string) : null;
      const homes = 80 + ((n * 137) % 1900);
      const party =
        knelpunt === 'grid_congestion'
          ? (GRID_OPERATOR[province.code] as string)
          : `Provincie ${province.name}`;
      const stage = n % 6; // 0 submitted · 1 accepted · 2–3 in progress with a party · 4 escalated regionally · 5 escalated nationally
      const story: Story[] = [];
      if (stage >= 1) story.push({ step: 'accept' });
      if (stage >= 2) {
        story.push({ step: 'start' });
        story.push({
          step: 'assign',
          party,
          action:
            knelpunt === 'grid_congestion'
              ? 'Onderzoek netbewust aansluiten of een tijdelijke oplossing.'
              : 'Beoordeel de blokkade en stel een oplossing voor.',
          // Some actions are overdue, so the first sweep sends real breach reminders to the mailbox.
          dueInDays: n % 5 === 0 ? -3 : 10 + (n % 20),
          contact: `contact-${n}@${party.toLowerCase().replace(/[^a-z]+/g, '-')}.example`,
        });
      }
      // Liander serves these provinces: it is asked to look at the connection too (some late).
      if (stage >= 2 && party !== 'Liander' && ['PV21', 'PV24', 'PV25', 'PV27'].includes(province.code)) {
        story.push({
          step: 'assign',
          party: 'Liander',
          role: 'contributor',
          action: 'Beoordeel de netaansluiting en de capaciteit in dit gebied.',
          dueInDays: n % 4 === 0 ? -2 : 4 + (n % 10),
          contact: 'netaansluitingen@liander.example',
        });
      }
      if (stage === 3 && party === 'Liander')
        story.push({ step: 'report', party, status: 'in_progress', note: 'Netstudie loopt.' });
      if (stage === 4)
        story.push({
          step: 'escalate',
          to: 'regional_table',
          question: 'Kan de regionale tafel meedenken over een oplossing?',
        });
      if (stage === 5)
        story.push({
          step: 'escalate',
          to: 'national_table',
          question: 'Dit knelpunt speelt in meer regio’s. Kan de landelijke tafel helpen?',
        });
      cases.push({
        input: {
          projectName: `Voorbeeld: ${PLACES[n % PLACES.length]} ${municipality.name}`,
          municipalityCode: municipality.code,
          homesTotal: homes,
          homesSocialOrAffordable: Math.round(homes * 0.4),
          knelpuntTypes: second && second !== knelpunt ? [knelpunt, second] : [knelpunt],
          description: 'Voorbeelddossier voor de demo: geen echt project.',
        },
        isExample: true,
        createdAt: new Date(BASE - (n * 7 + 3) * DAY),
        story,
      });
      n += 1;
    }
  }
  return cases;
}

async function orgId(manager: EntityManager | DataSource, name: string): Promise<string> {
  const found: { id: string }[] = await manager.query(`SELECT id FROM organisations WHERE name = $1`, [name]);
  if (!found[0]) throw new Error(`Demo seed: organisation ${name} is missing`);
  return found[0].id;
}

/**
 * Demo organisations, accounts and cases, loaded once. Accounts come first in one transaction;
 * the cases then go through the real commands (so timelines, clocks and reminders are real).
 * The last case written marks the seed as done.
 */
@Injectable()
export class DemoSeedService {
  private readonly logger = new Logger('DemoSeed');

  constructor(
    private readonly db: DataSource,
    private readonly sessions: SessionsService,
    private readonly cases: CasesService,
    private readonly assignments: AssignmentsService,
    private readonly escalations: EscalationsService,
    private readonly breakthroughs: BreakthroughService,
  ) {}

  async seed(passwordHash: () => Promise<string>): Promise<boolean> {
    const done: unknown[] = await this.db.query(
      `SELECT 1 FROM cases WHERE project_name = $1 AND NOT is_example`,
      ['Vergunningsvrij bouwen'],
    );
    if (done.length > 0) return false;
    const hash = await passwordHash();
    await this.db.transaction(async (manager) => {
      for (const [name, type, provinces] of [
        ['Regionale versnellingstafel Zuid-Holland', 'table_secretariat', ['PV28']],
        ['Landelijke versnellingstafel', 'table_secretariat', []],
        ['Doorbraak beheer', 'other', []],
      ] as const) {
        await manager.query(
          `INSERT INTO organisations (name, type, province_codes) VALUES ($1, $2, $3) ON CONFLICT (name) DO NOTHING`,
          [name, type, provinces],
        );
      }
      for (const a of DEMO_ACCOUNTS) {
        await manager.query(
          `INSERT INTO users (email, name, password_hash, role, organisation_id) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (email) DO NOTHING`,
          [a.email, a.name, hash, a.role, await orgId(manager, a.organisation)],
        );
      }
    });
    const actors = new Map<string, Actor>();
    for (const a of DEMO_ACCOUNTS) {
      const user: { id: string }[] = await this.db.query(`SELECT id FROM users WHERE email = $1`, [a.email]);
      const actor = await this.sessions.actorOf((user[0] as { id: string }).id);
      if (actor) actors.set(a.role === 'municipality' ? a.email : a.role, actor);
    }
    const admin = actors.get('admin') as Actor;
    const all = [...exampleCases(), ...letterCases()];
    for (const demo of all) await this.play(demo, admin, actors);
    this.logger.log(`Demo data loaded: ${all.length} cases`);
    return true;
  }

  private async play(demo: DemoCase, admin: Actor, actors: Map<string, Actor>): Promise<void> {
    const municipality = MUNICIPALITIES.find((m) => m.code === demo.input.municipalityCode);
    if (!municipality) throw new Error(`Demo seed: unknown municipality ${demo.input.municipalityCode}`);
    const organisationName = `Gemeente ${municipality.name}`;
    const submitter: Actor = [...actors.values()].find(
      (a) => a.role === 'municipality' && a.municipalityCode === municipality.code,
    ) ?? {
      ...admin,
      organisationId: await orgId(this.db, organisationName),
      organisationName,
    };
    const table = municipality.provinceCode === 'PV28' ? (actors.get('coordinator') ?? admin) : admin;
    const national = actors.get('national') ?? admin;
    const id = await this.db.transaction((manager) =>
      this.cases.createIn(manager, submitter, demo.input, {
        isExample: demo.isExample,
        createdAt: demo.createdAt,
      }),
    );
    let level = 1;
    for (const s of demo.story) {
      const actor = level >= 3 ? national : table;
      switch (s.step) {
        case 'accept':
          await this.cases.transition(actor, id, { to: 'accepted' }, undefined);
          break;
        case 'start':
          await this.cases.transition(actor, id, { to: 'in_progress' }, undefined);
          break;
        case 'assign':
          await this.assignments.create(actor, id, {
            organisationId: await orgId(this.db, s.party),
            role: s.role ?? 'lead',
            requestedAction: s.action,
            contacts: s.contact ? [{ email: s.contact }] : [],
            dueDate: localDate(
              new Date(Math.max(Date.now() + s.dueInDays * DAY, demo.createdAt.getTime() + DAY)),
            ),
          });
          break;
        case 'report': {
          const party = actors.get('party');
          const assignment = (await this.cases.get(admin, id)).assignments.find(
            (a) => a.organisationName === s.party,
          );
          if (party && assignment && party.organisationName === s.party) {
            await this.assignments.patch(
              party,
              id,
              assignment.id,
              { actionStatus: s.status, progressNote: s.note },
              undefined,
            );
          }
          break;
        }
        case 'escalate':
          await this.escalations.open(actor, id, { toLevel: s.to, question: s.question });
          level = s.to === 'regional_table' ? 2 : 3;
          break;
        case 'decide': {
          const open = (await this.cases.get(admin, id)).escalations.find((e) => e.outcome === null);
          if (open) await this.escalations.decide(actor, id, open.id, { outcome: s.outcome, note: s.note });
          break;
        }
        case 'breakthrough':
          await this.breakthroughs.record(actor, id, {
            date: s.date < localDate(demo.createdAt) ? localDate(demo.createdAt) : s.date,
            homesUnblocked: s.homes,
            solutionType: s.solution,
            narrative: s.narrative,
            partiesCredited: await Promise.all(s.credit.map((c) => orgId(this.db, c))),
          });
          break;
      }
    }
  }
}
