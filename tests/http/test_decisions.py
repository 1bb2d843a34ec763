#!/usr/bin/env python3
"""Decisions, reports and approvals as acts done in Ansvar (issue 14, cooperation-and-decisions.md §3–4), over real
HTTP against the demo municipality:
- the person entitled by a delegation valid today decides on a system's processor; the decision takes the person,
  the delegation, the committees and the date from the register and the signed-in account; anyone else is refused
  with a problem naming why; the decision document and the owner's power of attorney are PDFs;
- the committee's secretary marks the unreported delegated decisions reported at a meeting in one act; the list is
  also a PDF and an xlsx;
- the budget holder approves a management plan (approved_by, approved_on and the approving account stamped, audited);
  anyone else is refused; the stamp cannot be forged by a PUT and survives a restart;
- "Mina uppgifter" lists what waits for a person, a DPO and a data protection contact, each with its action.

Usage: test_decisions.py ANSVAR_BINARY"""
import io
import shutil
import subprocess
import sys
import unittest
import zipfile

from server_fixture import Server

BINARY = sys.argv[1]


class Decisions(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.srv = Server(BINARY, extra=["--demo"]).start()
        cls.tokens = {}

    @classmethod
    def tearDownClass(cls):
        cls.srv.stop()
        cls.srv.cleanup()

    def as_(self, account_id, role="reader", **extra):
        """An API token of an account linked as given (made on first use)."""
        if account_id not in self.tokens:
            admin = {"Authorization": "Bearer " + self.srv.admin_token}
            status, _, body = self.srv.request("POST", "/api/v1/accounts",
                                               {"id": account_id, "name": account_id, "role": role, **extra}, admin)
            self.assertEqual(status, 201, body)
            status, _, body = self.srv.request("POST", "/api/v1/tokens", {"account": account_id, "name": "acts"}, admin)
            self.assertEqual(status, 201, body)
            self.tokens[account_id] = body["token"]
        return {"Authorization": "Bearer " + self.tokens[account_id]}

    def call(self, method, path, body=None, who=None, headers=None):
        h = dict(who or {})
        h.update(headers or {})
        return self.srv.request(method, path, body, h or None)

    def findings(self, rule, subject):
        status, _, body = self.call("GET", f"/api/v1/findings?rule={rule}&subject={subject}&limit=100")
        self.assertEqual(status, 200, body)
        return body["findings"]

    def test_1_tasks_of_a_budget_holder_a_steward_a_dpo_and_a_contact(self):
        # The other budget holder of Skolplattformen: the unapproved 2027 plan waits for them, as an act.
        status, _, t = self.call("GET", "/api/v1/pages/tasks", who=self.as_("louise", person="p-gaf-chef"))
        self.assertEqual(status, 200, t)
        self.assertEqual(t["scope"], "person")
        self.assertEqual(t["person"]["id"], "p-gaf-chef")
        approve = [x for x in t["items"] if x["kind"] == "approve" and x["subject"]["id"] == "skolplattform"]
        self.assertEqual(len(approve), 1, t["items"])
        self.assertEqual(approve[0]["act"],
                         "POST /api/v1/systems/skolplattform/documents/skolplattform-management-plan-2027/approve")
        self.assertEqual(approve[0]["link"], "/systems/skolplattform/acts")
        # The approval is asked once: the due item "approve the plan" is not repeated beside the act.
        self.assertFalse([x for x in t["items"] if x["kind"] == "due" and x["action"] == "approve"
                          and x["subject"]["id"] == "skolplattform"], t["items"])
        # The director entitled by the committee's delegation is asked to decide on the processor.
        status, _, t = self.call("GET", "/api/v1/pages/tasks", who=self.as_("charlotte", person="p-fc-fgf"))
        decide = [x for x in t["items"] if x["kind"] == "decide"]
        self.assertEqual([x["subject"]["id"] for x in decide], ["skolplattform"], t["items"])
        self.assertEqual(decide[0]["rule"], "R-DPA-DECISION")
        # A steward: what falls due for them and what they are asked to fix on their systems, each with a link.
        status, _, t = self.call("GET", "/api/v1/pages/tasks", who=self.as_("josefin", "steward", person="p-fgf-sf"))
        kinds = {x["kind"] for x in t["items"]}
        self.assertIn("fix", kinds, t["items"])
        self.assertTrue(all(x["link"].startswith("/") for x in t["items"]))
        self.assertFalse([x for x in t["items"] if x["kind"] in ("approve", "decide")], "nothing of others' acts")
        for x in t["items"]:
            if x["kind"] == "due":
                self.assertIn(x["state"], ("upcoming", "due", "overdue"))  # done items leave the list
        # The DPO and a data protection contact: their scope.
        dpo = self.as_("dpo", "dpo", person="p-dpo")
        status, _, t = self.call("GET", "/api/v1/pages/tasks", who=dpo)
        self.assertEqual((status, t["scope"]), (200, "dpo"))
        report = [x for x in t["items"] if x["kind"] == "report"]
        self.assertIn("vo", [x["subject"]["id"] for x in report], "the DPO sees the unreported delegated decision")
        # The breach clocks the DPO is informed of, once per breach, with the instant of the authority notice; the
        # due item of the same clock is not repeated beside it.
        breach = {x["subject"]["id"]: x for x in t["items"] if x["kind"] == "breach"}
        self.assertIn("inc-2026-038", breach, t["items"])
        self.assertEqual(breach["inc-2026-038"]["rule"], "R-INC-72H")
        self.assertEqual(breach["inc-2026-038"]["link"], "/incidents/inc-2026-038")
        self.assertTrue(breach["inc-2026-038"]["due_at"])
        self.assertFalse([x for x in t["items"] if x["kind"] == "due" and x["rule"] == "R-INC-72H"
                          and x["subject"]["id"] in breach], t["items"])
        # The measures the DPO owns: the overdue one (R-MEASURE-OVERDUE's finding) and one due soon.
        measures = {x["key"]: x for x in t["items"] if x["kind"] == "measure"}
        self.assertEqual(measures["measure/incident/inc-2026-041/m2"]["state"], "overdue", measures)
        self.assertEqual(measures["measure/incident/inc-2026-041/m2"]["link"], "/incidents/inc-2026-041")
        self.assertIn("due", {x["state"] for x in measures.values()}, measures)
        # Done items leave the list: the measure done, the breach notified.
        status, headers, inc = self.call("GET", "/api/v1/incidents/inc-2026-041")
        self.assertEqual(status, 200, inc)
        for m in inc["action_plan"]:
            if m.get("id") == "m2":
                m["status"] = "done"
                m["done_on"] = t["today"]
        status, _, p = self.call("PUT", "/api/v1/incidents/inc-2026-041", inc, headers={"If-Match": headers["etag"]})
        self.assertEqual(status, 200, p)
        status, headers, inc = self.call("GET", "/api/v1/incidents/inc-2026-038")
        inc["notified_authority_at"] = inc["aware_at"]
        status, _, p = self.call("PUT", "/api/v1/incidents/inc-2026-038", inc, headers={"If-Match": headers["etag"]})
        self.assertEqual(status, 200, p)
        status, _, t = self.call("GET", "/api/v1/pages/tasks", who=dpo)
        self.assertNotIn("measure/incident/inc-2026-041/m2", [x["key"] for x in t["items"]])
        self.assertNotIn("breach/inc-2026-038", [x["key"] for x in t["items"]])
        status, _, t = self.call("GET", "/api/v1/pages/tasks",
                                 who=self.as_("kontakt", "data_protection_contact", administration="vof"))
        self.assertEqual((status, t["scope"]), (200, "administration"))
        self.assertTrue(t["items"], "the administration has findings and due items")
        # No person linked: an empty list with the reason for the page, not an error.
        status, _, t = self.call("GET", "/api/v1/pages/tasks", who=self.as_("nobody"))
        self.assertEqual((status, t["person"]), (200, None))

    def test_2_deciding_under_delegation(self):
        before = {f["detail"]["committee"] for f in self.findings("R-DPA-DECISION", "skolplattform")}
        self.assertEqual(before, {"fg", "ga"})
        charlotte = self.as_("charlotte", person="p-fc-fgf")
        status, _, v = self.call("GET", "/api/v1/systems/skolplattform/dpa_decision", who=charlotte)
        self.assertEqual(status, 200, v)
        self.assertTrue(v["entitled"], v)
        self.assertEqual(v["matter"], "decide_dpa")
        self.assertTrue(v["power_of_attorney"], "two controller committees: the owner signs with powers of attorney")
        by = {c["id"]: c for c in v["committees"]}
        self.assertEqual(by["fg"]["delegation"]["id"], "deleg-fg-decide-dpa")
        self.assertIsNone(by["ga"]["delegation"])
        # Someone without a delegation is refused, and told why; so is an account without a person.
        status, _, p = self.call("POST", "/api/v1/systems/skolplattform/dpa_decision", {},
                                 who=self.as_("josefin", "steward", person="p-fgf-sf"))
        self.assertEqual(status, 403, p)
        self.assertIn("delegation", p["detail"])
        status, _, p = self.call("POST", "/api/v1/systems/skolplattform/dpa_decision", {}, who=self.as_("nobody"))
        self.assertEqual(status, 403, p)
        self.assertIn("not linked to a person", p["detail"])
        # A typed-in decider is not a field of the act: unknown fields are named.
        status, _, p = self.call("POST", "/api/v1/systems/skolplattform/dpa_decision", {"decided_by": "p-fc-fgf"},
                                 who=charlotte)
        self.assertEqual(status, 422, p)
        self.assertEqual(p["errors"][0]["path"], "$.decided_by")
        # The entitled person decides.
        status, headers, d = self.call("POST", "/api/v1/systems/skolplattform/dpa_decision",
                                       {"diary_number": "FG 2026/0999"}, who=charlotte)
        self.assertEqual(status, 201, d)
        self.assertEqual((d["decided_by"], d["delegation"], d["committees"], d["processor"]),
                         ("p-fc-fgf", "deleg-fg-decide-dpa", ["fg"], "Vklass AB"))
        self.assertTrue(headers.get("etag"))
        status, _, today = self.call("GET", "/api/v1/pages/tasks", who=charlotte)
        self.assertEqual(d["decided_on"], today["today"])
        # The DPA was signed in 2025 without this decision: R-DPA-DECISION keeps saying so for fg (decided late),
        # but the task is done.
        self.assertEqual({f["detail"]["committee"] for f in self.findings("R-DPA-DECISION", "skolplattform")},
                         {"fg", "ga"})
        status, _, t = self.call("GET", "/api/v1/pages/tasks", who=charlotte)
        self.assertFalse([x for x in t["items"] if x["kind"] == "decide"], t["items"])
        self.assertEqual(self.findings("R-DPA-DECISION-AUTHORITY", d["id"]), [])
        status, _, audit = self.call("GET", f"/api/v1/audit?entity_type=dpa_decision&entity_id={d['id']}")
        self.assertEqual(audit["entries"][0]["actor"]["id"], "charlotte", audit)
        # Decided for fg: nothing left for her to decide.
        status, _, p = self.call("POST", "/api/v1/systems/skolplattform/dpa_decision", {}, who=charlotte)
        self.assertEqual(status, 403, p)
        # The decision document and the owner's power of attorney for ga's signature.
        status, headers, pdf = self.call("GET", f"/api/v1/dpa_decisions/{d['id']}/document.pdf")
        self.assertEqual(status, 200)
        self.assertEqual(headers["content-type"], "application/pdf")
        text = self.pdf_text(pdf)
        for needed in ("Vklass AB", "FG 2026/0999", "deleg-fg-decide-dpa", "artikel 28", "6 kap. 37"):
            self.assertIn(needed, text)
        status, headers, pdf = self.call("GET", f"/api/v1/dpa_decisions/{d['id']}/power_of_attorney.pdf?committee=fg")
        self.assertEqual(status, 200, pdf)
        self.assertIn("Fullmakt", self.pdf_text(pdf))

    def test_3_reporting_delegated_decisions(self):
        secretary = self.as_("tina", person="p-vof-sf")  # of the administration serving vo
        status, _, l = self.call("GET", "/api/v1/committees/vo/delegated_decisions", who=secretary)
        self.assertEqual(status, 200, l)
        self.assertTrue(l["may_report"])
        self.assertEqual(l["report_days"], 60)
        ids = [x["decision"]["id"] for x in l["items"]]
        self.assertIn("dd-2026-004", ids)
        self.assertTrue([x for x in l["items"] if x["decision"]["id"] == "dd-2026-004"][0]["overdue"])
        # The list for the meeting, as PDF and xlsx.
        status, headers, pdf = self.call("GET", "/api/v1/committees/vo/delegated_decisions.pdf")
        self.assertEqual((status, headers["content-type"]), (200, "application/pdf"))
        self.assertIn("Tietoevry Care AB", self.pdf_text(pdf))
        status, headers, xlsx = self.call("GET", "/api/v1/committees/vo/delegated_decisions.xlsx")
        self.assertEqual(status, 200)
        with zipfile.ZipFile(io.BytesIO(xlsx)) as z:
            self.assertIn("dd-2026-004", "".join(z.read(n).decode() for n in z.namelist() if n.endswith(".xml")))
        # Someone of another administration may not; a bad body is named field by field and changes nothing.
        status, _, p = self.call("POST", "/api/v1/committees/vo/delegated_decisions/report",
                                 {"decisions": ids, "reported_on": "2026-12-01", "reported_at": "VO § 1"},
                                 who=self.as_("josefin", "steward", person="p-fgf-sf"))
        self.assertEqual(status, 403, p)
        status, _, p = self.call("POST", "/api/v1/committees/vo/delegated_decisions/report",
                                 {"decisions": ids + ["nope"], "reported_on": "2026-12-01"}, who=secretary)
        self.assertEqual(status, 422, p)
        self.assertEqual({e["path"] for e in p["errors"]}, {"$.reported_at", f"$.decisions[{len(ids)}]"})
        status, _, p = self.call("POST", "/api/v1/committees/vo/delegated_decisions/report",
                                 {"decisions": ids, "reported_on": "1.12.2026", "reported_at": "VO § 1"}, who=secretary)
        self.assertEqual(status, 422, p)
        self.assertEqual(p["errors"][0]["path"], "$.reported_on")
        # One act: all of them, each audited.
        status, _, r = self.call("POST", "/api/v1/committees/vo/delegated_decisions/report",
                                 {"decisions": ids, "reported_on": "2026-12-01", "reported_at": "VO 2026-12-01 § 9"},
                                 who=secretary)
        self.assertEqual(status, 200, r)
        self.assertEqual({(x["reported_on"], x["reported_at"]) for x in r["items"]}, {("2026-12-01", "VO 2026-12-01 § 9")})
        status, _, l = self.call("GET", "/api/v1/committees/vo/delegated_decisions", who=secretary)
        self.assertEqual(l["items"], [])
        status, _, audit = self.call("GET", "/api/v1/audit?entity_type=dpa_decision&entity_id=dd-2026-004")
        self.assertEqual(audit["entries"][0]["actor"]["id"], "tina", audit)
        status, _, p = self.call("POST", "/api/v1/committees/vo/delegated_decisions/report",
                                 {"decisions": ["dd-2026-004"], "reported_on": "2026-12-02", "reported_at": "VO § 2"},
                                 who=secretary)
        self.assertEqual(status, 422, p)
        self.assertIn("already reported", p["errors"][0]["message"])

    def test_4_approving_a_plan(self):
        path = "/api/v1/systems/skolplattform/documents/skolplattform-management-plan-2027/approve"
        status, headers, _ = self.call("GET", "/api/v1/systems/skolplattform")
        etag = headers["etag"]
        # Someone who is not the budget holder is refused with the reason; nothing changes.
        status, _, p = self.call("POST", path, {}, who=self.as_("josefin", "steward", person="p-fgf-sf"),
                                 headers={"If-Match": etag})
        self.assertEqual(status, 403, p)
        self.assertIn("budgetansvarig", p["detail"])
        mattias = self.as_("mattias", person="p-fgf-utv")
        status, _, p = self.call("POST", path, {}, who=mattias)
        self.assertEqual(status, 428, p)
        status, _, p = self.call("POST", path, {}, who=mattias, headers={"If-Match": '"999"'})
        self.assertEqual(status, 412, p)
        status, headers, s = self.call("POST", path, {}, who=mattias, headers={"If-Match": etag})
        self.assertEqual(status, 200, s)
        doc = [d for d in s["documents"] if d["id"] == "skolplattform-management-plan-2027"][0]
        self.assertEqual((doc["approved_by"], doc["approved_by_account"]), ("p-fgf-utv", "mattias"))
        self.assertTrue(doc["approved_on"])
        self.assertNotEqual(headers["etag"], etag)
        status, _, p = self.call("POST", path, {}, who=mattias, headers={"If-Match": headers["etag"]})
        self.assertEqual(status, 409, p)
        status, _, audit = self.call("GET", "/api/v1/audit?entity_type=system&entity_id=skolplattform")
        self.assertEqual(audit["entries"][0]["actor"]["id"], "mattias")
        # The other budget holder's task is gone; the view says performed, the 2026 plan recorded.
        status, _, t = self.call("GET", "/api/v1/pages/tasks", who=self.as_("louise", person="p-gaf-chef"))
        self.assertFalse([x for x in t["items"] if x["kind"] == "approve"], t["items"])
        status, _, v = self.call("GET", "/api/v1/systems/skolplattform/dpa_decision", who=mattias)
        approval = {d["id"]: d["approval"] for d in v["documents"]}
        self.assertEqual(approval["skolplattform-management-plan-2027"], "performed")
        self.assertEqual(approval["skolplattform-management-plan-2026"], "recorded")
        # A PUT cannot forge a stamp; one that leaves the approval alone keeps it; one that changes it drops it.
        status, headers, s = self.call("GET", "/api/v1/systems/skolplattform")
        forged = dict(s, documents=[dict(d, approved_by_account="mattias") if d["id"].endswith("plan-2026") else d
                                    for d in s["documents"]])
        status, _, p = self.call("PUT", "/api/v1/systems/skolplattform", forged, headers={"If-Match": headers["etag"]})
        self.assertEqual(status, 422, p)
        self.assertTrue(p["errors"][0]["path"].endswith(".approved_by_account"), p)
        plain = dict(s, documents=[{k: v for k, v in d.items() if k != "approved_by_account"} for d in s["documents"]])
        status, headers, s2 = self.call("PUT", "/api/v1/systems/skolplattform", plain,
                                        headers={"If-Match": headers["etag"]})
        self.assertEqual(status, 200, s2)
        self.assertEqual([d.get("approved_by_account") for d in s2["documents"] if d["id"].endswith("plan-2027")],
                         ["mattias"])
        # Kept by the store: after a restart it is still there.
        self.srv.stop()
        self.srv.start()
        status, _, s3 = self.call("GET", "/api/v1/systems/skolplattform")
        self.assertEqual([d.get("approved_by_account") for d in s3["documents"] if d["id"].endswith("plan-2027")],
                         ["mattias"])

    def pdf_text(self, pdf):
        self.assertTrue(pdf.startswith(b"%PDF-"))
        if shutil.which("pdftotext") is None:
            self.skipTest("pdftotext is not installed")
        out = subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True)
        return " ".join(out.stdout.decode().split())


if __name__ == "__main__":
    unittest.main(argv=[sys.argv[0]], verbosity=2)
