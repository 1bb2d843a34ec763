// No secret in a log line: URLs of databases and SMTP servers are logged without their passwords.
#include <gtest/gtest.h>

#include "http/log.hpp"

namespace ansvar::http {
namespace {

TEST(LoggableUrl, LeavesOutThePasswordOfTheUserInfo) {
  EXPECT_EQ(LoggableUrl("postgresql://ansvar:hemligt@db.kommun.se:5432/ansvar"),
            "postgresql://ansvar:***@db.kommun.se:5432/ansvar");
  EXPECT_EQ(LoggableUrl("smtp://mail:p@ss@smtp.kommun.se:587"), "smtp://mail:***@smtp.kommun.se:587");
}

TEST(LoggableUrl, LeavesOutAPasswordParameter) {
  EXPECT_EQ(LoggableUrl("postgresql://db/ansvar?password=hemligt&sslmode=verify-full"),
            "postgresql://db/ansvar?password=***&sslmode=verify-full");
  EXPECT_EQ(LoggableUrl("postgresql://db/ansvar?password=hemligt"), "postgresql://db/ansvar?password=***");
}

TEST(LoggableUrl, KeepsWhatHoldsNoSecret) {
  EXPECT_EQ(LoggableUrl("ansvar.db"), "ansvar.db");
  EXPECT_EQ(LoggableUrl("postgresql://ansvar@db/ansvar"), "postgresql://ansvar@db/ansvar");
  EXPECT_EQ(LoggableUrl("smtp://127.0.0.1:2525/path@x"), "smtp://127.0.0.1:2525/path@x");
}

}  // namespace
}  // namespace ansvar::http
