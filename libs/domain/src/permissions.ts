import type { Actor } from './actor';
import { type CaseStatus, isOpenStatus } from './case-status';
import type { Role } from './roles';

/** What the permission rules need to know about a case. */
export interface CaseFacts {
  status: CaseStatus;
  levelRank: number;
  submitterOrganisationId: string;
}

const NATIONAL_RANK = 3;

/** Runs the table: coordinators (in scope), admins, and national users once the case is national. */
function runsTheTable(actor: Pick<Actor, 'role'>, c: CaseFacts): boolean {
  return (
    actor.role === 'coordinator' ||
    actor.role === 'admin' ||
    (actor.role === 'national' && c.levelRank >= NATIONAL_RANK)
  );
}

/** Edit the case's project data (PATCH). The submitting municipality may edit until triage is done. */
export function canEditCase(actor: Pick<Actor, 'role' | 'organisationId'>, c: CaseFacts): boolean {
  if (!isOpenStatus(c.status)) return false;
  if (runsTheTable(actor, c)) return true;
  return (
    actor.role === 'municipality' &&
    actor.organisationId === c.submitterOrganisationId &&
    c.status === 'submitted'
  );
}

/** Add, change or remove parties and their actions. */
export function canManageAssignments(actor: Pick<Actor, 'role'>, c: CaseFacts): boolean {
  return isOpenStatus(c.status) && runsTheTable(actor, c);
}

/** A party member may report on its own organisation's action (status and progress note only). */
export function canReportOnAssignment(
  actor: Pick<Actor, 'role' | 'organisationId'>,
  c: CaseFacts,
  assignmentOrganisationId: string,
): boolean {
  return (
    isOpenStatus(c.status) && actor.role === 'party' && actor.organisationId === assignmentOrganisationId
  );
}

/** Open an escalation, or record its outcome. */
export function canEscalate(actor: Pick<Actor, 'role'>, c: CaseFacts): boolean {
  return runsTheTable(actor, c);
}

/** Revoke the signed action links of an assignment (also on a closed case): the table. */
export function canManageActionLinks(actor: Pick<Actor, 'role'>, c: CaseFacts): boolean {
  return runsTheTable(actor, c);
}

/** Fields a party may change on its own assignment. */
export const PARTY_ASSIGNMENT_FIELDS = ['actionStatus', 'progressNote'] as const;

/** Comment visibilities a role may read and write: the submitting municipality sees only `shared`. */
export function commentVisibilitiesFor(role: Role): readonly ('internal' | 'shared')[] {
  return role === 'municipality' ? ['shared'] : ['internal', 'shared'];
}
