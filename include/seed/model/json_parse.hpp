// Reading JSON text into nlohmann::json, fast: `check` parses every stored
// payload and stats object, and nlohmann's own parser spends ~1.7 us on a
// 170-byte payload, twice what RapidJSON's SAX reader takes to build the same
// tree.
//
// The tree is exactly nlohmann::json::parse's: the same value types (a
// non-negative integer is number_unsigned, a negative one number_integer, one
// beyond 64 bits a float), correctly rounded floats, the last of duplicate
// keys wins. Text RapidJSON rejects (malformed JSON, invalid UTF-8, NaN) is
// handed to nlohmann's parser, so what is and is not JSON is decided by one
// parser.
#pragma once

#include <nlohmann/json_fwd.hpp>

#include <string_view>

namespace seed::json_parse {

// --- Interface ---

// The value of `text`, or a discarded value (is_discarded()) when it is not
// JSON: nlohmann::json::parse(text, nullptr, false), faster.
[[nodiscard]] nlohmann::json parse(std::string_view text);

} // namespace seed::json_parse
