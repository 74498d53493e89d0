// The version of seed-random and the git commit it was built from (--version).
#pragma once

namespace seed {

// Short hash of the commit the build came from, "-dirty" appended when tracked files differed
// from it, "unknown" outside a git checkout. Generated at build time (cmake/git_commit.cmake).
extern const char git_commit[];

} // namespace seed
