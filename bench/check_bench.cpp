// ansvar_bench: times `ansvar check --format json` on a large register, step by step.
//   ansvar_bench [--register FILE] [--findings-out FILE] [--runs 3] [--threads 0] [--lang sv|en]
//                [--seed N] [--scale X]          (used only when the register must be generated)
// Without --register it uses bench/out/national.json and generates it first (in a child process, so that the
// generator's memory does not count) when it is missing.
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "bench_support.hpp"
#include "io/register_reader.hpp"
#include "io/reports.hpp"
#include "io/rulebook_json.hpp"
#include "model/validate.hpp"
#include "rules/check.hpp"
#include "rules/register_index.hpp"
#include "rules/rulebook.hpp"
#include "synthetic_register.hpp"

namespace {

using Clock = std::chrono::steady_clock;

double Seconds(Clock::time_point a, Clock::time_point b) { return std::chrono::duration<double>(b - a).count(); }

// CPU time of the whole process (all its threads): on a shared machine, less noisy than wall time.
double CpuSeconds(clockid_t clock) {
  timespec ts{};
  clock_gettime(clock, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}
double ProcessCpu() { return CpuSeconds(CLOCK_PROCESS_CPUTIME_ID); }
double ThreadCpu() { return CpuSeconds(CLOCK_THREAD_CPUTIME_ID); }

double PeakRssMb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;  // ru_maxrss is in KiB on Linux
}

bool Exists(const std::string& path) {
  struct stat st {};
  return stat(path.c_str(), &st) == 0;
}

// Generates the register in a child process: its peak memory is not ours.
bool GenerateInChild(const std::string& path, const ansvar::bench::SyntheticOptions& options) {
  std::fflush(stdout);
  const auto t0 = Clock::now();
  const pid_t pid = fork();
  if (pid < 0) return false;
  if (pid == 0) {
    size_t bytes = 0;
    const bool ok = ansvar::bench::WriteRegisterFile(ansvar::bench::GenerateRegister(options), path, bytes);
    std::fflush(stdout);
    _exit(ok ? 0 : 1);
  }
  int status = 0;
  if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) || WEXITSTATUS(status) != 0) return false;
  std::printf("generated=%s\ngenerate_s=%.2f\n", path.c_str(), Seconds(t0, Clock::now()));
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace ansvar;
  std::string register_path;
  std::string findings_path;
  int runs = 3;
  unsigned threads = 0;
  std::string lang_name = "sv";
  bench::SyntheticOptions gen;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) {
        std::cerr << "ansvar_bench: " << arg << " needs a value\n";
        std::exit(2);
      }
      return argv[++i];
    };
    if (arg == "--register")
      register_path = value();
    else if (arg == "--findings-out")
      findings_path = value();
    else if (arg == "--runs")
      runs = std::max(1, std::stoi(value()));
    else if (arg == "--threads")
      threads = static_cast<unsigned>(std::stoul(value()));
    else if (arg == "--lang")
      lang_name = value();
    else if (arg == "--seed")
      gen.seed = std::stoull(value());
    else if (arg == "--scale")
      gen.scale = std::stod(value());
    else {
      std::cerr << "usage: ansvar_bench [--register FILE] [--findings-out FILE] [--runs N] [--threads N] "
                   "[--lang sv|en] [--seed N] [--scale X]\n";
      return 2;
    }
  }
  const bool generated_default = register_path.empty();
  if (generated_default) register_path = bench::DefaultRegisterPath();
  if (findings_path.empty())
    findings_path = (std::filesystem::path(register_path).parent_path() / "findings.json").string();
  const rules::Lang lang = lang_name == "en" ? rules::Lang::kEn : rules::Lang::kSv;

  if (!Exists(register_path)) {
    if (!generated_default) {
      std::cerr << "ansvar_bench: " << register_path << " does not exist (run ansvar_bench_generate --out FILE)\n";
      return 2;
    }
    if (!GenerateInChild(register_path, gen)) {
      std::cerr << "ansvar_bench: could not generate " << register_path << "\n";
      return 1;
    }
  }
  const auto file_bytes = std::filesystem::file_size(register_path);

  // The pipeline of `ansvar check REGISTER --format json -o FILE`, step by step.
  const double cpu_start = ProcessCpu();
  const double main_cpu_start = ThreadCpu();
  const auto t_start = Clock::now();
  auto read = io::ReadRegisterFile(register_path);
  const auto t_parsed = Clock::now();
  const double cpu_parsed = ProcessCpu();
  const double main_cpu_parsed = ThreadCpu();
  if (!read.reg) {
    std::cerr << "ansvar_bench: " << register_path << " is not a usable register:\n"
              << io::FormatProblems(read.problems);
    return 1;
  }
  const model::Register& reg = *read.reg;
  auto rulebook = rules::Rulebook::Default();
  if (!reg.rulebook_overrides.empty()) {
    const auto problems = io::ApplyRulebookJson(rulebook, reg.rulebook_overrides, "$.rulebook");
    if (!problems.empty()) {
      std::cerr << "ansvar_bench: bad rulebook:\n" << io::FormatProblems(problems);
      return 1;
    }
  }
  const auto as_of = reg.as_of.value_or(model::Timestamp::StartOf(model::Date::FromYmd(2025, 6, 15)));
  const double cpu_index0 = ProcessCpu();
  const auto t_index0 = Clock::now();
  const rules::RegisterIndex index(reg);
  const auto t_indexed = Clock::now();
  const double cpu_indexed = ProcessCpu();
  const rules::CheckOptions check_options{as_of, threads};
  const double pcpu_eval0 = ProcessCpu();
  auto findings = rules::Check(index, rulebook, check_options);
  const auto t_evaluated = Clock::now();
  const double pcpu_evaluated = ProcessCpu();
  const double cpu_json0 = ProcessCpu();
  const std::string json = io::FindingsJson(findings, index, as_of, lang);
  const bool written = bench::WriteFile(findings_path, json);
  const auto t_written = Clock::now();
  const double cpu_written = ProcessCpu();
  if (!written) {
    std::cerr << "ansvar_bench: cannot write " << findings_path << "\n";
    return 1;
  }
  const double peak_pipeline = PeakRssMb();

  // Evaluation alone, repeated.
  std::vector<double> evals{Seconds(t_indexed, t_evaluated)};
  std::vector<double> eval_cpus{pcpu_evaluated - pcpu_eval0};
  for (int r = 1; r < runs; ++r) {
    const double c0 = ProcessCpu();
    const auto t0 = Clock::now();
    const auto again = rules::Check(index, rulebook, check_options);
    evals.push_back(Seconds(t0, Clock::now()));
    eval_cpus.push_back(ProcessCpu() - c0);
    if (again.size() != findings.size()) {
      std::cerr << "ansvar_bench: run " << r << " gave " << again.size() << " findings, not " << findings.size()
                << "\n";
      return 1;
    }
  }
  std::vector<double> sorted = evals;
  std::sort(sorted.begin(), sorted.end());
  const double eval_min = sorted.front();
  const double eval_median = sorted[sorted.size() / 2];
  std::sort(eval_cpus.begin(), eval_cpus.end());

  // Validation alone (it is part of parse_s), for the breakdown.
  const double cpu_v0 = ProcessCpu();
  const auto t_v0 = Clock::now();
  const auto problems = model::Validate(reg);
  const double validate_s = Seconds(t_v0, Clock::now());
  const double validate_cpu = ProcessCpu() - cpu_v0;

  const auto summary = rules::Summarize(findings);
  std::map<std::string_view, size_t> by_rule;
  for (const auto& f : findings) ++by_rule[rules::Code(f.rule)];

  const double total = Seconds(t_start, t_written);
  std::printf("register=%s\n", register_path.c_str());
  std::printf("file_mb=%.1f\n", static_cast<double>(file_bytes) / 1e6);
  std::fputs(bench::DescribeRegister(reg).c_str(), stdout);
  std::printf("threads=%u\n", threads);
  std::printf("parse_s=%.3f\n", Seconds(t_start, t_parsed));
  std::printf("validate_s=%.3f\n", validate_s);
  std::printf("index_s=%.3f\n", Seconds(t_index0, t_indexed));
  std::printf("eval_s_first=%.3f\n", evals.front());
  std::printf("eval_s_min=%.3f\n", eval_min);
  std::printf("eval_s_median=%.3f\n", eval_median);
  std::printf("eval_runs=%zu\n", evals.size());
  std::printf("findings_json_write_s=%.3f\n", Seconds(t_evaluated, t_written));
  std::printf("findings_json_mb=%.1f\n", static_cast<double>(json.size()) / 1e6);
  std::printf("total_s=%.3f\n", total);
  std::printf("findings=%zu\n", findings.size());
  std::printf("findings_error=%zu\nfindings_warning=%zu\nfindings_info=%zu\n", summary.error, summary.warning,
              summary.info);
  std::printf("rules_with_findings=%zu\n", by_rule.size());
  for (const auto& [rule, count] : by_rule)
    std::printf("rule_%.*s=%zu\n", static_cast<int>(rule.size()), rule.data(), count);
  // CPU seconds of all threads: the read uses two for a large register, evaluation `threads`, the rest one.
  std::printf("parse_cpu_s=%.3f\n", cpu_parsed - cpu_start);
  std::printf("parse_main_thread_cpu_s=%.3f\n", main_cpu_parsed - main_cpu_start);
  std::printf("validate_cpu_s=%.3f\n", validate_cpu);
  std::printf("index_cpu_s=%.3f\n", cpu_indexed - cpu_index0);
  std::printf("eval_cpu_s_median=%.3f\n", eval_cpus[eval_cpus.size() / 2]);
  std::printf("findings_json_write_cpu_s=%.3f\n", cpu_written - cpu_json0);
  std::printf("total_cpu_s=%.3f\n", (cpu_parsed - cpu_start) + (cpu_indexed - cpu_index0) +
                                        (pcpu_evaluated - pcpu_eval0) + (cpu_written - cpu_json0));
  std::printf("findings_per_s=%.0f\n", eval_median > 0 ? static_cast<double>(findings.size()) / eval_median : 0.0);
  std::printf("peak_rss_mb=%.0f\n", peak_pipeline);
  std::printf("peak_rss_mb_end=%.0f\n", PeakRssMb());
  std::printf("validate_problems=%zu\n", problems.size());
  std::printf("target_total_under_3s=%s\n", total < 3.0 ? "yes" : "no");
  std::printf("target_eval_under_1s=%s\n", eval_median < 1.0 ? "yes" : "no");
  std::printf("target_peak_under_2gb=%s\n", peak_pipeline * 1024.0 * 1024.0 < 2e9 ? "yes" : "no");  // 2e9 bytes
  return 0;
}
