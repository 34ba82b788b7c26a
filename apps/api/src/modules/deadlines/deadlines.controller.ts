import {
  type Actor,
  canManageAssignments,
  type Deadline,
  deadlineSchema,
  type ExtendDeadlineInput,
  extendDeadlineSchema,
  type PauseDeadlineInput,
  pauseDeadlineSchema,
} from '@doorbraak/domain';
import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiBody,
  ApiConflictResponse,
  ApiCookieAuth,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { DataSource, type EntityManager } from 'typeorm';
import { z } from 'zod';
import { isUuid } from '../../common/ids';
import { ProblemException } from '../../common/problem.exception';
import { openApiResponseSchema, openApiSchema, ZodBody } from '../../common/zod-body';
import { lockCaseInScope, touchCase } from '../cases/case-access';
import { CaseEventsService, eventActor } from '../cases/case-events.service';
import { CasesService } from '../cases/cases.service';
import { CurrentActor } from '../identity/auth.decorators';
import { CalendarService } from './calendar.service';
import { loadDeadlines } from './deadline-read-model';
import { type DeadlineCommand, DeadlinesService } from './deadlines.service';

/** The clocks of a case: read by everyone in scope; paused, resumed and extended by the table. */
@ApiTags('deadlines')
@ApiCookieAuth()
@Controller('cases/:id/deadlines')
export class DeadlinesController {
  constructor(
    private readonly db: DataSource,
    private readonly cases: CasesService,
    private readonly deadlines: DeadlinesService,
    private readonly calendars: CalendarService,
    private readonly events: CaseEventsService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Every clock of the case: triage, each party, each level’s decision.' })
  @ApiOkResponse({ schema: openApiResponseSchema(z.object({ items: z.array(deadlineSchema) })) })
  async list(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<{ items: Deadline[] }> {
    await this.cases.get(actor, id);
    return { items: await loadDeadlines(this.db, await this.calendars.calendar(), id) };
  }

  @Post(':deadlineId/pause')
  @HttpCode(200)
  @ApiOperation({ summary: 'Stop the clock, with a reason, an expected resume date and a maximum length.' })
  @ApiBody({ schema: openApiSchema(pauseDeadlineSchema) })
  @ApiOkResponse({ schema: openApiResponseSchema(deadlineSchema) })
  @ApiConflictResponse({
    description: 'problem+json naming the rule (already-paused, pause-too-long, deadline-closed)',
  })
  pause(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Param('deadlineId') deadlineId: string,
    @ZodBody(pauseDeadlineSchema) input: PauseDeadlineInput,
  ): Promise<Deadline> {
    return this.command(actor, id, deadlineId, 'deadline.paused', {
      type: 'pause',
      reason: input.reason,
      expectedResume: input.expectedResume ?? null,
      maxWorkingDays: input.maxWorkingDays,
    });
  }

  @Post(':deadlineId/resume')
  @HttpCode(200)
  @ApiOperation({ summary: 'Start a paused clock again.' })
  @ApiOkResponse({ schema: openApiResponseSchema(deadlineSchema) })
  @ApiConflictResponse({ description: 'problem+json: not-paused' })
  resume(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Param('deadlineId') deadlineId: string,
  ): Promise<Deadline> {
    return this.command(actor, id, deadlineId, 'deadline.resumed', { type: 'resume' });
  }

  @Post(':deadlineId/extend')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Extend by working days, with a reason, up to the policy’s cap; the actor approves it.',
  })
  @ApiBody({ schema: openApiSchema(extendDeadlineSchema) })
  @ApiOkResponse({ schema: openApiResponseSchema(deadlineSchema) })
  @ApiConflictResponse({ description: 'problem+json: extension-over-cap, deadline-closed' })
  extend(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Param('deadlineId') deadlineId: string,
    @ZodBody(extendDeadlineSchema) input: ExtendDeadlineInput,
  ): Promise<Deadline> {
    return this.command(actor, id, deadlineId, 'deadline.extended', {
      type: 'extend',
      workingDays: input.workingDays,
      reason: input.reason,
      approvedBy: eventActor(actor).label,
    });
  }

  private async command(
    actor: Actor,
    caseId: string,
    deadlineId: string,
    eventType: string,
    command: DeadlineCommand,
  ): Promise<Deadline> {
    return this.db.transaction(async (manager: EntityManager) => {
      const c = await lockCaseInScope(manager, actor, caseId);
      if (!isUuid(deadlineId)) throw ProblemException.notFound('Termijn niet gevonden.');
      const calendar = await this.calendars.calendar(manager);
      const before = (await loadDeadlines(manager, calendar, c.id, deadlineId))[0];
      if (!before) throw ProblemException.notFound('Termijn niet gevonden.');
      if (!canManageAssignments(actor, c))
        throw ProblemException.forbidden('Alleen de tafel kan termijnen stilzetten of verlengen.');
      await this.deadlines.apply(manager, deadlineId, command, eventActor(actor).label);
      const after = (await loadDeadlines(manager, calendar, c.id, deadlineId))[0] as Deadline;
      await touchCase(manager, c.id);
      const { type: _type, ...details } = command;
      await this.events.append(manager, c.id, eventActor(actor), eventType, {
        deadlineId,
        kind: after.kind,
        ...details,
        before: { state: before.state, dueDate: before.dueDate },
        after: { state: after.state, dueDate: after.dueDate },
      });
      return after;
    });
  }
}
