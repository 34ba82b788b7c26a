-- After bench/cases-list/generate.sql: the data the insight figures need on the 100k cases —
-- a current breakthrough for every case in status breakthrough, and an action for a third of the
-- cases (some overdue, some done) with a grid operator or a province as the party.
\set ON_ERROR_STOP on
BEGIN;
INSERT INTO case_breakthroughs (case_id, date, homes_unblocked, solution_type, narrative, parties_credited, current)
SELECT c.id,
       least((c.created_at AT TIME ZONE 'Europe/Amsterdam')::date + abs(hashtext(c.id::text)) % 300,
             (now() AT TIME ZONE 'Europe/Amsterdam')::date),
       greatest(1, c.homes_total / 2),
       (ARRAY['local_grid_solution','permit_accelerated','vergunningsvrij_bouwen','financial_arrangement',
              'zoning_adjusted','capacity_support','agreement_public_private','other'])[1 + abs(hashtext(c.reference)) % 8],
       'Benchmark', '{}', true
  FROM cases c WHERE c.reference LIKE 'DB-B-%' AND c.status = 'breakthrough';

CREATE TEMP TABLE parties AS
SELECT row_number() OVER (ORDER BY name) - 1 AS i, id FROM organisations WHERE type IN ('grid_operator', 'province');

INSERT INTO case_assignments (case_id, organisation_id, role, requested_action, due_date, action_status)
SELECT c.id, p.id, 'lead', 'Benchmark-actie',
       (now() AT TIME ZONE 'Europe/Amsterdam')::date + (abs(hashtext(c.id::text)) % 60 - 30),
       (ARRAY['open','in_progress','done','blocked'])[1 + abs(hashtext(c.reference)) % 4]
  FROM cases c
  JOIN parties p ON p.i = abs(hashtext(c.reference || 'p')) % (SELECT count(*) FROM parties)
 WHERE c.reference LIKE 'DB-B-%' AND abs(hashtext(c.id::text)) % 3 = 0;
COMMIT;
ANALYZE;
