import type { Actor, CaseFacts, CaseStatus } from '@doorbraak/domain';
import type { EntityManager } from 'typeorm';
import { isUuid } from '../../common/ids';
import { ProblemException } from '../../common/problem.exception';
import { rows } from '../../database/query';
import { caseScopeSql } from '../identity/case-scope.sql';

export interface LockedCase extends CaseFacts {
  id: string;
  reference: string;
  status: CaseStatus;
  levelCode: string;
  levelRank: number;
  version: number;
  municipalityCode: string;
  provinceCode: string;
  homesTotal: number;
  createdAt: Date;
}

/**
 * Loads a case the actor may see and locks its row for the rest of the transaction (every
 * command on a case starts here, which also serialises its event chain). 404 when the case
 * does not exist or is outside the actor's scope.
 */
export async function lockCaseInScope(
  manager: EntityManager,
  actor: Actor,
  caseId: string,
): Promise<LockedCase> {
  if (!isUuid(caseId)) throw ProblemException.notFound('Dossier niet gevonden.');
  const params: unknown[] = [caseId];
  return lockCase(manager, caseScopeSql(actor, 'c', params), params);
}

/**
 * Loads and locks a case without an actor's scope: only for a signed action link, whose token
 * was already checked and names the case (links.service.ts). Everything else uses lockCaseInScope.
 */
export async function lockCaseForLink(manager: EntityManager, caseId: string): Promise<LockedCase> {
  if (!isUuid(caseId)) throw ProblemException.notFound('Dossier niet gevonden.');
  return lockCase(manager, 'TRUE', [caseId]);
}

async function lockCase(manager: EntityManager, scope: string, params: unknown[]): Promise<LockedCase> {
  const found: {
    id: string;
    reference: string;
    status: CaseStatus;
    level_code: string;
    rank: number;
    version: number;
    municipality_code: string;
    province_code: string;
    homes_total: number;
    submitter_organisation_id: string;
    created_at: Date;
  }[] = await manager.query(
    // No JOIN here: under FOR UPDATE, PostgreSQL re-checks a waiting command's row against the
    // joined row it first saw, and a level changed by the command before it would make the case
    // vanish (a false 404). The rank is a scalar subquery, evaluated on the fresh row.
    `SELECT c.id, c.reference, c.status, c.level_code,
            (SELECT l.rank FROM escalation_levels l WHERE l.code = c.level_code) AS rank,
            c.version, c.municipality_code, c.province_code, c.homes_total, c.submitter_organisation_id, c.created_at
       FROM cases c
      WHERE c.id = $1 AND ${scope}
      FOR UPDATE`,
    params,
  );
  const row = found[0];
  if (!row) throw ProblemException.notFound('Dossier niet gevonden.');
  return {
    id: row.id,
    reference: row.reference,
    status: row.status,
    levelCode: row.level_code,
    levelRank: row.rank,
    version: row.version,
    municipalityCode: row.municipality_code,
    provinceCode: row.province_code,
    homesTotal: row.homes_total,
    submitterOrganisationId: row.submitter_organisation_id,
    createdAt: new Date(row.created_at),
  };
}

/** Bumps the case's version (its ETag) after a command changed it or what hangs off it. */
export async function touchCase(
  manager: EntityManager,
  caseId: string,
  fields: Partial<Record<'status' | 'level_code' | 'closed_at', unknown>> = {},
): Promise<number> {
  const sets = ['version = version + 1', 'updated_at = now()'];
  const params: unknown[] = [caseId];
  for (const [column, value] of Object.entries(fields)) {
    params.push(value);
    sets.push(`${column} = $${params.length}`);
  }
  const updated = await rows<{ version: number }>(
    manager,
    `UPDATE cases SET ${sets.join(', ')} WHERE id = $1 RETURNING version`,
    params,
  );
  return updated[0]?.version ?? 0;
}
