#pragma once
// Writing the register exchange format ansvar-register/1. Reading what this writes gives an equal register.
#include <string>

#include "model/register.hpp"

namespace ansvar::io {

std::string WriteRegister(const model::Register& reg, bool pretty = true);

}  // namespace ansvar::io
