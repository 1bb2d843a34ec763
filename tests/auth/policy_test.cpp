// The policy per role (auth/policy.hpp): reads for everyone, writes per the table of docs/access-control.md, and the
// scope of a data protection contact and a steward computed from the register, on the stored and the written version.
#include "auth/policy.hpp"

#include <gtest/gtest.h>

namespace ansvar::auth {
namespace {

using model::Collection;

// Two administrations, each with its committee and a system; a municipality-wide platform owned by A.
model::Register TestRegister() {
  model::Register r;
  r.administrations.push_back({model::AdministrationId("adm-a"),
                               model::OrganizationId("kba"),
                               "A",
                               {model::CommitteeId("nam-a")},
                               std::nullopt,
                               {}});
  r.administrations.push_back({model::AdministrationId("adm-b"),
                               model::OrganizationId("kba"),
                               "B",
                               {model::CommitteeId("nam-b"), model::CommitteeId("nam-b2")},
                               std::nullopt,
                               {}});
  model::System a;
  a.id = model::SystemId("sys-a");
  a.owner_administration = model::AdministrationId("adm-a");
  a.roles.push_back({model::RoleKind::kSystemSteward, model::PersonId("p-steward"), std::nullopt});
  model::System b;
  b.id = model::SystemId("sys-b");
  b.owner_administration = model::AdministrationId("adm-b");
  b.roles.push_back({model::RoleKind::kOwner, model::PersonId("p-other"), std::nullopt});
  r.systems = {a, b};
  return r;
}

class PolicyTest : public ::testing::Test {
 protected:
  model::Register reg_ = TestRegister();
  RegisterIndexFacts facts_{reg_};

  static Principal Who(Role role, std::string administration = "", std::string person = "") {
    return {"acc", role, std::move(administration), std::move(person)};
  }
  template <class T>
  bool Write(const Principal& who, Operation op, const T* stored, const T* written) const {
    Request what;
    what.op = op;
    what.resource = Resource::kEntity;
    what.kind = static_cast<Collection>(EntityRef(std::in_place_type<const T*>, nullptr).index() - 1);
    if (stored != nullptr) what.stored = stored;
    if (written != nullptr) what.written = written;
    return Decide(who, what, facts_).allowed;
  }
  template <class T>
  bool Create(const Principal& who, const T& e) const {
    return Write<T>(who, Operation::kCreate, nullptr, &e);
  }
  template <class T>
  bool Update(const Principal& who, const T& before, const T& after) const {
    return Write<T>(who, Operation::kUpdate, &before, &after);
  }
  template <class T>
  bool Delete(const Principal& who, const T& e) const {
    return Write<T>(who, Operation::kDelete, &e, nullptr);
  }
  static model::ProcessingActivity Activity(const char* controller) {
    model::ProcessingActivity a;
    a.id = model::ProcessingActivityId("pa");
    a.controller = model::CommitteeId(controller);
    return a;
  }
  static model::Incident IncidentOf(std::optional<std::string> system, std::vector<std::string> controllers) {
    model::Incident i;
    i.id = model::IncidentId("inc");
    if (system) i.system = model::SystemId(*system);
    for (auto& c : controllers) i.controllers.emplace_back(c);
    return i;
  }
  static model::DataSubjectRequest RequestOf(std::vector<std::string> controllers) {
    model::DataSubjectRequest r;
    r.id = model::RequestId("req");
    for (auto& c : controllers) r.controllers.emplace_back(c);
    return r;
  }
};

TEST_F(PolicyTest, EveryRoleReadsEverythingButAccountsAndTokens) {
  for (auto role : model::AllValues<Role>()) {
    for (auto resource : {Resource::kEntity, Resource::kRegister, Resource::kOther, Resource::kOperationalMessage}) {
      Request read;
      read.resource = resource;
      EXPECT_TRUE(Decide(Who(role), read, facts_)) << model::ToString(role);
    }
    for (auto resource : {Resource::kAccount, Resource::kApiToken}) {
      Request read;
      read.resource = resource;
      EXPECT_EQ(Decide(Who(role), read, facts_).allowed, role == Role::kAdmin) << model::ToString(role);
    }
  }
}

TEST_F(PolicyTest, AdminWritesEverything) {
  const auto admin = Who(Role::kAdmin);
  model::Person p;
  EXPECT_TRUE(Create(admin, p));
  EXPECT_TRUE(Update(admin, reg_.systems[1], reg_.systems[1]));
  for (auto resource :
       {Resource::kRegister, Resource::kSpreadsheetImport, Resource::kAccount, Resource::kApiToken, Resource::kOther}) {
    Request what;
    what.op = Operation::kCreate;
    what.resource = resource;
    EXPECT_TRUE(Decide(admin, what, facts_));
  }
}

TEST_F(PolicyTest, OnlyAdminImportsManagesAccountsAndTokens) {
  for (auto role : {Role::kDpo, Role::kDataProtectionContact, Role::kSteward, Role::kReader})
    for (auto resource : {Resource::kRegister, Resource::kSpreadsheetImport, Resource::kAccount, Resource::kApiToken,
                          Resource::kOther}) {
      Request what;
      what.op = Operation::kUpdate;
      what.resource = resource;
      EXPECT_FALSE(Decide(Who(role, "adm-a", "p-steward"), what, facts_)) << model::ToString(role);
    }
}

TEST_F(PolicyTest, DpoWritesTheGdprRecordsEverywhereButNotSystemsOrPeople) {
  const auto dpo = Who(Role::kDpo);
  EXPECT_TRUE(Create(dpo, Activity("nam-b")));
  EXPECT_TRUE(Update(dpo, IncidentOf("sys-b", {}), IncidentOf("sys-a", {})));
  EXPECT_TRUE(Delete(dpo, RequestOf({"nam-a"})));
  EXPECT_TRUE(Create(dpo, model::ProcessorRecord{}));
  EXPECT_TRUE(Create(dpo, model::Agreement{}));
  EXPECT_FALSE(Update(dpo, reg_.systems[0], reg_.systems[0]));
  EXPECT_FALSE(Create(dpo, model::Person{}));
  EXPECT_FALSE(Create(dpo, model::Committee{}));
  EXPECT_FALSE(Create(dpo, model::Delegation{}));
}

TEST_F(PolicyTest, ContactEditsActivitiesOfItsOwnAdministrationOnly) {
  const auto contact = Who(Role::kDataProtectionContact, "adm-b");
  EXPECT_TRUE(Create(contact, Activity("nam-b2")));
  EXPECT_TRUE(Update(contact, Activity("nam-b"), Activity("nam-b2")));
  EXPECT_TRUE(Delete(contact, Activity("nam-b")));
  EXPECT_FALSE(Create(contact, Activity("nam-a")));
  EXPECT_FALSE(Delete(contact, Activity("nam-a")));
  EXPECT_FALSE(Update(contact, Activity("nam-a"), Activity("nam-a")));
}

TEST_F(PolicyTest, ContactCannotMoveARecordIntoOrOutOfItsAdministration) {
  const auto contact = Who(Role::kDataProtectionContact, "adm-b");
  EXPECT_FALSE(Update(contact, Activity("nam-b"), Activity("nam-a")));  // out of B
  EXPECT_FALSE(Update(contact, Activity("nam-a"), Activity("nam-b")));  // into B from A
  EXPECT_FALSE(Update(contact, RequestOf({"nam-b"}), RequestOf({"nam-a"})));
}

TEST_F(PolicyTest, ContactEditsIncidentsOfItsSystemsOrCommitteesAndRequestsOfItsControllers) {
  const auto contact = Who(Role::kDataProtectionContact, "adm-a");
  EXPECT_TRUE(Create(contact, IncidentOf("sys-a", {})));         // the system A owns
  EXPECT_TRUE(Create(contact, IncidentOf("sys-b", {"nam-a"})));  // A's committee a controller
  EXPECT_FALSE(Create(contact, IncidentOf("sys-b", {"nam-b"})));
  EXPECT_FALSE(Create(contact, IncidentOf(std::nullopt, {})));
  auto handled = IncidentOf(std::nullopt, {});
  handled.handler = model::CommitteeId("nam-a");
  EXPECT_TRUE(Create(contact, handled));
  EXPECT_TRUE(Create(contact, RequestOf({"nam-b", "nam-a"})));
  EXPECT_FALSE(Create(contact, RequestOf({"nam-b"})));
  EXPECT_FALSE(Create(contact, RequestOf({})));
}

// Issue 15: the incident register is the DPO's, the admins' and the data protection contacts' (their
// administration's breaches); everyone reports breaches and follows their own reports.
TEST_F(PolicyTest, OnlyTheDpoAdminsAndTheContactsOfTheBreachReadTheIncidentRegister) {
  const auto a_breach = IncidentOf("sys-a", {});
  const auto b_breach = IncidentOf("sys-b", {"nam-b"});
  auto read = [&](const Principal& who, const model::Incident* stored) {
    Request what;
    what.resource = Resource::kEntity;
    what.kind = Collection::kIncident;
    if (stored != nullptr) what.stored = stored;
    return Decide(who, what, facts_).allowed;
  };
  for (auto role : {Role::kAdmin, Role::kDpo}) {
    EXPECT_TRUE(read(Who(role), nullptr)) << model::ToString(role);
    EXPECT_TRUE(read(Who(role), &b_breach)) << model::ToString(role);
  }
  for (auto role : {Role::kReader, Role::kSteward}) {
    EXPECT_FALSE(read(Who(role, "", "p-steward"), nullptr)) << model::ToString(role);
    EXPECT_FALSE(read(Who(role, "", "p-steward"), &a_breach)) << model::ToString(role);
    EXPECT_FALSE(MayReadIncidentRegister(role));
  }
  const auto contact = Who(Role::kDataProtectionContact, "adm-a");
  EXPECT_TRUE(read(contact, nullptr));  // the list: kept to the administration by the handler
  EXPECT_TRUE(read(contact, &a_breach));
  EXPECT_FALSE(read(contact, &b_breach));
  EXPECT_FALSE(read(Who(Role::kDataProtectionContact, ""), nullptr));  // no administration: nothing
  for (auto role : model::AllValues<Role>()) {
    Request report;
    report.op = Operation::kCreate;
    report.resource = Resource::kOwnBreachReport;
    EXPECT_TRUE(Decide(Who(role), report, facts_)) << model::ToString(role);
  }
}

TEST_F(PolicyTest, ContactCannotWriteOtherKinds) {
  const auto contact = Who(Role::kDataProtectionContact, "adm-a");
  EXPECT_FALSE(Update(contact, reg_.systems[0], reg_.systems[0]));
  EXPECT_FALSE(Create(contact, model::ProcessorRecord{}));
  EXPECT_FALSE(Create(contact, model::Agreement{}));
  EXPECT_FALSE(Create(contact, model::Person{}));
}

TEST_F(PolicyTest, ContactWithoutAdministrationOrOfAnUnknownOneWritesNothing) {
  EXPECT_FALSE(Create(Who(Role::kDataProtectionContact), Activity("nam-a")));
  EXPECT_FALSE(Create(Who(Role::kDataProtectionContact, "adm-gone"), Activity("nam-a")));
}

TEST_F(PolicyTest, StewardEditsTheSystemsWherePersonHoldsARole) {
  const auto steward = Who(Role::kSteward, "", "p-steward");
  const auto& mine = reg_.systems[0];
  const auto& theirs = reg_.systems[1];
  EXPECT_TRUE(Update(steward, mine, mine));
  EXPECT_TRUE(Delete(steward, mine));
  EXPECT_FALSE(Update(steward, theirs, theirs));
  EXPECT_FALSE(Delete(steward, theirs));
  // Adding oneself to another's system is moving it into one's scope: refused.
  auto taken = theirs;
  taken.roles.push_back({model::RoleKind::kSuperuser, model::PersonId("p-steward"), std::nullopt});
  EXPECT_FALSE(Update(steward, theirs, taken));
  // Removing oneself is moving it out: refused too (an admin hands a system over).
  auto left = mine;
  left.roles.clear();
  EXPECT_FALSE(Update(steward, mine, left));
  // A new system with oneself in a role is within scope as written.
  EXPECT_TRUE(Create(steward, mine));
  EXPECT_FALSE(Create(steward, theirs));
}

TEST_F(PolicyTest, StewardWritesNothingElse) {
  const auto steward = Who(Role::kSteward, "", "p-steward");
  EXPECT_FALSE(Create(steward, Activity("nam-a")));
  EXPECT_FALSE(Create(steward, IncidentOf("sys-a", {})));
  EXPECT_FALSE(Create(steward, model::Person{}));
  EXPECT_FALSE(Update(Who(Role::kSteward), reg_.systems[0], reg_.systems[0]));  // no person linked
}

TEST_F(PolicyTest, ReaderWritesNothing) {
  const auto reader = Who(Role::kReader, "adm-a", "p-steward");
  EXPECT_FALSE(Update(reader, reg_.systems[0], reg_.systems[0]));
  EXPECT_FALSE(Create(reader, Activity("nam-a")));
  for (int kind = 0; kind <= static_cast<int>(Collection::kAgreement); ++kind)
    EXPECT_FALSE(MayWriteKind(Role::kReader, static_cast<Collection>(kind)));
}

TEST_F(PolicyTest, OperationalMessagesAreTheAdminsAndTheSystemsStewards) {
  Request what;
  what.op = Operation::kUpdate;
  what.resource = Resource::kOperationalMessage;
  what.systems = {"sys-a", "sys-a"};
  EXPECT_TRUE(Decide(Who(Role::kAdmin), what, facts_));
  EXPECT_TRUE(Decide(Who(Role::kSteward, "", "p-steward"), what, facts_));
  EXPECT_FALSE(Decide(Who(Role::kDpo), what, facts_));
  EXPECT_FALSE(Decide(Who(Role::kDataProtectionContact, "adm-a"), what, facts_));
  what.systems = {"sys-a", "sys-b"};  // moved to a system that is not the steward's
  EXPECT_FALSE(Decide(Who(Role::kSteward, "", "p-steward"), what, facts_));
  what.systems = {};
  EXPECT_FALSE(Decide(Who(Role::kSteward, "", "p-steward"), what, facts_));
}

TEST_F(PolicyTest, CalendarFeedsOfOnesOwnPersonOrAnAdmins) {
  Request what;
  what.op = Operation::kCreate;
  what.resource = Resource::kCalendarFeed;
  what.feed_scope = FeedScope::kPerson;
  what.feed_id = "p-steward";
  EXPECT_TRUE(Decide(Who(Role::kReader, "", "p-steward"), what, facts_));
  EXPECT_FALSE(Decide(Who(Role::kReader, "", "p-other"), what, facts_));
  EXPECT_FALSE(Decide(Who(Role::kDpo), what, facts_));
  EXPECT_TRUE(Decide(Who(Role::kAdmin), what, facts_));
  what.feed_scope = FeedScope::kAdministration;
  what.feed_id = "adm-a";
  EXPECT_FALSE(Decide(Who(Role::kDataProtectionContact, "adm-a"), what, facts_));
  EXPECT_TRUE(Decide(Who(Role::kAdmin), what, facts_));
}

TEST_F(PolicyTest, SigningOutIsEveryonesAndARefusalSaysWhy) {
  Request what;
  what.op = Operation::kCreate;
  what.resource = Resource::kOwnSession;
  EXPECT_TRUE(Decide(Who(Role::kReader), what, facts_));
  const auto d =
      Decide(Who(Role::kReader), Request{Operation::kCreate, Resource::kAccount, {}, {}, {}, {}, {}, {}}, facts_);
  EXPECT_FALSE(d.allowed);
  EXPECT_FALSE(d.reason.empty());
}

TEST(RoleNames, RoundTrip) {
  for (auto role : model::AllValues<Role>()) EXPECT_EQ(model::ParseEnum<Role>(model::ToString(role)), role);
  EXPECT_EQ(model::ParseEnum<Role>("data_protection_contact"), Role::kDataProtectionContact);
  EXPECT_FALSE(model::ParseEnum<Role>("root"));
}

}  // namespace
}  // namespace ansvar::auth
