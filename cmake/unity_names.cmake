# Guard of the unity builds (cmake -P): in a unity batch several .cpp files are one translation
# unit, so a helper in one file's anonymous namespace is seen by the others. Two definitions
# with the same signature are a compile error, but two functions of the same name with
# different parameters silently become overloads, and a call in one file may then pick the
# other file's helper. This script fails when two of the files define a function of the same
# name at namespace scope (a line starting in column 0, as clang-format writes them).
#
#   cmake -DSOURCES='a.cpp|b.cpp' -DSTAMP=file -P cmake/unity_names.cmake
#
# Written by the build before the unity batches of the test executables are compiled.
cmake_minimum_required(VERSION 3.18)
if(NOT SOURCES)
  message(FATAL_ERROR "unity_names.cmake: SOURCES not set")
endif()
string(REPLACE "|" ";" SOURCES "${SOURCES}") # the build passes the list joined with "|"


# A function definition's first line: a return type, the name, "(" — not a statement, macro
# (TEST_CASE, SECTION) or declaration keyword. The name is the identifier before the first "(".
set(definition "^[a-zA-Z_][a-zA-Z0-9_:<>,&* ]*[ &*]([a-zA-Z_][a-zA-Z0-9_]*)\\(")
set(not_a_definition "^(return|using|namespace|template|typedef|struct|class|enum|static_assert|if|for|while|switch|else|case|default|do|delete|new|throw|sizeof|decltype|[A-Z][A-Z0-9_]*)[ (]")

set(clashes "")
foreach(source IN LISTS SOURCES)
  file(STRINGS "${source}" lines REGEX "${definition}")
  set(seen_here "")
  foreach(line IN LISTS lines)
    if(line MATCHES "${not_a_definition}" OR line MATCHES ";[ ]*$")
      continue()
    endif()
    string(REGEX MATCH "${definition}" _ "${line}")
    set(name ${CMAKE_MATCH_1})
    if(name STREQUAL "main" OR name STREQUAL "operator" OR name IN_LIST seen_here)
      continue() # overloads within one file are the file's own business
    endif()
    list(APPEND seen_here ${name})
    string(MAKE_C_IDENTIFIER "owner_${name}" key)
    if(DEFINED ${key})
      string(APPEND clashes "\n  ${name}(): ${${key}} and ${source}")
    else()
      set(${key} ${source})
    endif()
  endforeach()
endforeach()

if(clashes)
  message(
    FATAL_ERROR
      "unity build: functions of the same name in several files of one target (they would "
      "become overloads of each other in a unity batch; give them file-specific names):${clashes}")
endif()
if(STAMP)
  file(TOUCH ${STAMP})
endif()
