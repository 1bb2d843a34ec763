#pragma once
// The human text of a finding, in Swedish or English, naming the subject as the register names it.
#include <string>

#include "rules/finding.hpp"
#include "rules/register_index.hpp"

namespace ansvar::rules {

std::string Message(const Finding& finding, const RegisterIndex& index, Lang lang);
// The subject's display name ("Raindance", "Byggnadsnämnden"); its id when the register has no name for it.
std::string SubjectName(const Subject& subject, const RegisterIndex& index);

}  // namespace ansvar::rules
