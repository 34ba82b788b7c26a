import type {
  Assignment,
  CaseDetail,
  CaseEvent,
  CaseSummary,
  Deadline,
  Escalation,
  MailboxMessage,
  Me,
  Organisation,
  WorkItem,
} from '@doorbraak/domain';

/** Test data builders: fresh objects per call, valid against the domain schemas. */
let counter = 0;
const nextId = () => {
  counter += 1;
  return `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`;
};

export function buildMe(overrides: Partial<Me> = {}): Me {
  return {
    userId: nextId(),
    email: 'gemeente.barendrecht@demo.doorbraak.nl',
    name: 'Bea Barendrecht',
    role: 'municipality',
    organisationId: nextId(),
    organisationName: 'Gemeente Barendrecht',
    municipalityCode: 'GM0489',
    provinceCodes: [],
    ...overrides,
  };
}

export function buildCaseSummary(overrides: Partial<CaseSummary> = {}): CaseSummary {
  const id = nextId();
  return {
    id,
    reference: `DB-2026-${String(counter).padStart(4, '0')}`,
    projectName: `Project ${counter}`,
    municipalityCode: 'GM0489',
    municipalityName: 'Barendrecht',
    provinceCode: 'PV28',
    provinceName: 'Zuid-Holland',
    homesTotal: 3500,
    knelpuntTypes: ['grid_congestion'],
    status: 'submitted',
    levelCode: 'woondeal_table',
    isExample: false,
    createdAt: '2026-11-20T10:00:00.000Z',
    updatedAt: '2026-11-20T10:00:00.000Z',
    ...overrides,
  };
}

export function buildCaseDetail(overrides: Partial<CaseDetail> = {}): CaseDetail {
  return {
    ...buildCaseSummary(),
    homesSocialOrAffordable: null,
    description: null,
    phase: null,
    confidentiality: 'intern',
    locationProgramme: 'geen',
    levelRank: 1,
    submitterOrganisationId: nextId(),
    submitterOrganisationName: 'Gemeente Barendrecht',
    version: 1,
    assignments: [],
    escalations: [],
    breakthrough: null,
    deadlines: [],
    availableTransitions: [],
    permissions: { edit: false, manageAssignments: false, escalate: false, comment: true },
    ...overrides,
  };
}

export function buildMailboxMessage(overrides: Partial<MailboxMessage> = {}): MailboxMessage {
  const id = nextId();
  return {
    id,
    receivedAt: '2026-11-20T10:05:00.000Z',
    messageId: `<${id}@doorbraak.local>`,
    from: 'Doorbraak <noreply@doorbraak.local>',
    to: ['gemeente.barendrecht@demo.doorbraak.nl'],
    subject: `Herinnering ${counter}`,
    text: 'Goedemorgen,\n\nDit is een herinnering.\n',
    html: null,
    headers: {},
    ...overrides,
  };
}

export function buildOrganisation(overrides: Partial<Organisation> = {}): Organisation {
  return {
    id: nextId(),
    name: `Organisatie ${counter}`,
    shortName: null,
    type: 'grid_operator',
    municipalityCode: null,
    provinceCodes: [],
    note: null,
    ...overrides,
  };
}

export function buildAssignment(overrides: Partial<Assignment> = {}): Assignment {
  return {
    id: nextId(),
    caseId: nextId(),
    organisationId: nextId(),
    organisationName: 'Liander',
    role: 'lead',
    requestedAction: 'Onderzoek een lokale netoplossing.',
    contacts: [],
    dueDate: '2026-12-18',
    actionStatus: 'open',
    progressNote: null,
    version: 1,
    createdAt: '2026-11-21T10:00:00.000Z',
    updatedAt: '2026-11-21T10:00:00.000Z',
    ...overrides,
  };
}

export function buildEscalation(overrides: Partial<Escalation> = {}): Escalation {
  return {
    id: nextId(),
    caseId: nextId(),
    fromLevel: 'woondeal_table',
    toLevel: 'national_table',
    question: 'Kan het Rijk de netaansluiting versnellen?',
    ownerOrganisationId: null,
    ownerOrganisationName: null,
    dueDate: null,
    outcome: null,
    outcomeNote: null,
    decidedAt: null,
    createdAt: '2026-11-22T10:00:00.000Z',
    ...overrides,
  };
}

export function buildEvent(overrides: Partial<CaseEvent> = {}): CaseEvent {
  counter += 1;
  return {
    seq: counter,
    type: 'case.submitted',
    actorLabel: 'Sanne de Vries (Gemeente Barendrecht)',
    occurredAt: '2026-11-20T10:00:00.000Z',
    data: {},
    ...overrides,
  };
}

export function buildDeadline(overrides: Partial<Deadline> = {}): Deadline {
  return {
    id: nextId(),
    kind: 'assignment',
    assignmentId: null,
    escalationId: null,
    state: 'running',
    startedAt: '2026-11-02T09:00:00.000Z',
    budgetWorkingDays: 20,
    dueDate: '2026-12-01',
    dueAt: '2026-12-01T23:00:00.000Z',
    workingDaysLeft: 7,
    pause: null,
    extensionWorkingDays: 0,
    version: 1,
    ...overrides,
  };
}

export function buildWorkItem(overrides: Partial<WorkItem> = {}): WorkItem {
  return {
    caseId: nextId(),
    reference: 'DB-2026-0001',
    projectName: 'De Stationstuinen',
    kind: 'assignment',
    title: 'Netcapaciteit voor fase 1 toezeggen',
    organisationName: 'Liander',
    dueDate: '2026-12-01',
    state: 'running',
    workingDaysLeft: 7,
    ...overrides,
  };
}
