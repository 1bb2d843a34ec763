#pragma once
// Expected failures as values, for the whole code base: one Result<T> and one Error whose ErrorCode is the reason.
// An HTTP status, an exit code or a log level is chosen from the code (http/problem.cpp: one table), never from the
// wording of a message: the title and detail are for people and may be reworded freely.
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "model/validate.hpp"

namespace ansvar::model {

enum class ErrorCode {
  // ---- A request of a use case (app/) ----
  kBadRequest,            // the request itself is malformed (query parameter, header)
  kMalformed,             // the document is not JSON at all (a problem of kind ProblemKind::kSyntax)
  kInvalid,               // the document is not a valid entity or register (problems name the fields)
  kNotFound,              //
  kConflict,              // contradicts the register (exists already, still referenced, does not exist)
  kPreconditionFailed,    // If-Match does not match: someone else changed it
  kPreconditionRequired,  // a change without If-Match: the client must say which version it changes
  kUnsupported,           // this backend cannot keep it (a store without the annual cycle's tables)
  kUnavailable,           // the store (or the identity provider) failed; nothing was changed
  kForbidden,             // the signed-in person is not the one entitled to this act (app/acting_person.hpp)
  // ---- Signing in with an identity provider (oidc/) ----
  kConfiguration,  // the provider's discovery document or our options do not fit (an operator must act)
  kRejected,       // the provider refused (e.g. invalid_grant for a used or foreign code)
  kInvalidToken,   // the ID token failed verification
  kUnknownKey,     // the ID token names a key the provider's JWKS does not hold (refetch, then kInvalidToken)
};

struct Error {
  ErrorCode code = ErrorCode::kBadRequest;
  std::string title;   // for people: "Konflikt / Conflict"
  std::string detail;  // for people and logs; never decides anything
  std::vector<Problem> problems;

  Error() = default;
  Error(ErrorCode c, std::string d) : code(c), detail(std::move(d)) {}
  Error(ErrorCode c, std::string t, std::string d, std::vector<Problem> p = {})
      : code(c), title(std::move(t)), detail(std::move(d)), problems(std::move(p)) {}
};

template <class T>
class Result {
 public:
  Result(T value) : v_(std::move(value)) {}      // NOLINT: implicit by design
  Result(Error error) : v_(std::move(error)) {}  // NOLINT
  [[nodiscard]] bool ok() const { return v_.index() == 0; }
  [[nodiscard]] const T& value() const { return std::get<0>(v_); }
  [[nodiscard]] T& value() { return std::get<0>(v_); }
  [[nodiscard]] const Error& error() const { return std::get<1>(v_); }

 private:
  std::variant<T, Error> v_;
};

}  // namespace ansvar::model
