// The annual cycle's use cases over a real SQLite store (app/cycle_service.hpp, app/reminders.hpp): the reminder
// log's guarantees with a fake mailer and a controlled clock, operational messages with their trail and R-MSG-STALE,
// calendar tokens, and the records beside the register.
#include "app/cycle_service.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <stdexcept>

#include "app/accounts.hpp"
#include "app/reminders.hpp"
#include "io/icalendar.hpp"
#include "rules/catalog.hpp"
#include "store/sqlite/sqlite_store.hpp"

namespace ansvar::app {
namespace {

constexpr std::string_view kRegister = R"json({
  "format": "ansvar-register/1",
  "organizations": [{"id": "kba", "name": "Kungsbacka kommun", "kind": "municipality", "dpo": "p-dpo",
                     "management_review_on": "2025-01-01"}],
  "committees": [{"id": "bn", "organization": "kba", "name": "Byggnadsnämnden", "kind": "committee"}],
  "administrations": [{"id": "bmf", "organization": "kba", "name": "Bygg- och miljöförvaltningen", "committees": ["bn"]}],
  "people": [
    {"id": "p-budget", "name": "Berit Budget", "administration": "bmf", "title": "manager", "email": "berit@example.se"},
    {"id": "p-steward", "name": "Sven Steward", "administration": "bmf", "title": "employee", "email": "sven@example.se"},
    {"id": "p-owner", "name": "Olle Owner", "administration": "bmf", "title": "administration_director", "email": ""},
    {"id": "p-dpo", "name": "Dora Dpo", "administration": "bmf", "title": "employee", "email": "dora@example.se"}],
  "systems": [{"id": "ecos", "name": "Ecos", "category": "business_system", "scope": "administration_specific",
               "owner_administration": "bmf", "used_by": ["bmf"], "personal_data": false, "lifecycle": "active",
               "roles": [{"role": "owner", "person": "p-owner"}, {"role": "budget_holder", "person": "p-budget"},
                         {"role": "system_steward", "person": "p-steward"}]}]
})json";

model::Timestamp T(std::string_view iso) { return *model::ParseTimestamp(iso); }

class FakeMailer final : public Mailer {
 public:
  void Send(const Mail& mail) override {
    if (fail) throw std::runtime_error("421 try again later");
    sent.push_back(mail);
  }
  std::vector<Mail> sent;
  bool fail = false;
};

class CycleTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = std::filesystem::temp_directory_path() /
            ("ansvar-cycle-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".db");
    std::filesystem::remove(path_);
    Open();
    ASSERT_TRUE(service_->ImportRegister(kRegister, {"test", "Test"}).ok());
  }
  void TearDown() override {
    service_.reset();
    for (const auto* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path_.string() + suffix);
  }
  // A new service on the same database file: what a restart of `ansvar serve` does.
  void Open() {
    service_.reset();
    service_ = std::make_unique<RegisterService>(store::OpenSqliteStore(path_.string()), rules::Rulebook::Default(),
                                                 [this] { return now_.load(); });
    cycle_ = std::make_unique<CycleService>(*service_);
  }
  ReminderOptions Options() {
    ReminderOptions o;
    o.lead_days = {14, 1};
    o.lease = std::chrono::seconds(60);
    return o;
  }
  std::vector<std::string> To(const FakeMailer& m) {
    std::vector<std::string> out;
    for (const auto& x : m.sent) out.push_back(x.to);
    std::sort(out.begin(), out.end());
    return out;
  }

  std::filesystem::path path_;
  std::atomic<model::Timestamp> now_{T("2025-12-20T09:00:00Z")};
  std::unique_ptr<RegisterService> service_;
  std::unique_ptr<CycleService> cycle_;
};

TEST_F(CycleTest, EachReminderIsSentOncePerStage) {
  FakeMailer mailer;
  ReminderScheduler scheduler(*cycle_, mailer, Options());
  auto tick = scheduler.RunOnce();
  // 14 days before 31 December: the budget holder approves, the steward writes the plan for 2026 and calls the
  // contract review (cooperation-and-decisions.md §4); the DPO's management review (due 1 January) too.
  EXPECT_EQ(To(mailer), (std::vector<std::string>{"berit@example.se", "dora@example.se", "sven@example.se"}));
  EXPECT_EQ(tick.digests, 3);
  EXPECT_EQ(tick.skipped, 0);
  const auto& berit =
      *std::find_if(mailer.sent.begin(), mailer.sent.end(), [](const Mail& m) { return m.to == "berit@example.se"; });
  EXPECT_NE(berit.body.find("Godkänn förvaltningsplanen för 2026 – Ecos"), std::string::npos) << berit.body;
  EXPECT_TRUE(berit.message_id.starts_with("<reminder-"));

  EXPECT_EQ(scheduler.RunOnce().digests, 0);  // never the same reminder twice
  now_ = T("2025-12-30T09:00:00Z");           // one day before the plan's deadline: its next stage
  EXPECT_EQ(scheduler.RunOnce().digests, 2);
  EXPECT_EQ(scheduler.RunOnce().digests, 0);
  now_ = T("2026-01-01T09:00:00Z");  // the plan is overdue; the DPO's review (due today) reaches before-1
  tick = scheduler.RunOnce();
  EXPECT_EQ(tick.digests, 3);
  EXPECT_NE(mailer.sent.back().subject.find("försenad"), std::string::npos);
  EXPECT_EQ(scheduler.RunOnce().digests, 0);
  EXPECT_EQ(mailer.sent.size(), 8u);
}

TEST_F(CycleTest, ADigestGoesToTheAddressOfTheEnabledAccountLinkedToThePerson) {
  Accounts accounts(cycle_->Store(), [this] { return now_.load(); });
  const store::Actor admin{"admin", "Admin"};
  AccountChange berit;
  berit.name = "Berit Budget";
  berit.email = "berit.budget@kommun.example";
  berit.person = "p-budget";
  berit.role = auth::Role::kReader;
  ASSERT_TRUE(accounts.Create("berit", berit, admin).ok());
  AccountChange sven = berit;  // a disabled account's address is not used: the register's is
  sven.name = "Sven Steward";
  sven.email = "sven.old@kommun.example";
  sven.person = "p-steward";
  sven.disabled = true;
  ASSERT_TRUE(accounts.Create("sven", sven, admin).ok());

  FakeMailer mailer;
  ReminderScheduler scheduler(*cycle_, mailer, Options());
  EXPECT_EQ(scheduler.RunOnce().digests, 3);
  EXPECT_EQ(To(mailer),
            (std::vector<std::string>{"berit.budget@kommun.example", "dora@example.se", "sven@example.se"}));
}

TEST_F(CycleTest, ARestartNeverSendsWhatWasSentAndAFailedSendIsTriedAgain) {
  FakeMailer mailer;
  mailer.fail = true;
  {
    ReminderScheduler scheduler(*cycle_, mailer, Options());
    const auto tick = scheduler.RunOnce();
    EXPECT_EQ(tick.failed, 3);
    EXPECT_EQ(tick.digests, 0);
  }
  EXPECT_TRUE(cycle_->Store().ListRecords("reminder/").empty());  // released
  mailer.fail = false;
  {
    ReminderScheduler scheduler(*cycle_, mailer, Options());
    EXPECT_EQ(scheduler.RunOnce().digests, 3);
  }
  Open();  // a restart
  ReminderScheduler again(*cycle_, mailer, Options());
  EXPECT_EQ(again.RunOnce().digests, 0);
  EXPECT_EQ(mailer.sent.size(), 3u);
  for (const auto& r : cycle_->Store().ListRecords("reminder/")) EXPECT_EQ(r.state, "sent") << r.key;
}

TEST_F(CycleTest, ClaimsOfADeadSenderAreTakenOverAfterTheLeaseAndThoseOfALiveOneAreNot) {
  // A process that died in the middle of sending Berit's digest left its claim "sending".
  auto& store = cycle_->Store();
  const std::string berit = "reminder/p-budget/R-PLAN-ANNUAL/system/ecos/2026/approve/before-14";
  const std::string sven = "reminder/p-steward/R-PLAN-ANNUAL/system/ecos/2026/write/before-14";
  ASSERT_TRUE(store.RecordOnce({berit, "sending", "dead-process", T("2025-12-20T08:58:00Z")}));
  // Another instance is sending Sven's right now.
  ASSERT_TRUE(store.RecordOnce({sven, "sending", "live-process", T("2025-12-20T08:59:50Z")}));
  FakeMailer mailer;
  ReminderScheduler scheduler(*cycle_, mailer, Options());
  const auto tick = scheduler.RunOnce();
  EXPECT_EQ(tick.resumed, 1);
  // Sven still gets his digest of the contract review he calls; the plan item another instance is sending is not in it.
  EXPECT_EQ(To(mailer), (std::vector<std::string>{"berit@example.se", "dora@example.se", "sven@example.se"}));
  const auto& to_sven =
      *std::find_if(mailer.sent.begin(), mailer.sent.end(), [](const Mail& m) { return m.to == "sven@example.se"; });
  EXPECT_EQ(to_sven.body.find("förvaltningsplanen"), std::string::npos) << to_sven.body;
  EXPECT_EQ(store.GetRecord(berit)->state, "sent");
  EXPECT_EQ(store.GetRecord(sven)->state, "sending");  // left to its owner
  // The same digest sent again has the same Message-ID: it is derived from its keys.
  ASSERT_EQ(mailer.sent.front().to, "berit@example.se");
  const auto first_id = mailer.sent.front().message_id;
  ASSERT_TRUE(store.DeleteRecord(berit));
  FakeMailer again;
  ReminderScheduler second(*cycle_, again, Options());
  second.RunOnce();
  ASSERT_EQ(again.sent.size(), 1u);
  EXPECT_EQ(again.sent[0].to, "berit@example.se");
  EXPECT_EQ(again.sent[0].message_id, first_id);
}

TEST_F(CycleTest, StagesFollowTheLeadTimes) {
  ReminderOptions o = Options();
  rules::DueItem it;
  it.due = model::Date::FromYmd(2025, 12, 31);
  auto stage = [&](int y, unsigned m, unsigned d, rules::DueState s) {
    it.state = s;
    return ReminderScheduler::Stage(it, model::Date::FromYmd(y, m, d), o);
  };
  EXPECT_EQ(stage(2025, 12, 16, rules::DueState::kDue), "");
  EXPECT_EQ(stage(2025, 12, 17, rules::DueState::kDue), "before-14");
  EXPECT_EQ(stage(2025, 12, 30, rules::DueState::kDue), "before-1");
  EXPECT_EQ(stage(2025, 12, 31, rules::DueState::kDue), "before-1");
  EXPECT_EQ(stage(2026, 1, 1, rules::DueState::kOverdue), "overdue");
  EXPECT_EQ(stage(2026, 3, 1, rules::DueState::kOverdue), "");  // overdue for more than 30 days when first seen
  EXPECT_EQ(stage(2025, 12, 30, rules::DueState::kDone), "");
}

TEST_F(CycleTest, MessagesAreValidatedAuditedAndStaleOnesBecomeFindings) {
  const Actor actor{"anna", "Anna"};
  auto bad = cycle_->CreateMessage(R"({"type": "crisis", "title": "x", "system": "nope", "status": "loud"})", actor);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, ErrorCode::kInvalid);

  auto created = cycle_->CreateMessage(
      R"({"type": "crisis", "priority": "high", "status": "major_impact", "title": "Ecos ligger nere",
          "body": "Vi felsöker.", "system": "ecos"})",
      actor);
  ASSERT_TRUE(created.ok()) << created.error().detail;
  EXPECT_NE(created.value().json.find(R"("id":"msg-1")"), std::string::npos);
  EXPECT_NE(created.value().json.find(R"("colour":"purple")"), std::string::npos);
  EXPECT_NE(created.value().json.find(R"("targets":["bmf"])"), std::string::npos);  // the system's users
  EXPECT_NE(created.value().json.find(R"("published":true)"), std::string::npos);

  now_ = T("2025-12-21T10:00:00Z");
  auto resolved = cycle_->ReplaceMessage(
      "msg-1",
      R"({"type": "crisis", "priority": "high", "status": "resolved", "title": "Ecos fungerar igen", "system": "ecos"})",
      created.value().version, actor);
  ASSERT_TRUE(resolved.ok()) << resolved.error().detail;
  EXPECT_NE(resolved.value().json.find(R"("resolved_at":"2025-12-21T10:00:00Z")"), std::string::npos);
  EXPECT_FALSE(cycle_
                   ->ReplaceMessage("msg-1",
                                    R"({"type": "crisis", "status": "resolved", "title": "x", "system": "ecos"})",
                                    created.value().version, actor)
                   .ok());  // a stale If-Match

  FindingsQuery q;
  q.rule = "R-MSG-STALE";
  EXPECT_EQ(service_->Findings(q).value().total, 0u);
  now_ = T("2025-12-25T10:00:01Z");  // resolved for more than 3 days
  q.as_of = now_.load();
  const auto stale = service_->Findings(q).value();
  ASSERT_EQ(stale.items.size(), 1u);
  EXPECT_EQ(stale.items[0].finding.rule, rules::ParseRuleCode("R-MSG-STALE"));
  EXPECT_NE(stale.items[0].message.find("Ecos fungerar igen"), std::string::npos) << stale.items[0].message;
  MessageQuery published;
  published.published_only = true;
  EXPECT_TRUE(cycle_->ListMessages(published).value().views.empty());  // hidden at once

  auto down = cycle_->ReplaceMessage(
      "msg-1",
      R"({"type": "crisis", "status": "resolved", "title": "Ecos fungerar igen", "system": "ecos", "taken_down": true})",
      resolved.value().version, actor);
  ASSERT_TRUE(down.ok());
  EXPECT_EQ(service_->Findings(q).value().total, 0u);  // taken down: no finding

  const auto history = cycle_->MessageHistory("msg-1").value();
  EXPECT_TRUE(std::any_of(history.begin(), history.end(), [](const store::DocumentAuditEntry& e) {
    return e.action == "create" && e.actor_name == "Anna";
  }));
  // The document trail is hash-chained.
  const auto trail = cycle_->Store().ReadDocumentAudit("operational_messages", "", 0);
  ASSERT_EQ(trail.size(), 3u);
  for (size_t i = 0; i < trail.size(); ++i) {
    EXPECT_EQ(store::DocumentAuditHash(trail[i]), trail[i].hash);
    if (i + 1 < trail.size()) {
      EXPECT_EQ(trail[i].prev_hash, trail[i + 1].hash);
    }
  }
  EXPECT_TRUE(cycle_->DeleteMessage("msg-1", down.value().version, actor).ok());
  EXPECT_FALSE(cycle_->GetMessage("msg-1").ok());
}

TEST_F(CycleTest, CalendarTokensRotateAndOnlyTheirHashIsKept) {
  const Actor actor{"anna", "Anna"};
  EXPECT_FALSE(cycle_->IssueCalendarToken({CalendarScope::kPerson, "nobody"}, actor).ok());
  const auto first = cycle_->IssueCalendarToken({CalendarScope::kPerson, "p-budget"}, actor);
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first.value().token.size(), 64u);
  const auto feed = cycle_->CalendarFeed(first.value().token, "http://ansvar.test");
  ASSERT_TRUE(feed.ok());
  const std::string ics = io::WriteICalendar(feed.value());
  EXPECT_NE(ics.find("BEGIN:VCALENDAR"), std::string::npos);
  EXPECT_NE(ics.find("UID:r-plan-annual.system.ecos.2026.approve.p-budget@ansvar"), std::string::npos);
  for (const auto& d : cycle_->Store().ListDocuments("calendar_tokens"))
    EXPECT_EQ(d.json.find(first.value().token), std::string::npos);  // never the token itself

  const auto second = cycle_->IssueCalendarToken({CalendarScope::kPerson, "p-budget"}, actor);
  ASSERT_TRUE(second.ok());
  EXPECT_FALSE(cycle_->CalendarFeed(first.value().token, "").ok());  // rotated: the old URL is dead
  EXPECT_TRUE(cycle_->CalendarFeed(second.value().token, "").ok());
  EXPECT_TRUE(cycle_->RevokeCalendarToken({CalendarScope::kPerson, "p-budget"}, actor).ok());
  EXPECT_FALSE(cycle_->CalendarFeed(second.value().token, "").ok());
}

TEST_F(CycleTest, RecordsBesideTheRegister) {
  auto& store = cycle_->Store();
  const store::Record a{"x/1", "sending", "me", T("2025-01-01T00:00:00Z")};
  EXPECT_TRUE(store.RecordOnce(a));
  EXPECT_FALSE(store.RecordOnce({"x/1", "sending", "other", T("2025-01-02T00:00:00Z")}));
  EXPECT_EQ(store.GetRecord("x/1"), a);
  EXPECT_FALSE(store.SwapRecord({"x/1", "sending", "other", a.at}, {"x/1", "sent", "", a.at}));
  EXPECT_TRUE(store.SwapRecord(a, {"x/1", "sent", "", a.at}));
  store.PutRecord({"x/2", "s", "d", a.at});
  store.PutRecord({"y/1", "s", "d", a.at});
  EXPECT_EQ(store.ListRecords("x/").size(), 2u);
  EXPECT_TRUE(store.DeleteRecord("x/2"));
  EXPECT_FALSE(store.DeleteRecord("x/2"));
  EXPECT_EQ(store.ListRecords("x/").size(), 1u);
}

}  // namespace
}  // namespace ansvar::app
