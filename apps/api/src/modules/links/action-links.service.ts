import {
  type ActionLinkView,
  type Assignment,
  confidentialPartsHiddenFor,
  isOpenStatus,
  type LinkActionStatusInput,
  type LinkExtensionRequestInput,
  type LinkNoteInput,
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
import { LINK_PURPOSE, LINK_TOKEN_PATTERN } from './mint';

export type LinkAction = 'view' | 'action-status' | 'extension-request' | 'note';

interface LinkRow {
  id: string;
  purpose: string;
  case_id: string;
  assignment_id: string;
  contact_email: string;
  expires_at: Date | string;
  revoked_at: Date | string | null;
  revoked_reason: string | null;
}

/** A refused use: the answer (401/404/409) and the reason in the security event. */
class LinkRefusal extends Error {
  constructor(
    readonly problem: ProblemException,
    readonly reason: string,
    readonly link: LinkRow | null,
  ) {
    super(reason);
  }
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
}

/**
 * Signed action links: one contact, one assignment of one case, purpose `assignment-action`.
 * The token is the credential (no session, no CSRF: no cookie is involved); only its SHA-256 is
 * stored. A link works while it is not revoked, not expired, its assignment is still on the
 * case and its email is still one of the assignment's contacts. Every use leaves a case event
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

  async reportStatus(
    token: string,
    request: FastifyRequest,
    input: LinkActionStatusInput,
  ): Promise<ActionLinkView> {
    return this.use(token, request, 'action-status', async (manager, ctx) => {
      this.assertOpen(ctx);
      const patch: Pick<Assignment, 'actionStatus'> & { progressNote?: string | null } = {
        actionStatus: input.actionStatus,
      };
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
      return this.render(manager, ctx);
    });
  }

  async requestExtension(
    token: string,
    request: FastifyRequest,
    input: LinkExtensionRequestInput,
  ): Promise<ActionLinkView> {
    return this.use(token, request, 'extension-request', async (manager, ctx) => {
      this.assertOpen(ctx);
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
            'Deze afspraak heeft geen lopende termijn om te verlengen.',
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
          workingDays: input.workingDays,
          reason: input.reason,
          dueDate: clock.dueDate,
          via: 'action-link',
          linkId: ctx.link.id,
        },
        { visibility: 'internal' },
      );
      return this.render(manager, ctx);
    });
  }

  async addNote(token: string, request: FastifyRequest, input: LinkNoteInput): Promise<ActionLinkView> {
    return this.use(token, request, 'note', async (manager, ctx) => {
      this.assertOpen(ctx);
      const [row] = await rows<{ id: string }>(
        manager,
        `INSERT INTO case_comments (case_id, author_user_id, author_organisation_id, author_label, body, visibility)
         VALUES ($1, NULL, $2, $3, $4, 'internal') RETURNING id`,
        [ctx.c.id, ctx.assignment.organisationId, ctx.who.label, input.body],
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
          excerpt: excerpt(input.body),
          via: 'action-link',
          linkId: ctx.link.id,
        },
        { visibility: 'internal' },
      );
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
          `SELECT id, purpose, case_id, assignment_id, contact_email, expires_at, revoked_at, revoked_reason
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
            data: { action, caseId: link.case_id, assignmentId: link.assignment_id },
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
          type: 'link.refused',
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
      link: { contactEmail: ctx.link.contact_email, expiresAt: new Date(ctx.link.expires_at).toISOString() },
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
      canAct: isOpenStatus(c.status as LockedCase['status']),
    };
  }
}
