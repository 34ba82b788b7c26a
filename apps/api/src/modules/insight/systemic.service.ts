import {
  type Actor,
  type CreateSystemicKnelpuntInput,
  type FieldError,
  isOpenStatus,
  type SystemicBlockers,
  type SystemicBlockersQuery,
  type SystemicKnelpunt,
  type SystemicKnelpuntList,
  type SystemicKnelpuntListQuery,
  localDate,
} from '@doorbraak/domain';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { isUuid } from '../../common/ids';
import { ProblemException } from '../../common/problem.exception';
import { lockCaseInScope, type LockedCase, touchCase } from '../cases/case-access';
import { CaseEventsService, eventActor } from '../cases/case-events.service';
import { iso } from '../cases/case-list.query';
import { loadEscalations } from '../cases/case-read-models';
import { CasesService } from '../cases/cases.service';
import { EscalationsService } from '../cases/escalations.service';
import { caseScopeSql } from '../identity/case-scope.sql';
import { audienceKey, InsightCache } from './insight-cache';
import { insightCaseWhere, num, openStatuses } from './insight-sql';

/** The group key of cases without a lead or contributor (as in idx_insight_blocker_pairs_group). */
const NO_PARTY = '00000000-0000-0000-0000-000000000000';

/** Cases listed per systemic-blocker group (the count is always complete). */
const CASES_PER_GROUP = 20;

const nl = new Intl.NumberFormat('nl-NL');

interface GroupRow {
  knelpunt_code: string;
  knelpunt_label: string;
  province_code: string;
  province_name: string;
  organisation_id: string | null;
  organisation_name: string | null;
  n: unknown;
  homes: unknown;
  ids: string[];
}

interface BundleCaseRow {
  id: string;
  reference: string;
  project_name: string;
  municipality_code: string;
  municipality_name: string;
  homes_total: number;
  status: SystemicBlockers['items'][number]['cases'][number]['status'];
  bundled_into: string[] | null;
}

interface SystemicRow {
  id: string;
  reference: string;
  project_name: string;
  knelpunt_code: string;
  municipality_code: string;
  province_code: string;
  status: SystemicKnelpunt['status'];
  level_code: string;
  homes_at_stake: number;
  bundled_count: unknown;
  created_at: Date | string;
}

/**
 * Systemic blockers (the same knelpunt type recurring across projects) and systemic knelpunten:
 * a bundle of such cases that goes to the landelijke versnellingstafel as one escalation.
 */
@Injectable()
export class SystemicService {
  constructor(
    private readonly db: DataSource,
    private readonly cases: CasesService,
    private readonly events: CaseEventsService,
    private readonly escalations: EscalationsService,
    private readonly cache: InsightCache,
  ) {}

  /** Open cases grouped by knelpunt type × province × assigned party (lead or contributor); groups of ≥ minCases. */
  blockers(
    actor: Actor,
    query: SystemicBlockersQuery,
    options: { fresh?: boolean } = {},
  ): Promise<SystemicBlockers> {
    const key = JSON.stringify(['blockers', audienceKey(actor), query, localDate(new Date())]);
    return this.cache.remember(key, () => this.computeBlockers(actor, query), options);
  }

  private async computeBlockers(actor: Actor, query: SystemicBlockersQuery): Promise<SystemicBlockers> {
    const params: unknown[] = [];
    const where = insightCaseWhere(actor, { province: query.province }, params);
    const open = openStatuses(params);
    let typeFilter = '';
    if (query.knelpuntType) {
      params.push(query.knelpuntType);
      typeFilter = `AND c.knelpunt_code = ANY($${params.length}::varchar[])`;
    }
    params.push(query.minCases);
    const min = `$${params.length}`;
    params.push(CASES_PER_GROUP);
    const cap = `$${params.length}`;
    params.push(query.limit);
    const limit = `$${params.length}`;
    // insight_blocker_pairs: one row per case × knelpunt type × active lead/contributor party,
    // kept by triggers (migration InsightBlockerPairs); `c` gives it the case columns the scope reads.
    // Two steps: count and sum every group (a hash aggregate, no sorting), then, for the groups
    // shown only, their largest cases in order from the group index (idx_insight_blocker_pairs_group).
    const pairs = `(SELECT bp.case_id AS id, bp.knelpunt_code, bp.organisation_id, bp.province_code,
                           bp.municipality_code, bp.level_code, bp.status, bp.homes_total
                      FROM insight_blocker_pairs bp) c`;
    const filter = `${where} AND c.status = ANY(${open}) ${typeFilter}`;
    const party = (column: string) => `coalesce(${column}, '${NO_PARTY}'::uuid)`;
    // The planner guesses ~40 rows per group where there are hundreds and would read them all by
    // bitmap and sort them; the ordered index scan reads the 20 it needs (70 → 30 ms on 100k).
    const groups = await this.db.transaction(async (manager): Promise<GroupRow[]> => {
      await manager.query(`SET LOCAL enable_bitmapscan = off`);
      return manager.query(
        `WITH g AS (
              SELECT c.knelpunt_code, c.province_code, c.organisation_id, count(*) AS n,
                     coalesce(sum(c.homes_total), 0) AS homes
                FROM ${pairs}
               WHERE ${filter}
               GROUP BY c.knelpunt_code, c.province_code, c.organisation_id
              HAVING count(*) >= ${min}),
            top AS (
              SELECT g.knelpunt_code, kt.label_nl AS knelpunt_label, g.province_code, p.name AS province_name,
                     g.organisation_id,
                     -- a lookup per group: the planner expects a handful of groups and would otherwise
                     -- compare every group with every organisation (thousands × hundreds)
                     (SELECT o.name FROM organisations o WHERE o.id = g.organisation_id) AS organisation_name,
                     g.n, g.homes
                FROM g
                JOIN knelpunt_types kt ON kt.code = g.knelpunt_code
                JOIN provinces p ON p.code = g.province_code
               ORDER BY g.n DESC, g.homes DESC, kt.label_nl, p.name, organisation_name NULLS LAST
               LIMIT ${limit})
       SELECT top.*,
              ARRAY(SELECT c.id FROM ${pairs}
                     WHERE ${filter} AND c.knelpunt_code = top.knelpunt_code AND c.province_code = top.province_code
                       AND ${party('c.organisation_id')} = ${party('top.organisation_id')}
                     ORDER BY c.homes_total DESC, c.id LIMIT ${cap}) AS ids
         FROM top
        ORDER BY top.n DESC, top.homes DESC, top.knelpunt_label, top.province_name, top.organisation_name NULLS LAST`,
        params,
      );
    });
    const ids = [...new Set(groups.flatMap((g) => g.ids))];
    const details: BundleCaseRow[] =
      ids.length === 0
        ? []
        : await this.db.query(
            `SELECT c.id, c.reference, c.project_name, c.municipality_code, m.name AS municipality_name,
                    c.homes_total, c.status,
                    ARRAY(SELECT l.systemic_case_id FROM systemic_knelpunt_cases l WHERE l.case_id = c.id
                           ORDER BY l.created_at) AS bundled_into
               FROM cases c JOIN municipalities m ON m.code = c.municipality_code
              WHERE c.id = ANY($1::uuid[])`,
            [ids],
          );
    const byId = new Map(details.map((d) => [d.id, d]));
    return {
      items: groups.map((g) => ({
        knelpuntType: g.knelpunt_code,
        knelpuntLabel: g.knelpunt_label,
        provinceCode: g.province_code,
        provinceName: g.province_name,
        partyOrganisationId: g.organisation_id,
        partyName: g.organisation_name,
        openCases: num(g.n),
        homesAtStake: num(g.homes),
        cases: g.ids.flatMap((id) => {
          const d = byId.get(id);
          return d
            ? [
                {
                  id: d.id,
                  reference: d.reference,
                  projectName: d.project_name,
                  municipalityCode: d.municipality_code,
                  municipalityName: d.municipality_name,
                  homesTotal: d.homes_total,
                  status: d.status,
                  bundledInto: d.bundled_into ?? [],
                },
              ]
            : [];
        }),
      })),
    };
  }

  /**
   * Bundles open cases with the same knelpunt type into a new case — the systemic knelpunt — and
   * escalates it to the national table. One transaction creates the case (accepted and in progress:
   * the table raised it itself), the links and a `case.bundled` event on every bundled case; the
   * escalation then goes through EscalationsService.open (its own transaction, as for any case).
   *
   * The systemic knelpunt's municipality is that of the bundled case with the most homes at stake
   * (ties: the earliest submitted). Its own homes total is 0: the homes stay counted on the bundled
   * cases, so no list, export or sum counts them twice; systemic_knelpunten keeps their sum.
   */
  async bundle(actor: Actor, input: CreateSystemicKnelpuntInput): Promise<SystemicKnelpunt> {
    const systemicId = await this.db.transaction(async (manager) => {
      // Lock in a stable order (two bundles over the same cases cannot deadlock); 404 outside scope.
      const locked = new Map<string, LockedCase>();
      for (const id of [...input.caseIds].sort()) locked.set(id, await lockCaseInScope(manager, actor, id));
      const bundled = input.caseIds.map((id) => locked.get(id) as LockedCase);
      await this.assertBundleable(manager, bundled, input.knelpuntType);

      const lead = [...bundled].sort(
        (a, b) => b.homesTotal - a.homesTotal || a.createdAt.getTime() - b.createdAt.getTime(),
      )[0] as LockedCase;
      const homes = bundled.reduce((sum, c) => sum + c.homesTotal, 0);
      const examples: { all: boolean }[] = await manager.query(
        `SELECT bool_and(is_example) AS all FROM cases WHERE id = ANY($1::uuid[])`,
        [input.caseIds],
      );
      const id = await this.cases.createIn(
        manager,
        actor,
        {
          projectName: input.title,
          municipalityCode: lead.municipalityCode,
          homesTotal: 0,
          knelpuntTypes: [input.knelpuntType],
          description:
            `Systemisch knelpunt: bundelt ${bundled.length} dossiers (${bundled.map((c) => c.reference).join(', ')}) ` +
            `met samen ${nl.format(homes)} woningen in de knel. De woningen tellen bij de gebundelde dossiers.\n\n` +
            `Vraag aan de Landelijke Versnellingstafel: ${input.question}`,
          confidentiality: 'intern',
        },
        { isExample: examples[0]?.all === true },
      );
      // The table raised the knelpunt itself: triage is done and the work starts.
      await this.cases.applyTransition(
        manager,
        actor,
        await lockCaseInScope(manager, actor, id),
        'accepted',
        {
          via: 'transition',
          reason: null,
        },
      );
      await this.cases.applyTransition(
        manager,
        actor,
        await lockCaseInScope(manager, actor, id),
        'in_progress',
        { via: 'transition', reason: null },
      );
      await manager.query(
        `INSERT INTO systemic_knelpunten (case_id, knelpunt_code, homes_at_stake, created_by_user_id) VALUES ($1, $2, $3, $4)`,
        [id, input.knelpuntType, homes, actor.userId],
      );
      await manager.query(
        `INSERT INTO systemic_knelpunt_cases (systemic_case_id, case_id) SELECT $1, unnest($2::uuid[])`,
        [id, input.caseIds],
      );
      const reference: { reference: string }[] = await manager.query(
        `SELECT reference FROM cases WHERE id = $1`,
        [id],
      );
      const systemicReference = reference[0]?.reference ?? '';
      await this.events.append(manager, id, eventActor(actor), 'systemic.created', {
        after: {
          title: input.title,
          knelpuntType: input.knelpuntType,
          homesAtStake: homes,
          cases: bundled.map((c) => ({ id: c.id, reference: c.reference })),
        },
      });
      for (const c of bundled) {
        await this.events.append(manager, c.id, eventActor(actor), 'case.bundled', {
          systemicCaseId: id,
          after: { systemicReference, title: input.title, knelpuntType: input.knelpuntType },
        });
        await touchCase(manager, c.id);
      }
      return id;
    });
    await this.escalations.open(actor, systemicId, { toLevel: 'national_table', question: input.question });
    return this.get(actor, systemicId);
  }

  /** Every bundled case is open, has the knelpunt type and is not a systemic knelpunt itself (400 per case). */
  private async assertBundleable(manager: EntityManager, bundled: LockedCase[], type: string): Promise<void> {
    const facts: { id: string; has_type: boolean; systemic: boolean }[] = await manager.query(
      `SELECT c.id,
              EXISTS (SELECT 1 FROM case_knelpunten k WHERE k.case_id = c.id AND k.knelpunt_code = $2) AS has_type,
              EXISTS (SELECT 1 FROM systemic_knelpunten s WHERE s.case_id = c.id) AS systemic
         FROM cases c WHERE c.id = ANY($1::uuid[])`,
      [bundled.map((c) => c.id), type],
    );
    const byId = new Map(facts.map((f) => [f.id, f]));
    const errors: FieldError[] = bundled.flatMap((c, index): FieldError[] => {
      const f = byId.get(c.id);
      const field = `caseIds.${index}`;
      if (f?.systemic)
        return [{ field, code: 'systemic', message: `${c.reference} is zelf een systemisch knelpunt.` }];
      if (!isOpenStatus(c.status))
        return [{ field, code: 'not_open', message: `${c.reference} is niet meer open en kan niet mee.` }];
      if (!f?.has_type)
        return [{ field, code: 'knelpunt_missing', message: `${c.reference} heeft dit type knelpunt niet.` }];
      return [];
    });
    if (errors.length > 0) throw ProblemException.validation(errors);
  }

  /** One systemic knelpunt the actor may see (404 otherwise), with the bundled cases the actor may see. */
  async get(actor: Actor, id: string): Promise<SystemicKnelpunt> {
    if (!isUuid(id)) throw ProblemException.notFound('Systemisch knelpunt niet gevonden.');
    const found = await this.load(actor, [id]);
    const item = found[0];
    if (!item) throw ProblemException.notFound('Systemisch knelpunt niet gevonden.');
    return item;
  }

  /** The systemic knelpunten in the actor's scope, newest first; with caseId only those bundling that case. */
  async list(actor: Actor, query: SystemicKnelpuntListQuery): Promise<SystemicKnelpuntList> {
    const params: unknown[] = [];
    const scope = caseScopeSql(actor, 'c', params);
    let byCase = '';
    if (query.caseId) {
      params.push(query.caseId);
      byCase = `AND EXISTS (SELECT 1 FROM systemic_knelpunt_cases l WHERE l.systemic_case_id = s.case_id AND l.case_id = $${params.length})`;
    }
    const ids: { id: string }[] = await this.db.query(
      `SELECT s.case_id AS id FROM systemic_knelpunten s JOIN cases c ON c.id = s.case_id
        WHERE ${scope} ${byCase} ORDER BY s.created_at DESC, s.case_id LIMIT 500`,
      params,
    );
    return {
      items: await this.load(
        actor,
        ids.map((r) => r.id),
      ),
    };
  }

  /** These systemic knelpunten, as far as the actor may see them, in the order given. */
  async load(actor: Actor, ids: string[]): Promise<SystemicKnelpunt[]> {
    if (ids.length === 0) return [];
    const params: unknown[] = [ids];
    const scope = caseScopeSql(actor, 'c', params);
    const rows: SystemicRow[] = await this.db.query(
      `SELECT c.id, c.reference, c.project_name, s.knelpunt_code, c.municipality_code, c.province_code, c.status,
              c.level_code, s.homes_at_stake, s.created_at,
              (SELECT count(*) FROM systemic_knelpunt_cases l WHERE l.systemic_case_id = s.case_id) AS bundled_count
         FROM systemic_knelpunten s JOIN cases c ON c.id = s.case_id
        WHERE s.case_id = ANY($1::uuid[]) AND ${scope}`,
      params,
    );
    const memberParams: unknown[] = [ids];
    const memberScope = caseScopeSql(actor, 'c', memberParams);
    const members: {
      systemic_case_id: string;
      id: string;
      reference: string;
      project_name: string;
      municipality_name: string;
    }[] = await this.db.query(
      `SELECT l.systemic_case_id, c.id, c.reference, c.project_name, m.name AS municipality_name
         FROM systemic_knelpunt_cases l JOIN cases c ON c.id = l.case_id
         JOIN municipalities m ON m.code = c.municipality_code
        WHERE l.systemic_case_id = ANY($1::uuid[]) AND ${memberScope}
        ORDER BY c.reference`,
      memberParams,
    );
    const order = new Map(ids.map((id, i) => [id, i]));
    const result: SystemicKnelpunt[] = [];
    for (const r of rows.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0))) {
      const escalations = await loadEscalations(this.db, r.id);
      result.push({
        id: r.id,
        reference: r.reference,
        title: r.project_name,
        knelpuntType: r.knelpunt_code,
        municipalityCode: r.municipality_code,
        provinceCode: r.province_code,
        status: r.status,
        levelCode: r.level_code,
        homesAtStake: r.homes_at_stake,
        bundledCount: num(r.bundled_count),
        cases: members
          .filter((m) => m.systemic_case_id === r.id)
          .map((m) => ({
            id: m.id,
            reference: m.reference,
            projectName: m.project_name,
            municipalityName: m.municipality_name,
          })),
        escalation: escalations[escalations.length - 1] ?? null,
        createdAt: iso(r.created_at),
      });
    }
    return result;
  }
}
