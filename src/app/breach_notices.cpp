// New breaches by e-mail to the DPO and the data protection contacts: see breach_notices.hpp.
#include "app/breach_notices.hpp"

#include <set>

#include "app/cycle_crypto.hpp"
#include "app/cycle_service.hpp"
#include "rules/due.hpp"

namespace ansvar::app {
namespace {

constexpr std::string_view kSending = "sending";
constexpr std::string_view kSent = "sent";

std::string Masked(const std::string& email) {
  const auto at = email.find('@');
  if (at == std::string::npos || at == 0) return "…";
  return email.substr(0, 1) + "…" + email.substr(at);
}

}  // namespace

BreachNotifier::BreachNotifier(RegisterService& service, Mailer& mailer, ReminderOptions options)
    : service_(service), mailer_(mailer), options_(std::move(options)), instance_(internal::RandomHex(8)) {}

BreachNotifier::~BreachNotifier() { Stop(); }

void BreachNotifier::Start() {
  thread_ = std::thread([this] {
    std::unique_lock lock(mu_);
    while (!stop_) {
      lock.unlock();
      try {
        const auto t = RunOnce();
        if ((t.sent || t.failed) && options_.log)
          options_.log("info",
                       "breach notices: " + std::to_string(t.sent) + " sent, " + std::to_string(t.failed) + " failed");
      } catch (const std::exception& e) {
        if (options_.log) options_.log("error", std::string("breach notices: ") + e.what());
      }
      lock.lock();
      cv_.wait_for(lock, options_.interval, [this] { return stop_; });
    }
  });
}

void BreachNotifier::Stop() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

BreachNoticeTick BreachNotifier::RunOnce() {
  BreachNoticeTick tick;
  CycleService cycle(service_);
  auto& store = cycle.Store();
  IncidentReports reports(service_);
  const auto snapshot = service_.Current();
  // The breaches reported through the e-service that are not yet assessed: the news the recipients need.
  std::set<std::string> reported;
  for (const auto& rec : store.ListRecords("incident-report/")) {
    const auto slash = rec.key.rfind('/');
    reported.insert(rec.key.substr(slash + 1));
  }
  for (const auto& inc : snapshot.reg.incidents) {
    if (!reported.contains(inc.id.str()) || inc.assessment) continue;
    const auto recipients = reports.Recipients(inc);
    if (!recipients.ok()) continue;
    for (const auto& to : recipients.value()) {
      if (to.email.empty()) {
        ++tick.skipped;
        continue;
      }
      const auto now = cycle.Now();
      store::Record claim{"breach-notice/" + inc.id.str() + "/" + to.key, std::string(kSending), instance_, now};
      if (const auto existing = store.GetRecord(claim.key); !existing) {
        if (!store.RecordOnce(claim)) continue;
      } else if (existing->state == kSending && existing->data != instance_ &&
                 now.seconds() - existing->at.seconds() > options_.lease.count()) {
        if (!store.SwapRecord(*existing, claim)) continue;
      } else {
        continue;  // sent, or being sent by a live sender
      }
      Mail mail;
      mail.from = options_.from;
      mail.to = to.email;
      mail.to_name = to.name;
      mail.message_id = "<breach-" + internal::Sha256Hex(claim.key).substr(0, 32) + "@ansvar>";
      mail.subject = "Ansvar: ny personuppgiftsincident " + inc.id.str() + " (new personal data breach)";
      std::string body = "Hej " + to.name +
                         ",\n\nen personuppgiftsincident har anmälts i Ansvar och kommit till dig som " +
                         (to.role == "dpo" ? std::string("dataskyddsombud") : std::string("dataskyddskontakt")) +
                         " (a personal data breach was reported to you).\n\n";
      body += "Ärende / Case: " + inc.id.str() + "\n";
      body += "Upptäckt / Discovered: " + model::FormatTimestamp(inc.aware_at) + "\n";
      if (inc.system) body += "System: " + inc.system->str() + "\n";
      if (inc.handler) body += "Handläggande nämnd / Handler: " + inc.handler->str() + "\n";
      body +=
          "\nBedöm incidenten och om den ska anmälas till IMY inom tidsfristen i regelboken "
          "(assess it and whether to notify the authority within the rulebook's deadline).\n";
      if (!options_.base_url.empty()) body += options_.base_url + "/incidents/" + inc.id.str() + "\n";
      body += "\nInnehållet i anmälan finns i Ansvar, inte i det här meddelandet (the report itself is in Ansvar).\n";
      mail.body = std::move(body);
      try {
        mailer_.Send(mail);
      } catch (const std::exception& e) {
        store.DeleteRecord(claim.key);
        ++tick.failed;
        if (options_.log)
          options_.log("warning", "breach notices: the notice to " + Masked(to.email) + " was not sent: " + e.what());
        continue;
      }
      store.SwapRecord(claim, {claim.key, std::string(kSent), mail.message_id, cycle.Now()});
      ++tick.sent;
    }
  }
  return tick;
}

}  // namespace ansvar::app
