import {
  type Actor,
  type CaseList,
  type CaseListQuery,
  type CaseSummary,
  type CaseDetail,
} from '@doorbraak/domain';
import { isUuid } from '../../common/ids';
import { ProblemException } from '../../common/problem.exception';
import { caseScopeSql, confidentialRestrictionSql } from '../identity/case-scope.sql';
import { nameSearchCondition, searchCondition } from './case-search';

/*
 * The case list query as a pure function of (actor, query) → SQL, so the API and the
 * benchmark's bare Fastify + pg handler run exactly the same statement.
 */

export const iso = (value: Date | string) => new Date(value).toISOString();

export interface CaseRow {
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

export const SORTS = {
  newest: { column: 'c.created_at', direction: 'DESC', cast: 'timestamptz' },
  oldest: { column: 'c.created_at', direction: 'ASC', cast: 'timestamptz' },
  updated: { column: 'c.updated_at', direction: 'DESC', cast: 'timestamptz' },
  homes: { column: 'c.homes_total', direction: 'DESC', cast: 'int' },
} as const;

/**
 * The list's columns over `source` (the cases table, or a subquery of case rows) aliased `c`.
 * Names come from one-row lookups, not joins: a page is at most 201 rows, each lookup an index
 * probe, and the planner no longer weighs join orders for every request (~0.3 ms of planning).
 */
export const selectCase = (sortColumn: string, source = 'cases') => `
  SELECT c.id, c.reference, c.project_name, c.municipality_code,
         (SELECT m.name FROM municipalities m WHERE m.code = c.municipality_code) AS municipality_name,
         c.province_code, (SELECT p.name FROM provinces p WHERE p.code = c.province_code) AS province_name,
         c.homes_total, c.homes_social_or_affordable,
         c.description, c.phase, c.confidentiality, c.location_programme, c.status, c.level_code,
         (SELECT l.rank FROM escalation_levels l WHERE l.code = c.level_code) AS level_rank,
         c.is_example, c.submitter_organisation_id,
         (SELECT o.name FROM organisations o WHERE o.id = c.submitter_organisation_id) AS submitter_organisation_name,
         c.version, c.created_at, c.updated_at, ${sortColumn}::text AS sort_key,
         c.knelpunt_codes AS knelpunt_types
    FROM ${source} c`;

export function toSummary(row: CaseRow): CaseSummary {
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

/** SQL and parameters of one page of GET /api/cases (limit + 1 rows, to know whether there is more). */
export function buildCaseListQuery(actor: Actor, query: CaseListQuery): { sql: string; params: unknown[] } {
  const sort = SORTS[query.sort];
  const params: unknown[] = [];
  const where = [caseScopeSql(actor, 'c', params)];
  const add = (sql: (n: string) => string, value: unknown) => {
    params.push(value);
    where.push(sql(`$${params.length}`));
  };
  if (query.q) {
    const restricted = confidentialRestrictionSql(actor, 'c', params);
    // A description hidden from the actor is not searched either (the match would leak it).
    where.push(
      restricted === 'FALSE'
        ? searchCondition(query.q, params)
        : `((NOT ${restricted} AND ${searchCondition(query.q, params)}) OR (${restricted} AND ${nameSearchCondition(query.q, params)}))`,
    );
  }
  const arms = mergeArms(sort, query);
  if (!arms) {
    if (query.status) add((n) => `c.status = ANY(${n}::varchar[])`, query.status);
    if (query.province) add((n) => `c.province_code = ANY(${n}::varchar[])`, query.province);
  }
  if (query.municipality) add((n) => `c.municipality_code = ANY(${n}::varchar[])`, query.municipality);
  if (query.level) add((n) => `c.level_code = ANY(${n}::varchar[])`, query.level);
  if (query.knelpuntType) {
    add(
      (n) =>
        // cases.knelpunt_codes is case_knelpunten's copy kept by a trigger (migration CaseKnelpuntCodes).
        `c.knelpunt_codes && ${n}::varchar[]`,
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
    where.push(`(${sort.column}, c.id) ${op} ($${params.length - 1}::${sort.cast}, $${params.length}::uuid)`);
  }
  params.push(query.limit + 1);
  const limit = `$${params.length}`;
  const order = `ORDER BY ${sort.column} ${sort.direction}, c.id ${sort.direction}`;
  if (!arms) {
    return { sql: `${selectCase(sort.column)} WHERE ${where.join(' AND ')} ${order} LIMIT ${limit}`, params };
  }
  const placeholder = (value: string) => {
    params.push(value);
    return `$${params.length}`;
  };
  const statuses = (arms.status ?? [null]).map((v) => (v === null ? null : placeholder(v)));
  const provinces = (arms.province ?? [null]).map((v) => (v === null ? null : placeholder(v)));
  const branches = statuses.flatMap((status) =>
    provinces.map((province) => {
      const own = [
        ...where,
        ...(status ? [`c.status = ${status}::varchar`] : []),
        ...(province ? [`c.province_code = ${province}::varchar`] : []),
      ];
      return `(SELECT c.* FROM cases c WHERE ${own.join(' AND ')} ${order} LIMIT ${limit})`;
    }),
  );
  // The page is cut before the name lookups, so they run for the page's rows only.
  const page = `(SELECT c.* FROM (${branches.join(' UNION ALL ')}) c ${order} LIMIT ${limit})`;
  return { sql: `${selectCase(sort.column, page)} ${order}`, params };
}

/** At most this many (status × province) ranges are merged; beyond it one filtered scan is cheaper. */
const MAX_ARMS = 24;

/**
 * Whether a page filtered on several statuses and/or provinces is read as one ordered index range
 * per (status, province) pair — idx_cases_status_province_created, idx_cases_status_created or
 * idx_cases_province_created — merged by PostgreSQL (Merge Append) and cut at the limit. Without
 * it, `status = ANY(…)` over several values cannot use the order of an index, and PostgreSQL walks
 * the newest-first index filtering row by row: thousands of rows for a narrow filter. Only for the
 * created_at sorts (the indexes' order); the answer is the same rows in the same order either way.
 */
function mergeArms(
  sort: (typeof SORTS)[keyof typeof SORTS],
  query: CaseListQuery,
): { status?: string[]; province?: string[] } | null {
  if (sort.column !== 'c.created_at') return null;
  const status = query.status ? [...new Set(query.status)] : undefined;
  const province = query.province ? [...new Set(query.province)] : undefined;
  const count = (status?.length ?? 1) * (province?.length ?? 1);
  if (count < 2 || count > MAX_ARMS) return null;
  return { ...(status ? { status } : {}), ...(province ? { province } : {}) };
}

/** The page answered to the client from the rows of buildCaseListQuery. */
export function caseListPage(rows: CaseRow[], limit: number): CaseList {
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: page.map(toSummary),
    nextCursor: rows.length > limit && last ? encodeCursor(last.sort_key, last.id) : null,
  };
}
