// The DTO contract with the application: our bundle, the field-by-field
// comparison, and the per-payload check against the application's JSON
// Schemas with valijson (Debian libvalijson-dev, nlohmann_json adapter).
#include "seed/model/app_contract.hpp"

#include "seed/model/catalog.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#include <algorithm>
#include <fstream>
#include <map>
#include <mutex>
#include <set>
#include <shared_mutex>
#include <sstream>
#include <unordered_set>

namespace seed::contract {
namespace {

// Bundles keep the order of their file (our fields in builder order); only
// the documents handed to valijson are plain nlohmann::json.
using json = nlohmann::ordered_json;
using ordered_json = nlohmann::ordered_json;
using plain_json = nlohmann::json;

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

// --- valijson ---

// The application's schema of one DTO as a payload is checked against it:
// the meta keys are supplied beside the payload (§3.0), so they are neither
// required of it nor looked up in it (a payload never holds them).
plain_json payload_schema(json schema) {
  if (auto p = schema.find("properties"); p != schema.end() && p->is_object())
    for (const char *key : meta_keys)
      p->erase(key);
  if (auto r = schema.find("required"); r != schema.end() && r->is_array()) {
    json kept = json::array();
    for (const auto &key : *r)
      if (!is_meta(key.get<std::string>()))
        kept.push_back(key);
    *r = std::move(kept);
  }
  return plain_json(schema);
}

// JSON Schema 2020-12 keywords valijson 1.0 (draft 7) would silently ignore.
// pydantic writes none of them for these DTOs; a schema that has one is
// refused rather than checked half-way.
constexpr std::array<const char *, 9> unsupported_keywords{
    "prefixItems",       "unevaluatedProperties", "unevaluatedItems",
    "dependentRequired", "dependentSchemas",      "$dynamicRef",
    "$dynamicAnchor",    "minContains",           "maxContains"};

void refuse_unsupported(const json &node, const std::string &dto) {
  if (node.is_object()) {
    for (const char *keyword : unsupported_keywords)
      if (node.contains(keyword))
        throw BundleError(fmt::format("schema of {} uses \"{}\" (JSON Schema 2020-12), which "
                                      "valijson does not implement",
                                      dto, keyword));
    for (const auto &[key, child] : node.items())
      refuse_unsupported(child, dto);
  } else if (node.is_array()) {
    for (const auto &child : node)
      refuse_unsupported(child, dto);
  }
}

// valijson checks "format" with a std::regex it builds on every call (about
// 40 µs each, most of the check's cost). A property whose only string branch
// carries a format (pydantic's `date`, `date | None`) is therefore checked in
// two steps: the schema without that format, then the value against
// {"type": "string", "format": F} by valijson, remembered per thread once it
// passed. Returns the format taken out of `property`, or "".
std::string take_format(plain_json &property) {
  auto type_is = [](const plain_json &node, const char *type) {
    const auto t = node.find("type");
    return t != node.end() && t->is_string() && *t == type;
  };
  auto is_null_branch = [&](const plain_json &b) {
    return b.is_object() && b.size() == 1 && type_is(b, "null");
  };
  if (!property.is_object())
    return "";
  if (property.contains("format") && type_is(property, "string")) {
    auto format = property["format"].get<std::string>();
    property.erase("format");
    return format;
  }
  const auto any_of = property.find("anyOf");
  if (any_of == property.end() || !any_of->is_array())
    return "";
  plain_json *with_format = nullptr;
  for (auto &branch : *any_of) {
    if (is_null_branch(branch))
      continue;
    if (with_format || !branch.is_object() || !branch.contains("format") ||
        !type_is(branch, "string"))
      return ""; // another branch might accept the string: keep the format where it is
    with_format = &branch;
  }
  if (!with_format)
    return "";
  auto format = (*with_format)["format"].get<std::string>();
  with_format->erase("format");
  return format;
}

// Keywords that constrain one JSON type only and let every other type pass.
constexpr std::array<const char *, 10> single_type_keywords{
    "minimum",    "maximum",    "exclusiveMinimum", "exclusiveMaximum",
    "multipleOf", "minLength",  "maxLength",        "pattern",
    "title",      "description"};

// pydantic writes `X | None` as {"anyOf": [{"type": X, ...}, {"type": "null"}]}. When the
// X branch holds only its type and keywords that apply to X alone, that is the same
// schema as {"type": [X, "null"], ...}, which valijson checks without the sub-visitors
// anyOf costs (about a third of the check). Anything else is left as written.
void flatten_optional(plain_json &property) {
  const auto any_of = property.find("anyOf");
  if (any_of == property.end() || !any_of->is_array() || any_of->size() != 2)
    return;
  const plain_json null_branch = {{"type", "null"}};
  const auto &a = (*any_of)[0];
  const auto &b = (*any_of)[1];
  const plain_json &x = a == null_branch ? b : a;
  if (!(a == null_branch || b == null_branch) || !x.is_object() || !x.contains("type") ||
      !x["type"].is_string() || x["type"] == "null")
    return;
  for (const auto &[key, _] : x.items())
    if (key != "type" &&
        std::find_if(single_type_keywords.begin(), single_type_keywords.end(),
                     [&](const char *k) { return key == k; }) == single_type_keywords.end())
      return;
  plain_json flat = x;
  flat["type"] = plain_json::array({x["type"], "null"});
  property.erase("anyOf");
  for (auto &[key, value] : flat.items())
    property[key] = value;
}

// "[origin_iata]" -> "origin_iata"
std::string property_of(const std::string &context) {
  if (context.size() >= 2 && context.front() == '[' && context.back() == ']')
    return context.substr(1, context.size() - 2);
  return context;
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

namespace {

// The reasons valijson gives for `target` against `schema`: the field of the
// first one and everything it said about that field.
dto::FieldError reasons(const valijson::Subschema &schema, const plain_json &data,
                        std::string field = "") {
  const valijson::adapters::NlohmannJsonAdapter target(field.empty() ? data : data.at(field));
  valijson::Validator validator;
  valijson::ValidationResults results;
  validator.validate(schema, target, &results);
  const bool whole_payload = field.empty();
  std::string reason;
  valijson::ValidationResults::Error error;
  while (results.popError(error)) {
    if (whole_payload) {
      const std::string at = error.context.size() > 1 ? property_of(error.context[1]) : "";
      if (field.empty() && reason.empty())
        field = at;
      if (at != field)
        continue;
    }
    if (reason.find(error.description) == std::string::npos)
      reason += (reason.empty() ? "" : " / ") + error.description;
  }
  std::string value;
  if (const auto v = data.find(field); v != data.end())
    value = v->dump(-1, ' ', false, plain_json::error_handler_t::replace);
  return dto::FieldError{field.empty() ? "(payload)" : field, value, reason};
}

} // namespace

struct AppSchemas::Compiled {
  struct FormatField {
    std::string field;  // top-level property
    std::string format; // e.g. "date"
    plain_json document;
    valijson::Schema schema;
  };
  std::array<plain_json, dto::dto_kind_count> documents;
  std::array<valijson::Schema, dto::dto_kind_count> schemas;
  std::array<std::vector<std::unique_ptr<FormatField>>, dto::dto_kind_count> formats;
  // (format, value) pairs valijson has passed, shared by the encoder threads:
  // std::async may run every chunk on a new thread, so a per-thread memo
  // would start empty each time.
  mutable std::shared_mutex passed_mutex;
  mutable std::unordered_set<std::string> passed;
};

AppSchemas::AppSchemas(const json &app) : compiled_(std::make_unique<Compiled>()) {
  const json &schemas = member(app, "schemas", "application's");
  for (std::size_t k = 0; k < dto::dto_kind_count; ++k) {
    const auto name = std::string(dto::dto_name(static_cast<dto::DtoKind>(k)));
    if (!schemas.contains(name))
      throw BundleError(fmt::format("the application's bundle has no schema of {}", name));
    refuse_unsupported(schemas[name], name);
    auto &document = compiled_->documents[k] = payload_schema(schemas[name]);
    try {
      if (auto properties = document.find("properties");
          properties != document.end() && properties->is_object())
        for (auto &[field, property] : properties->items()) {
          auto format = take_format(property);
          flatten_optional(property);
          if (format.empty())
            continue;
          {
            auto f = std::make_unique<Compiled::FormatField>();
            f->field = field;
            f->format = format;
            f->document = {{"type", "string"}, {"format", format}};
            valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
            parser.populateSchema(valijson::adapters::NlohmannJsonAdapter(f->document), f->schema);
            compiled_->formats[k].push_back(std::move(f));
          }
        }
      valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
      valijson::adapters::NlohmannJsonAdapter adapter(document);
      parser.populateSchema(adapter, compiled_->schemas[k]);
    } catch (const std::exception &e) {
      throw BundleError(fmt::format("schema of {}: {}", name, e.what()));
    }
  }
}

AppSchemas::~AppSchemas() = default;
AppSchemas::AppSchemas(AppSchemas &&) noexcept = default;
AppSchemas &AppSchemas::operator=(AppSchemas &&) noexcept = default;

std::optional<dto::FieldError> AppSchemas::check(dto::DtoKind kind,
                                                 const dto::Payload &payload) const {
  const auto index = static_cast<std::size_t>(kind);
  const plain_json data = dto::to_json_value(payload);
  valijson::Validator validator; // per call: it caches regexes, so it is not shared
  if (!validator.validate(compiled_->schemas[index], valijson::adapters::NlohmannJsonAdapter(data),
                          nullptr))
    return reasons(compiled_->schemas[index], data);

  // Formats taken out of the schema: valijson decides, each distinct value once.
  auto &c = *compiled_;
  for (const auto &f : c.formats[index]) {
    const auto v = data.find(f->field);
    if (v == data.end() || !v->is_string())
      continue; // null or absent: the schema above has judged it
    std::string key = f->format + '\n' + v->get_ref<const std::string &>();
    {
      std::shared_lock lock(c.passed_mutex);
      if (c.passed.count(key))
        continue;
    }
    if (!validator.validate(f->schema, valijson::adapters::NlohmannJsonAdapter(*v), nullptr))
      return reasons(f->schema, data, f->field);
    std::unique_lock lock(c.passed_mutex);
    if (c.passed.size() >= 1'000'000) // bounds memory for an endless variety of values
      c.passed.clear();
    c.passed.insert(std::move(key));
  }
  return std::nullopt;
}

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
