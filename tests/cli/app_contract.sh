#!/usr/bin/env bash
# CLI suite: the DTO contract with the application (issue 10), against the fake backend of
# tests/fixtures/fake_backend (pydantic 2 models transcribed from payloads.md):
# scripts/app-contract.py export/validate, seed-random dto-schemas and --app-dto-schemas,
# and each kind of drift (FAKE_APP_MUTATION) failing with the right line.
#
#   bash tests/cli/app_contract.sh PATH/TO/seed-random
set -uo pipefail
# shellcheck source=lib.bash
source "$(dirname "${BASH_SOURCE[0]}")/lib.bash"

BIN=${1:?usage: app_contract.sh PATH/TO/seed-random}
[[ -x $BIN ]] || fatal "not executable: $BIN"
unset DATABASE_URL DB_URL SEED_APP_DTO_SCHEMAS FAKE_APP_MUTATION
export PYTHONDONTWRITEBYTECODE=1    # no __pycache__ in the source tree
make_tmp
SCRIPT=$ROOT/scripts/app-contract.py
FAKE=$ROOT/tests/fixtures/fake_backend
FIXTURE=$ROOT/tests/fixtures/app-dto-schemas.json
python3 -c 'import pydantic, sys; sys.exit(pydantic.VERSION[0] != "2")' ||
    fatal "python3 with pydantic 2 is needed (Debian: python3-pydantic is 1.x; pip install pydantic>=2)"

# contract [MUTATION] ARGS...: app-contract.py against the (mutated) fake; sets OUT, ERR, RC.
contract() {
    local mutation=$1
    shift
    FAKE_APP_MUTATION=$mutation python3 "$SCRIPT" --backend "$FAKE" "$@" >"$TMP/out" 2>"$TMP/err"
    RC=$?
    OUT=$(<"$TMP/out")
    ERR=$(<"$TMP/err")
}

# --- export, and our own contract -----------------------------------------------------------
contract "" export
check "export from the fake backend exits 0" 0 "$RC"
printf '%s\n' "$OUT" >"$TMP/app.json"
expect "the committed contract fixture is the fake backend's export" cmp -s "$TMP/app.json" "$FIXTURE"
contains "export lists the 15 DTOs" '"ResearchFacilitiesAnimalHandlerCreate": {' "$OUT"

run dto-schemas
check "dto-schemas exits 0" 0 "$RC"
expect "dto-schemas prints a bundle of 15 schemas and 23 entry types" python3 -c '
import json, sys
b = json.loads(sys.argv[1])
sys.exit(not (b["format"] == "co2-calculator create-dto schemas v1" and len(b["schemas"]) == 15
              and len(b["entry_types"]) == 23))' "$OUT"

# --- a run that passes -----------------------------------------------------------------------
run --app-dto-schemas "$TMP/app.json" --seed 1 --output-dir "$TMP/run"
check "--app-dto-schemas with the fake's bundle: exit 0" 0 "$RC"
contains "it says the contract fits" "fits what seed-random writes" "$ERR"
SEED_APP_DTO_SCHEMAS=$TMP/app.json run --dry-run --seed 1
check "SEED_APP_DTO_SCHEMAS is read: exit 0" 0 "$RC"
contains "... and the bundle was used" "fits what seed-random writes" "$ERR"

contract "" validate "$TMP/run"
check "validate passes on a default run's output" 0 "$RC"
contains "validate counts per entry type" "member: " "$OUT"
contains "validate checks the users' roles" "users: " "$OUT"
contains "validate's closing line" "payloads valid" "$OUT"

# --- each kind of drift: exit 3, one line naming DTO.field, nothing written -------------------
drift() { # drift MUTATION EXPECTED_LINE
    contract "$1" export
    [[ $RC == 0 ]] || { fail "export with FAKE_APP_MUTATION=$1 (rc $RC: $ERR)"; return; }
    printf '%s\n' "$OUT" >"$TMP/$1.json"
    run --app-dto-schemas "$TMP/$1.json" --seed 1 --output-dir "$TMP/drift-$1"
    check "drift '$1': exit 3" 3 "$RC"
    contains "drift '$1': names it" "error: DTO contract: $2" "$ERR"
    expect "drift '$1': nothing written" test ! -e "$TMP/drift-$1"
}
drift rename "ProfessionalTravelPlaneHandlerCreate.origin_iata: ours writes it (string, required); app not declared"
drift required "ExternalCloudHandlerCreate.region: ours does not write it; app requires it (string)"
drift enum "BuildingRoomHandlerCreate.room_type: ours draws archives; app enum [office, miscellaneous, laboratories, libraries, auditoriums] lacks it"
drift type "EnergyCombustionHandlerCreate.quantity: ours type number; app type integer"
drift optional "HeadCountCreate.note: ours optional (not always written); app required"
drift class "entry type plane (20): ours ProfessionalTravelPlaneHandlerCreate; app ProfessionalTravelTrainHandlerCreate"

# An extra optional field is a warning, not a failure.
contract extra export
printf '%s\n' "$OUT" >"$TMP/extra.json"
run --app-dto-schemas "$TMP/extra.json" --seed 1 --dry-run
check "an extra optional app field: exit 0" 0 "$RC"
contains "... with a warning" "warning: DTO contract: HeadCountCreate.office: ours does not write it; app optional string or null" "$ERR"

# A rule only the per-payload check sees: exit 1, entry type, field, value, reason; rolled back.
contract bound export
printf '%s\n' "$OUT" >"$TMP/bound.json"
run --app-dto-schemas "$TMP/bound.json" --seed 1 --dry-run
check "a payload the app's schema rejects: exit 1" 1 "$RC"
contains "... naming entry type, DTO, field and reason" "entry type external_clouds (40): the application's schema of ExternalCloudHandlerCreate rejects spent_amount=" "$ERR"
contains "... and the schema's reason" "less than or equal to 100" "$ERR"

# ... and against a database: rolled back, nothing committed; with the fitting bundle, committed.
start_cluster
load "$ROOT/sql/schema.sql" >/dev/null || fatal "load sql/schema.sql"
run --db-url "$URL" --app-dto-schemas "$TMP/bound.json" --seed 1 --sample-factors
check "database run, payload rejected by the app's schema: exit 1" 1 "$RC"
contains "... rolled back" "rolled back, nothing was committed" "$ERR"
check "... no data entries, no units committed" "0 0" "$(q "SELECT (SELECT count(*) FROM data_entries) || ' ' || (SELECT count(*) FROM units)")"
run --db-url "$URL" --app-dto-schemas "$TMP/rename.json" --seed 1 --sample-factors
check "database run, DTO drift: exit 3" 3 "$RC"
run --db-url "$URL" --app-dto-schemas "$TMP/app.json" --seed 1 --sample-factors
check "database run with the fitting bundle: exit 0" 0 "$RC"
check "... its entries committed" "$(wc -l <"$TMP/run/data_entries.copy")" "$(q "SELECT count(*) FROM data_entries")"

# --- validate fails naming type/field/value ----------------------------------------------------
validate_fails() { # validate_fails MUTATION EXPECTED
    contract "$1" validate "$TMP/run"
    check "validate against the '$1' fake: exit 1" 1 "$RC"
    contains "validate against the '$1' fake: type/field/value/reason" "$2" "$OUT"
}
validate_fails rename "  plane/origin_airport_iata/(missing)/Field required"
validate_fails required "  external_clouds/region/(missing)/Field required"
validate_fails enum '  building/room_type/"archives"/Input should be'
validate_fails type "  energy_combustion/quantity/"
validate_fails bound "  external_clouds/spent_amount/"
validate_fails role '  users/roles_raw.role/"calco2.backoffice.admin"/'
contract rename validate "$TMP/run"
contains "validate counts the failing type" "plane: 0/" "$OUT"

# --- docs/ci.md: the workflow parses and has what the recipe needs --------------------------
expect "docs/ci.md's workflow is valid YAML with the required keys and steps" python3 - "$ROOT/docs/ci.md" <<'PY'
import re, sys
try:
    import yaml
except ImportError:
    sys.exit("PyYAML is needed to check docs/ci.md (pip install pyyaml)")
text = open(sys.argv[1], encoding="utf-8").read()
blocks = re.findall(r"```yaml\n(.*?)```", text, re.S)
assert len(blocks) == 1, f"expected one yaml block, found {len(blocks)}"
wf = yaml.safe_load(blocks[0])
on = wf.get("on", wf.get(True))  # YAML 1.1 reads a bare `on` key as true
assert wf["name"] and on, "name and on"
(job,) = wf["jobs"].values()
assert job["runs-on"] and job["container"] == "debian:12", "runs-on, container"
assert job["services"]["postgres"]["image"] == "postgres:15", "postgres:15 service"
steps = job["steps"]
assert all(("run" in s) != ("uses" in s) and s.get("name") for s in steps), "each step: name, run xor uses"
runs = "\n".join(s.get("run", "") for s in steps)
for needle in ["make -C seed-random build", "alembic upgrade head", "app-contract.py export",
               "--app-dto-schemas dto-schemas.json --seed 1", "--output-dir seed-out",
               "app-contract.py validate ../seed-out"]:
    assert needle in runs, f"no step runs {needle!r}"
assert any(s.get("uses", "").startswith("actions/checkout@") for s in steps), "checkout"
PY

# --- errors -----------------------------------------------------------------------------------
echo '{"format": "co2-calculator create-dto schemas v1"' >"$TMP/broken.json"
run --app-dto-schemas "$TMP/broken.json" --dry-run
check "a bundle that is not JSON: exit 2" 2 "$RC"
contains "... named" "--app-dto-schemas: $TMP/broken.json is not JSON" "$ERR"
run --app-dto-schemas "$TMP/none.json" --dry-run
check "a missing bundle: exit 2" 2 "$RC"
mkdir -p "$TMP/empty"
python3 "$SCRIPT" --backend "$TMP/empty" export >"$TMP/out" 2>"$TMP/err"
check "export without the application: exit 2" 2 "$?"
contains "... naming the module path" "cannot import module app.modules.headcount.schemas (for HeadCountCreate)" "$(<"$TMP/err")"

finish
