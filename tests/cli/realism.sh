#!/usr/bin/env bash
# CLI suite: totals that look like a real lab (issue 11). Seeds a real cluster with the
# sample factors and measures the targets from the emission rows with SQL alone
# (tests/sql/realism_checks.sql), independently of the seeder's code:
#   per unit-year total: median 20-300 t CO2-eq, p95 < 2,000 t;
#   no module category above 60 % of the run's total; professional travel 15-45 %;
#   no single entry above 5 % of its unit-year's total in more than 1 % of unit-years.
# The closing summary's totals table must agree with the SQL. Then checks that
# --values seed-doc still draws the seed document's flat ranges.
#
#   bash tests/cli/realism.sh PATH/TO/seed-random
set -uo pipefail
# shellcheck source=lib.bash
source "$(dirname "${BASH_SOURCE[0]}")/lib.bash"

BIN=${1:?usage: realism.sh PATH/TO/seed-random}
[[ -x $BIN ]] || fatal "not executable: $BIN"
unset DATABASE_URL DB_URL FORMULA_VERSION_SHA256_SHORT
make_tmp
start_cluster


# in_range DESCRIPTION VALUE LOW HIGH: LOW <= VALUE <= HIGH (decimals)
in_range() {
    if awk -v v="$2" -v lo="$3" -v hi="$4" 'BEGIN { exit !(v >= lo && v <= hi) }'; then
        pass "$1 ($2 in [$3, $4])"
    else
        fail "$1 ($2 not in [$3, $4])"
    fi
}

fresh_database() {
    q "DROP SCHEMA public CASCADE; CREATE SCHEMA public;" >/dev/null || fatal "drop schema"
    load "$ROOT/sql/schema.sql" >/dev/null || fatal "load sql/schema.sql"
}

metric() { awk -F'|' -v k="$1" '$1 == k { print $2 }' "$TMP/metrics"; }

# measure LABEL ARGS...: a fresh database seeded with ARGS, then the targets.
measure() {
    local label=$1
    shift
    fresh_database
    "$BIN" --db-url "$URL" --sample-factors --quiet "$@" >"$TMP/out" 2>"$TMP/err" ||
        fatal "$label: seed-random $* failed: $(tail -n 3 "$TMP/err")"
    psql -X -q -v ON_ERROR_STOP=1 "$URL" -f "$ROOT/tests/sql/realism_checks.sql" >"$TMP/metrics" ||
        fatal "$label: realism_checks.sql failed"
    sed "s/^/  $label: /" "$TMP/metrics"
    in_range "$label: median t CO2-eq per unit-year" "$(metric median_t)" 20 300
    in_range "$label: p95 t CO2-eq per unit-year" "$(metric p95_t)" 0 1999.99
    in_range "$label: largest module share %" "$(metric max_module_share_pct)" 0 60
    in_range "$label: professional travel share %" "$(metric travel_share_pct)" 15 45
    in_range "$label: unit-years with an entry > 5 % of their total, %" \
        "$(metric oversized_entry_unit_years_pct)" 0 1
}

measure "default sizing" --seed 12
# The same run's closing summary (without --quiet): its total line is the SQL's median and p95.
"$BIN" --dry-run --seed 12 >"$TMP/out" 2>"$TMP/err" || fail "dry run failed"
total=$(awk '$1 == "total" && NF == 4 { print $2 "|" $3 }' "$TMP/out")
check "the summary's totals table agrees with the SQL (median|p95)" \
    "$(metric median_t)|$(metric p95_t)" "$total"
measure "--units 200" --seed 12 --units 200

# --- --values seed-doc: the flat ranges of the seed document --------------------------------
fresh_database
"$BIN" --db-url "$URL" --sample-factors --quiet --seed 12 --units 20 --values seed-doc \
    >"$TMP/out" 2>"$TMP/err" || fatal "seed-doc run failed: $(tail -n 3 "$TMP/err")"
process=$(q "SELECT min((data->>'quantity')::float8) >= 0 AND max((data->>'quantity')::float8) <= 5000
               AND max((data->>'quantity')::float8) > 2500
             FROM data_entries WHERE data_entry_type_id = 50")
check "seed-doc: process quantities drawn from U[0, 5000]" t "$process"
fte=$(q "SELECT min((data->>'fte')::float8) >= 0.1 AND max((data->>'fte')::float8) <= 1
           AND count(DISTINCT data->>'fte') > 30
         FROM data_entries WHERE data_entry_type_id = 1")
check "seed-doc: member fte drawn from U[0.1, 1.0] in hundredths" t "$fte"

# --- realistic: a 60-FTE lab emits more than a 6-FTE one, payloads within the DTO bounds ----
fresh_database
"$BIN" --db-url "$URL" --sample-factors --quiet --seed 12 --units 60 >"$TMP/out" 2>"$TMP/err" ||
    fatal "realistic run failed"
fte=$(q "SELECT count(*) FILTER (WHERE (data->>'fte')::float8 NOT IN (1, 0.8, 0.6, 0.5, 0.3))
         FROM data_entries WHERE data_entry_type_id = 1")
check "realistic: member fte from the choice list" 0 "$fte"
corr=$(q "WITH uy AS (
            SELECT u.id, count(DISTINCT uu.user_id) AS users, sum(x.kg_co2eq) AS kg
            FROM units u JOIN unit_users uu ON uu.unit_id = u.id
            JOIN data_entries e ON e.unit_id = u.id
            JOIN data_entry_emissions x ON x.data_entry_id = e.id
            WHERE x.emission_type_id NOT IN (40000, 60100) GROUP BY u.id)
          SELECT corr(users, kg) > 0.3 FROM uy")
check "realistic: unit totals grow with the unit's size" t "$corr"

# --- the summary's totals table ---------------------------------------------------------------
"$BIN" --dry-run --seed 12 >"$TMP/out" 2>"$TMP/err" || fail "dry run failed"
contains "dry run prints the per-module table" "professional_travel" \
    "$(grep -A 10 'emissions per module' "$TMP/out")"

finish
