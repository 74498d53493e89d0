#include "seed/cli.hpp"

int main(int argc, char **argv) {
  return seed::cli::main(argc, argv);
}
