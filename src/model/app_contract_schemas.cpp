// The per-payload check against the application's JSON Schemas with valijson
// (Debian libvalijson-dev, nlohmann_json adapter): AppSchemas. Apart from
// app_contract.cpp (the bundle and the comparison) because valijson's templates
// make it the library's costliest file to compile; compiled outside the unity
// batches with its own -Wno-restrict (CMakeLists.txt).
#include "seed/model/app_contract.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#include <algorithm>
#include <mutex>
#include <shared_mutex>
#include <unordered_set>

namespace seed::contract {
namespace {

using json = nlohmann::ordered_json;
using plain_json = nlohmann::json;

bool is_meta_key(const std::string &key) {
  return std::find(meta_keys.begin(), meta_keys.end(), key) != meta_keys.end();
}

const json &schemas_of(const json &bundle) {
  if (!bundle.is_object() || !bundle.contains("schemas") || !bundle["schemas"].is_object())
    throw BundleError("the application's bundle has no \"schemas\" object");
  return bundle["schemas"];
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
      if (!is_meta_key(key.get<std::string>()))
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
  const json &schemas = schemas_of(app);
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

} // namespace seed::contract
