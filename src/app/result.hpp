#pragma once
// Expected failures of a use case, as values: the code base's one Result and Error (model/result.hpp), with the
// errors the use cases make. http/problem.cpp maps an ErrorCode to a status in one table.
#include <string>
#include <utility>
#include <vector>

#include "model/result.hpp"

namespace ansvar::app {

using model::Error;
using model::ErrorCode;
using model::Result;

inline Error NotFound(std::string what) { return {ErrorCode::kNotFound, "Finns inte / Not found", std::move(what)}; }
// A document that is not JSON at all (a problem of kind kSyntax) is malformed; one with faulty fields is invalid.
inline Error Invalid(std::string detail, std::vector<model::Problem> problems) {
  const auto code = model::HasSyntaxProblem(problems) ? ErrorCode::kMalformed : ErrorCode::kInvalid;
  return {code, "Ogiltiga uppgifter / Invalid data", std::move(detail), std::move(problems)};
}
inline Error BadRequest(std::string detail) {
  return {ErrorCode::kBadRequest, "Felaktig begäran / Bad request", std::move(detail)};
}
inline Error Unavailable(std::string detail) {
  return {ErrorCode::kUnavailable, "Lagringen svarar inte / Storage unavailable", std::move(detail)};
}

}  // namespace ansvar::app
