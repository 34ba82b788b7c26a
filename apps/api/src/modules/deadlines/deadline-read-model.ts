import { type Deadline, localDate, type WorkingCalendar, workingDaysBetween } from '@doorbraak/domain';
import type { DataSource, EntityManager } from 'typeorm';

interface DeadlineRow {
  id: string;
  kind: Deadline['kind'];
  assignment_id: string | null;
  escalation_id: string | null;
  state: Deadline['state'];
  started_at: Date;
  budget_working_days: number;
  due_date: string | null;
  due_at: Date | null;
  version: number;
  pause: { reason: string; expectedResume: string | null; since: string } | null;
  extension_days: number;
}

/** The clocks of a case (or one of them), with working days left on today's calendar. */
export async function loadDeadlines(
  db: DataSource | EntityManager,
  calendar: WorkingCalendar,
  caseId: string,
  deadlineId?: string,
): Promise<Deadline[]> {
  const params: unknown[] = [caseId];
  if (deadlineId) params.push(deadlineId);
  const found: DeadlineRow[] = await db.query(
    `SELECT d.id, d.kind, d.assignment_id, d.escalation_id, d.state, d.started_at, d.budget_working_days,
            d.due_date::text AS due_date, d.due_at, d.version,
            CASE WHEN d.state = 'paused' THEN (
              SELECT json_build_object('reason', e.data->>'reason', 'expectedResume', e.data->>'expectedResume', 'since', e.at)
                FROM deadline_events e WHERE e.deadline_id = d.id AND e.type = 'paused' ORDER BY e.seq DESC LIMIT 1)
            END AS pause,
            (SELECT coalesce(sum((e.data->>'workingDays')::int), 0)::int FROM deadline_events e
              WHERE e.deadline_id = d.id AND e.type = 'extended') AS extension_days
       FROM deadlines d
      WHERE d.case_id = $1 ${deadlineId ? 'AND d.id = $2' : ''}
      ORDER BY d.started_at, d.id`,
    params,
  );
  const today = localDate(new Date());
  return found.map((d) => ({
    id: d.id,
    kind: d.kind,
    assignmentId: d.assignment_id,
    escalationId: d.escalation_id,
    // The stored state lags a breach until the sweeper sees it; the due moment is the truth.
    state: d.state === 'running' && d.due_at && new Date(d.due_at) < new Date() ? 'breached' : d.state,
    startedAt: new Date(d.started_at).toISOString(),
    budgetWorkingDays: d.budget_working_days,
    dueDate: d.due_date,
    dueAt: d.due_at ? new Date(d.due_at).toISOString() : null,
    workingDaysLeft:
      d.due_date && (d.state === 'running' || d.state === 'breached')
        ? workingDaysBetween(today, d.due_date, calendar)
        : null,
    pause: d.pause ? { ...d.pause, since: new Date(d.pause.since).toISOString() } : null,
    extensionWorkingDays: d.extension_days,
    version: d.version,
  }));
}
