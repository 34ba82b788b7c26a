import type { Role } from './roles';

/**
 * Who is acting. Built by the api from the session; the web gets the same shape from
 * GET /api/auth/me. Scope fields are null when the role does not use them.
 */
export interface Actor {
  userId: string;
  email: string;
  name: string;
  role: Role;
  organisationId: string;
  organisationName: string;
  /** GM code of the municipality, for municipality users. */
  municipalityCode: string | null;
  /** PV codes of the table's region, for coordinators. */
  provinceCodes: string[];
}

/**
 * Which cases an actor may see. The api turns this into a WHERE clause; it is the one place
 * where the scoping rule is written (see docs/security.md).
 */
export type CaseScope =
  | { kind: 'all' }
  | { kind: 'municipality'; municipalityCode: string }
  | { kind: 'provinces'; provinceCodes: string[] }
  | { kind: 'assigned-to-organisation'; organisationId: string }
  | { kind: 'level-at-least'; minLevelRank: number }
  | { kind: 'none' };

/** Rank of the landelijke versnellingstafel on the ladder; national users see this and above. */
export const NATIONAL_LEVEL_RANK = 3;

export function caseScopeFor(actor: Actor): CaseScope {
  switch (actor.role) {
    case 'admin':
      return { kind: 'all' };
    case 'municipality':
      return actor.municipalityCode
        ? { kind: 'municipality', municipalityCode: actor.municipalityCode }
        : { kind: 'none' };
    case 'coordinator':
      return actor.provinceCodes.length > 0
        ? { kind: 'provinces', provinceCodes: actor.provinceCodes }
        : { kind: 'none' };
    case 'party':
      return { kind: 'assigned-to-organisation', organisationId: actor.organisationId };
    case 'national':
      return { kind: 'level-at-least', minLevelRank: NATIONAL_LEVEL_RANK };
  }
}

/** May this actor submit a new case for the given municipality? */
export function canSubmitCaseFor(actor: Actor, municipalityCode: string, provinceCode: string): boolean {
  switch (actor.role) {
    case 'municipality':
      return actor.municipalityCode === municipalityCode;
    case 'coordinator':
      return actor.provinceCodes.includes(provinceCode);
    case 'admin':
      return true;
    case 'party':
    case 'national':
      return false;
  }
}
