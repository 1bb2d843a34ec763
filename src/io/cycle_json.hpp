#pragma once
// The annual cycle as JSON: due items (GET /api/v1/due, `ansvar due --format json`) and operational messages
// (/api/v1/messages, and the document the store keeps for each).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/validate.hpp"
#include "rules/due.hpp"
#include "rules/operational_messages.hpp"

namespace ansvar::io {

// A due item with the names it is shown with, copied out of the register.
struct DueLine {
  rules::DueItem item;
  std::string title;         // in the asked language
  std::string subject_name;  // "Raindance"
  std::string person_name;   // "" without a person
  std::string person_email;
  std::string committee_name;
};

std::vector<DueLine> DueLines(const std::vector<rules::DueItem>& items, const rules::RegisterIndex& index,
                              rules::Lang lang);

// {"items":[{"rule","severity","subject":{"type","id","name"},"title","due","due_at"?,"state","done_on",
//   "person":{"id","name"}|null,"role","committee":{"id","name"}|null,"action","key"}]}
std::string DueJson(const std::vector<DueLine>& lines);

// What a client sends for a message. Service-kept fields (created_at, updated_at, resolved_at, taken_down_at) are
// read too (the stored document has them); `taken_down`, a boolean, is a client's request to take it down or up.
struct MessageRead {
  rules::OperationalMessage value;
  std::optional<bool> taken_down;
  std::vector<std::string> present;  // the keys the document had
  std::vector<model::Problem> problems;
};
MessageRead ReadMessage(std::string_view json, const std::string& root = "$");

// POST /api/v1/calendar/tokens: {"scope": "person" | "administration" | "organization", "id": "…"}.
struct TokenRequest {
  std::string scope;
  std::string id;
  std::vector<model::Problem> problems;
};
TokenRequest ReadTokenRequest(std::string_view json);

// The stored document: every field of the message.
std::string WriteStoredMessage(const rules::OperationalMessage& m);

// The API's view: the message, its colour and status text, the effective target group, and whether it is
// published and stale now.
struct MessageView {
  const rules::OperationalMessage* message = nullptr;
  std::vector<std::string> targets;
  bool published = false;
  bool stale = false;
  std::string system_name;
};
std::string MessageJson(const MessageView& v);
std::string MessagesJson(const std::vector<MessageView>& views);

}  // namespace ansvar::io
