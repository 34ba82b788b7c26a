-- 100,000 cases and 1,000,000 events for the list benchmark. Run after the app has migrated
-- and seeded the reference data (it needs municipalities, knelpunt types and organisations).
\set ON_ERROR_STOP on
BEGIN;
CREATE TEMP TABLE m AS SELECT row_number() OVER (ORDER BY code) AS i, code, province_code FROM municipalities;
CREATE TEMP TABLE k AS SELECT row_number() OVER (ORDER BY code) AS i, code FROM knelpunt_types;
CREATE TEMP TABLE o AS SELECT id FROM organisations WHERE municipality_code IS NOT NULL LIMIT 1;

INSERT INTO cases (id, reference, project_name, municipality_code, province_code, homes_total,
                   homes_social_or_affordable, description, status, level_code, is_example,
                   submitter_organisation_id, version, created_at, updated_at)
SELECT gen_random_uuid(),
       'DB-B-' || lpad(g::text, 6, '0'),
       'Voorbeeld: ' || (ARRAY['Stationsgebied','Havenkwartier','De Nieuwe Akkers','Spoorzone','Dorpsrand Noord','Centrum-Oost','Kanaalzone'])[1 + g % 7] || ' ' || g,
       m.code, m.province_code,
       50 + (g * 37) % 3000,
       (50 + (g * 37) % 3000) / 3,
       (ARRAY['Het project loopt vast op netcongestie; wachten op verzwaring van het net.',
              'Stikstofdepositie maakt een vergunning onzeker.',
              'Te weinig capaciteit bij de gemeente om plannen uit te werken.',
              'Een spuitzone van een fruitteler beperkt de bouwlocatie.',
              'De corporatie heeft onvoldoende investeringsruimte.'])[1 + g % 5],
       (ARRAY['submitted','accepted','in_progress','in_progress','escalated','breakthrough','closed'])[1 + g % 7],
       (ARRAY['woondeal_table','regional_table','regional_table','national_table'])[1 + g % 4],
       true,
       (SELECT id FROM o),
       1,
       now() - ((g % 1100) || ' days')::interval - ((g % 86400) || ' seconds')::interval,
       now() - ((g % 1000) || ' days')::interval
  FROM generate_series(1, 100000) g
  JOIN m ON m.i = 1 + g % (SELECT count(*) FROM m);

INSERT INTO case_knelpunten (case_id, knelpunt_code)
SELECT c.id, k.code FROM cases c JOIN k ON k.i = 1 + (abs(hashtext(c.id::text)) % (SELECT count(*) FROM k))
 WHERE c.reference LIKE 'DB-B-%';

INSERT INTO case_events (case_id, seq, type, actor_user_id, actor_organisation_id, actor_label, occurred_at, data, visibility, prev_hash, hash)
SELECT c.id, s, CASE WHEN s = 1 THEN 'case.submitted' ELSE 'case.updated' END, NULL, NULL, 'Benchmark',
       c.created_at + (s || ' hours')::interval, jsonb_build_object('step', s), 'shared',
       CASE WHEN s = 1 THEN NULL ELSE md5(c.id::text || (s - 1)) || md5(c.id::text || (s - 1)) END,
       md5(c.id::text || s) || md5(c.id::text || s)
  FROM cases c CROSS JOIN generate_series(1, 10) s
 WHERE c.reference LIKE 'DB-B-%';
COMMIT;
ANALYZE;
