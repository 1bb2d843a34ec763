#pragma once
// The store's exceptions as a use case's errors, chosen by the reason they carry (never by their wording).
#include <exception>

#include "app/result.hpp"
#include "store/store.hpp"

namespace ansvar::app {

inline Error FromConflict(const store::ConflictError& e) {
  if (e.reason() == store::ConflictReason::kStale)
    return {ErrorCode::kPreconditionFailed, "Ändrad av någon annan / Changed by someone else", e.what()};
  return {ErrorCode::kConflict, "Konflikt / Conflict", e.what()};
}

inline Error Unavailable(const std::exception& e) { return Unavailable(std::string(e.what())); }

// A backend that keeps nothing beside the register (store.hpp): its reads of messages and calendar tokens are empty,
// so that listing works everywhere; only writes answer that the backend cannot keep them.
inline bool NotSupported(const std::exception& e) {
  return dynamic_cast<const store::NotSupportedError*>(&e) != nullptr;
}

}  // namespace ansvar::app
