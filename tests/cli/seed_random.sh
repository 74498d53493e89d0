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

# run ARGS...: sets OUT (stdout), ERR (stderr) and RC.
run() {
    "$BIN" "$@" >"$TMP/out" 2>"$TMP/err"
    RC=$?
    OUT=$(<"$TMP/out")
    ERR=$(<"$TMP/err")
}

# Timestamps are the only values that differ between two runs with the same seed.
strip_times() { sed -E 's/[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{6}/TIME/g' "$@"; }
same_files() {
    local a=$1 b=$2 f
    for f in "$a"/*.copy; do
        cmp -s <(strip_times "$f") <(strip_times "$b/$(basename "$f")") || return 1
    done
    [[ $(ls "$a") == $(ls "$b") ]]
}

# --- help and usage errors -----------------------------------------------------------------
run --help
check "--help exits 0" 0 "$RC"
for flag in --units --users --years --entries-per-module --seed --db-url --formula-version \
    --quiet --verbose --output-dir --jobs "Exit codes"; do
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
check "usage errors create no output dir" "no" "$([[ -e $TMP/x ]] && echo yes || echo no)"

# --- files, determinism ----------------------------------------------------------------------
run --seed 7 --output-dir "$TMP/a" --jobs 1
check "default run into files exits 0" 0 "$RC"
contains "summary lists data_entries" "data_entries" "$OUT"
check "units file has 5 rows" 5 "$(wc -l <"$TMP/a/units.copy")"
check "users file has 42 rows" 42 "$(wc -l <"$TMP/a/users.copy")"
check "modules file has 120 rows" 120 "$(wc -l <"$TMP/a/carbon_report_modules.copy")"
entries=$(wc -l <"$TMP/a/data_entries.copy")
expect "default window gives 800 ± 100 entries ($entries)" test "$entries" -ge 700 -a "$entries" -le 900
check "one emission per entry" "$entries" "$(wc -l <"$TMP/a/data_entry_emissions.copy")"
expect "load.sql written" test -s "$TMP/a/load.sql"

run --seed 7 --output-dir "$TMP/b" --jobs 4
expect "same seed, 1 vs 4 jobs: identical files" same_files "$TMP/a" "$TMP/b"
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
"$BIN" --seed 3 --output-dir "$TMP/s3" -q
check "data_entries: as many as the files of the same seed" "$(wc -l <"$TMP/s3/data_entries.copy")" "$db_entries"
check "data_entry_emissions" "$db_entries" "$(q 'SELECT count(*) FROM data_entry_emissions')"
while IFS='|' read -r name ok; do
    check "$name" t "$ok"
done < <(psql -X -At -F'|' "$URL" -f "$ROOT/tests/sql/seeded_database_checks.sql")

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

# load.sql loads the files into an empty schema in one transaction.
q "CREATE DATABASE from_files" >/dev/null
files_url=${URL/\/seed\?//from_files?}
load "$ROOT/sql/schema.sql" "$files_url" || fatal "schema into from_files"
(cd "$TMP/a" && psql -X -q "$files_url" -f load.sql >/dev/null 2>"$TMP/load.err")
check "load.sql exits 0" 0 "$?"
check "load.sql loads every entry" "$entries" "$(q 'SELECT count(*) FROM data_entries' "$files_url")"
check "load.sql moves the sequences" "$entries" "$(q 'SELECT last_value FROM data_entries_id_seq' "$files_url")"

finish
