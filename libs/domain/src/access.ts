import type { Actor } from './actor';
import { commentVisibilitiesFor } from './permissions';

/**
 * Confidentiality: the parts of a case hidden from some actors that may see the case itself.
 *
 * A case marked `vertrouwelijk` hides its description, and its internal comments, attachments
 * and timeline events, from party users whose organisation is not the case's lead party. The
 * submitting municipality never sees internal items (see `commentVisibilitiesFor`). Everything
 * else (project name, numbers, status, parties and their actions, the ladder) stays visible to
 * whoever may see the case. The api states this rule in SQL in exactly one place
 * (`case-scope.sql.ts`, `confidentialRestrictionSql`); this function is the same rule in code.
 */
export interface ConfidentialityFacts {
  confidentiality: string;
  /** The role (`lead`, `contributor`, `informed`) of the actor's organisation on the case, if assigned. */
  actorAssignmentRole: string | null;
}

export function confidentialPartsHiddenFor(actor: Pick<Actor, 'role'>, c: ConfidentialityFacts): boolean {
  return actor.role === 'party' && c.confidentiality === 'vertrouwelijk' && c.actorAssignmentRole !== 'lead';
}

/** The comment/attachment/event visibilities an actor may read and write on a case. */
export function caseVisibilitiesFor(
  actor: Pick<Actor, 'role'>,
  c: ConfidentialityFacts,
): readonly ('internal' | 'shared')[] {
  return confidentialPartsHiddenFor(actor, c) ? ['shared'] : commentVisibilitiesFor(actor.role);
}

/** Password policy (ASVS 2.1): at least 12 characters, at most 128; the breached-list check runs in the api. */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

/** How long a signed action link stays valid by default. */
export const ACTION_LINK_DEFAULT_DAYS = 14;
