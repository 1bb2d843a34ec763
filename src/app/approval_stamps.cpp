#include "app/approval_stamps.hpp"

#include <optional>
#include <string>

namespace ansvar::app {

std::vector<model::Problem> KeepApprovalStamps(const model::System* stored, model::System& written) {
  std::vector<model::Problem> problems;
  for (size_t i = 0; i < written.documents.size(); ++i) {
    auto& d = written.documents[i];
    const model::Document* before = nullptr;
    if (stored != nullptr)
      for (const auto& x : stored->documents)
        if (!d.id.empty() && x.id == d.id) before = &x;
    const bool same_approval = before != nullptr && before->approved_by == d.approved_by &&
                               before->approved_on == d.approved_on && d.approved_by;
    if (d.approved_by_account && !(same_approval && before->approved_by_account == d.approved_by_account)) {
      problems.push_back({"$.documents[" + std::to_string(i) + "].approved_by_account",
                          "sätts bara av godkännandet i Ansvar / set only by the approve action"});
      continue;
    }
    // Unchanged approval: the stamp stays (a form that does not know the field keeps it); changed: it goes.
    d.approved_by_account = same_approval ? before->approved_by_account : std::nullopt;
  }
  return problems;
}

}  // namespace ansvar::app
