import { type Actor, caseScopeFor } from '@doorbraak/domain';

/**
 * The SQL form of the domain's case scope (libs/domain `caseScopeFor`): the only place where
 * "which cases may this actor see" becomes a WHERE clause. `params` is appended to; the returned
 * fragment refers to the case table by `alias`.
 */
export function caseScopeSql(actor: Actor, alias: string, params: unknown[]): string {
  const scope = caseScopeFor(actor);
  const next = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  switch (scope.kind) {
    case 'all':
      return 'TRUE';
    case 'none':
      return 'FALSE';
    case 'municipality':
      return `${alias}.municipality_code = ${next(scope.municipalityCode)}`;
    case 'provinces':
      return `${alias}.province_code = ANY(${next(scope.provinceCodes)}::varchar[])`;
    case 'assigned-to-organisation':
      return `EXISTS (SELECT 1 FROM case_assignments sa WHERE sa.case_id = ${alias}.id AND sa.removed_at IS NULL AND sa.organisation_id = ${next(scope.organisationId)})`;
    case 'level-at-least':
      return `EXISTS (SELECT 1 FROM escalation_levels sl WHERE sl.code = ${alias}.level_code AND sl.rank >= ${next(scope.minLevelRank)})`;
  }
}

/**
 * The role (`lead`, `contributor`, `informed`) of the actor's organisation on the case by
 * `alias`, as an SQL expression; NULL when it is not assigned or the actor is not a party.
 */
export function actorAssignmentRoleSql(actor: Actor, alias: string, params: unknown[]): string {
  if (actor.role !== 'party') return 'NULL::varchar';
  params.push(actor.organisationId);
  return `(SELECT ra.role FROM case_assignments ra WHERE ra.case_id = ${alias}.id AND ra.removed_at IS NULL AND ra.organisation_id = $${params.length} LIMIT 1)`;
}

/**
 * The SQL form of the domain's `confidentialPartsHiddenFor(actor, case)`: TRUE when the case's
 * confidential parts (description, internal comments, attachments and events) are hidden from
 * the actor — a party that is not the lead on a `vertrouwelijk` case.
 */
export function confidentialRestrictionSql(actor: Actor, alias: string, params: unknown[]): string {
  if (actor.role !== 'party') return 'FALSE';
  return `(${alias}.confidentiality = 'vertrouwelijk' AND ${actorAssignmentRoleSql(actor, alias, params)} IS DISTINCT FROM 'lead')`;
}
