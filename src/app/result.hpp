#pragma once
// Expected failures of a use case, as values. http/problem.cpp maps them to statuses in one place.
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "model/validate.hpp"

namespace ansvar::app {

enum class ErrorCode {
  kBadRequest,  // the request itself is malformed (query parameter, header)
  kInvalid,     // the document is not a valid entity or register (problems name the fields)
  kNotFound,
  kConflict,              // contradicts the register (exists already, still referenced)
  kPreconditionFailed,    // If-Match does not match: someone else changed it
  kPreconditionRequired,  // a change without If-Match: the client must say which version it changes
  kUnavailable,           // the store failed; nothing was changed
  kForbidden,             // the signed-in person is not the one entitled to this act (app/acting_person.hpp)
};

struct Error {
  ErrorCode code = ErrorCode::kBadRequest;
  std::string title;
  std::string detail;
  std::vector<model::Problem> problems;
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

inline Error NotFound(std::string what) {
  return {ErrorCode::kNotFound, "Finns inte / Not found", std::move(what), {}};
}
inline Error Invalid(std::string detail, std::vector<model::Problem> problems) {
  return {ErrorCode::kInvalid, "Ogiltiga uppgifter / Invalid data", std::move(detail), std::move(problems)};
}
inline Error BadRequest(std::string detail) {
  return {ErrorCode::kBadRequest, "Felaktig begäran / Bad request", std::move(detail), {}};
}

}  // namespace ansvar::app
