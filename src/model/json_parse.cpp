#include "seed/model/json_parse.hpp"

#include <nlohmann/json.hpp>
#include <rapidjson/memorystream.h>
#include <rapidjson/reader.h>

#include <cerrno>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

namespace seed::json_parse {
namespace {

using json = nlohmann::json;

// Builds the tree from RapidJSON's SAX events.
class TreeBuilder : public rapidjson::BaseReaderHandler<rapidjson::UTF8<>, TreeBuilder> {
public:
  bool Null() { return put(nullptr); }
  bool Bool(bool value) { return put(value); }
  // Numbers arrive as their text and are converted as nlohmann's lexer does:
  // with a fraction or exponent a float (strtod); else with a minus sign a
  // number_integer, without one a number_unsigned; one that overflows 64 bits
  // a float.
  bool RawNumber(const char *text, rapidjson::SizeType length, bool /*copy*/) {
    number_.assign(text, length); // NUL-terminated for strto*
    const char *const begin = number_.c_str();
    char *end = nullptr;
    if (number_.find_first_of(".eE") == std::string::npos) {
      errno = 0;
      if (number_.front() == '-') {
        const auto value = std::strtoll(begin, &end, 10);
        if (errno == 0 && end == begin + length)
          return put(static_cast<std::int64_t>(value));
      } else {
        const auto value = std::strtoull(begin, &end, 10);
        if (errno == 0 && end == begin + length)
          return put(static_cast<std::uint64_t>(value));
      }
    }
    const double value = std::strtod(begin, &end);
    if (end != begin + length || !std::isfinite(value))
      return false; // nlohmann's parser decides (and rejects overflow)
    return put(value);
  }
  bool String(const char *text, rapidjson::SizeType length, bool /*copy*/) {
    return put(std::string(text, length));
  }
  bool StartObject() { return open(json::value_t::object); }
  bool Key(const char *text, rapidjson::SizeType length, bool /*copy*/) {
    key_.assign(text, length);
    return true;
  }
  bool EndObject(rapidjson::SizeType /*members*/) { return close(); }
  bool StartArray() { return open(json::value_t::array); }
  bool EndArray(rapidjson::SizeType /*elements*/) { return close(); }

  json take() { return std::move(root_); }

private:
  template <class Value> bool put(Value &&value) {
    place(json(std::forward<Value>(value)));
    return true;
  }
  bool open(json::value_t type) {
    open_.push_back(place(json(type)));
    return true;
  }
  bool close() {
    open_.pop_back();
    return true;
  }
  json *place(json &&value) {
    if (open_.empty()) {
      root_ = std::move(value);
      return &root_;
    }
    json &parent = *open_.back();
    if (parent.is_object()) { // the last of duplicate keys wins, as in nlohmann's parser
      auto &slot = parent.get_ref<json::object_t &>()[key_];
      slot = std::move(value);
      return &slot;
    }
    auto &elements = parent.get_ref<json::array_t &>();
    elements.push_back(std::move(value));
    return &elements.back();
  }

  json root_;
  std::vector<json *> open_; // the objects and arrays being filled, innermost last
  std::string key_;
  std::string number_;
};

// Whether every byte is ASCII, eight at a time.
bool is_ascii(std::string_view text) {
  std::uint64_t high_bits = 0;
  std::size_t i = 0;
  for (; i + 8 <= text.size(); i += 8) {
    std::uint64_t word;
    std::memcpy(&word, text.data() + i, sizeof word);
    high_bits |= word;
  }
  for (; i < text.size(); ++i)
    high_bits |= static_cast<unsigned char>(text[i]);
  return (high_bits & 0x8080808080808080ULL) == 0;
}

// Numbers as text (converted above); the whole text must be one value.
constexpr unsigned parse_flags = rapidjson::kParseNumbersAsStringsFlag;

} // namespace

json parse(std::string_view text) {
  TreeBuilder builder;
  rapidjson::MemoryStream stream(text.data(), text.size());
  rapidjson::Reader reader;
  // UTF-8 is checked as nlohmann does, unless the text is ASCII (most are):
  // its \u escapes are then the only non-ASCII, and the reader encodes those
  // itself (rejecting lone surrogates).
  const bool parsed =
      is_ascii(text)
          ? reader.Parse<parse_flags>(stream, builder)
          : reader.Parse<parse_flags | rapidjson::kParseValidateEncodingFlag>(stream, builder);
  if (parsed)
    return builder.take();
  return json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
}

} // namespace seed::json_parse
