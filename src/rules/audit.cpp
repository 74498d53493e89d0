#include "seed/rules/audit.hpp"

#include "seed/model/app_json.hpp"
#include "seed/model/catalog.hpp"

#include <fmt/core.h>
#include <openssl/evp.h>

#include <memory>
#include <stdexcept>

namespace seed::audit {
namespace {

using app_json::Escaping;

template <class T> void optional_integer(std::string &out, const std::optional<T> &value) {
  if (value)
    app_json::append_integer(out, *value);
  else
    out += "null";
}

// The snapshot's members; `canonical` writes them sorted and ASCII-only.
void write_snapshot_object(const EntryRow &row, bool canonical, std::string &out) {
  const auto escaping = canonical ? Escaping::ascii : Escaping::utf8;
  app_json::ObjectWriter object(out, escaping);
  const auto data = [&] {
    object.key("data");
    dto::write_json(*row.payload, out, row.link,
                    canonical ? dto::JsonStyle::canonical : dto::JsonStyle::application);
  };
  const auto text = [&](std::string_view name, std::string_view value) {
    object.key(name);
    app_json::append_string(out, value, escaping);
  };
  const auto integer = [&](std::string_view name, long long value) {
    object.key(name);
    app_json::append_integer(out, value);
  };
  const auto null = [&](std::string_view name) {
    object.key(name);
    out += "null";
  };
  if (canonical) {
    integer("carbon_report_module_id", row.carbon_report_module_id);
    text("created_at", row.created_at);
    null("created_by_id");
    data();
    integer("data_entry_type_id", row.data_entry_type_id);
    integer("id", row.id);
    null("source");
    integer("status", row.status);
    object.key("unit_id");
    optional_integer(out, row.unit_id);
    text("updated_at", row.updated_at);
    object.key("year");
    optional_integer(out, row.year);
  } else {
    integer("data_entry_type_id", row.data_entry_type_id);
    integer("carbon_report_module_id", row.carbon_report_module_id);
    data();
    integer("status", row.status);
    integer("id", row.id);
    object.key("year");
    optional_integer(out, row.year);
    object.key("unit_id");
    optional_integer(out, row.unit_id);
    null("source");
    null("created_by_id");
    text("created_at", row.created_at);
    text("updated_at", row.updated_at);
  }
  object.finish();
}

const std::string *traveller(const dto::Payload &payload) {
  if (const auto *plane = std::get_if<dto::ProfessionalTravelPlaneHandlerCreate>(&payload))
    return &plane->user_institutional_id;
  if (const auto *train = std::get_if<dto::ProfessionalTravelTrainHandlerCreate>(&payload))
    return &train->user_institutional_id;
  return nullptr;
}

} // namespace

std::string snapshot_timestamp(std::string_view column_text) {
  // 0123456789012345678901234567
  // YYYY-MM-DD HH:MM:SS.ffffff
  const auto digits = [&](std::size_t from, std::size_t to) {
    for (auto i = from; i < to; ++i)
      if (column_text[i] < '0' || column_text[i] > '9')
        return false;
    return true;
  };
  if (column_text.size() != 26 || column_text[10] != ' ' || column_text[19] != '.' ||
      !digits(0, 4) || !digits(20, 26))
    throw std::invalid_argument("not a YYYY-MM-DD HH:MM:SS.ffffff timestamp: " +
                                std::string(column_text));
  std::string out(column_text);
  out[10] = 'T';
  if (column_text.substr(20) == "000000")
    out.resize(19);
  return out;
}

void write_snapshot(const EntryRow &row, std::string &out) {
  write_snapshot_object(row, false, out);
}

void write_hash_input(const EntryRow &row, std::string &out) {
  app_json::ObjectWriter object(out, Escaping::ascii);
  object.key("data_snapshot");
  write_snapshot_object(row, true, out);
  object.key("entity_id");
  app_json::append_integer(out, row.id);
  object.key("entity_type");
  app_json::append_string(out, entity_type, Escaping::ascii);
  object.key("previous_hash");
  out += "\"\"";
  object.key("version");
  app_json::append_integer(out, first_version);
  object.finish();
}

std::string sha256_hex(std::string_view text) {
  // One digest context per thread, reset for each text: no allocation per call.
  // The algorithm is fetched once: EVP_sha256() would make OpenSSL 3 look its
  // implementation up again on every init.
  static const std::unique_ptr<EVP_MD, decltype(&EVP_MD_free)> sha256(
      EVP_MD_fetch(nullptr, "SHA256", nullptr), &EVP_MD_free);
  thread_local const std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> context(
      EVP_MD_CTX_new(), &EVP_MD_CTX_free);
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (!sha256 || !context || EVP_DigestInit_ex(context.get(), sha256.get(), nullptr) != 1 ||
      EVP_DigestUpdate(context.get(), text.data(), text.size()) != 1 ||
      EVP_DigestFinal_ex(context.get(), digest, &length) != 1)
    throw std::runtime_error("OpenSSL: SHA-256 failed");
  static constexpr char hex[] = "0123456789abcdef";
  std::string out(2 * length, '0');
  for (unsigned int i = 0; i < length; ++i) {
    out[2 * i] = hex[digest[i] >> 4];
    out[2 * i + 1] = hex[digest[i] & 0xf];
  }
  return out;
}

void write_handled_ids(const dto::Payload &payload, std::string &out) {
  const auto *id = traveller(payload);
  if (id == nullptr || id->empty()) {
    out += "[]";
    return;
  }
  out += '[';
  app_json::append_string(out, *id);
  out += ']';
}

std::string route_path(std::int64_t unit_id, int year, int data_entry_type_id) {
  const auto &type = catalog::entry_type(data_entry_type_id);
  const auto &module = catalog::module(type.module);
  // The research-facilities page posts its common facilities under the
  // module's own name.
  const std::string_view submodule =
      data_entry_type_id == 70 ? module.route_name : std::string_view(type.name);
  return fmt::format("/v1/modules/{}/{}/{}/{}", unit_id, year, module.route_name, submodule);
}

void write_route_payload(const dto::Payload &payload, std::string &out) {
  app_json::ObjectWriter object(out);
  object.key("query");
  out += route_query;
  object.key("body");
  dto::write_posted_json(payload, out);
  object.finish();
}

std::string ip_address(std::int64_t user_id) {
  return fmt::format("198.51.100.{}", 1 + user_id % 254);
}

} // namespace seed::audit
