// Catch2 v2 entry point shared by the test executables, where the Catch2 package has no
// Catch2::Catch2WithMain (CMakeLists.txt).
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
