import {
  type Actor,
  type DeadlinePolicy,
  type DeadlinePolicyInput,
  type DeadlinePolicyPatch,
  type FieldError,
  PROBLEM_TYPES,
} from '@doorbraak/domain';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { isUuid } from '../../common/ids';
import { ProblemException } from '../../common/problem.exception';
import { rows } from '../../database/query';
import { auditAdminAction } from './admin-audit';

interface PolicyRow {
  id: string;
  kind: DeadlinePolicy['kind'];
  knelpunt_code: string | null;
  level_code: string | null;
  budget_working_days: number;
  max_pause_working_days: number;
  max_extension_working_days: number;
}

const SELECT_POLICY = `
  SELECT p.id, p.kind, p.knelpunt_code, p.level_code, p.budget_working_days,
         p.max_pause_working_days, p.max_extension_working_days
    FROM deadline_policies p`;

/** The ladder's order and the kinds' order, so the list reads like the process. */
const ORDER = `
  ORDER BY array_position(ARRAY['triage','assignment','level_decision']::varchar[], p.kind),
           (SELECT l.rank FROM escalation_levels l WHERE l.code = p.level_code) NULLS FIRST,
           p.knelpunt_code NULLS FIRST, p.id`;

function toPolicy(row: PolicyRow): DeadlinePolicy {
  return {
    id: row.id,
    kind: row.kind,
    knelpuntCode: row.knelpunt_code,
    levelCode: row.level_code,
    budgetWorkingDays: row.budget_working_days,
    maxPauseWorkingDays: row.max_pause_working_days,
    maxExtensionWorkingDays: row.max_extension_working_days,
  };
}

/** The pause cap a new policy gets when the admin names none (the seeded policies' value). */
const DEFAULT_MAX_PAUSE = 60;

const notFound = () => ProblemException.notFound('Termijnbeleid niet gevonden.');

/**
 * Deadline policies (admin). A deadline copies its budget and caps from the most specific policy
 * when it starts (DeadlinesService.policyFor), so a change here applies to deadlines started
 * after it; running deadlines keep the numbers they started with.
 */
@Injectable()
export class DeadlinePoliciesService {
  constructor(private readonly db: DataSource) {}

  async list(): Promise<{ items: DeadlinePolicy[] }> {
    const found: PolicyRow[] = await this.db.query(`${SELECT_POLICY} ${ORDER}`);
    return { items: found.map(toPolicy) };
  }

  async create(actor: Actor, input: DeadlinePolicyInput): Promise<DeadlinePolicy> {
    const knelpuntCode = input.knelpuntCode ?? null;
    const levelCode = input.levelCode ?? null;
    return this.db.transaction(async (manager) => {
      await this.assertKnownCodes(manager, knelpuntCode, levelCode);
      // One policy per kind × knelpunt type × level: serialise creations (there is no unique index).
      await manager.query(`LOCK TABLE deadline_policies IN SHARE ROW EXCLUSIVE MODE`);
      const existing: unknown[] = await manager.query(
        `SELECT 1 FROM deadline_policies
          WHERE kind = $1 AND knelpunt_code IS NOT DISTINCT FROM $2 AND level_code IS NOT DISTINCT FROM $3`,
        [input.kind, knelpuntCode, levelCode],
      );
      if (existing.length > 0) {
        throw new ProblemException(
          409,
          PROBLEM_TYPES.conflict,
          'Termijnbeleid bestaat al',
          'Er is al een termijnbeleid voor deze combinatie; wijzig dat.',
        );
      }
      const [row] = await rows<{ id: string }>(
        manager,
        `INSERT INTO deadline_policies (kind, knelpunt_code, level_code, budget_working_days, max_pause_working_days, max_extension_working_days)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [
          input.kind,
          knelpuntCode,
          levelCode,
          input.budgetWorkingDays,
          input.maxPauseWorkingDays ?? DEFAULT_MAX_PAUSE,
          input.maxExtensionWorkingDays,
        ],
      );
      if (!row) throw new Error('Deadline policy insert returned no row');
      const policy = await this.load(manager, row.id);
      await auditAdminAction(
        manager,
        actor,
        'deadline_policy.created',
        { type: 'deadline_policy', id: policy.id },
        { after: policy },
      );
      return policy;
    });
  }

  async patch(actor: Actor, id: string, input: DeadlinePolicyPatch): Promise<DeadlinePolicy> {
    if (!isUuid(id)) throw notFound();
    return this.db.transaction(async (manager) => {
      const locked: unknown[] = await manager.query(
        `SELECT 1 FROM deadline_policies WHERE id = $1 FOR UPDATE`,
        [id],
      );
      if (locked.length === 0) throw notFound();
      const before = await this.load(manager, id);
      await manager.query(
        `UPDATE deadline_policies
            SET budget_working_days = $2, max_extension_working_days = $3, max_pause_working_days = $4
          WHERE id = $1`,
        [
          id,
          input.budgetWorkingDays ?? before.budgetWorkingDays,
          input.maxExtensionWorkingDays ?? before.maxExtensionWorkingDays,
          input.maxPauseWorkingDays ?? before.maxPauseWorkingDays,
        ],
      );
      const after = await this.load(manager, id);
      await auditAdminAction(
        manager,
        actor,
        'deadline_policy.updated',
        { type: 'deadline_policy', id },
        {
          before,
          after,
        },
      );
      return after;
    });
  }

  private async load(manager: EntityManager, id: string): Promise<DeadlinePolicy> {
    const [row] = await manager.query<PolicyRow[]>(`${SELECT_POLICY} WHERE p.id = $1`, [id]);
    if (!row) throw notFound();
    return toPolicy(row);
  }

  private async assertKnownCodes(
    manager: EntityManager,
    knelpuntCode: string | null,
    levelCode: string | null,
  ): Promise<void> {
    const errors: FieldError[] = [];
    if (knelpuntCode) {
      const found: unknown[] = await manager.query(`SELECT 1 FROM knelpunt_types WHERE code = $1`, [
        knelpuntCode,
      ]);
      if (found.length === 0)
        errors.push({ field: 'knelpuntCode', code: 'unknown', message: 'Onbekend type knelpunt.' });
    }
    if (levelCode) {
      const found: unknown[] = await manager.query(`SELECT 1 FROM escalation_levels WHERE code = $1`, [
        levelCode,
      ]);
      if (found.length === 0)
        errors.push({ field: 'levelCode', code: 'unknown', message: 'Onbekend niveau.' });
    }
    if (errors.length > 0) throw ProblemException.validation(errors);
  }
}
