import type { Role } from './roles';

export const CASE_STATUSES = [
  'submitted',
  'accepted',
  'rejected',
  'in_progress',
  'escalated',
  'breakthrough',
  'closed',
  'reopened',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const CASE_STATUS_LABELS: Record<CaseStatus, { nl: string; en: string }> = {
  submitted: { nl: 'Ingediend', en: 'Submitted' },
  accepted: { nl: 'Geaccepteerd', en: 'Accepted' },
  rejected: { nl: 'Afgewezen', en: 'Rejected' },
  in_progress: { nl: 'In behandeling', en: 'In progress' },
  escalated: { nl: 'Opgeschaald', en: 'Escalated' },
  breakthrough: { nl: 'Doorbraak', en: 'Breakthrough' },
  closed: { nl: 'Gesloten', en: 'Closed' },
  reopened: { nl: 'Heropend', en: 'Reopened' },
};

/** Statuses in which a case still needs work. */
export const OPEN_STATUSES: readonly CaseStatus[] = [
  'submitted',
  'accepted',
  'in_progress',
  'escalated',
  'reopened',
];

export function isOpenStatus(status: CaseStatus): boolean {
  return OPEN_STATUSES.includes(status);
}

/**
 * How an edge is taken. `transition` edges go through POST /cases/{id}/transitions; the others
 * only as the side effect of their own command (opening an escalation, deciding it, recording a
 * breakthrough), which carries the data the edge needs.
 */
export type TransitionVia = 'transition' | 'escalation' | 'escalation-outcome' | 'breakthrough';

/** The rule that refused a transition; the API answers 409 with a problem `type` naming it. */
export const TRANSITION_RULES = [
  'no-such-edge',
  'role-not-allowed',
  'reason-required',
  'use-dedicated-command',
  'level-not-reached',
  'homes-unblocked-required',
  'solution-required',
  'open-escalation-required',
  'open-escalation-exists',
] as const;
export type TransitionRule = (typeof TRANSITION_RULES)[number];

export interface TransitionEdge {
  from: CaseStatus;
  to: CaseStatus;
  roles: readonly Role[];
  reasonRequired: boolean;
  via: TransitionVia;
  /** national users may take the edge only when the case stands at this ladder rank or higher. */
  nationalFromRank?: number;
}

const TABLE_ROLES: readonly Role[] = ['coordinator', 'national', 'admin'];
const NATIONAL_RANK = 3;

function edges(
  from: readonly CaseStatus[],
  to: CaseStatus,
  rest: Omit<TransitionEdge, 'from' | 'to'>,
): TransitionEdge[] {
  return from.map((f) => ({ from: f, to, ...rest }));
}

/**
 * The case status machine as data. Every edge names the roles that may take it, whether it
 * needs a reason, and how it is taken. Used by the api (to check) and the web (to offer only
 * the actions an actor may take).
 */
export const TRANSITIONS: readonly TransitionEdge[] = [
  {
    from: 'submitted',
    to: 'accepted',
    roles: TABLE_ROLES,
    reasonRequired: false,
    via: 'transition',
    nationalFromRank: NATIONAL_RANK,
  },
  {
    from: 'submitted',
    to: 'rejected',
    roles: TABLE_ROLES,
    reasonRequired: true,
    via: 'transition',
    nationalFromRank: NATIONAL_RANK,
  },
  {
    from: 'accepted',
    to: 'in_progress',
    roles: TABLE_ROLES,
    reasonRequired: false,
    via: 'transition',
    nationalFromRank: NATIONAL_RANK,
  },
  {
    from: 'reopened',
    to: 'in_progress',
    roles: TABLE_ROLES,
    reasonRequired: false,
    via: 'transition',
    nationalFromRank: NATIONAL_RANK,
  },
  {
    from: 'in_progress',
    to: 'escalated',
    roles: TABLE_ROLES,
    reasonRequired: false,
    via: 'escalation',
    nationalFromRank: NATIONAL_RANK,
  },
  {
    from: 'escalated',
    to: 'in_progress',
    roles: TABLE_ROLES,
    reasonRequired: false,
    via: 'escalation-outcome',
    nationalFromRank: NATIONAL_RANK,
  },
  ...edges(['submitted', 'accepted', 'in_progress', 'escalated', 'reopened'], 'breakthrough', {
    roles: TABLE_ROLES,
    reasonRequired: false,
    via: 'breakthrough',
    nationalFromRank: NATIONAL_RANK,
  }),
  ...edges(['accepted', 'in_progress', 'escalated', 'reopened'], 'closed', {
    roles: TABLE_ROLES,
    reasonRequired: true,
    via: 'transition',
    nationalFromRank: NATIONAL_RANK,
  }),
  // A municipality may withdraw its own submission before triage.
  {
    from: 'submitted',
    to: 'closed',
    roles: ['municipality', ...TABLE_ROLES],
    reasonRequired: true,
    via: 'transition',
    nationalFromRank: NATIONAL_RANK,
  },
  ...edges(['breakthrough', 'closed'], 'reopened', {
    roles: TABLE_ROLES,
    reasonRequired: true,
    via: 'transition',
    nationalFromRank: NATIONAL_RANK,
  }),
];

export interface TransitionSubject {
  status: CaseStatus;
  /** Rank of the case's current level on the ladder (1 = woondealtafel). */
  levelRank: number;
}

export interface TransitionActor {
  role: Role;
}

function roleMayTake(edge: TransitionEdge, subject: TransitionSubject, actor: TransitionActor): boolean {
  if (!edge.roles.includes(actor.role)) return false;
  if (actor.role === 'national' && edge.nationalFromRank !== undefined)
    return subject.levelRank >= edge.nationalFromRank;
  return true;
}

/** The edges this actor may take from the case's status (the web shows exactly these actions). */
export function availableTransitions(subject: TransitionSubject, actor: TransitionActor): TransitionEdge[] {
  return TRANSITIONS.filter((e) => e.from === subject.status && roleMayTake(e, subject, actor));
}

export type TransitionCheck = { ok: true; edge: TransitionEdge } | { ok: false; rule: TransitionRule };

/**
 * Whether `actor` may move the case to `to` by the given command. Scope (may the actor see the
 * case at all) is checked before this, by the query.
 */
export function checkTransition(
  subject: TransitionSubject,
  actor: TransitionActor,
  to: CaseStatus,
  command: { via: TransitionVia; reason?: string | null },
): TransitionCheck {
  const edge = TRANSITIONS.find((e) => e.from === subject.status && e.to === to);
  if (!edge) return { ok: false, rule: 'no-such-edge' };
  if (!edge.roles.includes(actor.role)) return { ok: false, rule: 'role-not-allowed' };
  if (!roleMayTake(edge, subject, actor)) return { ok: false, rule: 'level-not-reached' };
  if (edge.via !== command.via) return { ok: false, rule: 'use-dedicated-command' };
  if (edge.reasonRequired && !command.reason?.trim()) return { ok: false, rule: 'reason-required' };
  return { ok: true, edge };
}

export const TRANSITION_RULE_MESSAGES: Record<TransitionRule, { nl: string; en: string }> = {
  'no-such-edge': {
    nl: 'Deze statuswijziging bestaat niet vanuit de huidige status.',
    en: 'This status change does not exist from the current status.',
  },
  'role-not-allowed': {
    nl: 'Uw rol mag deze statuswijziging niet doen.',
    en: 'Your role may not make this status change.',
  },
  'reason-required': {
    nl: 'Geef een reden voor deze statuswijziging.',
    en: 'Give a reason for this status change.',
  },
  'use-dedicated-command': {
    nl: 'Deze statuswijziging gaat via een eigen actie (opschalen, besluit of doorbraak vastleggen).',
    en: 'This status change is made through its own action (escalate, decide, or record a breakthrough).',
  },
  'level-not-reached': {
    nl: 'Het dossier staat nog niet op landelijk niveau.',
    en: 'The case is not at national level yet.',
  },
  'homes-unblocked-required': {
    nl: 'Een doorbraak vraagt een aantal vrijgespeelde woningen groter dan 0.',
    en: 'A breakthrough needs more than 0 homes unblocked.',
  },
  'solution-required': { nl: 'Een doorbraak vraagt een oplossing.', en: 'A breakthrough needs a solution.' },
  'open-escalation-required': {
    nl: 'Er is geen openstaande opschaling.',
    en: 'There is no open escalation.',
  },
  'open-escalation-exists': {
    nl: 'Er loopt al een opschaling; wacht op het besluit.',
    en: 'An escalation is already open; wait for its decision.',
  },
};
