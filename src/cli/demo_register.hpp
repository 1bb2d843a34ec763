#pragma once
#include <string_view>

namespace ansvar::cli {
// examples/demo-register.json, built into the binary for `ansvar serve --demo`.
std::string_view DemoRegisterJson();
}  // namespace ansvar::cli
