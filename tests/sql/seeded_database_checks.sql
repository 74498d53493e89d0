-- Consistency checks of a database seeded by seed-random (used by scripts/smoke and the CLI
-- suites). One row per check: name, then 't' when it holds. Every seeded row is checked.
-- Emission rows may be computed (the default, emissions.md §1-§3) or placeholders
-- (--emissions placeholder, or no factors): both shapes are accepted, each must be whole.
-- "every entry has an emission row" assumes factors for every entry type and seeded year
-- (sql/sample_factors.sql or --sample-factors), or placeholder rows.
SELECT 'every unit has its principal among its principal-role members',
       NOT EXISTS (SELECT 1 FROM units u WHERE NOT EXISTS (
           SELECT 1 FROM unit_users uu JOIN users s ON s.id = uu.user_id
           WHERE uu.unit_id = u.id AND uu.role = 'CO2_USER_PRINCIPAL'
             AND s.institutional_id = u.principal_user_institutional_id))
UNION ALL
SELECT 'every user belongs to a unit',
       NOT EXISTS (SELECT 1 FROM users s WHERE NOT EXISTS (
           SELECT 1 FROM unit_users uu WHERE uu.user_id = s.id))
UNION ALL
SELECT 'every roles_raw scope has a kind the application parses',
       NOT EXISTS (SELECT 1 FROM users s, json_array_elements(s.roles_raw) r
                   WHERE r->'on'->>'kind' IS NULL
                      OR r->'on'->>'kind' NOT IN ('global', 'unit', 'own', 'affiliation'))
UNION ALL
SELECT 'every report has its 8 modules',
       NOT EXISTS (SELECT 1 FROM carbon_reports r WHERE (
           SELECT count(*) FROM carbon_report_modules m WHERE m.carbon_report_id = r.id) <> 8)
UNION ALL
SELECT 'entries carry the year and unit of their report',
       NOT EXISTS (SELECT 1 FROM data_entries e
                   JOIN carbon_report_modules m ON m.id = e.carbon_report_module_id
                   JOIN carbon_reports r ON r.id = m.carbon_report_id
                   WHERE e.year IS DISTINCT FROM r.year OR e.unit_id IS DISTINCT FROM r.unit_id)
UNION ALL
SELECT 'payload user ids are members of the entry''s unit',
       NOT EXISTS (SELECT 1 FROM data_entries e
                   WHERE e.data->>'user_institutional_id' IS NOT NULL AND NOT EXISTS (
                       SELECT 1 FROM unit_users uu JOIN users s ON s.id = uu.user_id
                       WHERE uu.unit_id = e.unit_id
                         AND s.institutional_id = e.data->>'user_institutional_id'))
UNION ALL
SELECT 'departure dates lie in the report year',
       NOT EXISTS (SELECT 1 FROM data_entries e
                   WHERE e.data->>'departure_date' IS NOT NULL
                     AND extract(year FROM (e.data->>'departure_date')::date) <> e.year)
UNION ALL
SELECT 'every entry has an emission row',
       NOT EXISTS (SELECT 1 FROM data_entries e WHERE NOT EXISTS (
           SELECT 1 FROM data_entry_emissions x WHERE x.data_entry_id = e.id))
UNION ALL
SELECT 'emission rows are computed leaves, rollups or placeholders',
       NOT EXISTS (SELECT 1 FROM data_entry_emissions x JOIN data_entries e ON e.id = x.data_entry_id
                   WHERE NOT (
                       -- computed: the application's meta (every payload key, the report
                       -- year, the factor used), no seeder marker
                       (json_typeof(x.meta->'factors_used') = 'array'
                        AND x.meta->'factors_used'->0->>'id' = x.primary_factor_id::text
                        AND x.meta->>'_year' = e.year::text
                        AND x.meta::jsonb @> e.data::jsonb
                        AND x.meta->'seeded' IS NULL AND x.meta->'formula_version' IS NULL
                        AND x.scope IS NOT NULL)
                       -- rollup of a member, student or building entry
                       OR (x.meta::jsonb = '{"is_rollup": true}'::jsonb
                           AND x.emission_type_id IN (40000, 60100)
                           AND x.scope IS NULL AND x.additional_value IS NULL)
                       -- placeholder: marked, no factor, the entry's only row
                       OR ((x.meta->>'seeded')::boolean IS TRUE
                           AND x.meta->'formula_version' IS NOT NULL
                           AND x.primary_factor_id IS NULL
                           AND NOT EXISTS (SELECT 1 FROM data_entry_emissions y
                                           WHERE y.data_entry_id = x.data_entry_id
                                             AND y.id <> x.id))))
UNION ALL
SELECT 'emission factors are of the entry''s type and year',
       NOT EXISTS (SELECT 1 FROM data_entry_emissions x
                   JOIN data_entries e ON e.id = x.data_entry_id
                   JOIN factors f ON f.id = x.primary_factor_id
                   WHERE f.year IS DISTINCT FROM e.year
                      OR f.data_entry_type_id <> e.data_entry_type_id)
UNION ALL
SELECT 'linked entries'' rows use the linked factor',
       NOT EXISTS (SELECT 1 FROM data_entry_emissions x JOIN data_entries e ON e.id = x.data_entry_id
                   WHERE e.data->>'primary_factor_id' IS NOT NULL
                     AND x.primary_factor_id IS DISTINCT FROM (e.data->>'primary_factor_id')::int)
UNION ALL
SELECT 'rollup rows sum the other rows of their entry',
       NOT EXISTS (SELECT 1 FROM data_entry_emissions x
                   CROSS JOIN LATERAL (
                       SELECT sum(y.kg_co2eq) AS kg, min(y.primary_factor_id) AS factor
                       FROM data_entry_emissions y
                       WHERE y.data_entry_id = x.data_entry_id AND y.id <> x.id) o
                   WHERE x.meta::jsonb = '{"is_rollup": true}'::jsonb
                     AND (o.kg IS NULL OR abs(x.kg_co2eq - o.kg) > 1e-9 * abs(o.kg)
                          OR x.primary_factor_id IS DISTINCT FROM o.factor))
UNION ALL
SELECT 'sequences are past every seeded id',
       (SELECT last_value FROM data_entries_id_seq) >= (SELECT coalesce(max(id), 0) FROM data_entries)
       AND (SELECT last_value FROM units_id_seq) >= (SELECT coalesce(max(id), 0) FROM units)
       AND (SELECT last_value FROM users_id_seq) >= (SELECT coalesce(max(id), 0) FROM users);
