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
