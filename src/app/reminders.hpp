#pragma once
// Reminders by e-mail: a digest per person of the due items that reach a reminder stage — a lead time before the
// due date (configurable, e.g. 14 and 1 days), and overdue — sent by a scheduler thread inside `ansvar serve`.
//
// The reminder log (store records "reminder/<person>/<item key>/<stage>") makes the guarantee:
//  - Claim, send, mark. Before a digest is sent, each of its (person, item, stage) keys is claimed in the store:
//    inserted as "sending" (owner: this process, and the time) only if no record has the key. After the SMTP server
//    has accepted the message (its 250 reply to the end of DATA), each claim becomes "sent".
//  - Never the same reminder twice: a key that is "sent" is never sent again, by this process, a restarted one, or
//    another instance on the same database. A key claimed by a live sender is skipped by everyone else.
//  - A restart in the middle of a send loses nothing: a claim still "sending" when its lease has run out (the SMTP
//    timeout + 5 s: no live sender can still be using it) belongs to a dead process, and the next tick takes it over
//    and sends it again. When the process died before the server accepted the message, the server discarded the
//    unfinished transaction and the reminder arrives exactly once. The one window for a duplicate is between the
//    server's 250 and the store's commit of "sent" (one SQLite write); a digest sent again carries the same
//    Message-ID (derived from its keys), so mail systems that deduplicate by Message-ID drop the copy.
//  - A send that fails (connection refused, rejected, timed out) releases its claims: the next tick tries again.
// The digest also carries the person's task list (Decisions::PersonTasks, the page "Mina uppgifter"): the decisions
// and approvals waiting for them, delegated decisions to report, breach clocks and the measures they own — in place
// of the due items those stand for, each task once per stage ("open" for a task without a due date).
// Items already overdue for more than `overdue_lookback_days` when first seen get no overdue reminder (no flood of
// old news on the first start); people without an e-mail address get none (logged).
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "app/cycle_service.hpp"

namespace ansvar::app {

struct Task;  // app/decisions.hpp

struct Mail {
  std::string from;
  std::string to;          // address
  std::string to_name;     // display name
  std::string subject;     // UTF-8
  std::string body;        // plain text, UTF-8, LF line ends
  std::string message_id;  // "<…@ansvar>"
};

// Sends one message; throws std::runtime_error when the server did not accept it.
class Mailer {
 public:
  virtual ~Mailer() = default;
  virtual void Send(const Mail& mail) = 0;
};

struct ReminderOptions {
  std::vector<int> lead_days{14, 1};  // remind this many days before the due date (0: on the day)
  bool overdue = true;                // and once when an item becomes overdue
  int overdue_lookback_days = 30;
  std::chrono::milliseconds interval{std::chrono::minutes(5)};
  std::chrono::seconds lease{std::chrono::seconds(65)};  // the SMTP timeout + 5 s
  std::string from = "ansvar@localhost";
  std::string base_url;  // for links in the mail ("http://ansvar.example.se"), or ""
  std::function<void(const std::string& level, const std::string& message)> log;
};

struct ReminderTick {
  int digests = 0;    // digests sent
  int reminders = 0;  // (person, item, stage) keys marked sent
  int resumed = 0;    // keys taken over from a dead sender
  int failed = 0;     // digests that failed (claims released)
  int skipped = 0;    // people without an e-mail address
};

class ReminderScheduler {
 public:
  ReminderScheduler(CycleService& cycle, Mailer& mailer, ReminderOptions options);
  ~ReminderScheduler();  // stops the thread and waits for the tick in progress
  ReminderScheduler(const ReminderScheduler&) = delete;
  ReminderScheduler& operator=(const ReminderScheduler&) = delete;

  void Start();  // a thread that runs RunOnce() every interval, the first at once
  void Stop();
  // One pass: what is due now, grouped per person, each digest claimed, sent and marked.
  ReminderTick RunOnce();

  // "before-14", "before-1", "overdue": the stage an item is at today, or "" when none applies.
  static std::string Stage(const rules::DueItem& item, model::Date today, const ReminderOptions& options);
  // The stage of a task of the person's task list carried in the digest: "open" (once) for a task without a due
  // date (a decision, an approval waiting), else as Stage for its due date.
  static std::string TaskStage(const Task& task, model::Date today, const ReminderOptions& options);

 private:
  void Log(const std::string& level, const std::string& message) const;

  CycleService& cycle_;
  Mailer& mailer_;
  ReminderOptions options_;
  std::string instance_;  // this process's claims: random per start
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace ansvar::app
