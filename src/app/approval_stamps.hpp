#pragma once
// The approval stamp of a system's documents, kept honest by the register's writes (the register's own rule, so that
// the register does not depend on the decisions module that sets the stamp: app/decisions.hpp).
#include <vector>

#include "model/register.hpp"
#include "model/validate.hpp"

namespace ansvar::app {

// Whether a document's approval stamp (approved_by_account) is kept honest by an edit of the system: a stamp carried
// over when the approval is unchanged, dropped when approved_by or approved_on changed, refused when a client sets one
// (only the approve act sets it). `stored` is nullptr for a new system. Called by the service's Create and Replace.
std::vector<model::Problem> KeepApprovalStamps(const model::System* stored, model::System& written);

}  // namespace ansvar::app
