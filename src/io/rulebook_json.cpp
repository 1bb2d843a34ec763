#include "io/rulebook_json.hpp"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "io/internal/json_in.hpp"
#include "io/internal/json_out.hpp"

namespace ansvar::io {
namespace {

using internal::JsonIn;
using internal::JsonOut;
using internal::od::value;
using rules::ForumLevel;

constexpr std::string_view kForumLevels[] = {"no", "as_needed", "yes", "mandatory"};

std::string FormatMonthDay(rules::MonthDay md) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02u-%02u", md.month, md.day);
  return buf;
}

void ReadMonthDay(JsonIn& in, value v, rules::MonthDay& out) {
  if (auto s = in.String(v, false)) {
    // A month and day that exist in a leap year ("12-31", "02-29" is refused: it would skip three years in four).
    if (auto d = model::ParseDate("2023-" + std::string(*s)); d && s->size() == 5)
      out = {d->month(), d->day()};
    else
      in.Error("expected a month and day \"MM-DD\", got \"" + std::string(*s) + "\"");
  }
}

void ReadPositive(JsonIn& in, value v, int& out, int max) {
  int n = out;
  in.Get(v, n);
  if (n < 0 || n > max)
    in.Error("expected a number from 0 to " + std::to_string(max));
  else
    out = n;
}

void ReadForums(JsonIn& in, value v, std::array<ForumLevel, model::kEnumCount<model::ForumKind>>& forums) {
  in.Object(v, [&](std::string_view key, value f) {
    const auto kind = model::ParseEnum<model::ForumKind>(key);
    if (!kind) {
      in.Error("unknown forum \"" + std::string(key) + "\"");
      return;
    }
    auto s = in.String(f, false);
    if (!s) return;
    for (size_t i = 0; i < std::size(kForumLevels); ++i)
      if (kForumLevels[i] == *s) {
        forums[static_cast<size_t>(*kind)] = static_cast<ForumLevel>(i);
        return;
      }
    in.Error("unknown value \"" + std::string(*s) + "\" (expected no, as_needed, yes or mandatory)");
  });
}

void ReadCategories(JsonIn& in, value v, rules::Rulebook& rb) {
  in.Object(v, [&](std::string_view key, value c) {
    const auto category = model::ParseEnum<model::Category>(key);
    if (!category) {
      in.Error("unknown category \"" + std::string(key) + "\"");
      return;
    }
    auto& cat = rb.For(*category);
    in.Object(c, [&](std::string_view k, value f) {
      if (k == "mandatory_roles")
        cat.mandatory_roles.clear(), in.Get(f, cat.mandatory_roles);
      else if (k == "roles_only_with_fee")
        cat.roles_only_with_fee.clear(), in.Get(f, cat.roles_only_with_fee);
      else if (k == "mandatory_documents")
        cat.mandatory_documents.clear(), in.Get(f, cat.mandatory_documents);
      else if (k == "forums")
        ReadForums(in, f, cat.forums);
    });
  });
}

void ReadRules(JsonIn& in, value v, rules::Rulebook& rb) {
  in.Object(v, [&](std::string_view key, value r) {
    const auto id = rules::ParseRuleCode(key);
    if (!id) {
      in.Error("unknown rule \"" + std::string(key) + "\"");
      return;
    }
    auto& setting = rb.Setting(*id);
    in.Object(r, [&](std::string_view k, value f) {
      if (k == "enabled") {
        in.Get(f, setting.enabled);
      } else if (k == "severity") {
        if (auto s = in.String(f, true)) {
          if (s->empty())
            setting.severity.reset();
          else if (auto sev = rules::ParseSeverity(*s))
            setting.severity = sev;
          else
            in.Error("unknown value \"" + std::string(*s) + "\" (expected error, warning or info)");
        }
      }
    });
  });
}

template <class T>
void Replace(JsonIn& in, value v, std::vector<T>& list) {
  list.clear();
  in.Get(v, list);
}

void ReadRulebook(JsonIn& in, value v, rules::Rulebook& rb) {
  in.Object(v, [&](std::string_view k, value f) {
    if (k == "dpia_threshold")
      ReadPositive(in, f, rb.dpia_threshold, 9);
    else if (k == "contract_notice_days")
      ReadPositive(in, f, rb.contract_notice_days, 3650);
    else if (k == "access_review_months")
      ReadPositive(in, f, rb.access_review_months, 120);
    else if (k == "log_review_months")
      ReadPositive(in, f, rb.log_review_months, 120);
    else if (k == "authority_notice_hours")
      ReadPositive(in, f, rb.authority_notice_hours, 10000);
    else if (k == "subjects_notice_hours")
      ReadPositive(in, f, rb.subjects_notice_hours, 10000);
    else if (k == "require_dpa_delegation")
      in.Get(f, rb.require_dpa_delegation);
    else if (k == "dsar_months")
      ReadPositive(in, f, rb.dsar_months, 12);
    else if (k == "dsar_extension_months")
      ReadPositive(in, f, rb.dsar_extension_months, 12);
    else if (k == "lis_review_months")
      ReadPositive(in, f, rb.lis_review_months, 120);
    else if (k == "classification_max_age_months")
      ReadPositive(in, f, rb.classification_max_age_months, 240);
    else if (k == "measure_due_soon_days")
      ReadPositive(in, f, rb.measure_due_soon_days, 365);
    else if (k == "reminder_days")
      ReadPositive(in, f, rb.reminder_days, 365);
    else if (k == "message_stale_days")
      ReadPositive(in, f, rb.message_stale_days, 365);
    else if (k == "plan_deadline")
      ReadMonthDay(in, f, rb.plan_deadline);
    else if (k == "plan_reminder")
      ReadMonthDay(in, f, rb.plan_reminder);
    else if (k == "report_deadline")
      ReadMonthDay(in, f, rb.report_deadline);
    else if (k == "scope_users_needs_two_administrations")
      in.Get(f, rb.scope_users_needs_two_administrations);
    else if (k == "retention_management_plan_years")
      ReadPositive(in, f, rb.retention_management_plan_years, 1000);
    else if (k == "retention_change_log_years")
      ReadPositive(in, f, rb.retention_change_log_years, 1000);
    else if (k == "retention_log_review_report_years")
      ReadPositive(in, f, rb.retention_log_review_report_years, 1000);
    else if (k == "procurement_roles")
      Replace(in, f, rb.procurement_roles);
    else if (k == "owner_titles")
      Replace(in, f, rb.owner_titles);
    else if (k == "infrastructure_owner_titles")
      Replace(in, f, rb.infrastructure_owner_titles);
    else if (k == "manager_titles")
      Replace(in, f, rb.manager_titles);
    else if (k == "dpa_clauses")
      Replace(in, f, rb.dpa_clauses);
    else if (k == "standing_documents")
      Replace(in, f, rb.standing_documents);
    else if (k == "diary_documents")
      Replace(in, f, rb.diary_documents);
    else if (k == "eea_countries")
      Replace(in, f, rb.eea_countries);
    else if (k == "cooperation_documents")
      Replace(in, f, rb.cooperation_documents);
    else if (k == "cooperation_duties")
      Replace(in, f, rb.cooperation_duties);
    else if (k == "cooperation_stakeholders")
      Replace(in, f, rb.cooperation_stakeholders);
    else if (k == "dpa_decisions_from")
      in.Get(f, rb.dpa_decisions_from);
    else if (k == "delegation_report_days")
      ReadPositive(in, f, rb.delegation_report_days, 3650);
    else if (k == "breach_records_from")
      in.Get(f, rb.breach_records_from);
    else if (k == "categories")
      ReadCategories(in, f, rb);
    else if (k == "rules")
      ReadRules(in, f, rb);
  });
}

}  // namespace

std::vector<model::Problem> ApplyRulebookJson(rules::Rulebook& rulebook, std::string_view json,
                                              const std::string& root) {
  const simdjson::padded_string padded(json);
  simdjson::ondemand::parser parser;
  simdjson::ondemand::document doc;
  JsonIn in(root);
  if (auto e = parser.iterate(padded).get(doc)) {
    in.SyntaxErrorAt(root, std::string("not a JSON document: ") + simdjson::error_message(e));
    return in.TakeProblems();
  }
  simdjson::ondemand::value v;
  if (auto e = doc.get_value().get(v)) {
    in.SyntaxErrorAt(root, std::string("not a JSON document: ") + simdjson::error_message(e));
    return in.TakeProblems();
  }
  rules::Rulebook candidate = rulebook;  // nothing changes unless all of it is good
  ReadRulebook(in, v, candidate);
  if (!in.fatal() && internal::HasTrailingContent(doc))
    in.SyntaxErrorAt(root, "invalid JSON: content after the end of the document");
  auto problems = in.TakeProblems();
  if (problems.empty()) rulebook = std::move(candidate);
  return problems;
}

std::vector<model::Problem> ApplyOrganizationRulebooks(rules::Rulebook& rulebook, const model::Register& reg) {
  std::vector<model::Problem> problems;
  auto by_org = std::make_shared<std::map<std::string, rules::Rulebook, std::less<>>>();
  rules::Rulebook base = rulebook;
  base.organizations.reset();
  for (size_t i = 0; i < reg.organizations.size(); ++i) {
    const auto& org = reg.organizations[i];
    if (org.rulebook_overrides.empty()) continue;
    rules::Rulebook own = base;
    auto found = ApplyRulebookJson(own, org.rulebook_overrides, "$.organizations[" + std::to_string(i) + "].rulebook");
    if (!found.empty()) {
      problems.insert(problems.end(), found.begin(), found.end());
      continue;
    }
    by_org->insert_or_assign(org.id.str(), std::move(own));
  }
  if (problems.empty()) rulebook.organizations = by_org->empty() ? nullptr : std::move(by_org);
  return problems;
}

rules::Rulebook EffectiveRulebook(rules::Rulebook base, const model::Register& reg) {
  if (!reg.rulebook_overrides.empty()) (void)ApplyRulebookJson(base, reg.rulebook_overrides, "$.rulebook");
  (void)ApplyOrganizationRulebooks(base, reg);
  return base;
}

std::vector<model::Problem> ApplyRulebookFile(rules::Rulebook& rulebook, const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) return {{path, "cannot read the rulebook file"}};
  std::stringstream buffer;
  buffer << file.rdbuf();
  return ApplyRulebookJson(rulebook, buffer.str(), path + ":$");
}

std::string RulebookJson(const rules::Rulebook& rb) {
  JsonOut o(true);
  auto names = [&](std::string_view key, const auto& list) {
    o.Key(key);
    o.BeginArray();
    for (const auto& v : list) {
      if constexpr (std::is_enum_v<std::decay_t<decltype(v)>>)
        o.String(model::ToString(v));
      else
        o.String(v);
    }
    o.EndArray();
  };
  o.BeginObject();
  o.Field("dpia_threshold", rb.dpia_threshold);
  o.Field("contract_notice_days", rb.contract_notice_days);
  o.Field("access_review_months", rb.access_review_months);
  o.Field("log_review_months", rb.log_review_months);
  o.Field("authority_notice_hours", rb.authority_notice_hours);
  o.Field("subjects_notice_hours", rb.subjects_notice_hours);
  o.Field("require_dpa_delegation", rb.require_dpa_delegation);
  o.Field("dsar_months", rb.dsar_months);
  o.Field("dsar_extension_months", rb.dsar_extension_months);
  o.Field("lis_review_months", rb.lis_review_months);
  o.Field("classification_max_age_months", rb.classification_max_age_months);
  o.Field("measure_due_soon_days", rb.measure_due_soon_days);
  o.Field("reminder_days", rb.reminder_days);
  o.Field("message_stale_days", rb.message_stale_days);
  o.Field("plan_deadline", FormatMonthDay(rb.plan_deadline));
  o.Field("plan_reminder", FormatMonthDay(rb.plan_reminder));
  o.Field("report_deadline", FormatMonthDay(rb.report_deadline));
  o.Field("scope_users_needs_two_administrations", rb.scope_users_needs_two_administrations);
  o.Field("retention_management_plan_years", rb.retention_management_plan_years);
  o.Field("retention_change_log_years", rb.retention_change_log_years);
  o.Field("retention_log_review_report_years", rb.retention_log_review_report_years);
  names("procurement_roles", rb.procurement_roles);
  names("owner_titles", rb.owner_titles);
  names("infrastructure_owner_titles", rb.infrastructure_owner_titles);
  names("manager_titles", rb.manager_titles);
  names("dpa_clauses", rb.dpa_clauses);
  names("standing_documents", rb.standing_documents);
  names("diary_documents", rb.diary_documents);
  names("eea_countries", rb.eea_countries);
  names("cooperation_documents", rb.cooperation_documents);
  names("cooperation_duties", rb.cooperation_duties);
  names("cooperation_stakeholders", rb.cooperation_stakeholders);
  o.Key("dpa_decisions_from");
  if (rb.dpa_decisions_from)
    o.String(model::FormatDate(*rb.dpa_decisions_from));
  else
    o.Null();
  o.Field("delegation_report_days", rb.delegation_report_days);
  o.Key("breach_records_from");
  if (rb.breach_records_from)
    o.String(model::FormatDate(*rb.breach_records_from));
  else
    o.Null();
  o.Key("categories");
  o.BeginObject();
  for (auto c : model::AllValues<model::Category>()) {
    const auto& cat = rb.For(c);
    o.Key(model::ToString(c));
    o.BeginObject();
    names("mandatory_roles", cat.mandatory_roles);
    names("roles_only_with_fee", cat.roles_only_with_fee);
    names("mandatory_documents", cat.mandatory_documents);
    o.Key("forums");
    o.BeginObject();
    for (auto f : model::AllValues<model::ForumKind>())
      o.Field(model::ToString(f), kForumLevels[static_cast<size_t>(cat.forums[static_cast<size_t>(f)])]);
    o.EndObject();
    o.EndObject();
  }
  o.EndObject();
  o.Key("rules");
  o.BeginObject();
  for (const auto& info : rules::AllRules()) {
    const auto& s = rb.Setting(info.id);
    o.Key(info.code);
    o.BeginObject();
    o.Field("enabled", s.enabled);
    o.Key("severity");  // null: the rule's own severities
    if (s.severity)
      o.String(rules::ToString(*s.severity));
    else
      o.Null();
    o.EndObject();
  }
  o.EndObject();
  o.EndObject();
  return o.Take();
}

namespace {

// The schema of one value RulebookJson wrote for the defaults. A null is a date not set ("…_from") or a rule's own
// severities.
void SchemaOf(JsonOut& o, simdjson::dom::element v, std::string_view key, bool overrides, int depth) {
  o.BeginObject();
  simdjson::dom::object obj;
  std::string_view text;
  if (v.get(obj) == simdjson::SUCCESS) {
    o.Field("type", "object");
    std::vector<std::string> names;
    o.Key("properties");
    o.BeginObject();
    for (auto field : obj) {
      names.emplace_back(field.key);
      o.Key(field.key);
      SchemaOf(o, field.value, field.key, overrides, depth + 1);
    }
    o.EndObject();
    if (!overrides) o.Field("required", names);
    o.Field("additionalProperties", overrides && depth == 0);
  } else if (v.is_array()) {
    o.Field("type", "array");
    o.Key("items");
    o.BeginObject();
    o.Field("type", "string");
    o.EndObject();
  } else if (v.is_bool()) {
    o.Field("type", "boolean");
  } else if (v.is_int64() || v.is_uint64()) {
    o.Field("type", "integer");
  } else if (v.get(text) == simdjson::SUCCESS) {
    o.Field("type", "string");
    if (key.ends_with("_deadline") || key.ends_with("_reminder")) {
      o.Field("pattern", "^[0-9]{2}-[0-9]{2}$");
      o.Field("description", "A month and day, MM-DD");
    } else if (std::find(std::begin(kForumLevels), std::end(kForumLevels), text) != std::end(kForumLevels)) {
      o.Key("enum");
      o.BeginArray();
      for (auto level : kForumLevels) o.String(level);
      o.EndArray();
    }
  } else if (key == "severity") {  // null: the rule's own severities
    o.Key("enum");
    o.BeginArray();
    for (const char* severity : {"error", "warning", "info"}) o.String(severity);
    o.Null();
    o.EndArray();
    o.Field("description", "null: the rule's own severities");
  } else {  // null: a date not set ("…_from")
    o.Key("type");
    o.BeginArray();
    o.String("string");
    o.String("null");
    o.EndArray();
    o.Field("format", "date");
  }
  o.EndObject();
}

}  // namespace

std::string RulebookJsonSchema(bool overrides) {
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  JsonOut o(false);
  if (parser.parse(simdjson::padded_string(RulebookJson(rules::Rulebook::Default()))).get(root) !=
      simdjson::SUCCESS) {  // our own writer's output: cannot happen
    o.BeginObject();
    o.Field("type", "object");
    o.EndObject();
    return o.Take();
  }
  SchemaOf(o, root, "", overrides, 0);
  return o.Take();
}

}  // namespace ansvar::io
