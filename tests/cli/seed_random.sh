#!/usr/bin/env bash
# CLI suite: drives the real seed-random binary — flags, errors, exit codes, files,
# reproducibility, and runs against a real PostgreSQL cluster started here.
#
#   bash tests/cli/seed_random.sh PATH/TO/seed-random
set -uo pipefail
# shellcheck source=lib.bash
source "$(dirname "${BASH_SOURCE[0]}")/lib.bash"

BIN=${1:?usage: seed_random.sh PATH/TO/seed-random}
[[ -x $BIN ]] || fatal "not executable: $BIN"
unset DATABASE_URL DB_URL FORMULA_VERSION_SHA256_SHORT
make_tmp


# summary_rows TABLE [TEXT]: rows of TABLE in a closing summary (default $OUT), no separators.
summary_rows() { awk -v t="$1" '$1 == t { gsub(",", "", $2); print $2 }' <<<"${2:-$OUT}"; }
# copy_ids FILE COLUMN: the distinct values of a column of a COPY file, sorted.
copy_ids() { cut -f "$2" "$1" | sort -u; }

# Timestamps are the only values that differ between two runs with the same seed.
# Timestamps, and what follows the clock: audit hashes (of snapshots with timestamps) and
# last_updated epoch seconds.
strip_times() {
    sed -E -e 's/[0-9]{4}-[0-9]{2}-[0-9]{2}[ T][0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,6})?/TIME/g' \
        -e 's/\b[0-9a-f]{64}\b/HASH/g' -e 's/\t1[0-9]{9}\t/\tEPOCH\t/g' "$@"
}
same_files() {
    local a=$1 b=$2 f
    for f in "$a"/*.copy; do
        cmp -s <(strip_times "$f") <(strip_times "$b/$(basename "$f")") || return 1
    done
    [[ $(ls "$a") == $(ls "$b") ]]
}

# database_checks LABEL URL: every check of tests/sql/seeded_database_checks.sql must hold.
database_checks() {
    local name ok
    while IFS='|' read -r name ok; do
        check "$1$name" t "$ok"
    done < <(psql -X -At -F'|' "$2" -f "$ROOT/tests/sql/seeded_database_checks.sql")
}

# --- help and usage errors -----------------------------------------------------------------
run --help
check "--help exits 0" 0 "$RC"
for flag in --units --users --years --entries-per-module --seed --db-url --formula-version \
    --emissions --sample-factors --quiet --verbose --output-dir --jobs "Exit codes"; do
    contains "--help documents $flag" "$flag" "$OUT"
done

usage_error() { # DESCRIPTION NEEDLE ARGS...
    local desc=$1 needle=$2
    shift 2
    run "$@"
    check "$desc: exit 2" 2 "$RC"
    contains "$desc: says why" "$needle" "$ERR"
    check "$desc: one line" 1 "$(printf '%s\n' "$ERR" | wc -l)"
    check "$desc: nothing on stdout" "" "$OUT"
}
usage_error "no database" "no database" --seed 1
usage_error "unknown flag" "--frobnicate" --frobnicate --output-dir "$TMP/x"
usage_error "zero units" "--units" --units 0 --output-dir "$TMP/x"
usage_error "too few users" "--users" --units 10 --users 29 --output-dir "$TMP/x"
usage_error "too many users" "--users" --units 10 --users 151 --output-dir "$TMP/x"
usage_error "malformed years" "--years" --years 2023,,2024 --output-dir "$TMP/x"
usage_error "duplicated year" "listed twice" --years 2023,2023 --output-dir "$TMP/x"
usage_error "year out of range" "outside" --years 1850 --output-dir "$TMP/x"
usage_error "MIN > MAX" "greater than" --entries-per-module 9:3 --output-dir "$TMP/x"
usage_error "negative seed" "--seed" --seed -5 --output-dir "$TMP/x"
usage_error "bad URL scheme" "unsupported" --db-url "mysql://u:hunter2@h/db"
lacks "bad URL: password not printed" "hunter2" "$ERR"
usage_error "huge plan" "lower --units" --units 1000000 --entries-per-module 10000:10000 --output-dir "$TMP/x"
usage_error "unknown --emissions mode" "--emissions" --emissions bogus --output-dir "$TMP/x"
usage_error "--sample-factors with --dry-run" "--sample-factors" --sample-factors --dry-run
usage_error "--sample-factors with --output-dir" "--sample-factors" --sample-factors --output-dir "$TMP/x"
check "usage errors create no output dir" "no" "$([[ -e $TMP/x ]] && echo yes || echo no)"

# --- files, determinism ----------------------------------------------------------------------
run --seed 7 --output-dir "$TMP/a" --jobs 1
check "default run into files exits 0" 0 "$RC"
contains "summary lists data_entries" "data_entries" "$OUT"
files_summary=$OUT
check "units file has 5 rows" 5 "$(wc -l <"$TMP/a/units.copy")"
check "users file has 42 rows" 42 "$(wc -l <"$TMP/a/users.copy")"
check "modules file has 120 rows" 120 "$(wc -l <"$TMP/a/carbon_report_modules.copy")"
entries=$(wc -l <"$TMP/a/data_entries.copy")
expect "default window gives 800 ± 100 entries ($entries)" test "$entries" -ge 700 -a "$entries" -le 900
# Computed emissions (the bundled sample factors back every entry type): one or more rows
# per entry, as many as the summary reports.
emissions=$(wc -l <"$TMP/a/data_entry_emissions.copy")
check "emission rows: as many as the summary says" "$(summary_rows data_entry_emissions)" "$emissions"
expect "more emission rows than entries ($emissions > $entries)" test "$emissions" -gt "$entries"
check "every entry has an emission row" "$(copy_ids "$TMP/a/data_entries.copy" 1)" \
    "$(copy_ids "$TMP/a/data_entry_emissions.copy" 1)"
lacks "no placeholder emission" '"seeded":true' "$(cut -f 7 "$TMP/a/data_entry_emissions.copy")"
# The sample factors and the built-in reference rows the emissions use, for a schema-only
# database; factor ids from 1.
for t in factors locations building_rooms; do
    expect "$t.copy written" test -s "$TMP/a/$t.copy"
    check "$t.copy: as many rows as the summary says" "$(summary_rows "$t")" "$(wc -l <"$TMP/a/$t.copy")"
done
n_factors=$(wc -l <"$TMP/a/factors.copy")
check "factor ids are 1..$n_factors" "$(seq 1 "$n_factors" | sort)" "$(copy_ids "$TMP/a/factors.copy" 1)"
used_factors=$(copy_ids "$TMP/a/data_entry_emissions.copy" 3 | grep -v '^\\N$')
check "emission rows use factors of factors.copy" "" \
    "$(comm -23 <(echo "$used_factors") <(copy_ids "$TMP/a/factors.copy" 1))"
expect "load.sql written" test -s "$TMP/a/load.sql"

# --emissions placeholder: one random row per entry, marked as seeded.
run --seed 7 --output-dir "$TMP/p" --emissions placeholder --formula-version abc123
check "--emissions placeholder into files exits 0" 0 "$RC"
p_entries=$(wc -l <"$TMP/p/data_entries.copy")
check "--emissions placeholder: one emission per entry" "$p_entries" \
    "$(wc -l <"$TMP/p/data_entry_emissions.copy")"
check "--emissions placeholder: every entry has its row" "$(copy_ids "$TMP/p/data_entries.copy" 1)" \
    "$(copy_ids "$TMP/p/data_entry_emissions.copy" 1)"
check "--emissions placeholder: every meta marked as seeded, with the formula version" \
    '{"seeded":true,"formula_version":"abc123"}' "$(cut -f 7 "$TMP/p/data_entry_emissions.copy" | sort -u)"
check "--emissions placeholder: no factor" '\N' "$(cut -f 3 "$TMP/p/data_entry_emissions.copy" | sort -u)"

run --seed 7 --output-dir "$TMP/b" --jobs 4
expect "same seed, 1 vs 4 jobs: identical files" same_files "$TMP/a" "$TMP/b"
# With the clock pinned, byte for byte: timestamps, stats and audit hashes included.
SOURCE_DATE_EPOCH=1796479980 run --seed 7 --output-dir "$TMP/t1" --jobs 1
SOURCE_DATE_EPOCH=1796479980 run --seed 7 --output-dir "$TMP/t2" --jobs 3
expect "SOURCE_DATE_EPOCH: identical bytes" diff -r "$TMP/t1" "$TMP/t2"
contains "SOURCE_DATE_EPOCH: the pinned instant" "2026-12-05 14:13:00.000000" "$(head -c 300 "$TMP/t1/data_entries.copy")"
SOURCE_DATE_EPOCH=yesterday run --seed 7 --output-dir "$TMP/x"
check "SOURCE_DATE_EPOCH not a number: exit 2" 2 "$RC"
contains "SOURCE_DATE_EPOCH not a number: says so" "SOURCE_DATE_EPOCH" "$ERR"
run --seed 8 --output-dir "$TMP/c"
differ() { ! cmp -s "$1" "$2"; }
expect "another seed: different entries" differ "$TMP/a/data_entries.copy" "$TMP/c/data_entries.copy"

run --output-dir "$TMP/d" --units 2
drawn=$(sed -nE 's/.*reproduce with --seed ([0-9]+).*/\1/p' <<<"$ERR")
expect "without --seed a seed is drawn and printed ($drawn)" test -n "$drawn"
run --output-dir "$TMP/e" --units 2 --seed "$drawn"
expect "the printed seed reproduces the run" same_files "$TMP/d" "$TMP/e"
check "--units alone: 8 users per unit + 2 admins" 18 "$(wc -l <"$TMP/d/users.copy")"

run --quiet --seed 1 --output-dir "$TMP/f"
check "--quiet prints nothing" "" "$OUT$ERR"
run --years 2020-2021 --entries-per-module 1:1 --units 1 --users 3 --seed 1 --output-dir "$TMP/g"
check "years range and exact entries: 1 unit x 2 years x 8 modules" 16 "$(wc -l <"$TMP/g/data_entries.copy")"

# --- against PostgreSQL ---------------------------------------------------------------------
start_cluster
load "$ROOT/sql/schema.sql" || fatal "load schema"
# A copy with the schema alone: the template of schema_db's databases below.
schema_url=$(create_db schema_only seed) || fatal "copy database schema_only: $schema_url"
load "$ROOT/sql/sample_factors.sql" || fatal "load sample factors"

checksum() {
    q "SELECT string_agg(t || ':' || n, ',' ORDER BY t) FROM (
         SELECT 'units' t, md5(string_agg(x::text, '' ORDER BY x::text)) n FROM units x UNION ALL
         SELECT 'users', md5(string_agg(x::text, '' ORDER BY x::text)) FROM users x UNION ALL
         SELECT 'unit_users', md5(string_agg(x::text, '' ORDER BY x::text)) FROM unit_users x UNION ALL
         SELECT 'reports', md5(string_agg(x::text, '' ORDER BY x::text)) FROM carbon_reports x UNION ALL
         SELECT 'entries', md5(string_agg(x::text, '' ORDER BY x::text)) FROM data_entries x UNION ALL
         SELECT 'emissions', md5(string_agg(x::text, '' ORDER BY x::text)) FROM data_entry_emissions x) s"
}

# SQLAlchemy-style URL, as the backend's .env has it.
DATABASE_URL=${URL/postgresql:/postgresql+psycopg:} run --seed 3
check "database run exits 0" 0 "$RC"
check "units" 5 "$(q 'SELECT count(*) FROM units')"
check "users" 42 "$(q 'SELECT count(*) FROM users')"
check "unit_users" 42 "$(q 'SELECT count(*) FROM unit_users')"
check "year_configuration" 3 "$(q 'SELECT count(*) FROM year_configuration')"
check "carbon_projects" 5 "$(q 'SELECT count(*) FROM carbon_projects')"
check "carbon_reports" 15 "$(q 'SELECT count(*) FROM carbon_reports')"
check "carbon_report_modules" 120 "$(q 'SELECT count(*) FROM carbon_report_modules')"
db_entries=$(q 'SELECT count(*) FROM data_entries')
db_summary=$OUT
"$BIN" --seed 3 --output-dir "$TMP/s3" -q
check "data_entries: as many as the files of the same seed" "$(wc -l <"$TMP/s3/data_entries.copy")" "$db_entries"
check "data_entry_emissions: as many as the summary says" "$(summary_rows data_entry_emissions "$db_summary")" \
    "$(q 'SELECT count(*) FROM data_entry_emissions')"
expect "data_entry_emissions: more rows than entries" \
    test "$(q 'SELECT count(*) FROM data_entry_emissions')" -gt "$db_entries"
# Empty reference tables: filled in the same run, and listed in the summary.
for t in locations building_rooms; do
    n=$(q "SELECT count(*) FROM $t")
    expect "$t filled ($n rows)" test "$n" -gt 0
    check "$t: as many rows as the summary says" "$(summary_rows "$t" "$db_summary")" "$n"
done
check "no placeholder emission" 0 "$(q "SELECT count(*) FROM data_entry_emissions WHERE meta->>'seeded' IS NOT NULL")"
database_checks "" "$URL"

before=$(checksum)
DB_URL=$URL run --seed 3
check "second identical run is refused: exit 4" 4 "$RC"
contains "second run names the conflict" "U00000" "$ERR"
contains "second run names the options" "--append" "$ERR"
contains "second run says nothing was committed" "unchanged" "$ERR"
check "second run left the database as it was" "$before" "$(checksum)"

pw_url="postgresql://postgres:Sup3rS3cret@/nodb?host=$TMP/pg/sock&port=$(cat "$TMP/pg/port")"
run --db-url "$pw_url" --seed 1
check "unknown database: exit 1" 1 "$RC"
contains "unknown database: names it" "nodb" "$ERR"
lacks "unknown database: password absent from stderr" "Sup3rS3cret" "$ERR"
lacks "unknown database: password absent from stdout" "Sup3rS3cret" "$OUT"
contains "redacted URL shown" "postgres:***@" "$ERR"

# schema_db NAME: creates database NAME with the bundled schema (a copy of schema_only);
# prints its URL.
schema_db() {
    create_db "$1" schema_only || fatal "create database $1"
}

# load.sql loads the files into an empty schema in one transaction: the factors and the
# reference rows first, so that the emission rows' factors exist.
files_url=$(schema_db from_files)
(cd "$TMP/a" && psql -X -q "$files_url" -f load.sql >/dev/null 2>"$TMP/load.err")
check "load.sql exits 0" 0 "$?"
check "load.sql loads every entry" "$entries" "$(q 'SELECT count(*) FROM data_entries' "$files_url")"
check "load.sql moves the sequences" "$entries" "$(q 'SELECT last_value FROM data_entries_id_seq' "$files_url")"
for t in factors locations building_rooms data_entry_emissions; do
    check "load.sql loads every row of $t" "$(wc -l <"$TMP/a/$t.copy")" "$(q "SELECT count(*) FROM $t" "$files_url")"
done
check "load.sql moves the factors sequence" "$n_factors" \
    "$(q 'SELECT last_value FROM factors_id_seq' "$files_url")"
database_checks "loaded files: " "$files_url"

# Binary COPY (the default for the big tables) stores exactly what COPY text and the files'
# load.sql store, byte for byte once the clock is pinned.
digest() {
    q "SELECT md5(string_agg(t::text, '|' ORDER BY t::text)) FROM $1 t" "$2"
}
bin_url=$(schema_db copy_binary)
text_url=$(schema_db copy_text)
pinned_url=$(schema_db copy_files)
SOURCE_DATE_EPOCH=1796479980 run --db-url "$bin_url" --seed 9 --units 3 --sample-factors -v
check "--copy-format auto: exit 0" 0 "$RC"
lacks "--copy-format auto: every big table binary on the bundled schema" "COPY text" "$ERR"
SOURCE_DATE_EPOCH=1796479980 run --db-url "$text_url" --seed 9 --units 3 --sample-factors \
    --copy-format text --analyze
check "--copy-format text: exit 0" 0 "$RC"
SOURCE_DATE_EPOCH=1796479980 run --output-dir "$TMP/pinned" --seed 9 --units 3
(cd "$TMP/pinned" && psql -X -q "$pinned_url" -f load.sql >/dev/null 2>"$TMP/load.err")
for t in data_entries data_entry_emissions audit_documents carbon_report_modules carbon_reports; do
    check "binary COPY = COPY text: $t" "$(digest $t "$text_url")" "$(digest $t "$bin_url")"
    check "binary COPY = the files' load.sql: $t" "$(digest $t "$pinned_url")" "$(digest $t "$bin_url")"
done
# ANALYZE is autovacuum's job (last_autoanalyze), unless --analyze (last_analyze).
last_analyze="SELECT count(last_analyze) FROM pg_stat_user_tables
    WHERE relname IN ('data_entries', 'data_entry_emissions', 'audit_documents', 'units')"
check "without --analyze: no manual ANALYZE" 0 "$(q "$last_analyze" "$bin_url")"
check "--analyze: the seeded tables analyzed in the run" 4 "$(q "$last_analyze" "$text_url")"
run --copy-format binary --output-dir "$TMP/x"
check "--copy-format binary (not a choice): exit 2" 2 "$RC"

# --emissions placeholder against a database with factors: one row per entry, no reference rows.
ph_url=$(schema_db placeholder)
load "$ROOT/sql/sample_factors.sql" "$ph_url" ||
    fatal "sample factors into placeholder"
run --db-url "$ph_url" --seed 4 --emissions placeholder
check "--emissions placeholder database run exits 0" 0 "$RC"
ph_entries=$(q 'SELECT count(*) FROM data_entries' "$ph_url")
check "--emissions placeholder: one emission per entry" "$ph_entries" \
    "$(q 'SELECT count(*) FROM data_entry_emissions' "$ph_url")"
check "--emissions placeholder: every meta marked as seeded" 0 \
    "$(q "SELECT count(*) FROM data_entry_emissions WHERE meta->>'seeded' IS DISTINCT FROM 'true'" "$ph_url")"
check "--emissions placeholder: no location or room added" "0|0" \
    "$(q 'SELECT (SELECT count(*) FROM locations), (SELECT count(*) FROM building_rooms)' "$ph_url")"
database_checks "--emissions placeholder: " "$ph_url"

# A schema-only database: without factors the run falls back to placeholders and says so;
# --sample-factors adds the sample set (once) and computes from it.
nf_url=$(schema_db no_factors)
run --db-url "$nf_url" --seed 5 --units 2 --users 6
check "no factors: exit 0" 0 "$RC"
contains "no factors: warns about the placeholder fallback" "placeholder" "$ERR"
check "no factors: one placeholder emission per entry" \
    "$(q 'SELECT count(*) FROM data_entries' "$nf_url")" \
    "$(q "SELECT count(*) FROM data_entry_emissions WHERE meta->>'seeded' = 'true'" "$nf_url")"
run --db-url "$nf_url" --seed 5 --units 2 --users 6 --append --sample-factors
check "--sample-factors: exit 0" 0 "$RC"
added=$(sed -nE 's/.*--sample-factors: ([0-9,]+) factor rows added.*/\1/p' <<<"$ERR" | tr -d ,)
expect "--sample-factors: says how many factors it added ($added)" test -n "$added"
check "--sample-factors: the factors it says it added" "${added:-none}" "$(q 'SELECT count(*) FROM factors' "$nf_url")"
check "--sample-factors: the new batch is computed" 0 \
    "$(q "SELECT count(*) FROM data_entry_emissions x JOIN data_entries e ON e.id = x.data_entry_id
          JOIN units u ON u.id = e.unit_id WHERE u.institutional_code >= 'U00002'
          AND x.meta->>'seeded' IS NOT NULL" "$nf_url")"
run --db-url "$nf_url" --seed 5 --units 2 --users 6 --append --sample-factors
check "--sample-factors again: exit 0" 0 "$RC"
contains "--sample-factors again: adds no factor" "--sample-factors: 0 factor rows added" "$ERR"
check "--sample-factors again: factor count unchanged" "${added:-none}" "$(q 'SELECT count(*) FROM factors' "$nf_url")"

# Batches of different kinds (placeholder, then computed) side by side: still a state the
# application reaches, batch by batch (stats, statuses, members, audit documents).
database_checks "after --append batches: " "$nf_url"

# A larger run (past the index-deferral threshold: the big tables and the audit table are
# loaded without their indexes, then rebuilt) is just as reachable.
lg_url=$(schema_db larger)
run --db-url "$lg_url" --seed 8 --units 40 --users 320 --entries-per-module 60:74 --sample-factors
check "larger run: exit 0" 0 "$RC"
lg_entries=$(q 'SELECT count(*) FROM data_entries' "$lg_url")
expect "larger run: past the deferral threshold ($lg_entries entries)" test "$lg_entries" -ge 50000
check "larger run: one audit document per entry" "$lg_entries" \
    "$(q 'SELECT count(*) FROM audit_documents' "$lg_url")"
database_checks "larger run: " "$lg_url"

# --module-status validated: a closed campaign; reports follow their modules.
usage_error "unknown --module-status" "--module-status" --module-status done --output-dir "$TMP/x"
st_url=$(schema_db statuses)
run --db-url "$st_url" --seed 6 --units 2 --users 6 --sample-factors --module-status validated
check "--module-status validated: exit 0" 0 "$RC"
check "--module-status validated: every module VALIDATED" 0 \
    "$(q 'SELECT count(*) FROM carbon_report_modules WHERE status <> 2' "$st_url")"
check "--module-status validated: every report 8/8 and VALIDATED" "8/8|2" \
    "$(q "SELECT DISTINCT completion_progress || '|' || overall_status FROM carbon_reports" "$st_url")"
check "--module-status validated: a highest category in every report" 0 \
    "$(q "SELECT count(*) FROM carbon_reports WHERE stats->>'highest_category_module_id' IS NULL" "$st_url")"
database_checks "--module-status validated: " "$st_url"

# --reset deletes the entries' audit documents and nothing else of the audit table;
# --no-audit writes none.
q "INSERT INTO audit_documents (entity_type, entity_id, version, is_current, change_type,
       changed_at, handler_id, ip_address, current_hash)
   VALUES ('User', 1, 1, true, 'CREATE', now(), 'USR000000', '127.0.0.1', 'h')" "$st_url" >/dev/null
run --db-url "$st_url" --seed 6 --units 2 --users 6 --reset --yes --no-audit
check "--reset --no-audit: exit 0" 0 "$RC"
contains "--reset counts the entry documents it deletes" "audit_documents (DataEntry)" "$ERR"
check "--reset keeps the documents of other entities" 1 \
    "$(q "SELECT count(*) FROM audit_documents WHERE entity_type = 'User'" "$st_url")"
check "--no-audit writes no entry document" 0 \
    "$(q "SELECT count(*) FROM audit_documents WHERE entity_type = 'DataEntry'" "$st_url")"
check "--no-audit: still every module's stats" 0 \
    "$(q 'SELECT count(*) FROM carbon_report_modules WHERE stats IS NULL' "$st_url")"

finish
