import {
  type ActionLinkView,
  type Assignment,
  confidentialPartsHiddenFor,
  isOpenStatus,
  type LinkResponseInput,
  PROBLEM_TYPES,
} from '@doorbraak/domain';
import { Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { DataSource, type EntityManager } from 'typeorm';
import { ProblemException } from '../../common/problem.exception';
import { rows } from '../../database/query';
import { SecurityEventsService } from '../audit/security-events.service';
import { AssignmentsService } from '../cases/assignments.service';
import { lockCaseForLink, type LockedCase, touchCase } from '../cases/case-access';
import { CaseEventsService, type EventActor } from '../cases/case-events.service';
import { loadAssignments } from '../cases/case-read-models';
import { excerpt } from '../cases/comments.service';
import { CalendarService } from '../deadlines/calendar.service';
import { loadDeadlines } from '../deadlines/deadline-read-model';
import { hashToken } from '../identity/sessions.service';
import { queueExtensionRequestNotice } from '../notifications/extension-request-notice';
import { LINK_PURPOSE, LINK_TOKEN_PATTERN } from './mint';

/** What a use of a link does: look (any number of times until expiry) or answer (once). */
export type LinkAction = 'view' | 'response';

interface LinkRow {
  id: string;
  purpose: string;
  case_id: string;
  assignment_id: string;
  contact_email: string;
  expires_at: Date | string;
  revoked_at: Date | string | null;
  revoked_reason: string | null;
  used_at: Date | string | null;
}

/** A refused use: the answer (401/404/409), the reason and the type of the security event. */
class LinkRefusal extends Error {
  constructor(
    readonly problem: ProblemException,
    readonly reason: string,
    readonly link: LinkRow | null,
    readonly event: 'link.refused' | 'link.replayed' = 'link.refused',
  ) {
    super(reason);
  }
}

const DAY_NL = new Intl.DateTimeFormat('nl-NL', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'Europe/Amsterdam',
});

/** A second answer through a single-use link: 409 …/link-used, security event `link.replayed`. */
function replayed(link: LinkRow): LinkRefusal {
  const on = link.used_at ? ` op ${DAY_NL.format(new Date(link.used_at))}` : '';
  return new LinkRefusal(
    new ProblemException(
      409,
      PROBLEM_TYPES.linkUsed,
      'Al beantwoord',
      `U hebt via deze link al gereageerd${on}; een link werkt één keer. U krijgt een nieuwe link bij de volgende herinnering. Er is niets gewijzigd.`,
    ),
    'used',
    link,
    'link.replayed',
  );
}

const unknownLink = () =>
  ProblemException.notFound(
    'Deze link bestaat niet. Controleer of u de volledige link uit de e-mail gebruikt.',
  );

interface LinkContext {
  link: LinkRow;
  c: LockedCase;
  assignment: Assignment;
  who: EventActor;
  /** What an answer contained, for the security event. */
  answered?: string[];
}

/**
 * Signed action links: one contact, one assignment of one case, purpose `assignment-action`.
 * The token is the credential (no session, no CSRF: no cookie is involved); only its SHA-256 is
 * stored. A link works while it is not revoked, not expired, its assignment is still on the
 * case and its email is still one of the assignment's contacts. It shows the case until it
 * expires, and answers once (`respond`); a second answer is a replay (409, `link.replayed`). Every use leaves a case event
 * (actor: the contact's email) and a security event; every refusal a security event and nothing
 * else.
 */
@Injectable()
export class ActionLinksService {
  constructor(
    private readonly db: DataSource,
    private readonly events: CaseEventsService,
    private readonly assignments: AssignmentsService,
    private readonly security: SecurityEventsService,
    private readonly calendars: CalendarService,
  ) {}

  async view(token: string, request: FastifyRequest): Promise<ActionLinkView> {
    return this.use(token, request, 'view', async (manager, ctx) => {
      await this.events.append(
        manager,
        ctx.c.id,
        ctx.who,
        'action_link.viewed',
        { linkId: ctx.link.id, assignmentId: ctx.assignment.id, contactEmail: ctx.link.contact_email },
        { visibility: 'internal' },
      );
      return this.render(manager, ctx);
    });
  }

  /**
   * The contact's one answer: the action status (and progress note), an extension request, a
   * note — any of them, in one transaction with the case locked. The link is consumed first by a
   * guarded UPDATE (`used_at IS NULL`): of two concurrent answers the second finds it used
   * (409 …/link-used, `link.replayed`) and changes nothing. A refusal later in the answer (a
   * closed case or clock) rolls the consumption back with everything else.
   */
  async respond(token: string, request: FastifyRequest, input: LinkResponseInput): Promise<ActionLinkView> {
    return this.use(token, request, 'response', async (manager, ctx) => {
      const consumed = await rows<{ used_at: Date | string }>(
        manager,
        `UPDATE action_links SET used_at = now(), last_used_at = now()
          WHERE id = $1 AND used_at IS NULL AND revoked_at IS NULL RETURNING used_at`,
        [ctx.link.id],
      );
      const used = consumed[0];
      if (!used) {
        const again: { used_at: Date | string | null }[] = await manager.query(
          `SELECT used_at FROM action_links WHERE id = $1`,
          [ctx.link.id],
        );
        throw replayed({ ...ctx.link, used_at: again[0]?.used_at ?? null });
      }
      ctx.link.used_at = used.used_at;
      this.assertOpen(ctx);
      const answered: string[] = [];

      if (input.actionStatus !== undefined || input.progressNote !== undefined) {
        const patch: { actionStatus?: Assignment['actionStatus']; progressNote?: string | null } = {};
        if (input.actionStatus !== undefined) patch.actionStatus = input.actionStatus;
        if (input.progressNote !== undefined) patch.progressNote = input.progressNote || null;
        ctx.assignment = await this.assignments.reportViaLink(
          manager,
          ctx.c,
          ctx.assignment.id,
          patch,
          ctx.who,
          {
            linkId: ctx.link.id,
          },
        );
        answered.push('action-status');
      }

      if (input.extension) {
        const calendar = await this.calendars.calendar(manager);
        const clock = (await loadDeadlines(manager, calendar, ctx.c.id)).find(
          (d) => d.assignmentId === ctx.assignment.id,
        );
        if (!clock || !['running', 'breached', 'paused'].includes(clock.state)) {
          throw new LinkRefusal(
            new ProblemException(
              409,
              `${PROBLEM_TYPES.conflict}/deadline-closed`,
              'Geen lopende termijn',
              'Deze afspraak heeft geen lopende termijn om te verlengen. Er is niets opgeslagen.',
            ),
            'no-running-deadline',
            ctx.link,
          );
        }
        // A request only: the coordinator decides with POST /api/cases/{id}/deadlines/{deadlineId}/extend.
        await touchCase(manager, ctx.c.id);
        await this.events.append(
          manager,
          ctx.c.id,
          ctx.who,
          'deadline.extension_requested',
          {
            deadlineId: clock.id,
            assignmentId: ctx.assignment.id,
            organisationName: ctx.assignment.organisationName,
            workingDays: input.extension.workingDays,
            reason: input.extension.reason,
            dueDate: clock.dueDate,
            via: 'action-link',
            linkId: ctx.link.id,
          },
          { visibility: 'internal' },
        );
        // The table hears of it by email, sent exactly when this transaction commits.
        await queueExtensionRequestNotice(manager, {
          linkId: ctx.link.id,
          caseId: ctx.c.id,
          deadlineId: clock.id,
          contactEmail: ctx.link.contact_email,
          organisationName: ctx.assignment.organisationName,
          requestedAction: ctx.assignment.requestedAction,
          workingDays: input.extension.workingDays,
          reason: input.extension.reason,
          dueDate: clock.dueDate,
        });
        answered.push('extension-request');
      }

      if (input.note !== undefined) {
        const [row] = await rows<{ id: string }>(
          manager,
          `INSERT INTO case_comments (case_id, author_user_id, author_organisation_id, author_label, body, visibility)
           VALUES ($1, NULL, $2, $3, $4, 'internal') RETURNING id`,
          [ctx.c.id, ctx.assignment.organisationId, ctx.who.label, input.note],
        );
        await touchCase(manager, ctx.c.id);
        await this.events.append(
          manager,
          ctx.c.id,
          ctx.who,
          'comment.added',
          {
            commentId: (row as { id: string }).id,
            visibility: 'internal',
            excerpt: excerpt(input.note),
            via: 'action-link',
            linkId: ctx.link.id,
          },
          { visibility: 'internal' },
        );
        answered.push('note');
      }
      ctx.answered = answered;
      return this.render(manager, ctx);
    });
  }

  /**
   * Checks the token and runs `act` in one transaction with the case locked. A refusal rolls
   * the transaction back and is recorded on its own; a use is recorded with the change.
   */
  private async use<T>(
    token: string,
    request: FastifyRequest,
    action: LinkAction,
    act: (manager: EntityManager, ctx: LinkContext) => Promise<T>,
  ): Promise<T> {
    try {
      if (!LINK_TOKEN_PATTERN.test(token)) throw new LinkRefusal(unknownLink(), 'malformed', null);
      return await this.db.transaction(async (manager) => {
        const found: LinkRow[] = await manager.query(
          `SELECT id, purpose, case_id, assignment_id, contact_email, expires_at, revoked_at, revoked_reason, used_at
             FROM action_links WHERE token_hash = $1`,
          [hashToken(token)],
        );
        const link = found[0];
        if (!link || link.purpose !== LINK_PURPOSE)
          throw new LinkRefusal(unknownLink(), 'unknown', link ?? null);
        const c = await lockCaseForLink(manager, link.case_id);
        if (link.revoked_at) {
          throw new LinkRefusal(
            new ProblemException(
              401,
              PROBLEM_TYPES.linkRevoked,
              'Link ingetrokken',
              link.revoked_reason === 'superseded'
                ? 'Deze link is vervangen door een link in een nieuwere e-mail. Gebruik de link uit de laatste e-mail.'
                : 'Deze link is ingetrokken. Vraag de coördinator van de tafel om een nieuwe.',
            ),
            link.revoked_reason === 'superseded' ? 'superseded' : 'revoked',
            link,
          );
        }
        if (new Date(link.expires_at).getTime() <= Date.now()) {
          throw new LinkRefusal(
            new ProblemException(
              401,
              PROBLEM_TYPES.linkExpired,
              'Link verlopen',
              'Deze link is verlopen. U krijgt een nieuwe bij de volgende herinnering, of vraag de coördinator erom.',
            ),
            'expired',
            link,
          );
        }
        // An answered link still shows the case; a second answer is a replay.
        if (action === 'response' && link.used_at) throw replayed(link);
        const assignment = (await loadAssignments(manager, link.case_id, link.assignment_id))[0];
        const stillContact = assignment?.contacts.some((ct) => ct.email.toLowerCase() === link.contact_email);
        if (!assignment || !stillContact) {
          throw new LinkRefusal(
            new ProblemException(
              401,
              PROBLEM_TYPES.linkRevoked,
              'Link niet meer geldig',
              assignment
                ? 'U staat niet meer als contactpersoon bij deze afspraak; de link werkt daarom niet meer.'
                : 'Deze afspraak bestaat niet meer; de link werkt daarom niet meer.',
            ),
            assignment ? 'contact-removed' : 'assignment-removed',
            link,
          );
        }
        const ctx: LinkContext = {
          link,
          c,
          assignment,
          who: { userId: null, organisationId: assignment.organisationId, label: link.contact_email },
        };
        const result = await act(manager, ctx);
        await manager.query(`UPDATE action_links SET last_used_at = now() WHERE id = $1`, [link.id]);
        await this.security.record(
          {
            type: 'link.used',
            actor: { userId: null, label: link.contact_email },
            target: { type: 'action_link', id: link.id },
            data: {
              action,
              caseId: link.case_id,
              assignmentId: link.assignment_id,
              ...(ctx.answered ? { answered: ctx.answered } : {}),
            },
          },
          request,
          manager,
        );
        return result;
      });
    } catch (error) {
      if (!(error instanceof LinkRefusal)) throw error;
      await this.security.record(
        {
          type: error.event,
          actor: { userId: null, label: error.link?.contact_email ?? null },
          ...(error.link ? { target: { type: 'action_link', id: error.link.id } } : {}),
          data: {
            action,
            reason: error.reason,
            ...(error.link ? { caseId: error.link.case_id, assignmentId: error.link.assignment_id } : {}),
          },
        },
        request,
      );
      throw error.problem;
    }
  }

  private assertOpen(ctx: LinkContext): void {
    if (!isOpenStatus(ctx.c.status)) {
      throw new LinkRefusal(
        new ProblemException(
          409,
          `${PROBLEM_TYPES.conflict}/case-closed`,
          'Dossier gesloten',
          'Dit dossier is afgesloten; via de link kunt u het alleen nog bekijken.',
        ),
        'case-closed',
        ctx.link,
      );
    }
  }

  private async render(manager: EntityManager, ctx: LinkContext): Promise<ActionLinkView> {
    const found: {
      reference: string;
      project_name: string;
      municipality_name: string;
      province_name: string;
      homes_total: number;
      status: string;
      description: string | null;
      confidentiality: string;
    }[] = await manager.query(
      `SELECT c.reference, c.project_name, m.name AS municipality_name, p.name AS province_name, c.homes_total,
              c.status, c.description, c.confidentiality
         FROM cases c JOIN municipalities m ON m.code = c.municipality_code JOIN provinces p ON p.code = c.province_code
        WHERE c.id = $1`,
      [ctx.c.id],
    );
    const c = found[0];
    if (!c) throw unknownLink();
    const calendar = await this.calendars.calendar(manager);
    const clock = (await loadDeadlines(manager, calendar, ctx.c.id)).find(
      (d) => d.assignmentId === ctx.assignment.id,
    );
    // The contact acts for the assigned party: a confidential case shows its description only to the lead party.
    const hidden = confidentialPartsHiddenFor(
      { role: 'party' },
      { confidentiality: c.confidentiality, actorAssignmentRole: ctx.assignment.role },
    );
    return {
      link: {
        contactEmail: ctx.link.contact_email,
        expiresAt: new Date(ctx.link.expires_at).toISOString(),
        usedAt: ctx.link.used_at ? new Date(ctx.link.used_at).toISOString() : null,
      },
      case: {
        reference: c.reference,
        projectName: c.project_name,
        municipalityName: c.municipality_name,
        provinceName: c.province_name,
        homesTotal: c.homes_total,
        status: c.status,
        description: hidden ? null : c.description,
      },
      assignment: {
        organisationName: ctx.assignment.organisationName,
        role: ctx.assignment.role,
        requestedAction: ctx.assignment.requestedAction,
        dueDate: ctx.assignment.dueDate,
        actionStatus: ctx.assignment.actionStatus,
        progressNote: ctx.assignment.progressNote,
        deadline: clock
          ? {
              state: clock.state,
              dueDate: clock.dueDate,
              workingDaysLeft: clock.workingDaysLeft,
              extensionWorkingDays: clock.extensionWorkingDays,
            }
          : null,
      },
      canAct: isOpenStatus(c.status as LockedCase['status']) && !ctx.link.used_at,
    };
  }
}
