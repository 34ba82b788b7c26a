import {
  type Actor,
  availableTransitions,
  canEditCase,
  canEscalate,
  canManageAssignments,
  canSubmitCaseFor,
  type CaseDetail,
  type CaseEvent,
  type CaseList,
  type CaseListQuery,
  type CaseSummary,
  checkTransition,
  commentVisibilitiesFor,
  type CreateCaseInput,
  type PatchCaseInput,
  PROBLEM_TYPES,
  TRANSITION_RULE_MESSAGES,
  type TransitionInput,
  type TransitionRule,
} from '@doorbraak/domain';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { isUuid } from '../../common/ids';
import { ProblemException } from '../../common/problem.exception';
import { rows } from '../../database/query';
import { caseScopeSql } from '../identity/case-scope.sql';
import { MunicipalityEntity } from '../reference/reference.entities';
import { lockCaseInScope, type LockedCase, touchCase } from './case-access';
import { CaseEventsService, type ChainVerification, eventActor } from './case-events.service';
import { loadAssignments, loadBreakthrough, loadEscalations } from './case-read-models';
import { searchCondition } from './case-search';
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
  location_programme: CaseDetail['locationProgramme'];
  status: CaseSummary['status'];
  level_code: string;
  level_rank: number;
  is_example: boolean;
  submitter_organisation_id: string;
  submitter_organisation_name: string;
  version: number;
  created_at: Date | string;
  updated_at: Date | string;
  /** The sort key as PostgreSQL prints it (microseconds included): the exact keyset position. */
  sort_key: string;
  knelpunt_types: string[] | null;
}

const SORTS = {
  newest: { column: 'c.created_at', direction: 'DESC', cast: 'timestamptz' },
  oldest: { column: 'c.created_at', direction: 'ASC', cast: 'timestamptz' },
  updated: { column: 'c.updated_at', direction: 'DESC', cast: 'timestamptz' },
  homes: { column: 'c.homes_total', direction: 'DESC', cast: 'int' },
} as const;

const selectCase = (sortColumn: string) => `
  SELECT c.id, c.reference, c.project_name, c.municipality_code, m.name AS municipality_name,
         c.province_code, p.name AS province_name, c.homes_total, c.homes_social_or_affordable,
         c.description, c.phase, c.confidentiality, c.location_programme, c.status, c.level_code,
         l.rank AS level_rank, c.is_example, c.submitter_organisation_id, o.name AS submitter_organisation_name,
         c.version, c.created_at, c.updated_at, ${sortColumn}::text AS sort_key,
         ARRAY(SELECT k.knelpunt_code FROM case_knelpunten k WHERE k.case_id = c.id ORDER BY k.knelpunt_code) AS knelpunt_types
    FROM cases c
    JOIN municipalities m ON m.code = c.municipality_code
    JOIN provinces p ON p.code = c.province_code
    JOIN escalation_levels l ON l.code = c.level_code
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

function encodeCursor(key: string, id: string): string {
  return Buffer.from(JSON.stringify([key, id])).toString('base64url');
}

const KEY_PATTERNS = {
  timestamptz: /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,6})?([+-]\d{2}(:\d{2})?|Z)$/,
  int: /^-?\d{1,9}$/,
} as const;

function decodeCursor(value: string, cast: keyof typeof KEY_PATTERNS): { key: string; id: string } {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
    if (
      Array.isArray(parsed) &&
      parsed.length === 2 &&
      typeof parsed[0] === 'string' &&
      KEY_PATTERNS[cast].test(parsed[0]) &&
      isUuid(parsed[1])
    ) {
      return { key: parsed[0], id: parsed[1] };
    }
  } catch {
    // fall through
  }
  throw ProblemException.validation([
    { field: 'cursor', code: 'invalid_cursor', message: 'Ongeldige cursor; begin opnieuw zonder cursor.' },
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
  return `DB-${year}-${String(rows[0]?.last_value ?? 1).padStart(4, '0')}`;
}

export function transitionConflict(rule: TransitionRule): ProblemException {
  return new ProblemException(
    409,
    `${PROBLEM_TYPES.conflict}/${rule}`,
    'Statuswijziging niet toegestaan',
    TRANSITION_RULE_MESSAGES[rule].nl,
  );
}

/** `If-Match: "3"` → 3. Missing → 428; malformed → 412 (it cannot match). */
export function expectedVersion(ifMatch: string | undefined, required: boolean): number | null {
  if (ifMatch === undefined || ifMatch === '') {
    if (!required) return null;
    throw new ProblemException(
      428,
      PROBLEM_TYPES.preconditionRequired,
      'If-Match vereist',
      'Stuur de ETag van het dossier mee in de header If-Match, zodat u geen wijziging van een ander overschrijft.',
    );
  }
  const match = /^(?:W\/)?"(\d{1,9})"$/.exec(ifMatch.trim());
  if (!match) throw staleVersion();
  return Number(match[1]);
}

export function staleVersion(): ProblemException {
  return new ProblemException(
    412,
    PROBLEM_TYPES.preconditionFailed,
    'Verouderde versie',
    'Het dossier is intussen gewijzigd. Laad het opnieuw en voer uw wijziging nog eens uit.',
  );
}

export interface CreateCaseOptions {
  isExample?: boolean;
  createdAt?: Date;
}

@Injectable()
export class CasesService {
  constructor(
    private readonly db: DataSource,
    private readonly events: CaseEventsService,
  ) {}

  async create(actor: Actor, input: CreateCaseInput, options: CreateCaseOptions = {}): Promise<CaseDetail> {
    const id = await this.db.transaction(async (manager) => this.createIn(manager, actor, input, options));
    return this.get(actor, id);
  }

  /** Inserts a case and its first event in the caller's transaction (used by the API and the demo seed). */
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
    await manager.query(`SELECT 1 FROM cases WHERE id = $1 FOR UPDATE`, [id]);
    await this.events.append(
      manager,
      id,
      eventActor(actor),
      'case.submitted',
      { after: { reference, ...input } },
      { occurredAt: now },
    );
    return id;
  }

  /** One case, if the actor may see it; otherwise 404 (existence does not leak). */
  async get(actor: Actor, id: string): Promise<CaseDetail> {
    if (!isUuid(id)) throw ProblemException.notFound('Dossier niet gevonden.');
    const params: unknown[] = [id];
    const scope = caseScopeSql(actor, 'c', params);
    const rows: CaseRow[] = await this.db.query(
      `${selectCase('c.created_at')} WHERE c.id = $1 AND ${scope}`,
      params,
    );
    const row = rows[0];
    if (!row) throw ProblemException.notFound('Dossier niet gevonden.');
    const [assignments, escalations, breakthrough] = [
      await loadAssignments(this.db, id),
      await loadEscalations(this.db, id),
      await loadBreakthrough(this.db, id),
    ];
    const facts = {
      status: row.status,
      levelRank: row.level_rank,
      submitterOrganisationId: row.submitter_organisation_id,
    };
    return {
      ...toSummary(row),
      homesSocialOrAffordable: row.homes_social_or_affordable,
      description: row.description,
      phase: row.phase,
      confidentiality: row.confidentiality,
      locationProgramme: row.location_programme,
      levelRank: row.level_rank,
      submitterOrganisationId: row.submitter_organisation_id,
      submitterOrganisationName: row.submitter_organisation_name,
      version: row.version,
      assignments,
      escalations,
      breakthrough,
      availableTransitions: availableTransitions(facts, actor).map((e) => ({
        to: e.to,
        reasonRequired: e.reasonRequired,
        via: e.via,
      })),
      permissions: {
        edit: canEditCase(actor, facts),
        manageAssignments: canManageAssignments(actor, facts),
        escalate: canEscalate(actor, facts),
        comment: true,
      },
    };
  }

  /** Scoped, filtered, searched and keyset-paginated; the sort is stable on (key, id). */
  async list(actor: Actor, query: CaseListQuery): Promise<CaseList> {
    const sort = SORTS[query.sort];
    const params: unknown[] = [];
    const where = [caseScopeSql(actor, 'c', params)];
    const add = (sql: (n: string) => string, value: unknown) => {
      params.push(value);
      where.push(sql(`$${params.length}`));
    };
    if (query.q) where.push(searchCondition(query.q, params));
    if (query.status) add((n) => `c.status = ANY(${n}::varchar[])`, query.status);
    if (query.province) add((n) => `c.province_code = ANY(${n}::varchar[])`, query.province);
    if (query.municipality) add((n) => `c.municipality_code = ANY(${n}::varchar[])`, query.municipality);
    if (query.level) add((n) => `c.level_code = ANY(${n}::varchar[])`, query.level);
    if (query.knelpuntType) {
      add(
        (n) =>
          `EXISTS (SELECT 1 FROM case_knelpunten fk WHERE fk.case_id = c.id AND fk.knelpunt_code = ANY(${n}::varchar[]))`,
        query.knelpuntType,
      );
    }
    if (query.region) {
      add(
        (n) =>
          `c.municipality_code IN (SELECT rm.municipality_code FROM region_municipalities rm WHERE rm.region_id = ${n})`,
        query.region,
      );
    }
    if (query.party) {
      add(
        (n) =>
          `EXISTS (SELECT 1 FROM case_assignments fa WHERE fa.case_id = c.id AND fa.removed_at IS NULL AND fa.organisation_id = ${n})`,
        query.party,
      );
    }
    if (query.overdue !== undefined) {
      const overdue = `EXISTS (SELECT 1 FROM case_assignments oa WHERE oa.case_id = c.id AND oa.removed_at IS NULL
          AND oa.action_status <> 'done' AND oa.due_date < (now() AT TIME ZONE 'Europe/Amsterdam')::date)`;
      where.push(query.overdue ? overdue : `NOT ${overdue}`);
    }
    if (query.examples !== undefined) add((n) => `c.is_example = ${n}`, query.examples);
    if (query.cursor) {
      const cursor = decodeCursor(query.cursor, sort.cast);
      params.push(cursor.key, cursor.id);
      const op = sort.direction === 'DESC' ? '<' : '>';
      where.push(
        `(${sort.column}, c.id) ${op} ($${params.length - 1}::${sort.cast}, $${params.length}::uuid)`,
      );
    }
    params.push(query.limit + 1);
    const rows: CaseRow[] = await this.db.query(
      `${selectCase(sort.column)} WHERE ${where.join(' AND ')}
        ORDER BY ${sort.column} ${sort.direction}, c.id ${sort.direction} LIMIT $${params.length}`,
      params,
    );
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    return {
      items: page.map(toSummary),
      nextCursor: rows.length > query.limit && last ? encodeCursor(last.sort_key, last.id) : null,
    };
  }

  /** Edits project data under optimistic concurrency: `UPDATE … WHERE version = $n`, 412 when stale. */
  async patch(
    actor: Actor,
    id: string,
    input: PatchCaseInput,
    ifMatch: string | undefined,
  ): Promise<CaseDetail> {
    const version = expectedVersion(ifMatch, true) as number;
    await this.db.transaction(async (manager) => {
      const current = await lockCaseInScope(manager, actor, id);
      if (current.version !== version) throw staleVersion();
      if (!canEditCase(actor, current)) {
        throw ProblemException.forbidden('U mag dit dossier (in deze status) niet wijzigen.');
      }
      const before = await this.snapshot(manager, id, Object.keys(input));
      const columns: Record<string, string> = {
        projectName: 'project_name',
        homesTotal: 'homes_total',
        homesSocialOrAffordable: 'homes_social_or_affordable',
        description: 'description',
        phase: 'phase',
        confidentiality: 'confidentiality',
        locationProgramme: 'location_programme',
      };
      const sets = ['version = version + 1', 'updated_at = now()'];
      const params: unknown[] = [id, version];
      for (const [field, column] of Object.entries(columns)) {
        if (!(field in input)) continue;
        params.push((input as Record<string, unknown>)[field]);
        sets.push(`${column} = $${params.length}`);
      }
      const homesTotal = input.homesTotal ?? current.homesTotal;
      const affordable =
        input.homesSocialOrAffordable !== undefined
          ? input.homesSocialOrAffordable
          : before.homesSocialOrAffordable;
      if (typeof affordable === 'number' && affordable > homesTotal) {
        throw ProblemException.validation([
          {
            field: 'homesSocialOrAffordable',
            code: 'custom',
            message: 'Het aantal sociale en betaalbare woningen kan niet groter zijn dan het totaal.',
          },
        ]);
      }
      const updated = await rows<{ id: string }>(
        manager,
        `UPDATE cases SET ${sets.join(', ')} WHERE id = $1 AND version = $2 RETURNING id`,
        params,
      );
      if (updated.length === 0) throw staleVersion();
      if (input.knelpuntTypes) {
        await manager.query(`DELETE FROM case_knelpunten WHERE case_id = $1`, [id]);
        await manager
          .getRepository(CaseKnelpuntEntity)
          .insert(input.knelpuntTypes.map((knelpuntCode) => ({ caseId: id, knelpuntCode })));
      }
      await this.events.append(manager, id, eventActor(actor), 'case.updated', { before, after: input });
    });
    return this.get(actor, id);
  }

  private async snapshot(
    manager: EntityManager,
    id: string,
    fields: string[],
  ): Promise<Record<string, unknown>> {
    const rows: Record<string, unknown>[] = await manager.query(
      `SELECT project_name AS "projectName", homes_total AS "homesTotal",
              homes_social_or_affordable AS "homesSocialOrAffordable", description, phase, confidentiality,
              location_programme AS "locationProgramme",
              ARRAY(SELECT knelpunt_code FROM case_knelpunten WHERE case_id = $1 ORDER BY knelpunt_code) AS "knelpuntTypes"
         FROM cases WHERE id = $1`,
      [id],
    );
    const row = rows[0] ?? {};
    return Object.fromEntries(Object.entries(row).filter(([k]) => fields.includes(k)));
  }

  /** A status change along an edge of the table (POST /cases/{id}/transitions). */
  async transition(
    actor: Actor,
    id: string,
    input: TransitionInput,
    ifMatch: string | undefined,
  ): Promise<CaseDetail> {
    const version = expectedVersion(ifMatch, false);
    await this.db.transaction(async (manager) => {
      const current = await lockCaseInScope(manager, actor, id);
      if (version !== null && current.version !== version) throw staleVersion();
      await this.applyTransition(manager, actor, current, input.to, {
        via: 'transition',
        reason: input.reason ?? null,
      });
    });
    return this.get(actor, id);
  }

  /**
   * Checks an edge against the table and applies it: status, version, timestamps and the
   * event. Used by transitions and by the escalation and breakthrough commands (their `via`).
   */
  async applyTransition(
    manager: EntityManager,
    actor: Actor,
    current: LockedCase,
    to: CaseDetail['status'],
    command: {
      via: 'transition' | 'escalation' | 'escalation-outcome' | 'breakthrough';
      reason: string | null;
    },
    extra: { levelCode?: string; data?: Record<string, unknown> } = {},
  ): Promise<void> {
    const check = checkTransition(current, actor, to, command);
    if (!check.ok) throw transitionConflict(check.rule);
    const fields: Parameters<typeof touchCase>[2] = { status: to };
    if (extra.levelCode) fields.level_code = extra.levelCode;
    if (to === 'breakthrough' || to === 'closed' || to === 'rejected') fields.closed_at = new Date();
    if (to === 'reopened') {
      fields.closed_at = null;
      await manager.query(`UPDATE case_breakthroughs SET current = false WHERE case_id = $1 AND current`, [
        current.id,
      ]);
    }
    await touchCase(manager, current.id, fields);
    await this.events.append(manager, current.id, eventActor(actor), 'case.status_changed', {
      before: { status: current.status, level: current.levelCode },
      after: { status: to, level: extra.levelCode ?? current.levelCode },
      ...(command.reason ? { reason: command.reason } : {}),
      ...(extra.data ?? {}),
    });
  }

  /** The timeline: every event of a case the actor may see; internal events hidden from the submitter. */
  async timeline(actor: Actor, id: string): Promise<{ items: CaseEvent[] }> {
    await this.get(actor, id);
    const rows: {
      seq: number;
      type: string;
      actor_label: string;
      occurred_at: Date;
      data: Record<string, unknown>;
    }[] = await this.db.query(
      `SELECT seq, type, actor_label, occurred_at, data FROM case_events
          WHERE case_id = $1 AND visibility = ANY($2::varchar[]) ORDER BY seq`,
      [id, commentVisibilitiesFor(actor.role)],
    );
    return {
      items: rows.map((r) => ({
        seq: r.seq,
        type: r.type,
        actorLabel: r.actor_label,
        occurredAt: iso(r.occurred_at),
        data: r.data,
      })),
    };
  }

  async verifyChain(actor: Actor, id: string): Promise<ChainVerification> {
    await this.get(actor, id);
    return this.events.verify(id);
  }
}
