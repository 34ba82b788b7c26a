import type { Assignment, BreakthroughRecord, Escalation } from '@doorbraak/domain';
import type { DataSource, EntityManager } from 'typeorm';
import { iso } from './case-list.query';

type Db = DataSource | EntityManager;
const day = (v: Date | string | null) =>
  v === null ? null : typeof v === 'string' ? v.slice(0, 10) : v.toISOString().slice(0, 10);

interface AssignmentRow {
  id: string;
  case_id: string;
  organisation_id: string;
  organisation_name: string;
  role: Assignment['role'];
  requested_action: string;
  contacts: Assignment['contacts'];
  due_date: string | Date | null;
  action_status: Assignment['actionStatus'];
  progress_note: string | null;
  version: number;
  created_at: Date;
  updated_at: Date;
}

export function toAssignment(r: AssignmentRow): Assignment {
  return {
    id: r.id,
    caseId: r.case_id,
    organisationId: r.organisation_id,
    organisationName: r.organisation_name,
    role: r.role,
    requestedAction: r.requested_action,
    contacts: r.contacts ?? [],
    dueDate: day(r.due_date),
    actionStatus: r.action_status,
    progressNote: r.progress_note,
    version: r.version,
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
  };
}

/** Active assignments of a case (removed ones are kept for the timeline but not listed), lead first. */
export async function loadAssignments(db: Db, caseId: string, assignmentId?: string): Promise<Assignment[]> {
  const params: unknown[] = [caseId];
  if (assignmentId) params.push(assignmentId);
  const rows: AssignmentRow[] = await db.query(
    `SELECT a.id, a.case_id, a.organisation_id, o.name AS organisation_name, a.role, a.requested_action, a.contacts,
            a.due_date::text AS due_date, a.action_status, a.progress_note, a.version, a.created_at, a.updated_at
       FROM case_assignments a JOIN organisations o ON o.id = a.organisation_id
      WHERE a.case_id = $1 AND a.removed_at IS NULL ${assignmentId ? 'AND a.id = $2' : ''}
      ORDER BY CASE a.role WHEN 'lead' THEN 0 WHEN 'contributor' THEN 1 ELSE 2 END, a.created_at, a.id`,
    params,
  );
  return rows.map(toAssignment);
}

interface EscalationRow {
  id: string;
  case_id: string;
  from_level: string;
  to_level: string;
  question: string;
  owner_organisation_id: string | null;
  owner_organisation_name: string | null;
  due_date: string | null;
  outcome: Escalation['outcome'];
  outcome_note: string | null;
  decided_at: Date | null;
  created_at: Date;
}

export function toEscalation(r: EscalationRow): Escalation {
  return {
    id: r.id,
    caseId: r.case_id,
    fromLevel: r.from_level,
    toLevel: r.to_level,
    question: r.question,
    ownerOrganisationId: r.owner_organisation_id,
    ownerOrganisationName: r.owner_organisation_name,
    dueDate: day(r.due_date),
    outcome: r.outcome,
    outcomeNote: r.outcome_note,
    decidedAt: r.decided_at ? iso(r.decided_at) : null,
    createdAt: iso(r.created_at),
  };
}

/** The case's level history, oldest first. */
export async function loadEscalations(db: Db, caseId: string, escalationId?: string): Promise<Escalation[]> {
  const params: unknown[] = [caseId];
  if (escalationId) params.push(escalationId);
  const rows: EscalationRow[] = await db.query(
    `SELECT e.id, e.case_id, e.from_level, e.to_level, e.question, e.owner_organisation_id, o.name AS owner_organisation_name,
            e.due_date::text AS due_date, e.outcome, e.outcome_note, e.decided_at, e.created_at
       FROM case_escalations e LEFT JOIN organisations o ON o.id = e.owner_organisation_id
      WHERE e.case_id = $1 ${escalationId ? 'AND e.id = $2' : ''}
      ORDER BY e.created_at, e.id`,
    params,
  );
  return rows.map(toEscalation);
}

interface BreakthroughRow {
  id: string;
  case_id: string;
  date: string;
  homes_unblocked: number;
  solution_type: BreakthroughRecord['solutionType'];
  narrative: string;
  parties: { id: string; name: string }[] | null;
  days_to_breakthrough: number | null;
  created_at: Date;
}

/** The case's current breakthrough (the one that counts), or null. */
export async function loadBreakthrough(db: Db, caseId: string): Promise<BreakthroughRecord | null> {
  const rows: BreakthroughRow[] = await db.query(
    `SELECT b.id, b.case_id, b.date::text AS date, b.homes_unblocked, b.solution_type, b.narrative, b.created_at,
            (SELECT coalesce(json_agg(json_build_object('id', o.id, 'name', o.name) ORDER BY o.name), '[]'::json)
               FROM organisations o WHERE o.id = ANY(b.parties_credited)) AS parties,
            (SELECT count(*)::int FROM generate_series(c.created_at::date + 1, b.date, interval '1 day') d
              WHERE extract(isodow FROM d) < 6) AS days_to_breakthrough
       FROM case_breakthroughs b JOIN cases c ON c.id = b.case_id
      WHERE b.case_id = $1 AND b.current
      ORDER BY b.created_at DESC LIMIT 1`,
    [caseId],
  );
  const r = rows[0];
  if (!r) return null;
  return {
    id: r.id,
    caseId: r.case_id,
    date: r.date,
    homesUnblocked: r.homes_unblocked,
    solutionType: r.solution_type,
    narrative: r.narrative,
    partiesCredited: r.parties ?? [],
    daysToBreakthrough: r.days_to_breakthrough,
    createdAt: iso(r.created_at),
  };
}
