// ansvar_bench_generate: writes a synthetic national register (ansvar-register/1) for benchmarks.
//   ansvar_bench_generate [--shape national|flat] [--out FILE] [--seed N] [--municipalities 290] [--regions 20]
//                         [--scale 1.0] [--systems 490] [--activities 350] [--as-of 2025-06-15] [--gap-rate 1.0]
//                         [--no-verify]
// national (the default): synthetic_register.hpp, minified, through io/; flat: flat_register.hpp, another shape
// written pretty by another writer.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>
#include <string_view>

#include "bench_support.hpp"
#include "flat_register.hpp"
#include "io/register_reader.hpp"
#include "synthetic_register.hpp"

namespace {

void Usage() {
  std::cerr << "usage: ansvar_bench_generate [--shape national|flat] [--out FILE] [--seed N] [--municipalities N]\n"
               "                             [--regions N] [--scale X] [--systems N] [--activities N]\n"
               "                             [--as-of YYYY-MM-DD] [--gap-rate X] [--no-cooperations] [--no-verify]\n";
}

}  // namespace

int main(int argc, char** argv) {
  using namespace ansvar;
  bench::SyntheticOptions options;
  bench::FlatOptions flat;
  std::string shape = "national";
  std::string out;
  bool verify = true;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) {
        std::cerr << "ansvar_bench_generate: " << arg << " needs a value\n";
        std::exit(2);
      }
      return argv[++i];
    };
    if (arg == "--out")
      out = value();
    else if (arg == "--shape")
      shape = value();
    else if (arg == "--seed")
      options.seed = flat.seed = std::stoull(value());
    else if (arg == "--municipalities")
      options.municipalities = flat.municipalities = std::stoi(value());
    else if (arg == "--systems")
      flat.systems = std::stoi(value());
    else if (arg == "--activities")
      flat.activities = std::stoi(value());
    else if (arg == "--regions")
      options.regions = std::stoi(value());
    else if (arg == "--scale")
      options.scale = std::stod(value());
    else if (arg == "--as-of")
      options.as_of = flat.as_of = value();
    else if (arg == "--gap-rate")
      options.gap_rate = std::stod(value());
    else if (arg == "--no-cooperations")
      options.cooperations = false;
    else if (arg == "--no-verify")
      verify = false;
    else {
      Usage();
      return 2;
    }
  }
  if (shape != "national" && shape != "flat") {
    Usage();
    return 2;
  }
  if (out.empty()) out = shape == "flat" ? bench::DefaultFlatRegisterPath() : bench::DefaultRegisterPath();
  if (!model::ParseDate(options.as_of)) {
    std::cerr << "ansvar_bench_generate: --as-of: expected YYYY-MM-DD\n";
    return 2;
  }

  const auto t0 = std::chrono::steady_clock::now();
  size_t bytes = 0;
  if (shape == "flat") {
    if (!bench::WriteFlatRegister(flat, out, bytes)) {
      std::cerr << "ansvar_bench_generate: cannot write " << out << "\n";
      return 1;
    }
  } else {
    const auto reg = bench::GenerateRegister(options);
    std::cout << bench::DescribeRegister(reg);
    if (!bench::WriteRegisterFile(reg, out, bytes)) {
      std::cerr << "ansvar_bench_generate: cannot write " << out << "\n";
      return 1;
    }
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::printf("file=%s\nfile_mb=%.1f\ngenerate_s=%.2f\n", out.c_str(), static_cast<double>(bytes) / 1e6, seconds);

  if (verify) {
    const auto read = io::ReadRegisterFile(out);
    if (!read.reg) {
      std::cerr << "ansvar_bench_generate: the register does not read back:\n" << io::FormatProblems(read.problems);
      return 1;
    }
    if (shape == "flat") std::cout << bench::DescribeRegister(*read.reg);
    std::printf("verified=yes\n");
  }
  return 0;
}
