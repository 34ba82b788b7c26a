import type { Actor, FieldError, Region, RegionInput } from '@doorbraak/domain';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { isUuid } from '../../common/ids';
import { ProblemException } from '../../common/problem.exception';
import { rows } from '../../database/query';
import { auditAdminAction } from './admin-audit';
import type { RegionPatch } from './admin.schemas';
import { duplicateName, isUniqueViolation } from './organisations.service';

interface RegionRow {
  id: string;
  name: string;
  members_to_confirm: boolean;
  municipality_codes: string[] | null;
}

const SELECT_REGION = `
  SELECT r.id, r.name, r.members_to_confirm,
         ARRAY(SELECT rm.municipality_code FROM region_municipalities rm
                WHERE rm.region_id = r.id ORDER BY rm.municipality_code) AS municipality_codes
    FROM regions r`;

function toRegion(row: RegionRow): Region {
  return {
    id: row.id,
    name: row.name,
    membersToConfirm: row.members_to_confirm,
    municipalityCodes: row.municipality_codes ?? [],
  };
}

async function withUniqueName<T>(run: () => Promise<T>, name: string): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (isUniqueViolation(error, 'uq_regions_name')) throw duplicateName('regio', name);
    throw error;
  }
}

/** Woondeal regions and their member municipalities. Reading: every logged-in user; changing: admins. */
@Injectable()
export class RegionsService {
  constructor(private readonly db: DataSource) {}

  async list(): Promise<{ items: Region[] }> {
    const found: RegionRow[] = await this.db.query(`${SELECT_REGION} ORDER BY lower(r.name), r.name, r.id`);
    return { items: found.map(toRegion) };
  }

  async create(actor: Actor, input: RegionInput): Promise<Region> {
    const created = await this.db.transaction(async (manager) => {
      const codes = await this.validCodes(manager, input.municipalityCodes);
      await this.assertNameFree(manager, input.name, null);
      const [row] = await withUniqueName(
        () =>
          rows<{ id: string }>(
            manager,
            `INSERT INTO regions (name, members_to_confirm) VALUES ($1, $2) RETURNING id`,
            // An admin who creates a region states its members: confirmed unless said otherwise.
            [input.name, input.membersToConfirm ?? false],
          ),
        input.name,
      );
      if (!row) throw new Error('Region insert returned no row');
      await this.replaceMembers(manager, row.id, codes);
      const region = await this.load(manager, row.id);
      await auditAdminAction(
        manager,
        actor,
        'region.created',
        { type: 'region', id: region.id },
        { after: region },
      );
      return region;
    });
    return created;
  }

  async patch(actor: Actor, id: string, input: RegionPatch): Promise<Region> {
    if (!isUuid(id)) throw ProblemException.notFound('Regio niet gevonden.');
    const { after } = await this.db.transaction(async (manager) => {
      const locked: unknown[] = await manager.query(`SELECT 1 FROM regions WHERE id = $1 FOR UPDATE`, [id]);
      if (locked.length === 0) throw ProblemException.notFound('Regio niet gevonden.');
      const previous = await this.load(manager, id);
      const codes = input.municipalityCodes ? await this.validCodes(manager, input.municipalityCodes) : null;
      const name = input.name ?? previous.name;
      if (name !== previous.name) await this.assertNameFree(manager, name, id);
      await withUniqueName(
        () =>
          manager.query(`UPDATE regions SET name = $2, members_to_confirm = $3 WHERE id = $1`, [
            id,
            name,
            input.membersToConfirm ?? previous.membersToConfirm,
          ]),
        name,
      );
      if (codes) await this.replaceMembers(manager, id, codes);
      const next = await this.load(manager, id);
      await auditAdminAction(
        manager,
        actor,
        'region.updated',
        { type: 'region', id },
        { before: previous, after: next },
      );
      return { before: previous, after: next };
    });
    return after;
  }

  private async load(manager: EntityManager, id: string): Promise<Region> {
    const [row] = await manager.query<RegionRow[]>(`${SELECT_REGION} WHERE r.id = $1`, [id]);
    if (!row) throw ProblemException.notFound('Regio niet gevonden.');
    return toRegion(row);
  }

  /** Every code must be a known municipality (400 with a field error per unknown code); duplicates dropped. */
  private async validCodes(manager: EntityManager, codes: string[]): Promise<string[]> {
    const unique = [...new Set(codes)];
    if (unique.length === 0) return [];
    const known = await manager.query<{ code: string }[]>(
      `SELECT code FROM municipalities WHERE code = ANY($1::varchar[])`,
      [unique],
    );
    const knownCodes = new Set(known.map((k) => k.code));
    const errors: FieldError[] = [];
    codes.forEach((code, index) => {
      if (!knownCodes.has(code)) {
        errors.push({
          field: `municipalityCodes.${index}`,
          code: 'unknown',
          message: `Onbekende gemeentecode ${code}.`,
        });
      }
    });
    if (errors.length > 0) throw ProblemException.validation(errors);
    return unique;
  }

  private async replaceMembers(manager: EntityManager, id: string, codes: string[]): Promise<void> {
    await manager.query(`DELETE FROM region_municipalities WHERE region_id = $1`, [id]);
    if (codes.length === 0) return;
    await manager.query(
      `INSERT INTO region_municipalities (region_id, municipality_code)
       SELECT $1, unnest($2::varchar[])`,
      [id, codes],
    );
  }

  private async assertNameFree(manager: EntityManager, name: string, exceptId: string | null): Promise<void> {
    const [taken] = await manager.query<unknown[]>(
      `SELECT 1 FROM regions WHERE lower(name) = lower($1) AND ($2::uuid IS NULL OR id <> $2::uuid)`,
      [name, exceptId],
    );
    if (taken) throw duplicateName('regio', name);
  }
}
