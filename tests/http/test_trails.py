#!/usr/bin/env python3
"""Who did it, with which credential (issue 17), through the real server:

- every audit entry names the credential that made it: "session:<16 hex>" for a change made with a session cookie,
  "token:<id>" for one made with an API token; a token issued by someone else for the account (an admin's for an
  integration, the command line's for the first admin) acts on the account's behalf and the entry names both: the
  account as actor, the issuer as issued_by ("token:<id>;issued_by:<issuer>", in the hashed chain); only admins issue
  tokens, so nobody else can act under another's name; `ansvar audit verify` passes afterwards;
- GET /api/v1/accounts/{id}/trail: the account's failed logins, sign-ins, sign-outs, role change (by whom), and its
  tokens' creation and use; GET /api/v1/tokens/{id}/trail: the token's creation (the admin) and use (the token);
- both readable by admins and the DPO only (403 for others, 401 without credentials), paged (limit, offset, more).

Usage: test_trails.py ANSVAR_BINARY"""
import os, re, subprocess, sys, unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from server_fixture import Server  # noqa: E402

BINARY = sys.argv[1]
PASSWORD = "ett långt lösenord för test"


class Trails(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = Server(BINARY, extra=["--demo"]).start()
        for account, role in [("eva", "admin"), ("dora", "dpo"), ("rut", "reader")]:
            status, _, body = cls.server.request("POST", "/api/v1/accounts",
                                                 {"id": account, "name": account.title(), "role": role,
                                                  "password": PASSWORD})
            assert status == 201, (status, body)
        status, _, body = cls.server.request("POST", "/api/v1/tokens", {"account": "rut", "name": "läsintegration"})
        assert status == 201, (status, body)
        cls.rut_token, cls.rut_token_id = body["token"], body["id"]
        cls.admin_token_id = re.match(r"ansvar_([0-9a-f]{16})_", cls.server.admin_token).group(1)

        # eva: a wrong password, then a session, a change through it, and signing out.
        assert cls.login("eva", "fel lösenord!")[0] == 401
        status, headers, body = cls.login("eva", PASSWORD)
        assert status == 200, (status, body)
        cls.cookie = re.match(r"ansvar_session=([0-9a-f]+)", headers["set-cookie"]).group(1)
        status, _, session = cls.server.request("GET", "/api/v1/auth/session",
                                                headers={"Cookie": "ansvar_session=" + cls.cookie}, auth=False)
        assert status == 200, session
        cls.csrf = session["csrf_token"]
        cls.by_session = cls.create_person("p-trail-session", {"Cookie": "ansvar_session=" + cls.cookie,
                                                               "X-CSRF-Token": cls.csrf})
        cls.by_token = cls.create_person("p-trail-token", {})
        # The admin makes eva a DPO (eva is signed out everywhere when her role changes? no: only on password).
        status, _, body = cls.server.request("PATCH", "/api/v1/accounts/eva", {"role": "dpo"})
        assert status == 200, (status, body)
        status, _, _ = cls.server.request("POST", "/api/v1/auth/logout", {},
                                          headers={"Cookie": "ansvar_session=" + cls.cookie, "X-CSRF-Token": cls.csrf},
                                          auth=False)
        assert status in (200, 204), status
        # rut's token is used.
        assert cls.server.request("GET", "/api/v1/systems?limit=1",
                                  headers={"Authorization": "Bearer " + cls.rut_token})[0] == 200

    @classmethod
    def tearDownClass(cls):
        cls.server.cleanup()

    @classmethod
    def login(cls, username, password):
        return cls.server.request("POST", "/api/v1/auth/login", {"username": username, "password": password},
                                  auth=False)

    @classmethod
    def create_person(cls, pid, headers):
        status, _, body = cls.server.request("POST", "/api/v1/people", {"id": pid, "name": "Spår " + pid},
                                             headers=headers, auth="Cookie" not in headers)
        assert status == 201, (status, body)
        status, _, audit = cls.server.request("GET", f"/api/v1/audit?entity_type=person&entity_id={pid}&limit=5")
        assert status == 200, audit
        return audit["entries"][0]

    def test_audit_entries_name_their_credential(self):
        self.assertEqual(self.by_session["actor"]["id"], "eva")
        self.assertRegex(self.by_session["actor"]["credential"], r"^session:[0-9a-f]{16}$")
        self.assertNotIn(self.cookie[:16], self.by_session["actor"]["credential"])  # not the cookie itself
        self.assertEqual(self.by_token["actor"]["id"], "admin")
        # The first admin's token was issued on the command line (`ansvar user token create`): on admin's behalf.
        self.assertEqual(self.by_token["actor"]["credential"], "token:" + self.admin_token_id + ";issued_by:cli")
        self.assertEqual(self.by_token["actor"]["issued_by"], "cli")
        self.assertNotIn("issued_by", self.by_session["actor"])  # one's own session: no issuer

    def test_a_write_with_an_admin_issued_token_names_the_admin_as_issuer(self):
        # eva2, an admin signed in with her own session, issues a token for the integration account "integ".
        for account, role in [("eva2", "admin"), ("integ", "admin"), ("olof", "reader")]:
            status, _, body = self.server.request("POST", "/api/v1/accounts",
                                                  {"id": account, "name": account.title(), "role": role,
                                                   "password": PASSWORD})
            self.assertEqual(status, 201, body)
        status, headers, body = self.login("eva2", PASSWORD)
        self.assertEqual(status, 200, body)
        cookie = re.match(r"ansvar_session=([0-9a-f]+)", headers["set-cookie"]).group(1)
        status, _, session = self.server.request("GET", "/api/v1/auth/session",
                                                 headers={"Cookie": "ansvar_session=" + cookie}, auth=False)
        eva2 = {"Cookie": "ansvar_session=" + cookie, "X-CSRF-Token": session["csrf_token"]}
        status, _, issued = self.server.request("POST", "/api/v1/tokens", {"account": "integ", "name": "synk"},
                                                headers=eva2, auth=False)
        self.assertEqual(status, 201, issued)
        self.assertEqual((issued["account"], issued["created_by"]), ("integ", "eva2"))
        # A write made with it: the actor is the account it acts for, the issuer is named beside it.
        entry = self.create_person("p-trail-integ", {"Authorization": "Bearer " + issued["token"]})
        self.assertEqual(entry["actor"]["id"], "integ")
        self.assertEqual(entry["actor"]["issued_by"], "eva2")
        self.assertEqual(entry["actor"]["credential"], "token:" + issued["id"] + ";issued_by:eva2")
        # The token's trail names the admin as its creator and the integration as its user.
        status, _, trail = self.trail(f"/api/v1/tokens/{issued['id']}/trail")
        by = {e["action"]: e for e in trail["entries"]}
        self.assertEqual(by["create"]["actor"]["id"], "eva2")
        self.assertEqual(by["token_used"]["actor"]["issued_by"], "eva2")
        # Someone who is not an admin cannot issue a token: not for another account, not for their own.
        status, _, issued = self.server.request("POST", "/api/v1/tokens", {"account": "olof", "name": "mitt"},
                                                headers={"Authorization": "Bearer " + self.rut_token})
        self.assertEqual(status, 403, issued)
        status, headers, body = self.login("olof", PASSWORD)
        cookie = re.match(r"ansvar_session=([0-9a-f]+)", headers["set-cookie"]).group(1)
        status, _, session = self.server.request("GET", "/api/v1/auth/session",
                                                 headers={"Cookie": "ansvar_session=" + cookie}, auth=False)
        olof = {"Cookie": "ansvar_session=" + cookie, "X-CSRF-Token": session["csrf_token"]}
        for account in ("integ", "olof"):
            status, _, refused = self.server.request("POST", "/api/v1/tokens", {"account": account, "name": "x"},
                                                     headers=olof, auth=False)
            self.assertEqual(status, 403, refused)

    def trail(self, path, token=None, **query):
        q = "&".join(f"{k}={v}" for k, v in query.items())
        headers = {"Authorization": "Bearer " + token} if token else None
        return self.server.request("GET", path + ("?" + q if q else ""), headers=headers)

    def test_account_trail(self):
        status, _, trail = self.trail("/api/v1/accounts/eva/trail")
        self.assertEqual(status, 200, trail)
        actions = [e["action"] for e in trail["entries"]]
        for wanted in ["create", "login_failed", "sign_in", "update", "sign_out"]:
            self.assertIn(wanted, actions)
        # Newest first: signing out came after signing in, which came after the failure.
        self.assertLess(actions.index("sign_out"), actions.index("sign_in"))
        self.assertLess(actions.index("sign_in"), actions.index("login_failed"))
        by = {e["action"]: e for e in trail["entries"]}
        self.assertEqual(by["sign_in"]["actor"]["id"], "eva")
        self.assertEqual(by["sign_in"]["actor"]["credential"], self.by_session["actor"]["credential"])
        self.assertEqual(by["sign_in"]["after"]["via"], "password")
        self.assertEqual(by["sign_out"]["actor"]["credential"], self.by_session["actor"]["credential"])
        self.assertTrue(by["login_failed"]["actor"]["id"].startswith("anonymous@"))
        role_change = by["update"]
        self.assertEqual((role_change["before"]["role"], role_change["after"]["role"]), ("admin", "dpo"))
        self.assertEqual(role_change["actor"]["id"], "admin")
        self.assertEqual(role_change["actor"]["credential"], "token:" + self.admin_token_id + ";issued_by:cli")
        self.assertNotIn(PASSWORD, str(trail))

    def test_token_trail_and_the_account_trail_of_its_owner(self):
        status, _, trail = self.trail(f"/api/v1/tokens/{self.rut_token_id}/trail")
        self.assertEqual(status, 200, trail)
        by = {e["action"]: e for e in trail["entries"]}
        self.assertEqual(by["create"]["actor"]["id"], "admin")  # the admin created it ...
        self.assertEqual(by["create"]["after"]["account"], "rut")  # ... for rut
        self.assertEqual(by["token_used"]["actor"]["id"], "rut")
        # Issued by the admin for rut: it acts on rut's behalf and says so.
        self.assertEqual(by["token_used"]["actor"]["credential"], "token:" + self.rut_token_id + ";issued_by:admin")
        self.assertEqual(by["token_used"]["actor"]["issued_by"], "admin")
        status, _, rut = self.trail("/api/v1/accounts/rut/trail")
        self.assertEqual(status, 200, rut)
        self.assertTrue({"create", "token_used"} <= {e["action"] for e in rut["entries"]}, rut)
        self.assertEqual(self.trail("/api/v1/tokens/0000000000000000/trail")[0], 404)
        self.assertEqual(self.trail("/api/v1/accounts/nobody/trail")[0], 404)

    def test_admins_and_the_dpo_only(self):
        status, _, body = self.server.request("POST", "/api/v1/tokens", {"account": "dora", "name": "dpo"})
        self.assertEqual(status, 201, body)
        dora = body["token"]
        self.assertEqual(self.trail("/api/v1/accounts/eva/trail", token=dora)[0], 200)
        self.assertEqual(self.trail(f"/api/v1/tokens/{self.rut_token_id}/trail", token=dora)[0], 200)
        self.assertEqual(self.trail("/api/v1/accounts/eva/trail", token=self.rut_token)[0], 403)
        self.assertEqual(self.trail(f"/api/v1/tokens/{self.rut_token_id}/trail", token=self.rut_token)[0], 403)
        self.assertEqual(self.trail("/api/v1/accounts/rut/trail", token=self.rut_token)[0], 403)  # not even one's own
        status = self.server.request("GET", "/api/v1/accounts/eva/trail", auth=False)[0]
        self.assertEqual(status, 401)
        # The DPO still may not read the accounts themselves.
        self.assertEqual(self.server.request("GET", "/api/v1/accounts",
                                             headers={"Authorization": "Bearer " + dora})[0], 403)

    def test_paged(self):
        status, _, whole = self.trail("/api/v1/accounts/eva/trail")
        self.assertEqual(status, 200)
        n = len(whole["entries"])
        self.assertGreaterEqual(n, 5)
        self.assertFalse(whole["more"])
        status, _, first = self.trail("/api/v1/accounts/eva/trail", limit=2)
        self.assertEqual((len(first["entries"]), first["more"]), (2, True))
        status, _, rest = self.trail("/api/v1/accounts/eva/trail", limit=1000, offset=2)
        self.assertEqual(first["entries"] + rest["entries"], whole["entries"])
        for bad in [{"limit": 0}, {"limit": 1001}, {"limit": "x"}, {"offset": 9001}]:
            self.assertEqual(self.trail("/api/v1/accounts/eva/trail", **bad)[0], 400, bad)

    def test_z_the_chains_verify(self):
        self.server.stop()
        proc = subprocess.run([BINARY, "audit", "verify", "--db", self.server.db], capture_output=True, text=True,
                              timeout=120)
        self.assertEqual(proc.returncode, 0, proc.stdout + proc.stderr)


if __name__ == "__main__":
    unittest.main(argv=[sys.argv[0], "-v"], verbosity=2, warnings="ignore")
