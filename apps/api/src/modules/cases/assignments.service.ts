import {
  type Actor,
  type Assignment,
  canManageAssignments,
  canReportOnAssignment,
  type CreateAssignmentInput,
  PARTY_ASSIGNMENT_FIELDS,
  type PatchAssignmentInput,
  localDate,
  PROBLEM_TYPES,
} from '@doorbraak/domain';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { isUuid } from '../../common/ids';
import { ProblemException } from '../../common/problem.exception';
import { rows } from '../../database/query';
import { DeadlinesService } from '../deadlines/deadlines.service';
import { lockCaseInScope, type LockedCase, touchCase } from './case-access';
import { CaseEventsService, type EventActor, eventActor } from './case-events.service';
import { loadAssignments } from './case-read-models';
import { expectedVersion, staleVersion } from './cases.service';

/** 400 on `field` when a date lies before the day the case was submitted (Europe/Amsterdam). */
export function assertNotBeforeCaseCreation(c: LockedCase, date: string, field: string): void {
  const createdOn = localDate(c.createdAt);
  if (date < createdOn) {
    throw ProblemException.validation([
      {
        field,
        code: 'before_case_created',
        message: `De datum kan niet vóór de indiening van het dossier (${createdOn}) liggen.`,
      },
    ]);
  }
}

/** 400 on `field` when the organisation does not exist; otherwise its name. */
export async function organisationName(
  manager: EntityManager,
  organisationId: string,
  field: string,
): Promise<string> {
  const found: { name: string }[] = await manager.query(`SELECT name FROM organisations WHERE id = $1`, [
    organisationId,
  ]);
  const name = found[0]?.name;
  if (name === undefined) {
    throw ProblemException.validation([
      { field, code: 'unknown', message: 'Onbekende organisatie; kies een organisatie uit de lijst.' },
    ]);
  }
  return name;
}

const COLUMNS: Record<keyof PatchAssignmentInput, string> = {
  role: 'role',
  requestedAction: 'requested_action',
  contacts: 'contacts',
  dueDate: 'due_date',
  actionStatus: 'action_status',
  progressNote: 'progress_note',
};

const notFound = () => ProblemException.notFound('Afspraak niet gevonden.');

/** The parties on a case and their agreed actions (afspraken): add, change, report, remove. */
@Injectable()
export class AssignmentsService {
  constructor(
    private readonly db: DataSource,
    private readonly events: CaseEventsService,
    private readonly deadlines: DeadlinesService,
  ) {}

  async create(actor: Actor, caseId: string, input: CreateAssignmentInput): Promise<Assignment> {
    return this.db.transaction(async (manager) => {
      const c = await lockCaseInScope(manager, actor, caseId);
      if (!canManageAssignments(actor, c)) {
        throw ProblemException.forbidden('U mag de partijen van dit dossier (in deze status) niet beheren.');
      }
      const name = await organisationName(manager, input.organisationId, 'organisationId');
      if (input.dueDate) assertNotBeforeCaseCreation(c, input.dueDate, 'dueDate');
      const active: { id: string }[] = await manager.query(
        `SELECT id FROM case_assignments WHERE case_id = $1 AND organisation_id = $2 AND removed_at IS NULL`,
        [c.id, input.organisationId],
      );
      if (active.length > 0) {
        throw new ProblemException(
          409,
          `${PROBLEM_TYPES.conflict}/party-already-assigned`,
          'Partij al toegewezen',
          `${name} is al aan dit dossier toegewezen; wijzig de bestaande afspraak.`,
        );
      }
      const inserted = await rows<{ id: string }>(
        manager,
        `INSERT INTO case_assignments (case_id, organisation_id, role, requested_action, contacts, due_date)
         VALUES ($1, $2, $3, $4, $5::jsonb, $6) RETURNING id`,
        [
          c.id,
          input.organisationId,
          input.role,
          input.requestedAction,
          JSON.stringify(input.contacts),
          input.dueDate ?? null,
        ],
      );
      const assignment = await this.load(manager, c.id, (inserted[0] as { id: string }).id);
      // Each party its own clock: a chosen due date, or the policy's budget in working days.
      const knelpunten: { knelpunt_code: string }[] = await manager.query(
        `SELECT knelpunt_code FROM case_knelpunten WHERE case_id = $1`,
        [c.id],
      );
      await this.deadlines.start(manager, {
        caseId: c.id,
        kind: 'assignment',
        assignmentId: assignment.id,
        dueDate: input.dueDate ?? null,
        knelpuntCodes: knelpunten.map((k) => k.knelpunt_code),
        actorLabel: eventActor(actor).label,
      });
      await touchCase(manager, c.id);
      await this.events.append(manager, c.id, eventActor(actor), 'assignment.created', {
        assignmentId: assignment.id,
        organisationId: assignment.organisationId,
        organisationName: assignment.organisationName,
        before: null,
        after: {
          role: assignment.role,
          requestedAction: assignment.requestedAction,
          contacts: assignment.contacts,
          dueDate: assignment.dueDate,
          actionStatus: assignment.actionStatus,
        },
      });
      return assignment;
    });
  }

  /**
   * Changes an assignment. The table may change everything; the assigned party only its own
   * action status and progress note. Optional `If-Match` with the assignment's version (412).
   */
  async patch(
    actor: Actor,
    caseId: string,
    assignmentId: string,
    input: PatchAssignmentInput,
    ifMatch: string | undefined,
  ): Promise<Assignment> {
    const expected = expectedVersion(ifMatch, false);
    return this.db.transaction(async (manager) => {
      const c = await lockCaseInScope(manager, actor, caseId);
      const current = await this.load(manager, c.id, assignmentId);
      const fields = Object.keys(input) as (keyof PatchAssignmentInput)[];
      if (!canManageAssignments(actor, c)) {
        if (!canReportOnAssignment(actor, c, current.organisationId)) {
          throw ProblemException.forbidden('U mag deze afspraak niet wijzigen.');
        }
        const refused = fields.filter((f) => !(PARTY_ASSIGNMENT_FIELDS as readonly string[]).includes(f));
        if (refused.length > 0) {
          throw ProblemException.forbidden(
            `Als partij kunt u alleen de actiestatus en de voortgangsnotitie wijzigen, niet: ${refused.join(', ')}.`,
          );
        }
      }
      if (expected !== null && expected !== current.version) throw staleVersion();
      return this.applyPatch(manager, c, current, input, eventActor(actor));
    });
  }

  /**
   * A contact's report through a signed action link (links.service.ts): the party's own fields
   * only, under the case lock the caller holds; the event names the contact's email.
   */
  async reportViaLink(
    manager: EntityManager,
    c: LockedCase,
    assignmentId: string,
    input: Pick<PatchAssignmentInput, 'actionStatus' | 'progressNote'>,
    who: EventActor,
    link: { linkId: string },
  ): Promise<Assignment> {
    const current = await this.load(manager, c.id, assignmentId);
    return this.applyPatch(manager, c, current, input, who, { via: 'action-link', linkId: link.linkId });
  }

  private async applyPatch(
    manager: EntityManager,
    c: LockedCase,
    current: Assignment,
    input: PatchAssignmentInput,
    who: EventActor,
    extra: Record<string, unknown> = {},
  ): Promise<Assignment> {
    const fields = Object.keys(input) as (keyof PatchAssignmentInput)[];
    if (input.dueDate) assertNotBeforeCaseCreation(c, input.dueDate, 'dueDate');

    const sets = ['version = version + 1', 'updated_at = now()'];
    const params: unknown[] = [current.id, current.version];
    for (const field of fields) {
      const value = field === 'contacts' ? JSON.stringify(input.contacts) : input[field];
      params.push(value);
      sets.push(`${COLUMNS[field]} = $${params.length}${field === 'contacts' ? '::jsonb' : ''}`);
    }
    const updated = await rows<{ id: string }>(
      manager,
      `UPDATE case_assignments SET ${sets.join(', ')}
        WHERE id = $1 AND version = $2 AND removed_at IS NULL RETURNING id`,
      params,
    );
    if (updated.length === 0) throw staleVersion();
    const after = await this.load(manager, c.id, current.id);
    await this.updateClock(manager, current, after, who.label);
    await touchCase(manager, c.id);
    await this.events.append(manager, c.id, who, 'assignment.updated', {
      assignmentId: current.id,
      organisationId: current.organisationId,
      organisationName: current.organisationName,
      before: Object.fromEntries(fields.map((f) => [f, current[f]])),
      after: Object.fromEntries(fields.map((f) => [f, after[f]])),
      ...extra,
    });
    return after;
  }

  /** Soft removal: the row stays for the timeline; the same party may be assigned again later. */
  async remove(
    actor: Actor,
    caseId: string,
    assignmentId: string,
    ifMatch: string | undefined,
  ): Promise<void> {
    const expected = expectedVersion(ifMatch, false);
    await this.db.transaction(async (manager) => {
      const c = await lockCaseInScope(manager, actor, caseId);
      const current = await this.load(manager, c.id, assignmentId);
      if (!canManageAssignments(actor, c)) {
        throw ProblemException.forbidden('U mag de partijen van dit dossier (in deze status) niet beheren.');
      }
      if (expected !== null && expected !== current.version) throw staleVersion();
      const removed = await rows<{ id: string }>(
        manager,
        `UPDATE case_assignments SET removed_at = now(), updated_at = now(), version = version + 1
          WHERE id = $1 AND removed_at IS NULL RETURNING id`,
        [current.id],
      );
      if (removed.length === 0) throw notFound();
      const clock = await this.deadlines.findId(manager, { assignmentId: current.id });
      if (clock) {
        await this.deadlines.apply(
          manager,
          clock,
          { type: 'cancelled', reason: 'Partij verwijderd' },
          eventActor(actor).label,
        );
      }
      await touchCase(manager, c.id);
      await this.events.append(manager, c.id, eventActor(actor), 'assignment.removed', {
        assignmentId: current.id,
        organisationId: current.organisationId,
        organisationName: current.organisationName,
        before: {
          role: current.role,
          requestedAction: current.requestedAction,
          actionStatus: current.actionStatus,
          dueDate: current.dueDate,
        },
        after: null,
      });
    });
  }

  /** A new due date moves the party's clock; a finished action stops it. */
  private async updateClock(
    manager: EntityManager,
    before: Assignment,
    after: Assignment,
    actorLabel: string,
  ): Promise<void> {
    const clock = await this.deadlines.findId(manager, { assignmentId: after.id });
    if (!clock) return;
    if (after.dueDate && after.dueDate !== before.dueDate) {
      await this.deadlines.apply(
        manager,
        clock,
        { type: 'due_date_set', dueDate: after.dueDate, reason: 'Termijn gewijzigd' },
        actorLabel,
      );
    }
    if (after.actionStatus === 'done' && before.actionStatus !== 'done') {
      await this.deadlines.apply(manager, clock, { type: 'met' }, actorLabel);
    }
  }

  /** An active assignment of this case; 404 for an unknown, removed or other case's assignment. */
  private async load(manager: EntityManager, caseId: string, assignmentId: string): Promise<Assignment> {
    if (!isUuid(assignmentId)) throw notFound();
    const found = (await loadAssignments(manager, caseId, assignmentId))[0];
    if (!found) throw notFound();
    return found;
  }
}
