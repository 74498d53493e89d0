// seed/pg.hpp, the parts that need no server: URL normalisation and redaction.
// (Connections and COPY are tested against a real server in pg_connection.cpp.)
#include "seed/io/pg.hpp"

#include <catch2/catch.hpp>

using seed::pg::normalize_url;
using seed::pg::redact_url;

TEST_CASE("SQLAlchemy-style URLs become libpq URIs", "[pg]") {
  CHECK(normalize_url("postgresql+psycopg://u:p@h:5432/db") == "postgresql://u:p@h:5432/db");
  CHECK(normalize_url("postgresql+asyncpg://u@h/db?sslmode=disable") ==
        "postgresql://u@h/db?sslmode=disable");
  CHECK(normalize_url("postgres://h/db") == "postgresql://h/db");
  CHECK(normalize_url("postgresql://h/db") == "postgresql://h/db");
  CHECK(normalize_url("host=/tmp dbname=x") == "host=/tmp dbname=x");
  CHECK_THROWS_AS(normalize_url(""), std::invalid_argument);
  CHECK_THROWS_WITH(normalize_url("mysql+pymysql://h/db"), Catch::Contains("mysql+pymysql"));
}

TEST_CASE("URLs libpq cannot parse are refused before connecting, password hidden", "[pg]") {
  for (const auto *url : {"postgresql://u:Hunter2%zzSecret@/db?host=/x",
                          "postgresql+asyncpg://u:Hunter2Secret@[::1/db",
                          "postgresql://h/db?nosuchoption=1", "host=/tmp dbname"}) {
    INFO(url);
    try {
      (void)normalize_url(url);
      FAIL("accepted");
    } catch (const std::invalid_argument &e) {
      CHECK_THAT(e.what(), Catch::Contains("malformed database URL"));
      CHECK_THAT(e.what(), !Catch::Contains("Hunter2"));
    }
  }
}

TEST_CASE("passwords are redacted wherever a URL is printed", "[pg]") {
  CHECK(redact_url("postgresql://u:s3cret@h:5432/db") == "postgresql://u:***@h:5432/db");
  CHECK(redact_url("postgresql://u@h/db") == "postgresql://u@h/db");
  CHECK(redact_url("postgresql://h/db?password=s3cret&sslmode=require") ==
        "postgresql://h/db?password=***&sslmode=require");
  CHECK(redact_url("host=h password=s3cret dbname=d") == "host=h password=*** dbname=d");
  CHECK(redact_url("postgresql://u:p%40ss@h/db") == "postgresql://u:***@h/db");
  CHECK(redact_url("postgresql://u:p@ss@h/db") == "postgresql://u:***@h/db");
  CHECK(redact_url("postgresql://h/db:with@odd") == "postgresql://h/db:with@odd");
}
