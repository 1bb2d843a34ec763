#!/usr/bin/env python3
"""HTTPS: `ansvar serve --tls-cert --tls-key` with a throwaway self-signed certificate made by the `openssl` command,
talked to with Python's ssl module verifying against that certificate. Checks TLS 1.2+ only, HSTS and the security
headers, keep-alive, 413 with the body drained, a Secure session cookie, plain HTTP on the HTTPS port answered
cleanly, graceful shutdown, `--behind-tls-proxy`, and that bad certificates and keys stop the server before it starts.
Prints the handshake + request latency.

Usage: test_tls.py ANSVAR_BINARY"""
import http.client, json, os, re, shutil, signal, socket, ssl, statistics, subprocess, sys, tempfile, time, unittest
import warnings


BINARY = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("ANSVAR_BIN", "ansvar")
TMP = tempfile.mkdtemp(prefix="ansvar-tls-")


def openssl(*args):
    subprocess.run(["openssl", *args], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=60)


def make_cert(name, key_type="ec"):
    """A self-signed certificate for localhost and 127.0.0.1, valid for two days; answers (cert, key) paths."""
    cert, key = os.path.join(TMP, name + ".crt"), os.path.join(TMP, name + ".key")
    newkey = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1"] if key_type == "ec" else ["-newkey", "rsa:2048"]
    openssl("req", "-x509", *newkey, "-nodes", "-keyout", key, "-out", cert, "-days", "2", "-subj", "/CN=localhost",
            "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1")
    return cert, key


class Serve:
    """`ansvar serve` on 127.0.0.1 at a free port, with stdout (the one-time password) and stderr (the log) kept."""

    def __init__(self, *extra, demo=True):
        self.dir = tempfile.mkdtemp(prefix="srv-", dir=TMP)
        self.out = open(os.path.join(self.dir, "stdout"), "w+")
        self.err = open(os.path.join(self.dir, "stderr"), "w+")
        args = [BINARY, "serve", "--db", os.path.join(self.dir, "t.db"), "--listen", "127.0.0.1:0", *extra]
        if demo:
            args.append("--demo")
        self.proc = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=self.out, stderr=self.err)
        self.port = None
        self.scheme = None

    def wait_listening(self, timeout=120):
        deadline = time.time() + timeout
        while time.time() < deadline:
            self.err.seek(0)
            m = re.search(r'"url":"(https?)://127\.0\.0\.1:(\d+)/"', self.err.read())
            if m:
                self.scheme, self.port = m.group(1), int(m.group(2))
                return self
            if self.proc.poll() is not None:
                break
            time.sleep(0.05)
        raise RuntimeError("the server did not start: " + self.stderr()[-2000:])

    def stderr(self):
        self.err.seek(0)
        return self.err.read()

    def password(self):
        self.out.seek(0)
        m = re.search(r"one-time password for admin: (\S+)", self.out.read())
        return m.group(1) if m else None

    def stop(self, sig=signal.SIGTERM):
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        return self.proc.returncode

    def close(self):
        self.stop()
        self.out.close()
        self.err.close()


def client_context(cafile, **kw):
    ctx = ssl.create_default_context(cafile=cafile)
    for k, v in kw.items():
        setattr(ctx, k, v)
    return ctx


def https(port, ctx, method, path, body=None, headers=None, conn=None):
    own = conn is None
    if own:
        conn = http.client.HTTPSConnection("127.0.0.1", port, context=ctx, timeout=30)
    h = dict(headers or {})
    data = None
    if body is not None:
        data = json.dumps(body).encode()
        h.setdefault("Content-Type", "application/json")
    conn.request(method, path, body=data, headers=h)
    r = conn.getresponse()
    payload = r.read()
    hdrs = {k.lower(): v for k, v in r.getheaders()}
    cookies = r.msg.get_all("Set-Cookie") or []
    if own:
        conn.close()
    parsed = json.loads(payload) if payload and "json" in hdrs.get("content-type", "") else payload
    return r.status, hdrs, parsed, cookies


def csp_directives(csp):
    out = {}
    for part in csp.split(";"):
        words = part.split()
        if words:
            out[words[0]] = words[1:]
    return out


class Tls(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.cert, cls.key = make_cert("good")
        cls.ctx = client_context(cls.cert)
        cls.server = Serve("--tls-cert", cls.cert, "--tls-key", cls.key, "--max-body-mb", "1").wait_listening()

    @classmethod
    def tearDownClass(cls):
        cls.server.close()

    def test_https_verified_with_security_headers(self):
        self.assertEqual(self.server.scheme, "https", "the log names the https:// address")
        self.assertIn('"certificate":"CN=localhost, valid until', self.server.stderr())
        for path in ("/api/v1/openapi.json", "/api/v1/auth/session", "/api/v1/systems", "/"):
            status, h, _, _ = https(self.server.port, self.ctx, "GET", path)
            self.assertIn(status, (200, 401, 404), path)
            self.assertEqual(h.get("strict-transport-security"), "max-age=31536000", path)
            self.assertEqual(h.get("x-content-type-options"), "nosniff", path)
            self.assertEqual(h.get("referrer-policy"), "no-referrer", path)
            csp = csp_directives(h.get("content-security-policy", ""))
            self.assertEqual(csp.get("frame-ancestors"), ["'none'"], path)
            script = csp.get("script-src", csp.get("default-src"))
            self.assertEqual(script, ["'self'"], path)
            self.assertNotIn("'unsafe-inline'", h["content-security-policy"], path)
            self.assertNotIn("'unsafe-eval'", h["content-security-policy"], path)

    def test_signed_out_api_is_refused(self):
        status, _, body, _ = https(self.server.port, self.ctx, "GET", "/api/v1/systems")
        self.assertEqual(status, 401, body)

    def test_client_verification_means_something(self):
        # Another self-signed certificate is not trusted, and the right one is not valid for another name: the
        # verification the other tests rely on is real.
        other_cert, _ = make_cert("other")
        with self.assertRaises(ssl.SSLCertVerificationError):
            https(self.server.port, client_context(other_cert), "GET", "/api/v1/openapi.json")
        with socket.create_connection(("127.0.0.1", self.server.port), timeout=10) as raw:
            with self.assertRaises(ssl.SSLCertVerificationError):
                self.ctx.wrap_socket(raw, server_hostname="ansvar.example.org")

    def test_tls_versions(self):
        for version in (ssl.TLSVersion.TLSv1_2, ssl.TLSVersion.TLSv1_3):
            ctx = client_context(self.cert, minimum_version=version, maximum_version=version)
            with socket.create_connection(("127.0.0.1", self.server.port), timeout=10) as raw:
                with ctx.wrap_socket(raw, server_hostname="localhost") as s:
                    self.assertEqual(s.version(), {ssl.TLSVersion.TLSv1_2: "TLSv1.2", ssl.TLSVersion.TLSv1_3: "TLSv1.3"}[version])
                    name, _, bits = s.cipher()
                    self.assertTrue("GCM" in name or "CHACHA20" in name, name)
                    self.assertGreaterEqual(bits, 128)
                    if version == ssl.TLSVersion.TLSv1_2:
                        self.assertTrue(name.startswith("ECDHE-"), "forward secrecy: " + name)
        # TLS 1.0 and 1.1 are refused. (The client's OpenSSL may refuse to offer them at all; either way no session.)
        for version in (ssl.TLSVersion.TLSv1, ssl.TLSVersion.TLSv1_1):
            warnings.simplefilter("ignore", DeprecationWarning)  # unittest resets the filters per test
            try:
                ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
                ctx.load_verify_locations(self.cert)
                ctx.minimum_version = version
                ctx.maximum_version = version
                ctx.set_ciphers("ALL:@SECLEVEL=0")
            except (ValueError, ssl.SSLError):
                continue
            with self.assertRaises((ssl.SSLError, ConnectionResetError, ConnectionAbortedError, BrokenPipeError)):
                with socket.create_connection(("127.0.0.1", self.server.port), timeout=10) as raw:
                    with ctx.wrap_socket(raw, server_hostname="localhost"):
                        pass

    def test_keep_alive(self):
        conn = http.client.HTTPSConnection("127.0.0.1", self.server.port, context=self.ctx, timeout=30)
        https(self.server.port, self.ctx, "GET", "/api/v1/openapi.json", conn=conn)
        first = conn.sock
        for _ in range(3):
            status, h, _, _ = https(self.server.port, self.ctx, "GET", "/api/v1/auth/session", conn=conn)
            self.assertEqual(status, 401)
        self.assertIs(conn.sock, first, "one TLS connection for several requests")
        conn.close()

    def test_plain_http_on_https_port_fails_cleanly(self):
        start = time.time()
        conn = http.client.HTTPConnection("127.0.0.1", self.server.port, timeout=10)
        try:
            conn.request("GET", "/api/v1/openapi.json")
            r = conn.getresponse()
            body = r.read().decode()
            self.assertEqual(r.status, 400)
            self.assertIn("HTTPS", body)
            self.assertEqual(r.getheader("Connection"), "close")
        except (ConnectionResetError, http.client.RemoteDisconnected, BrokenPipeError):
            pass  # a closed connection is clean too; a hang is not
        finally:
            conn.close()
        self.assertLess(time.time() - start, 5, "answered at once, no hang until a timeout")
        # Garbage that is neither HTTP nor TLS: closed, and HTTPS still works.
        with socket.create_connection(("127.0.0.1", self.server.port), timeout=15) as s:
            s.sendall(b"\x16\x03\x01\x00\x05hello-not-tls")
            try:
                s.recv(100)
            except (ConnectionResetError, socket.timeout):
                pass
        status, _, _, _ = https(self.server.port, self.ctx, "GET", "/api/v1/openapi.json")
        self.assertEqual(status, 200)

    def test_oversized_body_gets_413_over_tls(self):
        # Signed in (an anonymous one is refused with 401 on its headers, before the size matters: issue 17).
        status, _, me, cookies = https(self.server.port, self.ctx, "POST", "/api/v1/auth/login",
                                       {"username": "admin", "password": self.server.password()})
        self.assertEqual(status, 200, me)
        cookie = next(c for c in cookies if c.startswith("__Host-ansvar_session=")).split(";")[0]
        raw = b"x" * (3 << 20)
        with socket.create_connection(("127.0.0.1", self.server.port), timeout=30) as plain:
            with self.ctx.wrap_socket(plain, server_hostname="localhost") as s:
                head = (f"POST /api/v1/systems HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                        f"Cookie: {cookie}\r\nX-CSRF-Token: {me['csrf_token']}\r\n"
                        f"Content-Length: {len(raw)}\r\n\r\n").encode()
                try:
                    s.sendall(head)
                    for i in range(0, len(raw), 65536):
                        s.sendall(raw[i:i + 65536])
                except (BrokenPipeError, ConnectionResetError, ssl.SSLError):
                    pass
                data = b""
                try:
                    while True:
                        chunk = s.recv(65536)
                        if not chunk:
                            break
                        data += chunk
                except (ConnectionResetError, socket.timeout, ssl.SSLError):
                    pass
        self.assertTrue(data.startswith(b"HTTP/1.1 413 "), data[:200])
        self.assertIn(b"strict-transport-security: max-age=31536000", data.lower())

    def test_secure_session_cookie(self):
        password = self.server.password()
        self.assertTrue(password, "the demo prints the admin's one-time password")
        status, h, body, cookies = https(self.server.port, self.ctx, "POST", "/api/v1/auth/login",
                                         {"username": "admin", "password": password})
        self.assertEqual(status, 200, body)
        cookie = next(c for c in cookies if c.startswith("__Host-ansvar_session="))  # issue 17
        attrs = [a.strip().lower() for a in cookie.split(";")]
        self.assertIn("secure", attrs)
        self.assertIn("httponly", attrs)
        self.assertIn("samesite=lax", attrs)
        status, _, me, _ = https(self.server.port, self.ctx, "GET", "/api/v1/auth/session",
                                 headers={"Cookie": cookie.split(";")[0]})
        self.assertEqual(status, 200, me)
        self.assertEqual(me["account"]["id"], "admin")

    def test_zz_latency(self):
        # Handshake + one request on a fresh connection, and one request on a kept-alive connection.
        fresh, kept = [], []
        for _ in range(30):
            t = time.perf_counter()
            status, _, _, _ = https(self.server.port, self.ctx, "GET", "/api/v1/auth/session")
            fresh.append((time.perf_counter() - t) * 1000)
            self.assertEqual(status, 401)
        conn = http.client.HTTPSConnection("127.0.0.1", self.server.port, context=self.ctx, timeout=30)
        https(self.server.port, self.ctx, "GET", "/api/v1/auth/session", conn=conn)
        for _ in range(30):
            t = time.perf_counter()
            https(self.server.port, self.ctx, "GET", "/api/v1/auth/session", conn=conn)
            kept.append((time.perf_counter() - t) * 1000)
        conn.close()
        print(f"\n     latency: TLS handshake + request median {statistics.median(fresh):.2f} ms "
              f"(p90 {sorted(fresh)[int(len(fresh) * 0.9)]:.2f}); kept-alive request median {statistics.median(kept):.2f} ms",
              file=sys.stderr)


class Lifecycle(unittest.TestCase):
    def test_graceful_shutdown_over_tls(self):
        cert, key = make_cert("life", key_type="rsa")
        server = Serve("--tls-cert", cert, "--tls-key", key, demo=False).wait_listening()
        ctx = client_context(cert)
        conn = http.client.HTTPSConnection("127.0.0.1", server.port, context=ctx, timeout=30)
        status, _, _, _ = https(server.port, ctx, "GET", "/api/v1/openapi.json", conn=conn)
        self.assertEqual(status, 200)
        start = time.time()
        code = server.stop()
        self.assertEqual(code, 0, server.stderr()[-1000:])
        self.assertLess(time.time() - start, 10)
        self.assertIn('"msg":"stopped"', server.stderr())
        conn.close()
        server.close()

    def test_behind_tls_proxy(self):
        server = Serve("--behind-tls-proxy").wait_listening()
        try:
            self.assertEqual(server.scheme, "http")
            conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
            conn.request("POST", "/api/v1/auth/login", body=json.dumps({"username": "admin", "password": server.password()}),
                         headers={"Content-Type": "application/json"})
            r = conn.getresponse()
            r.read()
            self.assertEqual(r.status, 200)
            self.assertEqual(r.getheader("Strict-Transport-Security"), "max-age=31536000")
            cookie = next(c for c in (r.msg.get_all("Set-Cookie") or []) if c.startswith("__Host-ansvar_session="))
            self.assertIn("secure", [a.strip().lower() for a in cookie.split(";")])
            conn.close()
        finally:
            server.close()

    def test_plain_http_has_no_hsts(self):
        server = Serve(demo=False).wait_listening()
        try:
            conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
            conn.request("GET", "/api/v1/openapi.json")
            r = conn.getresponse()
            r.read()
            self.assertEqual(r.status, 200)
            self.assertIsNone(r.getheader("Strict-Transport-Security"))
            conn.close()
        finally:
            server.close()


class RefusesToStart(unittest.TestCase):
    def refused(self, *extra):
        server = Serve(*extra, demo=False)
        try:
            code = server.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.stop(signal.SIGKILL)
            self.fail("the server started (or hung) with " + " ".join(extra))
        err = server.stderr()
        server.close()
        self.assertEqual(code, 2, err)
        self.assertNotIn('"msg":"listening"', err)
        self.assertFalse(os.path.exists(os.path.join(server.dir, "t.db")), "refused before the database was opened")
        return err

    @classmethod
    def setUpClass(cls):
        cls.cert, cls.key = make_cert("refuse")
        _, cls.other_key = make_cert("refuse-other")
        cls.garbage = os.path.join(TMP, "garbage.pem")
        with open(cls.garbage, "w") as f:
            f.write("-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----\n")
        cls.encrypted = os.path.join(TMP, "encrypted.key")
        openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-aes256", "-pass", "pass:hemligt",
                "-out", cls.encrypted)

    def test_missing_key_file(self):
        err = self.refused("--tls-cert", self.cert, "--tls-key", os.path.join(TMP, "no-such.key"))
        self.assertIn("cannot read the TLS key", err)
        self.assertIn("no-such.key", err)

    def test_key_of_another_certificate(self):
        err = self.refused("--tls-cert", self.cert, "--tls-key", self.other_key)
        self.assertIn("does not belong to the certificate", err)

    def test_garbage_key(self):
        err = self.refused("--tls-cert", self.cert, "--tls-key", self.garbage)
        self.assertIn("is not a PEM private key", err)

    def test_encrypted_key_is_refused_without_a_prompt(self):
        err = self.refused("--tls-cert", self.cert, "--tls-key", self.encrypted)
        self.assertIn("is not a PEM private key (or is encrypted)", err)

    def test_key_given_as_certificate(self):
        err = self.refused("--tls-cert", self.key, "--tls-key", self.key)
        self.assertIn("is not a PEM certificate", err)

    def test_unreadable_certificate(self):
        if os.geteuid() == 0:
            self.skipTest("root reads every file")
        locked = os.path.join(TMP, "locked.crt")
        shutil.copy(self.cert, locked)
        os.chmod(locked, 0)
        err = self.refused("--tls-cert", locked, "--tls-key", self.key)
        self.assertIn("cannot read the TLS certificate", err)

    def test_certificate_without_key(self):
        server = Serve("--tls-cert", self.cert, demo=False)
        self.assertNotEqual(server.proc.wait(timeout=30), 0)
        server.out.seek(0)
        self.assertIn("--tls-key", server.stderr() + server.out.read())
        server.close()


if __name__ == "__main__":
    try:
        unittest.main(argv=[sys.argv[0], "-v"])
    finally:
        shutil.rmtree(TMP, ignore_errors=True)
