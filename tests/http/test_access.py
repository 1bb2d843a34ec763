#!/usr/bin/env python3
"""Access control through real HTTP against `ansvar serve` (issue 6, docs/access-control.md): accounts of every role
made with the CLI and the accounts API; a matrix of role × action × scope over the API, signed in by API token and
by session cookie (with CSRF), asserting the status AND that nothing changed on a refusal; CSRF, session fixation,
logout, throttling, API tokens and their revocation, attribution in the audit trail, no secret in a log line, the
demo's one-time admin password.

Usage: test_access.py ANSVAR_BINARY [--db-url URL]   (a PostgreSQL URL runs the same suite there)"""
import copy, http.client, json, os, re, subprocess, sys, time, unittest, uuid

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from server_fixture import Server  # noqa: E402

BINARY = sys.argv[1]
DB_URL = sys.argv[3] if len(sys.argv) > 3 and sys.argv[2] == "--db-url" else None
if DB_URL:  # further servers of this suite get their own database of the same cluster
    os.environ["ANSVAR_TEST_BACKEND"] = "postgres"
    os.environ.setdefault("ANSVAR_TEST_PG_URL", DB_URL)

PASSWORD = "ett långt lösenord för test"  # every test account's, except admin's (the fixture's own)

# Two administrations: bmf works for bn, sf for sn and ks. Ecos is bmf's, with Sven as its steward; Treserva is sf's.
REGISTER = {
    "format": "ansvar-register/1",
    "organizations": [{"id": "kba", "name": "Kungsbacka kommun", "kind": "municipality", "dpo": "p-dpo"}],
    "committees": [
        {"id": "ks", "organization": "kba", "name": "Kommunstyrelsen", "kind": "executive_board"},
        {"id": "bn", "organization": "kba", "name": "Byggnadsnämnden", "kind": "committee"},
        {"id": "sn", "organization": "kba", "name": "Socialnämnden", "kind": "committee"}],
    "administrations": [
        {"id": "bmf", "organization": "kba", "name": "Bygg- och miljöförvaltningen", "committees": ["bn"]},
        {"id": "sf", "organization": "kba", "name": "Socialförvaltningen", "committees": ["sn", "ks"]}],
    "people": [
        {"id": "p-stew", "name": "Sven Steward", "administration": "bmf", "title": "employee", "email": "sven@kba.test"},
        {"id": "p-other", "name": "Olga Annan", "administration": "sf", "title": "administration_director",
         "email": "olga@kba.test"},
        {"id": "p-dpo", "name": "Dora Dpo", "administration": "sf", "title": "employee", "email": "dora@kba.test"}],
    "systems": [
        {"id": "ecos", "name": "Ecos", "category": "business_system", "scope": "administration_specific",
         "owner_administration": "bmf", "used_by": ["bmf"], "lifecycle": "active",
         "roles": [{"role": "owner", "person": "p-other"}, {"role": "system_steward", "person": "p-stew"}]},
        {"id": "treserva", "name": "Treserva", "category": "business_system", "scope": "administration_specific",
         "owner_administration": "sf", "used_by": ["sf"], "lifecycle": "active",
         "roles": [{"role": "owner", "person": "p-other"}]}],
    "processing_activities": [
        {"id": "pa-bmf", "controller": "bn", "name": "Bygglov", "systems": ["ecos"], "purposes": ["Bygglov"],
         "legal_basis": "public_task"},
        {"id": "pa-sf", "controller": "sn", "name": "Försörjningsstöd", "systems": ["treserva"],
         "purposes": ["Bistånd"], "legal_basis": "public_task"}],
}

# The roles and their accounts: (id, role, administration, person). Anonymous is no account at all.
ROLES = {
    "admin": None,  # the fixture's admin
    "dpo": ("dora", "dpo", None, "p-dpo"),
    "contact": ("kontakt.bmf", "data_protection_contact", "bmf", None),
    "steward": ("sven", "steward", None, "p-stew"),
    "reader": ("rut", "reader", None, None),
}
EVERYONE = set(ROLES)


def unique(prefix):
    return f"{prefix}-{uuid.uuid4().hex[:8]}"


class Client:
    """One way of signing in: an API token, or a session cookie with its CSRF token, or nothing."""

    def __init__(self, server, token=None, cookie=None, csrf=None):
        self.server, self.token, self.cookie, self.csrf = server, token, cookie, csrf

    def request(self, method, path, body=None, headers=None, raw=None, csrf=True):
        h = dict(headers or {})
        if self.token:
            h["Authorization"] = "Bearer " + self.token
        if self.cookie:
            h["Cookie"] = "ansvar_session=" + self.cookie
            if csrf and self.csrf and method not in ("GET", "HEAD"):
                h["X-CSRF-Token"] = self.csrf
        return self.server.request(method, path, body, h, raw=raw, auth=False)


def cookie_of(headers):
    m = re.match(r"ansvar_session=([^;]*)", headers.get("set-cookie", ""))
    return m.group(1) if m else None


class Access(unittest.TestCase):
    server = None

    @classmethod
    def setUpClass(cls):
        cls.server = Server(BINARY, DB_URL).start()
        cls.admin = Client(cls.server, token=cls.server.admin_token)
        status, _, body = cls.admin.request("PUT", "/api/v1/register", REGISTER)
        assert status == 200, body
        cls.secrets = [cls.server.admin_token, cls.server.admin_password, PASSWORD]
        cls.tokens, cls.sessions = {"admin": cls.server.admin_token}, {}
        for key, spec in ROLES.items():
            if spec is None:
                continue
            account, role, administration, person = spec
            if key == "contact":  # one account through the CLI, on the running server's database
                args = [BINARY, "user", "add", account, "--role", role, "--administration", administration,
                        "--name", "Karin Kontakt", "--email", "karin@kba.test", "--password-stdin", "--db",
                        cls.server.db]
                subprocess.run(args, input=PASSWORD + "\n", text=True, check=True, stdout=subprocess.DEVNULL)
            else:
                body = {"id": account, "name": account.capitalize(), "role": role, "password": PASSWORD}
                if administration:
                    body["administration"] = administration
                if person:
                    body["person"] = person
                status, _, answer = cls.admin.request("POST", "/api/v1/accounts", body)
                assert status == 201, answer
            status, _, issued = cls.admin.request("POST", "/api/v1/tokens", {"account": account, "name": "matrix"})
            assert status == 201, issued
            cls.tokens[key] = issued["token"]
            cls.secrets.append(issued["token"])
        # The admin signs in with a password too: give the fixture's admin a known one.
        status, _, _ = cls.admin.request("PATCH", "/api/v1/accounts/admin", {"password": PASSWORD})
        assert status == 200
        for key, spec in ROLES.items():
            account = "admin" if spec is None else spec[0]
            status, h, body = cls.server.request("POST", "/api/v1/auth/login",
                                                 {"username": account, "password": PASSWORD}, auth=False)
            assert status == 200, (key, status, body)
            cls.sessions[key] = (cookie_of(h), body["csrf_token"])
            cls.secrets += [cookie_of(h), body["csrf_token"]]

    @classmethod
    def tearDownClass(cls):
        cls.server.cleanup()

    # -- helpers -------------------------------------------------------------------------------------------------
    def client(self, role, via):
        if role == "anonymous":
            return Client(self.server)
        if via == "token":
            return Client(self.server, token=self.tokens[role])
        cookie, csrf = self.sessions[role]
        return Client(self.server, cookie=cookie, csrf=csrf)

    def state(self):
        """Everything a write could change: the register, its audit trail's last entry, messages, calendar tokens,
        accounts, API tokens."""
        out = {}
        for path in ("/api/v1/register", "/api/v1/audit?limit=1", "/api/v1/messages", "/api/v1/calendar/tokens",
                     "/api/v1/accounts", "/api/v1/tokens"):
            status, _, body = self.admin.request("GET", path)
            self.assertEqual(status, 200, (path, body))
            out[path] = body
        return out

    def get(self, path):
        status, h, body = self.admin.request("GET", path)
        self.assertEqual(status, 200, (path, body))
        return h["etag"], body

    def create(self, collection, entity):
        status, _, body = self.admin.request("POST", f"/api/v1/{collection}", entity)
        self.assertEqual(status, 201, body)
        return entity["id"]

    # -- the actions of the matrix: each prepares what it needs (as admin) and answers its request ----------------
    def activity(self, controller):
        return {"id": unique("pa"), "controller": controller, "name": "Behandling", "systems": ["ecos"],
                "purposes": ["Test"], "legal_basis": "public_task"}

    def action_create(self, collection, entity):
        return lambda: ("POST", f"/api/v1/{collection}", entity(), {})

    def action_update(self, collection, entity, change):
        def run():
            eid = self.create(collection, entity())
            tag, current = self.get(f"/api/v1/{collection}/{eid}")
            changed = copy.deepcopy(current)
            change(changed)
            return "PUT", f"/api/v1/{collection}/{eid}", changed, {"If-Match": tag}
        return run

    def action_delete(self, collection, entity):
        def run():
            eid = self.create(collection, entity())
            return "DELETE", f"/api/v1/{collection}/{eid}", None, {"If-Match": "*"}
        return run

    def system(self, steward):
        roles = [{"role": "owner", "person": "p-other"}]
        if steward:
            roles.append({"role": "system_steward", "person": "p-stew"})
        return {"id": unique("sys"), "name": "System", "category": "digital_tool", "scope": "administration_specific",
                "owner_administration": "bmf" if steward else "sf", "used_by": [], "lifecycle": "active",
                "roles": roles}

    def matrix(self):
        """(name, action, roles allowed). Every other role is refused: 403, or 401 when anonymous."""
        act, admin_only = self, {"admin"}
        gdpr = {"admin", "dpo"}
        return [
            # Reads: every signed-in role.
            ("read systems", lambda: ("GET", "/api/v1/systems", None, {}), EVERYONE),
            ("read register", lambda: ("GET", "/api/v1/register", None, {}), EVERYONE),
            ("read findings", lambda: ("GET", "/api/v1/findings", None, {}), EVERYONE),
            ("read audit", lambda: ("GET", "/api/v1/audit", None, {}), EVERYONE),
            ("read due", lambda: ("GET", "/api/v1/due", None, {}), EVERYONE),
            ("read export", lambda: ("GET", "/api/v1/exports/ropa?format=csv", None, {}), EVERYONE),
            ("read accounts", lambda: ("GET", "/api/v1/accounts", None, {}), admin_only),
            ("read tokens", lambda: ("GET", "/api/v1/tokens", None, {}), admin_only),
            # Processing activities: the DPO everywhere, the contact within bmf (controller bn), never moved across.
            ("create activity in bmf", act.action_create("processing_activities", lambda: self.activity("bn")),
             gdpr | {"contact"}),
            ("create activity in sf", act.action_create("processing_activities", lambda: self.activity("sn")), gdpr),
            ("update activity in bmf",
             act.action_update("processing_activities", lambda: self.activity("bn"), lambda a: a.update(name="Ny")),
             gdpr | {"contact"}),
            ("update activity in sf",
             act.action_update("processing_activities", lambda: self.activity("ks"), lambda a: a.update(name="Ny")),
             gdpr),
            ("move activity out of bmf",
             act.action_update("processing_activities", lambda: self.activity("bn"),
                               lambda a: a.update(controller="sn")), gdpr),
            ("move activity into bmf",
             act.action_update("processing_activities", lambda: self.activity("sn"),
                               lambda a: a.update(controller="bn")), gdpr),
            ("delete activity in bmf", act.action_delete("processing_activities", lambda: self.activity("bn")),
             gdpr | {"contact"}),
            ("delete activity in sf", act.action_delete("processing_activities", lambda: self.activity("sn")), gdpr),
            # Issue 15: the incident register is the DPO's, the admin's and the contacts' (their administration's);
            # everyone reports a breach.
            ("read the incident register", lambda: ("GET", "/api/v1/incidents", None, {}), gdpr | {"contact"}),
            ("read an incident on bmf's system",
             lambda: ("GET", "/api/v1/incidents/" + self.create("incidents", {
                 "id": unique("inc"), "system": "ecos", "aware_at": "2025-02-09T10:00:00Z"}), None, {}),
             gdpr | {"contact"}),
            ("read an incident of sf",
             lambda: ("GET", "/api/v1/incidents/" + self.create("incidents", {
                 "id": unique("inc"), "system": "treserva", "controllers": ["sn"],
                 "aware_at": "2025-02-09T10:00:00Z"}), None, {}), gdpr),
            ("read the breach statistics", lambda: ("GET", "/api/v1/incident_statistics", None, {}),
             gdpr | {"contact"}),
            ("report a breach",
             lambda: ("POST", "/api/v1/incident_reports", {"what_happened": "Fel mottagare",
                                                          "discovered_at": "2025-02-09T10:00:00Z", "system": "ecos"},
                      {}), EVERYONE),
            # Incidents: bmf's system or committee; requests: bmf's committee among the controllers.
            ("create incident on bmf's system",
             act.action_create("incidents", lambda: {"id": unique("inc"), "system": "ecos", "controllers": ["sn"],
                                                     "aware_at": "2025-02-09T10:00:00Z", "dpo_informed": True}),
             gdpr | {"contact"}),
            ("create incident of sf",
             act.action_create("incidents", lambda: {"id": unique("inc"), "system": "treserva", "controllers": ["sn"],
                                                     "aware_at": "2025-02-09T10:00:00Z", "dpo_informed": True}),
             gdpr),
            ("update incident of sf",
             act.action_update("incidents", lambda: {"id": unique("inc"), "system": "treserva",
                                                     "controllers": ["sn"], "aware_at": "2025-02-09T10:00:00Z"},
                               lambda i: i.update(assessment="risk")), gdpr),
            ("create request to bn",
             act.action_create("data_subject_requests", lambda: {"id": unique("dsr"), "received_on": "2025-02-01",
                                                                 "kind": "access", "controllers": ["sn", "bn"]}),
             gdpr | {"contact"}),
            ("create request to sn",
             act.action_create("data_subject_requests", lambda: {"id": unique("dsr"), "received_on": "2025-02-01",
                                                                 "kind": "access", "controllers": ["sn"]}), gdpr),
            ("update request to bn",
             act.action_update("data_subject_requests", lambda: {"id": unique("dsr"), "received_on": "2025-02-01",
                                                                 "kind": "access", "controllers": ["bn"]},
                               lambda r: r.update(kind="erasure")), gdpr | {"contact"}),
            ("create processor record",
             act.action_create("processor_records", lambda: {"id": unique("pr"), "committee": "ks", "system": "ecos",
                                                             "subject": "Drift", "committees": ["bn"]}), gdpr),
            ("create agreement",
             act.action_create("agreements", lambda: {"id": unique("ag"), "kind": "cooperation_agreement",
                                                      "systems": ["ecos"], "parties": ["kba"]}), gdpr),
            # Systems: the steward's own (as stored and as written); nobody else's.
            ("update steward's system",
             act.action_update("systems", lambda: self.system(True), lambda s: s.update(supplier="Leverantör AB")),
             {"admin", "steward"}),
            ("update another's system",
             act.action_update("systems", lambda: self.system(False), lambda s: s.update(supplier="Leverantör AB")),
             admin_only),
            ("take another's system",
             act.action_update("systems", lambda: self.system(False),
                               lambda s: s["roles"].append({"role": "superuser", "person": "p-stew"})), admin_only),
            ("delete steward's system", act.action_delete("systems", lambda: self.system(True)),
             {"admin", "steward"}),
            ("delete another's system", act.action_delete("systems", lambda: self.system(False)), admin_only),
            ("create system as steward", act.action_create("systems", lambda: self.system(True)),
             {"admin", "steward"}),
            # The rest of the register: admin.
            ("create person", act.action_create("people", lambda: {"id": unique("p"), "name": "Ny Person",
                                                                  "administration": "bmf"}), admin_only),
            ("create committee", act.action_create("committees", lambda: {"id": unique("c"), "organization": "kba",
                                                                         "name": "Ny nämnd", "kind": "committee"}),
             admin_only),
            ("update organization",
             act.action_update("organizations", lambda: {"id": unique("org"), "name": "Bolag", "kind": "company"},
                               lambda o: o.update(name="Bolaget AB")), admin_only),
            ("import register", lambda: ("PUT", "/api/v1/register", self.admin.request("GET", "/api/v1/register")[2],
                                         {}), admin_only),
            ("import spreadsheet (dry run)",
             lambda: ("POST", "/api/v1/imports?dry_run=true&file_name=s.csv",
                      b"Systemnamn;Kategori\r\nNytt;Verksamhetssystem\r\n", {"Content-Type": "text/csv"}), admin_only),
            # Operational messages: admin and the system's steward.
            ("publish message on steward's system",
             lambda: ("POST", "/api/v1/messages", {"type": "information", "status": "limited_impact",
                                                   "title": "Driftstörning", "system": "ecos"}, {}),
             {"admin", "steward"}),
            ("publish message on another's system",
             lambda: ("POST", "/api/v1/messages", {"type": "information", "status": "limited_impact",
                                                   "title": "Driftstörning", "system": "treserva"}, {}), admin_only),
            # Calendar feeds: one's own person; administrations are an admin's.
            ("calendar feed of own person", self.action_feed("person", "p-stew"), {"admin", "steward"}),
            ("calendar feed of an administration", self.action_feed("administration", "bmf"), admin_only),
            # Accounts and tokens: admin.
            ("create account", lambda: ("POST", "/api/v1/accounts", {"id": unique("acc"), "role": "reader"}, {}),
             admin_only),
            ("change an account", lambda: ("PATCH", "/api/v1/accounts/rut", {"name": unique("Rut")}, {}), admin_only),
            ("create token", lambda: ("POST", "/api/v1/tokens", {"account": "rut", "name": unique("x")}, {}),
             admin_only),
            ("revoke token", self.action_revoke_token, admin_only),
        ]

    def action_feed(self, scope, target):
        def run():  # none yet: issuing one is a visible change (a rotation within a second would not be)
            self.admin.request("DELETE", f"/api/v1/calendar/tokens?scope={scope}&id={target}")
            return "POST", "/api/v1/calendar/tokens", {"scope": scope, "id": target}, {}
        return run

    def action_revoke_token(self):
        status, _, issued = self.admin.request("POST", "/api/v1/tokens", {"account": "rut", "name": unique("tmp")})
        self.assertEqual(status, 201)
        return "DELETE", f"/api/v1/tokens/{issued['id']}", None, {}

    def run_matrix(self, via):
        cases = 0
        for name, action, allowed in self.matrix():
            for role in sorted(EVERYONE | {"anonymous"}):
                with self.subTest(action=name, role=role, via=via):
                    method, path, body, headers = action()
                    raw = body if isinstance(body, bytes) else None
                    before = self.state()
                    status, _, answer = self.client(role, via).request(method, path, None if raw else body, headers,
                                                                      raw=raw)
                    after = self.state()
                    cases += 1
                    if role in allowed:
                        self.assertLess(status, 300, answer)
                        if method != "GET" and "dry_run" not in path and name != "import register":
                            self.assertTrue(before != after, "an allowed write changed nothing")
                    else:
                        self.assertEqual(status, 401 if role == "anonymous" else 403, answer)
                        self.assertEqual(answer["title"], "Inte inloggad / Not signed in" if role == "anonymous"
                                         else "Otillåtet / Forbidden")
                        changed = [k for k in before if before[k] != after[k]]
                        self.assertEqual(changed, [], "a refused request changed something")
        return cases

    # -- the matrix ----------------------------------------------------------------------------------------------
    def test_matrix_by_api_token(self):
        n = self.run_matrix("token")
        print(f"\n  matrix by token: {n} cases ({len(self.matrix())} actions × {len(EVERYONE) + 1} roles)")

    def test_matrix_by_session_cookie(self):
        n = self.run_matrix("cookie")
        print(f"\n  matrix by cookie: {n} cases")

    # -- sessions and CSRF ---------------------------------------------------------------------------------------
    def login(self, username, password=PASSWORD, headers=None):
        return self.server.request("POST", "/api/v1/auth/login", {"username": username, "password": password},
                                   headers, auth=False)

    def test_login_sets_a_safe_cookie_and_the_session_tells_who(self):
        started = time.monotonic()
        status, h, body = self.login("dora")
        elapsed = time.monotonic() - started
        print(f"\n  login with Argon2id: {elapsed * 1000:.0f} ms")
        self.assertEqual(status, 200, body)
        self.assertEqual(body["account"], {"id": "dora", "name": "Dora", "role": "dpo", "administration": None,
                                           "person": "p-dpo"})
        cookie = h["set-cookie"]
        self.assertRegex(cookie, r"^ansvar_session=[0-9a-f]{64}; ")
        for attribute in ("HttpOnly", "SameSite=Lax", "Path=/"):
            self.assertIn(attribute, cookie)
        self.assertNotIn("Secure", cookie)  # plain HTTP here; test_tls.py sees it over HTTPS
        self.assertEqual(h["cache-control"], "no-store")
        me = Client(self.server, cookie=cookie_of(h))
        status, _, session = me.request("GET", "/api/v1/auth/session")
        self.assertEqual(status, 200, session)
        self.assertEqual((session["account"]["id"], session["csrf_token"], session["via"]),
                         ("dora", body["csrf_token"], "password"))
        status, _, by_token = Client(self.server, token=self.tokens["reader"]).request("GET", "/api/v1/auth/session")
        self.assertEqual((status, by_token["account"]["id"], by_token["via"], by_token["csrf_token"]),
                         (200, "rut", "token", None))

    def test_signed_out_session_answers_401_with_the_methods(self):
        status, h, body = self.server.request("GET", "/api/v1/auth/session", auth=False)
        self.assertEqual(status, 401)
        self.assertTrue(h["content-type"].startswith("application/problem+json"))
        self.assertEqual(body["title"], "Inte inloggad / Not signed in")
        self.assertIs(body["methods"]["password"], True)
        self.assertIsInstance(body["methods"]["oidc"], bool)

    def test_csrf_is_required_on_every_state_changing_request_by_cookie(self):
        cookie, csrf = self.sessions["dpo"]
        me = Client(self.server, cookie=cookie, csrf=csrf)
        for headers in ({}, {"X-CSRF-Token": "0" * 64}, {"X-CSRF-Token": self.sessions["reader"][1]},
                        {"X-CSRF-Token": ""}):
            with self.subTest(headers=headers):
                before = self.state()
                status, _, problem = me.request("POST", "/api/v1/processing_activities", self.activity("bn"),
                                                headers, csrf=False)
                self.assertEqual(status, 403, problem)
                self.assertIn("CSRF", problem["detail"])
                self.assertTrue(before == self.state(), "a refused request changed something")
        tag, _ = self.get("/api/v1/processing_activities/pa-bmf")
        status, _, _ = me.request("DELETE", "/api/v1/processing_activities/pa-bmf", None, {"If-Match": tag}, csrf=False)
        self.assertEqual(status, 403)
        self.assertEqual(me.request("GET", "/api/v1/processing_activities/pa-bmf")[0], 200)  # reads need none
        self.assertEqual(me.request("POST", "/api/v1/processing_activities", self.activity("bn"))[0], 201)

    def test_login_refuses_forms_and_foreign_origins(self):
        status, _, _ = self.server.request("POST", "/api/v1/auth/login", raw=b"username=dora&password=x",
                                           headers={"Content-Type": "application/x-www-form-urlencoded"}, auth=False)
        self.assertEqual(status, 415)
        status, h, _ = self.login("dora", headers={"Origin": "https://evil.example"})
        self.assertEqual(status, 403)
        self.assertNotIn("set-cookie", h)
        status, _, _ = self.login("dora", headers={"Origin": f"http://127.0.0.1:{self.server.port}"})
        self.assertEqual(status, 200)

    def test_session_fixation_a_cookie_sent_before_login_is_never_promoted(self):
        planted = "ab" * 32  # an attacker's chosen value
        status, h, body = self.login("dora", headers={"Cookie": "ansvar_session=" + planted})
        self.assertEqual(status, 200)
        self.assertNotEqual(cookie_of(h), planted)
        self.assertEqual(Client(self.server, cookie=planted).request("GET", "/api/v1/systems")[0], 401)
        # A real session sent along with a new login ends: one cannot be pinned to a session someone else holds.
        old = cookie_of(h)
        status, h2, _ = self.login("dora", headers={"Cookie": "ansvar_session=" + old})
        self.assertEqual(status, 200)
        self.assertNotEqual(cookie_of(h2), old)
        self.assertEqual(Client(self.server, cookie=old).request("GET", "/api/v1/systems")[0], 401)
        self.assertEqual(Client(self.server, cookie=cookie_of(h2)).request("GET", "/api/v1/systems")[0], 200)

    def test_logout_ends_the_session_and_needs_csrf(self):
        status, h, body = self.login("rut")
        me = Client(self.server, cookie=cookie_of(h), csrf=body["csrf_token"])
        self.assertEqual(me.request("POST", "/api/v1/auth/logout", csrf=False)[0], 403)
        self.assertEqual(me.request("GET", "/api/v1/systems")[0], 200)
        status, h2, _ = me.request("POST", "/api/v1/auth/logout")
        self.assertEqual(status, 204)
        self.assertIn("Max-Age=0", h2["set-cookie"])
        self.assertEqual(me.request("GET", "/api/v1/systems")[0], 401)
        self.assertEqual(me.request("GET", "/api/v1/auth/session")[0], 401)

    def test_unknown_user_and_wrong_password_get_the_same_answer(self):
        a = self.login("nobody-here", "whatever password")
        b = self.login("sven", "the wrong password")
        self.assertEqual((a[0], a[2]), (b[0], b[2]))
        self.assertEqual(a[0], 401)
        self.assertNotIn("set-cookie", a[1])

    # -- roles change, accounts disabled, tokens revoked: at once ------------------------------------------------
    def test_role_changes_and_disabling_take_effect_at_once(self):
        account = unique("eva")
        self.assertEqual(self.admin.request("POST", "/api/v1/accounts",
                                            {"id": account, "role": "reader", "password": PASSWORD})[0], 201)
        status, h, body = self.login(account)
        me = Client(self.server, cookie=cookie_of(h), csrf=body["csrf_token"])
        self.assertEqual(me.request("POST", "/api/v1/incidents", {"id": unique("inc"), "controllers": ["bn"],
                                                                  "aware_at": "2025-02-09T10:00:00Z"})[0], 403)
        self.assertEqual(self.admin.request("PATCH", f"/api/v1/accounts/{account}", {"role": "dpo"})[0], 200)
        self.assertEqual(me.request("POST", "/api/v1/incidents", {"id": unique("inc"), "controllers": ["bn"],
                                                                  "aware_at": "2025-02-09T10:00:00Z"})[0], 201)
        status, _, issued = self.admin.request("POST", "/api/v1/tokens", {"account": account, "name": "x"})
        by_token = Client(self.server, token=issued["token"])
        self.assertEqual(by_token.request("GET", "/api/v1/systems")[0], 200)
        status, _, patched = self.admin.request("PATCH", f"/api/v1/accounts/{account}", {"disabled": True})
        self.assertEqual((status, patched["disabled"]), (200, True))
        self.assertEqual(me.request("GET", "/api/v1/systems")[0], 401)
        self.assertEqual(by_token.request("GET", "/api/v1/systems")[0], 401)
        self.assertEqual(self.login(account)[0], 401)

    def test_tokens_work_and_stop_working_when_revoked(self):
        status, h, issued = self.admin.request("POST", "/api/v1/tokens", {"account": "dora", "name": "e-tjänst"})
        self.assertEqual(status, 201, issued)
        self.assertEqual(h["cache-control"], "no-store")
        self.assertRegex(issued["token"], r"^ansvar_[0-9a-f]{16}_[0-9a-f]{64}$")
        token = issued["token"]
        integration = Client(self.server, token=token)
        self.assertEqual(integration.request("POST", "/api/v1/incidents",
                                             {"id": unique("inc"), "controllers": ["bn"],
                                              "aware_at": "2025-02-09T10:00:00Z"})[0], 201)  # no CSRF for a token
        _, _, listed = self.admin.request("GET", "/api/v1/tokens")
        mine = [t for t in listed["items"] if t["id"] == issued["id"]][0]
        self.assertNotIn("token", mine)
        self.assertNotIn("hash", mine)
        self.assertIsNone(mine["revoked_at"])
        self.assertEqual(self.admin.request("DELETE", f"/api/v1/tokens/{issued['id']}")[0], 204)
        before = self.state()
        status, h, problem = integration.request("POST", "/api/v1/incidents",
                                                 {"id": unique("inc"), "controllers": ["bn"],
                                                  "aware_at": "2025-02-09T10:00:00Z"})
        self.assertEqual(status, 401, problem)
        self.assertIn("Bearer", h["www-authenticate"])
        self.assertTrue(before == self.state(), "a refused request changed something")
        self.assertEqual(integration.request("GET", "/api/v1/systems")[0], 401)
        forged = token[:-1] + ("0" if token[-1] != "0" else "1")
        for bad in (forged, "ansvar_nothing", "", token.upper()):
            self.assertEqual(Client(self.server, token=bad or "x").request("GET", "/api/v1/systems")[0], 401, bad)
        # The token is a header's business: never a query parameter.
        self.assertEqual(self.server.request("GET", "/api/v1/systems?access_token=" + self.tokens["reader"],
                                             auth=False)[0], 401)

    def test_accounts_api_never_shows_a_password_or_hash(self):
        _, _, listed = self.admin.request("GET", "/api/v1/accounts")
        text = json.dumps(listed)
        self.assertNotIn("argon2", text)
        self.assertNotIn(PASSWORD, text)
        kontakt = [a for a in listed["items"] if a["id"] == "kontakt.bmf"][0]
        self.assertEqual((kontakt["role"], kontakt["administration"], kontakt["name"], kontakt["password"]),
                         ("data_protection_contact", "bmf", "Karin Kontakt", True))
        status, _, problem = self.admin.request("POST", "/api/v1/accounts", {"id": "x-" + unique("a"),
                                                                             "role": "data_protection_contact",
                                                                             "administration": "nowhere"})
        self.assertEqual(status, 422)
        self.assertEqual([e["path"] for e in problem["errors"]], ["$.administration"])
        self.assertEqual(self.admin.request("POST", "/api/v1/accounts", {"id": "rut", "role": "reader"})[0], 409)
        self.assertEqual(self.admin.request("POST", "/api/v1/accounts",
                                            {"id": unique("weak"), "role": "reader", "password": "short"})[0], 422)

    # -- attribution ---------------------------------------------------------------------------------------------
    def test_every_audit_entry_names_the_account(self):
        cookie, csrf = self.sessions["contact"]
        me = Client(self.server, cookie=cookie, csrf=csrf)
        activity = self.activity("bn")
        # The old header naming an actor is ignored: the account is who acted.
        status, _, _ = me.request("POST", "/api/v1/processing_activities", activity, {"X-Ansvar-Actor": "someone.else"})
        self.assertEqual(status, 201)
        _, _, audit = self.admin.request("GET", f"/api/v1/audit?entity_type=processing_activity&entity_id={activity['id']}")
        actor = audit["entries"][0]["actor"]
        self.assertEqual((actor["id"], actor["name"]), ("kontakt.bmf", "Karin Kontakt"))
        _, _, by_actor = self.admin.request("GET", "/api/v1/audit?actor=kontakt.bmf")
        self.assertTrue(by_actor["entries"])
        self.assertTrue(all(e["actor"]["id"] == "kontakt.bmf" for e in by_actor["entries"]))

    # -- public paths ------------------------------------------------------------------------------------------
    def test_public_paths_need_no_account_and_others_do(self):
        anonymous = Client(self.server)
        for path in ("/api/v1/health", "/api/v1/openapi.json", "/api/v1/messages.atom"):
            self.assertEqual(anonymous.request("GET", path)[0], 200, path)
        # The calendar feed's token is its credential: an unknown one is a plain 404, not a 401.
        self.assertEqual(anonymous.request("GET", "/api/v1/calendar/" + "0" * 64 + ".ics")[0], 404)
        self.assertEqual(anonymous.request("GET", "/api/v1/calendar/tokens")[0], 401)
        self.assertEqual(anonymous.request("GET", "/api/v1/no-such-thing")[0], 401)
        self.assertEqual(Client(self.server, token=self.tokens["reader"]).request("GET", "/api/v1/no-such-thing")[0],
                         404)

    # -- no secret in a log line (run last: z) -------------------------------------------------------------------
    def test_z_no_secret_in_any_log_line(self):
        self.login("sven", "a wrong password that must not be logged")
        self.server.request("GET", "/api/v1/calendar/" + "f" * 64 + ".ics", auth=False)
        with open(os.path.join(self.server.dir, "server.log")) as f:
            log = f.read()
        self.assertIn('"msg":"login"', log)
        for secret in self.secrets + ["a wrong password that must not be logged", "f" * 64]:
            self.assertNotIn(secret, log)
        for line in log.splitlines():
            if line.startswith("{"):
                json.loads(line)  # structured: one JSON object a line (PostgreSQL's own notices are not ours)


class Throttle(unittest.TestCase):
    """On a server of its own: its failures from 127.0.0.1 would otherwise throttle the other tests' logins."""

    def setUp(self):
        self.server = Server(BINARY).start()
        status, _, _ = self.server.request("PATCH", "/api/v1/accounts/admin", {"password": PASSWORD})
        self.assertEqual(status, 200)
        for account in ("eva", "olle"):
            self.assertEqual(self.server.request("POST", "/api/v1/accounts",
                                                 {"id": account, "role": "reader", "password": PASSWORD})[0], 201)

    def tearDown(self):
        self.server.cleanup()

    def login(self, username, password):
        return self.server.request("POST", "/api/v1/auth/login", {"username": username, "password": password},
                                   auth=False)

    def login_from(self, source, username, password):
        """POST /auth/login from the loopback address `source` (127.x.y.z)."""
        conn = http.client.HTTPConnection("127.0.0.1", self.server.port, timeout=60, source_address=(source, 0))
        conn.request("POST", "/api/v1/auth/login", json.dumps({"username": username, "password": password}),
                     {"Content-Type": "application/json"})
        r = conn.getresponse()
        body = r.read()
        conn.close()
        return r.status, {k.lower(): v for k, v in r.getheaders()}, json.loads(body) if body else None

    def fail_until_delayed(self, username, headers=None, at_least=4):
        """Wrong passwords until the throttle answers 429 with Retry-After of at least `at_least` seconds (the delays
        grow, 1, 2, 4, … s, with each failure counted after the previous delay), so that what follows at once is
        inside the delay however slow the machine; bounded."""
        refused = 0
        for _ in range(30):
            status, h, _ = self.server.request("POST", "/api/v1/auth/login", {"username": username, "password": "wrong!"},
                                               headers=headers, auth=False)
            refused += status == 401
            self.assertIn(status, (401, 429))
            if status == 429:
                if int(h["retry-after"]) >= at_least:
                    return refused
                time.sleep(int(h["retry-after"]))  # as the server says: a throttled try does not count
        self.fail("the throttle never slowed the failures down")

    def test_failures_from_one_address_slow_it_down_with_growing_delays(self):
        self.assertGreaterEqual(self.fail_until_delayed("eva"), 4)  # the first three cost nothing, then 1 s, 2 s, …
        status, h, problem = self.login("eva", PASSWORD)  # even the right password waits now
        self.assertEqual(status, 429, problem)
        self.assertEqual(problem["title"], "För många försök / Too many attempts")
        self.assertTrue(0 < int(h["retry-after"]) <= 900, h["retry-after"])
        self.assertNotIn("set-cookie", h)
        self.assertEqual(self.login("olle", PASSWORD)[0], 200)  # another account from the same address signs in

    def test_an_attacker_at_one_address_cannot_lock_the_user_out_at_another(self):
        # Issue 17: wrong passwords for eva from 127.0.0.1 (as fast as the throttle lets them through) ...
        refused = throttled = 0
        for _ in range(12):
            status = self.login_from("127.0.0.1", "eva", "wrong password!")[0]
            refused += status == 401
            throttled += status == 429
        self.assertGreaterEqual(refused, 4)
        self.assertGreater(throttled, 0)
        # ... and eva from 127.0.0.2 signs in at once with her password.
        status, h, body = self.login_from("127.0.0.2", "eva", PASSWORD)
        self.assertEqual(status, 200, body)
        self.assertIn("set-cookie", h)

    def test_forwarded_for_from_an_untrusted_peer_is_ignored_with_a_warning(self):
        for _ in range(2):
            status, _, _ = self.server.request("GET", "/api/v1/systems", headers={"X-Forwarded-For": "198.51.100.9"})
            self.assertEqual(status, 200)
        # The failures count against 127.0.0.1, not the address the header names: without the header, eva waits too.
        self.fail_until_delayed("eva", headers={"X-Forwarded-For": "198.51.100.9"})
        self.assertEqual(self.login("eva", PASSWORD)[0], 429)
        with open(os.path.join(self.server.dir, "server.log")) as f:
            warnings = [l for l in f if "not a --trusted-proxy" in l]
        self.assertEqual(len(warnings), 1, warnings)  # said once
        self.assertIn('"peer":"127.0.0.1"', warnings[0])

    def test_an_address_is_throttled_after_twenty_failures_across_accounts(self):
        for i in range(20):
            self.assertEqual(self.login(f"guess{i}", "wrong password!")[0], 401)
        status, h, _ = self.login("olle", PASSWORD)
        self.assertEqual(status, 429)
        self.assertIn("retry-after", h)
        # API tokens are not a login: integrations keep working.
        self.assertEqual(self.server.request("GET", "/api/v1/systems")[0], 200)


class Demo(unittest.TestCase):
    """`ansvar serve --demo` prints a one-time admin password, once; there is no default password."""

    def test_demo_prints_a_one_time_admin_password_once(self):
        server = Server(BINARY, extra=["--demo"], accounts=False)
        try:
            server.start()
            server.out.seek(0)
            out = server.out.read()
            lines = [l for l in out.splitlines() if "password" in l or "lösenord" in l]
            self.assertEqual(len(lines), 1, out)
            m = re.fullmatch(r"Engångslösenord / one-time password for admin: (\S+)", lines[0])
            self.assertTrue(m, lines[0])
            password = m.group(1)
            self.assertGreaterEqual(len(password), 16)
            with open(os.path.join(server.dir, "server.log")) as f:
                self.assertNotIn(password, f.read())
            status, h, body = server.request("POST", "/api/v1/auth/login", {"username": "admin", "password": password})
            self.assertEqual((status, body["account"]["role"]), (200, "admin"))
            self.assertEqual(server.request("POST", "/api/v1/auth/login",
                                            {"username": "admin", "password": "admin"})[0], 401)
            cookie = cookie_of(h)
            status, _, systems = server.request("GET", "/api/v1/systems", headers={"Cookie": "ansvar_session=" + cookie})
            self.assertEqual(status, 200)
            self.assertTrue(systems["items"])
            # Started again on the same database: the account exists, no new password is printed.
            server.stop()
            server.out.close()
            server.start()
            server.out.seek(0)
            self.assertNotIn("password", server.out.read())
            status, _, _ = server.request("POST", "/api/v1/auth/login", {"username": "admin", "password": password})
            self.assertEqual(status, 200)
        finally:
            server.cleanup()


if __name__ == "__main__":
    unittest.main(argv=[sys.argv[0], "-v"], verbosity=2, warnings="ignore")
