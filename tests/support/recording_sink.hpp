// Test double: a Sink that keeps every byte per table and counts openings.
#pragma once

#include "seed/io/sink.hpp"

#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace seed::testing {

class RecordingSink final : public Sink {
public:
  void begin(const tables::Table &table) override {
    if (open_ != nullptr)
      throw std::logic_error("begin() while a table is open");
    open_ = &table;
    ++openings[std::string(table.name)];
    order.emplace_back(table.name);
    bytes[std::string(table.name)]; // a table with no rows still shows up
  }
  void write(std::string_view rows) override {
    if (open_ == nullptr)
      throw std::logic_error("write() outside begin()/end()");
    if (!rows.empty() && rows.back() != '\n')
      throw std::logic_error("write() split a row");
    bytes[std::string(open_->name)].append(rows);
  }
  void end() override {
    if (open_ == nullptr)
      throw std::logic_error("end() without begin()");
    open_ = nullptr;
  }

  std::map<std::string, std::string> bytes;
  std::map<std::string, int> openings;
  std::vector<std::string> order; // table names, one per begin()

private:
  const tables::Table *open_ = nullptr;
};

} // namespace seed::testing
