#!/usr/bin/env python3
"""The REST API through real HTTP on 127.0.0.1: CRUD of every collection, concurrency, the register round trip,
a crash in the middle of an import, bad requests, the audit trail and as-of reads, the OpenAPI description.

Usage: test_api.py ANSVAR_BINARY SHARED_DIR [--db-url URL]   (a PostgreSQL URL runs the same suite there)"""
import copy, json, os, sqlite3, subprocess, sys, threading, time, unittest
from server_fixture import Server, acting_as

BINARY, SHARED = sys.argv[1], sys.argv[2]
DB_URL = sys.argv[4] if len(sys.argv) > 4 and sys.argv[3] == "--db-url" else None
EXAMPLE = json.load(open(os.path.join(SHARED, "spec/examples/kungsbacka-small.json")))
ACTOR = acting_as("anna.dpo")  # an admin account of that name, with an API token (server_fixture.py)

NEW = {
    "organizations": {"id": "t-org", "name": "Testbolaget AB", "kind": "company"},
    "committees": {"id": "t-c", "organization": "kba", "name": "Testnämnden", "kind": "committee"},
    "administrations": {"id": "t-adm", "organization": "kba", "name": "Testförvaltningen", "committees": ["bn"], "units": []},
    "people": {"id": "t-p", "name": "Test Person", "administration": "bmf", "title": "employee", "email": "t@example.se"},
    "systems": {"id": "t-sys", "name": "Testsystem", "category": "digital_tool", "scope": "administration_specific",
                "owner_administration": "bmf", "used_by": ["bmf"], "lifecycle": "active",
                "roles": [{"role": "owner", "person": "p-fc-bmf"}]},
    "delegations": {"id": "t-del", "committee": "mh", "matter": "decide_dpa_municipality_wide",
                    "delegate_title": "deputy_municipal_director", "decision": "MH 2025-01-10 § 1", "valid_from": "2025-01-10"},
    "powers_of_attorney": {"id": "t-f", "committee": "mh", "issued_by": "p-fc-bmf", "holder": "p-fc-bmf", "system": "ecos",
                           "issued_on": "2025-01-01"},
    "processing_activities": {"id": "t-pa", "controller": "bn", "name": "Testbehandling", "systems": ["ecos"],
                              "purposes": ["Test"], "legal_basis": "public_task"},
    "processor_records": {"id": "t-pr", "committee": "service", "system": "ecos", "subject": "Drift",
                          "processing_categories": ["hosting"], "committees": ["bn", "mh"]},
    "incidents": {"id": "t-inc", "system": "ecos", "aware_at": "2025-02-09T10:00:00Z", "controllers": ["bn"],
                  "handler": "bn", "assessment": None, "dpo_informed": True},
    "data_subject_requests": {"id": "t-dsr", "received_on": "2025-02-01", "kind": "access", "controllers": ["bn"]},
    "agreements": {"id": "t-ag", "kind": "cooperation_agreement", "systems": ["ecos"], "parties": ["kba"], "signed_on": "2024-01-01"},
    "cooperations": {"id": "t-coop", "name": "Testsamverkan", "form": "contract_cooperation", "lead": "kba",
                     "coordinator": "p-fc-bmf",
                     "parties": [{"organization": "kba", "committee": "bn", "joined_on": "2024-01-01",
                                  "decision": "KF 2023-12-01 § 1"},
                                 {"organization": "t-org", "committee": None, "joined_on": None, "decision": ""}],
                     "systems": ["ecos", "t-sys"],
                     "groups": [{"kind": "steering_group", "name": "Styrgrupp", "members": ["p-fc-bmf", "t-p"]}],
                     "documents": [{"kind": "cooperation_agreement", "signed_on": "2024-01-01", "diary_number": "KS 2024/1"},
                                   {"kind": "risk_analysis", "done_on": "2023-11-01", "dpia": True, "dpo_consulted": True}],
                     "responsibilities": {"breach_handling": "kba", "data_subject_requests": "each"},
                     "consulted": ["lawyer", "dpo"], "management_review_on": "2024-11-20"},
    "dpa_decisions": {"id": "t-dd", "system": "ecos", "committees": ["mh", "t-c"], "decided_on": "2025-02-01",
                      "decided_by": "p-fc-bmf", "delegation": "t-del", "meeting": None, "processor": "EC Europe AB",
                      "diary_number": "MH 2025/1", "reported_on": "2025-02-20", "reported_at": "MH 2025-02-20 § 4"},
}
# A field to change in an update, per collection.
CHANGE = {"organizations": ("name", "Testbolaget i Kungsbacka AB"), "committees": ("name", "Nya testnämnden"),
          "administrations": ("name", "Nya testförvaltningen"), "people": ("name", "Test Persson"),
          "systems": ("name", "Testsystemet"), "delegations": ("decision", "MH 2025-01-11 § 2"),
          "powers_of_attorney": ("issued_on", "2025-01-02"), "processing_activities": ("name", "Ändrad behandling"),
          "processor_records": ("subject", "Drift och support"), "incidents": ("assessment", "risk"),
          "data_subject_requests": ("kind", "erasure"), "agreements": ("signed_on", "2024-02-01"),
          "cooperations": ("responsibilities", {"breach_handling": "t-org", "contact_point": "kba"}),
          "dpa_decisions": ("committees", ["mh"])}


def etag(headers):
    return headers["etag"]


class Api(unittest.TestCase):
    server = None

    @classmethod
    def setUpClass(cls):
        cls.server = Server(BINARY, DB_URL).start()

    @classmethod
    def tearDownClass(cls):
        cls.server.cleanup()

    def req(self, *args, **kwargs):
        return self.server.request(*args, **kwargs)

    def load_example(self):
        status, _, body = self.req("PUT", "/api/v1/register", EXAMPLE, ACTOR)
        self.assertEqual(status, 200, body)

    def export(self):
        status, _, body = self.req("GET", "/api/v1/register")
        self.assertEqual(status, 200)
        return body

    # -- CRUD --------------------------------------------------------------------------------------------------
    def test_crud_of_every_collection(self):
        self.load_example()
        for collection, entity in NEW.items():
            with self.subTest(collection=collection):
                base = f"/api/v1/{collection}"
                status, h, body = self.req("POST", base, entity, ACTOR)
                self.assertEqual(status, 201, body)
                self.assertEqual(h["location"], f"{base}/{entity['id']}")
                self.assertEqual(etag(h), '"1"')
                status, h, got = self.req("GET", f"{base}/{entity['id']}")
                self.assertEqual(status, 200)
                for k, v in entity.items():
                    self.assertEqual(got[k], v, k)
                status, _, listed = self.req("GET", f"{base}?q={entity['id']}")
                self.assertEqual(status, 200)
                self.assertIn(entity["id"], [x["id"] for x in listed["items"]])
                field, value = CHANGE[collection]
                changed = dict(got, **{field: value})
                status, h2, body = self.req("PUT", f"{base}/{entity['id']}", changed, dict(ACTOR, **{"If-Match": etag(h)}))
                self.assertEqual(status, 200, body)
                self.assertEqual(etag(h2), '"2"')
                self.assertEqual(self.req("GET", f"{base}/{entity['id']}")[2][field], value)
                # The list serves what was written, not what it served before (it keeps each entity's JSON).
                listed = self.req("GET", f"{base}?limit=5000")[2]["items"]
                self.assertEqual([x[field] for x in listed if x["id"] == entity["id"]], [value])
                # A second create of the same id conflicts.
                self.assertEqual(self.req("POST", base, entity, ACTOR)[0], 409)
        # Delete in reverse order of dependence.
        for collection in reversed(list(NEW)):
            with self.subTest(delete=collection):
                base = f"/api/v1/{collection}/{NEW[collection]['id']}"
                _, h, _ = self.req("GET", base)
                status, _, body = self.req("DELETE", base, headers=dict(ACTOR, **{"If-Match": etag(h)}))
                self.assertEqual(status, 204, body)
                self.assertEqual(self.req("GET", base)[0], 404)
                listed = self.req("GET", f"/api/v1/{collection}?limit=5000")[2]
                self.assertNotIn(NEW[collection]["id"], [x["id"] for x in listed["items"]])
                self.assertEqual(listed["total"], len(EXAMPLE.get(collection, [])))

    def test_cooperations_and_dpa_decisions_keep_what_they_refer_to(self):
        self.load_example()
        for collection in ("organizations", "committees", "people", "systems", "delegations", "cooperations",
                           "dpa_decisions"):
            self.assertEqual(self.req("POST", f"/api/v1/{collection}", NEW[collection], ACTOR)[0], 201, collection)
        try:
            # A party, a group member, the delegation a decision was taken under: each is still referred to.
            for path in ("/api/v1/organizations/t-org", "/api/v1/people/t-p", "/api/v1/delegations/t-del"):
                with self.subTest(delete=path):
                    _, h, _ = self.req("GET", path)
                    status, _, body = self.req("DELETE", path, headers=dict(ACTOR, **{"If-Match": etag(h)}))
                    self.assertEqual(status, 409, body)
                    self.assertEqual(self.req("GET", path)[0], 200)
            # They are part of the whole register, exported and imported unchanged.
            exported = self.export()
            self.assertEqual([c["id"] for c in exported["cooperations"]], ["t-coop"])
            self.assertEqual(exported["dpa_decisions"][0]["delegation"], "t-del")
            status, _, summary = self.req("PUT", "/api/v1/register", exported, ACTOR)
            self.assertEqual(status, 200, summary)
            self.assertEqual((summary["created"], summary["updated"], summary["deleted"]), (0, 0, 0))
            self.assertEqual(self.export(), exported)
            # A stale If-Match changes nothing.
            _, h, got = self.req("GET", "/api/v1/dpa_decisions/t-dd")
            self.assertEqual(self.req("PUT", "/api/v1/dpa_decisions/t-dd", dict(got, processor="Annan AB"),
                                      dict(ACTOR, **{"If-Match": '"99"'}))[0], 412)
            self.assertEqual(self.req("GET", "/api/v1/dpa_decisions/t-dd")[2]["processor"], "EC Europe AB")
        finally:
            self.load_example()

    def test_list_filters_and_paging(self):
        self.load_example()
        status, _, page = self.req("GET", "/api/v1/systems?category=business_system")
        self.assertEqual(sorted(s["id"] for s in page["items"]), ["ecos", "nytt-hr", "raindance"])
        _, _, page = self.req("GET", "/api/v1/systems?administration=fgf&scope=administration_specific")
        self.assertEqual([s["id"] for s in page["items"]], ["mashie"])
        # Controllers: those of the activities that list the system, else the committees of its users.
        _, _, page = self.req("GET", "/api/v1/systems?committee=mh")
        self.assertEqual(sorted(s["id"] for s in page["items"]), ["ad", "ecos", "facebook", "nytt-hr"])
        _, _, page = self.req("GET", "/api/v1/systems?lifecycle=procurement")
        self.assertEqual([s["id"] for s in page["items"]], ["nytt-hr"])
        _, _, page = self.req("GET", "/api/v1/systems?q=RAIN")
        self.assertEqual([s["id"] for s in page["items"]], ["raindance"])
        _, _, page = self.req("GET", "/api/v1/systems?limit=2&offset=2")
        self.assertEqual((len(page["items"]), page["total"], page["offset"]), (2, 7, 2))
        _, _, page = self.req("GET", "/api/v1/people?administration=sf")
        self.assertEqual(len(page["items"]), 5)

    # -- Concurrency -------------------------------------------------------------------------------------------
    def test_two_clients_editing_one_system(self):
        self.load_example()
        _, h, first = self.req("GET", "/api/v1/systems/kivra")
        _, h2, second = self.req("GET", "/api/v1/systems/kivra")
        self.assertEqual(etag(h), etag(h2))
        first["supplier"] = "Kivra Sverige AB"
        status, _, _ = self.req("PUT", "/api/v1/systems/kivra", first, {"If-Match": etag(h), **acting_as("one")})
        self.assertEqual(status, 200)
        second["fee"] = False
        status, _, problem = self.req("PUT", "/api/v1/systems/kivra", second, {"If-Match": etag(h2), **acting_as("two")})
        self.assertEqual(status, 412)
        self.assertEqual(problem["status"], 412)
        _, h3, now = self.req("GET", "/api/v1/systems/kivra")
        self.assertEqual((now["supplier"], now["fee"]), ("Kivra Sverige AB", True))  # the first change is kept
        now["fee"] = False  # the second client reloads and applies its change again
        self.assertEqual(self.req("PUT", "/api/v1/systems/kivra", now, {"If-Match": etag(h3)})[0], 200)
        final = self.req("GET", "/api/v1/systems/kivra")[2]
        self.assertEqual((final["supplier"], final["fee"]), ("Kivra Sverige AB", False))

    def test_concurrent_writers_lose_nothing(self):
        self.load_example()
        results = []
        def writer(n):
            for attempt in range(50):
                _, h, system = self.req("GET", "/api/v1/systems/raindance")
                system["processing_countries"] = sorted(set(system["processing_countries"]) | {f"X{n}"})
                status = self.req("PUT", "/api/v1/systems/raindance", system, {"If-Match": etag(h)})[0]
                if status == 200:
                    results.append(n)
                    return
                self.assertEqual(status, 412)
        threads = [threading.Thread(target=writer, args=(n,)) for n in range(8)]
        [t.start() for t in threads]
        [t.join() for t in threads]
        self.assertEqual(sorted(results), list(range(8)))
        countries = self.req("GET", "/api/v1/systems/raindance")[2]["processing_countries"]
        self.assertEqual(sorted(countries), sorted(["SE"] + [f"X{n}" for n in range(8)]))

    def test_person_with_roles_is_not_deleted_silently(self):
        self.load_example()
        self.assertIn("p-sf2", json.dumps(self.req("GET", "/api/v1/systems?limit=5000")[2]["items"]))
        _, h, _ = self.req("GET", "/api/v1/people/p-sf2")
        status, _, problem = self.req("DELETE", "/api/v1/people/p-sf2", headers={"If-Match": etag(h)})
        self.assertEqual(status, 409)
        self.assertIn("roles=remove", problem["detail"])
        self.assertTrue(any("roles" in e["path"] for e in problem["errors"]))
        status, _, _ = self.req("DELETE", "/api/v1/people/p-sf2?roles=reassign&reassign_to=p-sf1", headers={"If-Match": etag(h)})
        self.assertEqual(status, 204)
        roles = self.req("GET", "/api/v1/systems/ecos")[2]["roles"]
        self.assertIn({"role": "system_steward", "person": "p-sf1"}, roles)
        listed = self.req("GET", "/api/v1/systems?limit=5000")[2]["items"]
        self.assertEqual([s["roles"] for s in listed if s["id"] == "ecos"], [roles])
        self.assertNotIn("p-sf2", json.dumps(listed))

    # -- The whole register ------------------------------------------------------------------------------------
    def test_register_round_trip(self):
        self.load_example()
        first = self.export()
        status, _, summary = self.req("PUT", "/api/v1/register", first, ACTOR)
        self.assertEqual(status, 200)
        self.assertEqual((summary["created"], summary["updated"], summary["deleted"]), (0, 0, 0))
        self.assertEqual(self.export(), first)
        self.assertEqual(len(first["systems"]), len(EXAMPLE["systems"]))
        # What the rules find in the exported register is what they find in the original.
        status, _, findings = self.req("GET", "/api/v1/findings?as_of=2025-02-10&limit=5000")
        self.assertEqual(status, 200)
        expected = json.load(open(os.path.join(SHARED, "spec/examples/kungsbacka-small.expected.json")))
        got = {(f["rule"], f["subject"]["id"]) for f in findings["findings"] if f["severity"] != "info"}
        self.assertEqual(got, {(f["rule"], f["subject"]["id"]) for f in expected["findings"]})

    def test_bad_register_changes_nothing_and_names_every_fault(self):
        self.load_example()
        before = self.export()
        bad = copy.deepcopy(EXAMPLE)
        bad["systems"][0]["roles"][0]["person"] = "p-9"
        bad["systems"][2]["category"] = "spaceship"
        status, h, problem = self.req("PUT", "/api/v1/register", bad)
        self.assertEqual(status, 422)
        self.assertEqual(h["content-type"], "application/problem+json")
        paths = [e["path"] for e in problem["errors"]]
        self.assertIn("$.systems[2].category", paths)
        bad["systems"][2]["category"] = "commercial_service"
        status, _, problem = self.req("PUT", "/api/v1/register", bad)
        self.assertEqual([e["path"] for e in problem["errors"]], ["$.systems[0].roles[0].person"])
        self.assertEqual(self.export(), before)

    def test_an_organization_is_judged_by_its_own_rulebook(self):
        # cooperation-and-decisions.md §1: an organization's rulebook is checked when written and served merged.
        self.load_example()
        status, h, org = self.req("GET", "/api/v1/organizations/kba")
        self.assertEqual(status, 200)
        bad = dict(org, rulebook={"dpia_threshold": "three"})
        status, _, problem = self.req("PUT", "/api/v1/organizations/kba", bad, dict(ACTOR, **{"If-Match": etag(h)}))
        self.assertEqual(status, 422)
        self.assertEqual([e["path"] for e in problem["errors"]], ["$.rulebook.dpia_threshold"])
        good = dict(org, rulebook={"require_dpa_delegation": False, "dpia_threshold": 3})
        status, _, _ = self.req("PUT", "/api/v1/organizations/kba", good, dict(ACTOR, **{"If-Match": etag(h)}))
        self.assertEqual(status, 200)
        status, _, own = self.req("GET", "/api/v1/rulebook?organization=kba")
        self.assertEqual((status, own["require_dpa_delegation"], own["dpia_threshold"]), (200, False, 3))
        status, _, base = self.req("GET", "/api/v1/rulebook")
        self.assertEqual((base["require_dpa_delegation"], base["dpia_threshold"]), (True, 2))
        self.assertEqual(self.req("GET", "/api/v1/rulebook?organization=nowhere")[0], 404)
        # Kungsbacka no longer needs the KF 33 delegation: its committees' R-DELEG-KF33 findings are gone.
        status, _, findings = self.req("GET", "/api/v1/findings?rule=R-DELEG-KF33&limit=1000")
        self.assertEqual(status, 200)
        self.assertEqual([f for f in findings["findings"] if f["rule"] == "R-DELEG-KF33"], [])

    def test_an_id_with_cr_lf_or_other_characters_is_refused_naming_the_field(self):
        # Issue 17: ids go into URLs, iCalendar, Atom, CSV and e-mail; [A-Za-z0-9._-]{1,100} only.
        self.load_example()
        before = self.export()
        for bad in ("x\r\nURL:https://evil.test", "a b", "a/b", "x" * 101):
            with self.subTest(id=bad):
                status, h, problem = self.req("POST", "/api/v1/systems", dict(NEW["systems"], id=bad))
                self.assertEqual(status, 422, problem)
                self.assertEqual(h["content-type"], "application/problem+json")
                self.assertIn("$.id", [e["path"] for e in problem["errors"]])
        reg = copy.deepcopy(EXAMPLE)
        reg["organizations"][0]["id"] = "kba\r\nX-Injected: 1"
        status, _, problem = self.req("PUT", "/api/v1/register", reg)
        self.assertEqual(status, 422, problem)
        self.assertIn("$.organizations[0].id", [e["path"] for e in problem["errors"]])
        self.assertEqual(self.export(), before)

    def test_kill_9_in_the_middle_of_a_large_import(self):
        self.load_example()
        old = self.export()
        big = copy.deepcopy(old)
        template = big["systems"][0]
        for i in range(6000):
            s = copy.deepcopy(template)
            s["id"], s["name"] = f"sys-{i}", f"System {i}"
            s["documents"] = [dict(d, id=f"{d['id']}-{i}") for d in s["documents"]]
            s["integrations"] = []
            big["systems"].append(s)
        body = json.dumps(big).encode()
        server = self.server
        def put():
            try:
                server.request("PUT", "/api/v1/register", raw=body, headers={"Content-Type": "application/json"}, timeout=60)
            except Exception:
                pass
        t = threading.Thread(target=put)
        t.start()
        time.sleep(0.4)
        server.kill9()
        t.join()
        server.start()
        now = self.export()
        ids = [s["id"] for s in now["systems"]]
        if ids == [s["id"] for s in old["systems"]]:
            self.assertEqual(now, old)  # the old register, untouched
        else:  # or the new one, complete
            self.assertEqual(ids, [s["id"] for s in big["systems"]])
            self.assertEqual(now["systems"][-1]["documents"][0]["id"], big["systems"][-1]["documents"][0]["id"])
        self.assertTrue(self.req("GET", "/api/v1/audit/verify")[2]["ok"])

    # -- Bad requests: each a 4xx problem document, and nothing changes -------------------------------------------
    def test_bad_requests(self):
        self.load_example()
        before = self.export()
        _, h, ecos = self.req("GET", "/api/v1/systems/ecos")
        big = b'{"id":"x","name":"' + b"a" * (2 << 20) + b'"}'
        cases = [
            ("malformed JSON", "POST", "/api/v1/systems", b'{"id": "x", ', {"Content-Type": "application/json"}, 400),
            ("wrong type", "POST", "/api/v1/systems", json.dumps(dict(NEW["systems"], fee="yes")).encode(),
             {"Content-Type": "application/json"}, 422),
            ("unknown enum", "POST", "/api/v1/systems", json.dumps(dict(NEW["systems"], lifecycle="zombie")).encode(),
             {"Content-Type": "application/json"}, 422),
            ("unknown id in a reference", "POST", "/api/v1/systems",
             json.dumps(dict(NEW["systems"], owner_administration="nope")).encode(), {"Content-Type": "application/json"}, 422),
            ("oversized body", "POST", "/api/v1/systems", big, {"Content-Type": "application/json"}, 413),
            ("not JSON content type", "POST", "/api/v1/systems", b"id=x", {"Content-Type": "application/x-www-form-urlencoded"}, 415),
            ("update without If-Match", "PUT", "/api/v1/systems/ecos", json.dumps(ecos).encode(), {"Content-Type": "application/json"}, 428),
            ("update with a stale ETag", "PUT", "/api/v1/systems/ecos", json.dumps(dict(ecos, name="X")).encode(),
             {"Content-Type": "application/json", "If-Match": '"99"'}, 412),
            ("id in the body differs from the path", "PUT", "/api/v1/systems/ecos", json.dumps(dict(ecos, id="other")).encode(),
             {"Content-Type": "application/json", "If-Match": etag(h)}, 422),
            ("update of a missing entity", "PUT", "/api/v1/systems/nope", json.dumps(dict(ecos, id="nope")).encode(),
             {"Content-Type": "application/json", "If-Match": '"1"'}, 404),
            ("unknown collection", "GET", "/api/v1/spaceships", None, {}, 404),
            ("method not allowed", "PATCH", "/api/v1/systems/ecos", b"{}", {"Content-Type": "application/json"}, 405),
            ("bad paging", "GET", "/api/v1/systems?limit=lots", None, {}, 400),
            ("page too large", "GET", "/api/v1/systems?limit=100000", None, {}, 400),
            ("bad severity filter", "GET", "/api/v1/findings?severity=fatal", None, {}, 400),
            ("bad as_of", "GET", "/api/v1/register?as_of=yesterday", None, {}, 400),
            ("path traversal", "GET", "/../../etc/passwd", None, {}, 400),
            ("encoded path traversal", "GET", "/%2e%2e/%2e%2e/etc/passwd", None, {}, 400),
            ("traversal into the API", "GET", "/api/v1/../../etc/passwd", None, {}, 400),
            ("bad percent escape", "GET", "/api/v1/systems/%zz", None, {}, 400),
            ("hidden file", "GET", "/.env", None, {}, 400),
        ]
        for name, method, path, raw, headers, expected in cases:
            with self.subTest(name):
                if expected == 413:
                    status, h2, body = self.server.request_oversized(method, path, raw, headers)
                else:
                    status, h2, body = self.req(method, path, raw=raw, headers=headers)
                self.assertEqual(status, expected, body if isinstance(body, dict) else body[:300])
                self.assertEqual(h2.get("content-type"), "application/problem+json")
                self.assertEqual(body["status"], expected)
        self.assertEqual(self.export(), before)

    # -- Audit trail and "as of" reads -------------------------------------------------------------------------
    def test_audit_trail_and_as_of(self):
        self.load_example()
        _, h, kivra = self.req("GET", "/api/v1/systems/kivra")
        before_change = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
        time.sleep(1.2)
        owner = next(r for r in kivra["roles"] if r["role"] == "owner")
        owner["person"] = "p-kd"
        self.assertEqual(self.req("PUT", "/api/v1/systems/kivra", kivra, {"If-Match": etag(h), **acting_as("bo.owner")})[0], 200)
        _, _, audit = self.req("GET", "/api/v1/audit?entity_type=system&entity_id=kivra")
        latest = audit["entries"][0]
        self.assertEqual((latest["action"], latest["actor"]["id"]), ("update", "bo.owner"))
        self.assertIn({"role": "owner", "person": "p-bkd"}, latest["before"]["roles"])
        self.assertIn({"role": "owner", "person": "p-kd"}, latest["after"]["roles"])
        _, _, by_actor = self.req("GET", "/api/v1/audit?actor=bo.owner")
        self.assertTrue(all(e["actor"]["id"] == "bo.owner" for e in by_actor["entries"]))
        # Who owned Kivra before the change?
        _, _, then = self.req("GET", "/api/v1/register?as_of=" + before_change)
        kivra_then = next(s for s in then["systems"] if s["id"] == "kivra")
        self.assertIn({"role": "owner", "person": "p-bkd"}, kivra_then["roles"])
        self.assertTrue(self.req("GET", "/api/v1/audit/verify")[2]["ok"])

    # -- Derived views -----------------------------------------------------------------------------------------
    def test_findings_filters_and_responsibilities(self):
        self.load_example()
        _, _, f = self.req("GET", "/api/v1/findings?as_of=2025-02-10&subject=mashie&severity=error")
        self.assertEqual({x["rule"] for x in f["findings"]},
                         {"R-ROLE-DIGITAL-CENTER", "R-PLAN-ANNUAL", "R-FORUM-CONTRACT-REVIEW", "R-TRANSFER-TIA"})
        _, _, f = self.req("GET", "/api/v1/findings?as_of=2025-02-10&committee=mh&rule=R-DELEG-KF33")
        self.assertEqual([x["subject"]["id"] for x in f["findings"]], ["mh"])
        _, _, f = self.req("GET", "/api/v1/findings?as_of=2025-02-10&administration=fgf&lang=en")
        self.assertTrue(f["findings"] and all(x["message"] for x in f["findings"]))
        self.assertIn("mashie", {x["subject"]["id"] for x in f["findings"]})
        _, _, summary = self.req("GET", "/api/v1/findings/summary?as_of=2025-02-10&group_by=subject")
        self.assertEqual((summary["groups"][0]["key"], summary["groups"][0]["error"]), ("mashie", 4))
        _, _, summary = self.req("GET", "/api/v1/findings/summary?as_of=2025-02-10&group_by=committee")
        self.assertIn("mh", {g["key"] for g in summary["groups"]})
        self.assertEqual(self.req("GET", "/api/v1/findings/summary?group_by=colour")[0], 400)
        _, _, page = self.req("GET", "/api/v1/systems?person=p-tsf")
        self.assertEqual(sorted(x["id"] for x in page["items"]), ["ecos", "raindance"])
        _, _, rulebook = self.req("GET", "/api/v1/rulebook")
        self.assertEqual(rulebook["dpia_threshold"], 2)
        _, _, r = self.req("GET", "/api/v1/systems/ecos/responsibilities")
        self.assertEqual((r["controllers"], r["dpa"]["case"], r["incident_handler"]), (["bn", "mh"], "each_controller", "bn"))
        self.assertEqual(r["dpa"]["missing_powers_of_attorney"], ["mh"])
        _, _, r = self.req("GET", "/api/v1/systems/raindance/responsibilities")
        self.assertEqual(r["dpa_decided_by"], {"title": "deputy_municipal_director"})
        self.assertEqual([d["committee"] for d in r["dpa"]["delegations"]], ["ks"])

    # -- OpenAPI -----------------------------------------------------------------------------------------------
    def test_openapi_matches_the_routes(self):
        self.load_example()
        status, _, spec = self.req("GET", "/api/v1/openapi.json")
        self.assertEqual((status, spec["openapi"]), (200, "3.1.0"))
        ids = {"id": "ecos"}
        for path, operations in spec["paths"].items():
            for method, op in operations.items():
                with self.subTest(f"{method.upper()} {path}"):
                    concrete = path.replace("{id}", ids["id"])
                    # Safe calls only: a write answers by validating its (empty) body, never 404/405.
                    body = b"{}" if method in ("post", "put") else None
                    status, _, answer = self.req(method.upper(), concrete, raw=body,
                                                 headers={"Content-Type": "application/json"})
                    # The route exists: no 405, and a 404 may only say the entity is missing, never the route.
                    self.assertNotEqual(status, 405, f"{method} {path}: {answer}")
                    if status == 404:
                        self.assertIn("does not exist", answer["detail"], f"{method} {path}")
                    elif method == "get":
                        self.assertIn(str(status), op["responses"], f"{method} {path}")
        # Every documented operation lists its responses and problem details.
        for path, operations in spec["paths"].items():
            for method, op in operations.items():
                self.assertIn("default", op["responses"], f"{method} {path}")


if __name__ == "__main__":
    unittest.main(argv=[sys.argv[0], "-v"], verbosity=2)
