#pragma once
// Expected failures of the sign-in, as values. A detail is safe to log and to show: it never holds a token, an
// authorization code, a code verifier or the client secret.
#include <string>
#include <utility>

#include "model/result.hpp"

namespace ansvar::oidc {

// The code base's one Result and Error (model/result.hpp); the sign-in's reasons are kConfiguration, kUnavailable,
// kRejected, kInvalidToken and kUnknownKey.
using model::Error;
using model::ErrorCode;
using model::Result;

inline Error InvalidToken(std::string detail) { return {ErrorCode::kInvalidToken, std::move(detail)}; }

}  // namespace ansvar::oidc
