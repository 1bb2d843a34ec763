#!/usr/bin/env python3
"""The web pages' aggregated reads (src/http/page_routes.cpp) over real HTTP against the demo municipality: each
answers what the separate reads of the API answer, side by side; what an account may do is the policy's answer for
that account (a steward may edit a system where they hold a role and not another; a reader nothing); signed out,
401.

Usage: test_pages.py ANSVAR_BINARY"""
import sys, unittest

from server_fixture import Server

BINARY = sys.argv[1]


class Pages(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.srv = Server(BINARY, extra=["--demo"]).start()

    @classmethod
    def tearDownClass(cls):
        cls.srv.stop()
        cls.srv.cleanup()

    def get(self, path, token=None):
        headers = {"Authorization": "Bearer " + token} if token else None
        status, headers, body = self.srv.request("GET", path, headers=headers)
        self.assertEqual(status, 200, (path, body))
        return body, headers

    def account(self, account_id, role, **extra):
        admin = {"Authorization": "Bearer " + self.srv.admin_token}
        status, _, body = self.srv.request("POST", "/api/v1/accounts", {"id": account_id, "name": account_id, "role": role,
                                                                      **extra}, admin)
        self.assertEqual(status, 201, body)
        status, _, body = self.srv.request("POST", "/api/v1/tokens", {"account": account_id, "name": "pages"}, admin)
        self.assertEqual(status, 201, body)
        return body["token"]

    def test_overview_is_the_api_side_by_side(self):
        page, _ = self.get("/api/v1/pages/overview?lang=en")
        errors, _ = self.get("/api/v1/findings?severity=error&limit=5000&lang=en")
        self.assertEqual(page["errors"]["total"], errors["total"])
        self.assertEqual([f["message"] for f in page["errors"]["findings"]], [f["message"] for f in errors["findings"]])
        incidents, _ = self.get("/api/v1/incidents?limit=5000")
        self.assertEqual(page["incidents"]["items"], incidents["items"])
        for group in ("rule", "committee", "administration", "subject"):
            summary, _ = self.get("/api/v1/findings/summary?group_by=" + group)
            self.assertEqual(page["by_" + group]["groups"], summary["groups"], group)
        rulebook, _ = self.get("/api/v1/rulebook")
        self.assertEqual(page["rulebook"], rulebook)
        self.assertEqual(page["days"], 30)
        self.assertTrue(all(d["due"] for d in page["due"]["items"]))
        status, _, _ = self.srv.request("GET", "/api/v1/pages/overview?days=7")
        self.assertEqual(status, 400)

    def test_system_page_with_names_and_what_the_account_may_do(self):
        page, headers = self.get("/api/v1/pages/systems/ecos")
        system, system_headers = self.get("/api/v1/systems/ecos")
        self.assertEqual(page["system"], system)
        self.assertEqual(headers["etag"], system_headers["etag"])
        self.assertEqual('"%d"' % page["version"], system_headers["etag"])
        resp, _ = self.get("/api/v1/systems/ecos/responsibilities")
        self.assertEqual(page["responsibilities"], resp)
        people = {p["id"] for p in page["names"]["people"]}
        self.assertEqual(people, {r["person"] for r in system["roles"] if r.get("person")})
        self.assertTrue(page["names"]["committees"]["items"])
        self.assertEqual(page["may"], {"edit": {"allowed": True, "reason": ""}, "delete": {"allowed": True, "reason": ""}})
        # A steward of Ecos may change Ecos and not a system in which they hold no role; a reader neither.
        steward_person = next(r["person"] for r in system["roles"] if r["role"] == "system_steward")
        steward = self.account("sara.steward", "steward", person=steward_person)
        mine, _ = self.get("/api/v1/pages/systems/ecos", steward)
        self.assertTrue(mine["may"]["edit"]["allowed"])
        systems, _ = self.get("/api/v1/systems?limit=200")
        other = next(s["id"] for s in systems["items"] if all(r.get("person") != steward_person for r in s.get("roles", [])))
        theirs, _ = self.get("/api/v1/pages/systems/" + other, steward)
        self.assertFalse(theirs["may"]["edit"]["allowed"])
        self.assertTrue(theirs["may"]["edit"]["reason"])
        reader = self.account("rut.reader", "reader")
        read, _ = self.get("/api/v1/pages/systems/ecos", reader)
        self.assertFalse(read["may"]["edit"]["allowed"])
        may, _ = self.get("/api/v1/pages/may", reader)
        self.assertFalse(any(may["may"]["write"].values()))
        self.assertFalse(may["may"]["import"])
        status, _, _ = self.srv.request("GET", "/api/v1/pages/systems/no-such-system")
        self.assertEqual(status, 404)

    def test_start_page_of_a_steward(self):
        system, _ = self.get("/api/v1/systems/combine")
        person = next(r["person"] for r in system["roles"] if r.get("person"))
        token = self.account("stig.steward", "steward", person=person)
        me, _ = self.get("/api/v1/pages/me?lang=en", token)
        self.assertEqual(me["account"]["role"], "steward")
        theirs, _ = self.get("/api/v1/systems?person=%s&limit=5000" % person)
        self.assertEqual([s["id"] for s in me["systems"]["items"]], [s["id"] for s in theirs["items"]])
        self.assertIn("combine", [s["id"] for s in me["systems"]["items"]])
        self.assertTrue(all(d["person"] and d["person"]["id"] == person for d in me["due"]["items"]))
        self.assertFalse(me["may"]["create_system"])
        self.assertTrue(me["may"]["write"]["systems"])

    def test_findings_page_themes_and_person(self):
        page, _ = self.get("/api/v1/pages/findings?rules=R-DPA-FULLMAKT,R-DOC-MANDATORY&limit=5000")
        total = 0
        for rule in ("R-DPA-FULLMAKT", "R-DOC-MANDATORY"):
            one, _ = self.get("/api/v1/findings?rule=%s&limit=0" % rule)
            total += one["total"]
        self.assertEqual(page["total"], total)
        self.assertTrue(all(f["subject"]["name"] for f in page["findings"]))
        severities = [f["severity"] for f in page["findings"]]
        self.assertEqual(severities, sorted(severities, key=["error", "warning", "info"].index))
        system, _ = self.get("/api/v1/systems/ecos")
        person = system["roles"][0]["person"]
        theirs, _ = self.get("/api/v1/pages/findings?person=%s&limit=5000" % person)
        systems, _ = self.get("/api/v1/systems?person=%s&limit=5000" % person)
        ids = {s["id"] for s in systems["items"]}
        for f in theirs["findings"]:
            self.assertTrue((f["subject"]["type"] == "system" and f["subject"]["id"] in ids) or f["detail"].get("person") == person, f)
        ecos, _ = self.get("/api/v1/findings?subject_type=system&subject=ecos&limit=0")
        self.assertGreaterEqual(theirs["total"], ecos["total"])
        status, _, _ = self.srv.request("GET", "/api/v1/pages/findings?rules=R-NO-SUCH")
        self.assertEqual(status, 400)

    def test_signed_out_is_refused(self):
        for path in ("/api/v1/pages/overview", "/api/v1/pages/me", "/api/v1/pages/systems/ecos", "/api/v1/pages/may"):
            status, _, _ = self.srv.request("GET", path, auth=False)
            self.assertEqual(status, 401, path)


if __name__ == "__main__":
    unittest.main(argv=sys.argv[:1], verbosity=2)
