import {
  type Actor,
  caseVisibilitiesFor,
  type Comment,
  confidentialPartsHiddenFor,
  type CreateCommentInput,
} from '@doorbraak/domain';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { isUuid } from '../../common/ids';
import { ProblemException } from '../../common/problem.exception';
import { rows } from '../../database/query';
import { actorAssignmentRoleSql, caseScopeSql } from '../identity/case-scope.sql';
import { lockCaseInScope, touchCase } from './case-access';
import { CaseEventsService, eventActor } from './case-events.service';

const EXCERPT_CHARS = 200;

interface CommentRow {
  id: string;
  case_id: string;
  author_label: string;
  body: string;
  visibility: Comment['visibility'];
  created_at: Date | string;
}

function toComment(row: CommentRow): Comment {
  return {
    id: row.id,
    caseId: row.case_id,
    authorLabel: row.author_label,
    body: row.body,
    visibility: row.visibility,
    createdAt: new Date(row.created_at).toISOString(),
  };
}

/** What of a case an actor may see besides the case itself (confidentiality, libs/domain access.ts). */
export interface CaseView {
  /** The comment/attachment/event visibilities the actor may read and write. */
  visibilities: readonly ('internal' | 'shared')[];
  /** The case is `vertrouwelijk` and the actor a party that is not its lead: description and internal items hidden. */
  confidentialPartsHidden: boolean;
}

/** 404 unless the case exists and is in the actor's scope (a read; no lock); else what the actor may see of it. */
export async function assertCaseVisible(
  db: DataSource | EntityManager,
  actor: Actor,
  caseId: string,
): Promise<CaseView> {
  if (!isUuid(caseId)) throw ProblemException.notFound('Dossier niet gevonden.');
  const params: unknown[] = [caseId];
  const scope = caseScopeSql(actor, 'c', params);
  const role = actorAssignmentRoleSql(actor, 'c', params);
  const found: { confidentiality: string; actor_role: string | null }[] = await db.query(
    `SELECT c.confidentiality, ${role} AS actor_role FROM cases c WHERE c.id = $1 AND ${scope}`,
    params,
  );
  const row = found[0];
  if (!row) throw ProblemException.notFound('Dossier niet gevonden.');
  const facts = { confidentiality: row.confidentiality, actorAssignmentRole: row.actor_role };
  return {
    visibilities: caseVisibilitiesFor(actor, facts),
    confidentialPartsHidden: confidentialPartsHiddenFor(actor, facts),
  };
}

/** 403 when the actor may not write at this visibility (the submitting municipality, a restricted party: only `shared`). */
export function assertMayUseVisibility(
  view: CaseView,
  visibility: 'internal' | 'shared',
  what: string,
): void {
  if (!view.visibilities.includes(visibility)) {
    throw ProblemException.forbidden(
      `U kunt alleen ${what} delen met iedereen aan tafel (zichtbaarheid "shared"), niet intern.`,
    );
  }
}

/** The first characters of a text, without splitting a character in two. */
export function excerpt(text: string, max = EXCERPT_CHARS): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : chars.slice(0, max).join('');
}

@Injectable()
export class CommentsService {
  constructor(
    private readonly db: DataSource,
    private readonly events: CaseEventsService,
  ) {}

  /** Comments on a case the actor may see, oldest first; internal ones hidden from the submitter. */
  async list(actor: Actor, caseId: string): Promise<{ items: Comment[] }> {
    const view = await assertCaseVisible(this.db, actor, caseId);
    const found: CommentRow[] = await this.db.query(
      `SELECT id, case_id, author_label, body, visibility, created_at FROM case_comments
        WHERE case_id = $1 AND visibility = ANY($2::varchar[])
        ORDER BY created_at, id`,
      [caseId, view.visibilities],
    );
    return { items: found.map(toComment) };
  }

  /** Adds a comment in one transaction: scope and lock, insert, version bump, event. Any status. */
  async create(actor: Actor, caseId: string, input: CreateCommentInput): Promise<Comment> {
    return this.db.transaction(async (manager) => {
      await lockCaseInScope(manager, actor, caseId);
      assertMayUseVisibility(
        await assertCaseVisible(manager, actor, caseId),
        input.visibility,
        'opmerkingen',
      );
      const [row] = await rows<CommentRow>(
        manager,
        `INSERT INTO case_comments (case_id, author_user_id, author_organisation_id, author_label, body, visibility)
         VALUES ($1, $2, $3, $4, $5, $6)
         RETURNING id, case_id, author_label, body, visibility, created_at`,
        [
          caseId,
          actor.userId,
          actor.organisationId,
          `${actor.name} (${actor.organisationName})`,
          input.body,
          input.visibility,
        ],
      );
      if (!row) throw new Error('Comment insert returned no row');
      await touchCase(manager, caseId);
      await this.events.append(
        manager,
        caseId,
        eventActor(actor),
        'comment.added',
        { commentId: row.id, visibility: row.visibility, excerpt: excerpt(row.body) },
        { visibility: input.visibility },
      );
      return toComment(row);
    });
  }
}
