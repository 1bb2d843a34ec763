"""Starts `ansvar serve` on 127.0.0.1 with a throwaway database, and talks to it over real HTTP."""
import http.client, json, os, re, shutil, signal, subprocess, tempfile, time

_databases = 0


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
    def __init__(self, binary, db_url=None, extra=()):
        self.binary = binary
        self.dir = tempfile.mkdtemp(prefix="ansvar-http-")
        self.db = db_url or fresh_database(self.dir)
        self.extra = list(extra)
        self.proc = None
        self.port = None

    def start(self):
        self.log = open(os.path.join(self.dir, "server.log"), "w+")
        self.proc = subprocess.Popen([self.binary, "serve", "--db", self.db, "--listen", "127.0.0.1:0"] + self.extra,
                                     stdout=subprocess.DEVNULL, stderr=self.log)
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
        return status, hdrs, json.loads(payload) if payload else None

    def request(self, method, path, body=None, headers=None, raw=None, timeout=300):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        h = dict(headers or {})
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
        return r.status, {k.lower(): v for k, v in r.getheaders()}, parsed if parsed is not None else payload
