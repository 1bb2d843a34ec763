// The contract of store/store.hpp, run against every backend (see store_contract.hpp).
#include "store_contract.hpp"

#include <algorithm>
#include <atomic>
#include <set>
#include <thread>
#include <vector>

#include "model/validate.hpp"
#include "test_registers.hpp"

namespace ansvar::store::testing {
namespace {

using model::Register;

const Actor kAlice{"alice", "Alice Andersson"};
const Actor kBob{"bob", "Bob Berg"};

model::Timestamp At(const char* text) { return *model::ParseTimestamp(text); }

template <class T>
const T& Find(const std::vector<T>& items, const std::string& id) {
  auto it = std::find_if(items.begin(), items.end(), [&](const T& x) { return x.id.str() == id; });
  if (it == items.end()) throw std::runtime_error("no " + id);
  return *it;
}

// The message of the ConflictError that `f` throws, and its key; fails the test when it throws nothing.
template <class F>
std::pair<std::string, EntityKey> ConflictOf(F&& f) {
  try {
    f();
  } catch (const ConflictError& e) {
    return {e.what(), e.key()};
  }
  ADD_FAILURE() << "no ConflictError";
  return {};
}

// Everything observable about the stored state, to show that a refused write changed nothing.
struct State {
  Snapshot snap;
  std::vector<AuditEntry> audit;
};
State Observe(Store& s) {
  AuditFilter all;
  all.limit = 0;
  return State{s.Load(), s.ReadAudit(all)};
}
void ExpectSame(const State& a, const State& b) {
  EXPECT_EQ(a.snap.reg, b.snap.reg) << FirstDifference(a.snap.reg, b.snap.reg);
  EXPECT_EQ(a.snap.versions, b.snap.versions);
  EXPECT_EQ(a.snap.last_audit_seq, b.snap.last_audit_seq);
  ASSERT_EQ(a.audit.size(), b.audit.size());
  for (size_t i = 0; i < a.audit.size(); ++i) EXPECT_EQ(a.audit[i].hash, b.audit[i].hash);
}

// The full register stored with one audit entry per entity, as an import would.
std::vector<Change> ImportAudit(const Register& reg) {
  std::vector<Change> out;
  auto add = [&](const auto& items) {
    for (const auto& x : items) out.push_back(Create(Entity(x)));
  };
  add(reg.organizations);
  add(reg.committees);
  add(reg.administrations);
  add(reg.people);
  add(reg.systems);
  add(reg.delegations);
  add(reg.powers_of_attorney);
  add(reg.processing_activities);
  add(reg.processor_records);
  add(reg.incidents);
  add(reg.data_subject_requests);
  add(reg.agreements);
  add(reg.cooperations);
  add(reg.dpa_decisions);
  return out;
}

// Stores the full register (a replace without audit entries) and returns it.
Register Seed(Store& store) {
  Register reg = FullRegister();
  store.ReplaceRegister(reg, {}, kAlice, At("2025-01-01T00:00:00Z"));
  return reg;
}

// ---- schema ----

TEST_P(StoreContract, MigrateIsIdempotent) {
  const int version = store_->SchemaVersion();
  EXPECT_GT(version, 0);
  EXPECT_EQ(store_->Migrate(), 0);
  EXPECT_EQ(store_->Migrate(), 0);
  EXPECT_EQ(store_->SchemaVersion(), version);
  Reopen();
  EXPECT_EQ(store_->Migrate(), 0);
  EXPECT_EQ(store_->SchemaVersion(), version);
}

TEST_P(StoreContract, ANewStoreHoldsAnEmptyRegister) {
  const Snapshot s = store_->Load();
  EXPECT_EQ(s.reg, Register{});
  EXPECT_EQ(s.VersionCount(), 0u);
  EXPECT_EQ(s.last_audit_seq, 0);
  EXPECT_EQ(store_->LastAuditSeq(), 0);
  EXPECT_TRUE(store_->ReadAudit({}).empty());
  const AuditVerification v = store_->VerifyAudit();
  EXPECT_TRUE(v.ok);
  EXPECT_EQ(v.entries, 0);
}

// ---- replace and load ----

TEST_P(StoreContract, FullRegisterRoundTrips) {
  const Register reg = FullRegister();
  ASSERT_TRUE(model::Validate(reg).empty()) << model::Validate(reg)[0].path << ": " << model::Validate(reg)[0].message;
  const Committed c = store_->ReplaceRegister(reg, {}, kAlice, At("2025-01-01T00:00:00Z"));
  EXPECT_EQ(c.last_audit_seq, 0);
  const Snapshot s = store_->Load();
  EXPECT_EQ(s.reg, reg) << FirstDifference(s.reg, reg);
  EXPECT_EQ(s.VersionCount(), 2u + 4 + 2 + 3 + 3 + 2 + 2 + 3 + 2 + 2 + 2 + 2 + 2 + 2);
  EXPECT_EQ(s.VersionOf(Kind::kCooperation, "bibl"), 1);
  EXPECT_EQ(s.VersionOf(Kind::kDpaDecision, "dd2"), 1);
  for (size_t k = 0; k < kKindCount; ++k)
    for (const int64_t version : s.versions[k]) EXPECT_EQ(version, 1) << ToString(static_cast<Kind>(k));
  EXPECT_EQ(s.VersionOf(Kind::kDelegation, "dlg-2"), 1);
}

TEST_P(StoreContract, PublicExampleRoundTrips) {
  const Register reg = ExampleRegister();
  const std::vector<Change> audit = ImportAudit(reg);
  const Committed c = store_->ReplaceRegister(reg, audit, kAlice, At("2025-01-01T00:00:00Z"));
  EXPECT_EQ(c.last_audit_seq, static_cast<int64_t>(audit.size()));
  EXPECT_EQ(c.versions, std::vector<int64_t>(audit.size(), 1));
  const Snapshot s = store_->Load();
  EXPECT_EQ(s.reg, reg) << FirstDifference(s.reg, reg);
  EXPECT_EQ(s.last_audit_seq, static_cast<int64_t>(audit.size()));
  EXPECT_EQ(s.VersionCount(), audit.size());
  EXPECT_TRUE(store_->VerifyAudit().ok);
}

TEST_P(StoreContract, ReplaceRegisterReplacesEverythingAndCarriesVersionsOver) {
  Register reg = Seed(*store_);
  model::System sys = reg.systems[2];
  sys.name = "Changed";
  store_->Apply({Update(sys, 1)}, kAlice, At("2025-01-02T00:00:00Z"));
  ASSERT_EQ(store_->Load().VersionOf(Kind::kSystem, "bare"), 2);

  // A smaller register: one entity kept and changed, one new, the rest gone.
  Register next;
  next.organizations = {reg.organizations[1]};
  next.organizations[0].name = "Bolaget";
  model::Organization added;
  added.id = model::OrganizationId("ny");
  added.name = "Ny kommun";
  next.organizations.push_back(added);
  std::vector<Change> audit = {Update(next.organizations[0], 1), Create(next.organizations[1]),
                               Delete(Kind::kSystem, "bare")};
  const Committed c = store_->ReplaceRegister(next, audit, kBob, At("2025-01-03T00:00:00Z"));
  // The changed organization moves on from its version (an ETag read before the replace goes stale); the new one
  // starts at 1.
  EXPECT_EQ(c.versions, (std::vector<int64_t>{2, 1, 0}));
  EXPECT_EQ(c.last_audit_seq, 1 + 3);

  const Snapshot s = store_->Load();
  EXPECT_EQ(s.reg, next) << FirstDifference(s.reg, next);
  EXPECT_EQ(s.VersionCount(), 2u);
  EXPECT_EQ(s.VersionOf(Kind::kOrganization, next.organizations[0].id.str()), 2);
  EXPECT_EQ(s.VersionOf(Kind::kOrganization, "ny"), 1);

  // Replaced again with itself, nothing changes and nothing moves on.
  store_->ReplaceRegister(next, {}, kBob, At("2025-01-04T00:00:00Z"));
  EXPECT_EQ(store_->Load().versions, s.versions);

  AuditFilter f;
  f.after_seq = 1;
  f.newest_first = false;
  const auto entries = store_->ReadAudit(f);
  ASSERT_EQ(entries.size(), 3u);
  EXPECT_EQ(entries[0].action, "update");  // "bolag" was stored before
  EXPECT_EQ(entries[1].action, "create");  // "ny" was not
  EXPECT_EQ(entries[2].action, "delete");
  EXPECT_EQ(entries[0].actor_id, "bob");
}

TEST_P(StoreContract, ReplaceRegisterTakesEachAuditActionFromWhatWasAndIsStored) {
  const Register reg = Seed(*store_);
  Register next = reg;
  next.agreements.pop_back();  // "a2" goes
  next.systems[0].name = "Raindance 2";
  model::Agreement added;
  added.id = model::AgreementId("a3");
  next.agreements.push_back(added);
  // As an import gives them: only the keys, the expected versions and the images, never `after`.
  auto image = [](Kind kind, const char* id, std::optional<int64_t> expected, const char* before, const char* after) {
    Change c;
    c.key = EntityKey{kind, id};
    c.expected_version = expected;
    c.before_json = before;
    c.after_json = after;
    return c;
  };
  const std::vector<Change> audit = {
      image(Kind::kSystem, "raindance", 1, R"({"name":"Raindance"})", R"({"name":"Raindance 2"})"),
      image(Kind::kAgreement, "a3", std::nullopt, "", R"({"id":"a3"})"),
      image(Kind::kAgreement, "a2", 1, R"({"id":"a2"})", ""),
  };
  const Committed c = store_->ReplaceRegister(next, audit, kBob, At("2025-01-03T00:00:00Z"));
  EXPECT_EQ(c.versions, (std::vector<int64_t>{2, 1, 0}));  // updated: the next version; created: 1; deleted: 0
  AuditFilter f;
  f.newest_first = false;
  const auto entries = store_->ReadAudit(f);
  ASSERT_EQ(entries.size(), 3u);
  EXPECT_EQ(entries[0].action, "update");
  EXPECT_EQ(entries[1].action, "create");
  EXPECT_EQ(entries[2].action, "delete");
  EXPECT_EQ(entries[2].before_json, R"({"id":"a2"})");
  EXPECT_EQ(store_->Load().reg, next) << FirstDifference(store_->Load().reg, next);
}

TEST_P(StoreContract, ReplaceRegisterWithADanglingReferenceChangesNothing) {
  Seed(*store_);
  const State before = Observe(*store_);
  Register bad = FullRegister();
  bad.systems[0].roles[0].person = model::PersonId("nobody");
  const auto [message, key] =
      ConflictOf([&] { store_->ReplaceRegister(bad, ImportAudit(bad), kAlice, At("2025-01-05T00:00:00Z")); });
  EXPECT_EQ(key, (EntityKey{Kind::kSystem, "raindance"})) << message;
  EXPECT_NE(message.find("nobody"), std::string::npos) << message;
  ExpectSame(before, Observe(*store_));
  // The store still enforces references afterwards.
  EXPECT_THROW(store_->Apply({Delete(Kind::kPerson, "p1")}, kAlice, At("2025-01-05T00:00:00Z")), ConflictError);
}

TEST_P(StoreContract, ReplaceRegisterWithADuplicateIdChangesNothing) {
  Seed(*store_);
  const State before = Observe(*store_);
  Register bad = FullRegister();
  bad.people.push_back(bad.people[0]);
  EXPECT_THROW(store_->ReplaceRegister(bad, {}, kAlice, At("2025-01-05T00:00:00Z")), ConflictError);
  ExpectSame(before, Observe(*store_));
}

TEST_P(StoreContract, ReplaceRegisterNeedsAnIdOnEveryDelegationAndProcessorRecord) {
  Seed(*store_);
  const State before = Observe(*store_);
  Register bad = FullRegister();
  bad.delegations[1].id = model::DelegationId();
  EXPECT_THROW(store_->ReplaceRegister(bad, {}, kAlice, At("2025-01-05T00:00:00Z")), std::invalid_argument);
  bad = FullRegister();
  bad.processor_records[0].id = model::ProcessorRecordId();
  EXPECT_THROW(store_->ReplaceRegister(bad, {}, kAlice, At("2025-01-05T00:00:00Z")), std::invalid_argument);
  ExpectSame(before, Observe(*store_));
}

// ---- apply ----

TEST_P(StoreContract, ApplyCreatesUpdatesAndDeletesWithVersions) {
  Register reg = Seed(*store_);
  model::Person p;
  p.id = model::PersonId("p9");
  p.name = "Nina Ny";
  p.administration = model::AdministrationId("ksf");
  p.unit = model::UnitId("ink");

  Committed c = store_->Apply({Create(p)}, kAlice, At("2025-02-01T10:00:00Z"));
  EXPECT_EQ(c.versions, std::vector<int64_t>{1});
  EXPECT_EQ(c.last_audit_seq, 1);
  Snapshot s = store_->Load();
  EXPECT_EQ(s.reg.people.back(), p);  // a new entity goes last
  EXPECT_EQ(s.VersionOf(Kind::kPerson, "p9"), 1);

  p.title = model::Title::kManager;
  c = store_->Apply({Update(p, 1)}, kAlice, At("2025-02-01T10:01:00Z"));
  EXPECT_EQ(c.versions, std::vector<int64_t>{2});
  c = store_->Apply({Update(p, 2)}, kAlice, At("2025-02-01T10:02:00Z"));
  EXPECT_EQ(c.versions, std::vector<int64_t>{3});
  EXPECT_EQ(c.last_audit_seq, 3);
  s = store_->Load();
  EXPECT_EQ(Find(s.reg.people, "p9"), p);
  EXPECT_EQ(s.VersionOf(Kind::kPerson, "p9"), 3);

  c = store_->Apply({Delete(Kind::kPerson, "p9", 3)}, kAlice, At("2025-02-01T10:03:00Z"));
  EXPECT_EQ(c.versions, std::vector<int64_t>{0});
  s = store_->Load();
  EXPECT_EQ(s.reg, reg) << FirstDifference(s.reg, reg);
  EXPECT_EQ(s.VersionOf(Kind::kPerson, "p9"), 0);
  EXPECT_EQ(s.last_audit_seq, 4);
}

TEST_P(StoreContract, AnUpdateKeepsTheEntityInItsPlace) {
  Register reg = Seed(*store_);
  reg.systems[0].name = "Raindance 2";
  reg.systems[0].roles.pop_back();
  reg.systems[0].documents.erase(reg.systems[0].documents.begin() + 1);  // the DPA and its children
  reg.systems[0].transfer.reset();
  reg.administrations[0].units.pop_back();  // "ink", which no one refers to
  reg.processing_activities[0].threshold_analysis.reset();
  store_->Apply({Update(reg.systems[0], 1), Update(reg.administrations[0], 1), Update(reg.processing_activities[0], 1)},
                kAlice, At("2025-02-01T10:00:00Z"));
  const Snapshot s = store_->Load();
  EXPECT_EQ(s.reg, reg) << FirstDifference(s.reg, reg);
  EXPECT_EQ(s.VersionOf(Kind::kSystem, "raindance"), 2);
  EXPECT_EQ(s.VersionOf(Kind::kSystem, "ecos"), 1);
}

TEST_P(StoreContract, EveryKindCanBeCreatedUpdatedAndDeleted) {
  const Register full = FullRegister();
  // Create everything in one batch, in an order where references point forward: checked at commit.
  std::vector<Change> creates = ImportAudit(full);
  std::reverse(creates.begin(), creates.end());
  store_->Apply(creates, kAlice, At("2025-02-01T10:00:00Z"));
  Snapshot s = store_->Load();
  EXPECT_EQ(s.reg.systems.size(), full.systems.size());
  for (const auto& own : s.versions)
    for (const int64_t version : own) EXPECT_EQ(version, 1);

  std::vector<Change> updates;
  for (const Change& c : ImportAudit(full)) updates.push_back(Update(*c.after, 1));
  const Committed c = store_->Apply(updates, kAlice, At("2025-02-01T10:01:00Z"));
  EXPECT_EQ(c.versions, std::vector<int64_t>(updates.size(), 2));

  std::vector<Change> deletes;
  for (const Change& u : updates) deletes.push_back(Delete(u.key.kind, u.key.id, 2));
  store_->Apply(deletes, kAlice, At("2025-02-01T10:02:00Z"));
  s = store_->Load();
  EXPECT_EQ(s.VersionCount(), 0u);
  EXPECT_EQ(s.reg.systems.size(), 0u);
  EXPECT_EQ(s.reg.people.size(), 0u);
  EXPECT_EQ(s.last_audit_seq, static_cast<int64_t>(3 * updates.size()));
  EXPECT_TRUE(store_->VerifyAudit().ok);
}

TEST_P(StoreContract, AStaleExpectedVersionIsAConflictAndChangesNothing) {
  Register reg = Seed(*store_);
  model::System sys = reg.systems[0];
  sys.name = "first";
  store_->Apply({Update(sys, 1)}, kAlice, At("2025-02-01T10:00:00Z"));
  sys.name = "second";
  store_->Apply({Update(sys, 2)}, kAlice, At("2025-02-01T10:01:00Z"));
  const State before = Observe(*store_);

  sys.name = "lost update";
  auto [message, key] = ConflictOf([&] { store_->Apply({Update(sys, 2)}, kBob, At("2025-02-01T10:02:00Z")); });
  EXPECT_EQ(message, "system \"raindance\" was changed by someone else (version 3, expected 2)");
  EXPECT_EQ(key, (EntityKey{Kind::kSystem, "raindance"}));
  std::tie(message, key) =
      ConflictOf([&] { store_->Apply({Delete(Kind::kSystem, "raindance", 1)}, kBob, At("2025-02-01T10:02:00Z")); });
  EXPECT_EQ(message, "system \"raindance\" was changed by someone else (version 3, expected 1)");
  ExpectSame(before, Observe(*store_));
}

TEST_P(StoreContract, CreatingWhatExistsOrChangingWhatDoesNotIsAConflict) {
  const Register reg = Seed(*store_);
  const State before = Observe(*store_);
  EXPECT_EQ(ConflictOf([&] { store_->Apply({Create(reg.committees[0])}, kAlice, At("2025-02-01T10:00:00Z")); }).first,
            "committee \"ks\" already exists");
  model::Committee ghost = reg.committees[0];
  ghost.id = model::CommitteeId("ghost");
  EXPECT_EQ(ConflictOf([&] { store_->Apply({Update(ghost, 1)}, kAlice, At("2025-02-01T10:00:00Z")); }).first,
            "committee \"ghost\" does not exist");
  EXPECT_EQ(ConflictOf([&] {
              store_->Apply({Delete(Kind::kProcessingActivity, "nope")}, kAlice, At("2025-02-01T10:00:00Z"));
            }).first,
            "processing activity \"nope\" does not exist");
  ExpectSame(before, Observe(*store_));
}

TEST_P(StoreContract, AFailingChangeInABatchRollsBackTheWholeBatch) {
  const Register reg = Seed(*store_);
  const State before = Observe(*store_);
  model::Person fresh;
  fresh.id = model::PersonId("p-new");
  fresh.name = "Ny";
  model::Person renamed = reg.people[1];
  renamed.name = "Omdöpt";
  model::Committee stale = reg.committees[1];
  stale.name = "Stale";
  const auto [message, key] = ConflictOf([&] {
    store_->Apply({Create(fresh), Update(renamed, 1), Update(stale, 7), Delete(Kind::kAgreement, "a2")}, kAlice,
                  At("2025-02-01T10:00:00Z"));
  });
  EXPECT_EQ(key, (EntityKey{Kind::kCommittee, "service"})) << message;
  ExpectSame(before, Observe(*store_));
}

TEST_P(StoreContract, DeletingAReferencedPersonIsRefused) {
  Seed(*store_);
  const State before = Observe(*store_);
  const auto [message, key] =
      ConflictOf([&] { store_->Apply({Delete(Kind::kPerson, "p2")}, kAlice, At("2025-02-01T10:00:00Z")); });
  EXPECT_EQ(key, (EntityKey{Kind::kPerson, "p2"}));
  // p2 holds a role on raindance and a power of attorney: the message names the table that still refers to it.
  EXPECT_TRUE(message.find("system_roles") != std::string::npos ||
              message.find("powers_of_attorney") != std::string::npos)
      << message;
  EXPECT_NE(message.find("cannot be deleted"), std::string::npos) << message;
  ExpectSame(before, Observe(*store_));
}

TEST_P(StoreContract, DeletingWhatTheSameBatchStopsReferringToSucceeds) {
  Register reg = Seed(*store_);
  // p2 is a superuser of raindance and the holder of f1.
  std::erase_if(reg.systems[0].roles, [](const model::RoleAssignment& r) { return r.person == model::PersonId("p2"); });
  reg.powers_of_attorney[0].holder.reset();
  const Committed c =
      store_->Apply({Delete(Kind::kPerson, "p2", 1), Update(reg.systems[0], 1), Update(reg.powers_of_attorney[0], 1)},
                    kAlice, At("2025-02-01T10:00:00Z"));
  EXPECT_EQ(c.versions, (std::vector<int64_t>{0, 2, 2}));
  std::erase_if(reg.people, [](const model::Person& p) { return p.id == model::PersonId("p2"); });
  EXPECT_EQ(store_->Load().reg, reg) << FirstDifference(store_->Load().reg, reg);
}

TEST_P(StoreContract, DroppingAUnitAPersonBelongsToIsRefused) {
  Register reg = Seed(*store_);
  const State before = Observe(*store_);
  reg.administrations[0].units.erase(reg.administrations[0].units.begin());  // "dc", p-dpo's unit
  const auto [message, key] =
      ConflictOf([&] { store_->Apply({Update(reg.administrations[0], 1)}, kAlice, At("2025-02-01T10:00:00Z")); });
  EXPECT_EQ(key, (EntityKey{Kind::kAdministration, "ksf"})) << message;
  EXPECT_NE(message.find("people"), std::string::npos) << message;
  ExpectSame(before, Observe(*store_));
}

TEST_P(StoreContract, AReferenceToNothingIsAConflictOfTheReferrer) {
  const Register reg = Seed(*store_);
  const State before = Observe(*store_);
  model::System sys;
  sys.id = model::SystemId("new");
  sys.roles = {model::RoleAssignment{model::RoleKind::kOwner, model::PersonId("nobody"), std::nullopt}};
  const auto [message, key] = ConflictOf([&] { store_->Apply({Create(sys)}, kAlice, At("2025-02-01T10:00:00Z")); });
  EXPECT_EQ(key, (EntityKey{Kind::kSystem, "new"}));
  EXPECT_NE(message.find("person \"nobody\""), std::string::npos) << message;
  EXPECT_NE(message.find("does not exist"), std::string::npos) << message;
  ExpectSame(before, Observe(*store_));
}

TEST_P(StoreContract, ACooperationsReferencesAreCheckedAndKeepWhatTheyReferTo) {
  Seed(*store_);
  const State before = Observe(*store_);
  model::Cooperation coop;
  coop.id = model::CooperationId("ny");
  coop.name = "Ny samverkan";
  coop.parties = {model::CooperationParty{model::OrganizationId("kba"), std::nullopt, std::nullopt, ""}};
  coop.groups = {model::CooperationGroup{model::GroupKind::kWorkingGroup, "Arbetsgrupp", {model::PersonId("nobody")}}};
  auto [message, key] = ConflictOf([&] { store_->Apply({Create(coop)}, kAlice, At("2025-02-01T10:00:00Z")); });
  EXPECT_EQ(key, (EntityKey{Kind::kCooperation, "ny"}));
  EXPECT_NE(message.find("cooperation_group_members.person_id"), std::string::npos) << message;
  EXPECT_NE(message.find("person \"nobody\""), std::string::npos) << message;
  ExpectSame(before, Observe(*store_));

  // The DPA decision dd1 was taken under delegation dlg-1: that delegation cannot go while it refers to it.
  std::tie(message, key) =
      ConflictOf([&] { store_->Apply({Delete(Kind::kDelegation, "dlg-1")}, kAlice, At("2025-02-01T10:00:00Z")); });
  EXPECT_EQ(key, (EntityKey{Kind::kDelegation, "dlg-1"}));
  EXPECT_NE(message.find("cannot be deleted"), std::string::npos) << message;
  EXPECT_NE(message.find("dpa_decisions.delegation_id of dpa decision \"dd1\""), std::string::npos) << message;
  ExpectSame(before, Observe(*store_));

  // Gone with the decision, the delegation can go.
  store_->Apply({Delete(Kind::kDpaDecision, "dd1", 1), Delete(Kind::kDelegation, "dlg-1")}, kAlice,
                At("2025-02-01T10:00:00Z"));
  const Snapshot s = store_->Load();
  ASSERT_EQ(s.reg.dpa_decisions.size(), 1u);
  EXPECT_EQ(s.reg.dpa_decisions[0].id.str(), "dd2");
}

TEST_P(StoreContract, ADuplicateDocumentIdOnASystemIsAConflict) {
  Register reg = Seed(*store_);
  const State before = Observe(*store_);
  reg.systems[1].documents = {model::Document{}, model::Document{}};
  reg.systems[1].documents[0].id = reg.systems[1].documents[1].id = model::DocumentId("same");
  const auto [message, key] =
      ConflictOf([&] { store_->Apply({Update(reg.systems[1], 1)}, kAlice, At("2025-02-01T10:00:00Z")); });
  EXPECT_EQ(key, (EntityKey{Kind::kSystem, "ecos"})) << message;
  ExpectSame(before, Observe(*store_));
}

TEST_P(StoreContract, ABatchMustNameTheEntitiesItCarries) {
  const Register reg = Seed(*store_);
  Change c = Update(reg.systems[0], 1);
  c.key.id = "other";
  EXPECT_THROW(store_->Apply({c}, kAlice, At("2025-02-01T10:00:00Z")), std::invalid_argument);
  model::Delegation d = reg.delegations[0];
  d.id = model::DelegationId();
  EXPECT_THROW(store_->Apply({Create(d)}, kAlice, At("2025-02-01T10:00:00Z")), std::invalid_argument);
  EXPECT_EQ(store_->LastAuditSeq(), 0);
}

TEST_P(StoreContract, AnEmptyBatchChangesNothing) {
  Seed(*store_);
  store_->Apply({Delete(Kind::kAgreement, "a2")}, kAlice, At("2025-02-01T10:00:00Z"));
  const Committed c = store_->Apply({}, kAlice, At("2025-02-01T10:00:00Z"));
  EXPECT_EQ(c.last_audit_seq, 1);
  EXPECT_TRUE(c.versions.empty());
}

// ---- audit ----

TEST_P(StoreContract, AuditEntriesAreChainedAndKeepWhatWasGiven) {
  Register reg = Seed(*store_);
  reg.systems[2].name = "x";
  store_->Apply({Update(reg.systems[2], 1), Delete(Kind::kAgreement, "a2", 1)}, kAlice, At("2025-02-01T10:00:00Z"));
  reg.systems[2].name = "y";
  Change u = Update(reg.systems[2], 2);
  u.before_json = R"({"name":"x","note":"åäö \" \\ \n"})";
  u.after_json = R"({"name":"y"})";
  store_->Apply({u}, kBob, At("2025-02-02T11:30:00Z"));

  AuditFilter f;
  f.newest_first = false;
  const auto entries = store_->ReadAudit(f);
  ASSERT_EQ(entries.size(), 3u);
  std::string prev;
  for (size_t i = 0; i < entries.size(); ++i) {
    const AuditEntry& e = entries[i];
    EXPECT_EQ(e.seq, static_cast<int64_t>(i + 1));
    EXPECT_EQ(e.prev_hash, prev);
    EXPECT_EQ(e.hash, AuditHash(e));
    EXPECT_EQ(e.hash.size(), 64u);
    prev = e.hash;
  }
  EXPECT_EQ(entries[0].action, "update");
  EXPECT_EQ(entries[0].kind, Kind::kSystem);
  EXPECT_EQ(entries[0].entity_id, "bare");
  EXPECT_EQ(entries[0].actor_id, "alice");
  EXPECT_EQ(entries[0].actor_name, "Alice Andersson");
  EXPECT_EQ(entries[0].at, At("2025-02-01T10:00:00Z"));
  EXPECT_EQ(entries[1].action, "delete");
  EXPECT_EQ(entries[1].kind, Kind::kAgreement);
  EXPECT_EQ(entries[1].after_json, "");
  EXPECT_EQ(entries[2].before_json, u.before_json);
  EXPECT_EQ(entries[2].after_json, u.after_json);
  EXPECT_EQ(entries[2].actor_id, "bob");
  EXPECT_EQ(entries[2].at, At("2025-02-02T11:30:00Z"));
  EXPECT_EQ(store_->LastAuditSeq(), 3);
  const AuditVerification v = store_->VerifyAudit();
  EXPECT_TRUE(v.ok) << v.reason;
  EXPECT_EQ(v.entries, 3);
}

// Issue 17: each entry names the credential that made it; entries with and without one verify in one chain.
TEST_P(StoreContract, AuditEntriesKeepTheCredentialThatMadeThemAndStillVerify) {
  Register reg = Seed(*store_);
  reg.systems[2].name = "x";
  store_->Apply({Update(reg.systems[2], 1)}, kAlice, At("2025-02-01T09:00:00Z"));  // no credential (the CLI)
  reg.systems[2].name = "y";
  const Actor by_session{"bob", "Bob Berg", "session:0123456789abcdef"};
  store_->Apply({Update(reg.systems[2], 2)}, by_session, At("2025-02-01T10:00:00Z"));
  store_->PutDocument("accounts", "bob", R"({"id":"bob"})", std::nullopt,
                      Actor{"admin", "Admin", "token:00ff00ff00ff00ff"}, At("2025-02-01T10:01:00Z"));
  AuditFilter f;
  f.limit = 1;
  const auto last = store_->ReadAudit(f);
  ASSERT_EQ(last.size(), 1u);
  EXPECT_EQ(last[0].credential, "session:0123456789abcdef");
  EXPECT_EQ(last[0].hash, AuditHash(last[0]));
  f.limit = 1000;
  f.newest_first = false;
  EXPECT_EQ(store_->ReadAudit(f).front().credential, "");
  const auto docs = store_->ReadDocumentAudit("accounts", "bob", 10);
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(docs[0].credential, "token:00ff00ff00ff00ff");
  EXPECT_EQ(docs[0].hash, DocumentAuditHash(docs[0]));
  const AuditVerification v = store_->VerifyAudit();
  EXPECT_TRUE(v.ok) << v.reason;
}

TEST_P(StoreContract, AuditCanBeFilteredByKindEntityActorTimeAndSeq) {
  const Register reg = Seed(*store_);
  model::Person p = reg.people[2];
  model::System s = reg.systems[2];
  p.name = "1";
  store_->Apply({Update(p, 1)}, kAlice, At("2025-02-01T08:00:00Z"));  // seq 1
  s.name = "2";
  store_->Apply({Update(s, 1)}, kBob, At("2025-02-02T08:00:00Z"));  // seq 2
  p.name = "3";
  store_->Apply({Update(p, 2)}, kBob, At("2025-02-03T08:00:00Z"));  // seq 3
  s.name = "4";
  store_->Apply({Update(s, 2)}, kAlice, At("2025-02-04T08:00:00Z"));  // seq 4

  auto seqs = [&](AuditFilter f) {
    std::vector<int64_t> out;
    for (const auto& e : store_->ReadAudit(f)) out.push_back(e.seq);
    return out;
  };
  AuditFilter f;
  EXPECT_EQ(seqs(f), (std::vector<int64_t>{4, 3, 2, 1}));  // newest first by default
  f.newest_first = false;
  EXPECT_EQ(seqs(f), (std::vector<int64_t>{1, 2, 3, 4}));

  AuditFilter by_kind;
  by_kind.kind = Kind::kPerson;
  EXPECT_EQ(seqs(by_kind), (std::vector<int64_t>{3, 1}));
  AuditFilter by_entity;
  by_entity.kind = Kind::kSystem;
  by_entity.entity_id = "bare";
  EXPECT_EQ(seqs(by_entity), (std::vector<int64_t>{4, 2}));
  by_entity.entity_id = "raindance";
  EXPECT_TRUE(seqs(by_entity).empty());
  AuditFilter by_actor;
  by_actor.actor_id = "bob";
  EXPECT_EQ(seqs(by_actor), (std::vector<int64_t>{3, 2}));
  AuditFilter by_time;  // inclusive at both ends
  by_time.from = At("2025-02-02T08:00:00Z");
  by_time.to = At("2025-02-03T08:00:00Z");
  EXPECT_EQ(seqs(by_time), (std::vector<int64_t>{3, 2}));
  by_time.to.reset();
  EXPECT_EQ(seqs(by_time), (std::vector<int64_t>{4, 3, 2}));
  AuditFilter after;
  after.after_seq = 2;
  after.newest_first = false;
  EXPECT_EQ(seqs(after), (std::vector<int64_t>{3, 4}));
  AuditFilter limited;
  limited.limit = 2;
  EXPECT_EQ(seqs(limited), (std::vector<int64_t>{4, 3}));
  limited.newest_first = false;
  limited.after_seq = 1;
  EXPECT_EQ(seqs(limited), (std::vector<int64_t>{2, 3}));
  AuditFilter combined;
  combined.actor_id = "alice";
  combined.kind = Kind::kSystem;
  combined.from = At("2025-02-01T00:00:00Z");
  EXPECT_EQ(seqs(combined), (std::vector<int64_t>{4}));
}

TEST_P(StoreContract, VerifyAuditFindsAnAlteredEntry) {
  const Register reg = Seed(*store_);
  model::Person p = reg.people[2];
  for (int i = 1; i <= 4; ++i) {
    p.name = "v" + std::to_string(i);
    store_->Apply({Update(p, i)}, kAlice, At("2025-02-01T08:00:00Z"));
  }
  AuditVerification v = store_->VerifyAudit();
  ASSERT_TRUE(v.ok) << v.reason;
  EXPECT_EQ(v.entries, 4);

  backend_->TamperAuditEntry(3, R"({"name":"forged"})");
  v = store_->VerifyAudit();
  EXPECT_FALSE(v.ok);
  ASSERT_TRUE(v.first_bad_seq.has_value());
  EXPECT_EQ(*v.first_bad_seq, 3);
  EXPECT_FALSE(v.reason.empty());
}

TEST_P(StoreContract, VerifyAuditFindsARemovedEntry) {
  const Register reg = Seed(*store_);
  model::Person p = reg.people[2];
  for (int i = 1; i <= 4; ++i) {
    p.name = "v" + std::to_string(i);
    store_->Apply({Update(p, i)}, kAlice, At("2025-02-01T08:00:00Z"));
  }
  backend_->RemoveAuditEntry(2);
  const AuditVerification v = store_->VerifyAudit();
  EXPECT_FALSE(v.ok);
  ASSERT_TRUE(v.first_bad_seq.has_value());
  EXPECT_EQ(*v.first_bad_seq, 3);
}

// ---- durability and concurrency ----

TEST_P(StoreContract, DataSurvivesCloseAndReopen) {
  Register reg = Seed(*store_);
  reg.systems[0].name = "after reopen";
  store_->Apply({Update(reg.systems[0], 1)}, kAlice, At("2025-02-01T08:00:00Z"));
  const Snapshot before = store_->Load();
  Reopen();
  const Snapshot after = store_->Load();
  EXPECT_EQ(after.reg, reg) << FirstDifference(after.reg, reg);
  EXPECT_EQ(after.versions, before.versions);
  EXPECT_EQ(after.last_audit_seq, 1);
  EXPECT_TRUE(store_->VerifyAudit().ok);
  // And the chain continues where it was.
  reg.systems[0].name = "again";
  EXPECT_EQ(store_->Apply({Update(reg.systems[0], 2)}, kAlice, At("2025-02-01T09:00:00Z")).last_audit_seq, 2);
  EXPECT_TRUE(store_->VerifyAudit().ok);
}

TEST_P(StoreContract, TwoInstancesOnOneDatabaseSeeEachOthersWrites) {
  Register reg = Seed(*store_);
  auto other = backend_->Open();
  reg.systems[0].name = "by the other";
  other->Apply({Update(reg.systems[0], 1)}, kBob, At("2025-02-01T08:00:00Z"));
  EXPECT_EQ(store_->LastAuditSeq(), 1);
  reg.systems[0].name = "lost";
  const auto [message, key] =
      ConflictOf([&] { store_->Apply({Update(reg.systems[0], 1)}, kAlice, At("2025-02-01T08:01:00Z")); });
  EXPECT_EQ(message, "system \"raindance\" was changed by someone else (version 2, expected 1)");
  EXPECT_EQ(store_->Load().reg.systems[0].name, "by the other");
}

TEST_P(StoreContract, ConcurrentWritersFromManyThreadsKeepOneChain) {
  Seed(*store_);
  constexpr int kThreads = 4, kEach = 15;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        model::Committee c;
        std::string id = "t";  // appended: GCC 12 -O2 warns falsely (-Wrestrict) on "t" + std::to_string(t)
        id += std::to_string(t) + "-" + std::to_string(i);
        c.id = model::CommitteeId(id);
        c.organization = model::OrganizationId("kba");
        try {
          store_->Apply({Create(c)}, kAlice, At("2025-02-01T08:00:00Z"));
          if (i % 5 == 0) (void)store_->Load();
        } catch (const std::exception&) {
          ++failures;
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(store_->LastAuditSeq(), kThreads * kEach);
  EXPECT_EQ(store_->Load().reg.committees.size(), 4u + kThreads * kEach);
  const AuditVerification v = store_->VerifyAudit();
  EXPECT_TRUE(v.ok) << v.reason;
  EXPECT_EQ(v.entries, kThreads * kEach);
}

}  // namespace
}  // namespace ansvar::store::testing
