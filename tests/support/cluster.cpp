#include "support/cluster.hpp"

#include <fmt/core.h>
#include <spdlog/spdlog.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

namespace seed::testing {
namespace {

const std::string source_dir = SEED_SOURCE_DIR;
const std::string pgcluster = source_dir + "/scripts/pgcluster";

std::string checked(const std::string &command) {
  auto result = run_command(command);
  if (result.exit_code != 0)
    throw std::runtime_error(
        fmt::format("command failed ({}): {}\n{}", result.exit_code, command, result.output));
  while (!result.output.empty() && result.output.back() == '\n')
    result.output.pop_back();
  return result.output;
}

std::string psql(const std::string &url, const std::string &sql) {
  return checked(fmt::format("psql {} -X -q -At -v ON_ERROR_STOP=1 -c {} 2>&1", shell_quote(url),
                             shell_quote(sql)));
}

} // namespace

std::string shell_quote(const std::string &text) {
  std::string quoted = "'";
  for (char c : text)
    quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

CommandResult run_command(const std::string &command) {
  CommandResult result{-1, {}};
  FILE *pipe = popen((command + " 2>&1").c_str(), "r");
  if (pipe == nullptr)
    throw std::runtime_error("popen failed: " + command);
  std::array<char, 4096> chunk{};
  while (const auto n = fread(chunk.data(), 1, chunk.size(), pipe))
    result.output.append(chunk.data(), n);
  const int status = pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return result;
}

std::string url_of_database(const std::string &url, const std::string &name) {
  // URLs from pgcluster look like postgresql://postgres@/seed?host=...&port=...
  const auto slash = url.find("@/");
  const auto query = url.find('?');
  if (slash == std::string::npos || query == std::string::npos)
    throw std::invalid_argument("unexpected cluster URL " + url);
  return url.substr(0, slash + 2) + name + url.substr(query);
}

Cluster &Cluster::instance() {
  // The runs' progress lines would drown Catch's report; warnings and errors stay.
  spdlog::set_level(spdlog::level::warn);
  static Cluster cluster;
  return cluster;
}

Cluster::Cluster() {
  // The PostgreSQL programs themselves first on PATH (psql here and in the tests): Debian's
  // /usr/bin/psql and pg_config are wrappers that cost ~45 ms of CPU per call before the real
  // program starts (docs/performance.md, "Test time"). Same programs, same version.
  const auto bindir = run_command("pg_config --bindir");
  if (bindir.exit_code == 0) {
    auto dir = bindir.output.substr(0, bindir.output.find('\n'));
    if (access((dir + "/psql").c_str(), X_OK) == 0) {
      const char *path = std::getenv("PATH");
      setenv("PATH", (dir + (path != nullptr ? ":" + std::string(path) : "")).c_str(), 1);
    }
  }
  char pattern[] = "/tmp/seed-random-test-XXXXXX";
  if (mkdtemp(pattern) == nullptr)
    throw std::runtime_error("mkdtemp failed");
  dir_ = pattern;
  chmod(dir_.c_str(), 0755); // the postgres user must reach it when we run as root
  checked(fmt::format("{} start {}", pgcluster, shell_quote(dir_)));
  base_url_ = checked(fmt::format("{} url {}", pgcluster, shell_quote(dir_)));
  // Two templates: bare schema, and schema + sample factors.
  for (const auto *name : {"template_schema", "template_factors"}) {
    psql(base_url_, fmt::format("CREATE DATABASE {} STRATEGY FILE_COPY", name));
    const auto url = url_of_database(base_url_, name);
    checked(fmt::format("psql {} -X -q -v ON_ERROR_STOP=1 -1 -f {}/sql/schema.sql",
                        shell_quote(url), source_dir));
  }
  checked(fmt::format("psql {} -X -q -v ON_ERROR_STOP=1 -1 -f {}/sql/sample_factors.sql",
                      shell_quote(url_of_database(base_url_, "template_factors")), source_dir));
}

Cluster::~Cluster() {
  run_command(fmt::format("{} stop {}", pgcluster, shell_quote(dir_)));
  run_command(fmt::format("rm -rf {}", shell_quote(dir_)));
}

std::string Cluster::fresh_database(bool with_sample_factors) {
  const auto name = fmt::format("test_{}", ++databases_);
  // FILE_COPY: a copy at the file level. PostgreSQL 15's default, WAL_LOG, writes every page of
  // the copy to the WAL: 2-5 times the server CPU for the same database.
  psql(base_url_, fmt::format("CREATE DATABASE {} TEMPLATE {} STRATEGY FILE_COPY", name,
                              with_sample_factors ? "template_factors" : "template_schema"));
  return url_of_database(base_url_, name);
}

} // namespace seed::testing
