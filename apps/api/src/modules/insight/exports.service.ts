import type { Readable } from 'node:stream';
import {
  type Actor,
  type CaseExportQuery,
  localDate,
  type ProgressReportQuery,
  type SOLUTION_TYPES,
} from '@doorbraak/domain';
import { Injectable, Logger } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { DataSource } from 'typeorm';
import { ProblemException } from '../../common/problem.exception';
import { SecurityEventsService } from '../audit/security-events.service';
import { CasesService } from '../cases/cases.service';
import { caseExportBatches, csvStream, type ExportCell, xlsxStream } from './case-export';
import { DashboardService } from './dashboard.service';
import { insightCaseWhere } from './insight-sql';
import { type ReferenceLabels, renderCaseFile, renderProgressReport } from './pdf-documents';
import { SystemicService } from './systemic.service';

export interface Download {
  body: Readable;
  filename: string;
  contentType: string;
}

/** ASCII-only, for Content-Disposition filenames. */
export function slug(text: string): string {
  return (
    text
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'export'
  );
}

/** The kinds of export in the audit log (`export.<kind>`). */
export type ExportKind = 'cases_csv' | 'cases_xlsx' | 'case_file' | 'progress_report';

/** The filters of a case export as the user gave them (cursor and limit are ignored by exports). */
function exportFilters(query: CaseExportQuery): Record<string, unknown> {
  const { cursor: _cursor, limit: _limit, ...filters } = query;
  return Object.fromEntries(Object.entries(filters).filter(([, value]) => value !== undefined));
}

/**
 * Streamed exports: the case list as CSV and XLSX, the case file and the progress report as PDF.
 * Every export is recorded in the insert-only audit log (`export.<kind>`): who, which filters, and
 * how many rows left the system. A streamed list is recorded when its stream ends (completely or
 * because the client went away), so the row count is the number actually produced.
 */
@Injectable()
export class ExportsService {
  private readonly logger = new Logger('Exports');

  constructor(
    private readonly db: DataSource,
    private readonly cases: CasesService,
    private readonly dashboards: DashboardService,
    private readonly systemic: SystemicService,
    private readonly events: SecurityEventsService,
  ) {}

  async casesCsv(actor: Actor, query: CaseExportQuery, request?: FastifyRequest): Promise<Download> {
    const batches = await caseExportBatches(this.db, actor, query);
    return {
      body: csvStream(this.counted(batches, actor, 'cases_csv', exportFilters(query), request)),
      filename: `doorbraak-dossiers-${localDate(new Date())}.csv`,
      contentType: 'text/csv; charset=utf-8',
    };
  }

  async casesXlsx(actor: Actor, query: CaseExportQuery, request?: FastifyRequest): Promise<Download> {
    const batches = await caseExportBatches(this.db, actor, query);
    return {
      body: xlsxStream(this.counted(batches, actor, 'cases_xlsx', exportFilters(query), request), (error) =>
        this.logger.error({ err: error }, 'XLSX export failed'),
      ),
      filename: `doorbraak-dossiers-${localDate(new Date())}.xlsx`,
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    };
  }

  /** One audit_log row for an export (`export.<kind>`), with the actor's organisation and role. */
  private async audit(
    actor: Actor,
    kind: ExportKind,
    data: Record<string, unknown>,
    request?: FastifyRequest,
    target?: { type: string; id: string },
  ): Promise<void> {
    await this.events.record(
      {
        type: `export.${kind}`,
        actor: { userId: actor.userId, label: `${actor.name} (${actor.organisationName})` },
        target,
        data: { actorOrganisationId: actor.organisationId, actorRole: actor.role, ...data },
      },
      request,
    );
  }

  /**
   * Passes the batches through, counting rows; when the stream ends (all rows sent, an error, or
   * the client going away) it writes the audit entry with the rows produced and whether it finished.
   */
  private counted(
    batches: AsyncGenerator<ExportCell[][]>,
    actor: Actor,
    kind: ExportKind,
    filters: Record<string, unknown>,
    request?: FastifyRequest,
  ): AsyncGenerator<ExportCell[][]> {
    const audit = (data: Record<string, unknown>) => this.audit(actor, kind, data, request);
    const logger = this.logger;
    return (async function* countRows() {
      let rowCount = 0;
      let completed = false;
      try {
        for await (const batch of batches) {
          rowCount += batch.length;
          yield batch;
        }
        completed = true;
      } finally {
        await audit({ filters, rowCount, completed }).catch((error: unknown) =>
          logger.error({ err: error, kind }, 'export audit entry could not be written'),
        );
      }
    })();
  }

  /** The case file; 404 when the case is outside the actor's scope. Timeline as the actor may see it. */
  async caseFile(actor: Actor, id: string, request?: FastifyRequest): Promise<Download> {
    const detail = await this.cases.get(actor, id);
    const timeline = await this.cases.timeline(actor, id);
    await this.audit(
      actor,
      'case_file',
      { reference: detail.reference, rowCount: timeline.items.length },
      request,
      { type: 'case', id: detail.id },
    );
    const doc = renderCaseFile({
      detail,
      timeline: timeline.items,
      labels: await this.labels(),
      generatedBy: `${actor.name} (${actor.organisationName})`,
      generatedAt: new Date(),
    });
    return { body: doc, filename: `dossier-${detail.reference}.pdf`, contentType: 'application/pdf' };
  }

  /** The progress report for the actor's scope, narrowed to provinces or one woondeal region. */
  async progressReport(
    actor: Actor,
    query: ProgressReportQuery,
    request?: FastifyRequest,
  ): Promise<Download> {
    let scope = `Alle dossiers in het bereik van ${actor.organisationName}`;
    if (query.region) {
      const region: { name: string }[] = await this.db.query(`SELECT name FROM regions WHERE id = $1`, [
        query.region,
      ]);
      if (!region[0]) {
        throw ProblemException.validation([
          { field: 'region', code: 'unknown', message: 'Onbekende woondealregio.' },
        ]);
      }
      scope = `Woondealregio ${region[0].name}`;
    }
    if (query.province) {
      const names: { name: string }[] = await this.db.query(
        `SELECT name FROM provinces WHERE code = ANY($1::varchar[]) ORDER BY name`,
        [query.province],
      );
      const provinces = `Provincie ${names.map((p) => p.name).join(', ')}`;
      scope = query.region ? `${scope}, ${provinces}` : provinces;
    }
    const filters = { province: query.province, region: query.region };
    const dashboard = await this.dashboards.dashboard(actor, filters);

    const params: unknown[] = [];
    const where = insightCaseWhere(actor, filters, params);
    const breakthroughs: {
      project_name: string;
      municipality_name: string;
      province_name: string;
      homes_unblocked: number;
      solution_type: (typeof SOLUTION_TYPES)[number];
      narrative: string;
      date: string;
      is_example: boolean;
      level_code: string;
    }[] = await this.db.query(
      `SELECT c.project_name, m.name AS municipality_name, p.name AS province_name, b.homes_unblocked,
              b.solution_type, b.narrative, b.date::text AS date, c.is_example, c.level_code
         FROM case_breakthroughs b JOIN cases c ON c.id = b.case_id
         JOIN municipalities m ON m.code = c.municipality_code JOIN provinces p ON p.code = c.province_code
        WHERE b.current AND ${where}
        ORDER BY c.is_example, b.homes_unblocked DESC, b.date DESC, b.id LIMIT 200`,
      params,
    );
    const systemicParams: unknown[] = [];
    const systemicWhere = insightCaseWhere(actor, filters, systemicParams, { systemic: 'only' });
    const systemicIds: { id: string }[] = await this.db.query(
      `SELECT c.id FROM cases c WHERE ${systemicWhere} ORDER BY c.created_at DESC LIMIT 100`,
      systemicParams,
    );
    await this.audit(
      actor,
      'progress_report',
      {
        filters: Object.fromEntries(Object.entries(filters).filter(([, value]) => value !== undefined)),
        scope,
        rowCount: breakthroughs.length,
        openCases: dashboard.totals.openCases,
        systemicKnelpunten: systemicIds.length,
      },
      request,
    );
    const generatedAt = new Date();
    const doc = renderProgressReport({
      scope,
      generatedBy: `${actor.name} (${actor.organisationName})`,
      generatedAt,
      dashboard,
      breakthroughs: breakthroughs.map((b) => ({
        projectName: b.project_name,
        municipalityName: b.municipality_name,
        provinceName: b.province_name,
        homesUnblocked: b.homes_unblocked,
        solutionType: b.solution_type,
        narrative: b.narrative,
        date: b.date,
        isExample: b.is_example,
        levelCode: b.level_code,
      })),
      systemic: await this.systemic.load(
        actor,
        systemicIds.map((r) => r.id),
      ),
      labels: await this.labels(),
    });
    return {
      body: doc,
      filename: `voortgangsrapportage-${slug(scope)}-${localDate(generatedAt)}.pdf`,
      contentType: 'application/pdf',
    };
  }

  private async labels(): Promise<ReferenceLabels> {
    const found: { kind: 'knelpunt' | 'level'; code: string; label: string }[] = await this.db.query(
      `SELECT 'knelpunt' AS kind, code, label_nl AS label FROM knelpunt_types
       UNION ALL SELECT 'level', code, label_nl FROM escalation_levels`,
    );
    const labels: ReferenceLabels = { knelpunt: new Map(), level: new Map() };
    for (const r of found) labels[r.kind].set(r.code, r.label);
    return labels;
  }
}
