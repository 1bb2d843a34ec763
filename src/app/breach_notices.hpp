#pragma once
// A new breach told to those who receive it (issue 15, model.md §5.4: "received by the data protection contact of
// the affected administration; the DPO is always informed"): one e-mail per recipient through the reminders' mailer
// (app/reminders.hpp), with the reminders' guarantee: each (breach, recipient) is claimed in the store
// ("breach-notice/<incident>/<recipient key>"), sent, then marked sent, so that no notice is sent twice after a
// restart or by another instance, and a claim of a dead sender is taken over once its lease has run out.
// It runs inside `ansvar serve` beside the reminder scheduler when SMTP is configured (cli/cycle_serve.cpp); every
// breach reported through the e-service (incident_reports.hpp) and still open gets its notices.
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "app/incident_reports.hpp"
#include "app/reminders.hpp"

namespace ansvar::app {

struct BreachNoticeTick {
  int sent = 0;
  int failed = 0;
  int skipped = 0;  // recipients without an e-mail address (they see it on their task list)
};

class BreachNotifier {
 public:
  BreachNotifier(RegisterService& service, Mailer& mailer, ReminderOptions options);
  ~BreachNotifier();
  BreachNotifier(const BreachNotifier&) = delete;
  BreachNotifier& operator=(const BreachNotifier&) = delete;

  void Start();  // a thread running RunOnce() every options.interval
  void Stop();
  BreachNoticeTick RunOnce();

 private:
  RegisterService& service_;
  Mailer& mailer_;
  ReminderOptions options_;
  std::string instance_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace ansvar::app
