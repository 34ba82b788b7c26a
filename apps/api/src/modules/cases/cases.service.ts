import {
  type Actor,
  canSubmitCaseFor,
  type CaseDetail,
  type CaseList,
  type CaseListQuery,
  type CaseSummary,
  type CreateCaseInput,
} from '@doorbraak/domain';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { isUuid } from '../../common/ids';
import { ProblemException } from '../../common/problem.exception';
import { caseScopeSql } from '../identity/case-scope.sql';
import { MunicipalityEntity } from '../reference/reference.entities';
import { CaseEntity, CaseKnelpuntEntity } from './case.entity';

interface CaseRow {
  id: string;
  reference: string;
  project_name: string;
  municipality_code: string;
  municipality_name: string;
  province_code: string;
  province_name: string;
  homes_total: number;
  homes_social_or_affordable: number | null;
  description: string | null;
  phase: CaseDetail['phase'];
  confidentiality: CaseDetail['confidentiality'];
  status: CaseSummary['status'];
  level_code: string;
  is_example: boolean;
  submitter_organisation_id: string;
  submitter_organisation_name: string;
  version: number;
  created_at: Date | string;
  updated_at: Date | string;
  /** created_at as PostgreSQL prints it, microseconds included: the exact keyset position. */
  created_at_key: string;
  knelpunt_types: string[] | null;
}

const SELECT_CASE = `
  SELECT c.id, c.reference, c.project_name, c.municipality_code, m.name AS municipality_name,
         c.province_code, p.name AS province_name, c.homes_total, c.homes_social_or_affordable,
         c.description, c.phase, c.confidentiality, c.status, c.level_code, c.is_example,
         c.submitter_organisation_id, o.name AS submitter_organisation_name, c.version,
         c.created_at, c.updated_at, c.created_at::text AS created_at_key,
         ARRAY(SELECT k.knelpunt_code FROM case_knelpunten k WHERE k.case_id = c.id ORDER BY k.knelpunt_code) AS knelpunt_types
    FROM cases c
    JOIN municipalities m ON m.code = c.municipality_code
    JOIN provinces p ON p.code = c.province_code
    JOIN organisations o ON o.id = c.submitter_organisation_id`;

const iso = (value: Date | string) => new Date(value).toISOString();

function toSummary(row: CaseRow): CaseSummary {
  return {
    id: row.id,
    reference: row.reference,
    projectName: row.project_name,
    municipalityCode: row.municipality_code,
    municipalityName: row.municipality_name,
    provinceCode: row.province_code,
    provinceName: row.province_name,
    homesTotal: row.homes_total,
    knelpuntTypes: row.knelpunt_types ?? [],
    status: row.status,
    levelCode: row.level_code,
    isExample: row.is_example,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}

function toDetail(row: CaseRow): CaseDetail {
  return {
    ...toSummary(row),
    homesSocialOrAffordable: row.homes_social_or_affordable,
    description: row.description,
    phase: row.phase,
    confidentiality: row.confidentiality,
    submitterOrganisationId: row.submitter_organisation_id,
    submitterOrganisationName: row.submitter_organisation_name,
    version: row.version,
  };
}

interface Cursor {
  createdAt: string;
  id: string;
}

function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify([c.createdAt, c.id])).toString('base64url');
}

function decodeCursor(value: string): Cursor {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
    if (
      Array.isArray(parsed) &&
      parsed.length === 2 &&
      typeof parsed[0] === 'string' &&
      /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,6})?([+-]\d{2}(:\d{2})?|Z)$/.test(parsed[0]) &&
      typeof parsed[1] === 'string' &&
      isUuid(parsed[1])
    ) {
      return { createdAt: parsed[0], id: parsed[1] };
    }
  } catch {
    // fall through
  }
  throw ProblemException.validation([
    { field: 'cursor', code: 'invalid_cursor', message: 'Ongeldige cursor.' },
  ]);
}

/** Allocates the next `DB-<year>-<nnnn>` inside the caller's transaction (row lock on the counter). */
async function nextReference(manager: EntityManager, now: Date): Promise<string> {
  const year = Number(
    new Intl.DateTimeFormat('en', { timeZone: 'Europe/Amsterdam', year: 'numeric' }).format(now),
  );
  const rows: { last_value: number }[] = await manager.query(
    `INSERT INTO case_reference_counters (year, last_value) VALUES ($1, 1)
     ON CONFLICT (year) DO UPDATE SET last_value = case_reference_counters.last_value + 1
     RETURNING last_value`,
    [year],
  );
  const value = rows[0]?.last_value ?? 1;
  return `DB-${year}-${String(value).padStart(4, '0')}`;
}

export interface CreateCaseOptions {
  isExample?: boolean;
  createdAt?: Date;
}

@Injectable()
export class CasesService {
  constructor(private readonly db: DataSource) {}

  async create(actor: Actor, input: CreateCaseInput, options: CreateCaseOptions = {}): Promise<CaseDetail> {
    const id = await this.db.transaction(async (manager) => this.createIn(manager, actor, input, options));
    return this.get(actor, id);
  }

  /** Inserts a case in the caller's transaction (used by the API and by the demo seed). */
  async createIn(
    manager: EntityManager,
    actor: Actor,
    input: CreateCaseInput,
    options: CreateCaseOptions = {},
  ): Promise<string> {
    const municipality = await manager
      .getRepository(MunicipalityEntity)
      .findOneBy({ code: input.municipalityCode });
    if (!municipality) {
      throw ProblemException.validation([
        {
          field: 'municipalityCode',
          code: 'unknown',
          message: 'Onbekende gemeentecode; kies een gemeente uit de lijst.',
        },
      ]);
    }
    if (!canSubmitCaseFor(actor, municipality.code, municipality.provinceCode)) {
      throw ProblemException.forbidden(
        `U kunt geen knelpunt melden voor gemeente ${municipality.name}: dat valt buiten uw organisatie of regio.`,
      );
    }
    const now = options.createdAt ?? new Date();
    const reference = await nextReference(manager, now);
    const inserted = await manager.getRepository(CaseEntity).insert({
      reference,
      projectName: input.projectName,
      municipalityCode: municipality.code,
      provinceCode: municipality.provinceCode,
      homesTotal: input.homesTotal,
      homesSocialOrAffordable: input.homesSocialOrAffordable ?? null,
      description: input.description ?? null,
      phase: input.phase ?? null,
      confidentiality: input.confidentiality ?? 'intern',
      isExample: options.isExample ?? false,
      submitterOrganisationId: actor.organisationId,
      createdByUserId: actor.userId,
      createdAt: now,
      updatedAt: now,
    });
    const id = (inserted.identifiers[0] as { id: string }).id;
    await manager
      .getRepository(CaseKnelpuntEntity)
      .insert(input.knelpuntTypes.map((knelpuntCode) => ({ caseId: id, knelpuntCode })));
    return id;
  }

  /** One case, if the actor may see it; otherwise 404 (existence does not leak). */
  async get(actor: Actor, id: string): Promise<CaseDetail> {
    if (!isUuid(id)) throw ProblemException.notFound('Dossier niet gevonden.');
    const params: unknown[] = [id];
    const scope = caseScopeSql(actor, 'c', params);
    const rows: CaseRow[] = await this.db.query(`${SELECT_CASE} WHERE c.id = $1 AND ${scope}`, params);
    const row = rows[0];
    if (!row) throw ProblemException.notFound('Dossier niet gevonden.');
    return toDetail(row);
  }

  /** Newest first, keyset-paginated on (created_at, id), scoped to the actor. */
  async list(actor: Actor, query: CaseListQuery): Promise<CaseList> {
    const params: unknown[] = [];
    const where = [caseScopeSql(actor, 'c', params)];
    if (query.q) {
      params.push(`%${query.q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`);
      where.push(
        `(c.project_name ILIKE $${params.length} OR m.name ILIKE $${params.length} OR c.reference ILIKE $${params.length})`,
      );
    }
    if (query.cursor) {
      const cursor = decodeCursor(query.cursor);
      params.push(cursor.createdAt, cursor.id);
      where.push(`(c.created_at, c.id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
    }
    params.push(query.limit + 1);
    const rows: CaseRow[] = await this.db.query(
      `${SELECT_CASE} WHERE ${where.join(' AND ')} ORDER BY c.created_at DESC, c.id DESC LIMIT $${params.length}`,
      params,
    );
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    return {
      items: page.map(toSummary),
      nextCursor:
        rows.length > query.limit && last
          ? encodeCursor({ createdAt: last.created_at_key, id: last.id })
          : null,
    };
  }
}
