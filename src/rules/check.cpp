#include "rules/check.hpp"

#include <algorithm>
#include <thread>

#include "rules/evaluators/context.hpp"

namespace ansvar::rules {
namespace {

using internal::EvalContext;
using internal::Sink;

using SystemFamily = void (*)(const EvalContext&, const model::System&, Sink&);
using RegisterFamily = void (*)(const EvalContext&, Sink&);

constexpr SystemFamily kSystemFamilies[] = {
    internal::EvaluateRoles,          internal::EvaluateScope,       internal::EvaluateDocuments,
    internal::EvaluateAnnualCycle,    internal::EvaluateDpa,         internal::EvaluateProcessorRecord,
    internal::EvaluateSecurity,       internal::EvaluateCooperation, internal::EvaluateReferenceDpia,
    internal::EvaluateCooperationDpa, internal::EvaluateDecisionsOf,
};

constexpr RegisterFamily kRegisterFamilies[] = {
    internal::EvaluateDelegations,
    internal::EvaluateProcessingActivities,
    internal::EvaluateDpias,
    internal::EvaluateIncidents,
    internal::EvaluateRequests,
    internal::EvaluateManagementReviews,
    internal::EvaluateCooperations,
    internal::EvaluateDpaDecisions,
    internal::EvaluatePowersOfAttorney,
    internal::EvaluateMeasures,
};

// Each system is judged by its organization's effective rulebook: the families see it as ctx.rulebook.
void EvaluateSystems(const EvalContext& ctx, size_t begin, size_t end, Sink& out) {
  const auto& systems = ctx.reg().systems;
  for (size_t i = begin; i < end; ++i) {
    const auto& rb = ctx.ForSystem(systems[i]);
    const EvalContext own{ctx.index, rb, ctx.as_of, ctx.today};
    out.Judge(rb);
    for (auto family : kSystemFamilies) family(own, systems[i], out);
  }
}

bool Before(const Finding& a, const Finding& b) {
  if (a.severity != b.severity) return a.severity < b.severity;
  if (a.subject != b.subject) return a.subject < b.subject;
  if (a.rule != b.rule) return a.rule < b.rule;
  return a.detail < b.detail;
}

}  // namespace

std::vector<Finding> Check(const RegisterIndex& index, const Rulebook& rulebook, const CheckOptions& options) {
  const EvalContext ctx{index, rulebook, options.as_of, options.as_of.date()};
  const size_t n = index.reg().systems.size();
  unsigned threads = options.threads != 0 ? options.threads : std::max(1u, std::thread::hardware_concurrency());
  if (n < 2000) threads = 1;

  std::vector<Sink> sinks(threads + 1);
  for (auto& sink : sinks) sink.Judge(rulebook);
  {
    std::vector<std::jthread> workers;
    for (unsigned t = 1; t < threads; ++t)
      workers.emplace_back([&, t] { EvaluateSystems(ctx, n * t / threads, n * (t + 1) / threads, sinks[t]); });
    EvaluateSystems(ctx, 0, n / threads, sinks[0]);
    for (auto family : kRegisterFamilies) {
      sinks[threads].Judge(rulebook);  // each family names the judge of its subjects
      family(ctx, sinks[threads]);
    }
  }

  size_t total = 0;
  for (auto& s : sinks) total += s.findings().size();
  std::vector<Finding> findings;
  findings.reserve(total);
  for (auto& s : sinks) {
    for (size_t i = 0; i < s.findings().size(); ++i) {
      auto& f = s.findings()[i];
      const auto& setting = s.JudgeOf(i)->Setting(f.rule);
      if (!setting.enabled) continue;
      if (setting.severity && f.severity != Severity::kInfo) f.severity = *setting.severity;
      findings.push_back(std::move(f));
    }
  }
  std::sort(findings.begin(), findings.end(), Before);
  findings.erase(std::unique(findings.begin(), findings.end()), findings.end());
  return findings;
}

std::vector<Finding> Check(const model::Register& reg, const Rulebook& rulebook, const CheckOptions& options) {
  const RegisterIndex index(reg);
  return Check(index, rulebook, options);
}

Summary Summarize(const std::vector<Finding>& findings) {
  Summary s;
  for (const auto& f : findings) {
    switch (f.severity) {
      case Severity::kError:
        ++s.error;
        break;
      case Severity::kWarning:
        ++s.warning;
        break;
      case Severity::kInfo:
        ++s.info;
        break;
    }
  }
  return s;
}

}  // namespace ansvar::rules
