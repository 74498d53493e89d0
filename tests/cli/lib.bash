# Shared by the CLI suites (tests/cli/*.sh): check helpers and a throwaway cluster.
# Source it; it sets ROOT (repo root) and PGC (scripts/pgcluster).

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)
PGC=$ROOT/scripts/pgcluster

# The PostgreSQL programs themselves first on PATH: Debian's /usr/bin/psql and pg_config are
# wrappers (Perl, sh) that cost ~45 ms of CPU per call before the real program starts, and the
# suites call psql hundreds of times (docs/performance.md, "Test time"). Same programs, same
# version. Without pg_config (package.sh needs no server) PATH stays as it is.
if PG_BINDIR=$(pg_config --bindir 2>/dev/null) && [[ -x $PG_BINDIR/psql ]]; then
    PATH=$PG_BINDIR:$PATH
fi

passed=0
failed=0
pass() { passed=$((passed + 1)); echo "ok   - $1"; }
fail() { failed=$((failed + 1)); echo "FAIL - $1"; }
summary() { echo "$passed passed, $failed failed"; }
# A setup step failed: later checks would only repeat the same failure.
fatal() { fail "$1"; summary; exit 1; }
# Ends the suite: exit status 0 only when nothing failed.
finish() { summary; ((failed == 0)); }

# check DESCRIPTION EXPECTED ACTUAL
check() {
    if [[ $2 == "$3" ]]; then pass "$1"; else fail "$1 (expected '$2', got '$3')"; fi
}

# expect DESCRIPTION COMMAND...: pass if the command succeeds
expect() {
    local desc=$1
    shift
    if "$@"; then pass "$desc"; else fail "$desc"; fi
}

# contains DESCRIPTION NEEDLE HAYSTACK
contains() {
    if [[ $3 == *"$2"* ]]; then pass "$1"; else fail "$1 (no '$2' in: ${3:0:400})"; fi
}

# lacks DESCRIPTION NEEDLE HAYSTACK
lacks() {
    if [[ $3 != *"$2"* ]]; then pass "$1"; else fail "$1 ('$2' found in: ${3:0:400})"; fi
}

# Temp dir under /tmp, world-traversable so the `postgres` user can use it when we are root.
# Sets TMP; removes it (and stops any cluster in it) at exit.
make_tmp() {
    TMP=$(mktemp -d /tmp/seed-random-cli.XXXXXX) || fatal "mktemp"
    chmod 755 "$TMP"
    # start_cluster puts the cluster in $TMP/pg: stop it there, by its own pg_ctl.
    trap '"$PGC" stop "$TMP/pg" >/dev/null 2>&1 || true; rm -rf "$TMP"' EXIT
}

# Starts a cluster in $TMP/pg and sets URL to its database `seed`.
start_cluster() {
    "$PGC" start "$TMP/pg" 2>/dev/null || fatal "pgcluster start"
    URL=$("$PGC" url "$TMP/pg") || fatal "pgcluster url"
}

# psql helpers on $URL (or $2).
q() { psql -X -A -t -q -v ON_ERROR_STOP=1 "${2:-$URL}" -c "$1" 2>&1; }
load() { psql -X -q -v ON_ERROR_STOP=1 -1 -f "$1" "${2:-$URL}"; }

# db_url NAME: the URL of database NAME on the cluster of $URL.
db_url() { printf '%s\n' "${URL/\/seed\?//$1?}"; }

# create_db NAME [TEMPLATE]: creates database NAME, a copy of TEMPLATE (default template1), on
# the cluster of $URL; prints its URL, or psql's error (exit status 1). A copy of a database
# that holds the schema costs a fraction of a schema load. STRATEGY FILE_COPY: PostgreSQL 15's
# default (WAL_LOG) writes every page of the copy to the WAL, 2-5 times the server CPU for
# these small databases; the copy is the same.
create_db() {
    local err
    err=$(q "CREATE DATABASE $1 TEMPLATE ${2:-template1} STRATEGY FILE_COPY") || {
        printf '%s\n' "$err"
        return 1
    }
    db_url "$1"
}

# run ARGS...: runs $BIN, sets OUT (stdout), ERR (stderr) and RC (a suite may redefine it).
run() {
    "$BIN" "$@" >"$TMP/out" 2>"$TMP/err"
    RC=$?
    OUT=$(<"$TMP/out")
    ERR=$(<"$TMP/err")
}
