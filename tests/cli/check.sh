#!/usr/bin/env bash
# CLI suite for `seed-random check`: usage errors, zero findings on every database
# seed-random writes, every rule proven to fire on a database corrupted one way per rule
# (rule, count, example id, exit 5), read-only (the database is byte-identical after a
# check, and a check works in a default_transaction_read_only session).
#
#   bash tests/cli/check.sh PATH/TO/seed-random
set -uo pipefail
# shellcheck source=lib.bash
source "$(dirname "${BASH_SOURCE[0]}")/lib.bash"

BIN=${1:?usage: check.sh PATH/TO/seed-random}
[[ -x $BIN ]] || fatal "not executable: $BIN"
unset DATABASE_URL DB_URL SEED_APP_DTO_SCHEMAS PGOPTIONS
make_tmp


# failing RULE: the failing count of RULE in the summary table of the last run ($TMP/out:
# rule, table, checked, failing, share, seconds).
failing() { awk -v r="$1" '$1 == r && NF == 6 { f = $4 } END { print (f == "" ? "absent" : f) }' "$TMP/out"; }
# example_ids RULE: the row ids of RULE's example lines ("rule table id: value: reason").
example_ids() { awk -v r="$1" '$1 == r && $3 ~ /^[0-9]+:$/ { sub(":", "", $3); printf "%s ", $3 }' "$TMP/out"; }
# all_clean LABEL: every rule of the last run's table has 0 failing rows.
all_clean() {
    local rule
    for rule in payload member-unique scope roles emissions stats audit; do
        check "$1: $rule finds nothing" 0 "$(failing "$rule")"
    done
}

# A checksum of every table a check reads (row text, order-independent); one query, one
# connection.
checksum() {
    local t sql=""
    for t in units users unit_users carbon_reports carbon_report_modules data_entries \
        data_entry_emissions audit_documents factors locations building_rooms; do
        sql+="${sql:+ UNION ALL }SELECT '$t', md5(coalesce(string_agg(md5(x::text), '' ORDER BY md5(x::text)), '')) FROM $t x"
    done
    q "$sql ORDER BY 1" "$1" | md5sum | cut -d' ' -f1
}

# --- usage errors (nothing attempted) ------------------------------------------------------
run check
check "no database: exit 2" 2 "$RC"
contains "no database: says so" "no database" "$ERR"
run check --db-url postgresql:///x --rules payload,nope
check "--rules unknown: exit 2" 2 "$RC"
contains "--rules unknown: names it and the rules" "unknown rule 'nope' (rules: payload," "$ERR"
run check --db-url postgresql:///x --limit -1
check "--limit -1: exit 2" 2 "$RC"
run check --db-url postgresql:///x --years 2025-2023
check "--years backwards: exit 2" 2 "$RC"
run check --db-url postgresql:///x --units 3
check "a seeding flag after check: exit 2" 2 "$RC"
run check --help
check "check --help: exit 0" 0 "$RC"
for flag in --db-url --years --rules --json --limit --app-dto-schemas; do
    contains "check --help documents $flag" "$flag" "$OUT"
done
run --help
contains "--help lists the check subcommand" "check" "$OUT"
contains "--help documents exit code 5" "5 \`check\` found rows" "$OUT"

start_cluster
run check --db-url "${URL/\/seed?/\/nosuchdb?}"
check "unreachable database: exit 1" 1 "$RC"
check "unreachable database: one error line" 1 "$(grep -c '^error' <<<"$ERR")"
contains "unreachable database: says nothing changed" "nothing was changed" "$ERR"

load "$ROOT/sql/schema.sql" || fatal "load schema"
run --db-url "$URL" --seed 3 --sample-factors -q
[[ $RC == 0 ]] || fatal "seed the first batch: $ERR"

# --- clean databases: zero findings ----------------------------------------------------------
run check --db-url "$URL" --json "$TMP/f.json"
check "default seed: exit 0" 0 "$RC"
all_clean "default seed"
check "default seed: --json has every entry and the rules as the table" \
    "$(q 'SELECT count(*) FROM data_entries') clean payload,member-unique,scope,roles,emissions,stats,audit 0" \
    "$(python3 -c 'import json,sys
d = json.load(open(sys.argv[1]))
print(d["entries"], "clean" if d["clean"] else "unclean", ",".join(r["rule"] for r in d["rules"]),
      sum(r["failing"] for r in d["rules"]))' "$TMP/f.json")"
contains "summary table header" "rule           table" "$OUT"
contains "summary: the stats rule line" "stats" "$OUT"

before=$(checksum "$URL")
PGOPTIONS="-c default_transaction_read_only=on" run check --db-url "$URL"
check "read-only session: exit 0" 0 "$RC"
check "read-only: the database is byte-identical after checks" "$before" "$(checksum "$URL")"

run --db-url "$URL" --seed 4 --append -q # without --sample-factors: the factors already there
[[ $RC == 0 ]] || fatal "seed an --append batch: $ERR"
run check --db-url "$URL"
check "--append batch without --sample-factors: exit 0" 0 "$RC"
all_clean "--append batch"

run --db-url "$URL" --seed 5 --append --module-status validated --values seed-doc -q
run check --db-url "$URL"
check "--module-status validated --values seed-doc batch: exit 0" 0 "$RC"
all_clean "validated batch"

# At least 50,000 entries (36 units x 3 years x 8 modules x 60): the bulk-load path of a large
# run (truncated tables, indexes rebuilt), whose rows lie in id order on disk.
LURL=$(create_db larger) || fatal "create database larger: $LURL"
load "$ROOT/sql/schema.sql" "$LURL" || fatal "schema into larger"
run --db-url "$LURL" --seed 8 --units 36 --users 288 --entries-per-module 60:80 --sample-factors -q
[[ $RC == 0 ]] || fatal "seed the larger database: $ERR"
run check --db-url "$LURL"
check "larger run (bulk load path): exit 0" 0 "$RC"
all_clean "larger run"

run check --db-url "$URL" --app-dto-schemas "$ROOT/tests/fixtures/app-dto-schemas.json"
check "--app-dto-schemas (the fake backend's bundle): exit 0" 0 "$RC"
python3 -c 'import json, sys
b = json.load(open(sys.argv[1]))
b["schemas"]["HeadCountStudentCreate"]["required"].append("extra")
b["schemas"]["HeadCountStudentCreate"]["properties"]["extra"] = {"type": "string"}
json.dump(b, open(sys.argv[2], "w"))' "$ROOT/tests/fixtures/app-dto-schemas.json" "$TMP/drift.json"
run check --db-url "$URL" --app-dto-schemas "$TMP/drift.json"
check "--app-dto-schemas that differs from our DTOs: exit 3" 3 "$RC"
contains "--app-dto-schemas drift: nothing was checked" "nothing was checked" "$ERR"
echo '{}' >"$TMP/bad.json"
run check --db-url "$URL" --app-dto-schemas "$TMP/bad.json"
check "--app-dto-schemas not a bundle: exit 2" 2 "$RC"

# --- one corruption per rule -------------------------------------------------------------
# corrupt NAME SQL: a copy of the clean database with SQL applied; sets CURL.
corrupt() {
    CURL=$(create_db "$1" seed) || fatal "copy database $1: $CURL"
    q "$2" "$CURL" >/dev/null || fatal "corrupt $1: $2"
}
# fires LABEL RULE COUNT ID: exit 5, RULE fails COUNT rows, ID among its examples.
fires() {
    run check --db-url "$CURL"
    check "$1: exit 5" 5 "$RC"
    check "$1: $2 fails $3 rows" "$3" "$(failing "$2")"
    contains "$1: example id $4" " $4 " " $(example_ids "$2") "
    contains "$1: an example line on stdout" "$2 " "$(grep -E "^$2 [a-z_+]+ $4: " "$TMP/out")"
}

# Physical order: a database seeded in one run lies in key order and its streams are read
# in physical order; once rows move (updates, or --append batches filling free space) the
# streams are read again in key order, with the same result.
counts() {
    python3 -c 'import json, sys
d = json.load(open(sys.argv[1]))
print(d["clean"], d["entries"], d["emission_rows"], d["audit_documents"],
      " ".join("%s=%s/%s" % (r["rule"], r["checked"], r["failing"]) for r in d["rules"]))' "$1"
}
q "ANALYZE" "$LURL" >/dev/null || fatal "analyze larger" # the statistics the order is tried on
run check --db-url "$LURL" --json "$TMP/in_order.json" --verbose
check "tables in key order: exit 0" 0 "$RC"
contains "tables in key order: read in physical order" "streams in physical order" "$ERR"
lacks "tables in key order: not read again" "read again in key order" "$ERR"
MURL=$(create_db l_moved larger) || fatal "copy database l_moved: $MURL"
q "UPDATE data_entries SET data = data WHERE id = (SELECT min(id) FROM data_entries);
    UPDATE data_entry_emissions SET scope = scope WHERE id = (SELECT min(id) FROM data_entry_emissions);
    UPDATE audit_documents SET version = version WHERE id = (SELECT min(id) FROM audit_documents)" \
    "$MURL" >/dev/null || fatal "move rows in l_moved"
run check --db-url "$MURL" --json "$TMP/moved.json" --verbose
check "rows moved by updates: exit 0" 0 "$RC"
contains "rows moved by updates: read again in key order" "read again in key order" "$ERR"
check "rows moved by updates: the same rows checked, no finding" "$(counts "$TMP/in_order.json")" \
    "$(counts "$TMP/moved.json")"
q "ANALYZE" >/dev/null || fatal "analyze"
run check --db-url "$URL" --verbose
check "--append batches (rows interleaved on disk): exit 0" 0 "$RC"
contains "--append batches: read again in key order" "read again in key order" "$ERR"

student=$(q "SELECT min(id) FROM data_entries WHERE data_entry_type_id = 2")
member=$(q "SELECT min(id) FROM data_entries WHERE data_entry_type_id = 1")
corrupt c_payload "UPDATE data_entries SET data = (data::jsonb - 'fte')::json WHERE id = $student;
    UPDATE data_entries SET data = jsonb_set(data::jsonb, '{fte}', '\"abc\"')::json WHERE id = $member"
fires "payload (dropped key, retyped value)" payload 2 "$student"
contains "payload: the retyped entry too" " $member " " $(example_ids payload) "
contains "payload: names field and value" "fte=\"abc\"" "$OUT"
run check --db-url "$CURL" --rules stats,roles
check "--rules stats,roles skips the payload rule: exit 0" 0 "$RC"
lacks "--rules: the payload rule is not shown" "payload" "$OUT"
run check --db-url "$CURL" --json "$TMP/f.json" --limit 1
check "--json with findings: payload fails 2, the first example (lowest id)" "False 2 $((student < member ? student : member))" \
    "$(python3 -c 'import json,sys
d = json.load(open(sys.argv[1]))
r = next(r for r in d["rules"] if r["rule"] == "payload")
print(d["clean"], r["failing"], " ".join(str(e["id"]) for e in r["examples"]))' "$TMP/f.json")"
run check --db-url "$CURL" --limit 0
check "--limit 0: still exit 5" 5 "$RC"
check "--limit 0: no example" "" "$(example_ids payload)"

read -r module first second < <(q "SELECT carbon_report_module_id, min(id), max(id) FROM data_entries
    WHERE data_entry_type_id = 1 GROUP BY 1 HAVING count(*) > 1 ORDER BY 1 LIMIT 1" | tr '|' ' ')
corrupt c_member "UPDATE data_entries SET data = jsonb_set(data::jsonb, '{user_institutional_id}',
    to_jsonb(' ' || (SELECT data->>'user_institutional_id' FROM data_entries WHERE id = $first) || ' '))::json
    WHERE id = $second"
fires "member-unique (a member repeated, with blanks)" member-unique 1 "$second"

moved=$(q "SELECT min(id) FROM data_entries WHERE data_entry_type_id = 40")
corrupt c_scope "UPDATE data_entries SET year = year - 1 WHERE id = $moved"
fires "scope (an entry moved to another year)" scope 1 "$moved"
moved_year=$(q "SELECT r.year FROM data_entries e JOIN carbon_report_modules m ON m.id = e.carbon_report_module_id
    JOIN carbon_reports r ON r.id = m.carbon_report_id WHERE e.id = $moved")
other_year=$((moved_year == 2025 ? 2024 : 2025))
run check --db-url "$CURL" --years "$other_year" --rules scope
check "--years $other_year: the moved entry's report ($moved_year) is not read" 0 "$RC"
run check --db-url "$CURL" --years "$moved_year" --rules scope
check "--years $moved_year: it is" 5 "$RC"

std_user=$(q "SELECT min(user_id) FROM unit_users WHERE role = 'CO2_USER_STD'")
principal_unit=$(q "SELECT min(id) FROM units")
corrupt c_roles "UPDATE users SET roles_raw = '[{\"role\": \"calco2.user.boss\", \"on\": {\"kind\": \"own\"}}]' WHERE id = $std_user;
    UPDATE unit_users SET role = 'CO2_USER_STD' WHERE unit_id = $principal_unit
      AND user_id = (SELECT us.id FROM units u JOIN users us ON us.institutional_id = u.principal_user_institutional_id WHERE u.id = $principal_unit)"
fires "roles (garbled roles_raw, a principal demoted)" roles 2 "$std_user"
contains "roles: the unit of the demoted principal" " $principal_unit " " $(example_ids roles) "

factor=$(q "SELECT primary_factor_id FROM data_entry_emissions WHERE primary_factor_id IS NOT NULL
    AND kg_co2eq > 0 GROUP BY 1 ORDER BY count(*), 1 LIMIT 1")
users_of_factor=$(q "SELECT count(DISTINCT data_entry_id) FROM data_entry_emissions WHERE primary_factor_id = $factor")
first_user=$(q "SELECT min(data_entry_id) FROM data_entry_emissions WHERE primary_factor_id = $factor")
corrupt c_emissions "UPDATE factors SET values = (SELECT json_object_agg(k, CASE WHEN json_typeof(v) = 'number'
    THEN to_json(v::text::numeric * 2) ELSE v END) FROM json_each(values) AS x(k, v)) WHERE id = $factor"
fires "emissions (factor $factor changed after seeding)" emissions "$users_of_factor" "$first_user"
check "emissions: stats still match the stored rows" 0 "$(failing stats)"

stats_module=$(q "SELECT min(id) FROM carbon_report_modules WHERE stats IS NOT NULL")
corrupt c_stats "UPDATE carbon_report_modules SET stats = jsonb_set(stats::jsonb, '{total}', '12345.5')::json
    WHERE id = $stats_module"
fires "stats (one module's stats edited)" stats 1 "$stats_module"
table_jobs2=$(grep -v '^[0-9]* data entries' "$TMP/out" | awk '{ $NF = ""; print }')
run check --db-url "$CURL" --jobs 1
check "--jobs 1 (one connection, no exported snapshot): exit 5" 5 "$RC"
check "--jobs 1: the same findings and examples" "$table_jobs2" \
    "$(grep -v '^[0-9]* data entries' "$TMP/out" | awk '{ $NF = ""; print }')"
for rule in payload member-unique scope roles emissions audit; do
    check "stats corruption: $rule finds nothing" 0 "$(failing "$rule")"
done

hashed=$(q "SELECT min(id) FROM data_entries")
undocumented=$(q "SELECT max(id) FROM data_entries")
corrupt c_audit "UPDATE audit_documents SET current_hash = repeat('0', 64) WHERE entity_id = $hashed;
    DELETE FROM audit_documents WHERE entity_id = $undocumented"
fires "audit (a broken hash, a missing document)" audit 2 "$hashed"
contains "audit: the entry without a document" " $undocumented " " $(example_ids audit) "

finish
