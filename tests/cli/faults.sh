#!/usr/bin/env bash
# CLI suite: fault injection against a real PostgreSQL cluster (started here) and the real
# binary. Re-runs (refusal, --append, --reset), schema drift, the server stopped with
# `pg_ctl stop -m immediate` in the middle of a COPY, SIGINT/SIGTERM at several phases, lock
# waits and timeouts, passwords in error paths, dry runs and --summary-json.
#
#   bash tests/cli/faults.sh PATH/TO/seed-random [PART...]
#
# PART: reruns (cases 1-3), drift-crash (4-5), signals-other (6-10); all of them by default.
# ctest runs each part as a test of its own (cli_faults_<part>, in parallel):
# ctest parts: reruns drift-crash signals-other
#
# Every case runs in a FRESH database cloned from a template (sql/schema.sql +
# sql/sample_factors.sql), so runs compute their emissions and fill the empty reference tables
# (locations, building_rooms) in the same transaction. Whenever a run must not commit, a
# checksum of the nine seeded tables + factors + the two reference tables (row count and md5
# of the ordered row texts of each, plus the index and constraint definitions of those
# tables) is compared before and after. Timing-dependent
# cases detect their phase in pg_stat_activity (polled server-side every 5 ms), retry with a
# fresh database when a run slips past the phase, and bound every wait.
# Prints `ok - ...`/`FAIL - ...` lines, a table of the cases, then `N passed, N failed`.
set -uo pipefail # no -e: run every check and report them all
# shellcheck source=lib.bash
source "$(dirname "${BASH_SOURCE[0]}")/lib.bash"

BIN=${1:?usage: faults.sh PATH/TO/seed-random}
[[ -x $BIN ]] || fatal "not executable: $BIN"
BIN=$(realpath "$BIN")
shift
PARTS=("$@")
for part in "${PARTS[@]}"; do
    [[ $part == @(reruns|drift-crash|signals-other) ]] || fatal "unknown part: $part"
done
# in_part NAME: whether the part NAME runs (all parts when none was named).
in_part() { ((${#PARTS[@]} == 0)) || [[ " ${PARTS[*]} " == *" $1 "* ]]; }
# PGAPPNAME would override the application_name the phase detection looks for.
unset DATABASE_URL DB_URL FORMULA_VERSION_SHA256_SHORT PGAPPNAME PGDATABASE PGHOST PGPORT PGUSER
make_tmp
CLUSTER=$TMP/pg
[[ -x ${PG_BINDIR:-}/pg_ctl ]] || fatal "no pg_ctl (pg_config --bindir)" # PG_BINDIR: lib.bash
SECRET=Hunter2Secret
LARGE=(--units 100 --users 800 --entries-per-module 60:74) # ~160k entries, ~3 s
SMALL=(--units 2 --users 10 --entries-per-module 2:3)

# Background processes started here (seed-random runs, pollers, lock holders) until they are
# reaped; whatever is left at exit is killed by its PID.
BG_PIDS=()
# reap PID: waits for a background process of ours, forgets it; returns its exit status.
reap() {
    local rc p keep=()
    wait "$1" 2>/dev/null
    rc=$?
    for p in "${BG_PIDS[@]}"; do [[ $p == "$1" ]] || keep+=("$p"); done
    BG_PIDS=("${keep[@]}")
    return "$rc"
}
cleanup() {
    local pid
    for pid in "${BG_PIDS[@]}"; do kill -KILL "$pid" 2>/dev/null; done
    "$PGC" stop "$CLUSTER" >/dev/null 2>&1 || true
    rm -rf "$TMP"
}
trap cleanup EXIT

now_ms() { local t=${EPOCHREALTIME//[.,]/}; echo $((t / 1000)); }

# --- cluster, template, per-case databases ---------------------------------------------------
start_cluster # sets URL (database `seed` of $TMP/pg)
# The same database through a password-bearing URL (the cluster trusts local connections).
pw_url() { echo "postgresql://postgres:$SECRET@/$1?host=$CLUSTER/sock&port=$(<"$CLUSTER/port")"; }
ADMIN_URL=$(db_url postgres)
tmpl_url=$(create_db tmpl) || fatal "create template database: $tmpl_url"
load "$ROOT/sql/schema.sql" "$tmpl_url" || fatal "load schema into the template"
load "$ROOT/sql/sample_factors.sql" "$tmpl_url" || fatal "load sample factors into the template"

# fresh NAME: a new database NAME cloned from the template; sets DBNAME and DB (its URL).
fresh() {
    DBNAME=$1
    DB=$(create_db "$1" tmpl) || fatal "create database $1: $DB"
}

# The tables a run writes (${TABLES[@]:0:10}: the nine seeded tables, then the audit
# documents), then the factors and reference tables.
TABLES=(units users unit_users year_configuration carbon_projects carbon_reports
    carbon_report_modules data_entries data_entry_emissions audit_documents factors locations
    building_rooms)
CHECKSUM_SQL=""
for t in "${TABLES[@]}"; do
    CHECKSUM_SQL+="${CHECKSUM_SQL:+ UNION ALL }SELECT '$t' AS t, count(*) AS n,
        md5(coalesce(string_agg(x::text, E'\n' ORDER BY x::text), '')) AS h FROM $t x"
done
table_list=$(printf "'%s'," "${TABLES[@]}")
CHECKSUM_SQL="SELECT string_agg(t || ':' || n || ':' || h, ' ' ORDER BY t) FROM ($CHECKSUM_SQL
    UNION ALL SELECT 'schema', count(*), md5(coalesce(string_agg(d, E'\n' ORDER BY d), '')) FROM (
        SELECT indexdef AS d FROM pg_indexes
        WHERE schemaname = 'public' AND tablename IN (${table_list%,})
        UNION ALL SELECT conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid)
        FROM pg_constraint WHERE conrelid IN (SELECT t::regclass FROM unnest(ARRAY[${table_list%,}]) t)) d) s"
# checksum: one line "table:rows:md5 ..." of $DB over the seeded tables, factors, reference
# tables and their schema.
checksum() { q "$CHECKSUM_SQL" "$DB"; }
valid_checksum() { [[ $1 == *"units:"*"users:"* && $1 != *ERROR* && $1 != *error* ]]; }

# unchanged BEFORE DESC: compares the current checksum of $DB with BEFORE; sets UNCHANGED.
unchanged() {
    local after
    after=$(checksum)
    if ! valid_checksum "$1"; then
        fail "$2: checksum before the run could not be taken (${1:0:300})"
        UNCHANGED=unknown
    elif [[ $after == "$1" ]]; then
        pass "$2: database unchanged (checksum of 9 seeded tables + factors + reference tables)"
        UNCHANGED=yes
    else
        fail "$2: database changed (before: ${1:0:300} / after: ${after:0:300})"
        UNCHANGED=no
    fi
}

count() { q "SELECT count(*) FROM $1" "${2:-$DB}"; }
qdb() { q "$1" "$DB"; } # q on the current case database

# --- the cases table printed at the end ------------------------------------------------------
CASES=()
note() { CASES+=("$(printf '%-58s exit %-4s DB unchanged: %s' "$1" "$2" "$3")"); }

# --- running the binary ---------------------------------------------------------------------
# run ARGS...: foreground run, bounded; sets OUT, ERR, RC and MS (wall milliseconds).
run() {
    local t0
    t0=$(now_ms)
    timeout -k 5 180 "$BIN" "$@" >"$TMP/out" 2>"$TMP/err" </dev/null
    RC=$?
    MS=$(($(now_ms) - t0))
    OUT=$(<"$TMP/out")
    ERR=$(<"$TMP/err")
}

# start_bg ARGS...: seed-random in the background; sets SEED_PID.
start_bg() {
    "$BIN" "$@" >"$TMP/bg.out" 2>"$TMP/bg.err" </dev/null &
    SEED_PID=$!
    BG_PIDS+=("$SEED_PID")
}

# finish_bg SECONDS: waits at most SECONDS for the background run (SIGKILL after that);
# sets RC, OUT, ERR, and MS (milliseconds since T0, which the caller sets when it acts).
finish_bg() {
    local limit=$(($1 * 20)) i=0
    while kill -0 "$SEED_PID" 2>/dev/null && ((i < limit)); do
        sleep 0.05
        i=$((i + 1))
    done
    if kill -0 "$SEED_PID" 2>/dev/null; then
        fail "seed-random (pid $SEED_PID) still running after $1 s: killed"
        kill -KILL "$SEED_PID" 2>/dev/null
    fi
    reap "$SEED_PID"
    RC=$?
    MS=$(($(now_ms) - T0))
    OUT=$(<"$TMP/bg.out")
    ERR=$(<"$TMP/bg.err")
}

# await_phase DBNAME SQL_CONDITION: waits (at most 60 s) until the seed-random session on
# DBNAME runs a statement matching SQL_CONDITION (over pg_stat_activity columns). The polling
# runs server-side every 5 ms; it gives up as soon as the run disconnects or exits.
# Returns 0 when the phase was seen; otherwise 1 with the reason in MISSED.
await_phase() {
    local db=$1 cond=$2 poller i=0 rc exited=0
    PGAPPNAME=faults-poller psql -X -q -v ON_ERROR_STOP=1 "$ADMIN_URL" >"$TMP/poll.out" 2>&1 <<SQL &
DO \$\$
DECLARE
    deadline timestamptz := clock_timestamp() + interval '60 s';
    seen boolean := false;
BEGIN
    LOOP
        PERFORM pg_stat_clear_snapshot();
        IF EXISTS (SELECT 1 FROM pg_stat_activity WHERE datname = '$db'
                   AND application_name = 'seed-random' AND state = 'active' AND ($cond)) THEN
            RETURN;
        END IF;
        IF EXISTS (SELECT 1 FROM pg_stat_activity WHERE datname = '$db'
                   AND application_name = 'seed-random') THEN
            seen := true;
        ELSIF seen THEN
            RAISE EXCEPTION 'the run disconnected before the phase was seen';
        END IF;
        IF clock_timestamp() > deadline THEN
            RAISE EXCEPTION 'phase not seen within 60 s';
        END IF;
        PERFORM pg_sleep(0.005);
    END LOOP;
END
\$\$;
SQL
    poller=$!
    BG_PIDS+=("$poller")
    while kill -0 "$poller" 2>/dev/null && ((i < 1300)); do # 65 s at most
        if ! kill -0 "$SEED_PID" 2>/dev/null; then
            exited=1
            sleep 0.1 # let a poller that just saw the phase finish
            break
        fi
        sleep 0.01
        i=$((i + 1))
    done
    if kill -0 "$poller" 2>/dev/null; then
        # Cancel the polling statement server-side (a killed psql would leave it looping).
        q "SELECT pg_cancel_backend(pid) FROM pg_stat_activity
           WHERE application_name = 'faults-poller'" "$ADMIN_URL" >/dev/null
        for ((i = 0; i < 100; i++)); do
            kill -0 "$poller" 2>/dev/null || break
            sleep 0.05
        done
        kill -0 "$poller" 2>/dev/null && kill -KILL "$poller" 2>/dev/null
    fi
    reap "$poller"
    rc=$?
    if ((rc == 0)) && kill -0 "$SEED_PID" 2>/dev/null; then return 0; fi
    if ((exited)); then
        MISSED="the run exited before the phase was seen; stderr: $(grep -m1 '^error: ' "$TMP/bg.err" ||
            tail -n 1 "$TMP/bg.err")"
    else
        MISSED=$(tr '\n' ' ' <"$TMP/poll.out")
    fi
    return 1
}

# catch_phase NAME PRESEED CONDITION ARGS...: up to 3 attempts, each in a fresh database
# NAME_<attempt> (with a small committed batch first if PRESEED=yes, the large run then being
# an --append): takes BEFORE, starts seed-random ARGS in the background and waits for the
# phase. In ARGS, @DB@ stands for the attempt's database URL and @PWDB@ for it with a password.
# Returns 0 with the run still going (SEED_PID, DB, BEFORE set); 1 after 3 misses.
catch_phase() {
    local name=$1 preseed=$2 cond=$3 attempt
    shift 3
    for attempt in 1 2 3; do
        fresh "${name}_$attempt"
        if [[ $preseed == yes ]]; then
            run --db-url "$DB" --seed 7 -q "${SMALL[@]}"
            ((RC == 0)) || { fail "$name: pre-seeding exited $RC: ${ERR:0:300}"; return 1; }
        fi
        BEFORE=$(checksum)
        local args=() a
        for a in "$@"; do
            case $a in
            @DB@) args+=("$DB") ;;
            @PWDB@) args+=("$(pw_url "$DBNAME")") ;;
            *) args+=("$a") ;;
            esac
        done
        start_bg "${args[@]}"
        await_phase "$DBNAME" "$cond" && return 0
        echo "# $name: attempt $attempt missed the phase ($MISSED); retrying in a fresh database"
        kill -0 "$SEED_PID" 2>/dev/null && kill -KILL "$SEED_PID" 2>/dev/null
        reap "$SEED_PID"
    done
    fail "$name: could not catch the phase [$cond] in 3 attempts (last: $MISSED)"
    return 1
}

# hold_lock TABLE: another session keeps TABLE locked in ACCESS EXCLUSIVE mode (on $DB)
# until release_lock; returns once the lock is granted.
hold_lock() {
    PGAPPNAME=faults-locker psql -X -q "$DB" \
        -c "BEGIN; LOCK TABLE $1 IN ACCESS EXCLUSIVE MODE; SELECT pg_sleep(120)" \
        >/dev/null 2>&1 </dev/null &
    LOCKER_PID=$!
    BG_PIDS+=("$LOCKER_PID")
    local i
    for ((i = 0; i < 200; i++)); do # 10 s at most
        [[ $(qdb "SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a USING (pid)
                WHERE a.application_name = 'faults-locker' AND l.granted
                  AND l.mode = 'AccessExclusiveLock' AND l.relation = '$1'::regclass") == 1 ]] && return 0
        kill -0 "$LOCKER_PID" 2>/dev/null || break
        sleep 0.05
    done
    fail "the lock on $1 was not taken by the other session"
    return 1
}
release_lock() {
    q "SELECT pg_terminate_backend(pid, 5000) FROM pg_stat_activity
       WHERE application_name = 'faults-locker'" "$ADMIN_URL" >/dev/null
    local i
    for ((i = 0; i < 100; i++)); do
        kill -0 "$LOCKER_PID" 2>/dev/null || break
        sleep 0.05
    done
    kill -0 "$LOCKER_PID" 2>/dev/null && kill -KILL "$LOCKER_PID" 2>/dev/null
    reap "$LOCKER_PID"
    return 0
}

# Every stderr line is a one-line log record (no multi-line libpq blocks).
log_lines_only() { ! grep -qvE '^(debug|info|warning|error): ' <<<"$ERR"; }
first_error() { grep -m1 '^error: ' <<<"$ERR"; }
unit_codes() { qdb "SELECT string_agg(institutional_code, ',' ORDER BY institutional_code) FROM units"; }
codes() { # PREFIX DIGITS FIRST LAST
    local i s=""
    for ((i = $3; i <= $4; i++)); do s+=$(printf "%s%0${2}d," "$1" "$i"); done
    echo "${s%,}"
}
# rows_of TABLE SUMMARY: rows of TABLE in a closing summary (0 when it is not listed).
rows_of() { awk -v t="$1" '$1 == t { gsub(",", "", $2); n = $2 } END { print n + 0 }' <<<"$2"; }
entries_of() { rows_of data_entries "$1"; }
emissions_of() { rows_of data_entry_emissions "$1"; }
N_SMOKE_CHECKS=$(grep -c "^SELECT '" "$ROOT/tests/sql/seeded_database_checks.sql")
smoke_checks() { # DESC
    local name ok n=0
    while IFS='|' read -r name ok; do
        check "$1: $name" t "$ok"
        n=$((n + 1))
    done < <(psql -X -At -F'|' "$DB" -f "$ROOT/tests/sql/seeded_database_checks.sql" 2>&1)
    check "$1: all $N_SMOKE_CHECKS consistency checks ran" "$N_SMOKE_CHECKS" "$n"
}
expect_counts() { # DESC "table=n ..."
    local pair sql="" counts
    # One query (one connection) for all the tables: "table|rows" lines.
    for pair in $2; do
        sql+="${sql:+ UNION ALL }SELECT '${pair%%=*}', count(*) FROM ${pair%%=*}"
    done
    counts=$(qdb "$sql")
    for pair in $2; do
        check "$1: ${pair%%=*} rows" "${pair#*=}" \
            "$(awk -F'|' -v t="${pair%%=*}" '$1 == t { print $2 }' <<<"$counts")"
    done
}

# The cases run in three parts, each of which a ctest test runs on a cluster of its own (in
# parallel); no part uses another's databases. The parts' bodies are not indented.
if in_part reruns; then
# =============================================================================================
# 1. A second run without flags after a successful one
# =============================================================================================
c="1 second run, no flags"
fresh c1
run --db-url "$DB" --seed 101 -q
check "$c: first run exits 0" 0 "$RC"
BEFORE=$(checksum)
run --db-url "$DB" --seed 102
check "$c: exit 4" 4 "$RC"
contains "$c: names a unit code" "U00000" "$ERR"
contains "$c: names --append" "--append" "$ERR"
contains "$c: names --reset" "--reset" "$ERR"
check "$c: nothing on stdout" "" "$OUT"
unchanged "$BEFORE" "$c"
note "$c" "$RC" "$UNCHANGED"

# =============================================================================================
# 2. --append twice after a first run
# =============================================================================================
c="2 --append twice"
fresh c2
run --db-url "$DB" --seed 201
check "$c: first run exits 0" 0 "$RC"
total_entries=$(entries_of "$OUT")
total_emissions=$(emissions_of "$OUT")
check "$c: first run fills the empty reference tables" "$(rows_of locations "$OUT")|$(rows_of building_rooms "$OUT")" \
    "$(qdb "SELECT (SELECT count(*) FROM locations) || '|' || (SELECT count(*) FROM building_rooms)")"
reference=$(qdb "SELECT md5(string_agg(x::text, '' ORDER BY x::text)) FROM (SELECT l::text x FROM locations l
                 UNION ALL SELECT r::text FROM building_rooms r) s")
run --db-url "$DB" --seed 202 --append
check "$c: first --append exits 0" 0 "$RC"
contains "$c: first --append says where it continues" "units from 5, users from 42" "$ERR"
total_entries=$((total_entries + $(entries_of "$OUT")))
total_emissions=$((total_emissions + $(emissions_of "$OUT")))
check "$c: units U00000-U00009 after the first --append" "$(codes U 5 0 9)" "$(unit_codes)"
run --db-url "$DB" --seed 203 --append
rc2=$RC
check "$c: second --append exits 0" 0 "$RC"
contains "$c: second --append says where it continues" "units from 10, users from 84" "$ERR"
total_entries=$((total_entries + $(entries_of "$OUT")))
total_emissions=$((total_emissions + $(emissions_of "$OUT")))
check "$c: the appended batches add no location or room" "$reference" \
    "$(qdb "SELECT md5(string_agg(x::text, '' ORDER BY x::text)) FROM (SELECT l::text x FROM locations l
            UNION ALL SELECT r::text FROM building_rooms r) s")"
check "$c: units U00000-U00014 after the second --append" "$(codes U 5 0 14)" "$(unit_codes)"
check "$c: unit institutional ids CF00000-CF00014" "$(codes CF 5 0 14)" \
    "$(qdb "SELECT string_agg(institutional_id, ',' ORDER BY institutional_id) FROM units")"
check "$c: user numbers 0..125, all distinct, emails distinct" "126|126|126|0|125|126" \
    "$(qdb "SELECT count(*), count(DISTINCT institutional_id), count(DISTINCT email), min(n), max(n),
                 count(DISTINCT n)
          FROM (SELECT *, substring(institutional_id FROM '[0-9]+\$')::int n FROM users) s")"
check "$c: 120 USR users, 6 ADMIN users, nothing else" "120|6|0" \
    "$(qdb "SELECT count(*) FILTER (WHERE institutional_id ~ '^USR[0-9]{6}\$'),
                 count(*) FILTER (WHERE institutional_id ~ '^ADMIN[0-9]{6}\$'),
                 count(*) FILTER (WHERE institutional_id !~ '^(USR|ADMIN)[0-9]{6}\$') FROM users")"
check "$c: admins continue the counter of each batch" "40,41,82,83,124,125" \
    "$(qdb "SELECT string_agg(substring(institutional_id FROM '[0-9]+\$')::int::text, ','
                            ORDER BY institutional_id) FROM users WHERE institutional_id LIKE 'ADMIN%'")"
expect_counts "$c" "units=15 users=126 unit_users=126 year_configuration=3 carbon_projects=15
    carbon_reports=45 carbon_report_modules=360 data_entries=$total_entries
    data_entry_emissions=$total_emissions"
expect "$c: computed emissions, at least one row per entry ($total_emissions >= $total_entries)" \
    test "$total_emissions" -ge "$total_entries"
smoke_checks "$c"
note "$c (3 runs)" "$rc2" "no (3 batches committed)"

# =============================================================================================
# 3. --reset
# =============================================================================================
c="3 --reset"
fresh c3
run --db-url "$DB" --seed 301 -q
check "$c: first run exits 0" 0 "$RC"
run --db-url "$DB" --seed 302 --append -q
check "$c: --append exits 0" 0 "$RC"
BEFORE=$(checksum)
run --db-url "$DB" --seed 303 --reset # stdin is /dev/null
check "$c without --yes, stdin not a terminal: exit 2" 2 "$RC"
contains "$c without --yes: asks for --yes" "--yes" "$ERR"
check "$c without --yes: nothing on stdout" "" "$OUT"
unchanged "$BEFORE" "$c without --yes"
note "3a --reset without --yes, stdin </dev/null" "$RC" "$UNCHANGED"
ref_before=$(qdb "SELECT (SELECT count(*) FROM locations) || '|' || (SELECT count(*) FROM building_rooms)")
run --db-url "$DB" --seed 303 --reset --yes
check "$c --yes: exit 0" 0 "$RC"
contains "$c --yes: reports what it deleted" "--reset deleted" "$ERR"
e=$(entries_of "$OUT")
expect_counts "$c --yes: one batch left" "units=5 users=42 unit_users=42 year_configuration=3
    carbon_projects=5 carbon_reports=15 carbon_report_modules=120 data_entries=$e
    data_entry_emissions=$(emissions_of "$OUT")"
check "$c --yes: reference rows kept, none added" "$ref_before" \
    "$(qdb "SELECT (SELECT count(*) FROM locations) || '|' || (SELECT count(*) FROM building_rooms)")"
check "$c --yes: unit codes start at U00000 again" "$(codes U 5 0 4)" "$(unit_codes)"
check "$c --yes: user numbers start at 0 again" "0|41" \
    "$(qdb "SELECT min(n), max(n) FROM (SELECT substring(institutional_id FROM '[0-9]+\$')::int n
                                      FROM users) s")"
smoke_checks "$c --yes"
note "3b --reset --yes after two runs" "$RC" "no (reset + one batch)"

fi # part reruns

if in_part drift-crash; then
# =============================================================================================
# 4. Schema drift: the preflight refuses before writing anything
# =============================================================================================
drift_case() { # NAME DESC SQL NEEDLES...
    local name=$1 desc=$2 sql=$3 needle
    shift 3
    fresh "$name"
    local err
    err=$(qdb "$sql") || { fail "$desc: setup SQL failed: $err"; return; }
    BEFORE=$(checksum)
    run --db-url "$DB" --seed 401
    check "$desc: exit 3" 3 "$RC"
    for needle in "$@"; do contains "$desc: names $needle" "$needle" "$ERR"; done
    check "$desc: nothing on stdout" "" "$OUT"
    unchanged "$BEFORE" "$desc"
    note "$desc" "$RC" "$UNCHANGED"
}
drift_case c4a "4a column dropped (units.level)" "ALTER TABLE units DROP COLUMN level" \
    "units.level" "missing"
drift_case c4b "4b type changed (data_entries.year text)" \
    "ALTER TABLE data_entries ALTER COLUMN year TYPE text" "data_entries.year" "integer" "text"
drift_case c4c "4c enum label missing (REJECTED renamed)" \
    "ALTER TYPE dataentrystatusenum RENAME VALUE 'REJECTED' TO 'DENIED'" \
    "dataentrystatusenum" "REJECTED"
drift_case c4d "4d extra NOT NULL column without default" \
    "ALTER TABLE users ADD COLUMN tenant_id integer NOT NULL" "users.tenant_id" "NOT NULL"

c="4e extra nullable column + extra table"
fresh c4e
err=$(qdb "ALTER TABLE data_entries ADD COLUMN reviewer_note text;
           CREATE TABLE audit_notes (id serial PRIMARY KEY, body text NOT NULL)") ||
    fail "$c: setup SQL failed: $err"
run --db-url "$DB" --seed 402
check "$c: exit 0" 0 "$RC"
e=$(entries_of "$OUT")
check "$c: entries written" "$e" "$(count data_entries)"
check "$c: the extra column stays NULL" 0 \
    "$(qdb "SELECT count(*) FROM data_entries WHERE reviewer_note IS NOT NULL")"
note "$c" "$RC" "no (seeded, as expected)"

# =============================================================================================
# 5. Server stopped with `pg_ctl stop -m immediate` in the middle of the data_entries COPY
#    (over a committed first batch, so "unchanged" covers rows that were already there)
# =============================================================================================
# Server programs run as the cluster owner (`postgres` when we are root), as scripts/pgcluster does.
as_owner() {
    if (($(id -u) == 0)); then (cd / && runuser -u postgres -- "$@"); else "$@"; fi
}
# crash_case DESC NAME PRESEED CONDITION ARGS...: catches the phase (see catch_phase), stops
# the server with `pg_ctl stop -m immediate`, restarts it (crash recovery) and checks that the
# run failed cleanly and committed nothing; then that the recovered database takes a new batch.
crash_case() {
    local c=$1 name=$2 preseed=$3 cond=$4 stop_rc first
    shift 4
    if ! catch_phase "$name" "$preseed" "$cond" "$@"; then
        note "$c" "-" "phase not caught"
        return
    fi
    T0=$(now_ms)
    as_owner "$PG_BINDIR/pg_ctl" -D "$CLUSTER/data" stop -m immediate >"$TMP/pgctl.out" 2>&1
    stop_rc=$?
    finish_bg 30
    check "$c: pg_ctl stop -m immediate succeeded" 0 "$stop_rc"
    check "$c: exit 1" 1 "$RC"
    first=$(first_error)
    if [[ $first =~ (server\ closed\ the\ connection|terminating\ connection|connection\ lost|no\ connection\ to\ the\ server|could\ not\ (send|receive)\ data|connection\ to\ server\ was\ lost) ]]; then
        pass "$c: clear connection-lost error ($first)"
    else
        fail "$c: no connection-lost error on stderr (first error: '$first'; stderr: ${ERR:0:400})"
    fi
    expect "$c: every stderr line is a one-line log record" log_lines_only
    contains "$c: says nothing was committed" "nothing was committed" "$ERR"
    expect "$c: ended within 20 s of the stop (${MS} ms)" test "$MS" -lt 20000
    lacks "$c: password absent from stderr" "Hunter2" "$ERR"
    lacks "$c: password absent from stdout" "Hunter2" "$OUT"
    "$PGC" start "$CLUSTER" >"$TMP/restart.log" 2>&1 ||
        fatal "$c: the cluster does not restart after the immediate stop ($(tail -n 3 "$TMP/restart.log"))"
    pass "$c: cluster restarted (crash recovery)"
    unchanged "$BEFORE" "$c, after crash recovery"
    note "$c" "$RC" "$UNCHANGED"
    run --db-url "$DB" --append --seed 503 -q "${SMALL[@]}"
    check "$c: after recovery a new --append run exits 0" 0 "$RC"
    smoke_checks "$c, recovered + appended"
}
# (a) over a committed first batch (plain COPY, indexes kept), through a password URL;
# (b) a large run into empty tables, stopped while it rebuilds the keys and indexes it dropped
#     (the checksum covers index and constraint definitions).
crash_case "5a pg_ctl stop -m immediate during COPY data_entries" c5a yes \
    "query LIKE 'COPY data_entries (%'" --db-url @PWDB@ --append --seed 502 "${LARGE[@]}"
crash_case "5b pg_ctl stop -m immediate during the index rebuild" c5b no \
    "query LIKE 'ALTER TABLE % ADD CONSTRAINT %pkey PRIMARY KEY%'
     OR query LIKE 'CREATE INDEX ix_data_entries_%'" --db-url @DB@ --seed 504 "${LARGE[@]}"

fi # part drift-crash

if in_part signals-other; then
# =============================================================================================
# 6. SIGINT / SIGTERM at several phases: exit 130 / 143, rolled back, promptly
# =============================================================================================
interrupted_checks() { # DESC EXIT SIGNAL
    check "$1: exit $2" "$2" "$RC"
    contains "$1: stderr says interrupted" "interrupted by $3" "$ERR"
    contains "$1: stderr says rolled back" "rolled back" "$ERR"
    expect "$1: ended promptly after the signal (${MS} ms, limit 20 s)" test "$MS" -lt 20000
    expect "$1: every stderr line is a one-line log record" log_lines_only
    check "$1: nothing on stdout" "" "$OUT"
}

c="6a SIGINT during COPY data_entries"
if catch_phase c6a no "query LIKE 'COPY data_entries (%'" --db-url @DB@ --seed 601 "${LARGE[@]}"; then
    T0=$(now_ms)
    kill -INT "$SEED_PID"
    finish_bg 30
    interrupted_checks "$c" 130 SIGINT
    unchanged "$BEFORE" "$c"
    note "$c" "$RC" "$UNCHANGED"
else
    note "$c" "-" "phase not caught"
fi

# The large run into empty tables drops the big tables' keys and indexes and rebuilds them
# after the COPY. Caught on the primary keys or the data_entries indexes (the first ~60% of
# the rebuild), so the signal lands well before the commit. The checksum includes index and
# constraint definitions: the dropped ones must be back.
c="6b SIGINT during the index rebuild"
if catch_phase c6b no "query LIKE 'ALTER TABLE % ADD CONSTRAINT %pkey PRIMARY KEY%'
                       OR query LIKE 'CREATE INDEX ix_data_entries_%'" \
    --db-url @DB@ --seed 602 "${LARGE[@]}"; then
    T0=$(now_ms)
    kill -INT "$SEED_PID"
    finish_bg 30
    interrupted_checks "$c" 130 SIGINT
    contains "$c: the run had reached the rebuild" "rebuilding indexes" "$ERR"
    unchanged "$BEFORE" "$c (rows, indexes, constraints)"
    note "$c" "$RC" "$UNCHANGED"
else
    note "$c" "-" "phase not caught"
fi

c="6c SIGINT while waiting for a table lock"
fresh c6c
BEFORE=$(checksum)
if hold_lock data_entries; then
    start_bg --db-url "$DB" --seed 603 --lock-timeout 20
    if await_phase c6c "wait_event_type = 'Lock'"; then
        sleep 1
        T0=$(now_ms)
        kill -INT "$SEED_PID"
        finish_bg 30
        interrupted_checks "$c" 130 SIGINT
        expect "$c: the signal ended the wait, not the 20 s lock timeout (${MS} ms)" test "$MS" -lt 10000
    else
        fail "$c: seed-random never waited for the lock ($MISSED)"
        kill -KILL "$SEED_PID" 2>/dev/null
        finish_bg 5
    fi
    release_lock
    unchanged "$BEFORE" "$c"
    note "$c" "$RC" "$UNCHANGED"
else
    release_lock
    note "$c" "-" "lock not taken"
fi

c="6d SIGTERM during COPY data_entry_emissions"
if catch_phase c6d yes "query LIKE 'COPY data_entry_emissions (%'" \
    --db-url @DB@ --append --seed 604 "${LARGE[@]}"; then
    T0=$(now_ms)
    kill -TERM "$SEED_PID"
    finish_bg 30
    interrupted_checks "$c" 143 SIGTERM
    unchanged "$BEFORE" "$c"
    note "$c" "$RC" "$UNCHANGED"
else
    note "$c" "-" "phase not caught"
fi

# =============================================================================================
# 7. Lock timeout: another session holds carbon_reports
# =============================================================================================
c="7 --lock-timeout 1, carbon_reports locked elsewhere"
fresh c7
BEFORE=$(checksum)
if hold_lock carbon_reports; then
    run --db-url "$(pw_url c7)" --seed 701 --lock-timeout 1
    release_lock
    check "$c: exit 1" 1 "$RC"
    expect "$c: gave up within a few seconds (${MS} ms)" test "$MS" -lt 6000
    contains "$c: names the table" "carbon_reports" "$(first_error)"
    contains "$c: names --lock-timeout" "--lock-timeout" "$(first_error)"
    expect "$c: every stderr line is a one-line log record" log_lines_only
    lacks "$c: password absent from stderr" "Hunter2" "$ERR"
    unchanged "$BEFORE" "$c"
    note "$c" "$RC" "$UNCHANGED"
else
    release_lock
    note "$c" "-" "lock not taken"
fi

# =============================================================================================
# 8. A password-bearing URL in error paths: never printed, shown as ***
# =============================================================================================
no_password() { # DESC [JSON_FILE]
    lacks "$1: password absent from stdout" "Hunter2" "$OUT"
    lacks "$1: password absent from stderr" "Hunter2" "$ERR"
    if [[ -n ${2:-} && -e $2 ]]; then
        lacks "$1: password absent from the summary JSON" "Hunter2" "$(<"$2")"
    fi
}
sock_q="host=$CLUSTER/sock&port=$(<"$CLUSTER/port")"

c="8a password URL, unknown database"
run --db-url "postgresql://postgres:$SECRET@/nosuchdb?$sock_q" --seed 801 --summary-json "$TMP/c8a.json"
check "$c: exit 1" 1 "$RC"
contains "$c: names the database" "nosuchdb" "$ERR"
contains "$c: URL shown redacted" "postgres:***@" "$ERR"
no_password "$c" "$TMP/c8a.json"
note "$c" "$RC" "n/a (no such database)"

c="8b password URL, unsupported scheme"
run --db-url "mysql://u:$SECRET@h/db" --seed 802 --summary-json "$TMP/c8b.json"
check "$c: exit 2" 2 "$RC"
contains "$c: says unsupported" "unsupported" "$ERR"
contains "$c: URL shown redacted" "u:***@" "$ERR"
no_password "$c" "$TMP/c8b.json"
note "$c" "$RC" "n/a (nothing attempted)"

c="8c password URL, successful --verbose run"
fresh c8
run --db-url "$(pw_url c8)" --verbose --seed 803 --summary-json "$TMP/c8c.json"
check "$c: exit 0" 0 "$RC"
contains "$c: URL shown redacted" "postgres:***@" "$ERR"
expect "$c: summary JSON written" test -s "$TMP/c8c.json"
no_password "$c" "$TMP/c8c.json"
note "$c" "$RC" "no (seeded, as expected)"

# URLs that libpq's parser rejects (checked before connecting: a usage error); its messages
# quote the URL or the password token.
BEFORE=$(checksum)
c="8d password with a stray '%' (bad percent-encoding)"
run --db-url "postgresql://postgres:Hunter2%zzSecret@/c8?$sock_q" --seed 804
check "$c: exit 2" 2 "$RC"
contains "$c: URL shown redacted" "postgres:***@" "$ERR"
no_password "$c"
unchanged "$BEFORE" "$c"
note "$c" "$RC" "$UNCHANGED"

c="8e password URL with a malformed host ([::1)"
run --db-url "postgresql://postgres:$SECRET@[::1/c8" --seed 805
check "$c: exit 2" 2 "$RC"
contains "$c: URL shown redacted" "postgres:***@" "$ERR"
no_password "$c"
unchanged "$BEFORE" "$c"
note "$c" "$RC" "$UNCHANGED"

c="8f SQLAlchemy asyncpg URL with password, unknown database"
run --db-url "postgresql+asyncpg://postgres:$SECRET@/nosuchdb?$sock_q" --seed 806
check "$c: exit 1" 1 "$RC"
contains "$c: URL shown redacted" "postgres:***@" "$ERR"
no_password "$c"
note "$c" "$RC" "n/a (no such database)"

# =============================================================================================
# 9. --dry-run touches no database
# =============================================================================================
c="9a --dry-run, DATABASE_URL at a missing socket dir"
DATABASE_URL="postgresql://postgres:$SECRET@/nodb?host=$TMP/no-such-socket-dir&port=1" \
    run --dry-run --seed 901
check "$c: exit 0" 0 "$RC"
contains "$c: says dry run" "dry run" "$OUT"
contains "$c: uses the bundled sample factors" "dry run: factors from the bundled sample set" "$ERR"
for t in "${TABLES[@]:0:10}"; do
    expect "$c: prints the rows of $t" grep -qE "^$t +[0-9,]+ " <<<"$OUT"
done
no_password "$c"
note "$c" "$RC" "n/a (no database)"

c="9b --dry-run --factors-from-db"
fresh c9
BEFORE=$(checksum)
run --dry-run --factors-from-db --db-url "$DB" --seed 902
check "$c: exit 0" 0 "$RC"
contains "$c: reads the database's factors" "dry run: factors from the database (read-only)" "$ERR"
unchanged "$BEFORE" "$c"
note "$c" "$RC" "$UNCHANGED"

# =============================================================================================
# 10. --summary-json
# =============================================================================================
# json_rows FILE: "table rows" lines, then "total_rows N"; exit status non-zero if unparsable.
json_rows() {
    if command -v python3 >/dev/null 2>&1 && python3 -c 'import json' 2>/dev/null; then
        python3 -c 'import json, sys
d = json.load(open(sys.argv[1]))
for t in d["tables"]:
    print("%s %d" % (t["table"], t["rows"]))
print("total_rows %d" % d["total_rows"])' "$1"
    elif command -v jq >/dev/null 2>&1; then
        jq -e -r '(.tables[] | "\(.table) \(.rows)"), "total_rows \(.total_rows)"' "$1"
    else
        tr -d ' \n' <"$1" | grep -o '{[^{}]*}' |
            sed -nE 's/.*"table":"([a-z_]+)".*/\1/p; s/.*"rows":([0-9]+).*/\1/p' | paste -d' ' - - &&
            tr -d ' \n' <"$1" | sed -nE 's/.*"total_rows":([0-9]+).*/total_rows \1/p'
    fi
}
c="10 --summary-json"
fresh c10
run --db-url "$DB" --seed 1001 --summary-json "$TMP/c10.json"
check "$c: exit 0" 0 "$RC"
rows=$(json_rows "$TMP/c10.json" 2>&1)
check "$c: the JSON parses" 0 "$?"
check "$c: rows of data_entries equal the table count" "$(count data_entries)" \
    "$(awk '$1 == "data_entries" { print $2 }' <<<"$rows")"
# The tables the run wrote, in the order written: the reference tables it filled (empty
# before it), then the seeded ones; a small run into empty entry tables writes the reports
# and modules last, with their stats.
check "$c: tables listed" "locations building_rooms ${TABLES[*]:0:5} ${TABLES[*]:7:3} ${TABLES[*]:5:2}" \
    "$(awk '$1 != "total_rows" { print $1 }' <<<"$rows" | paste -sd' ')"
sum=0
for t in locations building_rooms "${TABLES[@]:0:10}"; do
    n=$(count "$t")
    sum=$((sum + n))
    check "$c: rows of $t" "$n" "$(awk -v t="$t" '$1 == t { print $2 }' <<<"$rows")"
done
check "$c: total_rows" "$sum" "$(awk '$1 == "total_rows" { print $2 }' <<<"$rows")"
note "$c" "$RC" "no (seeded, as expected)"

fi # part signals-other

# =============================================================================================
echo "# cases tried (exit code, database unchanged afterwards):"
for line in "${CASES[@]}"; do echo "#   $line"; done
finish
