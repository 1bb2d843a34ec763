// Errors as values with reasons: the reason a reader, the store or a use case gives decides the HTTP status, never
// the wording of its message.
#include <gtest/gtest.h>

#include "app/result.hpp"
#include "app/store_errors.hpp"
#include "http/problem.hpp"
#include "io/entity_json.hpp"

namespace ansvar::app {
namespace {

TEST(ErrorReasons, EachCodeHasOneStatus) {
  EXPECT_EQ(http::StatusOf(ErrorCode::kBadRequest), 400);
  EXPECT_EQ(http::StatusOf(ErrorCode::kMalformed), 400);
  EXPECT_EQ(http::StatusOf(ErrorCode::kInvalid), 422);
  EXPECT_EQ(http::StatusOf(ErrorCode::kNotFound), 404);
  EXPECT_EQ(http::StatusOf(ErrorCode::kConflict), 409);
  EXPECT_EQ(http::StatusOf(ErrorCode::kPreconditionFailed), 412);
  EXPECT_EQ(http::StatusOf(ErrorCode::kPreconditionRequired), 428);
  EXPECT_EQ(http::StatusOf(ErrorCode::kUnavailable), 503);
  EXPECT_EQ(http::StatusOf(ErrorCode::kRejected), 401);
}

TEST(ErrorReasons, TheWordingOfAProblemDoesNotChooseTheStatus) {
  // A field's message that happens to read like a parse failure is still a field's problem: 422.
  const auto field = Invalid("x", {{"$.name", "not a JSON document: reworded"}});
  EXPECT_EQ(field.code, ErrorCode::kInvalid);
  EXPECT_EQ(http::StatusOf(field), 422);
  // A parse failure, whatever it says, is malformed: 400.
  const auto syntax = Invalid("x", {model::SyntaxProblem("$", "kaputt")});
  EXPECT_EQ(syntax.code, ErrorCode::kMalformed);
  EXPECT_EQ(http::StatusOf(syntax), 400);
}

TEST(ErrorReasons, TheReadersMarkWhatIsNotJsonAsSyntax) {
  for (const std::string_view body : {"{", "not json", "{\"id\": \"x\"} trailing"}) {
    const auto read = io::ReadEntity<model::Person>(body);
    ASSERT_FALSE(read.value) << body;
    EXPECT_TRUE(model::HasSyntaxProblem(read.problems)) << body;
  }
  const auto fields = io::ReadEntity<model::Person>(R"({"id": 5})");
  ASSERT_FALSE(fields.value);
  EXPECT_FALSE(model::HasSyntaxProblem(fields.problems));
}

TEST(ErrorReasons, AStaleVersionIsAFailedPreconditionWhateverTheMessageSays) {
  const store::EntityKey key{store::Kind::kSystem, "ecos"};
  EXPECT_EQ(FromConflict(store::ConflictError(store::ConflictReason::kStale, key, "anything")).code,
            ErrorCode::kPreconditionFailed);
  // The word "version" in a message no longer makes it a 412.
  EXPECT_EQ(FromConflict(store::ConflictError(store::ConflictReason::kReferenced, key, "version 3 refers to it")).code,
            ErrorCode::kConflict);
  EXPECT_EQ(FromConflict(store::ConflictError(key, "was changed (version 2)")).code, ErrorCode::kConflict);
}

TEST(ErrorReasons, NotSupportedIsATypeNotAText) {
  EXPECT_TRUE(NotSupported(store::NotSupportedError()));
  EXPECT_FALSE(NotSupported(store::StoreError("not supported by this backend")));
}

}  // namespace
}  // namespace ansvar::app
