import {
  type Actor,
  canEscalate,
  type CreateEscalationInput,
  type DecideEscalationInput,
  type Escalation,
  PROBLEM_TYPES,
  TRANSITION_RULE_MESSAGES,
} from '@doorbraak/domain';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { isUuid } from '../../common/ids';
import { ProblemException } from '../../common/problem.exception';
import { rows } from '../../database/query';
import { DeadlinesService } from '../deadlines/deadlines.service';
import { assertNotBeforeCaseCreation, organisationName } from './assignments.service';
import { lockCaseInScope, touchCase } from './case-access';
import { CaseEventsService, eventActor } from './case-events.service';
import { loadEscalations } from './case-read-models';
import { CasesService } from './cases.service';

const notFound = () => ProblemException.notFound('Opschaling niet gevonden.');

/**
 * The ladder: a table asks the next level for help (the case becomes `escalated` at that level)
 * and the higher level answers, which sends the case back to the lower table.
 */
@Injectable()
export class EscalationsService {
  constructor(
    private readonly db: DataSource,
    private readonly events: CaseEventsService,
    private readonly cases: CasesService,
    private readonly deadlines: DeadlinesService,
  ) {}

  async open(actor: Actor, caseId: string, input: CreateEscalationInput): Promise<Escalation> {
    return this.db.transaction(async (manager) => {
      const c = await lockCaseInScope(manager, actor, caseId);
      if (!canEscalate(actor, c)) {
        throw ProblemException.forbidden('U mag dit dossier niet opschalen.');
      }
      const open: { id: string }[] = await manager.query(
        `SELECT id FROM case_escalations WHERE case_id = $1 AND outcome IS NULL`,
        [c.id],
      );
      if (open.length > 0) {
        throw new ProblemException(
          409,
          `${PROBLEM_TYPES.conflict}/open-escalation-exists`,
          'Opschaling loopt al',
          TRANSITION_RULE_MESSAGES['open-escalation-exists'].nl,
        );
      }
      const target: { rank: number }[] = await manager.query(
        `SELECT rank FROM escalation_levels WHERE code = $1`,
        [input.toLevel],
      );
      const targetRank = target[0]?.rank;
      if (targetRank === undefined) {
        throw ProblemException.validation([
          { field: 'toLevel', code: 'unknown', message: 'Onbekend niveau.' },
        ]);
      }
      if (targetRank <= c.levelRank) {
        throw new ProblemException(
          409,
          `${PROBLEM_TYPES.conflict}/level-not-above`,
          'Niveau niet hoger',
          'Opschalen kan alleen naar een niveau boven het huidige niveau van het dossier.',
        );
      }
      let ownerName: string | null = null;
      if (input.ownerOrganisationId) {
        ownerName = await organisationName(manager, input.ownerOrganisationId, 'ownerOrganisationId');
      }
      if (input.dueDate) assertNotBeforeCaseCreation(c, input.dueDate, 'dueDate');

      const inserted = await rows<{ id: string }>(
        manager,
        `INSERT INTO case_escalations (case_id, from_level, to_level, question, owner_organisation_id, due_date, created_by_user_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
        [
          c.id,
          c.levelCode,
          input.toLevel,
          input.question,
          input.ownerOrganisationId ?? null,
          input.dueDate ?? null,
          actor.userId,
        ],
      );
      const escalationId = (inserted[0] as { id: string }).id;
      await this.events.append(manager, c.id, eventActor(actor), 'escalation.opened', {
        escalationId,
        before: { level: c.levelCode },
        after: {
          fromLevel: c.levelCode,
          toLevel: input.toLevel,
          question: input.question,
          ownerOrganisationId: input.ownerOrganisationId ?? null,
          ownerOrganisationName: ownerName,
          dueDate: input.dueDate ?? null,
        },
      });
      // Checks the edge (status in_progress, role, national rank) and bumps the case version.
      await this.cases.applyTransition(
        manager,
        actor,
        c,
        'escalated',
        { via: 'escalation', reason: null },
        { levelCode: input.toLevel, data: { escalationId } },
      );
      // Opening an escalation starts the next level's decision clock.
      await this.deadlines.start(manager, {
        caseId: c.id,
        kind: 'level_decision',
        escalationId,
        levelCode: input.toLevel,
        dueDate: input.dueDate ?? null,
        actorLabel: eventActor(actor).label,
      });
      return this.load(manager, c.id, escalationId);
    });
  }

  /**
   * Records the higher level's answer and returns the case to the lower table (its level before
   * the escalation), which carries the decision out. Who may answer is judged at the higher level.
   */
  async decide(
    actor: Actor,
    caseId: string,
    escalationId: string,
    input: DecideEscalationInput,
  ): Promise<Escalation> {
    return this.db.transaction(async (manager) => {
      const c = await lockCaseInScope(manager, actor, caseId);
      const current = await this.load(manager, c.id, escalationId);
      if (!canEscalate(actor, c)) {
        throw ProblemException.forbidden('U mag over deze opschaling niet beslissen.');
      }
      if (current.outcome !== null) {
        throw new ProblemException(
          409,
          `${PROBLEM_TYPES.conflict}/escalation-closed`,
          'Opschaling al afgehandeld',
          'Over deze opschaling is al beslist.',
        );
      }
      const updated = await rows<{ id: string }>(
        manager,
        `UPDATE case_escalations SET outcome = $2, outcome_note = $3, decided_at = now()
          WHERE id = $1 AND outcome IS NULL RETURNING id`,
        [current.id, input.outcome, input.note],
      );
      if (updated.length === 0) throw notFound();
      const clock = await this.deadlines.findId(manager, { escalationId: current.id });
      if (clock) {
        await this.deadlines.apply(
          manager,
          clock,
          input.outcome === 'withdrawn' ? { type: 'cancelled', reason: input.note } : { type: 'met' },
          eventActor(actor).label,
        );
      }
      await this.events.append(manager, c.id, eventActor(actor), 'escalation.decided', {
        escalationId: current.id,
        before: { outcome: null, level: c.levelCode },
        after: {
          outcome: input.outcome,
          note: input.note,
          level: c.status === 'escalated' ? current.fromLevel : c.levelCode,
        },
      });
      if (c.status === 'escalated') {
        await this.cases.applyTransition(
          manager,
          actor,
          c,
          'in_progress',
          { via: 'escalation-outcome', reason: null },
          {
            levelCode: current.fromLevel,
            data: { escalationId: current.id, outcome: input.outcome, decision: input.note },
          },
        );
      } else {
        // The case left `escalated` another way (closed meanwhile): record the answer, keep status and level.
        await touchCase(manager, c.id);
      }
      return this.load(manager, c.id, current.id);
    });
  }

  private async load(manager: EntityManager, caseId: string, escalationId: string): Promise<Escalation> {
    if (!isUuid(escalationId)) throw notFound();
    const found = (await loadEscalations(manager, caseId, escalationId))[0];
    if (!found) throw notFound();
    return found;
  }
}
