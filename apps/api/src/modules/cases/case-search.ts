/**
 * Free-text search over cases. The two expressions must stay identical to the expression
 * indexes of the CaseLifecycle migration (idx_cases_fts, idx_cases_trgm), or the planner will
 * not use them.
 */
export const FTS_EXPRESSION = `to_tsvector('dutch', c.project_name || ' ' || coalesce(c.description, ''))`;
export const TRGM_EXPRESSION = `lower(c.project_name || ' ' || coalesce(c.description, ''))`;

/**
 * A case matches `q` when Dutch full text matches (stemming: "woningen" finds "woning"), when
 * the words are similar enough as trigrams (compounds and plurals the stemmer misses:
 * "netcongesties" finds "netcongestie"), or when the reference or municipality name contains it.
 * `params` receives q and q as a LIKE pattern (wildcards escaped).
 */
/**
 * The same search without the description: project name (full text and trigram), reference and
 * municipality name. For cases whose description is hidden from the actor (confidentiality).
 */
export function nameSearchCondition(q: string, params: unknown[]): string {
  params.push(q);
  const raw = `$${params.length}`;
  params.push(`%${q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`);
  const like = `$${params.length}`;
  return `(to_tsvector('dutch', c.project_name) @@ websearch_to_tsquery('dutch', ${raw})
    OR lower(${raw}) <% lower(c.project_name)
    OR c.reference ILIKE ${like}
    OR c.municipality_code IN (SELECT sm.code FROM municipalities sm WHERE sm.name ILIKE ${like}))`;
}

export function searchCondition(q: string, params: unknown[]): string {
  params.push(q);
  const raw = `$${params.length}`;
  params.push(`%${q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`);
  const like = `$${params.length}`;
  return `(${FTS_EXPRESSION} @@ websearch_to_tsquery('dutch', ${raw})
    OR lower(${raw}) <% ${TRGM_EXPRESSION}
    OR c.reference ILIKE ${like}
    OR c.municipality_code IN (SELECT sm.code FROM municipalities sm WHERE sm.name ILIKE ${like}))`;
}
