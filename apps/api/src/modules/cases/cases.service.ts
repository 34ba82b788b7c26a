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
  checkTransition,
  confidentialPartsHiddenFor,
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
import { CalendarService } from '../deadlines/calendar.service';
import { loadDeadlines } from '../deadlines/deadline-read-model';
import { DeadlinesService } from '../deadlines/deadlines.service';
import { caseScopeSql } from '../identity/case-scope.sql';
import { MunicipalityEntity } from '../reference/reference.entities';
import { lockCaseInScope, type LockedCase, touchCase } from './case-access';
import { CaseEventsService, type ChainVerification, eventActor } from './case-events.service';
import { loadAssignments, loadBreakthrough, loadEscalations } from './case-read-models';
import { assertCaseVisible } from './comments.service';
import {
  buildCaseListQuery,
  type CaseRow,
  caseListPage,
  iso,
  selectCase,
  toSummary,
} from './case-list.query';
import { CaseEntity, CaseKnelpuntEntity } from './case.entity';

/** Event data without the case description (`after.description`, `before.description`, at any depth). */
export function withoutDescription(data: Record<string, unknown>): Record<string, unknown> {
  const strip = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(strip);
    if (value === null || typeof value !== 'object') return value;
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([key]) => key !== 'description')
        .map(([key, v]) => [key, strip(v)]),
    );
  };
  return strip(data) as Record<string, unknown>;
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
    private readonly deadlines: DeadlinesService,
    private readonly calendars: CalendarService,
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
      locationProgramme: input.locationProgramme ?? 'geen',
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
    // The table's clock: triage within the policy's working days.
    await this.deadlines.start(manager, {
      caseId: id,
      kind: 'triage',
      knelpuntCodes: input.knelpuntTypes,
      actorLabel: eventActor(actor).label,
      at: now,
    });
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
    const [assignments, escalations, breakthrough, deadlines] = [
      await loadAssignments(this.db, id),
      await loadEscalations(this.db, id),
      await loadBreakthrough(this.db, id),
      await loadDeadlines(this.db, await this.calendars.calendar(), id),
    ];
    const facts = {
      status: row.status,
      levelRank: row.level_rank,
      submitterOrganisationId: row.submitter_organisation_id,
    };
    const hidden = confidentialPartsHiddenFor(actor, {
      confidentiality: row.confidentiality,
      actorAssignmentRole: assignments.find((a) => a.organisationId === actor.organisationId)?.role ?? null,
    });
    return {
      ...toSummary(row),
      homesSocialOrAffordable: row.homes_social_or_affordable,
      description: hidden ? null : row.description,
      confidentialPartsHidden: hidden,
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
      deadlines,
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
    const { sql, params } = buildCaseListQuery(actor, query);
    return caseListPage(await this.db.query(sql, params), query.limit);
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
    const label = eventActor(actor).label;
    if (current.status === 'submitted' && (to === 'accepted' || to === 'rejected')) {
      const triage = await this.deadlines.findId(manager, { triageOf: current.id });
      if (triage) await this.deadlines.apply(manager, triage, { type: 'met' }, label);
    }
    if (to === 'breakthrough')
      await this.deadlines.closeAllForCase(manager, current.id, 'met', 'Doorbraak', label);
    if (to === 'closed' || to === 'rejected') {
      await this.deadlines.closeAllForCase(manager, current.id, 'cancelled', command.reason ?? to, label);
    }
    await this.events.append(manager, current.id, eventActor(actor), 'case.status_changed', {
      before: { status: current.status, level: current.levelCode },
      after: { status: to, level: extra.levelCode ?? current.levelCode },
      ...(command.reason ? { reason: command.reason } : {}),
      ...(extra.data ?? {}),
    });
  }

  /**
   * The timeline: every event of a case the actor may see; internal events hidden from the
   * submitter, and from a party that is not the lead of a confidential case (which also does not
   * see the description in the events' data).
   */
  async timeline(actor: Actor, id: string): Promise<{ items: CaseEvent[] }> {
    const view = await assertCaseVisible(this.db, actor, id);
    const rows: {
      seq: number;
      type: string;
      actor_label: string;
      occurred_at: Date;
      data: Record<string, unknown>;
    }[] = await this.db.query(
      `SELECT seq, type, actor_label, occurred_at, data FROM case_events
          WHERE case_id = $1 AND visibility = ANY($2::varchar[]) ORDER BY seq`,
      [id, view.visibilities],
    );
    return {
      items: rows.map((r) => ({
        seq: r.seq,
        type: r.type,
        actorLabel: r.actor_label,
        occurredAt: iso(r.occurred_at),
        data: view.confidentialPartsHidden ? withoutDescription(r.data) : r.data,
      })),
    };
  }

  async verifyChain(actor: Actor, id: string): Promise<ChainVerification> {
    await this.get(actor, id);
    return this.events.verify(id);
  }
}
