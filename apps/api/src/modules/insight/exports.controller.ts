import {
  type Actor,
  type CaseExportQuery,
  caseExportQuerySchema,
  type ProgressReportQuery,
  progressReportQuerySchema,
} from '@doorbraak/domain';
import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import {
  ApiCookieAuth,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ZodQuery } from '../../common/zod-body';
import { CurrentActor } from '../identity/auth.decorators';
import { type Download, ExportsService } from './exports.service';

const LIST_FILTERS = ['q', 'status', 'knelpuntType', 'province', 'municipality', 'region', 'party', 'level'];
const binary = (type: string, description: string) =>
  ApiOkResponse({ description, content: { [type]: { schema: { type: 'string', format: 'binary' } } } });

function send(reply: FastifyReply, download: Download): void {
  void reply
    .status(200)
    .header('content-type', download.contentType)
    .header('content-disposition', `attachment; filename="${download.filename}"`)
    .header('cache-control', 'private, no-store')
    .header('x-content-type-options', 'nosniff')
    .send(download.body);
}

function listFilters(): MethodDecorator {
  return (target, key, descriptor) => {
    for (const name of [...LIST_FILTERS, 'overdue', 'examples', 'sort']) {
      ApiQuery({ name, required: false, description: `As GET /api/cases` })(target, key, descriptor);
    }
  };
}

/** Downloads; each one is recorded in the audit log (`export.<kind>`, see ExportsService). */
@ApiTags('exports')
@ApiCookieAuth()
@Controller()
export class ExportsController {
  constructor(private readonly exports: ExportsService) {}

  @Get('exports/cases.csv')
  @ApiOperation({
    summary:
      'Every case GET /api/cases finds with these filters (cursor/limit ignored) as CSV: UTF-8 with BOM, ";" separated, Dutch column names; streamed.',
  })
  @ApiProduces('text/csv')
  @listFilters()
  @binary('text/csv', 'CSV attachment')
  async csv(
    @CurrentActor() actor: Actor,
    @ZodQuery(caseExportQuerySchema) query: CaseExportQuery,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    send(reply, await this.exports.casesCsv(actor, query, request));
  }

  @Get('exports/cases.xlsx')
  @ApiOperation({
    summary: 'The same cases as an Excel workbook (sheet "Dossiers", numbers as numbers); streamed.',
  })
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @listFilters()
  @binary('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'XLSX attachment')
  async xlsx(
    @CurrentActor() actor: Actor,
    @ZodQuery(caseExportQuerySchema) query: CaseExportQuery,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    send(reply, await this.exports.casesXlsx(actor, query, request));
  }

  @Get('exports/progress-report.pdf')
  @ApiOperation({
    summary:
      'Progress report in the shape of the Kamerbrief knelpunten section: homes per knelpunt type, named breakthroughs, systemic knelpunten, per province.',
  })
  @ApiProduces('application/pdf')
  @ApiQuery({ name: 'province', required: false, description: 'Comma-separated PV codes' })
  @ApiQuery({ name: 'region', required: false, description: 'Woondeal region id' })
  @binary('application/pdf', 'PDF attachment')
  async progressReport(
    @CurrentActor() actor: Actor,
    @ZodQuery(progressReportQuerySchema) query: ProgressReportQuery,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    send(reply, await this.exports.progressReport(actor, query, request));
  }

  @Get('cases/:id/export.pdf')
  @ApiTags('cases')
  @ApiOperation({
    summary: 'The case file as PDF: summary, parties, clocks, escalations, breakthrough and timeline.',
  })
  @ApiProduces('application/pdf')
  @binary('application/pdf', 'PDF attachment')
  @ApiNotFoundResponse({ description: 'problem+json: the case does not exist or is outside your scope' })
  async caseFile(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    send(reply, await this.exports.caseFile(actor, id, request));
  }
}
