#pragma once
// Expected failures of the sign-in, as values. A detail is safe to log and to show: it never holds a token, an
// authorization code, a code verifier or the client secret.
#include <string>
#include <utility>
#include <variant>

namespace ansvar::oidc {

enum class ErrorCode {
  kConfiguration,  // the provider's discovery document or our options do not fit (an operator must act)
  kUnavailable,    // the provider could not be reached or answered with something unreadable
  kRejected,       // the provider refused (e.g. invalid_grant for a used or foreign code)
  kInvalidToken,   // the ID token failed verification
  kUnknownKey,     // the ID token names a key the provider's JWKS does not hold (refetch, then kInvalidToken)
};

struct Error {
  ErrorCode code = ErrorCode::kInvalidToken;
  std::string detail;
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

inline Error InvalidToken(std::string detail) { return {ErrorCode::kInvalidToken, std::move(detail)}; }

}  // namespace ansvar::oidc
