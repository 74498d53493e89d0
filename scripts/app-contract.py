#!/usr/bin/env python3
"""The DTO contract between seed-random and the co2-calculator backend.

Run it inside the backend's own environment (it imports the application):

    cd backend && uv run python <seed-random>/scripts/app-contract.py export > dto-schemas.json
    seed-random --app-dto-schemas dto-schemas.json ...
    cd backend && uv run python <seed-random>/scripts/app-contract.py validate OUTPUT_DIR

export    writes the bundle seed-random --app-dto-schemas reads: every create-DTO's
          model_json_schema(), keyed by class name, and the data entry type id -> class map.
validate  reads a `seed-random --output-dir` folder and validates every data_entries payload
          with the application's DTO classes the way the create endpoint does (payloads.md
          §3.0: the payload plus the meta keys data_entry_type_id and carbon_report_module_id),
          and every users.roles_raw role with the application's RoleName. Exit 1 on any failure.

Standard library only, plus the application (and its pydantic). Exit 2: usage or import error.
"""
import argparse
import importlib
import json
import os
import sys
from collections import Counter

# --- The one table of what is imported (payloads.md §3 "Source:" lines, §2, §1.7) ---

# Create-DTO class -> module (backend/app/... as a Python module path).
DTO_MODULES = {
    "HeadCountCreate": "app.modules.headcount.schemas",
    "HeadCountStudentCreate": "app.modules.headcount.schemas",
    "ProfessionalTravelPlaneHandlerCreate": "app.modules.professional_travel.schemas",
    "ProfessionalTravelTrainHandlerCreate": "app.modules.professional_travel.schemas",
    "EquipmentHandlerCreate": "app.modules.equipment.schemas",
    "ExternalCloudHandlerCreate": "app.modules.external_cloud_and_ai.schemas",
    "ExternalAIHandlerCreate": "app.modules.external_cloud_and_ai.schemas",
    "PurchaseHandlerCreate": "app.modules.purchase.schemas",
    "PurchaseAdditionalHandlerCreate": "app.modules.purchase.schemas",
    "BuildingRoomHandlerCreate": "app.modules.buildings.schemas",
    "EnergyCombustionHandlerCreate": "app.modules.buildings.schemas",
    "BuildingEmbodiedEnergyHandlerCreate": "app.modules.buildings.schemas",
    "ProcessEmissionsHandlerCreate": "app.modules.process_emissions.schemas",
    "ResearchFacilitiesCommonHandlerCreate": "app.modules.research_facilities.common_schemas",
    "ResearchFacilitiesAnimalHandlerCreate": "app.modules.research_facilities.animals_schemas",
}

# Entry type id -> (name, create-DTO) as payloads.md §2 states it. The application's own map
# (APP_TYPE_MAP) is used when it can be imported, so that a change there is seen.
ENTRY_TYPES = {
    1: ("member", "HeadCountCreate"),
    2: ("student", "HeadCountStudentCreate"),
    10: ("scientific", "EquipmentHandlerCreate"),
    11: ("it", "EquipmentHandlerCreate"),
    12: ("other", "EquipmentHandlerCreate"),
    20: ("plane", "ProfessionalTravelPlaneHandlerCreate"),
    21: ("train", "ProfessionalTravelTrainHandlerCreate"),
    30: ("building", "BuildingRoomHandlerCreate"),
    31: ("energy_combustion", "EnergyCombustionHandlerCreate"),
    32: ("building_embodied_energy", "BuildingEmbodiedEnergyHandlerCreate"),
    40: ("external_clouds", "ExternalCloudHandlerCreate"),
    41: ("external_ai", "ExternalAIHandlerCreate"),
    50: ("process_emissions", "ProcessEmissionsHandlerCreate"),
    60: ("scientific_equipment", "PurchaseHandlerCreate"),
    61: ("it_equipment", "PurchaseHandlerCreate"),
    62: ("consumable_accessories", "PurchaseHandlerCreate"),
    63: ("biological_chemical_gaseous_product", "PurchaseHandlerCreate"),
    64: ("services", "PurchaseHandlerCreate"),
    65: ("vehicles", "PurchaseHandlerCreate"),
    66: ("other_purchases", "PurchaseHandlerCreate"),
    67: ("additional_purchases", "PurchaseAdditionalHandlerCreate"),
    70: ("research_facilities", "ResearchFacilitiesCommonHandlerCreate"),
    71: ("mice_and_fish_animal_facilities", "ResearchFacilitiesAnimalHandlerCreate"),
}
APP_TYPE_MAP = ("app.seed.random_generator.seed_data_entries", "DATA_ENTRY_TYPE_TO_DTO")
ROLE_MODEL = ("app.models.user", "RoleName")

# Must equal seed::contract::bundle_format (include/seed/model/app_contract.hpp).
BUNDLE_FORMAT = "co2-calculator create-dto schemas v1"
MAX_FAILURES_SHOWN = 20


class ContractError(Exception):
    """A clear one-line error (exit 2)."""


def import_attr(module_path, name):
    try:
        module = importlib.import_module(module_path)
    except Exception as e:  # any import failure of the application is reported the same way
        raise ContractError(f"cannot import module {module_path} (for {name}): "
                            f"{type(e).__name__}: {e}") from e
    try:
        return getattr(module, name)
    except AttributeError:
        raise ContractError(f"module {module_path} has no {name}") from None


def dto_classes():
    return {name: import_attr(module, name) for name, module in DTO_MODULES.items()}


def entry_type_map():
    """Entry type id -> class name: the application's map, else payloads.md §2."""
    module_path, name = APP_TYPE_MAP
    try:
        app_map = getattr(importlib.import_module(module_path), name)
    except Exception as e:
        print(f"app-contract: {module_path}.{name} not importable ({type(e).__name__}: {e}); "
              f"using the map of payloads.md §2", file=sys.stderr)
        return {str(i): dto for i, (_, dto) in ENTRY_TYPES.items()}
    return {str(int(k)): v.__name__ for k, v in app_map.items()}


def export(_args):
    classes = dto_classes()
    bundle = {
        "format": BUNDLE_FORMAT,
        "source": "application",
        "entry_types": entry_type_map(),
        "schemas": {name: cls.model_json_schema() for name, cls in classes.items()},
    }
    json.dump(bundle, sys.stdout, indent=2)
    sys.stdout.write("\n")
    return 0


# --- COPY text format (PostgreSQL), as seed-random --output-dir writes it ---

_ESCAPES = {"b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v", "\\": "\\"}


def copy_field(text):
    if text == "\\N":
        return None
    if "\\" not in text:
        return text
    out, i = [], 0
    while i < len(text):
        c = text[i]
        if c != "\\" or i + 1 == len(text):
            out.append(c)
            i += 1
            continue
        n = text[i + 1]
        if n in _ESCAPES:
            out.append(_ESCAPES[n])
            i += 2
        elif n in "01234567":
            j = i + 1
            while j < len(text) and j < i + 4 and text[j] in "01234567":
                j += 1
            out.append(chr(int(text[i + 1:j], 8)))
            i = j
        elif n == "x":
            j = i + 2
            while j < len(text) and j < i + 4 and text[j] in "0123456789abcdefABCDEF":
                j += 1
            out.append(chr(int(text[i + 2:j], 16)))
            i = j
        else:
            out.append(n)
            i += 2
    return "".join(out)


def copy_columns(directory, table):
    """The column list of `table` in the folder's load.sql."""
    path = os.path.join(directory, "load.sql")
    try:
        with open(path, encoding="utf-8") as f:
            for line in f:
                marker = f"copy {table} ("
                at = line.lower().find(marker)
                if at >= 0:
                    inside = line[at + len(marker):line.index(")", at)]
                    return [c.strip() for c in inside.split(",")]
    except OSError as e:
        raise ContractError(f"cannot read {path}: {e}") from e
    raise ContractError(f"{path} has no COPY of {table}")


def copy_rows(directory, table):
    columns = copy_columns(directory, table)
    path = os.path.join(directory, f"{table}.copy")
    try:
        with open(path, encoding="utf-8") as f:
            for line in f:
                if line == "\\.\n":
                    break
                yield dict(zip(columns, map(copy_field, line.rstrip("\n").split("\t"))))
    except OSError as e:
        raise ContractError(f"cannot read {path}: {e}") from e


def short(value, limit=80):
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= limit else text[:limit - 3] + "..."


def validate(args):
    from pydantic import ValidationError  # the application's pydantic

    classes = dto_classes()
    type_map = entry_type_map()
    passed, seen, failures = Counter(), Counter(), []

    def fail(kind, field, value, reason):
        failures.append(f"{kind}/{field}/{value}/{reason}")

    for row in copy_rows(args.dir, "data_entries"):
        type_id = int(row["data_entry_type_id"])
        kind = ENTRY_TYPES.get(type_id, (str(type_id), None))[0]
        seen[kind] += 1
        dto = type_map.get(str(type_id))
        if dto not in classes:
            fail(kind, "data_entry_type_id", type_id, f"no create-DTO for entry type {type_id}")
            continue
        data = json.loads(row["data"])
        # The create endpoint's input: the payload plus the two meta keys (§3.0).
        body = dict(data, data_entry_type_id=type_id,
                    carbon_report_module_id=int(row["carbon_report_module_id"]))
        try:
            classes[dto].model_validate(body)
            passed[kind] += 1
        except ValidationError as e:
            for error in e.errors():
                field = ".".join(str(p) for p in error["loc"]) or "(payload)"
                top = error["loc"][0] if error["loc"] else None
                value = short(data[top]) if top in data else "(missing)"
                fail(kind, field, value, error["msg"])
        except Exception as e:  # a validator that crashes instead of rejecting (payloads.md §3.0)
            fail(kind, "(payload)", short(data), f"{type(e).__name__}: {e}")

    users_checked = 0
    role_model = None
    try:
        role_model = import_attr(*ROLE_MODEL)
    except ContractError as e:
        print(f"app-contract: roles not checked: {e}", file=sys.stderr)
    if role_model is not None and os.path.exists(os.path.join(args.dir, "users.copy")):
        for row in copy_rows(args.dir, "users"):
            users_checked += 1
            for grant in json.loads(row["roles_raw"]) or []:
                try:
                    role_model(grant.get("role"))
                except ValueError as e:
                    fail("users", "roles_raw.role", short(grant.get("role")), str(e))

    for kind in sorted(seen, key=lambda k: -seen[k]):
        print(f"{kind}: {passed[kind]}/{seen[kind]} passed")
    if role_model is not None:
        print(f"users: {users_checked} checked against {ROLE_MODEL[0]}.{ROLE_MODEL[1]}")
    if failures:
        print(f"{len(failures)} failure(s); type/field/value/reason:")
        for line in failures[:MAX_FAILURES_SHOWN]:
            print(f"  {line}")
        if len(failures) > MAX_FAILURES_SHOWN:
            print(f"  ... and {len(failures) - MAX_FAILURES_SHOWN} more")
        return 1
    print(f"all {sum(seen.values())} payloads valid")
    return 0


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--backend", default=".",
                        help="the folder holding the application's `app` package [default: .]")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("export", help="print the bundle of the application's create-DTO schemas")
    v = sub.add_parser("validate", help="validate a seed-random --output-dir folder")
    v.add_argument("dir")
    args = parser.parse_args(argv)
    sys.path.insert(0, os.path.abspath(args.backend))
    try:
        return export(args) if args.command == "export" else validate(args)
    except ContractError as e:
        print(f"app-contract: {e}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
