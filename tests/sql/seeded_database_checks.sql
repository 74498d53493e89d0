-- Consistency checks of a database seeded by seed-random (used by scripts/smoke and the CLI
-- suites). One row per check: name, then 't' when it holds. Every seeded row is checked.
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
SELECT 'emission meta is marked as seeded',
       NOT EXISTS (SELECT 1 FROM data_entry_emissions x
                   WHERE (x.meta->>'seeded')::boolean IS NOT TRUE
                      OR x.meta->'formula_version' IS NULL)
UNION ALL
SELECT 'sequences are past every seeded id',
       (SELECT last_value FROM data_entries_id_seq) >= (SELECT coalesce(max(id), 0) FROM data_entries)
       AND (SELECT last_value FROM units_id_seq) >= (SELECT coalesce(max(id), 0) FROM units)
       AND (SELECT last_value FROM users_id_seq) >= (SELECT coalesce(max(id), 0) FROM users);
