"""Starts `ansvar serve` on 127.0.0.1 with a throwaway database, and talks to it over real HTTP.

Every API request but the public ones needs an account (docs/access-control.md). Before the first `serve` on a
database the fixture creates the account `admin` and an API token with the real CLI (`ansvar user add`, `ansvar token
create`); its requests then send `Authorization: Bearer <token>` unless they bring their own Authorization (or
`auth=False`). `acting_as("anna.dpo")` makes a request act as another account, which the fixture creates through the
accounts API (as an admin) on first use, so that what the tests assert of the audit actor names a real account."""
import http.client, json, os, re, secrets, shutil, signal, subprocess, tempfile, time

import openapi_contract

_databases = 0
# Per database: the account ids the fixture made, with their API tokens ({"admin": "ansvar_…", …}).
_credentials = {}
# A key of a request's headers that the fixture takes out and replaces by that account's Bearer token.
ACT_AS = "x-fixture-acting-as"


def acting_as(account):
    """Headers that make a request of Server.request act as `account` (an admin account made on first use)."""
    return {ACT_AS: account}


def bootstrap_admin(binary, db):
    """The account `admin` with a random password and an API token, through the real CLI; returns both. A database
    that has its admin already (a backup's copy) gets a new token for it, and no password (None)."""
    password = secrets.token_urlsafe(18)
    added = subprocess.run([binary, "user", "add", "admin", "--role", "admin", "--name", "Testadministratör",
                            "--password-stdin", "--db", db], input=password + "\n", text=True, capture_output=True)
    if added.returncode != 0:
        assert "already exists" in added.stderr, added.stderr
        password = None
    out = subprocess.run([binary, "token", "create", "--user", "admin", "--name", "http tests", "--db", db],
                         text=True, check=True, capture_output=True)
    token = out.stdout.strip()
    assert re.fullmatch(r"ansvar_[0-9a-f]{16}_[0-9a-f]{64}", token), out
    return token, password


def fresh_database(directory):
    """A new, empty database for one server: a SQLite file in `directory`; or, when the suite runs inside
    scripts/pg_cluster.py with ANSVAR_TEST_BACKEND=postgres, a new database of that cluster."""
    global _databases
    if os.environ.get("ANSVAR_TEST_BACKEND") != "postgres":
        return os.path.join(directory, "register.db")
    _databases += 1
    base = os.environ["ANSVAR_TEST_PG_URL"]
    name = f"t{os.getpid()}_{_databases}"
    subprocess.run(["psql", base, "-q", "-v", "ON_ERROR_STOP=1", "-c", f'CREATE DATABASE "{name}"'], check=True,
                   stdout=subprocess.DEVNULL)
    return base.rsplit("/", 1)[0] + "/" + name


class Server:
    def __init__(self, binary, db_url=None, extra=(), accounts=True, preexec_fn=None):
        self.binary = binary
        self.dir = tempfile.mkdtemp(prefix="ansvar-http-")
        self.db = db_url or fresh_database(self.dir)
        self.extra = list(extra)
        self.proc = None
        self.port = None
        self.accounts = accounts  # False: no admin is made, requests go without credentials
        self.preexec_fn = preexec_fn  # run in the child before exec (e.g. to set its open-file limit)

    @property
    def admin_token(self):
        return _credentials[self.db]["admin"]

    def token_of(self, account):
        """The API token of `account` on this server's database; an admin account and its token are made through
        the API (POST /api/v1/accounts, POST /api/v1/tokens) on first use."""
        tokens = _credentials[self.db]
        if account not in tokens:
            admin = {"Authorization": "Bearer " + tokens["admin"]}
            status, _, body = self.request("POST", "/api/v1/accounts", {"id": account, "name": account, "role": "admin"},
                                           admin)
            assert status in (201, 409), (status, body)
            status, _, body = self.request("POST", "/api/v1/tokens", {"account": account, "name": "http tests"}, admin)
            assert status == 201, (status, body)
            tokens[account] = body["token"]
        return tokens[account]

    def start(self):
        if self.accounts and self.db not in _credentials:
            token, password = bootstrap_admin(self.binary, self.db)
            _credentials[self.db] = {"admin": token}
            self.admin_password = password
        self.log = open(os.path.join(self.dir, "server.log"), "w+")
        self.out = open(os.path.join(self.dir, "stdout.log"), "w+")  # what a person at the terminal reads
        self.proc = subprocess.Popen([self.binary, "serve", "--db", self.db, "--listen", "127.0.0.1:0"] + self.extra,
                                     stdout=self.out, stderr=self.log, preexec_fn=self.preexec_fn)
        deadline = time.time() + 60
        while time.time() < deadline:
            self.log.seek(0)
            m = re.search(r'"url":"http://127\.0\.0\.1:(\d+)/"', self.log.read())
            if m:
                self.port = int(m.group(1))
                return self
            if self.proc.poll() is not None:
                break
            time.sleep(0.05)
        self.log.seek(0)
        raise RuntimeError("the server did not start: " + self.log.read()[-2000:])

    def stop(self, sig=signal.SIGTERM):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(sig)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        return self.proc.returncode if self.proc else None

    def kill9(self):
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait()

    def cleanup(self):
        self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)

    def request_oversized(self, method, path, raw, headers):
        """Sends a body the server refuses before reading it all: the 413 arrives while we are still sending."""
        import socket
        s = socket.create_connection(("127.0.0.1", self.port), timeout=30)
        head = f"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: {len(raw)}\r\nConnection: close\r\n"
        if self.accounts and not any(k.lower() == "authorization" for k in headers):
            headers = dict(headers, Authorization="Bearer " + self.admin_token)
        head += "".join(f"{k}: {v}\r\n" for k, v in headers.items()) + "\r\n"
        try:
            s.sendall(head.encode())
            for i in range(0, len(raw), 65536):
                s.sendall(raw[i:i + 65536])
        except (BrokenPipeError, ConnectionResetError):
            pass
        data = b""
        try:
            while True:
                chunk = s.recv(65536)
                if not chunk:
                    break
                data += chunk
        except (ConnectionResetError, socket.timeout):
            pass
        s.close()
        head, _, payload = data.partition(b"\r\n\r\n")
        lines = head.decode(errors="replace").split("\r\n")
        status = int(lines[0].split()[1])
        hdrs = {l.split(":", 1)[0].lower(): l.split(":", 1)[1].strip() for l in lines[1:] if ":" in l}
        parsed = json.loads(payload) if payload else None
        openapi_contract.for_binary(self.binary).check(method, path, status, hdrs.get("content-type"), parsed)
        return status, hdrs, parsed

    def request(self, method, path, body=None, headers=None, raw=None, timeout=300, auth=True):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        h = dict(headers or {})
        account = h.pop(ACT_AS, None)
        if auth and self.accounts and not any(k.lower() == "authorization" for k in h):
            h["Authorization"] = "Bearer " + self.token_of(account or "admin")
        data = raw
        if body is not None:
            data = json.dumps(body).encode()
            h.setdefault("Content-Type", "application/json")
        conn.request(method, path, body=data, headers=h)
        r = conn.getresponse()
        payload = r.read()
        conn.close()
        ctype = r.getheader("Content-Type", "")
        parsed = None
        if payload and ("json" in ctype):
            parsed = json.loads(payload)
            # Every JSON answer matches the OpenAPI description (tests/http/openapi_contract.py), or the suite fails.
            openapi_contract.for_binary(self.binary).check(method, path, r.status, ctype, parsed)
        return r.status, {k.lower(): v for k, v in r.getheaders()}, parsed if parsed is not None else payload
