import {
  type Actor,
  type MyWork,
  myWorkSchema,
  type Profile,
  profileSchema,
  type ProfileUpdate,
  profileUpdateSchema,
  type WorkItem,
  workingDaysBetween,
  localDate,
} from '@doorbraak/domain';
import { Controller, Get, Patch } from '@nestjs/common';
import { ApiBody, ApiCookieAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { openApiResponseSchema, openApiSchema, ZodBody } from '../../common/zod-body';
import { CalendarService } from '../deadlines/calendar.service';
import { caseScopeSql } from '../identity/case-scope.sql';
import { CurrentActor } from '../identity/auth.decorators';

const SOON_WORKING_DAYS = 5;

/** "Mijn werk": the open clocks that are mine or my organisation's, and my own preferences. */
@ApiTags('me')
@ApiCookieAuth()
@Controller('me')
export class WorkController {
  constructor(
    private readonly db: DataSource,
    private readonly calendars: CalendarService,
  ) {}

  @Get('work')
  @ApiOperation({
    summary: 'My open actions: overdue, due within 5 working days, and the rest (counts for the navigation).',
  })
  @ApiOkResponse({ schema: openApiResponseSchema(myWorkSchema) })
  async work(@CurrentActor() actor: Actor): Promise<MyWork> {
    const params: unknown[] = [];
    const scope = caseScopeSql(actor, 'c', params);
    // Parties: their organisation's actions. The table: triage, every party's clock and the
    // decisions asked of it. Municipalities: the clocks on their own cases.
    let mine = 'TRUE';
    if (actor.role === 'party') {
      params.push(actor.organisationId);
      mine = `d.kind = 'assignment' AND a.organisation_id = $${params.length}`;
    } else if (actor.role === 'national') {
      mine = `d.kind = 'level_decision'`;
    }
    const found: {
      case_id: string;
      reference: string;
      project_name: string;
      kind: WorkItem['kind'];
      title: string;
      organisation_name: string | null;
      due_date: string | null;
      due_at: Date | null;
      state: WorkItem['state'];
    }[] = await this.db.query(
      `SELECT c.id AS case_id, c.reference, c.project_name, d.kind,
              coalesce(a.requested_action, e.question, 'Triage van het gemelde knelpunt') AS title,
              o.name AS organisation_name, d.due_date::text AS due_date, d.due_at, d.state
         FROM deadlines d
         JOIN cases c ON c.id = d.case_id
         LEFT JOIN case_assignments a ON a.id = d.assignment_id AND a.removed_at IS NULL
         LEFT JOIN organisations o ON o.id = a.organisation_id
         LEFT JOIN case_escalations e ON e.id = d.escalation_id
        WHERE d.state IN ('running', 'paused', 'breached') AND (d.assignment_id IS NULL OR a.id IS NOT NULL)
          AND ${scope} AND ${mine}
        ORDER BY d.due_at NULLS LAST, c.reference
        LIMIT 500`,
      params,
    );
    const calendar = await this.calendars.calendar();
    const today = localDate(new Date());
    const now = new Date();
    const items: WorkItem[] = found.map((r) => {
      const breached =
        r.state === 'breached' || (r.state === 'running' && r.due_at !== null && new Date(r.due_at) < now);
      return {
        caseId: r.case_id,
        reference: r.reference,
        projectName: r.project_name,
        kind: r.kind,
        title: r.title,
        organisationName: r.organisation_name,
        dueDate: r.due_date,
        state: breached ? 'breached' : r.state,
        workingDaysLeft:
          r.due_date && r.state !== 'paused' ? workingDaysBetween(today, r.due_date, calendar) : null,
      };
    });
    const overdue = items.filter((i) => i.state === 'breached');
    const dueSoon = items.filter(
      (i) => i.state === 'running' && i.workingDaysLeft !== null && i.workingDaysLeft <= SOON_WORKING_DAYS,
    );
    const open = items.filter((i) => !overdue.includes(i) && !dueSoon.includes(i));
    return {
      overdue,
      dueSoon,
      open,
      counts: { overdue: overdue.length, dueSoon: dueSoon.length, open: open.length },
    };
  }

  @Get('profile')
  @ApiOperation({ summary: 'My language and notification preference (immediate or daily digest).' })
  @ApiOkResponse({ schema: openApiResponseSchema(profileSchema) })
  async profile(@CurrentActor() actor: Actor): Promise<Profile> {
    const found: { language: string; notification_mode: string }[] = await this.db.query(
      `SELECT language, notification_mode FROM users WHERE id = $1`,
      [actor.userId],
    );
    const r = found[0];
    return {
      language: r?.language === 'en' ? 'en' : 'nl',
      notificationMode: r?.notification_mode === 'digest' ? 'digest' : 'immediate',
    };
  }

  @Patch('profile')
  @ApiOperation({ summary: 'Change my language or notification preference.' })
  @ApiBody({ schema: openApiSchema(profileUpdateSchema) })
  @ApiOkResponse({ schema: openApiResponseSchema(profileSchema) })
  async updateProfile(
    @CurrentActor() actor: Actor,
    @ZodBody(profileUpdateSchema) input: ProfileUpdate,
  ): Promise<Profile> {
    await this.db.query(
      `UPDATE users SET language = coalesce($2, language), notification_mode = coalesce($3, notification_mode), updated_at = now()
        WHERE id = $1`,
      [actor.userId, input.language ?? null, input.notificationMode ?? null],
    );
    return this.profile(actor);
  }
}
