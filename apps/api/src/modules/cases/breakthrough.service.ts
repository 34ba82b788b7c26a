import {
  type Actor,
  type BreakthroughInput,
  canEscalate,
  type CaseDetail,
  checkTransition,
  type FieldError,
  localDate,
} from '@doorbraak/domain';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { isUuid } from '../../common/ids';
import { ProblemException } from '../../common/problem.exception';
import { rows } from '../../database/query';
import { caseScopeSql } from '../identity/case-scope.sql';
import { assertNotBeforeCaseCreation } from './assignments.service';
import { lockCaseInScope } from './case-access';
import { CaseEventsService, eventActor } from './case-events.service';
import type { BreakthroughList, BreakthroughListItem, BreakthroughListQuery } from './breakthrough.dto';
import { CasesService, transitionConflict } from './cases.service';

interface ListRow {
  id: string;
  case_id: string;
  reference: string;
  project_name: string;
  municipality_code: string;
  municipality_name: string;
  province_code: string;
  province_name: string;
  homes_unblocked: number;
  solution_type: BreakthroughListItem['solutionType'];
  date: string;
}

function encodeCursor(r: ListRow): string {
  return Buffer.from(JSON.stringify([r.date, r.homes_unblocked, r.id])).toString('base64url');
}

function decodeCursor(value: string): { date: string; homes: number; id: string } {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
    if (
      Array.isArray(parsed) &&
      parsed.length === 3 &&
      typeof parsed[0] === 'string' &&
      /^\d{4}-\d{2}-\d{2}$/.test(parsed[0]) &&
      Number.isInteger(parsed[1]) &&
      isUuid(parsed[2])
    ) {
      return { date: parsed[0], homes: parsed[1] as number, id: parsed[2] };
    }
  } catch {
    // fall through
  }
  throw ProblemException.validation([
    { field: 'cursor', code: 'invalid_cursor', message: 'Ongeldige cursor; begin opnieuw zonder cursor.' },
  ]);
}

@Injectable()
export class BreakthroughService {
  constructor(
    private readonly db: DataSource,
    private readonly events: CaseEventsService,
    private readonly cases: CasesService,
  ) {}

  /**
   * Records how the knelpunt was solved and moves the case to `breakthrough`. An escalation still
   * open is closed as `decided`: the breakthrough is the higher level's answer.
   */
  async record(actor: Actor, caseId: string, input: BreakthroughInput): Promise<CaseDetail> {
    await this.db.transaction(async (manager) => {
      const c = await lockCaseInScope(manager, actor, caseId);
      // The breakthrough edges belong to whoever runs the table (coordinators, admins, national at national level).
      if (!canEscalate(actor, c)) {
        throw ProblemException.forbidden('U mag voor dit dossier geen doorbraak vastleggen.');
      }
      // The status must allow a breakthrough (409 naming the rule) before the input is judged.
      const edge = checkTransition(c, actor, 'breakthrough', { via: 'breakthrough' });
      if (!edge.ok) throw transitionConflict(edge.rule);
      assertNotBeforeCaseCreation(c, input.date, 'date');
      const today = localDate(new Date());
      if (input.date > today) {
        throw ProblemException.validation([
          {
            field: 'date',
            code: 'in_future',
            message: `De datum van de doorbraak kan niet na vandaag (${today}) liggen.`,
          },
        ]);
      }
      const parties = [...new Set(input.partiesCredited)];
      const found: { id: string; name: string }[] =
        parties.length === 0
          ? []
          : await manager.query(`SELECT id, name FROM organisations WHERE id = ANY($1::uuid[])`, [parties]);
      const names = new Map(found.map((o) => [o.id, o.name]));
      const unknown: FieldError[] = input.partiesCredited.flatMap((id, index) =>
        names.has(id)
          ? []
          : [
              {
                field: `partiesCredited.${index}`,
                code: 'unknown',
                message: 'Onbekende organisatie; kies een organisatie uit de lijst.',
              },
            ],
      );
      if (unknown.length > 0) throw ProblemException.validation(unknown);

      await manager.query(`UPDATE case_breakthroughs SET current = false WHERE case_id = $1 AND current`, [
        c.id,
      ]);
      const inserted = await rows<{ id: string }>(
        manager,
        `INSERT INTO case_breakthroughs (case_id, date, homes_unblocked, solution_type, narrative, parties_credited, current, created_by_user_id)
         VALUES ($1, $2, $3, $4, $5, $6::uuid[], true, $7) RETURNING id`,
        [c.id, input.date, input.homesUnblocked, input.solutionType, input.narrative, parties, actor.userId],
      );
      const breakthroughId = (inserted[0] as { id: string }).id;
      await this.events.append(manager, c.id, eventActor(actor), 'breakthrough.recorded', {
        breakthroughId,
        before: null,
        after: {
          date: input.date,
          homesUnblocked: input.homesUnblocked,
          solutionType: input.solutionType,
          narrative: input.narrative,
          partiesCredited: parties.map((id) => ({ id, name: names.get(id) })),
        },
      });
      const closed = await rows<{ id: string }>(
        manager,
        `UPDATE case_escalations SET outcome = 'decided', outcome_note = $2, decided_at = now()
          WHERE case_id = $1 AND outcome IS NULL RETURNING id`,
        [c.id, `Doorbraak vastgelegd op ${input.date}: ${input.narrative}`.slice(0, 4000)],
      );
      for (const escalation of closed) {
        await this.events.append(manager, c.id, eventActor(actor), 'escalation.decided', {
          escalationId: escalation.id,
          via: 'breakthrough',
          before: { outcome: null, level: c.levelCode },
          after: { outcome: 'decided', level: c.levelCode },
        });
      }
      // Checks the edge (open status, role, national rank) and bumps the case version.
      await this.cases.applyTransition(
        manager,
        actor,
        c,
        'breakthrough',
        { via: 'breakthrough', reason: null },
        { data: { breakthroughId, homesUnblocked: input.homesUnblocked } },
      );
    });
    return this.cases.get(actor, caseId);
  }

  /** Current breakthroughs in the actor's scope, newest first, with the totals over all of them. */
  async list(actor: Actor, query: BreakthroughListQuery): Promise<BreakthroughList> {
    const params: unknown[] = [];
    const scope = caseScopeSql(actor, 'c', params);
    const from = `FROM case_breakthroughs b JOIN cases c ON c.id = b.case_id WHERE b.current AND ${scope}`;
    const totals: { count: number; homes: number }[] = await this.db.query(
      `SELECT count(*)::int AS count, coalesce(sum(b.homes_unblocked), 0)::int AS homes ${from}`,
      params,
    );
    const pageParams = [...params];
    let keyset = '';
    if (query.cursor) {
      const cursor = decodeCursor(query.cursor);
      pageParams.push(cursor.date, cursor.homes, cursor.id);
      const n = pageParams.length;
      keyset = `AND (b.date, b.homes_unblocked, b.id) < ($${n - 2}::date, $${n - 1}::int, $${n}::uuid)`;
    }
    pageParams.push(query.limit + 1);
    const found: ListRow[] = await this.db.query(
      `SELECT b.id, b.case_id, c.reference, c.project_name, c.municipality_code, m.name AS municipality_name,
              c.province_code, p.name AS province_name, b.homes_unblocked, b.solution_type, b.date::text AS date
         FROM case_breakthroughs b
         JOIN cases c ON c.id = b.case_id
         JOIN municipalities m ON m.code = c.municipality_code
         JOIN provinces p ON p.code = c.province_code
        WHERE b.current AND ${scope} ${keyset}
        ORDER BY b.date DESC, b.homes_unblocked DESC, b.id DESC
        LIMIT $${pageParams.length}`,
      pageParams,
    );
    const page = found.slice(0, query.limit);
    const last = page[page.length - 1];
    return {
      items: page.map((r) => ({
        id: r.id,
        caseId: r.case_id,
        caseReference: r.reference,
        projectName: r.project_name,
        municipalityCode: r.municipality_code,
        municipalityName: r.municipality_name,
        provinceCode: r.province_code,
        provinceName: r.province_name,
        homesUnblocked: r.homes_unblocked,
        solutionType: r.solution_type,
        date: r.date,
      })),
      nextCursor: found.length > query.limit && last ? encodeCursor(last) : null,
      count: totals[0]?.count ?? 0,
      totalHomesUnblocked: totals[0]?.homes ?? 0,
    };
  }
}
