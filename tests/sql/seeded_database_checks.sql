-- Consistency checks of a database seeded by seed-random (used by scripts/smoke and the CLI
-- suites). One row per check: name, then 't' when it holds. Every seeded row is checked.
-- Emission rows may be computed (the default, emissions.md §1-§3) or placeholders
-- (--emissions placeholder, or no factors): both shapes are accepted, each must be whole.
-- "every entry has an emission row" assumes factors for every entry type and seeded year
-- (sql/sample_factors.sql or --sample-factors), or placeholder rows.
--
-- The second half checks that the database is one the application could reach
-- (app-state.md §7): module and report aggregates recomputed here in SQL from the stored
-- emission rows, statuses, unique members, and the audit documents with their hash chain
-- recomputed by PostgreSQL (sha256()). The emission type tree and the module roots below are
-- transcribed from payloads.md §1.6 and app-state.md §2.2, not taken from seed-random's code.
\set QUIET on
-- No JIT: the temporary tables below have no statistics, so the planner's estimates make
-- PostgreSQL JIT-compile queries that run in milliseconds (~0.5 s of server CPU per run on a
-- default-size database; nothing gained on large ones). The results are the same.
SET jit = off;
CREATE TEMPORARY TABLE check_emission_types (ord integer, id integer, scope integer,
                                             parent integer);
INSERT INTO check_emission_types VALUES
    (1, 10000, 3, NULL), (2, 10001, 3, 10000), (3, 10002, 3, 10000), (4, 20000, 3, NULL),
    (5, 20001, 3, 20000), (6, 20002, 3, 20000), (7, 20003, 3, 20000), (8, 2000301, 3, 20003),
    (9, 2000302, 3, 20003), (10, 20004, 3, 20000), (11, 2000401, 3, 20004), (12, 2000402, 3, 20004),
    (13, 2000403, 3, 20004), (14, 2000404, 3, 20004), (15, 2000405, 3, 20004), (16, 2000406, 3, 20004),
    (17, 2000407, 3, 20004), (18, 2000408, 3, 20004), (19, 2000409, 3, 20004), (20, 2000410, 3, 20004),
    (21, 2000411, 3, 20004), (22, 2000412, 3, 20004), (23, 2000413, 3, 20004), (24, 30000, 3, NULL),
    (25, 30001, 3, 30000), (26, 30002, 3, 30000), (27, 30003, 3, 30000), (28, 30004, 3, 30000),
    (29, 30005, 3, 30000), (30, 40000, NULL, NULL), (31, 50000, NULL, NULL), (32, 50100, NULL, 50000),
    (33, 50101, 3, 50100), (34, 50102, 3, 50100), (35, 50200, NULL, 50000), (36, 50201, 3, 50200),
    (37, 50202, 3, 50200), (38, 50203, 3, 50200), (39, 60000, NULL, NULL), (40, 60100, NULL, 60000),
    (41, 60101, 2, 60100), (42, 6010101, 2, 60101), (43, 6010102, 2, 60101), (44, 6010103, 2, 60101),
    (45, 6010104, 2, 60101), (46, 6010105, 2, 60101), (47, 6010106, 2, 60101), (48, 60102, 2, 60100),
    (49, 6010201, 2, 60102), (50, 6010202, 2, 60102), (51, 6010203, 2, 60102), (52, 6010204, 2, 60102),
    (53, 6010205, 2, 60102), (54, 6010206, 2, 60102), (55, 60103, 2, 60100), (56, 6010301, 2, 60103),
    (57, 6010302, 2, 60103), (58, 6010303, 2, 60103), (59, 6010304, 2, 60103), (60, 6010305, 2, 60103),
    (61, 6010306, 2, 60103), (62, 60104, 2, 60100), (63, 6010401, 2, 60104), (64, 6010402, 2, 60104),
    (65, 6010403, 2, 60104), (66, 6010404, 2, 60104), (67, 6010405, 2, 60104), (68, 6010406, 2, 60104),
    (69, 60105, 1, 60100), (70, 6010501, 1, 60105), (71, 6010502, 1, 60105), (72, 6010503, 1, 60105),
    (73, 6010504, 1, 60105), (74, 6010505, 1, 60105), (75, 6010506, 1, 60105), (76, 60200, 1, 60000),
    (77, 60201, 1, 60200), (78, 60202, 1, 60200), (79, 60203, 1, 60200), (80, 60204, 1, 60200),
    (81, 60205, 1, 60200), (82, 60206, 1, 60200), (83, 60300, 3, 60000), (84, 70000, NULL, NULL),
    (85, 70100, 1, 70000), (86, 70200, 1, 70000), (87, 70300, 1, 70000), (88, 70400, 1, 70000),
    (89, 80000, NULL, NULL), (90, 80100, 2, 80000), (91, 80200, 2, 80000), (92, 80300, 2, 80000),
    (93, 90000, NULL, NULL), (94, 90100, 3, 90000), (95, 90200, 3, 90000), (96, 90300, 3, 90000),
    (97, 90400, 3, 90000), (98, 90500, 3, 90000), (99, 90600, 3, 90000), (100, 90700, 3, 90000),
    (101, 90800, 3, 90000), (102, 90900, 1, 90000), (103, 90901, 1, 90900), (104, 100000, NULL, NULL),
    (105, 100100, 3, 100000), (106, 100200, 3, 100000), (107, 10020001, 3, 100200), (108, 10020002, 3, 100200),
    (109, 100300, 3, 100000), (110, 110000, NULL, NULL), (111, 110100, NULL, 110000), (112, 110101, 3, 110100),
    (113, 110102, 3, 110100), (114, 110103, 3, 110100), (115, 110200, NULL, 110000), (116, 110201, 3, 110200),
    (117, 110202, 3, 110200), (118, 110203, 3, 110200), (119, 110204, 3, 110200), (120, 110205, 3, 110200),
    (121, 110206, 3, 110200);
CREATE TEMPORARY TABLE check_roots (module_type_id integer, rank integer, root integer);
INSERT INTO check_roots VALUES (1, 1, 10000), (1, 2, 20000), (1, 3, 30000), (2, 1, 50000),
    (3, 1, 60000), (3, 2, 60300), (4, 1, 80000), (5, 1, 90000), (6, 1, 100000), (7, 1, 110000),
    (8, 1, 70000);
-- Every walked node of every module type, in walk order (path), duplicates kept (60300).
CREATE TEMPORARY TABLE check_walk AS
WITH RECURSIVE w(module_type_id, id, path) AS (
    SELECT r.module_type_id, t.id, ARRAY[r.rank, t.ord]
    FROM check_roots r JOIN check_emission_types t ON t.id = r.root
    UNION ALL
    SELECT w.module_type_id, c.id, w.path || c.ord
    FROM w JOIN check_emission_types c ON c.parent = w.id)
SELECT w.module_type_id, w.id, w.path, t.scope,
       NOT EXISTS (SELECT 1 FROM check_emission_types c WHERE c.parent = w.id) AS leaf
FROM w JOIN check_emission_types t ON t.id = w.id;
-- (descendant, ancestor) pairs, a type being its own ancestor.
CREATE TEMPORARY TABLE check_under AS
WITH RECURSIVE u(id, ancestor) AS (
    SELECT id, id FROM check_emission_types
    UNION ALL
    SELECT u.id, t.parent FROM u JOIN check_emission_types t ON t.id = u.ancestor
    WHERE t.parent IS NOT NULL)
SELECT * FROM u;
-- SQL sums per module and emission type (app-state.md §2.1).
CREATE TEMPORARY TABLE check_sums AS
SELECT e.carbon_report_module_id AS module_id, x.emission_type_id AS type,
       sum(x.kg_co2eq) AS kg, sum(x.additional_value) AS additional
FROM data_entry_emissions x JOIN data_entries e ON e.id = x.data_entry_id
GROUP BY 1, 2;
CREATE INDEX ON check_sums (module_id, type);
-- The expected value of each key of a module's by_emission_type / by_additional_value (§2.3):
-- a non-leaf gets its non-zero leaf sum, else (like a leaf) its own non-zero sum.
CREATE TEMPORARY TABLE check_expected AS
SELECT m.id AS module_id, n.id AS type,
       CASE WHEN NOT n.leaf AND l.kg <> 0 THEN l.kg WHEN s.kg <> 0 THEN s.kg END AS kg,
       CASE WHEN NOT n.leaf AND l.additional <> 0 THEN l.additional
            WHEN s.additional <> 0 THEN s.additional END AS additional
FROM carbon_report_modules m
JOIN (SELECT DISTINCT module_type_id, id, leaf FROM check_walk) n
  ON n.module_type_id = m.module_type_id
LEFT JOIN check_sums s ON s.module_id = m.id AND s.type = n.id
LEFT JOIN LATERAL (
    SELECT sum(ls.kg) AS kg, sum(ls.additional) AS additional
    FROM check_sums ls
    WHERE ls.module_id = m.id AND ls.type IN (
        SELECT w.id FROM check_walk w JOIN check_under u ON u.id = w.id
        WHERE w.module_type_id = m.module_type_id AND w.leaf AND u.ancestor = n.id)) l ON true;
-- Expected scopes: every walked node (60300 twice) with a non-zero own sum.
CREATE TEMPORARY TABLE check_scopes AS
SELECT m.id AS module_id,
       coalesce(sum(s.kg) FILTER (WHERE w.scope = 1 AND s.kg <> 0), 0) AS scope1,
       coalesce(sum(s.kg) FILTER (WHERE w.scope = 2 AND s.kg <> 0), 0) AS scope2,
       coalesce(sum(s.kg) FILTER (WHERE w.scope = 3 AND s.kg <> 0), 0) AS scope3
FROM carbon_report_modules m
JOIN check_walk w ON w.module_type_id = m.module_type_id
LEFT JOIN check_sums s ON s.module_id = m.id AND s.type = w.id
GROUP BY m.id;
CREATE FUNCTION pg_temp.close(a double precision, b double precision) RETURNS boolean
LANGUAGE sql IMMUTABLE AS $$
    SELECT a IS NOT NULL AND b IS NOT NULL
           AND abs(a - b) <= 1e-9 * greatest(abs(a), abs(b), 1e-300) OR (a = 0 AND b = 0)
$$;
-- Two JSON maps {"type": number} with the same keys and values (to 1e-9 relative).
CREATE FUNCTION pg_temp.same_map(a json, b json) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
    SELECT NOT EXISTS (
        SELECT 1 FROM json_each_text(a) x FULL JOIN json_each_text(b) y ON x.key = y.key
        WHERE NOT coalesce(pg_temp.close(x.value::float8, y.value::float8), false))
$$;
-- app-state.md §5.3's canonical text: keys sorted by code point at every level, ", " and
-- ": ", only U+0020..U+007E raw, \uXXXX (UTF-16) for the rest; literals kept as stored.
CREATE FUNCTION pg_temp.canonical_string(s text) RETURNS text LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
    out text := '';
    c text;
    code integer;
BEGIN
    IF s !~ '[^ -~]' AND s !~ '["\\]' THEN
        RETURN '"' || s || '"';
    END IF;
    FOREACH c IN ARRAY regexp_split_to_array(s, '') LOOP
        code := ascii(c);
        out := out || CASE
            WHEN c = '"' THEN '\"' WHEN c = '\' THEN '\\'
            WHEN code = 10 THEN '\n' WHEN code = 13 THEN '\r' WHEN code = 9 THEN '\t'
            WHEN code = 8 THEN '\b' WHEN code = 12 THEN '\f'
            WHEN code BETWEEN 32 AND 126 THEN c
            WHEN code > 65535 THEN '\u' || lpad(to_hex(55296 + ((code - 65536) >> 10)), 4, '0')
                                || '\u' || lpad(to_hex(56320 + ((code - 65536) & 1023)), 4, '0')
            ELSE '\u' || lpad(to_hex(code), 4, '0') END;
    END LOOP;
    RETURN '"' || out || '"';
END
$$;
CREATE FUNCTION pg_temp.canonical(j json) RETURNS text LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
    out text;
    k text;
    v json;
BEGIN
    CASE json_typeof(j)
    WHEN 'object' THEN
        SELECT '{' || coalesce(string_agg(pg_temp.canonical_string(key) || ': '
                                          || pg_temp.canonical(value), ', '
                                          ORDER BY key COLLATE "C"), '') || '}'
        INTO out FROM json_each(j);
        RETURN out;
    WHEN 'array' THEN
        SELECT '[' || coalesce(string_agg(pg_temp.canonical(value), ', ' ORDER BY n), '') || ']'
        INTO out FROM json_array_elements(j) WITH ORDINALITY AS a(value, n);
        RETURN out;
    WHEN 'string' THEN
        RETURN pg_temp.canonical_string(j #>> '{}');
    ELSE
        RETURN j::text;
    END CASE;
END
$$;
\set QUIET off
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
SELECT 'payload user ids are members of the entry''s unit (member entries: or its lab members)',
       NOT EXISTS (SELECT 1 FROM data_entries e
                   WHERE e.data->>'user_institutional_id' IS NOT NULL
                     AND NOT (e.data_entry_type_id = 1 AND e.data->>'user_institutional_id' ~ (
                         '^' || (SELECT institutional_code FROM units WHERE id = e.unit_id)
                         || '-M[0-9]{4,}$'))
                     AND NOT EXISTS (
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
       AND (SELECT last_value FROM users_id_seq) >= (SELECT coalesce(max(id), 0) FROM users)
-- --- A state the application can reach (app-state.md §7) ---
UNION ALL
SELECT 'modules with entries have stats, last_updated and status IN_PROGRESS or VALIDATED',
       NOT EXISTS (SELECT 1 FROM carbon_report_modules m
                   WHERE EXISTS (SELECT 1 FROM data_entries e WHERE e.carbon_report_module_id = m.id)
                     AND (m.stats IS NULL OR m.last_updated IS NULL OR m.status NOT IN (1, 2)))
UNION ALL
SELECT 'modules without stats have no entries and no last_updated',
       NOT EXISTS (SELECT 1 FROM carbon_report_modules m
                   WHERE m.stats IS NULL
                     AND (m.last_updated IS NOT NULL OR EXISTS (
                         SELECT 1 FROM data_entries e WHERE e.carbon_report_module_id = m.id)))
UNION ALL
SELECT 'module and report stats keys in the application''s order',
       NOT EXISTS (SELECT 1 FROM carbon_report_modules m WHERE m.stats IS NOT NULL
                   AND ARRAY(SELECT json_object_keys(m.stats)) <> ARRAY['scope1', 'scope2',
                       'scope3', 'total', 'by_emission_type', 'by_additional_value',
                       'computed_at', 'entry_count'])
       AND NOT EXISTS (SELECT 1 FROM carbon_reports r WHERE r.stats IS NOT NULL
                   AND ARRAY(SELECT json_object_keys(r.stats)) <> ARRAY['scope1', 'scope2',
                       'scope3', 'total', 'it_total_kg', 'by_emission_type', 'by_additional_value',
                       'computed_at', 'entry_count', 'highest_category_module_id'])
UNION ALL
SELECT 'module entry_count counts its entries',
       NOT EXISTS (SELECT 1 FROM carbon_report_modules m WHERE m.stats IS NOT NULL
                   AND (m.stats->>'entry_count')::int <> (
                       SELECT count(*) FROM data_entries e WHERE e.carbon_report_module_id = m.id))
UNION ALL
SELECT 'module by_emission_type equals an SQL recomputation from the emission rows',
       NOT EXISTS (SELECT 1 FROM carbon_report_modules m WHERE m.stats IS NOT NULL
                   AND NOT pg_temp.same_map(m.stats->'by_emission_type', (
                       SELECT coalesce(json_object_agg(x.type, x.kg), '{}')
                       FROM check_expected x WHERE x.module_id = m.id AND x.kg IS NOT NULL)))
UNION ALL
SELECT 'module by_additional_value equals an SQL recomputation from the emission rows',
       NOT EXISTS (SELECT 1 FROM carbon_report_modules m WHERE m.stats IS NOT NULL
                   AND NOT pg_temp.same_map(m.stats->'by_additional_value', (
                       SELECT coalesce(json_object_agg(x.type, x.additional), '{}')
                       FROM check_expected x
                       WHERE x.module_id = m.id AND x.additional IS NOT NULL)))
UNION ALL
SELECT 'module scopes (60300 twice) and total equal an SQL recomputation',
       NOT EXISTS (SELECT 1 FROM carbon_report_modules m JOIN check_scopes c ON c.module_id = m.id
                   WHERE m.stats IS NOT NULL
                     AND NOT (pg_temp.close((m.stats->>'scope1')::float8, c.scope1)
                              AND pg_temp.close((m.stats->>'scope2')::float8, c.scope2)
                              AND pg_temp.close((m.stats->>'scope3')::float8, c.scope3)
                              AND pg_temp.close((m.stats->>'total')::float8,
                                                c.scope1 + c.scope2 + c.scope3)))
UNION ALL
SELECT 'report scopes, maps and entry_count are the sums of its modules'' stats',
       NOT EXISTS (
           SELECT 1 FROM carbon_reports r
           CROSS JOIN LATERAL (
               SELECT coalesce(sum((m.stats->>'scope1')::float8), 0) AS scope1,
                      coalesce(sum((m.stats->>'scope2')::float8), 0) AS scope2,
                      coalesce(sum((m.stats->>'scope3')::float8), 0) AS scope3,
                      coalesce(sum((m.stats->>'entry_count')::int), 0) AS entries
               FROM carbon_report_modules m
               WHERE m.carbon_report_id = r.id AND m.stats IS NOT NULL) s
           WHERE r.stats IS NOT NULL
             AND NOT (pg_temp.close((r.stats->>'scope1')::float8, s.scope1)
                      AND pg_temp.close((r.stats->>'scope2')::float8, s.scope2)
                      AND pg_temp.close((r.stats->>'scope3')::float8, s.scope3)
                      AND pg_temp.close((r.stats->>'total')::float8, s.scope1 + s.scope2 + s.scope3)
                      AND (r.stats->>'entry_count')::int = s.entries
                      AND pg_temp.same_map(r.stats->'by_emission_type', (
                          SELECT coalesce(json_object_agg(key, v), '{}') FROM (
                              SELECT key, sum(value::float8) AS v
                              FROM carbon_report_modules m, json_each_text(m.stats->'by_emission_type')
                              WHERE m.carbon_report_id = r.id AND m.stats IS NOT NULL
                              GROUP BY key) k WHERE v <> 0))
                      AND pg_temp.same_map(r.stats->'by_additional_value', (
                          SELECT coalesce(json_object_agg(key, v), '{}') FROM (
                              SELECT key, sum(value::float8) AS v
                              FROM carbon_report_modules m,
                                   json_each_text(m.stats->'by_additional_value')
                              WHERE m.carbon_report_id = r.id AND m.stats IS NOT NULL
                              GROUP BY key) k WHERE v <> 0))))
UNION ALL
SELECT 'report it_total_kg sums its 17 IT keys (0 when none)',
       NOT EXISTS (SELECT 1 FROM carbon_reports r
                   CROSS JOIN LATERAL (
                       SELECT sum(value::float8) AS kg FROM json_each_text(r.stats->'by_emission_type')
                       WHERE key IN ('80200', '90300', '110101', '110102', '110103', '110201',
                                     '110202', '110203', '110204', '110205', '110206', '100000',
                                     '100100', '100200', '10020001', '10020002', '100300')) it
                   WHERE r.stats IS NOT NULL
                     AND CASE WHEN it.kg IS NULL THEN r.stats->>'it_total_kg' <> '0'
                              ELSE NOT pg_temp.close((r.stats->>'it_total_kg')::float8, it.kg) END)
UNION ALL
SELECT 'report highest_category_module_id is its validated module with the largest total',
       NOT EXISTS (SELECT 1 FROM carbon_reports r WHERE r.stats IS NOT NULL
                   AND (r.stats->>'highest_category_module_id')::int IS DISTINCT FROM (
                       SELECT m.module_type_id FROM carbon_report_modules m
                       WHERE m.carbon_report_id = r.id AND m.status = 2
                         AND (m.stats->>'total')::float8 > 0
                       ORDER BY (m.stats->>'total')::float8 DESC LIMIT 1))
UNION ALL
SELECT 'report completion_progress and overall_status follow its modules',
       NOT EXISTS (SELECT 1 FROM carbon_reports r
                   CROSS JOIN LATERAL (
                       SELECT count(*) FILTER (WHERE m.status = 2) AS validated, count(*) AS n,
                              bool_or(m.stats IS NOT NULL) AS touched
                       FROM carbon_report_modules m WHERE m.carbon_report_id = r.id) c
                   WHERE CASE WHEN c.touched THEN
                             r.completion_progress IS DISTINCT FROM c.validated || '/' || c.n
                             OR r.overall_status <> CASE WHEN c.validated = 0 THEN 0
                                                         WHEN c.validated = c.n THEN 2 ELSE 1 END
                             OR r.stats IS NULL
                         ELSE r.overall_status <> 0 OR r.stats IS NOT NULL END)
UNION ALL
SELECT 'report last_updated >= its modules'' >= their entries'' creation',
       NOT EXISTS (SELECT 1 FROM carbon_report_modules m
                   JOIN carbon_reports r ON r.id = m.carbon_report_id
                   WHERE m.last_updated > r.last_updated
                      OR m.last_updated < (SELECT floor(extract(epoch FROM max(e.created_at)))
                                           FROM data_entries e
                                           WHERE e.carbon_report_module_id = m.id))
UNION ALL
SELECT 'no person repeats among a module''s member entries',
       NOT EXISTS (SELECT 1 FROM data_entries WHERE data_entry_type_id = 1
                   GROUP BY carbon_report_module_id, data->>'user_institutional_id'
                   HAVING count(*) > 1)
       AND NOT EXISTS (SELECT 1 FROM data_entries WHERE data_entry_type_id = 1
                       AND data->>'user_institutional_id' <> btrim(data->>'user_institutional_id'))
UNION ALL
SELECT 'entries are PENDING, with no source or creator (created through the API)',
       NOT EXISTS (SELECT 1 FROM data_entries
                   WHERE status <> 'PENDING' OR source IS NOT NULL OR created_by_id IS NOT NULL)
UNION ALL
SELECT 'every entry has exactly one current version-1 CREATE document',
       NOT EXISTS (SELECT 1 FROM data_entries e WHERE (
                       SELECT count(*) FROM audit_documents a
                       WHERE a.entity_type = 'DataEntry' AND a.entity_id = e.id AND a.version = 1
                         AND a.is_current AND a.change_type = 'CREATE'
                         AND a.change_reason = 'Initial creation' AND a.data_diff::text = 'null'
                         AND a.previous_hash IS NULL AND a.sync_status = 'PENDING') <> 1)
       AND NOT EXISTS (SELECT 1 FROM audit_documents a WHERE a.entity_type = 'DataEntry'
                       AND NOT EXISTS (SELECT 1 FROM data_entries e WHERE e.id = a.entity_id))
UNION ALL
SELECT 'audit snapshots equal their entry rows',
       NOT EXISTS (SELECT 1 FROM audit_documents a JOIN data_entries e ON e.id = a.entity_id
                   WHERE a.entity_type = 'DataEntry' AND NOT (
                       (a.data_snapshot->'data')::jsonb = e.data::jsonb
                       AND (a.data_snapshot->>'id')::int = e.id
                       AND (a.data_snapshot->>'data_entry_type_id')::int = e.data_entry_type_id
                       AND (a.data_snapshot->>'carbon_report_module_id')::int
                           = e.carbon_report_module_id
                       AND a.data_snapshot->>'status' = '0'
                       AND (a.data_snapshot->>'year')::int IS NOT DISTINCT FROM e.year
                       AND (a.data_snapshot->>'unit_id')::int IS NOT DISTINCT FROM e.unit_id
                       AND (a.data_snapshot->'source')::text = 'null'
                       AND (a.data_snapshot->'created_by_id')::text = 'null'
                       AND (a.data_snapshot->>'created_at')::timestamp = e.created_at
                       AND (a.data_snapshot->>'updated_at')::timestamp = e.updated_at
                       AND (SELECT count(*) FROM json_object_keys(a.data_snapshot)) = 11))
UNION ALL
SELECT 'audit documents name a creator allowed on the module, and the route it used',
       NOT EXISTS (SELECT 1 FROM audit_documents a
                   JOIN data_entries e ON e.id = a.entity_id
                   JOIN carbon_report_modules m ON m.id = e.carbon_report_module_id
                   JOIN carbon_reports r ON r.id = m.carbon_report_id
                   LEFT JOIN users u ON u.id = a.changed_by
                   LEFT JOIN unit_users uu ON uu.user_id = a.changed_by AND uu.unit_id = r.unit_id
                   WHERE a.entity_type = 'DataEntry' AND NOT (
                       uu.role = 'CO2_USER_PRINCIPAL'
                       OR (uu.role = 'CO2_USER_STD' AND m.module_type_id IN (2, 7)))
                      OR a.handler_id IS DISTINCT FROM u.institutional_id
                      OR a.changed_at < e.created_at
                      OR a.ip_address = ''
                      OR a.route_path NOT LIKE '/v1/modules/' || r.unit_id || '/' || r.year || '/%'
                      OR a.route_payload->'query'->>'carbon_project_type' IS DISTINCT FROM '0'
                      OR (a.route_payload->'body')::jsonb - 'currency'
                         <> (e.data::jsonb - 'primary_factor_id' - 'currency')
                      OR a.handled_ids::jsonb <> CASE WHEN e.data_entry_type_id IN (20, 21)
                             THEN jsonb_build_array(e.data->>'user_institutional_id')
                             ELSE '[]'::jsonb END)
UNION ALL
SELECT 'audit hashes recompute (SHA-256 of the canonical document, by PostgreSQL)',
       NOT EXISTS (SELECT 1 FROM audit_documents a WHERE a.entity_type = 'DataEntry'
                   AND a.current_hash <> encode(sha256(convert_to(
                       '{"data_snapshot": ' || pg_temp.canonical(a.data_snapshot)
                       || ', "entity_id": ' || a.entity_id
                       || ', "entity_type": "DataEntry", "previous_hash": "", "version": 1}',
                       'UTF8')), 'hex'));
