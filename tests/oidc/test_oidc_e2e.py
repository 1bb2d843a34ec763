#!/usr/bin/env python3
"""Single sign-on end to end: a real OpenID provider (oidc-provider from npm, tests/oidc/provider/provider.mjs) and
`ansvar serve`, both on 127.0.0.1 and started here, and a browser made of urllib and a cookie jar that follows the
redirects and fills in the provider's login and consent pages. Nothing is mocked; for the refusals the provider is
told to spoil the ID tokens it hands out after signing them (provider.mjs, /__test/tamper).

Shows: sign-in lands on return_to with a session of the matching account (GET /api/v1/auth/session), sign-out ends it
(and at the provider), and a tampered ID token (payload, signature, alg none), a wrong state, a callback in another
browser, a replayed code, an unknown user and an unverified e-mail are refused with no session. No token, code,
verifier or secret appears in the server's log.

Usage: test_oidc_e2e.py ANSVAR_BINARY"""
import html.parser, http.cookiejar, json, os, re, shutil, signal, socket, statistics, subprocess, sys, tempfile, time
import unittest, urllib.error, urllib.parse, urllib.request

BINARY = os.path.abspath(sys.argv[1]) if len(sys.argv) > 1 else None
PROVIDER_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "provider")
CLIENT_SECRET = "test-klienthemlighet-0123456789"  # provider.mjs registers the client with it


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Forms(html.parser.HTMLParser):
    """The forms of a page: action, method and the inputs' names and values."""

    def __init__(self):
        super().__init__()
        self.forms = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.forms.append({"action": a.get("action", ""), "method": a.get("method", "get").lower(), "inputs": {}})
        elif tag in ("input", "button") and self.forms and a.get("name"):
            self.forms[-1]["inputs"].setdefault(a["name"], a.get("value", ""))


class Browser:
    """Cookies, redirects followed by hand (so that each hop can be seen), the provider's pages filled in."""

    def __init__(self):
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), NoRedirect())
        self.hops = []

    def send(self, method, url, data=None, headers=None):
        body = urllib.parse.urlencode(data).encode() if isinstance(data, dict) else data
        req = urllib.request.Request(url, data=body, method=method, headers=dict(headers or {}))
        if isinstance(data, dict):
            req.add_header("Content-Type", "application/x-www-form-urlencoded")
        try:
            with self.opener.open(req, timeout=30) as r:
                return r.status, r.headers, r.read()
        except urllib.error.HTTPError as e:
            return e.code, e.headers, e.read()

    def json(self, method, url, headers=None):
        status, hdrs, body = self.send(method, url, headers=headers)
        return status, (json.loads(body) if body and "json" in hdrs.get("Content-Type", "") else None)

    def cookie(self, name):
        return next((c.value for c in self.jar if c.name == name), None)

    def walk(self, url, login=None, stop_path="/api/v1/auth/oidc/callback", method="GET", data=None):
        """Follows redirects and the provider's forms until the browser reaches `stop_path`; returns that hop
        (status, headers, body, url) without following it further. Logs in as `login` and consents."""
        for _ in range(30):
            if urllib.parse.urlsplit(url).path == stop_path:
                return url
            status, hdrs, body = self.send(method, url, data)
            self.hops.append((method, url, status))
            method, data = "GET", None
            if status in (301, 302, 303, 307, 308):
                url = urllib.parse.urljoin(url, hdrs["Location"])
                continue
            if status == 200 and "html" in hdrs.get("Content-Type", ""):
                parser = Forms()
                parser.feed(body.decode())
                form = next((f for f in parser.forms if f["method"] == "post"), None)
                if form is None:
                    raise AssertionError(f"a page without a form at {url}: {body[:300]!r}")
                inputs = dict(form["inputs"])
                if inputs.get("prompt") == "login":
                    inputs["login"], inputs["password"] = login, "vilket-lösenord-som-helst"
                elif "logout" in inputs or "xsrf" in inputs:
                    inputs["logout"] = "yes"
                url, method, data = urllib.parse.urljoin(url, form["action"]), "POST", inputs
                continue
            return url if urllib.parse.urlsplit(url).path == stop_path else (status, hdrs, body, url)
        raise AssertionError("too many hops: " + repr(self.hops[-10:]))


class Provider:
    def __init__(self, redirect_uri, post_logout_uri, multi_tenant=False):
        if not os.path.isdir(os.path.join(PROVIDER_DIR, "node_modules", "oidc-provider")):
            subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=PROVIDER_DIR, check=True,
                           stdout=subprocess.DEVNULL)
        self.log = tempfile.TemporaryFile("w+")
        self.proc = subprocess.Popen(["node", os.path.join(PROVIDER_DIR, "provider.mjs"), redirect_uri, post_logout_uri] +
                                     (["--multi-tenant"] if multi_tenant else []),
                                     stdout=subprocess.PIPE, stderr=self.log, text=True)
        line = self.proc.stdout.readline()
        if not line:
            self.log.seek(0)
            raise RuntimeError("the provider did not start: " + self.log.read()[-2000:])
        self.issuer = json.loads(line)["issuer"]

    def tamper(self, mode):
        req = urllib.request.Request(self.issuer + "/__test/tamper?mode=" + mode, data=b"", method="POST")
        with urllib.request.urlopen(req, timeout=10) as r:
            assert r.status == 204

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


class Ansvar:
    def __init__(self, port, issuer, workdir, extra=("--oidc-username-fallback",)):
        self.base = f"http://127.0.0.1:{port}"
        self.db = os.path.join(workdir, "register.db")
        secret = os.path.join(workdir, "client-secret")
        with open(secret, "w") as f:
            f.write(CLIENT_SECRET + "\n")
        os.chmod(secret, 0o600)
        # Provisioned for single sign-on by an administrator: a first sign-in may link to them.
        self.user("add", "anna", "--role", "dpo", "--email", "Anna.DPO@kungsbacka.test", "--name", "Anna Dataskydd",
                  "--single-sign-on")
        self.user("add", "sven.forvaltare@kungsbacka.test", "--role", "reader", "--email",
                  "sven.forvaltare@kungsbacka.test", "--single-sign-on")
        # Not provisioned: a matching, verified address alone does not link.
        self.user("add", "bertil", "--role", "admin", "--email", "bertil@kungsbacka.test")
        self.log_path = os.path.join(workdir, "server.log")
        self.log = open(self.log_path, "w+")
        env = dict(os.environ)
        env.pop("ANSVAR_OIDC_CLIENT_SECRET", None)
        self.proc = subprocess.Popen([BINARY, "serve", "--db", self.db, "--listen", f"127.0.0.1:{port}",
                                      "--public-url", self.base, "--oidc-issuer", issuer, "--oidc-client-id", "ansvar",
                                      "--oidc-client-secret-file", secret, *extra],
                                     stdout=subprocess.DEVNULL, stderr=self.log, env=env)
        deadline = time.time() + 60
        while time.time() < deadline:
            self.log.seek(0)
            if '"msg":"listening"' in self.log.read():
                return
            if self.proc.poll() is not None:
                break
            time.sleep(0.05)
        self.log.seek(0)
        raise RuntimeError("ansvar did not start: " + self.log.read()[-3000:])

    def user(self, *args):
        subprocess.run([BINARY, "user", *args, "--db", self.db], check=True, stdout=subprocess.DEVNULL,
                       stdin=subprocess.DEVNULL)

    def read_log(self):
        with open(self.log_path) as f:
            return f.read()

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


class OidcEndToEnd(unittest.TestCase):
    secrets_seen = set()  # codes, tokens and states that went through the browser: none may be logged

    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.mkdtemp(prefix="ansvar-oidc-")
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        cls.provider = Provider(base + "/api/v1/auth/oidc/callback", base + "/")
        try:
            cls.ansvar = Ansvar(port, cls.provider.issuer, cls.dir)
        except Exception:
            cls.provider.stop()
            raise
        cls.timings = []

    @classmethod
    def tearDownClass(cls):
        cls.ansvar.stop()
        cls.provider.stop()
        log = cls.ansvar.read_log()
        shutil.rmtree(cls.dir, ignore_errors=True)
        if cls.timings:
            print(f"\nfull sign-in round trip (login → provider login+consent → callback → session): "
                  f"median {statistics.median(cls.timings):.0f} ms, max {max(cls.timings):.0f} ms over "
                  f"{len(cls.timings)} sign-ins", file=sys.stderr)
        # A clean stop (under the sanitizers of `make test`: no report).
        assert cls.ansvar.proc.returncode == 0, f"ansvar exited with {cls.ansvar.proc.returncode}: {log[-3000:]}"
        for report in ("AddressSanitizer", "LeakSanitizer", "runtime error:"):
            assert report not in log, log[-5000:]
        # The log holds none of what travelled: the client secret, a code, a state, an ID token.
        assert CLIENT_SECRET not in log, "the client secret was logged"
        assert "eyJ" not in log, "something like a JWT was logged"
        for s in cls.secrets_seen:
            assert s not in log, "a code or state was logged"

    def setUp(self):
        self.provider.tamper("off")

    # ---- helpers ----
    def start(self, browser, login, return_to="/systems?vy=mina"):
        """Up to the callback: the URL the provider sends the browser back to."""
        url = browser.walk(self.ansvar.base + "/api/v1/auth/oidc/login?return_to=" + urllib.parse.quote(return_to),
                           login=login)
        self.assertIsInstance(url, str, f"the provider did not send the browser back: {url!r}")
        q = urllib.parse.parse_qs(urllib.parse.urlsplit(url).query)
        for key in ("code", "state"):
            self.secrets_seen.update(q.get(key, []))
        return url

    def callback(self, browser, url):
        status, hdrs, body = browser.send("GET", url)
        return status, hdrs, (json.loads(body) if body and "json" in hdrs.get("Content-Type", "") else None)

    def session(self, browser):
        return browser.json("GET", self.ansvar.base + "/api/v1/auth/session")

    def sign_in(self, login, return_to="/systems?vy=mina"):
        browser = Browser()
        t0 = time.perf_counter()
        status, hdrs, body = self.callback(browser, self.start(browser, login, return_to))
        self.assertEqual(status, 302, body)
        st, who = self.session(browser)
        self.assertEqual(st, 200, who)
        self.timings.append((time.perf_counter() - t0) * 1000)
        return browser, hdrs, who

    def assert_refused(self, browser, status, hdrs, body, code, title):
        self.assertEqual(status, code, body)
        self.assertEqual(body["title"], title)
        self.assertTrue(hdrs.get("Content-Type", "").startswith("application/problem+json"))
        self.assertNotIn("eyJ", json.dumps(body))
        self.assertFalse(browser.cookie("ansvar_session"), "a session cookie was set")
        self.assertEqual(self.session(browser)[0], 401)

    # ---- the tests ----
    def test_sign_in_lands_on_return_to_with_the_matching_account(self):
        browser, hdrs, who = self.sign_in("anna")
        self.assertEqual(hdrs["Location"], "/systems?vy=mina")
        cookie = next(v for k, v in hdrs.items() if k.lower() == "set-cookie" and v.startswith("ansvar_session="))
        self.assertIn("HttpOnly", cookie)
        self.assertIn("SameSite=Lax", cookie)
        self.assertEqual(who["account"]["id"], "anna")
        self.assertEqual(who["via"], "oidc")
        self.assertTrue(who["csrf_token"])
        # The provider was asked for the code flow with PKCE S256, state and nonce.
        auth = next(u for m, u, s in browser.hops if urllib.parse.urlsplit(u).path == "/auth" and "client_id" in u)
        q = urllib.parse.parse_qs(urllib.parse.urlsplit(auth).query)
        self.assertEqual(q["response_type"], ["code"])
        self.assertEqual(q["code_challenge_method"], ["S256"])
        self.assertEqual(len(q["code_challenge"][0]), 43)
        self.assertGreaterEqual(len(q["state"][0]), 43)
        self.assertGreaterEqual(len(q["nonce"][0]), 43)
        self.assertNotIn("code_verifier", auth)
        # Signed in, the account reaches the API.
        self.assertEqual(browser.json("GET", self.ansvar.base + "/api/v1/systems")[0], 200)

    def test_sign_out_ends_the_session_here_and_at_the_provider(self):
        browser, _, who = self.sign_in("anna")
        status, body = browser.json("POST", self.ansvar.base + "/api/v1/auth/oidc/logout",
                                    headers={"X-CSRF-Token": who["csrf_token"]})
        self.assertEqual(status, 200, body)
        self.assertEqual(self.session(browser)[0], 401)
        end = body["end_session_url"]
        self.assertTrue(end.startswith(self.provider.issuer + "/session/end?"), end)
        # At the provider: its confirmation page, then back to Ansvar's front page.
        landed = browser.walk(end, stop_path="/")
        self.assertEqual(landed, self.ansvar.base + "/")
        # The provider forgot the user too: the next sign-in asks for the login again.
        browser.hops.clear()
        self.start(browser, "anna")
        self.assertTrue(any(m == "POST" and "/interaction/" in u for m, u, s in browser.hops))

    def test_the_password_logout_also_ends_a_single_sign_on_session(self):
        browser, _, who = self.sign_in("anna")
        status, _, _ = browser.send("POST", self.ansvar.base + "/api/v1/auth/logout",
                                    headers={"X-CSRF-Token": who["csrf_token"]})
        self.assertEqual(status, 204)
        self.assertEqual(self.session(browser)[0], 401)

    def test_logout_needs_the_csrf_token(self):
        browser, _, _ = self.sign_in("anna")
        status, _ = browser.json("POST", self.ansvar.base + "/api/v1/auth/oidc/logout")
        self.assertEqual(status, 403)
        self.assertEqual(self.session(browser)[0], 200)

    def test_a_tampered_id_token_is_refused(self):
        for mode in ("payload", "signature", "none"):
            with self.subTest(mode=mode):
                browser = Browser()
                url = self.start(browser, "nobody")
                self.provider.tamper(mode)
                try:
                    status, hdrs, body = self.callback(browser, url)
                finally:
                    self.provider.tamper("off")
                self.assert_refused(browser, status, hdrs, body, 401, "Inloggningen misslyckades / Sign-in failed")
                self.assertIn("ID token", body["detail"])

    def test_a_wrong_state_is_refused_and_the_right_one_still_works(self):
        browser = Browser()
        url = self.start(browser, "anna")
        parts = urllib.parse.urlsplit(url)
        q = urllib.parse.parse_qs(parts.query)
        wrong = parts._replace(query=urllib.parse.urlencode({"code": q["code"][0], "state": "x" + q["state"][0][1:]}))
        status, hdrs, body = self.callback(browser, urllib.parse.urlunsplit(wrong))
        self.assert_refused(browser, status, hdrs, body, 400, "Inloggningen misslyckades / Sign-in failed")
        status, _, _ = self.callback(Browser(), url.replace("state=", "nostate="))
        self.assertEqual(status, 400)
        # Nothing was used up by the wrong state: the provider's real answer still signs in.
        self.assertEqual(self.callback(browser, url)[0], 302)
        self.assertEqual(self.session(browser)[0], 200)

    def test_a_callback_in_another_browser_is_refused(self):
        url = self.start(Browser(), "anna")
        other = Browser()
        status, hdrs, body = self.callback(other, url)
        self.assert_refused(other, status, hdrs, body, 400, "Inloggningen misslyckades / Sign-in failed")
        self.assertIn("browser", body["detail"])

    def test_a_replayed_code_is_refused(self):
        browser = Browser()
        url = self.start(browser, "anna")
        self.assertEqual(self.callback(browser, url)[0], 302)
        # The same callback again: the state is used up.
        status, hdrs, body = self.callback(browser, url)
        self.assertEqual(status, 400, body)
        # The old code under a fresh sign-in's state: the provider refuses it (used, and not this PKCE verifier).
        fresh = Browser()
        fresh_url = self.start(fresh, "anna")
        old_code = urllib.parse.parse_qs(urllib.parse.urlsplit(url).query)["code"][0]
        parts = urllib.parse.urlsplit(fresh_url)
        q = urllib.parse.parse_qs(parts.query)
        q["code"] = [old_code]
        replay = urllib.parse.urlunsplit(parts._replace(query=urllib.parse.urlencode({k: v[0] for k, v in q.items()})))
        status, hdrs, body = self.callback(fresh, replay)
        self.assert_refused(fresh, status, hdrs, body, 401, "Inloggningen misslyckades / Sign-in failed")
        self.assertIn("invalid_grant", body["detail"])

    def test_a_user_without_an_account_is_refused(self):
        browser = Browser()
        status, hdrs, body = self.callback(browser, self.start(browser, "nobody"))
        self.assert_refused(browser, status, hdrs, body, 403, "Inget konto / No account")

    def test_an_unverified_email_does_not_match(self):
        browser = Browser()  # mallory's provider account claims anna's address, unverified
        status, hdrs, body = self.callback(browser, self.start(browser, "mallory"))
        self.assert_refused(browser, status, hdrs, body, 403, "Inget konto / No account")

    def test_a_matching_address_does_not_link_an_account_not_provisioned_for_single_sign_on(self):
        browser = Browser()  # bertil's address is verified, but no administrator provisioned bertil's account
        status, hdrs, body = self.callback(browser, self.start(browser, "bertil"))
        self.assert_refused(browser, status, hdrs, body, 403, "Inget konto / No account")
        self.assertIn("provisioned", body["detail"])

    def test_upn_stands_in_for_a_missing_email_claim(self):
        _, _, who = self.sign_in("sven")  # Entra ID / AD FS style: upn, no email
        self.assertEqual(who["account"]["id"], "sven.forvaltare@kungsbacka.test")

    def test_return_to_stays_on_this_server(self):
        for wanted in ("//evil.test/x", "https://evil.test/", "/\\evil.test", "javascript:alert(1)"):
            with self.subTest(return_to=wanted):
                _, hdrs, _ = self.sign_in("anna", return_to=wanted)
                self.assertEqual(hdrs["Location"], "/")

    def test_a_disabled_account_is_refused(self):
        self.ansvar.user("disable", "anna")
        try:
            browser = Browser()
            status, hdrs, body = self.callback(browser, self.start(browser, "anna"))
            self.assert_refused(browser, status, hdrs, body, 403, "Kontot är avstängt / Account disabled")
        finally:
            self.ansvar.user("enable", "anna")

    def test_round_trip_timing(self):
        for _ in range(5):
            self.sign_in("anna")


class MultiTenantTakeover(unittest.TestCase):
    """A provider shared by many organizations (as Entra ID's "organizations" endpoint): a user of another tenant whose
    administrator gave them Anna's address, verified, must not sign in as Anna (issue 17)."""

    HOME_TENANT = "9188040d-6c67-4c5b-b112-36a304b66dad"  # provider.mjs

    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.mkdtemp(prefix="ansvar-oidc-mt-")
        cls.port = free_port()
        cls.base = f"http://127.0.0.1:{cls.port}"
        cls.provider = Provider(cls.base + "/api/v1/auth/oidc/callback", cls.base + "/", multi_tenant=True)
        cls.ansvar = None

    @classmethod
    def tearDownClass(cls):
        if cls.ansvar:
            cls.ansvar.stop()
        cls.provider.stop()
        shutil.rmtree(cls.dir, ignore_errors=True)

    def test_1_a_multi_tenant_issuer_without_an_allow_list_does_not_start(self):
        workdir = tempfile.mkdtemp(dir=self.dir)
        with self.assertRaises(RuntimeError) as refused:
            Ansvar(self.port, self.provider.issuer + "/organizations", workdir, extra=())
        self.assertIn("--oidc-allowed-tenant", str(refused.exception))

    def test_2_another_tenant_with_a_matching_address_is_refused(self):
        workdir = tempfile.mkdtemp(dir=self.dir)
        type(self).ansvar = Ansvar(self.port, self.provider.issuer + "/organizations", workdir,
                                   extra=("--oidc-allowed-tenant", self.HOME_TENANT))
        browser = Browser()
        url = browser.walk(self.base + "/api/v1/auth/oidc/login", login="eve")
        status, hdrs, body = browser.send("GET", url)
        self.assertEqual(status, 401, body)
        self.assertIn("tenant", json.loads(body)["detail"])
        self.assertFalse(browser.cookie("ansvar_session"))
        # The home tenant's Anna signs in as herself.
        browser = Browser()
        url = browser.walk(self.base + "/api/v1/auth/oidc/login", login="anna")
        status, hdrs, body = browser.send("GET", url)
        self.assertEqual(status, 302, body)
        status, who = browser.json("GET", self.base + "/api/v1/auth/session")
        self.assertEqual(status, 200, who)
        self.assertEqual(who["account"]["id"], "anna")


if __name__ == "__main__":
    unittest.main(argv=sys.argv[:1], verbosity=2)
