#include "seed/cli/cli.hpp"

int main(int argc, char **argv) {
  return seed::cli::main(argc, argv);
}
