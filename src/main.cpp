// Declared here rather than through seed/cli/cli.hpp: this file is compiled after the whole
// library (the executable's own target), so the headers cli.hpp pulls in (~3 s of compile)
// would sit on the critical path of every clean build. The definition is in src/cli/cli.cpp.
namespace seed::cli {
int main(int argc, const char *const *argv);
}

int main(int argc, char **argv) {
  return seed::cli::main(argc, argv);
}
