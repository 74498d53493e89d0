// A real PostgreSQL 15 cluster for the integration tests: started once per
// test binary in a temp dir (scripts/pgcluster, unix socket, free port),
// stopped by its own pg_ctl at exit. Each test gets a fresh database cloned
// from a template that holds the bundled schema.
#pragma once

#include <string>

namespace seed::testing {

// Output and exit status of a shell command.
struct CommandResult {
  int exit_code;
  std::string output; // stdout and stderr together
};
CommandResult run_command(const std::string &command);

// Single-quoted for the shell.
std::string shell_quote(const std::string &text);

class Cluster {
public:
  // The process-wide cluster, started on first use.
  static Cluster &instance();
  ~Cluster();

  // A new database holding sql/schema.sql (and sql/sample_factors.sql when
  // `with_sample_factors`); returns its URL.
  std::string fresh_database(bool with_sample_factors = true);

  [[nodiscard]] const std::string &dir() const { return dir_; }

private:
  Cluster();
  std::string dir_;
  std::string base_url_;
  int databases_ = 0;
};

// The URL of database `name` on the same server as `url`.
std::string url_of_database(const std::string &url, const std::string &name);

} // namespace seed::testing
