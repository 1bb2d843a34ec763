// Operational messages: model.md §7 (K: Kommunikation).
#include "rules/operational_messages.hpp"

namespace ansvar::rules {

std::string_view ToString(MessageType v) { return v == MessageType::kCrisis ? "crisis" : "information"; }
std::string_view ToString(MessagePriority v) { return v == MessagePriority::kHigh ? "high" : "normal"; }
std::string_view ToString(MessageStatus v) {
  switch (v) {
    case MessageStatus::kMajorImpact:
      return "major_impact";
    case MessageStatus::kLimitedImpact:
      return "limited_impact";
    case MessageStatus::kResolved:
      return "resolved";
  }
  return "limited_impact";
}

std::optional<MessageType> ParseMessageType(std::string_view s) {
  if (s == "crisis") return MessageType::kCrisis;
  if (s == "information") return MessageType::kInformation;
  return std::nullopt;
}
std::optional<MessagePriority> ParseMessagePriority(std::string_view s) {
  if (s == "high") return MessagePriority::kHigh;
  if (s == "normal") return MessagePriority::kNormal;
  return std::nullopt;
}
std::optional<MessageStatus> ParseMessageStatus(std::string_view s) {
  for (auto v : {MessageStatus::kMajorImpact, MessageStatus::kLimitedImpact, MessageStatus::kResolved})
    if (ToString(v) == s) return v;
  return std::nullopt;
}

std::string_view Colour(MessageStatus v) {
  switch (v) {
    case MessageStatus::kMajorImpact:
      return "purple";
    case MessageStatus::kLimitedImpact:
      return "blue";
    case MessageStatus::kResolved:
      return "green";
  }
  return "blue";
}

std::string_view StatusText(MessageStatus v, Lang lang) {
  const bool sv = lang == Lang::kSv;
  switch (v) {
    case MessageStatus::kMajorImpact:
      return sv ? "Stor påverkan" : "Major impact";
    case MessageStatus::kLimitedImpact:
      return sv ? "Begränsad påverkan" : "Limited impact";
    case MessageStatus::kResolved:
      return sv ? "Åtgärdat" : "Resolved";
  }
  return "";
}

std::vector<std::string> TargetAdministrations(const OperationalMessage& m, const RegisterIndex& index) {
  if (!m.administrations.empty()) return m.administrations;
  std::vector<std::string> out;
  if (const auto* s = index.FindSystem(m.system))
    for (const auto& a : s->used_by) out.push_back(a.str());
  return out;
}

bool IsStale(const OperationalMessage& m, const Rulebook& rb, model::Timestamp now) {
  const int64_t grace = int64_t{rb.message_stale_days} * 86400;
  if (m.status == MessageStatus::kResolved) {
    const auto since = m.resolved_at.value_or(m.updated_at);
    if (now.seconds() > since.seconds() + grace) return true;
  }
  return m.valid_to && now.seconds() > m.valid_to->seconds() + grace;
}

bool IsPublished(const OperationalMessage& m, const Rulebook& rb, model::Timestamp now) {
  return !m.taken_down_at && m.valid_from <= now && !IsStale(m, rb, now);
}

std::vector<Finding> StaleMessageFindings(const std::vector<OperationalMessage>& messages, const Rulebook& rb,
                                          model::Timestamp now) {
  std::vector<Finding> out;
  const auto& setting = rb.Setting(RuleId::kMsgStale);
  if (!setting.enabled) return out;
  for (const auto& m : messages) {
    if (m.taken_down_at || !IsStale(m, rb, now)) continue;
    out.push_back(Finding{RuleId::kMsgStale, setting.severity.value_or(Severity::kWarning),
                          Subject{SubjectType::kSystem, m.system}, Detail{{"message", m.id}, {"title", m.title}}});
  }
  return out;
}

}  // namespace ansvar::rules
