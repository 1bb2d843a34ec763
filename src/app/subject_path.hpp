#pragma once
// The web interface's path of a finding's or due item's subject ("/systems/ecos"), for links in calendar events and
// reminder e-mails. Internal to app/.
#include <string>

#include "rules/finding.hpp"

namespace ansvar::app::internal {

inline std::string SubjectPath(const rules::Subject& s) {
  switch (s.type) {
    case rules::SubjectType::kSystem:
      return "/systems/" + s.id;
    case rules::SubjectType::kIncident:
      return "/incidents/" + s.id;
    case rules::SubjectType::kDataSubjectRequest:
      return "/requests/" + s.id;
    case rules::SubjectType::kOrganization:
      return "/organizations/" + s.id;
    case rules::SubjectType::kCommittee:
      return "/committees/" + s.id;
    case rules::SubjectType::kProcessingActivity:
      return "/activities/" + s.id;
    default:
      return "/";
  }
}

}  // namespace ansvar::app::internal
