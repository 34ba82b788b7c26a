import type { Actor, AdminKnelpuntType, KnelpuntTypePatch } from '@doorbraak/domain';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { ProblemException } from '../../common/problem.exception';
import { auditAdminAction } from './admin-audit';

interface KnelpuntTypeRow {
  code: string;
  label_nl: string;
  label_en: string;
  named_in_letter: boolean;
  note: string | null;
  active: boolean;
  cases_count: number | string;
}

const SELECT_TYPE = `
  SELECT kt.code, kt.label_nl, kt.label_en, kt.named_in_letter, kt.note, kt.active,
         (SELECT count(*) FROM case_knelpunten ck WHERE ck.knelpunt_code = kt.code)::int AS cases_count
    FROM knelpunt_types kt`;

function toType(row: KnelpuntTypeRow): AdminKnelpuntType {
  return {
    code: row.code,
    labelNl: row.label_nl,
    labelEn: row.label_en,
    namedInLetter: row.named_in_letter,
    note: row.note,
    active: row.active,
    casesCount: Number(row.cases_count),
  };
}

const notFound = () => ProblemException.notFound('Type knelpunt niet gevonden.');

/**
 * Knelpunt types for admins. The codes come from the reference data (libs/domain) and are never
 * added or deleted here: cases refer to them. Admins change the wording (Dutch, English,
 * description) and whether new cases may choose the type (`active`; GET /api/reference/knelpunt-types
 * lists only active ones). A deactivated type stays on the cases that have it.
 */
@Injectable()
export class KnelpuntTypesService {
  constructor(private readonly db: DataSource) {}

  async list(): Promise<{ items: AdminKnelpuntType[] }> {
    const found: KnelpuntTypeRow[] = await this.db.query(`${SELECT_TYPE} ORDER BY kt.code`);
    return { items: found.map(toType) };
  }

  async patch(actor: Actor, code: string, input: KnelpuntTypePatch): Promise<AdminKnelpuntType> {
    if (!/^[a-z_]{2,64}$/.test(code)) throw notFound();
    return this.db.transaction(async (manager) => {
      const locked: unknown[] = await manager.query(
        `SELECT 1 FROM knelpunt_types WHERE code = $1 FOR UPDATE`,
        [code],
      );
      if (locked.length === 0) throw notFound();
      const before = await this.load(manager, code);
      await manager.query(
        `UPDATE knelpunt_types SET label_nl = $2, label_en = $3, note = $4, active = $5 WHERE code = $1`,
        [
          code,
          input.labelNl ?? before.labelNl,
          input.labelEn ?? before.labelEn,
          input.note === undefined ? before.note : input.note || null,
          input.active ?? before.active,
        ],
      );
      const after = await this.load(manager, code);
      await auditAdminAction(
        manager,
        actor,
        'knelpunt_type.updated',
        { type: 'knelpunt_type', id: code },
        { before: withoutCount(before), after: withoutCount(after) },
      );
      return after;
    });
  }

  private async load(manager: EntityManager, code: string): Promise<AdminKnelpuntType> {
    const [row] = await manager.query<KnelpuntTypeRow[]>(`${SELECT_TYPE} WHERE kt.code = $1`, [code]);
    if (!row) throw notFound();
    return toType(row);
  }
}

function withoutCount(type: AdminKnelpuntType): Omit<AdminKnelpuntType, 'casesCount'> {
  const { casesCount: _count, ...rest } = type;
  return rest;
}
