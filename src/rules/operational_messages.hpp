#pragma once
// Operational messages (driftinformation), model.md §7 (K: Kommunikation): what a message is, whom it targets,
// when it is published, and R-MSG-STALE. Messages are not part of the register (the exchange format has none):
// the service keeps them beside it, and this is their pure core.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/time.hpp"
#include "rules/finding.hpp"
#include "rules/register_index.hpp"
#include "rules/rulebook.hpp"

namespace ansvar::rules {

// crisis: a disruption with large consequences or a serious event; information: small consequences, a planned
// disruption, a practical request.
enum class MessageType { kCrisis, kInformation };
// high: a banner, listed and notified, closable; normal: listed and notified.
enum class MessagePriority { kHigh, kNormal };
// With its colour: major_impact purple, limited_impact blue, resolved green.
enum class MessageStatus { kMajorImpact, kLimitedImpact, kResolved };

std::string_view ToString(MessageType v);
std::string_view ToString(MessagePriority v);
std::string_view ToString(MessageStatus v);
std::optional<MessageType> ParseMessageType(std::string_view s);
std::optional<MessagePriority> ParseMessagePriority(std::string_view s);
std::optional<MessageStatus> ParseMessageStatus(std::string_view s);
std::string_view Colour(MessageStatus v);  // "purple", "blue", "green"
std::string_view StatusText(MessageStatus v, Lang lang);

struct OperationalMessage {
  std::string id;
  MessageType type = MessageType::kInformation;
  MessagePriority priority = MessagePriority::kNormal;
  MessageStatus status = MessageStatus::kLimitedImpact;
  std::string title;
  std::string body;
  std::string system;                        // the system the message is about
  std::vector<std::string> administrations;  // the target group; empty: the administrations that use the system
  model::Timestamp valid_from;
  std::optional<model::Timestamp> valid_to;
  // Kept by the service, not the client: when the status became resolved, and when it was taken down.
  std::optional<model::Timestamp> resolved_at;
  std::optional<model::Timestamp> taken_down_at;
  model::Timestamp created_at;
  model::Timestamp updated_at;
  friend bool operator==(const OperationalMessage&, const OperationalMessage&) = default;
};

// The target group: the message's own administrations, else the system's `used_by`.
std::vector<std::string> TargetAdministrations(const OperationalMessage& m, const RegisterIndex& index);

// Resolved (or past valid_to) for more than the rulebook's message_stale_days at `now`.
bool IsStale(const OperationalMessage& m, const Rulebook& rb, model::Timestamp now);
// Shown in the web interface and the Atom feed: not taken down, begun, and not stale. A stale message is hidden at
// once; R-MSG-STALE keeps reporting it until someone takes it down.
bool IsPublished(const OperationalMessage& m, const Rulebook& rb, model::Timestamp now);

// R-MSG-STALE (warning): a stale message not taken down. The finding's subject is the message's system
// (the exchange format has no subject type for messages); detail: {"message": id, "title": title}.
std::vector<Finding> StaleMessageFindings(const std::vector<OperationalMessage>& messages, const Rulebook& rb,
                                          model::Timestamp now);

}  // namespace ansvar::rules
