// The reminder scheduler: see reminders.hpp for the exact guarantee of the claim–send–mark protocol.
// Where a digest goes: the e-mail of the enabled account linked to the person (issue 6's accounts), else the
// person's e-mail in the register.
#include "app/reminders.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "app/accounts.hpp"
#include "app/cycle_crypto.hpp"
#include "app/decisions.hpp"
#include "app/subject_path.hpp"

namespace ansvar::app {
namespace {

// An address as a log line may show it (issue 17: logs are read by more people than the register): "a…@kungsbacka.se".
std::string MaskedAddress(const std::string& email) {
  const auto at = email.find('@');
  if (at == std::string::npos || at == 0) return "…";
  return email.substr(0, 1) + "…" + email.substr(at);
}

constexpr std::string_view kSending = "sending";
constexpr std::string_view kSent = "sent";

// person id → the e-mail of the enabled account linked to that person (when exactly one has one).
std::map<std::string, std::string> AccountEmails(store::Beside& store, const Accounts::Clock& clock) {
  std::map<std::string, std::string> out;
  std::map<std::string, int> seen;
  const auto accounts = Accounts(store, clock).List();
  if (!accounts.ok()) return out;
  for (const auto& a : accounts.value()) {
    if (a.disabled || a.person.empty() || a.email.empty()) continue;
    if (++seen[a.person] == 1)
      out[a.person] = a.email;
    else
      out.erase(a.person);  // two accounts, two addresses: the register's address decides
  }
  return out;
}

std::string StageText(const std::string& stage) {
  if (stage == "open") return "Väntar på dig / Waiting for you";
  if (stage == "overdue") return "Försenat / Overdue";
  if (stage == "before-0") return "Förfaller i dag / Due today";
  return "Förfaller snart / Due soon";
}

// One line of a digest: a due item, or a task of the person's task list (Decisions::PersonTasks) carried beside them.
struct Entry {
  std::string key;  // the due item's key, or "task/" and the task's key
  model::Date due;
  std::optional<model::Timestamp> due_at;
  std::string title, subject_name, rule, role, path;
};

Entry FromDue(const io::DueLine& l) {
  const auto& it = l.item;
  return {it.Key(),       it.due,
          it.due_at,      l.title,
          l.subject_name, std::string(rules::Code(it.rule)),
          it.role,        internal::SubjectPath(it.subject)};
}

struct Pending {
  Entry line;
  std::string stage;
  store::Record claim;
};

}  // namespace

ReminderScheduler::ReminderScheduler(CycleService& cycle, Mailer& mailer, ReminderOptions options)
    : cycle_(cycle), mailer_(mailer), options_(std::move(options)), instance_(internal::RandomHex(8)) {
  std::sort(options_.lead_days.begin(), options_.lead_days.end());
  options_.lead_days.erase(std::unique(options_.lead_days.begin(), options_.lead_days.end()), options_.lead_days.end());
}

ReminderScheduler::~ReminderScheduler() { Stop(); }

void ReminderScheduler::Start() {
  thread_ = std::thread([this] {
    std::unique_lock lock(mu_);
    while (!stop_) {
      lock.unlock();
      try {
        const auto t = RunOnce();
        if (t.digests || t.failed || t.resumed)
          Log("info", "reminders: " + std::to_string(t.digests) + " digests, " + std::to_string(t.reminders) +
                          " reminders, " + std::to_string(t.resumed) + " resumed, " + std::to_string(t.failed) +
                          " failed");
      } catch (const std::exception& e) {
        Log("error", std::string("reminders: ") + e.what());
      }
      lock.lock();
      cv_.wait_for(lock, options_.interval, [this] { return stop_; });
    }
  });
}

void ReminderScheduler::Stop() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void ReminderScheduler::Log(const std::string& level, const std::string& message) const {
  if (options_.log) options_.log(level, message);
}

std::string ReminderScheduler::Stage(const rules::DueItem& item, model::Date today, const ReminderOptions& options) {
  if (item.state == rules::DueState::kDone) return "";
  if (item.state == rules::DueState::kOverdue)
    return options.overdue && today.days() - item.due.days() <= options.overdue_lookback_days ? "overdue" : "";
  // The smallest lead time that has been reached: as the day comes closer the stage only moves to a smaller lead,
  // so a larger one that was never sent (the server was down) is never sent after a smaller one.
  std::optional<int> smallest;
  for (int lead : options.lead_days)
    if (today >= item.due.AddDays(-lead) && today <= item.due && (!smallest || lead < *smallest)) smallest = lead;
  return smallest ? "before-" + std::to_string(*smallest) : "";
}

std::string ReminderScheduler::TaskStage(const Task& task, model::Date today, const ReminderOptions& options) {
  if (!task.due) return "open";  // waits for the person until done (a decision, an approval): once
  rules::DueItem as_due;
  as_due.due = *task.due;
  as_due.state = task.state == "overdue" ? rules::DueState::kOverdue : rules::DueState::kDue;
  return Stage(as_due, today, options);
}

ReminderTick ReminderScheduler::RunOnce() {
  ReminderTick tick;
  const int max_lead = options_.lead_days.empty() ? 0 : options_.lead_days.back();
  const model::Date today = rules::StockholmDate(cycle_.Now());
  DueQuery q;
  q.from = today.AddDays(-options_.overdue_lookback_days - 1);
  q.to = today.AddDays(max_lead);
  auto report = cycle_.SelectDue(q);
  if (!report.ok()) throw std::runtime_error(report.error().detail);

  // Per person, the items at a stage.
  std::map<std::string, std::vector<std::pair<Entry, std::string>>> by_person;
  std::map<std::string, std::pair<std::string, std::string>> contact;  // person → (name, the register's e-mail)
  std::map<std::string, std::vector<io::DueLine>> due_of;
  for (auto& l : report.value().lines) {
    if (!l.item.person) continue;
    contact[*l.item.person] = {l.person_name, l.person_email};
    due_of[*l.item.person].push_back(std::move(l));
  }

  auto& store = cycle_.Store();
  const auto account_emails = AccountEmails(store, [this] { return cycle_.Now(); });
  // The person's task list (what "Mina uppgifter" shows) for everyone with an address: the acts waiting for them, the
  // breach clocks and their measures, in place of the due items those stand for.
  std::map<std::string, std::set<std::string>> replaced;
  std::set<std::string> people;
  for (auto& p : cycle_.PeopleWithEmail()) people.insert(std::move(p));
  for (const auto& [p, _] : account_emails) people.insert(p);
  for (const auto& person : people) {
    auto tasks = cycle_.PersonTasks(person, rules::Lang::kSv);
    if (!tasks.ok() || !tasks.value().person) continue;
    auto& list = tasks.value();
    replaced[person].insert(list.replaced.begin(), list.replaced.end());
    for (const auto& t : list.items) {
      if (!CarriedBesideDueItems(t)) continue;
      const auto stage = TaskStage(t, today, options_);
      if (stage.empty()) continue;
      contact.try_emplace(person, list.person->name, list.person->email);
      by_person[person].emplace_back(
          // A task that stands for a due item keeps that item's reminder key: what was sent as the due item is not
          // sent again as the task.
          Entry{t.due_key.empty() ? "task/" + t.key : t.due_key, t.due.value_or(today), t.due_at, t.title,
                t.subject_name, t.rule, t.action, t.link},
          stage);
    }
  }
  for (auto& [person, lines] : due_of)
    for (auto& l : lines) {
      if (replaced[person].contains(l.item.Key())) continue;
      auto stage = Stage(l.item, today, options_);
      if (stage.empty()) continue;
      by_person[person].emplace_back(FromDue(l), std::move(stage));
    }

  for (auto& [person, lines] : by_person) {
    const auto linked = account_emails.find(person);
    const std::string email = linked != account_emails.end() ? linked->second : contact[person].second;
    if (email.empty()) {
      ++tick.skipped;
      continue;
    }
    // Claim every key of this digest that nobody sent or is sending; take over the stale claims of a dead sender.
    const auto now = cycle_.Now();
    std::vector<Pending> pending;
    for (auto& [line, stage] : lines) {
      store::Record claim{"reminder/" + person + "/" + line.key + "/" + stage, std::string(kSending), instance_, now};
      const auto existing = store.GetRecord(claim.key);
      if (!existing) {
        if (!store.RecordOnce(claim)) continue;  // someone else claimed it just now
      } else if (existing->state == kSending && existing->data != instance_ &&
                 now.seconds() - existing->at.seconds() > options_.lease.count()) {
        if (!store.SwapRecord(*existing, claim)) continue;
        ++tick.resumed;
      } else {
        continue;  // sent, or being sent by a live sender
      }
      pending.push_back({line, stage, claim});
    }
    if (pending.empty()) continue;

    // The digest: overdue first, then by due date. Its Message-ID is derived from its keys, so a digest sent again
    // after a restart is recognisably the same message.
    std::sort(pending.begin(), pending.end(), [](const Pending& a, const Pending& b) {
      if ((a.stage == "overdue") != (b.stage == "overdue")) return a.stage == "overdue";
      if ((a.stage == "open") != (b.stage == "open")) return a.stage == "open";
      return std::tie(a.line.due, a.claim.key) < std::tie(b.line.due, b.claim.key);
    });
    std::string keys;
    for (const auto& p : pending) keys += p.claim.key + "\n";
    const int overdue = static_cast<int>(
        std::count_if(pending.begin(), pending.end(), [](const Pending& p) { return p.stage == "overdue"; }));
    Mail mail;
    mail.from = options_.from;
    mail.to = email;
    mail.to_name = contact[person].first;
    mail.message_id = "<reminder-" + internal::Sha256Hex(keys).substr(0, 32) + "@ansvar>";
    mail.subject =
        "Ansvar: " + std::to_string(pending.size()) + (pending.size() == 1 ? " sak att göra" : " saker att göra");
    if (overdue > 0) mail.subject += " – " + std::to_string(overdue) + (overdue == 1 ? " försenad" : " försenade");
    std::string body = "Hej " + mail.to_name +
                       ",\n\ndet här förfaller enligt regelboken i Ansvar "
                       "(what falls due under the rulebook):\n";
    std::string last_stage;
    for (const auto& p : pending) {
      const auto& it = p.line;
      const std::string group = p.stage == "overdue"    ? "overdue"
                                : p.stage == "open"     ? "open"
                                : p.stage == "before-0" ? "today"
                                                        : "soon";
      if (group != last_stage) {
        body += "\n" + StageText(p.stage) + "\n";
        last_stage = group;
      }
      body += "- " + (p.stage == "open" ? std::string() : model::FormatDate(it.due) + "  ") + it.title + " – " +
              it.subject_name + " (" + it.rule + ", " + it.role + ")\n";
      if (it.due_at) body += "  senast / by " + model::FormatTimestamp(*it.due_at) + "\n";
      if (!options_.base_url.empty()) body += "  " + options_.base_url + it.path + "\n";
    }
    body += "\nDu får den här påminnelsen en gång per sak och steg (You get this reminder once per item and stage).\n";
    mail.body = std::move(body);

    try {
      mailer_.Send(mail);
    } catch (const std::exception& e) {
      // Not accepted by the server: release the claims so that the next tick tries again.
      for (const auto& p : pending) store.DeleteRecord(p.claim.key);
      ++tick.failed;
      Log("warning", "reminders: the digest to " + MaskedAddress(email) + " was not sent: " + e.what());
      continue;
    }
    for (const auto& p : pending) {
      store::Record sent{p.claim.key, std::string(kSent), mail.message_id, cycle_.Now()};
      if (store.SwapRecord(p.claim, sent)) ++tick.reminders;
    }
    ++tick.digests;
  }
  return tick;
}

}  // namespace ansvar::app
