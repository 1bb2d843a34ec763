#pragma once
// The demo's breach in progress (issue 15, item 6): on the demo's first start, a reader (an employee without a
// password: they sign in by single sign-on in real life) reports through the e-service a letter sent to the wrong
// address a few hours ago; it is routed like any report, its authority notice clock running.
#include "app/register_service.hpp"

namespace ansvar::cli {

// False (and a message on stderr) when the report could not be made.
bool SeedDemoBreach(app::RegisterService& service);

}  // namespace ansvar::cli
