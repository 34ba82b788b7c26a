import {
  checkDeadlineCommand,
  DEADLINE_RULE_MESSAGES,
  type DeadlineEvent,
  type DeadlineKind,
  type DeadlineRule,
  type DeadlineView,
  DEFAULT_BUDGETS,
  DEFAULT_REMINDER_POLICY,
  localDate,
  planReminders,
  PROBLEM_TYPES,
  replayDeadline,
} from '@doorbraak/domain';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ProblemException } from '../../common/problem.exception';
import { rows } from '../../database/query';
import { CalendarService } from './calendar.service';

export interface StartDeadline {
  caseId: string;
  kind: DeadlineKind;
  assignmentId?: string | null;
  escalationId?: string | null;
  /** A date chosen by a person; otherwise the policy's budget applies. */
  dueDate?: string | null;
  levelCode?: string | null;
  knelpuntCodes?: string[];
  actorLabel: string;
  at?: Date;
}

export type DeadlineCommand =
  | { type: 'pause'; reason: string; expectedResume: string | null; maxWorkingDays: number }
  | { type: 'resume' }
  | { type: 'extend'; workingDays: number; reason: string; approvedBy: string }
  | { type: 'due_date_set'; dueDate: string; reason: string }
  | { type: 'met' }
  | { type: 'cancelled'; reason: string };

interface Policy {
  budget: number;
  maxPause: number;
  maxExtension: number;
}

export function deadlineConflict(rule: DeadlineRule): ProblemException {
  return new ProblemException(
    409,
    `${PROBLEM_TYPES.conflict}/${rule}`,
    'Termijn niet gewijzigd',
    DEADLINE_RULE_MESSAGES[rule].nl,
  );
}

/**
 * Deadlines on the working-day clock. Every change appends to the deadline's history, re-derives
 * due_at from it, bumps the version and rewrites the scheduled reminders — all in the caller's
 * transaction, together with the change to the case.
 */
@Injectable()
export class DeadlinesService {
  constructor(private readonly calendars: CalendarService) {}

  private async policyFor(
    manager: EntityManager,
    kind: DeadlineKind,
    levelCode?: string | null,
    knelpunten: string[] = [],
  ): Promise<Policy> {
    const found: {
      budget_working_days: number;
      max_pause_working_days: number;
      max_extension_working_days: number;
    }[] = await manager.query(
      `SELECT budget_working_days, max_pause_working_days, max_extension_working_days FROM deadline_policies
          WHERE kind = $1 AND (level_code IS NULL OR level_code = $2) AND (knelpunt_code IS NULL OR knelpunt_code = ANY($3::varchar[]))
          ORDER BY (knelpunt_code IS NOT NULL) DESC, (level_code IS NOT NULL) DESC, budget_working_days DESC LIMIT 1`,
      [kind, levelCode ?? null, knelpunten],
    );
    const p = found[0];
    if (p)
      return {
        budget: p.budget_working_days,
        maxPause: p.max_pause_working_days,
        maxExtension: p.max_extension_working_days,
      };
    const budget =
      kind === 'level_decision'
        ? (DEFAULT_BUDGETS.level_decision[levelCode as keyof typeof DEFAULT_BUDGETS.level_decision] ?? 30)
        : DEFAULT_BUDGETS[kind];
    return { budget, maxPause: 60, maxExtension: Math.max(5, Math.round(budget / 2)) };
  }

  async start(manager: EntityManager, input: StartDeadline): Promise<string> {
    const policy = await this.policyFor(manager, input.kind, input.levelCode, input.knelpuntCodes);
    const at = input.at ?? new Date();
    const inserted = await rows<{ id: string }>(
      manager,
      `INSERT INTO deadlines (case_id, kind, assignment_id, escalation_id, budget_working_days, started_at, state,
                              max_pause_working_days, max_extension_working_days, version)
       VALUES ($1, $2, $3, $4, $5, $6, 'running', $7, $8, 0) RETURNING id`,
      [
        input.caseId,
        input.kind,
        input.assignmentId ?? null,
        input.escalationId ?? null,
        policy.budget,
        at,
        policy.maxPause,
        policy.maxExtension,
      ],
    );
    const id = (inserted[0] as { id: string }).id;
    await this.appendEvent(manager, id, 'started', at, input.actorLabel, {
      budgetWorkingDays: policy.budget,
      dueDate: input.dueDate ?? null,
    });
    await this.derive(manager, id);
    return id;
  }

  /** Applies a command to a deadline (locked for the transaction); 409 naming the rule when it may not. */
  async apply(
    manager: EntityManager,
    deadlineId: string,
    command: DeadlineCommand,
    actorLabel: string,
    at = new Date(),
  ): Promise<DeadlineView> {
    const locked: { max_pause_working_days: number; max_extension_working_days: number }[] =
      await manager.query(
        `SELECT max_pause_working_days, max_extension_working_days FROM deadlines WHERE id = $1 FOR UPDATE`,
        [deadlineId],
      );
    const limits = locked[0];
    if (!limits) throw ProblemException.notFound('Termijn niet gevonden.');
    const calendar = await this.calendars.calendar(manager);
    const view = replayDeadline(await this.history(manager, deadlineId), calendar, at);
    const policy = {
      maxPauseWorkingDays: limits.max_pause_working_days,
      maxExtensionWorkingDays: limits.max_extension_working_days,
    };
    if (command.type === 'pause' || command.type === 'resume' || command.type === 'extend') {
      const rule = checkDeadlineCommand(view, command, policy);
      if (rule) throw deadlineConflict(rule);
    } else if (view.state === 'met' || view.state === 'cancelled') {
      if (command.type === 'met' || command.type === 'cancelled') return view; // already closed: idempotent
      throw deadlineConflict('deadline-closed');
    }
    const { type, ...data } = command;
    await this.appendEvent(
      manager,
      deadlineId,
      type === 'pause' ? 'paused' : type === 'resume' ? 'resumed' : type === 'extend' ? 'extended' : type,
      at,
      actorLabel,
      data,
    );
    return this.derive(manager, deadlineId, at);
  }

  /** Closes every open deadline of a case (the case reached breakthrough, was closed or rejected). */
  async closeAllForCase(
    manager: EntityManager,
    caseId: string,
    how: 'met' | 'cancelled',
    reason: string,
    actorLabel: string,
  ): Promise<void> {
    const open: { id: string }[] = await manager.query(
      `SELECT id FROM deadlines WHERE case_id = $1 AND state IN ('running', 'paused', 'breached') ORDER BY id`,
      [caseId],
    );
    for (const d of open) {
      await this.apply(
        manager,
        d.id,
        how === 'met' ? { type: 'met' } : { type: 'cancelled', reason },
        actorLabel,
      );
    }
  }

  async findId(
    manager: EntityManager,
    where: { assignmentId?: string; escalationId?: string; triageOf?: string },
  ): Promise<string | null> {
    const [column, value] = where.assignmentId
      ? ['assignment_id', where.assignmentId]
      : where.escalationId
        ? ['escalation_id', where.escalationId]
        : ['case_id', where.triageOf];
    const extra = where.triageOf ? ` AND kind = 'triage'` : '';
    const found: { id: string }[] = await manager.query(
      `SELECT id FROM deadlines WHERE ${column} = $1${extra}`,
      [value],
    );
    return found[0]?.id ?? null;
  }

  private async history(manager: EntityManager, deadlineId: string): Promise<DeadlineEvent[]> {
    const events: { type: DeadlineEvent['type']; at: Date; data: Record<string, unknown> }[] =
      await manager.query(`SELECT type, at, data FROM deadline_events WHERE deadline_id = $1 ORDER BY seq`, [
        deadlineId,
      ]);
    return events.map((e) => ({ ...e.data, type: e.type, at: new Date(e.at) }) as DeadlineEvent);
  }

  private async appendEvent(
    manager: EntityManager,
    deadlineId: string,
    type: string,
    at: Date,
    actorLabel: string,
    data: Record<string, unknown>,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO deadline_events (deadline_id, seq, type, at, actor_label, data)
       VALUES ($1, (SELECT coalesce(max(seq), 0) + 1 FROM deadline_events WHERE deadline_id = $1), $2, $3, $4, $5)`,
      [deadlineId, type, at, actorLabel, JSON.stringify(data)],
    );
  }

  /** Re-derives due_at and state from the history, bumps the version and re-plans the reminders. */
  async derive(manager: EntityManager, deadlineId: string, now = new Date()): Promise<DeadlineView> {
    const calendar = await this.calendars.calendar(manager);
    const view = replayDeadline(await this.history(manager, deadlineId), calendar, now);
    const updated = await rows<{ version: number }>(
      manager,
      `UPDATE deadlines SET due_at = $2, due_date = $3, state = $4, version = version + 1, updated_at = now()
        WHERE id = $1 RETURNING version`,
      [deadlineId, view.dueAt, view.dueDate, view.state],
    );
    const version = updated[0]?.version ?? 0;
    await manager.query(
      `UPDATE scheduled_reminders SET status = 'obsolete' WHERE deadline_id = $1 AND status = 'pending'`,
      [deadlineId],
    );
    const planned = planReminders(view, DEFAULT_REMINDER_POLICY, calendar, now);
    if (planned.length > 0) {
      const params: unknown[] = [deadlineId, version];
      const values = planned.map((p) => {
        params.push(p.threshold, p.fireAt, p.urgent);
        return `($1, $2, $${params.length - 2}, $${params.length - 1}, $${params.length}, 'pending')`;
      });
      await manager.query(
        `INSERT INTO scheduled_reminders (deadline_id, deadline_version, threshold, fire_at, urgent, status) VALUES ${values.join(', ')}`,
        params,
      );
    }
    return view;
  }

  /** Today's date in Amsterdam (for due-date validation). */
  today(): string {
    return localDate(new Date());
  }
}
