import {
  type Actor,
  type Holiday,
  type HolidayInput,
  holidayInputSchema,
  type HolidayListQuery,
  holidayListQuerySchema,
  holidaySchema,
} from '@doorbraak/domain';
import { Controller, Get, Param, Put } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiCookieAuth,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import { z } from 'zod';
import { openApiResponseSchema, openApiSchema, ZodBody, ZodQuery } from '../../common/zod-body';
import { CurrentActor, Roles } from '../identity/auth.decorators';
import { HolidaysService } from './holidays.service';

/** The holiday calendar behind working days (admin). Admins only; changes are audited. */
@ApiTags('admin')
@ApiCookieAuth()
@ApiForbiddenResponse({ description: 'problem+json: only admins' })
@Controller('admin/holidays')
export class HolidaysController {
  constructor(private readonly holidays: HolidaysService) {}

  @Get()
  @Roles('admin')
  @ApiOperation({ summary: 'Holidays of the working-day calendar, by date; optionally one year (admin).' })
  @ApiQuery({ name: 'year', required: false })
  @ApiOkResponse({ schema: openApiResponseSchema(z.object({ items: z.array(holidaySchema) })) })
  list(@ZodQuery(holidayListQuerySchema) query: HolidayListQuery): Promise<{ items: Holiday[] }> {
    return this.holidays.list(query.year);
  }

  @Put(':date')
  @Roles('admin')
  @ApiOperation({
    summary:
      'Add or correct a day (admin): its name, and whether it is a day off (active) or a working day after all.',
  })
  @ApiBody({ schema: openApiSchema(holidayInputSchema) })
  @ApiOkResponse({ schema: openApiResponseSchema(holidaySchema) })
  @ApiBadRequestResponse({ description: 'problem+json: invalid date or body' })
  put(
    @CurrentActor() actor: Actor,
    @Param('date') date: string,
    @ZodBody(holidayInputSchema) input: HolidayInput,
  ): Promise<Holiday> {
    return this.holidays.put(actor, date, input);
  }
}
