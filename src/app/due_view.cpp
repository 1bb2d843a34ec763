// What is due: the rules' deadlines (rules/due.hpp) over the live register, filtered by person, administration,
// committee, organization and state. Read under the service's shared lock from its cached evaluation.
#include <algorithm>
#include <mutex>

#include "app/cycle_scope.hpp"
#include "app/cycle_service.hpp"

namespace ansvar::app {

namespace {
constexpr int kDefaultDays = 90;
constexpr int kMaxWindowDays = 3 * 366 + 1;  // a year view with a year on either side
}  // namespace

void FilterDue(std::vector<rules::DueItem>& items, const rules::RegisterIndex& index, const DueQuery& q) {
  if (q.person.empty() && q.administration.empty() && q.committee.empty() && q.organization.empty() && !q.state) return;
  const DueScope scope(index);
  std::erase_if(items, [&](const rules::DueItem& it) {
    if (q.state && it.state != *q.state) return true;
    if (!q.person.empty() && it.person != q.person) return true;
    if (!q.administration.empty() && !scope.ConcernsAdministration(it, q.administration)) return true;
    if (!q.committee.empty() && !scope.ConcernsCommittee(it, q.committee)) return true;
    if (!q.organization.empty() && !scope.ConcernsOrganization(it, q.organization)) return true;
    return false;
  });
}

Result<DueReport> CycleService::SelectDue(const DueQuery& q) const {
  const RegisterService::Reader rd(s_);
  DueReport out;
  out.now = s_.Now();  // the evaluation is cached for a minute; deadlines are judged at this very instant
  out.today = rules::StockholmDate(out.now);
  const model::Date from = q.from.value_or(out.today);
  const model::Date to = q.to.value_or(from.AddDays(kDefaultDays));
  if (to < from) return BadRequest("to: must not be before from");
  if (to.days() - from.days() > kMaxWindowDays) return BadRequest("from, to: at most three years at a time");
  if (!q.person.empty() && rd.index().FindPerson(q.person) == nullptr)
    return NotFound("person \"" + q.person + "\" finns inte / does not exist");
  if (!q.administration.empty() && rd.index().FindAdministration(q.administration) == nullptr)
    return NotFound("administration \"" + q.administration + "\" finns inte / does not exist");
  if (!q.committee.empty() && rd.index().FindCommittee(q.committee) == nullptr)
    return NotFound("committee \"" + q.committee + "\" finns inte / does not exist");
  if (!q.organization.empty() && rd.index().FindOrganization(q.organization) == nullptr)
    return NotFound("organization \"" + q.organization + "\" finns inte / does not exist");

  auto items = rules::DueItems(rd.index(), rd.rulebook(), out.now, {from, to});
  FilterDue(items, rd.index(), q);
  out.lines = io::DueLines(items, rd.index(), q.lang);
  return out;
}

store::Beside& CycleService::Store() const { return s_.Beside(); }
model::Timestamp CycleService::Now() const { return s_.Now(); }

}  // namespace ansvar::app
