import {
  type Actor,
  type CaseList,
  type CaseListQuery,
  caseListQuerySchema,
  type CreateSavedViewInput,
  PROBLEM_TYPES,
  type SavedView,
  type SavedViewCasesQuery,
  type SavedViewList,
  localDate,
} from '@doorbraak/domain';
import { Injectable } from '@nestjs/common';
import { DataSource, QueryFailedError } from 'typeorm';
import { isUuid } from '../../common/ids';
import { ProblemException } from '../../common/problem.exception';
import { rows } from '../../database/query';
import { buildCaseListQuery, iso } from '../cases/case-list.query';
import { CasesService } from '../cases/cases.service';
import { audienceKey, InsightCache } from './insight-cache';

/** Counting wraps the list statement itself (so a count is the list's length) without a practical limit. */
const COUNT_LIMIT = 1_000_000_000;

interface ViewRow {
  id: string;
  name: string;
  shared: boolean;
  owner_user_id: string;
  owner_name: string;
  organisation_id: string;
  filters: Record<string, string>;
  created_at: Date | string;
}

/** Parsed filters back to the query-string form they are stored in (lists comma-separated). */
export function filtersToQuery(filters: CreateSavedViewInput['filters']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(filters)) {
    if (value === undefined) continue;
    out[key] = Array.isArray(value) ? value.join(',') : String(value);
  }
  return out;
}

const notFound = () => ProblemException.notFound('Weergave niet gevonden.');

/**
 * Saved views (work queues): a user's own views and the views shared in the user's organisation.
 * A view runs through CasesService.list with the caller's scope, so two people may see different
 * cases (and counts) behind the same shared view.
 */
@Injectable()
export class SavedViewsService {
  constructor(
    private readonly db: DataSource,
    private readonly caseList: CasesService,
    private readonly cache: InsightCache,
  ) {}

  async list(actor: Actor, withCounts: boolean): Promise<SavedViewList> {
    const found: ViewRow[] = await this.db.query(
      `SELECT v.id, v.name, v.shared, v.owner_user_id, u.name AS owner_name, v.organisation_id, v.filters, v.created_at
         FROM saved_views v JOIN users u ON u.id = v.owner_user_id
        WHERE v.owner_user_id = $1 OR (v.shared AND v.organisation_id = $2)
        ORDER BY v.owner_user_id = $1 DESC, v.name, v.id`,
      [actor.userId, actor.organisationId],
    );
    const items = found.map((r) => this.toView(actor, r));
    if (withCounts) {
      const counts = await Promise.all(
        found.map(async (r) => {
          const query = this.parse(r);
          return query ? this.count(actor, query) : 0;
        }),
      );
      items.forEach((item, i) => (item.count = counts[i] ?? 0));
    }
    return { items };
  }

  async create(actor: Actor, input: CreateSavedViewInput): Promise<SavedView> {
    try {
      const inserted = await rows<ViewRow>(
        this.db,
        `INSERT INTO saved_views (name, owner_user_id, organisation_id, shared, filters)
         VALUES ($1, $2, $3, $4, $5::jsonb)
         RETURNING id, name, shared, owner_user_id, organisation_id, filters, created_at, $6::text AS owner_name`,
        [
          input.name,
          actor.userId,
          actor.organisationId,
          input.shared,
          JSON.stringify(filtersToQuery(input.filters)),
          actor.name,
        ],
      );
      return this.toView(actor, inserted[0] as ViewRow);
    } catch (error) {
      if (error instanceof QueryFailedError && (error.driverError as { code?: string }).code === '23505') {
        throw new ProblemException(
          409,
          `${PROBLEM_TYPES.conflict}/view-name-taken`,
          'Naam al in gebruik',
          'U heeft al een weergave met deze naam.',
        );
      }
      throw error;
    }
  }

  /** The owner deletes a view; an admin may also delete views shared in the organisation. */
  async remove(actor: Actor, id: string): Promise<void> {
    const view = await this.find(actor, id);
    if (view.owner_user_id !== actor.userId && actor.role !== 'admin') {
      throw ProblemException.forbidden('Alleen wie de weergave heeft gemaakt, kan haar verwijderen.');
    }
    await this.db.query(`DELETE FROM saved_views WHERE id = $1`, [view.id]);
  }

  /** The cases behind a view, paged exactly like GET /api/cases with the view's filters. */
  async cases(actor: Actor, id: string, page: SavedViewCasesQuery): Promise<CaseList> {
    const view = await this.find(actor, id);
    const query = this.parse(view);
    if (!query) throw invalidFilters();
    return this.caseList.list(actor, { ...query, cursor: page.cursor, limit: page.limit });
  }

  /**
   * How many cases the list returns for this query (all pages): the list statement, counted —
   * cached per scope and filters until the data changes (`overdue` depends on the date too).
   */
  count(actor: Actor, query: CaseListQuery): Promise<number> {
    const filters = { ...query, cursor: undefined, limit: COUNT_LIMIT };
    const key = JSON.stringify(['count', audienceKey(actor), filters, localDate(new Date())]);
    return this.cache.remember(key, async () => {
      const { sql, params } = buildCaseListQuery(actor, filters);
      const found: { n: number }[] = await this.db.query(`SELECT count(*)::int AS n FROM (${sql}) v`, params);
      return found[0]?.n ?? 0;
    });
  }

  private async find(actor: Actor, id: string): Promise<ViewRow> {
    if (!isUuid(id)) throw notFound();
    const found: ViewRow[] = await this.db.query(
      `SELECT v.id, v.name, v.shared, v.owner_user_id, u.name AS owner_name, v.organisation_id, v.filters, v.created_at
         FROM saved_views v JOIN users u ON u.id = v.owner_user_id
        WHERE v.id = $1 AND (v.owner_user_id = $2 OR (v.shared AND v.organisation_id = $3))`,
      [id, actor.userId, actor.organisationId],
    );
    if (!found[0]) throw notFound();
    return found[0];
  }

  /** Stored filters as a list query; null if they no longer validate (reference data changed). */
  private parse(view: ViewRow): CaseListQuery | null {
    const parsed = caseListQuerySchema.safeParse(view.filters);
    return parsed.success ? parsed.data : null;
  }

  private toView(actor: Actor, r: ViewRow): SavedView {
    return {
      id: r.id,
      name: r.name,
      shared: r.shared,
      own: r.owner_user_id === actor.userId,
      ownerName: r.owner_name,
      organisationId: r.organisation_id,
      filters: r.filters,
      createdAt: iso(r.created_at),
    };
  }
}

function invalidFilters(): ProblemException {
  return new ProblemException(
    409,
    `${PROBLEM_TYPES.conflict}/view-filters-invalid`,
    'Weergave niet meer geldig',
    'De filters van deze weergave kloppen niet meer met de referentiegegevens. Maak de weergave opnieuw.',
  );
}
