// The findings the service keeps after writes (rules::Reevaluate takes the last evaluation up: the per-system
// families only on the systems the writes touched) are always those a full evaluation of the register gives: after
// each of a sequence of varied writes through RegisterService to a generated register, the live findings are
// compared with a fresh rules::Check of the register as the service holds it, finding by finding.
#include <gtest/gtest.h>

#include <filesystem>
#include <functional>

#include "app/register_service.hpp"
#include "io/entity_json.hpp"
#include "io/register_writer.hpp"
#include "io/rulebook_json.hpp"
#include "rules/check.hpp"
#include "store/sqlite/sqlite_store.hpp"
#include "synthetic_register.hpp"

namespace ansvar::app {
namespace {

const store::Actor kActor{"test", "Test"};

class ReevaluationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = std::filesystem::temp_directory_path() /
            ("ansvar-reevaluation-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".db");
    std::filesystem::remove(path_);
    bench::SyntheticOptions options;
    options.municipalities = 3;
    options.regions = 1;
    options.scale = 0.015;  // about 2,250 systems: the evaluation runs on two threads
    options.as_of = "2025-06-15";
    reg_ = bench::GenerateRegister(options);
    // DPA decisions judged (R-DPA-DECISION, on the system) for DPAs signed from 2020.
    auto rulebook = rules::Rulebook::Default();
    rulebook.dpa_decisions_from = model::Date::FromYmd(2020, 1, 1);
    service_ = std::make_unique<RegisterService>(store::OpenSqliteStore(path_.string()), std::move(rulebook),
                                                 [this] { return now_; });
    ASSERT_TRUE(service_->ImportRegister(io::WriteRegister(reg_), kActor).ok());
    reg_ = service_->Current().reg;  // with the ids the import gave delegations and processor records
    service_->PrepareFindings();
  }
  void TearDown() override {
    service_.reset();
    for (const auto* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path_.string() + suffix);
  }

  // The live findings equal a full evaluation of the register the service holds, at the evaluation's instant.
  void ExpectFull(const std::string& after) {
    SCOPED_TRACE(after);
    ++checked_;
    const auto current = service_->Current().reg;
    service_->Read([&](const RegisterService::Reader& r) {
      const auto rulebook = io::EffectiveRulebook(service_->BaseRulebook(), current);
      const auto full = rules::Check(current, rulebook, {r.as_of()});
      const auto& live = r.findings();
      ASSERT_EQ(live.size(), full.size());
      for (size_t i = 0; i < full.size(); ++i)
        ASSERT_TRUE(live[i] == full[i]) << "finding " << i << ": " << rules::ToString(full[i].subject.type) << " "
                                        << full[i].subject.id << " " << rules::Code(full[i].rule);
    });
    // Their grouping by administration and committee (carried over for the findings taken up) is that of a service
    // started afresh on the same database.
    const RegisterService fresh(store::OpenSqliteStore(path_.string()), service_->BaseRulebook(),
                                [this] { return now_; });
    for (const auto& a : current.administrations) {
      const auto live = service_->Read([&](const auto& r) { return r.FindingsOfAdministration(a.id.str()); });
      const auto started = fresh.Read([&](const auto& r) { return r.FindingsOfAdministration(a.id.str()); });
      ASSERT_EQ(live, started) << "administration " << a.id.str();
    }
    const auto live = service_->FindingsSummary("committee", std::nullopt);
    const auto started = fresh.FindingsSummary("committee", std::nullopt);
    ASSERT_TRUE(live.ok() && started.ok());
    ASSERT_EQ(live.value().groups.size(), started.value().groups.size());
    for (size_t i = 0; i < started.value().groups.size(); ++i) {
      const auto &l = live.value().groups[i], &f = started.value().groups[i];
      EXPECT_TRUE(l.key == f.key && l.counts.error == f.counts.error && l.counts.warning == f.counts.warning &&
                  l.counts.info == f.counts.info)
          << "committee " << f.key;
    }
  }

  template <class T>
  T Read(Kind kind, const std::string& id) {
    const auto got = service_->Get(kind, id);
    EXPECT_TRUE(got.ok()) << id;
    return *io::ReadEntity<T>(got.value().json).value;
  }
  template <class T>
  void Update(Kind kind, const std::string& id, const std::function<void(T&)>& change) {
    const auto got = service_->Get(kind, id);
    ASSERT_TRUE(got.ok()) << "no " << id;
    T x = *io::ReadEntity<T>(got.value().json).value;
    change(x);
    const auto written = service_->Replace(kind, id, io::WriteEntity(x), got.value().version, kActor);
    std::string problems;
    if (!written.ok())
      for (const auto& p : written.error().problems) problems += " " + p.path + ": " + p.message;
    ASSERT_TRUE(written.ok()) << id << ": " << written.error().detail << problems;
  }
  template <class T>
  void Create(Kind kind, const T& x) {
    const auto written = service_->Create(kind, io::WriteEntity(x), kActor);
    ASSERT_TRUE(written.ok()) << x.id.str() << ": " << written.error().detail;
  }
  void Delete(Kind kind, const std::string& id, const DeleteOptions& options = {}) {
    const auto got = service_->Get(kind, id);
    ASSERT_TRUE(got.ok()) << "no " << id;
    const auto deleted = service_->Delete(kind, id, got.value().version, options, kActor);
    ASSERT_TRUE(deleted.ok()) << id << ": " << deleted.error().detail;
  }

  std::filesystem::path path_;
  model::Timestamp now_ = *model::ParseTimestamp("2025-06-15T09:00:00Z");
  model::Register reg_;
  std::unique_ptr<RegisterService> service_;
  size_t checked_ = 0;  // ExpectFull's calls
};

// A system in operation with personal data, a classification and a personal-data flow into another system.
const model::System* FlowSource(const model::Register& reg) {
  for (const auto& s : reg.systems)
    if (s.personal_data && s.classification && s.lifecycle == model::Lifecycle::kActive)
      for (const auto& i : s.integrations)
        if (i.personal_data && i.to != s.id) return &s;
  return nullptr;
}

// A system holding the role with a person, and that person.
std::pair<const model::System*, std::string> Holder(const model::Register& reg, model::RoleKind role) {
  for (const auto& s : reg.systems)
    if (s.lifecycle == model::Lifecycle::kActive)
      for (const auto& r : s.roles)
        if (r.role == role && r.person) return {&s, r.person->str()};
  return {nullptr, ""};
}

TEST_F(ReevaluationTest, EveryWriteLeavesTheFindingsOfAFullEvaluation) {
  ExpectFull("the import");
  const auto counts0 = service_->Evaluations();
  const size_t checked0 = checked_;

  // A system other systems read: the target of a personal-data flow (R-FLOW-SECURITY on the source).
  const auto* source = FlowSource(reg_);
  ASSERT_NE(source, nullptr);
  const std::string target = source->integrations.front().personal_data ? source->integrations.front().to.str()
                                                                        : source->integrations.back().to.str();
  Update<model::System>(Kind::kSystem, target, [&](model::System& t) {
    if (t.classification)
      t.classification.reset();
    else
      t.classification = model::Classification::Levels(4, 4, 4);
  });
  ExpectFull("a flow's target reclassified");
  Update<model::System>(Kind::kSystem, target, [&](model::System& t) {
    t.classification = model::Classification::Levels(source->classification->confidentiality, 1, 1);
  });
  ExpectFull("the target classified as its source");

  // A new system, its roles taken from another; then changed, then deleted.
  model::System copy = reg_.systems[reg_.systems.size() / 2];
  copy.id = model::SystemId("reevaluation-new");
  copy.name = "Ny";
  Create(Kind::kSystem, copy);
  ExpectFull("a system created");
  Update<model::System>(Kind::kSystem, "reevaluation-new", [](model::System& s) {
    s.roles.clear();
    s.lifecycle = model::Lifecycle::kActive;
  });
  ExpectFull("the new system without roles");
  Delete(Kind::kSystem, "reevaluation-new");
  ExpectFull("the new system deleted");

  // A person holding roles: title and administration changed (R-ROLE-OWNER-TITLE, R-SCOPE-OWNER, the DPA's signer).
  const auto [owned, owner] = Holder(reg_, model::RoleKind::kOwner);
  ASSERT_NE(owned, nullptr);
  Update<model::Person>(Kind::kPerson, owner, [](model::Person& p) { p.title = model::Title::kEmployee; });
  ExpectFull("an owner's title changed");
  const auto [stewarded, steward] = Holder(reg_, model::RoleKind::kTechnicalSteward);
  ASSERT_NE(stewarded, nullptr);
  Update<model::Person>(Kind::kPerson, steward, [](model::Person& p) { p.unit.reset(); });
  ExpectFull("a technical steward moved out of the Digital center");
  model::Person person = Read<model::Person>(Kind::kPerson, steward);
  person.id = model::PersonId("reevaluation-person");
  Create(Kind::kPerson, person);
  ExpectFull("a person created");
  Update<model::System>(Kind::kSystem, owned->id.str(), [](model::System& s) {
    s.roles.push_back({model::RoleKind::kOwner, model::PersonId("reevaluation-person"), std::nullopt});
  });
  ExpectFull("a second owner");
  Delete(Kind::kPerson, "reevaluation-person", {RolePolicy::kReassign, owner});
  ExpectFull("the person deleted, the roles reassigned");
  Delete(Kind::kPerson, steward, {RolePolicy::kRemove, ""});
  ExpectFull("a steward deleted with the roles");

  // Processing activities: a system taken out of one (its controllers), one created and deleted.
  ASSERT_FALSE(reg_.processing_activities.empty());
  const auto& activity = reg_.processing_activities.front();
  Update<model::ProcessingActivity>(Kind::kProcessingActivity, activity.id.str(), [](model::ProcessingActivity& a) {
    if (!a.systems.empty()) a.systems.erase(a.systems.begin());
    a.controller.reset();
  });
  ExpectFull("an activity without its first system and controller");
  // One that gives a system another controller committee, which changes that system's findings (R-ROPA-PROCESSOR,
  // R-DPA-FULLMAKT, R-DPA-DECISION ...): created, emptied, filled again and deleted.
  const auto now = service_->Current().reg;
  const auto rulebook = io::EffectiveRulebook(service_->BaseRulebook(), now);
  const auto findings_now = rules::Check(now, rulebook, {now_});
  std::optional<model::ProcessingActivity> added;
  for (size_t i = 0; i < now.systems.size() && !added; i += 7) {
    const auto& s = now.systems[i];
    if (!s.personal_data || s.lifecycle != model::Lifecycle::kActive || !s.owner_administration) continue;
    for (const auto& c : now.committees) {
      model::ProcessingActivity a = now.processing_activities.back();
      a.id = model::ProcessingActivityId("reevaluation-activity");
      a.controller = c.id;
      a.joint_controllers.clear();
      a.systems = {s.id};
      auto with = now;
      with.processing_activities.push_back(a);
      auto findings_with = rules::Check(with, rulebook, {now_});
      std::erase_if(findings_with, [&](const rules::Finding& f) { return f.subject.id == a.id.str(); });
      auto without = findings_now;
      std::erase_if(without, [&](const rules::Finding& f) { return f.subject.id == a.id.str(); });
      if (findings_with != without) {
        added = a;
        break;
      }
    }
  }
  ASSERT_TRUE(added.has_value()) << "no activity changes a system's findings";
  Create(Kind::kProcessingActivity, *added);
  ExpectFull("an activity created");
  Update<model::ProcessingActivity>(Kind::kProcessingActivity, "reevaluation-activity",
                                    [](model::ProcessingActivity& a) { a.systems.clear(); });
  ExpectFull("the activity without systems");
  Update<model::ProcessingActivity>(Kind::kProcessingActivity, "reevaluation-activity",
                                    [&](model::ProcessingActivity& a) { a.systems = added->systems; });
  ExpectFull("the activity with its system again");
  Delete(Kind::kProcessingActivity, "reevaluation-activity");
  ExpectFull("the activity deleted");

  // What names systems: processor records, agreements, cooperations, DPA decisions, powers of attorney.
  ASSERT_FALSE(reg_.processor_records.empty());
  {
    Update<model::ProcessorRecord>(Kind::kProcessorRecord, reg_.processor_records.front().id.str(),
                                   [](model::ProcessorRecord& r) { r.committees.clear(); });
    ExpectFull("a processor record without committees");
  }
  ASSERT_FALSE(reg_.agreements.empty());
  {
    Update<model::Agreement>(Kind::kAgreement, reg_.agreements.front().id.str(),
                             [](model::Agreement& a) { a.parties.resize(a.parties.empty() ? 0 : 1); });
    ExpectFull("an agreement with one party");
  }
  ASSERT_FALSE(reg_.cooperations.empty());
  {
    Update<model::Cooperation>(Kind::kCooperation, reg_.cooperations.front().id.str(), [](model::Cooperation& c) {
      if (c.parties.size() > 1) c.parties.pop_back();
    });
    ExpectFull("a cooperation without its last party");
    Update<model::Cooperation>(Kind::kCooperation, reg_.cooperations.front().id.str(),
                               [](model::Cooperation& c) { c.systems.clear(); });
    ExpectFull("a cooperation without systems");
  }
  {  // The generator makes none: one decided at a meeting for a system that lacks it.
    const auto undecided = service_->Read([](const RegisterService::Reader& r) -> std::optional<rules::Finding> {
      for (const auto& f : r.findings())
        if (f.rule == rules::RuleId::kDpaDecision) return f;
      return std::nullopt;
    });
    ASSERT_TRUE(undecided.has_value());
    model::DpaDecision decision;
    decision.id = model::DpaDecisionId("reevaluation-decision");
    decision.system = model::SystemId(undecided->subject.id);
    decision.committees = {model::CommitteeId(*rules::DetailString(*undecided, "committee"))};
    decision.decided_on = model::Date::FromYmd(2019, 1, 1);
    decision.meeting = "BN 2019-01-01 § 1";
    Create(Kind::kDpaDecision, decision);
    ExpectFull("a DPA decision created");
    Update<model::DpaDecision>(Kind::kDpaDecision, "reevaluation-decision",
                               [](model::DpaDecision& d) { d.decided_on.reset(); });
    ExpectFull("the DPA decision undated");
    Delete(Kind::kDpaDecision, "reevaluation-decision");
    ExpectFull("the DPA decision deleted");
  }
  ASSERT_FALSE(reg_.powers_of_attorney.empty());
  {
    Update<model::PowerOfAttorney>(Kind::kPowerOfAttorney, reg_.powers_of_attorney.front().id.str(),
                                   [&](model::PowerOfAttorney& f) { f.system = owned->id; });
    ExpectFull("a power of attorney moved to another system");
  }
  // Read only by the register-wide families.
  ASSERT_FALSE(reg_.delegations.empty());
  {
    Delete(Kind::kDelegation, reg_.delegations.front().id.str());
    ExpectFull("a delegation deleted");
  }
  ASSERT_FALSE(reg_.incidents.empty());
  {
    Update<model::Incident>(Kind::kIncident, reg_.incidents.front().id.str(),
                            [](model::Incident& i) { i.dpo_informed = !i.dpo_informed; });
    ExpectFull("an incident changed");
  }
  ASSERT_FALSE(reg_.data_subject_requests.empty());
  {
    Update<model::DataSubjectRequest>(Kind::kDataSubjectRequest, reg_.data_subject_requests.front().id.str(),
                                      [](model::DataSubjectRequest& r) { r.decided_on.reset(); });
    ExpectFull("a request undecided");
  }
  // A change of several systems in one transaction (the decisions' acts write this way).
  auto first = Read<model::System>(Kind::kSystem, reg_.systems.front().id.str());
  const auto version = service_->Get(Kind::kSystem, first.id.str()).value().version;
  const std::string before = io::WriteEntity(first);
  first.documents.clear();
  const auto updated = service_->Write([&](RegisterService::Writer& w) {
    return w.Update({{{Kind::kSystem, first.id.str()}, store::Entity(first), version, before, io::WriteEntity(first)}},
                    kActor);
  });
  ASSERT_TRUE(updated.ok()) << updated.error().detail;
  ExpectFull("a system's documents removed by Writer::Update");
  // The same day later: the register-wide families judge the instant (the incidents' clocks).
  now_ = *model::ParseTimestamp("2025-06-15T21:00:00Z");
  Update<model::System>(Kind::kSystem, target, [](model::System& t) { t.name += " (ändrad)"; });
  ExpectFull("a write later the same day");
  const auto counts1 = service_->Evaluations();
  EXPECT_EQ(counts1.full, counts0.full) << "every write so far takes the evaluation up";
  EXPECT_EQ(counts1.taken_up - counts0.taken_up, checked_ - checked0);

  // Writes that change what nearly every family reads evaluate everything again; so does another day.
  Update<model::Administration>(Kind::kAdministration, owned->owner_administration->str(),
                                [](model::Administration& a) { a.employing_committee.reset(); });
  ExpectFull("an administration changed");
  Update<model::Committee>(Kind::kCommittee, reg_.committees.front().id.str(),
                           [](model::Committee& c) { c.kind = model::CommitteeKind::kCommittee; });
  ExpectFull("a committee changed");
  Update<model::Organization>(Kind::kOrganization, reg_.organizations.front().id.str(),
                              [](model::Organization& o) { o.management_review_on.reset(); });
  ExpectFull("an organization changed");
  now_ = *model::ParseTimestamp("2025-06-16T09:00:00Z");
  Update<model::System>(Kind::kSystem, target, [](model::System& t) { t.name += " igen"; });
  ExpectFull("a write on the next day");
  EXPECT_EQ(service_->Evaluations().full, counts1.full + 4);
}

}  // namespace
}  // namespace ansvar::app
