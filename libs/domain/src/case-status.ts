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
