#!/usr/bin/env python3
"""Cooperations and organizations' rulebooks over real HTTP against the demo (src/http/cooperation_routes.cpp):
an organization's effective rulebook with each setting's source, and an override edited through the organization
(audited, 422 naming $.rulebook.<setting>, If-Match); the Bibliotek Dalarna page (parties with their status, the
responsibility matrix, documents with renewals, findings, annual cycle, shared systems); the essence published by an
admin, readable without signing in as JSON and PDF only while published (404 before and after), refused to others.

Usage: test_cooperations.py ANSVAR_BINARY"""
import subprocess, sys, tempfile, unittest, os

from server_fixture import Server, acting_as

BINARY = sys.argv[1]
COOP = "bibliotek-dalarna"


class Cooperations(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.srv = Server(BINARY, extra=["--demo"]).start()

    @classmethod
    def tearDownClass(cls):
        cls.srv.stop()
        cls.srv.cleanup()

    def req(self, method, path, body=None, headers=None, **kw):
        return self.srv.request(method, path, body, headers, **kw)

    def setting(self, page, *path):
        for s in page["settings"]:
            if s["path"] == list(path):
                return s
        self.fail(f"no setting {path}")

    # ---- the rulebook with its sources ----

    def test_rulebook_sources_default_register_organization(self):
        status, _, page = self.req("GET", "/api/v1/pages/rulebook?organization=falun")
        self.assertEqual(status, 200, page)
        self.assertEqual(page["organization"]["id"], "falun")
        self.assertTrue(page["may"]["edit"])
        own = self.setting(page, "require_dpa_delegation")
        self.assertEqual((own["value"], own["source"], own["inherited"]), (False, "organization", True))
        roles = self.setting(page, "categories", "business_system", "mandatory_roles")
        self.assertEqual(roles["source"], "organization")
        self.assertIn("process_owner", roles["value"])
        threshold = self.setting(page, "dpia_threshold")
        self.assertEqual((threshold["value"], threshold["source"]), (2, "default"))
        # The values are those of the rulebook resource, which the rules use.
        status, _, effective = self.req("GET", "/api/v1/rulebook?organization=falun")
        self.assertEqual(status, 200)
        self.assertEqual(effective["require_dpa_delegation"], False)
        self.assertEqual(effective["dpia_threshold"], threshold["value"])
        # Kungsbacka's own settings, and every organization to choose from.
        status, _, kba = self.req("GET", "/api/v1/pages/rulebook?organization=kba")
        self.assertEqual(self.setting(kba, "dpa_decisions_from")["source"], "organization")
        self.assertEqual(self.setting(kba, "require_dpa_delegation")["source"], "default")
        self.assertIn("falun", [o["id"] for o in kba["organizations"]])
        rule = self.setting(kba, "rules", "R-COOP-ESSENCE", "enabled")
        self.assertTrue(rule["title_sv"])
        status, _, body = self.req("GET", "/api/v1/pages/rulebook?organization=nowhere")
        self.assertEqual(status, 404, body)

    def test_override_edited_through_the_organization_is_audited_and_checked(self):
        status, headers, org = self.req("GET", "/api/v1/organizations/mora")
        self.assertEqual(status, 200)
        etag = headers["etag"]
        org["rulebook"] = dict(org.get("rulebook") or {}, dpia_threshold=3)
        # A bad value: 422 naming the setting, nothing stored.
        bad = dict(org, rulebook=dict(org["rulebook"], lis_review_months=-1))
        status, _, problem = self.req("PUT", "/api/v1/organizations/mora", bad, {"If-Match": etag})
        self.assertEqual(status, 422, problem)
        self.assertIn("$.rulebook.lis_review_months", str(problem))
        # A stale If-Match: 412.
        status, _, _ = self.req("PUT", "/api/v1/organizations/mora", org, {"If-Match": '"999999"'})
        self.assertEqual(status, 412)
        status, headers, _ = self.req("PUT", "/api/v1/organizations/mora", org,
                                      {"If-Match": etag, **acting_as("rulebook.admin")})
        self.assertEqual(status, 200)
        _, _, page = self.req("GET", "/api/v1/pages/rulebook?organization=mora")
        s = self.setting(page, "dpia_threshold")
        self.assertEqual((s["value"], s["source"], s["inherited"]), (3, "organization", 2))
        self.assertEqual(self.setting(page, "lis_review_months")["value"], 12)
        status, _, audit = self.req("GET", "/api/v1/audit?kind=organization&id=mora")
        self.assertEqual(status, 200, audit)
        entries = audit["entries"] if isinstance(audit, dict) else audit
        last = [e for e in entries if e.get("id") == "mora" or e.get("entity_id") == "mora"]
        self.assertTrue(any("rulebook.admin" in str(e) and "dpia_threshold" in str(e) for e in last), entries[:2])
        # Removing the override falls back to the register's value.
        del org["rulebook"]["dpia_threshold"]
        status, _, _ = self.req("PUT", "/api/v1/organizations/mora", org, {"If-Match": headers["etag"]})
        self.assertEqual(status, 200)
        _, _, page = self.req("GET", "/api/v1/pages/rulebook?organization=mora")
        self.assertEqual(self.setting(page, "dpia_threshold")["source"], "default")

    # ---- the cooperation page ----

    def test_cooperation_list_and_page(self):
        status, _, listing = self.req("GET", "/api/v1/pages/cooperations")
        self.assertEqual(status, 200, listing)
        item = next(i for i in listing["items"] if i["id"] == COOP)
        self.assertEqual(item["lead"], "region-dalarna")
        self.assertGreater(item["findings"]["error"], 0)
        status, headers, page = self.req("GET", f"/api/v1/pages/cooperations/{COOP}")
        self.assertEqual(status, 200, page)
        self.assertTrue(headers["etag"])
        status_of = {p["organization"]: p["status"] for p in page["parties"]}
        self.assertEqual(status_of["falun"], "decided")
        self.assertEqual(status_of["borlange"], "not_decided")  # the demo's gap of R-COOP-DECISION
        borlange = next(p for p in page["parties"] if p["organization"] == "borlange")
        self.assertIn("R-COOP-DECISION", borlange["rules"])
        self.assertIn("missing", status_of.values())  # Mora uses Quria without being a party (R-COOP-PARTIES)
        duties = {d["duty"]: d for d in page["duties"]}
        self.assertEqual(duties["breach_handling"]["assigned"], "region-dalarna")
        self.assertEqual(duties["data_subject_requests"]["assigned"], "each")
        self.assertTrue(duties["dpia"]["finding"])  # unassigned in the demo: R-COOP-RESPONSIBILITY
        rules = {f["rule"] for f in page["findings"]}
        for rule in ("R-COOP-DECISION", "R-COOP-RESPONSIBILITY", "R-COOP-PARTIES"):
            self.assertIn(rule, rules)
        kinds = [d["kind"] for d in page["documents"]]
        self.assertIn("economy_appendix", kinds)  # missing: listed as required with state missing
        econ = next(d for d in page["documents"] if d["kind"] == "economy_appendix")
        self.assertEqual((econ["state"], econ["required"]), ("missing", True))
        agreement = next(d for d in page["documents"] if d["kind"] == "cooperation_agreement")
        # Reviewed at the management review: a review period after the later of its signature and the last review.
        reviewed = max(agreement["signed_on"], page["management_review_on"])
        self.assertEqual(agreement["next_due"][:4], str(int(reviewed[:4]) + page["review_months"] // 12))
        self.assertEqual(agreement["next_due"][4:], reviewed[4:])
        self.assertEqual(page["cycle"][0]["what"], "management_review")
        self.assertEqual(page["systems"][0]["id"], "quria")
        self.assertTrue(page["may"]["publish"])
        status, _, _ = self.req("GET", "/api/v1/pages/cooperations/nowhere")
        self.assertEqual(status, 404)

    # ---- the essence for the public ----

    def test_publish_and_unpublish_the_essence(self):
        public = f"/api/v1/public/cooperations/{COOP}/essence"
        status, _, _ = self.req("GET", public, auth=False)
        self.assertEqual(status, 404)
        status, _, _ = self.req("GET", public + ".pdf", auth=False)
        self.assertEqual(status, 404)
        status, _, _ = self.req("GET", f"/api/v1/cooperations/{COOP}/publication")
        self.assertEqual(status, 404)
        # Only an admin publishes.
        status, _, _ = self.req("POST", "/api/v1/accounts", {"id": "coop.reader", "name": "Läsare", "role": "dpo"})
        self.assertEqual(status, 201)
        status, _, body = self.req("PUT", f"/api/v1/cooperations/{COOP}/publication", {}, acting_as("coop.reader"))
        self.assertIn(status, (403,), body)
        status, headers, pub = self.req("PUT", f"/api/v1/cooperations/{COOP}/publication", {})
        self.assertEqual(status, 200, pub)
        etag = headers["etag"]
        status, headers, got = self.req("GET", f"/api/v1/cooperations/{COOP}/publication")
        self.assertEqual((status, headers["etag"], got["published_by"]), (200, etag, "admin"))
        # Published again only with If-Match.
        status, _, _ = self.req("PUT", f"/api/v1/cooperations/{COOP}/publication", {})
        self.assertEqual(status, 428)
        status, _, essence = self.req("GET", public, auth=False)
        self.assertEqual(status, 200, essence)
        self.assertEqual(essence["name"], "Bibliotek Dalarna")
        self.assertIn("Region Dalarna", [p["organization"] for p in essence["parties"]])
        self.assertEqual(essence["contact_party"], "Region Dalarna")
        self.assertIn("artikel 26", essence["texts"]["intro"])
        handling = next(d for d in essence["duties"] if d["duty"] == "data_subject_requests")
        self.assertEqual(handling["responsible"], "Varje organisation för sin del")
        status, _, english = self.req("GET", public + "?lang=en", auth=False)
        self.assertIn("Article 26", english["texts"]["intro"])
        status, headers, pdf = self.req("GET", public + ".pdf?lang=sv", auth=False)
        self.assertEqual(status, 200)
        self.assertEqual(headers["content-type"], "application/pdf")
        self.assertEqual(headers["content-disposition"], f'inline; filename="{COOP}-essens.pdf"')
        self.assertTrue(pdf.startswith(b"%PDF-"), pdf[:20])
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "e.pdf")
            with open(path, "wb") as f:
                f.write(pdf)
            text = subprocess.run(["pdftotext", path, "-"], capture_output=True, text=True)
            if text.returncode == 0:
                self.assertIn("Bibliotek Dalarna", text.stdout)
                self.assertIn("Region Dalarna", text.stdout)
        # The page shows the publication.
        _, _, page = self.req("GET", f"/api/v1/pages/cooperations/{COOP}")
        self.assertEqual(page["publication"]["version"], int(etag.strip('"')))
        # Taken down: If-Match required, then 404 for the public again; both changes in the document trail.
        status, _, _ = self.req("DELETE", f"/api/v1/cooperations/{COOP}/publication")
        self.assertEqual(status, 428)
        status, _, _ = self.req("DELETE", f"/api/v1/cooperations/{COOP}/publication", headers={"If-Match": '"99"'})
        self.assertEqual(status, 412)
        status, _, _ = self.req("DELETE", f"/api/v1/cooperations/{COOP}/publication", headers={"If-Match": etag})
        self.assertEqual(status, 204)
        status, _, _ = self.req("GET", public, auth=False)
        self.assertEqual(status, 404)
        status, _, _ = self.req("GET", public + ".pdf", auth=False)
        self.assertEqual(status, 404)
        status, _, history = self.req("GET", f"/api/v1/cooperations/{COOP}/publication/history")
        self.assertEqual(status, 200, history)
        self.assertEqual([e["action"] for e in history["entries"]], ["delete", "create"])
        self.assertTrue(all(e["actor"]["id"] == "admin" for e in history["entries"]))
        # An unknown cooperation looks like an unpublished one to the public.
        status, _, _ = self.req("GET", "/api/v1/public/cooperations/nowhere/essence", auth=False)
        self.assertEqual(status, 404)
        # Signed out, the pages are refused.
        status, _, _ = self.req("GET", f"/api/v1/pages/cooperations/{COOP}", auth=False)
        self.assertEqual(status, 401)


if __name__ == "__main__":
    unittest.main(argv=sys.argv[:1], verbosity=2)
