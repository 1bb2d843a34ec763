#pragma once
// The annual cycle's use cases over the register service: what is due (due_view.cpp), calendar feeds with secret,
// rotatable tokens (calendar_feeds.cpp), operational messages (messages_view.cpp), and what the reminder scheduler
// needs (reminders.cpp). It keeps no state of its own: it reads the register through the RegisterService's public
// read snapshot (RegisterService::Reader), and what lives beside the register — token hashes, the reminder log, the
// messages — is kept by the store's part for it (store::Beside, RegisterService::Beside).
//
// Operational messages are JSON documents of the collection "operational_messages" in the store, each change an
// entry of the store's document trail (append-only, hash-chained like the register's audit trail, which cannot
// hold them: its entries name a kind of the register). Calendar tokens are documents of "calendar_tokens", one per
// scope, holding only the SHA-256 of the token, so issuing and rotating are audited the same way.
#include <optional>
#include <string>
#include <vector>

#include "app/register_service.hpp"
#include "io/atom.hpp"
#include "io/cycle_json.hpp"
#include "io/icalendar.hpp"
#include "rules/due.hpp"
#include "rules/operational_messages.hpp"

namespace ansvar::app {

struct TaskList;  // app/decisions.hpp

struct DueQuery {
  std::optional<model::Date> from;  // default: today
  std::optional<model::Date> to;    // default: from + 90 days
  std::string person, administration, committee, organization;
  std::optional<rules::DueState> state;
  rules::Lang lang = rules::Lang::kSv;
};

struct DueReport {
  model::Timestamp now;
  model::Date today;  // in Europe/Stockholm
  std::vector<io::DueLine> lines;
};

// Keeps the items the query's person, administration, committee, organization and state select (not its dates).
void FilterDue(std::vector<rules::DueItem>& items, const rules::RegisterIndex& index, const DueQuery& query);

enum class CalendarScope { kPerson, kAdministration, kOrganization };
std::string_view ToString(CalendarScope s);
std::optional<CalendarScope> ParseCalendarScope(std::string_view s);

struct CalendarTarget {
  CalendarScope scope = CalendarScope::kPerson;
  std::string id;
};

struct IssuedToken {
  std::string token;  // shown once; the store keeps its SHA-256 only
  CalendarTarget target;
  model::Timestamp issued_at;
};

// A scope that has a calendar token, with when it was issued (never the token).
struct CalendarTokenInfo {
  std::string scope;
  std::string id;
  std::string issued_at;
};

// The operational messages a query selects, in order: each view points into `messages` (a move keeps them in place;
// a copy would not, so there is none).
struct MessageList {
  MessageList() = default;
  MessageList(MessageList&&) = default;
  MessageList& operator=(MessageList&&) = default;
  MessageList(const MessageList&) = delete;
  MessageList& operator=(const MessageList&) = delete;
  ~MessageList() = default;
  std::vector<rules::OperationalMessage> messages;
  std::vector<io::MessageView> views;
};

struct MessageQuery {
  bool published_only = false;
  std::string administration;  // messages whose target group includes it
  std::string system;
};

class CycleService {
 public:
  explicit CycleService(RegisterService& service) : s_(service) {}

  // ---- Due items (due_view.cpp) ----
  Result<DueReport> SelectDue(const DueQuery& query) const;
  // A person's tasks, the one list "Mina uppgifter", the calendar feed and the digest are made from
  // (Decisions::PersonTasks).
  Result<TaskList> PersonTasks(const std::string& person, rules::Lang lang) const;
  // The people of the register with an e-mail address of their own or of an enabled account linked to them.
  std::vector<std::string> PeopleWithEmail() const;

  // ---- Calendars (calendar_feeds.cpp) ----
  // Issues a new token for the target, replacing (rotating) any earlier one; the target must exist.
  Result<IssuedToken> IssueCalendarToken(const CalendarTarget& target, const Actor& actor);
  Result<bool> RevokeCalendarToken(const CalendarTarget& target, const Actor& actor);
  // The scopes that have a token, with when it was issued (never the token).
  Result<std::vector<CalendarTokenInfo>> ListCalendarTokens() const;
  // The feed for a token (io::WriteICalendar makes it text/calendar); NotFound for an unknown or rotated token.
  // `base_url` makes the links.
  Result<io::Calendar> CalendarFeed(const std::string& token, const std::string& base_url) const;

  // ---- Operational messages (messages_view.cpp) ----
  Result<MessageList> ListMessages(const MessageQuery& query) const;
  Result<Versioned> GetMessage(const std::string& id) const;
  Result<Versioned> CreateMessage(std::string_view body, const Actor& actor);
  Result<Versioned> ReplaceMessage(const std::string& id, std::string_view body, int64_t if_match, const Actor& actor);
  Result<int64_t> DeleteMessage(const std::string& id, int64_t if_match, const Actor& actor);
  // The message's trail, oldest first.
  Result<std::vector<store::DocumentAuditEntry>> MessageHistory(const std::string& id) const;
  // The published messages as a feed (io::WriteAtom makes it Atom).
  Result<io::AtomFeed> MessagesAtom(const MessageQuery& query, const std::string& base_url) const;
  // R-MSG-STALE merged into the evaluation (sorted as rules::Check sorts). A backend without messages adds nothing.
  static void AddMessageFindings(store::Beside& store, const rules::Rulebook& rulebook, model::Timestamp as_of,
                                 rules::Evaluation& evaluation);

  // ---- For the reminder scheduler (reminders.cpp) ----
  // What lives beside the register (RegisterService::Beside).
  [[nodiscard]] store::Beside& Store() const;
  [[nodiscard]] model::Timestamp Now() const;

 private:
  std::vector<rules::OperationalMessage> LoadMessages() const;
  void ForgetFindings() const;
  RegisterService& s_;
};

}  // namespace ansvar::app
