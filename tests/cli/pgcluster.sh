#!/usr/bin/env bash
# CLI suite: scripts/pgcluster lifecycle + sql/schema.sql + sample and legacy factor files.
#
#   bash tests/cli/pgcluster.sh [SEED_BINARY]
#
# CTest passes the seed-random binary as $1 (all CLI suites get it); the last section (as root
# only) runs `make seed-data-random BIN=$1` in a copy of the project inside a mode-700 folder,
# where the cluster must live outside the project. Exit 0 = all checks passed. Works as root
# (cluster owned by `postgres`) and as a normal user.
set -uo pipefail    # no -e: run every check and report them all

# shellcheck source=lib.bash
source "$(dirname "${BASH_SOURCE[0]}")/lib.bash"

# Temp dir under /tmp, world-traversable so the `postgres` user can use it when we are root.
TMP=$(mktemp -d /tmp/pgcluster-test.XXXXXX) || fatal "mktemp"
chmod 755 "$TMP"
HIDDEN=""    # the mode-700 folder of the last section
cleanup() {
    "$PGC" stop "$TMP" 2>/dev/null || true
    rm -rf "$TMP"
    if [[ -n $HIDDEN ]]; then
        [[ -L $HIDDEN/clone/.pgdata ]] && "$PGC" destroy "$HIDDEN/clone/.pgdata" 2>/dev/null
        rm -rf "$HIDDEN"
    fi
}
trap cleanup EXIT

# --- cluster -------------------------------------------------------------------------------
"$PGC" start "$TMP" || fatal "pgcluster start"
pass "pgcluster start"
expect "start again is a no-op" "$PGC" start "$TMP" 2>/dev/null
URL=$("$PGC" url "$TMP") || fatal "pgcluster url"
url_shape_ok() { [[ $URL == "postgresql://postgres@/seed?host=$TMP/sock&port="* ]]; }
expect "url shape ($URL)" url_shape_ok


check "connect via url" "seed|postgres" "$(q 'SELECT current_database(), current_user')"

# --- schema --------------------------------------------------------------------------------
load "$ROOT/sql/schema.sql" || fatal "load sql/schema.sql"
pass "load sql/schema.sql"

enum_labels() {
    q "SELECT string_agg(enumlabel, ',' ORDER BY enumsortorder) FROM pg_enum
       WHERE enumtypid = '$1'::regtype"
}
check "user_provider_enum" "ACCRED,DEFAULT,TEST" "$(enum_labels user_provider_enum)"
check "role_name_enum" "CO2_USER_STD,CO2_USER_PRINCIPAL,CO2_BACKOFFICE_METIER,CO2_SUPERADMIN" \
    "$(enum_labels role_name_enum)"
check "carbon_report_type_enum" "Calculator,Simulator_Explore,Simulator_Plan" \
    "$(enum_labels carbon_report_type_enum)"
check "dataentrystatusenum" "PENDING,VALIDATED,REJECTED" "$(enum_labels dataentrystatusenum)"
check "transportmodeenum" "plane,train" "$(enum_labels transportmodeenum)"
check "audit_change_type_enum" "CREATE,READ,UPDATE,DELETE,ROLLBACK,TRANSFER" \
    "$(enum_labels audit_change_type_enum)"
check "sync_status_enum" "PENDING,SYNCING,SYNCED,FAILED,SKIPPED,RETRY_QUEUED" \
    "$(enum_labels sync_status_enum)"
check "7 enum types" "7" "$(q "SELECT count(*) FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
                               WHERE n.nspname = 'public' AND t.typtype = 'e'")"
check "pg_trgm installed" "1" "$(q "SELECT count(*) FROM pg_extension WHERE extname = 'pg_trgm'")"

# The 14 tables of sql/schema.sql, sorted.
TABLES="audit_documents,building_rooms,carbon_projects,carbon_report_modules,carbon_reports,data_entries"
TABLES+=",data_entry_emissions,data_ingestion_jobs,factors,locations,unit_users,units,users"
TABLES+=",year_configuration"
check "tables" "$TABLES" \
    "$(q "SELECT string_agg(tablename, ',' ORDER BY tablename) FROM pg_tables WHERE schemaname = 'public'")"

n_secondary_indexes() { q "SELECT count(*) FROM pg_index WHERE indrelid = '$1'::regclass AND NOT indisprimary"; }
n_fks() { q "SELECT count(*) FROM pg_constraint WHERE conrelid = '$1'::regclass AND contype = 'f'"; }
check "data_entries: 7 secondary indexes" "7" "$(n_secondary_indexes data_entries)"
check "data_entries: 1 FK" "1" "$(n_fks data_entries)"
check "data_entry_emissions: 5 secondary indexes" "5" "$(n_secondary_indexes data_entry_emissions)"
check "data_entry_emissions: 2 FKs" "2" "$(n_fks data_entry_emissions)"

for name in uq_carbon_projects_unit_type uq_carbon_reports_project_year uq_carbon_report_module \
    idx_crm_report_type_status uq_factor_identity uq_factor_identity_no_year \
    ix_factors_data_entry_type_year data_entries_carbon_report_module_id_fkey \
    data_entry_emissions_data_entry_id_fkey data_entry_emissions_primary_factor_id_fkey \
    uq_location_natural_key ix_locations_keywords ix_data_entries_id ix_units_institutional_code; do
    check "exists: $name" "t" "$(q "SELECT count(*) > 0 FROM (
        SELECT relname AS n FROM pg_class WHERE relkind = 'i'
        UNION ALL SELECT conname FROM pg_constraint) x WHERE n = '$name'")"
done

# Partial unique factor indexes: unique, with a WHERE clause.
check "uq_factor_identity is unique and partial" "t|t" \
    "$(q "SELECT indisunique, indpred IS NOT NULL FROM pg_index WHERE indexrelid = 'uq_factor_identity'::regclass")"
check "uq_factor_identity_no_year is unique and partial" "t|t" \
    "$(q "SELECT indisunique, indpred IS NOT NULL FROM pg_index WHERE indexrelid = 'uq_factor_identity_no_year'::regclass")"
check "ix_locations_keywords is GIN" "gin" \
    "$(q "SELECT am.amname FROM pg_class c JOIN pg_am am ON am.oid = c.relam WHERE c.relname = 'ix_locations_keywords'")"

# ON DELETE actions: c = cascade, n = set null.
check "emission FKs cascade" "c,c" \
    "$(q "SELECT string_agg(confdeltype::text, ',') FROM pg_constraint
          WHERE conrelid = 'data_entry_emissions'::regclass AND contype = 'f'")"
check "factors.last_seen_job_id ON DELETE SET NULL" "n" \
    "$(q "SELECT confdeltype FROM pg_constraint WHERE conname = 'factors_last_seen_job_id_fkey'")"

# column "table.column" -> data_type|is_nullable|default
column() {
    q "SELECT data_type, is_nullable, coalesce(column_default, '<none>') FROM information_schema.columns
       WHERE table_schema = 'public' AND table_name = '${1%%.*}' AND column_name = '${1#*.}'"
}
check "carbon_reports.overall_status: not null, no default" "integer|NO|<none>" \
    "$(column carbon_reports.overall_status)"
check "units.is_active: not null, no default" "boolean|NO|<none>" "$(column units.is_active)"
check "year_configuration.config default '{}'" "json|NO|'{}'::json" "$(column year_configuration.config)"
check "data_entries.data is json" "json|YES|<none>" "$(column data_entries.data)"
check "factors.classification is jsonb" "jsonb|YES|<none>" "$(column factors.classification)"
check "factors.values is json" "json|YES|<none>" "$(column factors.values)"
check "data_entries.id is serial" "integer|NO|nextval('data_entries_id_seq'::regclass)" \
    "$(column data_entries.id)"

# No IF NOT EXISTS guards: a second load must fail, and -1 must leave the schema unchanged.
schema_reload_fails() { ! load "$ROOT/sql/schema.sql" 2>/dev/null; }
expect "second schema load is rejected" schema_reload_fails

# --- factors -------------------------------------------------------------------------------
expect "load sql/sample_factors.sql" load "$ROOT/sql/sample_factors.sql"
for year in 2023 2024 2025; do
    check "sample factors for $year" "t" \
        "$(q "SELECT count(*) > 0 FROM factors WHERE year = $year AND classification ? 'equipment_class'")"
    # Computed emissions need a factor for every one of the 23 entry types (emissions.md §5).
    check "sample factors for $year cover all 23 entry types" "23" \
        "$(q "SELECT count(DISTINCT data_entry_type_id) FROM factors WHERE year = $year")"
done
check "sample factors only for 2023-2025" "0" \
    "$(q "SELECT count(*) FROM factors WHERE year IS NULL OR year NOT IN (2023, 2024, 2025)")"
n_sample=$(q "SELECT count(*) FROM factors")
expect "a second load of sql/sample_factors.sql succeeds" load "$ROOT/sql/sample_factors.sql"
check "a second load adds no row (existing identities are skipped)" "$n_sample" "$(q "SELECT count(*) FROM factors")"
check "sample factor types" "10:80100,11:80200,12:80300" \
    "$(q "SELECT string_agg(DISTINCT data_entry_type_id || ':' || emission_type_id, ',')
          FROM factors WHERE classification ? 'equipment_class'")"
check "some sample sub_class is JSON null" "t" \
    "$(q "SELECT count(*) > 0 FROM factors WHERE classification -> 'sub_class' = 'null'::jsonb")"

expect "load tests/fixtures/legacy_factors.sql" load "$ROOT/tests/fixtures/legacy_factors.sql"
# The upstream equipment pool query (payloads.md §4.12) must find the legacy rows.
check "legacy pool query finds pairs" "t" \
    "$(q "SELECT count(*) > 0 FROM (SELECT DISTINCT classification ->> 'class', classification ->> 'sub_class'
          FROM factors WHERE emission_type_id = 80000 AND classification ->> 'class' IS NOT NULL) p")"

# --- status / stop / restart ---------------------------------------------------------------
"$PGC" status "$TMP" 2>/dev/null
check "status while running" "0" "$?"
"$PGC" stop "$TMP" || fail "pgcluster stop"
"$PGC" status "$TMP" 2>/dev/null
check "status after stop" "3" "$?"
"$PGC" stop "$TMP" 2>/dev/null
check "stop when not running" "0" "$?"
# Restart on the existing data: same URL, data kept.
"$PGC" start "$TMP" 2>/dev/null || fail "restart"
check "url stable across restart" "$URL" "$("$PGC" url "$TMP")"
check "data kept across restart" "t" "$(q 'SELECT count(*) > 0 FROM factors')"
"$PGC" stop "$TMP" 2>/dev/null || fail "final stop"

# --- a project postgres cannot enter (root only) -------------------------------------------
# A copy of the project in a mode-700 folder (like `mktemp -d` or /root): the README command
# must still work, the cluster living in /var/tmp/seed-random-pg.<hash> with .pgdata a link
# to it. BIN=the built binary, so the copy compiles nothing.
BIN=${1:-}
if (($(id -u) != 0)); then
    pass "skipped: project in a mode-700 folder (needs root)"
elif [[ ! -x $BIN ]]; then
    fail "project in a mode-700 folder: no seed-random binary given as \$1"
else
    HIDDEN=$(mktemp -d /tmp/pgcluster-hidden.XXXXXX) || fatal "mktemp"
    check "the folder is mode 700" "700" "$(stat -c %a "$HIDDEN")"
    CLONE=$HIDDEN/clone
    mkdir "$CLONE"
    tar -C "$ROOT" --exclude=./.git --exclude=./build --exclude=./.pgdata --exclude=./bench/out \
        -cf - . | tar -C "$CLONE" -xf - || fatal "copy the project to $CLONE"
    BIN=$(realpath "$BIN")
    make -C "$CLONE" --no-print-directory seed-data-random BIN="$BIN" SEED_ARGS="--seed 12" \
        >"$HIDDEN/out" 2>&1
    rc=$?
    ((rc == 0)) || sed 's/^/     /' "$HIDDEN/out"
    check "make seed-data-random BIN=... in the mode-700 copy" 0 "$rc"
    contains "it printed the summary" "data_entries" "$(<"$HIDDEN/out")"
    expect "it compiled nothing (no build folder)" test ! -e "$CLONE/build"
    expect ".pgdata is a symlink" test -L "$CLONE/.pgdata"
    EXT=$(readlink "$CLONE/.pgdata")
    ext_ok() { [[ $EXT == /var/tmp/seed-random-pg.* ]]; }
    expect ".pgdata links to /var/tmp/seed-random-pg.<hash> ($EXT)" ext_ok
    check "the external folder: postgres, mode 700" "postgres 700" "$(stat -c '%U %a' "$EXT")"
    check "it records the project" "$CLONE/.pgdata" "$(cat "$EXT/project" 2>&1)"
    HURL=$("$PGC" url "$CLONE/.pgdata")
    contains "url: the socket in the external folder" "host=$EXT/sock&" "$HURL"
    n=$(q "SELECT count(*) FROM data_entries" "$HURL")
    expect "the database has data entries ($n)" test "$n" -gt 0
    PIDFILE=$EXT/data/postmaster.pid
    pid=$(head -n 1 "$PIDFILE" 2>/dev/null)
    expect "the server's pid file names a live process ($pid)" kill -0 "${pid:-0}"

    make -C "$CLONE" --no-print-directory db-stop >/dev/null 2>&1
    check "make db-stop" 0 "$?"
    "$PGC" status "$CLONE/.pgdata" 2>/dev/null
    check "pgcluster status after db-stop" 3 "$?"
    runuser -u postgres -- "$(pg_config --bindir)/pg_ctl" status -D "$EXT/data" >/dev/null 2>&1
    check "pg_ctl status after db-stop: no server" 3 "$?"
    expect "no pid file after db-stop" test ! -e "$PIDFILE"
    # The postmaster removes its pid file just before it exits: allow it a moment.
    gone() {
        local i
        for ((i = 0; i < 50; i++)); do
            kill -0 "$1" 2>/dev/null || return 0
            [[ $(awk '{print $3}' "/proc/$1/stat" 2>/dev/null) == Z ]] && return 0
            sleep 0.1
        done
        return 1
    }
    expect "the server process ($pid) is gone" gone "${pid:-0}"

    # db-reset = destroy + start + schema: a fresh external folder, same link.
    make -C "$CLONE" --no-print-directory db-reset >/dev/null 2>&1
    check "make db-reset" 0 "$?"
    check "after db-reset: same link" "$EXT" "$(readlink "$CLONE/.pgdata")"
    check "after db-reset: no data entries" 0 "$(q "SELECT count(*) FROM data_entries" "$HURL")"
    "$PGC" destroy "$CLONE/.pgdata" 2>/dev/null
    check "pgcluster destroy" 0 "$?"
    expect "destroy removed the external folder" test ! -e "$EXT"
    expect "destroy removed the link" test ! -L "$CLONE/.pgdata"
    "$PGC" status "$CLONE/.pgdata" 2>/dev/null
    check "status after destroy" 3 "$?"
fi

summary
((failed == 0))
