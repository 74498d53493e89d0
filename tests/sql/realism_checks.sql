-- Totals that look like a real lab (issue 11): measured on the seeded rows alone, with no
-- knowledge of the seeder's code. A unit-year is a carbon report; its total is the sum of
-- the kg of its entries' emission rows, rollup rows excepted (emissions.md §1.2: 40000
-- headcount and 60100 buildings__rooms repeat the sum of their entry's leaf rows).
-- Prints one line "metric|value" per target; tests/cli/realism.sh compares them.
\pset tuples_only on
\pset format unaligned
WITH rows AS (
    SELECT r.id AS report_id, m.module_type_id, e.id AS entry_id, x.kg_co2eq
    FROM data_entry_emissions x
    JOIN data_entries e ON e.id = x.data_entry_id
    JOIN carbon_report_modules m ON m.id = e.carbon_report_module_id
    JOIN carbon_reports r ON r.id = m.carbon_report_id
    WHERE x.emission_type_id NOT IN (40000, 60100)
),
unit_year AS (
    SELECT r.id AS report_id, coalesce(sum(rows.kg_co2eq), 0) / 1000.0 AS t
    FROM carbon_reports r LEFT JOIN rows ON rows.report_id = r.id
    GROUP BY r.id
),
module AS (
    SELECT module_type_id, sum(kg_co2eq) AS kg FROM rows GROUP BY module_type_id
),
entry AS (
    SELECT report_id, entry_id, sum(kg_co2eq) / 1000.0 AS t FROM rows GROUP BY report_id, entry_id
),
largest_entry AS (
    SELECT entry.report_id, max(entry.t) / nullif(unit_year.t, 0) AS share
    FROM entry JOIN unit_year USING (report_id)
    GROUP BY entry.report_id, unit_year.t
),
module_year AS (
    SELECT r.id AS report_id, t.module_type_id, coalesce(sum(rows.kg_co2eq), 0) / 1000.0 AS t
    FROM carbon_reports r CROSS JOIN generate_series(1, 8) AS t(module_type_id)
    LEFT JOIN rows ON rows.report_id = r.id AND rows.module_type_id = t.module_type_id
    GROUP BY r.id, t.module_type_id
)
SELECT 'unit_years|' || count(*) FROM unit_year
UNION ALL
SELECT 'median_t|' || round(percentile_cont(0.5) WITHIN GROUP (ORDER BY t)::numeric, 1) FROM unit_year
UNION ALL
SELECT 'p95_t|' || round(percentile_cont(0.95) WITHIN GROUP (ORDER BY t)::numeric, 1) FROM unit_year
UNION ALL
SELECT 'max_module_share_pct|' || round((100 * max(kg) / nullif(sum(kg), 0))::numeric, 1) FROM module
UNION ALL
SELECT 'travel_share_pct|'
       || round((100 * coalesce(sum(kg) FILTER (WHERE module_type_id = 2), 0)
                 / nullif(sum(kg), 0))::numeric, 1) FROM module
UNION ALL
SELECT 'oversized_entry_unit_years_pct|'
       || round((100.0 * count(*) FILTER (WHERE share > 0.05) / count(*))::numeric, 2)
FROM largest_entry
UNION ALL
SELECT * FROM (
    SELECT 'module|' || module_type_id || '|'
           || round(percentile_cont(0.5) WITHIN GROUP (ORDER BY t)::numeric, 1) || '|'
           || round(percentile_cont(0.95) WITHIN GROUP (ORDER BY t)::numeric, 1) || '|'
           || round((100 * sum(t) / nullif((SELECT sum(t) FROM unit_year), 0))::numeric, 1)
    FROM module_year GROUP BY module_type_id ORDER BY module_type_id
) AS modules;
