-- 100,000 running triage deadlines with their scheduled reminders, for the reminder benchmark.
-- :due_now reminders fall due in the minute before the run; :upcoming fall due over the next
-- :window_seconds seconds (for the lateness measurement); the rest lie in the future.
\set ON_ERROR_STOP on
BEGIN;
CREATE TEMP TABLE m AS SELECT row_number() OVER (ORDER BY code) AS i, code, province_code FROM municipalities;
CREATE TEMP TABLE o AS SELECT id FROM organisations WHERE municipality_code IS NOT NULL LIMIT 1;

INSERT INTO cases (id, reference, project_name, municipality_code, province_code, homes_total, status, level_code,
                   is_example, submitter_organisation_id, version, created_at, updated_at)
SELECT gen_random_uuid(), 'DB-R-' || lpad(g::text, 6, '0'), 'Voorbeeld: herinnering ' || g, m.code, m.province_code,
       100, 'submitted', 'woondeal_table', true, (SELECT id FROM o), 1, now() - interval '2 days', now()
  FROM generate_series(1, 100000) g JOIN m ON m.i = 1 + g % (SELECT count(*) FROM m);

INSERT INTO deadlines (id, case_id, kind, budget_working_days, started_at, due_date, due_at, state,
                       max_pause_working_days, max_extension_working_days, version)
SELECT gen_random_uuid(), c.id, 'triage', 5, c.created_at, (now() + interval '7 days')::date,
       now() + interval '7 days', 'running', 60, 5, 1
  FROM cases c WHERE c.reference LIKE 'DB-R-%';

INSERT INTO deadline_events (deadline_id, seq, type, at, actor_label, data)
SELECT d.id, 1, 'started', d.started_at, 'Benchmark', '{"budgetWorkingDays": 5}'::jsonb FROM deadlines d
  JOIN cases c ON c.id = d.case_id WHERE c.reference LIKE 'DB-R-%';

-- Every deadline: six future reminders, plus one that is due now or soon for the first rows.
INSERT INTO scheduled_reminders (deadline_id, deadline_version, threshold, fire_at, urgent, status)
SELECT d.id, 1, t.threshold, now() + (t.days || ' days')::interval, t.threshold <> 'before:3', 'pending'
  FROM deadlines d JOIN cases c ON c.id = d.case_id
 CROSS JOIN (VALUES ('before:1', 6), ('breach', 7), ('after:5', 14), ('after:10', 21), ('propose_escalation', 21), ('after:15', 28)) t(threshold, days)
 WHERE c.reference LIKE 'DB-R-%';

WITH numbered AS (
  SELECT d.id, row_number() OVER (ORDER BY d.id) AS n FROM deadlines d JOIN cases c ON c.id = d.case_id WHERE c.reference LIKE 'DB-R-%'
)
INSERT INTO scheduled_reminders (deadline_id, deadline_version, threshold, fire_at, urgent, status)
SELECT id, 1, 'before:3',
       CASE WHEN n <= :due_now THEN now() - ((n % 60) || ' seconds')::interval
            WHEN n <= :due_now + :upcoming THEN now() + (((n - :due_now) * :window_seconds / :upcoming) || ' seconds')::interval
            ELSE now() + interval '5 days' END,
       false, 'pending'
  FROM numbered;
COMMIT;
ANALYZE;
