// ansvar_bench: times `ansvar check` and `ansvar derive` on a large register, phase by phase, beside baselines
// measured in the same run (reading the file, simdjson parsing it, writing as many bytes as the findings).
//   ansvar_bench [--register FILE] [--shape national|flat] [--findings-out FILE] [--runs 3] [--threads 0]
//                [--lang sv|en] [--seed N] [--scale X]      (--seed, --scale: only when the register is generated)
// Without --register it uses bench/out/national.json (--shape flat: bench/out/flat.json) and generates it first,
// in a child process so that the generator's memory does not count, when it is missing. Any register file will do.
#include <simdjson.h>
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
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "bench_support.hpp"
#include "flat_register.hpp"
#include "io/output_file.hpp"
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

// Resident memory now (MiB): what the process holds at one point, beside the peak.
double RssMb() {
  std::ifstream statm("/proc/self/statm");
  double pages = 0, resident = 0;
  statm >> pages >> resident;
  return resident * static_cast<double>(sysconf(_SC_PAGESIZE)) / (1024.0 * 1024.0);
}

// System (kernel) CPU seconds of the whole process: page faults, zeroing fresh pages, mapping files.
double SystemCpu() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_stime.tv_sec) + static_cast<double>(usage.ru_stime.tv_usec) * 1e-6;
}

bool Exists(const std::string& path) {
  struct stat st {};
  return stat(path.c_str(), &st) == 0;
}

// A timed step: wall and CPU seconds of all threads.
struct Timing {
  double wall = 0;
  double cpu = 0;
};
template <class Fn>
Timing Time(Fn&& fn) {
  const double c0 = ProcessCpu();
  const auto t0 = Clock::now();
  fn();
  return {Seconds(t0, Clock::now()), ProcessCpu() - c0};
}

// Generates the register in a child process: its peak memory is not ours.
bool GenerateInChild(const std::string& path, const std::string& shape,
                     const ansvar::bench::SyntheticOptions& options) {
  std::fflush(stdout);
  const auto t0 = Clock::now();
  const pid_t pid = fork();
  if (pid < 0) return false;
  if (pid == 0) {
    size_t bytes = 0;
    ansvar::bench::FlatOptions flat;
    flat.seed = options.seed;
    const bool ok = shape == "flat"
                        ? ansvar::bench::WriteFlatRegister(flat, path, bytes)
                        : ansvar::bench::WriteRegisterFile(ansvar::bench::GenerateRegister(options), path, bytes);
    std::fflush(stdout);
    _exit(ok ? 0 : 1);
  }
  int status = 0;
  if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) || WEXITSTATUS(status) != 0) return false;
  std::printf("generated=%s\ngenerate_s=%.2f\n", path.c_str(), Seconds(t0, Clock::now()));
  return true;
}

// Streams a report into a file as the CLI does (-o FILE); the bytes written.
template <class Fn>
size_t WriteReport(const std::string& path, Fn&& report) {
  auto out = ansvar::io::OutputFile::Open(path);
  size_t bytes = 0;
  const auto write = [&](std::string_view piece) {
    bytes += piece.size();
    return out->Write(piece);
  };
  if (!out || !report(write) || !out->Close()) {
    std::cerr << "ansvar_bench: cannot write " << path << "\n";
    std::exit(1);
  }
  return bytes;
}

// One line of the closing table: a figure, its rate, and its ratio to the baseline of its kind.
struct Row {
  std::string what;
  double seconds = 0;
  double cpu = 0;
  std::string rate;
  std::string baseline;  // the baseline it is compared with
  double ratio = 0;      // seconds / the baseline's seconds
  std::string target;
  std::string met;  // yes, no or empty
};

void PrintTable(const std::vector<Row>& rows) {
  std::printf("\n%-34s %9s %9s %14s %11s %-18s %-16s %s\n", "phase", "wall_s", "cpu_s", "rate", "x_baseline",
              "baseline", "target", "met");
  for (const auto& r : rows) {
    char ratio[32] = "";
    if (r.ratio > 0) std::snprintf(ratio, sizeof ratio, "%.2f", r.ratio);
    char wall[32] = "";  // a row of CPU seconds alone has no wall time (seconds < 0)
    if (r.seconds >= 0) std::snprintf(wall, sizeof wall, "%.3f", r.seconds);
    std::printf("%-34s %9s %9.3f %14s %11s %-18s %-16s %s\n", r.what.c_str(), wall, r.cpu, r.rate.c_str(), ratio,
                r.baseline.c_str(), r.target.c_str(), r.met.c_str());
  }
}

std::string Rate(double amount, double seconds, const char* unit) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%.0f %s", seconds > 0 ? amount / seconds : 0.0, unit);
  return buf;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace ansvar;
  std::string register_path;
  std::string findings_path;
  std::string shape = "national";
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
    else if (arg == "--shape")
      shape = value();
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
      std::cerr << "usage: ansvar_bench [--register FILE] [--shape national|flat] [--findings-out FILE] [--runs N] "
                   "[--threads N] [--lang sv|en] [--seed N] [--scale X]\n";
      return 2;
    }
  }
  if (shape != "national" && shape != "flat") {
    std::cerr << "ansvar_bench: --shape: national or flat\n";
    return 2;
  }
  const bool generated_default = register_path.empty();
  if (generated_default)
    register_path = shape == "flat" ? bench::DefaultFlatRegisterPath() : bench::DefaultRegisterPath();
  const auto out_dir = std::filesystem::path(register_path).parent_path();
  if (findings_path.empty()) findings_path = (out_dir / "findings.json").string();
  const std::string text_path = (out_dir / "findings.txt").string();
  const std::string derive_path = (out_dir / "derive.json").string();
  const std::string baseline_path = (out_dir / "baseline.out").string();
  const rules::Lang lang = lang_name == "en" ? rules::Lang::kEn : rules::Lang::kSv;

  if (!Exists(register_path)) {
    if (!generated_default) {
      std::cerr << "ansvar_bench: " << register_path << " does not exist (run ansvar_bench_generate --out FILE)\n";
      return 2;
    }
    if (!GenerateInChild(register_path, shape, gen)) {
      std::cerr << "ansvar_bench: could not generate " << register_path << "\n";
      return 1;
    }
  }
  const auto file_bytes = static_cast<double>(std::filesystem::file_size(register_path));
  const double file_mb = file_bytes / 1e6;

  // The pipeline of `ansvar check REGISTER --format json -o FILE`, step by step.
  const double main_cpu_start = ThreadCpu();
  std::optional<io::ReadResult> read;
  const double rss_start = RssMb(), sys_start = SystemCpu();
  const Timing parse = Time([&] { read = io::ReadRegisterFile(register_path); });
  const double parse_main_cpu = ThreadCpu() - main_cpu_start;
  const double parse_sys_cpu = SystemCpu() - sys_start;
  const double model_mb = RssMb() - rss_start;  // the register read (its file is unmapped by now)
  if (!read->reg) {
    std::cerr << "ansvar_bench: " << register_path << " is not a usable register:\n"
              << io::FormatProblems(read->problems);
    return 1;
  }
  const model::Register& reg = *read->reg;
  auto rulebook = rules::Rulebook::Default();
  if (!reg.rulebook_overrides.empty()) {
    const auto problems = io::ApplyRulebookJson(rulebook, reg.rulebook_overrides, "$.rulebook");
    if (!problems.empty()) {
      std::cerr << "ansvar_bench: bad rulebook:\n" << io::FormatProblems(problems);
      return 1;
    }
  }
  const auto as_of = reg.as_of.value_or(model::Timestamp::StartOf(model::Date::FromYmd(2025, 6, 15)));
  std::optional<rules::RegisterIndex> index_holder;
  const Timing index_t = Time([&] { index_holder.emplace(reg); });
  const double index_mb = RssMb() - rss_start - model_mb;
  const rules::RegisterIndex& index = *index_holder;
  const rules::CheckOptions check_options{as_of, threads};
  std::vector<rules::Finding> findings;
  const Timing eval_first = Time([&] { findings = rules::Check(index, rulebook, check_options); });
  size_t json_bytes = 0;
  const Timing json_t = Time([&] {
    json_bytes = WriteReport(findings_path, [&](const io::WriteOutput& w) {
      return io::WriteFindingsJson(w, findings, index, as_of, lang, true, threads);
    });
  });
  const double peak_pipeline = PeakRssMb();

  // The text report, and `derive --format json`, from the same index.
  size_t text_bytes = 0, derive_bytes = 0;
  const Timing text_t = Time([&] {
    text_bytes = WriteReport(text_path, [&](const io::WriteOutput& w) {
      return io::WriteFindingsText(w, findings, index, as_of, lang, threads);
    });
  });
  const Timing derive_t = Time([&] {
    derive_bytes = WriteReport(
        derive_path, [&](const io::WriteOutput& w) { return io::WriteDeriveJson(w, index, rulebook, true, threads); });
  });

  // Evaluation alone, repeated.
  std::vector<Timing> evals{eval_first};
  for (int r = 1; r < runs; ++r) {
    std::vector<rules::Finding> again;
    evals.push_back(Time([&] { again = rules::Check(index, rulebook, check_options); }));
    if (again.size() != findings.size()) {
      std::cerr << "ansvar_bench: run " << r << " gave " << again.size() << " findings, not " << findings.size()
                << "\n";
      return 1;
    }
  }
  auto by_wall = evals;
  std::sort(by_wall.begin(), by_wall.end(), [](const Timing& a, const Timing& b) { return a.wall < b.wall; });
  const Timing eval_min = by_wall.front();
  const Timing eval_median = by_wall[by_wall.size() / 2];

  // Validation alone (it is part of parse), for the breakdown.
  std::vector<model::Problem> problems;
  const Timing validate_t = Time([&] { problems = model::Validate(reg); });

  // Baselines, in the same run: the file read (page cache), simdjson parsing it into its DOM (what a JSON parser
  // does at best on this machine), and writing as many bytes as the JSON findings to the same directory.
  std::string text;
  const Timing read_t = Time([&] {
    std::ifstream in(register_path, std::ios::binary);
    text.resize(static_cast<size_t>(file_bytes));
    in.read(text.data(), static_cast<std::streamsize>(text.size()));
  });
  Timing simdjson_t;
  {
    const simdjson::padded_string padded(text);
    simdjson::dom::parser parser;
    // Parsed twice, the second timed: the first allocates and touches the parser's memory (the reader's parsers
    // are as cold as this first one, which is left to count against the reader).
    simdjson::error_code error = parser.parse(padded).error();
    if (error == simdjson::SUCCESS) simdjson_t = Time([&] { error = parser.parse(padded).error(); });
    if (error != simdjson::SUCCESS) {
      std::cerr << "ansvar_bench: simdjson: " << simdjson::error_message(error) << "\n";
      return 1;
    }
  }
  text.assign(json_bytes, 'x');
  const Timing write_t = Time([&] { WriteReport(baseline_path, [&](const io::WriteOutput& w) { return w(text); }); });
  std::filesystem::remove(baseline_path);

  const auto summary = rules::Summarize(findings);
  std::map<std::string_view, size_t> by_rule;
  for (const auto& f : findings) ++by_rule[rules::Code(f.rule)];

  const double check_total = parse.wall + index_t.wall + eval_first.wall + json_t.wall;
  const double check_cpu = parse.cpu + index_t.cpu + eval_first.cpu + json_t.cpu;
  const double derive_total = parse.wall + index_t.wall + derive_t.wall;
  const double parse_mb_s = file_mb / parse.wall;
  const double json_mb = static_cast<double>(json_bytes) / 1e6;
  std::printf("register=%s\n", register_path.c_str());
  std::printf("file_mb=%.1f\n", file_mb);
  std::fputs(bench::DescribeRegister(reg).c_str(), stdout);
  std::printf("threads=%u\n", threads);
  std::printf("baseline_read_s=%.3f\nbaseline_simdjson_s=%.3f\nbaseline_write_s=%.3f\n", read_t.wall, simdjson_t.wall,
              write_t.wall);
  std::printf("parse_s=%.3f\nparse_mb_s=%.0f\n", parse.wall, parse_mb_s);
  std::printf("validate_s=%.3f\n", validate_t.wall);
  std::printf("index_s=%.3f\n", index_t.wall);
  std::printf("eval_s_first=%.3f\neval_s_min=%.3f\neval_s_median=%.3f\neval_runs=%zu\n", eval_first.wall, eval_min.wall,
              eval_median.wall, evals.size());
  std::printf("findings_json_write_s=%.3f\nfindings_json_mb=%.1f\n", json_t.wall, json_mb);
  std::printf("findings_text_write_s=%.3f\nfindings_text_mb=%.1f\n", text_t.wall,
              static_cast<double>(text_bytes) / 1e6);
  std::printf("derive_json_write_s=%.3f\nderive_json_mb=%.1f\n", derive_t.wall,
              static_cast<double>(derive_bytes) / 1e6);
  std::printf("total_s=%.3f\n", check_total);
  std::printf("derive_total_s=%.3f\n", derive_total);
  std::printf("findings=%zu\n", findings.size());
  std::printf("findings_error=%zu\nfindings_warning=%zu\nfindings_info=%zu\n", summary.error, summary.warning,
              summary.info);
  std::printf("rules_with_findings=%zu\n", by_rule.size());
  for (const auto& [rule, count] : by_rule)
    std::printf("rule_%.*s=%zu\n", static_cast<int>(rule.size()), rule.data(), count);
  // CPU seconds of all threads: the read uses two for a large register, evaluation and output `threads`.
  std::printf("parse_cpu_s=%.3f\nparse_main_thread_cpu_s=%.3f\n", parse.cpu, parse_main_cpu);
  std::printf("validate_cpu_s=%.3f\nindex_cpu_s=%.3f\neval_cpu_s_median=%.3f\n", validate_t.cpu, index_t.cpu,
              eval_median.cpu);
  std::printf("findings_json_write_cpu_s=%.3f\nfindings_text_write_cpu_s=%.3f\nderive_json_write_cpu_s=%.3f\n",
              json_t.cpu, text_t.cpu, derive_t.cpu);
  std::printf("total_cpu_s=%.3f\n", check_cpu);
  std::printf("findings_per_s=%.0f\n",
              eval_median.wall > 0 ? static_cast<double>(findings.size()) / eval_median.wall : 0.0);
  std::printf("parse_sys_cpu_s=%.3f\n", parse_sys_cpu);
  std::printf("model_rss_mb=%.0f\nindex_rss_mb=%.0f\n", model_mb, index_mb);
  std::printf("peak_rss_mb=%.0f\n", peak_pipeline);
  std::printf("peak_rss_mb_end=%.0f\n", PeakRssMb());
  std::printf("validate_problems=%zu\n", problems.size());
  const bool parse_ok = parse_mb_s >= 400, total_ok = check_total < 1.0, derive_ok = derive_total < 1.0;
  const bool peak_ok = peak_pipeline * 1024.0 * 1024.0 < 1e9;  // 1e9 bytes
  std::printf("target_parse_400mb_s=%s\n", parse_ok ? "yes" : "no");
  std::printf("target_check_under_1s=%s\n", total_ok ? "yes" : "no");
  std::printf("target_derive_under_1s=%s\n", derive_ok ? "yes" : "no");
  std::printf("target_peak_under_1gb=%s\n", peak_ok ? "yes" : "no");

  const auto yes = [](bool b) { return std::string(b ? "yes" : "no"); };
  const double findings_n = static_cast<double>(findings.size());
  const double systems_n = static_cast<double>(reg.systems.size());
  std::vector<Row> rows = {
      {"baseline: read file", read_t.wall, read_t.cpu, Rate(file_mb, read_t.wall, "MB/s"), "", 0, "", ""},
      {"baseline: simdjson DOM parse", simdjson_t.wall, simdjson_t.cpu, Rate(file_mb, simdjson_t.wall, "MB/s"), "", 0,
       "", ""},
      {"baseline: write findings' bytes", write_t.wall, write_t.cpu, Rate(json_mb, write_t.wall, "MB/s"), "", 0, "",
       ""},
      {"parse + validate", parse.wall, parse.cpu, Rate(file_mb, parse.wall, "MB/s"), "simdjson parse",
       parse.wall / simdjson_t.wall, ">= 400 MB/s", yes(parse_ok)},
      {"  of which validate (alone)", validate_t.wall, validate_t.cpu, "", "simdjson parse",
       validate_t.wall / simdjson_t.wall, "", ""},
      {"  of which in the kernel", -1, parse_sys_cpu, "", "", 0, "", ""},
      {"index", index_t.wall, index_t.cpu, Rate(systems_n, index_t.wall, "systems/s"), "simdjson parse",
       index_t.wall / simdjson_t.wall, "", ""},
      {"evaluation (median)", eval_median.wall, eval_median.cpu, Rate(findings_n, eval_median.wall, "findings/s"),
       "simdjson parse", eval_median.wall / simdjson_t.wall, "", ""},
      {"findings json, streamed", json_t.wall, json_t.cpu, Rate(json_mb, json_t.wall, "MB/s"), "write bytes",
       json_t.wall / write_t.wall, "", ""},
      {"findings text, streamed", text_t.wall, text_t.cpu,
       Rate(static_cast<double>(text_bytes) / 1e6, text_t.wall, "MB/s"), "write bytes", text_t.wall / write_t.wall, "",
       ""},
      {"derive json, streamed", derive_t.wall, derive_t.cpu,
       Rate(static_cast<double>(derive_bytes) / 1e6, derive_t.wall, "MB/s"), "write bytes",
       derive_t.wall / write_t.wall, "", ""},
      {"check --format json (in process)", check_total, check_cpu, Rate(file_mb, check_total, "MB/s"), "simdjson parse",
       check_total / simdjson_t.wall, "< 1 s", yes(total_ok)},
      {"derive --format json (in process)", derive_total, parse.cpu + index_t.cpu + derive_t.cpu,
       Rate(file_mb, derive_total, "MB/s"), "simdjson parse", derive_total / simdjson_t.wall, "< 1 s", yes(derive_ok)},
  };
  PrintTable(rows);
  std::printf("%-34s %9.0f MiB %-30s %-16s %s\n", "peak memory of check", peak_pipeline, "", "< 1 GB",
              yes(peak_ok).c_str());
  std::printf("%-34s %9.0f MiB\n", "  the register read (model)", model_mb);
  std::printf("%-34s %9.0f MiB\n", "  the index", index_mb);
  return 0;
}
