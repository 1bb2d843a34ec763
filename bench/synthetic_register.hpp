#pragma once
// A synthetic national register for benchmarks: every Swedish municipality and region with the shape the
// governance model gives them (executive board, Service committee with its Digital center, other committees and
// administrations, audit), systems of every category with roles, documents, forums, reviews and integrations,
// processing activities, delegations, incidents, requests, companies and shared regional systems.
// Deterministic: the same options give the same register. Most of it is compliant; a share of systems,
// activities, committees and organizations carry realistic gaps so that `check` reports findings of many rules.
#include <cstdint>
#include <string>

#include "model/register.hpp"

namespace ansvar::bench {

struct SyntheticOptions {
  uint64_t seed = 1;
  int municipalities = 290;
  int regions = 20;
  double scale = 1.0;                // 1.0: about 150,000 systems, 1.5 million role assignments
  std::string as_of = "2025-06-15";  // the register's as_of (a bare date)
  double gap_rate = 1.0;             // multiplies every probability of a gap (0: a compliant register)
  bool cooperations = true;          // each region's shared systems as cooperations (false: the register before them)
};

model::Register GenerateRegister(const SyntheticOptions& options);

// Counts of what a register holds, for reports: "organizations=331 committees=3652 ...".
std::string DescribeRegister(const model::Register& reg);

}  // namespace ansvar::bench
