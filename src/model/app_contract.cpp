// The DTO contract with the application: our bundle and the field-by-field
// comparison. The per-payload check against the application's JSON Schemas
// (valijson) is in app_contract_schemas.cpp.
#include "seed/model/app_contract.hpp"

#include "seed/model/catalog.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

namespace seed::contract {
namespace {

// Bundles keep the order of their file (our fields in builder order).
using json = nlohmann::ordered_json;
using ordered_json = nlohmann::ordered_json;

bool is_meta(const std::string &key) {
  return std::find(meta_keys.begin(), meta_keys.end(), key) != meta_keys.end();
}

// --- A property as the comparison sees it ---

// Types are JSON Schema's, except that a string with "format": "date" is
// "date". An empty set means the schema does not restrict the type.
struct Shape {
  std::set<std::string> types;
  bool nullable = false;
  std::optional<std::vector<std::string>> values; // enum / const members, as text
  bool open = false; // some branch takes any value of its type: `values` do not restrict
  bool required = false;
};

std::string value_text(const json &v) {
  return v.is_string() ? v.get<std::string>() : v.dump();
}

const json *resolve_ref(const json &root, const std::string &ref) {
  // Local JSON pointers only: pydantic writes "#/$defs/Name".
  if (ref.rfind("#", 0) != 0)
    throw BundleError(fmt::format("$ref '{}' is not local to the schema", ref));
  try {
    return &root.at(json::json_pointer(ref.substr(1)));
  } catch (const json::exception &) {
    throw BundleError(fmt::format("$ref '{}' points nowhere", ref));
  }
}

void add_values(Shape &shape, const json &values) {
  std::vector<std::string> list;
  for (const auto &v : values) {
    if (v.is_null())
      shape.nullable = true;
    else
      list.push_back(value_text(v));
  }
  if (!shape.values)
    shape.values.emplace();
  shape.values->insert(shape.values->end(), list.begin(), list.end());
}

void collect(Shape &shape, const json &root, const json &node, int depth) {
  if (depth > 32)
    throw BundleError("$ref nesting deeper than 32");
  if (!node.is_object())
    return;
  if (const auto ref = node.find("$ref"); ref != node.end() && ref->is_string())
    collect(shape, root, *resolve_ref(root, ref->get<std::string>()), depth + 1);
  for (const char *combinator : {"anyOf", "oneOf", "allOf"})
    if (const auto list = node.find(combinator); list != node.end() && list->is_array())
      for (const auto &branch : *list)
        collect(shape, root, branch, depth + 1);
  if (const auto c = node.find("const"); c != node.end())
    add_values(shape, json::array({*c}));
  if (const auto e = node.find("enum"); e != node.end() && e->is_array())
    add_values(shape, *e);
  const auto type = node.find("type");
  if (type == node.end())
    return;
  const auto format = node.find("format");
  const bool date = format != node.end() && *format == "date";
  const bool listed = node.contains("enum") || node.contains("const");
  for (const auto &t : type->is_array() ? *type : json::array({*type})) {
    const auto name = t.get<std::string>();
    if (name == "null") {
      shape.nullable = true;
      continue;
    }
    shape.types.insert(name == "string" && date ? "date" : name);
    shape.open = shape.open || !listed;
  }
}

Shape shape_of(const json &root, const json &property) {
  Shape shape;
  collect(shape, root, property, 0);
  if (shape.open) // e.g. anyOf [{"enum": [...]}, {"type": "string"}]: any string passes
    shape.values.reset();
  return shape;
}

std::string join(const std::set<std::string> &items, std::string_view separator) {
  return fmt::format("{}", fmt::join(items, separator));
}

std::string type_text(const Shape &s) {
  std::string text = s.types.empty() ? "any type" : join(s.types, " or ");
  if (s.nullable)
    text += " or null";
  return text;
}

std::string describe(const Shape &s) {
  return fmt::format("{}, {}", type_text(s), s.required ? "required" : "optional");
}

std::map<std::string, Shape> shapes_of(const json &schema, const std::string &dto) {
  if (!schema.is_object() || !schema.contains("properties") || !schema["properties"].is_object())
    throw BundleError(fmt::format("schema of {} has no \"properties\" object", dto));
  std::set<std::string> required;
  if (const auto r = schema.find("required"); r != schema.end() && r->is_array())
    for (const auto &key : *r)
      required.insert(key.get<std::string>());
  std::map<std::string, Shape> shapes;
  for (const auto &[key, property] : schema["properties"].items()) {
    Shape shape = shape_of(schema, property);
    shape.required = required.count(key) > 0;
    shapes.emplace(key, std::move(shape));
  }
  return shapes;
}

const json &member(const json &bundle, const char *key, const char *side) {
  if (!bundle.is_object() || !bundle.contains(key) || !bundle[key].is_object())
    throw BundleError(fmt::format("the {} bundle has no \"{}\" object", side, key));
  return bundle[key];
}

void check_format(const json &bundle, const char *side) {
  if (!bundle.is_object() || bundle.value("format", "") != bundle_format)
    throw BundleError(fmt::format("the {} bundle's \"format\" is not \"{}\"", side, bundle_format));
}

// Differences of one DTO present on both sides, in our field order.
void compare_dto(const std::string &dto, const json &our_schema, const json &app_schema,
                 std::vector<Finding> &failures, std::vector<Finding> &warnings) {
  const auto ours = shapes_of(our_schema, dto);
  const auto app = shapes_of(app_schema, dto);
  auto fail = [&](const std::string &field, std::string o, std::string a) {
    failures.push_back({dto + "." + field, std::move(o), std::move(a)});
  };
  for (const auto &[key, _] : our_schema["properties"].items()) {
    const Shape &o = ours.at(key);
    const auto found = app.find(key);
    if (found == app.end()) {
      fail(key, "writes it (" + describe(o) + ")", "not declared");
      continue;
    }
    const Shape &a = found->second;
    const bool type_ok = a.types.empty() || std::includes(a.types.begin(), a.types.end(),
                                                          o.types.begin(), o.types.end());
    if (!type_ok)
      fail(key, "type " + join(o.types, " or "), "type " + join(a.types, " or "));
    if (o.required != a.required)
      fail(key, o.required ? "required" : "optional (not always written)",
           a.required ? "required" : "optional");
    if (o.nullable && !a.nullable)
      fail(key, "may write null", "rejects null (" + type_text(a) + ")");
    if (a.values && o.values) {
      std::vector<std::string> lacking;
      for (const auto &v : *o.values)
        if (std::find(a.values->begin(), a.values->end(), v) == a.values->end())
          lacking.push_back(v);
      if (!lacking.empty())
        fail(key, fmt::format("draws {}", fmt::join(lacking, ", ")),
             fmt::format("enum [{}] lacks {}", fmt::join(*a.values, ", "),
                         lacking.size() == 1 ? "it" : "them"));
    } else if (a.values) {
      warnings.push_back({dto + "." + key, "free " + type_text(o) + " (checked per payload)",
                          fmt::format("enum [{}]", fmt::join(*a.values, ", ")), true});
    }
  }
  for (const auto &[key, a] : app) {
    if (ours.count(key) || is_meta(key))
      continue;
    if (a.required)
      fail(key, "does not write it", "requires it (" + type_text(a) + ")");
    else
      warnings.push_back({dto + "." + key, "does not write it", "optional " + type_text(a), true});
  }
}

} // namespace

std::string Finding::line() const {
  return fmt::format("{}: ours {}; app {}", where, ours, app);
}

ordered_json our_bundle() {
  ordered_json bundle;
  bundle["format"] = bundle_format;
  bundle["source"] = "seed-random";
  ordered_json types = ordered_json::object();
  for (const auto &type : catalog::entry_types())
    types[std::to_string(type.id)] = dto::dto_name(type.dto);
  bundle["entry_types"] = std::move(types);
  ordered_json schemas = ordered_json::object();
  for (std::size_t k = 0; k < dto::dto_kind_count; ++k) {
    const auto kind = static_cast<dto::DtoKind>(k);
    schemas[std::string(dto::dto_name(kind))] = dto::json_schema(kind);
  }
  bundle["schemas"] = std::move(schemas);
  return bundle;
}

std::vector<Finding> compare(const json &ours, const json &app) {
  check_format(app, "application's");
  const json &our_types = member(ours, "entry_types", "our");
  const json &app_types = member(app, "entry_types", "application's");
  const json &our_schemas = member(ours, "schemas", "our");
  const json &app_schemas = member(app, "schemas", "application's");
  std::vector<Finding> failures, warnings;

  for (const auto &type : catalog::entry_types()) {
    const auto id = std::to_string(type.id);
    const auto where = fmt::format("entry type {} ({})", type.name, type.id);
    const auto ours_dto = our_types.at(id).get<std::string>();
    const auto found = app_types.find(id);
    if (found == app_types.end())
      failures.push_back({where, ours_dto, "not mapped"});
    else if (!found->is_string() || found->get<std::string>() != ours_dto)
      failures.push_back({where, ours_dto, value_text(*found)});
  }
  for (const auto &[id, dto] : app_types.items())
    if (!our_types.contains(id))
      warnings.push_back(
          {"entry type " + id, "never writes it", "maps it to " + value_text(dto), true});

  for (const auto &[dto, schema] : our_schemas.items()) {
    const auto found = app_schemas.find(dto);
    if (found == app_schemas.end()) {
      failures.push_back({dto, "writes it", "no schema of that class"});
      continue;
    }
    compare_dto(dto, schema, *found, failures, warnings);
  }
  failures.insert(failures.end(), warnings.begin(), warnings.end());
  return failures;
}

namespace {
std::string drift_message(const std::vector<Finding> &failures) {
  std::string text = fmt::format(
      "the application's DTOs differ from what seed-random writes ({} finding{}):", failures.size(),
      failures.size() == 1 ? "" : "s");
  for (const auto &f : failures)
    text += "\n  " + f.line();
  return text;
}
} // namespace

DtoContractDrift::DtoContractDrift(std::vector<Finding> failures)
    : std::runtime_error(drift_message(failures)), failures_(std::move(failures)) {}

AppSchemas load(const std::string &path, std::vector<Finding> &warnings) {
  std::ifstream in(path);
  if (!in)
    throw BundleError(fmt::format("cannot read {}", path));
  json app;
  try {
    in >> app;
  } catch (const json::exception &e) {
    throw BundleError(fmt::format("{} is not JSON: {}", path, e.what()));
  }
  try {
    std::vector<Finding> failures;
    for (auto &f : compare(our_bundle(), app))
      (f.warning ? warnings : failures).push_back(std::move(f));
    if (!failures.empty())
      throw DtoContractDrift(std::move(failures));
    return AppSchemas(app);
  } catch (const json::exception &e) {
    // A value of the wrong JSON type where the bundle format wants another.
    throw BundleError(fmt::format("{} is not a bundle of DTO schemas: {}", path, e.what()));
  }
}

} // namespace seed::contract
