import type { Actor, FieldError, Organisation, OrganisationInput } from '@doorbraak/domain';
import { PROBLEM_TYPES } from '@doorbraak/domain';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { isUuid } from '../../common/ids';
import { ProblemException } from '../../common/problem.exception';
import { rows } from '../../database/query';
import { auditAdminAction } from './admin-audit';
import type { OrganisationListQuery, OrganisationPatch } from './admin.schemas';
import { SessionsService } from '../identity/sessions.service';

interface OrganisationRow {
  id: string;
  name: string;
  short_name: string | null;
  type: string;
  municipality_code: string | null;
  province_codes: string[] | null;
  note: string | null;
}

const COLUMNS = 'id, name, short_name, type, municipality_code, province_codes, note';

function toOrganisation(row: OrganisationRow): Organisation {
  return {
    id: row.id,
    name: row.name,
    shortName: row.short_name,
    type: row.type,
    municipalityCode: row.municipality_code,
    provinceCodes: row.province_codes ?? [],
    note: row.note,
  };
}

/** `%` and `_` in a search term match themselves. */
export function likePattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export function duplicateName(kind: 'organisatie' | 'regio', name: string): ProblemException {
  return new ProblemException(
    409,
    PROBLEM_TYPES.conflict,
    'Naam bestaat al',
    `Er is al een ${kind} met de naam "${name}".`,
  );
}

/** PostgreSQL unique_violation on the given index (a concurrent insert won the race). */
export function isUniqueViolation(error: unknown, index: string): boolean {
  const e = error as {
    code?: string;
    constraint?: string;
    driverError?: { code?: string; constraint?: string };
  };
  const code = e?.driverError?.code ?? e?.code;
  const constraint = e?.driverError?.constraint ?? e?.constraint;
  return code === '23505' && (constraint === undefined || constraint === index);
}

async function withUniqueName<T>(run: () => Promise<T>, name: string): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (isUniqueViolation(error, 'uq_organisations_name')) throw duplicateName('organisatie', name);
    throw error;
  }
}

/** Organisations at the tables. Reading: every logged-in user; changing: admins (the controller). */
@Injectable()
export class OrganisationsService {
  constructor(
    private readonly db: DataSource,
    private readonly sessions: SessionsService,
  ) {}

  async list(query: OrganisationListQuery): Promise<{ items: Organisation[] }> {
    const params: unknown[] = [];
    const where: string[] = [];
    if (query.type) {
      params.push(query.type);
      where.push(`type = $${params.length}`);
    }
    if (query.q) {
      params.push(likePattern(query.q));
      where.push(`(name ILIKE $${params.length} OR short_name ILIKE $${params.length})`);
    }
    const found: OrganisationRow[] = await this.db.query(
      `SELECT ${COLUMNS} FROM organisations ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY lower(name), name, id`,
      params,
    );
    return { items: found.map(toOrganisation) };
  }

  async create(actor: Actor, input: OrganisationInput): Promise<Organisation> {
    const created = await this.db.transaction(async (manager) => {
      const values = {
        name: input.name,
        shortName: input.shortName ?? null,
        type: input.type,
        municipalityCode: input.municipalityCode ?? null,
        provinceCodes: [...new Set(input.provinceCodes ?? [])],
        note: input.note ?? null,
      };
      await this.validate(manager, values);
      await this.assertNameFree(manager, values.name, null);
      const [row] = await withUniqueName(
        () =>
          rows<OrganisationRow>(
            manager,
            `INSERT INTO organisations (name, short_name, type, municipality_code, province_codes, note)
           VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${COLUMNS}`,
            [
              values.name,
              values.shortName,
              values.type,
              values.municipalityCode,
              values.provinceCodes,
              values.note,
            ],
          ),
        values.name,
      );
      if (!row) throw new Error('Organisation insert returned no row');
      const organisation = toOrganisation(row);
      await auditAdminAction(
        manager,
        actor,
        'organisation.created',
        { type: 'organisation', id: organisation.id },
        { after: organisation },
      );
      return organisation;
    });
    return created;
  }

  async patch(actor: Actor, id: string, input: OrganisationPatch): Promise<Organisation> {
    if (!isUuid(id)) throw ProblemException.notFound('Organisatie niet gevonden.');
    const { after } = await this.db.transaction(async (manager) => {
      const [current] = await manager.query<OrganisationRow[]>(
        `SELECT ${COLUMNS} FROM organisations WHERE id = $1 FOR UPDATE`,
        [id],
      );
      if (!current) throw ProblemException.notFound('Organisatie niet gevonden.');
      const previous = toOrganisation(current);
      const values = {
        name: input.name ?? previous.name,
        shortName: input.shortName !== undefined ? input.shortName : previous.shortName,
        type: input.type ?? previous.type,
        municipalityCode:
          input.municipalityCode !== undefined ? input.municipalityCode : previous.municipalityCode,
        provinceCodes: input.provinceCodes ? [...new Set(input.provinceCodes)] : previous.provinceCodes,
        note: input.note !== undefined ? input.note : previous.note,
      };
      await this.validate(manager, values);
      if (values.name !== previous.name) await this.assertNameFree(manager, values.name, id);
      const [row] = await withUniqueName(
        () =>
          rows<OrganisationRow>(
            manager,
            `UPDATE organisations
              SET name = $2, short_name = $3, type = $4, municipality_code = $5, province_codes = $6, note = $7,
                  updated_at = now()
            WHERE id = $1 RETURNING ${COLUMNS}`,
            [
              id,
              values.name,
              values.shortName,
              values.type,
              values.municipalityCode,
              values.provinceCodes,
              values.note,
            ],
          ),
        values.name,
      );
      if (!row) throw ProblemException.notFound('Organisatie niet gevonden.');
      const next = toOrganisation(row);
      await auditAdminAction(
        manager,
        actor,
        'organisation.updated',
        { type: 'organisation', id },
        { before: previous, after: next },
      );
      return { before: previous, after: next };
    });
    // Users of this organisation carry its name and scope in their sessions.
    await this.sessions.changed();
    return after;
  }

  /** Type, municipality and province codes must exist in the reference data (400 with field errors). */
  private async validate(
    manager: EntityManager,
    values: { type: string; municipalityCode: string | null; provinceCodes: string[] },
  ): Promise<void> {
    const errors: FieldError[] = [];
    const [type] = await manager.query<unknown[]>(`SELECT 1 FROM party_types WHERE code = $1`, [values.type]);
    if (!type) errors.push({ field: 'type', code: 'unknown', message: 'Onbekend soort organisatie.' });
    if (values.municipalityCode) {
      const [m] = await manager.query<unknown[]>(`SELECT 1 FROM municipalities WHERE code = $1`, [
        values.municipalityCode,
      ]);
      if (!m) {
        errors.push({ field: 'municipalityCode', code: 'unknown', message: 'Onbekende gemeentecode.' });
      }
    } else if (values.type === 'municipality') {
      errors.push({
        field: 'municipalityCode',
        code: 'required',
        message: 'Een gemeente heeft een gemeentecode nodig.',
      });
    }
    if (values.provinceCodes.length > 0) {
      const known = await manager.query<{ code: string }[]>(
        `SELECT code FROM provinces WHERE code = ANY($1::varchar[])`,
        [values.provinceCodes],
      );
      const knownCodes = new Set(known.map((k) => k.code));
      values.provinceCodes.forEach((code, index) => {
        if (!knownCodes.has(code)) {
          errors.push({
            field: `provinceCodes.${index}`,
            code: 'unknown',
            message: `Onbekende provinciecode ${code}.`,
          });
        }
      });
    }
    if (errors.length > 0) throw ProblemException.validation(errors);
  }

  private async assertNameFree(manager: EntityManager, name: string, exceptId: string | null): Promise<void> {
    const [taken] = await manager.query<unknown[]>(
      `SELECT 1 FROM organisations WHERE lower(name) = lower($1) AND ($2::uuid IS NULL OR id <> $2::uuid)`,
      [name, exceptId],
    );
    if (taken) throw duplicateName('organisatie', name);
  }
}
