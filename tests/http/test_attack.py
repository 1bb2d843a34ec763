#!/usr/bin/env python3
"""Hostile load against the real `ansvar serve` on loopback (issue 17, item 1 and 9), bounded in count and time.

- 2,000 anonymous connections from 127.0.0.1, each declaring a 1 GiB body to PUT /api/v1/register and sending it a
  byte at a time, with the server at the usual open-file limit (1,024): every one is refused (401 on its headers, or
  503/closed over the connection limits), the server's resident memory stays under 300 MB, its CPU is idle once they
  are refused, and a signed-in reader from 127.0.0.2 is answered throughout (latencies measured and printed).
- slowhttptest (Debian) slow headers and slow body against the same server, the reader measured again.
- Admission on the headers: an anonymous request with `Expect: 100-continue` gets 401 and never 100 Continue; a
  signed-in one gets 100 Continue and its answer.
- Timeouts: a signed-in body that stops arriving is closed after --read-timeout; headers that never end after
  --header-timeout.
- Out of file descriptors (--max-connections above what the open-file limit allows): the accept loop waits instead
  of spinning, and serves again as soon as descriptors are free.

Usage: test_attack.py ANSVAR_BINARY"""
import http.client, json, multiprocessing, os, re, resource, selectors, shutil, socket, subprocess, sys, tempfile, threading, time

# Under AddressSanitizer (make test) freed memory is held in ASan's quarantine, 256 MB by default, which counts in
# the server's resident size but is not the server's own: a smaller quarantine keeps the memory bound about Ansvar.
if "ASAN_OPTIONS" in os.environ and "quarantine_size_mb" not in os.environ["ASAN_OPTIONS"]:
    os.environ["ASAN_OPTIONS"] += ":quarantine_size_mb=32"
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from server_fixture import Server  # noqa: E402

BINARY = sys.argv[1]
ATTACKERS = 2000
ATTACK_SECONDS = 12          # how long the attackers trickle their bodies
OPEN_FILES = 1024            # the server's open-file limit: the usual default
RSS_LIMIT_MB = 300
READER_BOUND_MS = 100        # the measure (median); the worst case is asserted generously, see below
READER_WORST_MS = 2000       # a loaded 2-core test machine under AddressSanitizer: generous, and printed
CHEAP_P99_MS = 50            # the bound for another user's single GETs while /audit and /trend are hammered
CHEAP_P99_FACTOR = 3         # on a loaded machine or under ASan: p99 hammered within this factor of p99 alone (+ slack)
CHEAP_P99_SLACK_MS = 25
RESULTS = os.environ.get("ANSVAR_ATTACK_RESULTS", os.path.join(os.getcwd(), "attack-results.json"))


def sanitized(binary):
    """Whether the binary was built with AddressSanitizer (make test's build): its bounds are then relative."""
    with open(binary, "rb") as f:
        return b"__asan_init" in f.read()


def record(key, figures):
    """Adds the measured figures under `key` to the results file (JSON), for the record of a run."""
    try:
        with open(RESULTS) as f:
            results = json.load(f)
    except (OSError, ValueError):
        results = {}
    results[key] = dict(figures, at=time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                        build="asan" if sanitized(BINARY) else "release")
    with open(RESULTS, "w") as f:
        json.dump(results, f, indent=2, sort_keys=True)
CLK_TCK = os.sysconf("SC_CLK_TCK")


def limit_open_files(n):
    def apply():
        resource.setrlimit(resource.RLIMIT_NOFILE, (n, n))
    return apply


def rss_mb(pid):
    with open(f"/proc/{pid}/status") as f:
        m = re.search(r"VmRSS:\s+(\d+) kB", f.read())
    return int(m.group(1)) / 1024 if m else 0.0


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLK_TCK  # utime + stime


def open_fds(pid):
    return len(os.listdir(f"/proc/{pid}/fd"))


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


class Reader(threading.Thread):
    """A signed-in reader from 127.0.0.2: a new connection and one GET every 100 ms, each timed."""

    def __init__(self, port, token, interval=0.1):
        super().__init__(daemon=True)
        self.port, self.token, self.interval = port, token, interval
        self.latencies_ms, self.failures = [], []
        self.running = threading.Event()
        self.running.set()

    def once(self):
        start = time.perf_counter()
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10, source_address=("127.0.0.2", 0))
        try:
            conn.request("GET", "/api/v1/systems?limit=5", headers={"Authorization": "Bearer " + self.token})
            r = conn.getresponse()
            r.read()
            status = r.status
        finally:
            conn.close()
        return status, (time.perf_counter() - start) * 1000

    def run(self):
        while self.running.is_set():
            try:
                status, ms = self.once()
                if status == 200:
                    self.latencies_ms.append(ms)
                else:
                    self.failures.append(f"status {status}")
            except OSError as e:
                self.failures.append(repr(e))
            time.sleep(self.interval)

    def stop(self):
        self.running.clear()
        self.join(30)

    def summary(self):
        l = self.latencies_ms
        return (f"{len(l)} reads, median {percentile(l, 50):.1f} ms, p95 {percentile(l, 95):.1f} ms, "
                f"p99 {percentile(l, 99):.1f} ms, max {max(l):.1f} ms, failures {len(self.failures)}")


class Sampler(threading.Thread):
    """The server's resident memory and open descriptors, every 100 ms."""

    def __init__(self, pid):
        super().__init__(daemon=True)
        self.pid = pid
        self.max_rss, self.max_fds = 0.0, 0
        self.running = threading.Event()
        self.running.set()

    def run(self):
        while self.running.is_set():
            try:
                self.max_rss = max(self.max_rss, rss_mb(self.pid))
                self.max_fds = max(self.max_fds, open_fds(self.pid))
            except OSError:
                pass
            time.sleep(0.1)

    def stop(self):
        self.running.clear()
        self.join(10)


def attack(port, count, seconds):
    """`count` anonymous connections each declaring a 1 GiB register and sending a byte every 0.5 s for `seconds`.
    Returns {"answered": {status: n}, "closed": n, "open": n} as the attacker saw them at the end."""
    head = (b"PUT /api/v1/register HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            b"Content-Length: 1073741824\r\n\r\n")
    sel = selectors.DefaultSelector()
    socks = {}
    statuses, closed = {}, set()
    for _ in range(count):
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        s.bind(("127.0.0.1", 0))
        s.settimeout(5)
        try:
            s.connect(("127.0.0.1", port))
            s.sendall(head + b"{")
        except OSError:
            closed.add(s.fileno())
            s.close()
            continue
        s.setblocking(False)
        socks[s.fileno()] = s
        sel.register(s, selectors.EVENT_READ)

    def close(fd):
        closed.add(fd)
        sel.unregister(socks[fd])
        socks.pop(fd).close()

    deadline = time.time() + seconds
    next_tick = time.time()
    while time.time() < deadline:  # the whole time, also once the server has closed every one
        if not socks:
            time.sleep(0.1)
            continue
        for key, _ in sel.select(timeout=0.1):
            fd = key.fd
            try:
                data = key.fileobj.recv(4096)
            except OSError:
                close(fd)
                continue
            if not data:
                close(fd)
                continue
            m = re.match(rb"HTTP/1\.1 (\d{3})", data)
            if m and fd not in statuses:
                statuses[fd] = int(m.group(1))
        if time.time() >= next_tick:
            next_tick = time.time() + 0.5
            for fd in list(socks):
                try:
                    socks[fd].send(b" ")
                except BlockingIOError:
                    pass
                except OSError:
                    close(fd)
    still_open = len(socks)
    for fd in list(socks):
        close(fd)
    answered = {}
    for status in statuses.values():
        answered[status] = answered.get(status, 0) + 1
    return {"answered": answered, "closed": len(closed) - still_open, "open": still_open}


def hammer(port, token, path, stop, results):
    """In a process of its own: GETs `path` as the admin until `stop`; puts {status: count} on `results`."""
    statuses = {}
    while not stop.is_set():
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
            conn.request("GET", path, headers={"Authorization": "Bearer " + token})
            r = conn.getresponse()
            r.read()
            conn.close()
            status = r.status
            if status in (429, 503):
                time.sleep(0.05)
        except OSError:
            status = "error"
        statuses[status] = statuses.get(status, 0) + 1
    results.put(statuses)


class HostileLoad(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        want = ATTACKERS + 512
        if soft < want:  # the attackers' own sockets
            resource.setrlimit(resource.RLIMIT_NOFILE, (min(want, hard) if hard != resource.RLIM_INFINITY else want, hard))
        cls.server = Server(BINARY, preexec_fn=limit_open_files(OPEN_FILES)).start()
        status, _, body = cls.server.request("POST", "/api/v1/accounts", {"id": "rita", "name": "Rita Läsare", "role": "reader"})
        assert status == 201, (status, body)
        status, _, body = cls.server.request("POST", "/api/v1/tokens", {"account": "rita", "name": "reader"})
        assert status == 201, (status, body)
        cls.reader_token = body["token"]

    @classmethod
    def tearDownClass(cls):
        cls.server.cleanup()

    def measured(self, label, run, rss_limit_mb=RSS_LIMIT_MB):
        """Runs `run()` while the reader and the sampler measure; returns (run's result, reader, sampler)."""
        pid = self.server.proc.pid
        reader, sampler = Reader(self.server.port, self.reader_token), Sampler(pid)
        reader.start(), sampler.start()
        try:
            result = run()
        finally:
            reader.stop()
            sampler.stop()
        print(f"\n[{label}] reader from 127.0.0.2: {reader.summary()}; server RSS max {sampler.max_rss:.1f} MB, "
              f"open descriptors max {sampler.max_fds}", flush=True)
        self.assertFalse(reader.failures, reader.failures[:5])
        self.assertGreater(len(reader.latencies_ms), 5)
        self.assertLess(percentile(reader.latencies_ms, 50), READER_BOUND_MS, reader.summary())
        self.assertLess(max(reader.latencies_ms), READER_WORST_MS, reader.summary())
        if rss_limit_mb:
            self.assertLess(sampler.max_rss, rss_limit_mb)
        self.assertLess(sampler.max_fds, OPEN_FILES)
        return result

    def idle_cpu(self, seconds=3.0):
        """The server's CPU use over `seconds` as a share of one core."""
        pid = self.server.proc.pid
        before = cpu_seconds(pid)
        time.sleep(seconds)
        return (cpu_seconds(pid) - before) / seconds

    def test_1_slow_anonymous_gigabyte_bodies(self):
        pid = self.server.proc.pid
        rss_before = rss_mb(pid)
        outcome = self.measured(f"{ATTACKERS} slow 1 GiB anonymous uploads",
                                lambda: attack(self.server.port, ATTACKERS, ATTACK_SECONDS))
        print(f"[{ATTACKERS} slow 1 GiB anonymous uploads] attackers saw {outcome}; RSS before {rss_before:.1f} MB",
              flush=True)
        # Every attacker was refused: answered 401 on its headers, or 503 / closed over the connection limits.
        self.assertEqual(outcome["open"], 0, outcome)
        self.assertTrue(set(outcome["answered"]) <= {401, 503}, outcome)
        self.assertGreater(outcome["answered"].get(401, 0), 0, outcome)
        cpu = self.idle_cpu()
        print(f"[after the attack] server CPU {cpu * 100:.1f} % of a core, RSS {rss_mb(pid):.1f} MB", flush=True)
        self.assertLess(cpu, 0.2)
        log = open(os.path.join(self.server.dir, "server.log")).read()
        self.assertIn("connections refused over the limits", log)

    def slowhttptest(self, mode, seconds=15):
        """slowhttptest against PUT /api/v1/register (anonymous); returns its CSV of connection states."""
        exe = shutil.which("slowhttptest")
        self.assertIsNotNone(exe, "slowhttptest is missing: scripts/install-deps.sh installs it")
        out = tempfile.mkdtemp(prefix="ansvar-slow-")
        try:
            proc = subprocess.run([exe, mode, "-c", "1000", "-r", "400", "-i", "2", "-l", str(seconds), "-s", "1073741824",
                                   "-t", "PUT", "-u", f"http://127.0.0.1:{self.server.port}/api/v1/register", "-p", "3",
                                   "-g", "-o", os.path.join(out, "run"), "-v", "0"],
                                  capture_output=True, text=True, timeout=seconds + 60)
            with open(os.path.join(out, "run.csv")) as f:
                return proc, f.read()
        finally:
            shutil.rmtree(out, ignore_errors=True)

    def test_2_slowhttptest_slow_headers(self):
        proc, csv = self.measured("slowhttptest -H (slow headers)", lambda: self.slowhttptest("-H"))
        print("[slowhttptest -H] last row (seconds,closed,pending,connected,service available):",
              csv.strip().splitlines()[-1], flush=True)
        # slowhttptest's own probe (from 127.0.0.1, the attacker's address) may be shed; ours from 127.0.0.2 was not.

    def test_3_slowhttptest_slow_body(self):
        proc, csv = self.measured("slowhttptest -B (slow body)", lambda: self.slowhttptest("-B"))
        print("[slowhttptest -B] last row (seconds,closed,pending,connected,service available):",
              csv.strip().splitlines()[-1], flush=True)

    def raw(self, head, timeout=10):
        s = socket.create_connection(("127.0.0.1", self.server.port), timeout=timeout)
        s.sendall(head)
        return s

    def test_4_refused_before_the_body_and_100_continue(self):
        s = self.raw(b"PUT /api/v1/register HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                     b"Content-Length: 1073741824\r\nExpect: 100-continue\r\n\r\n")
        data = s.recv(65536)
        self.assertTrue(data.startswith(b"HTTP/1.1 401"), data[:200])
        self.assertIn(b"Connection: close", data)
        # The connection ends without the body: EOF once the linger (3 s) is over, or at once.
        s.settimeout(10)
        while s.recv(65536):
            pass
        s.close()
        # A signed-in request is told to go on, and answered.
        body = json.dumps({"format": "nothing"}).encode()
        s = self.raw(b"PUT /api/v1/register HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nAuthorization: "
                     b"Bearer " + self.server.admin_token.encode() + b"\r\nContent-Length: " + str(len(body)).encode() +
                     b"\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n")
        data = s.recv(65536)
        self.assertTrue(data.startswith(b"HTTP/1.1 100 Continue\r\n\r\n"), data[:200])
        s.sendall(body)
        while b"\r\n\r\n" not in data[25:]:
            more = s.recv(65536)
            if not more:
                break
            data += more
        self.assertRegex(data[25:40].decode(), r"HTTP/1\.1 4\d\d")  # the register is refused as unusable, not 401
        self.assertNotIn(b"HTTP/1.1 401", data)
        s.close()


    def test_5_expensive_reads_do_not_hold_up_cheap_ones(self):
        # A register of 1,500 systems: a long audit trail, a trend of two years to compute.
        shared = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))), "..", "shared")
        example = json.load(open(os.path.join(shared, "spec/examples/kungsbacka-small.json")))
        template = example["systems"][0]
        for i in range(1500):
            extra = json.loads(json.dumps(template))
            extra["id"], extra["name"] = f"bulk-{i}", f"Bulk {i}"
            extra["documents"] = [dict(d, id=f"{d['id']}-{i}") for d in extra.get("documents", [])]
            extra["integrations"] = []
            example["systems"].append(extra)
        status, _, body = self.server.request("PUT", "/api/v1/register", example, timeout=300)
        self.assertEqual(status, 200, body)
        self.assertEqual(self.server.request("GET", "/api/v1/audit?limit=0")[0], 400)  # the whole trail is paged
        # What one of each expensive request costs, alone (the trend computed, not yet cached).
        costs = {}
        for path in ["/api/v1/findings/trend?weeks=104", "/api/v1/findings/trend?weeks=104",
                     "/api/v1/audit?limit=10000", "/api/v1/register?as_of=2099-01-01"]:
            start = time.perf_counter()
            status, _, _ = self.server.request("GET", path, timeout=300)
            self.assertEqual(status, 200, path)
            costs.setdefault(path, []).append(round((time.perf_counter() - start) * 1000, 1))
        print(f"\n[expensive requests alone, ms] {costs}", flush=True)
        # The hammering runs in processes of its own: a thread here would take the interpreter's lock to read its
        # answers, and the reader's timings would measure that instead of the server.
        stop, results = multiprocessing.Event(), multiprocessing.Queue()
        # Another user's single GETs, first alone, then while 4 threads of the admin hammer /audit and /trend.
        def cheap_reads(seconds):
            reader = Reader(self.server.port, self.reader_token, interval=0.02)
            reader.start()
            time.sleep(seconds)
            reader.stop()
            self.assertFalse(reader.failures, reader.failures[:5])
            self.assertGreater(len(reader.latencies_ms), 50)
            return reader

        quiet = cheap_reads(6)
        print(f"\n[cheap GETs alone] {quiet.summary()}", flush=True)
        paths = ["/api/v1/audit?limit=10000", "/api/v1/findings/trend?weeks=104"] * 2
        hammers = [multiprocessing.Process(target=hammer, args=(self.server.port, self.server.admin_token, p, stop,
                                                                results), daemon=True) for p in paths]
        for t in hammers:
            t.start()
        sampler = Sampler(self.server.proc.pid)
        sampler.start()
        try:
            time.sleep(1)  # the hammering under way
            busy = cheap_reads(12)
        finally:
            stop.set()
            sampler.stop()
            statuses = {}
            for _ in hammers:
                for k, v in results.get(timeout=180).items():
                    statuses[k] = statuses.get(k, 0) + v
            for t in hammers:
                t.join(30)
        print(f"[cheap GETs while /audit and /trend are hammered] {busy.summary()}; server RSS max "
              f"{sampler.max_rss:.1f} MB", flush=True)
        print(f"[hammering] the hammering account's answers: {statuses}", flush=True)
        self.assertGreater(statuses.get(200, 0), 0, statuses)
        self.assertTrue(set(statuses) <= {200, 429, 503}, statuses)
        p99_quiet, p99_busy = percentile(quiet.latencies_ms, 99), percentile(busy.latencies_ms, 99)
        record("cheap_reads_while_audit_and_trend_hammered", {
            "alone": {"reads": len(quiet.latencies_ms), "p50_ms": round(percentile(quiet.latencies_ms, 50), 2),
                      "p99_ms": round(p99_quiet, 2), "max_ms": round(max(quiet.latencies_ms), 2)},
            "hammered": {"reads": len(busy.latencies_ms), "p50_ms": round(percentile(busy.latencies_ms, 50), 2),
                         "p99_ms": round(p99_busy, 2), "max_ms": round(max(busy.latencies_ms), 2)},
            "expensive_alone_ms": costs, "hammer_answers": {str(k): v for k, v in statuses.items()}, "server_rss_max_mb": round(sampler.max_rss, 1)})
        # The bound is 50 ms. The test machine (2 cores shared with builds and other suites) and
        # AddressSanitizer (make test's build: every request several times slower, the cheap ones too) make the cheap
        # reads slower by themselves: what must hold then is that they do not wait behind the expensive ones, so
        # their p99 stays within a small factor of their own p99 without the hammering.
        bound = max(CHEAP_P99_MS, CHEAP_P99_FACTOR * p99_quiet + CHEAP_P99_SLACK_MS)
        self.assertLess(p99_busy, bound, f"alone: {quiet.summary()}; hammered: {busy.summary()}")


class Timeouts(unittest.TestCase):
    """A server with short timeouts, and more connections allowed than it has descriptors for."""

    @classmethod
    def setUpClass(cls):
        cls.server = Server(BINARY, preexec_fn=limit_open_files(256),
                            extra=["--read-timeout", "1", "--header-timeout", "2", "--max-connections", "5000",
                                   "--max-connections-per-address", "0", "--accept-backoff-ms", "100"]).start()

    @classmethod
    def tearDownClass(cls):
        cls.server.cleanup()

    def wait_closed(self, s, bound):
        """Seconds until the server closes `s` (bounded)."""
        start = time.time()
        s.settimeout(bound)
        try:
            while s.recv(65536):
                pass
        except (ConnectionResetError, socket.timeout):
            pass
        return time.time() - start

    def test_stalled_body_is_closed_after_the_read_timeout(self):
        s = socket.create_connection(("127.0.0.1", self.server.port), timeout=10)
        s.sendall(b"PUT /api/v1/register HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nAuthorization: Bearer " +
                  self.server.admin_token.encode() + b"\r\nContent-Length: 1000\r\n\r\n{")
        took = self.wait_closed(s, 20)
        s.close()
        self.assertLess(took, 15)

    def test_unfinished_headers_are_closed_after_the_header_timeout(self):
        s = socket.create_connection(("127.0.0.1", self.server.port), timeout=10)
        s.sendall(b"GET /api/v1/health HTTP/1.1\r\nHost: x\r\n")
        for _ in range(3):  # a header line a second: every read brings bytes, the whole must still end in time
            time.sleep(1)
            try:
                s.sendall(b"X-Slow: 1\r\n")
            except OSError:
                break
        took = self.wait_closed(s, 20)
        s.close()
        self.assertLess(took, 15)

    def test_out_of_descriptors_the_accept_loop_waits(self):
        pid = self.server.proc.pid
        held = []
        try:
            for _ in range(400):  # more than the 256 descriptors the server has
                s = socket.create_connection(("127.0.0.1", self.server.port), timeout=5)
                s.sendall(b"GET /api/v1/health HTTP/1.1\r\nHost: x\r\n")  # headers that never end
                held.append(s)
            before = cpu_seconds(pid)
            time.sleep(1.5)
            cpu = (cpu_seconds(pid) - before) / 1.5
            print(f"\n[out of descriptors] server CPU {cpu * 100:.1f} % of a core, {open_fds(pid)} descriptors open",
                  flush=True)
            self.assertLess(cpu, 0.3)  # a spinning accept loop takes a whole core
        finally:
            for s in held:
                s.close()
        # Served again once descriptors are free (waiting on state, bounded).
        deadline = time.time() + 20
        while True:
            try:
                status, _, _ = self.server.request("GET", "/api/v1/health", timeout=5)
                if status == 200:
                    break
            except OSError:
                pass
            self.assertLess(time.time(), deadline, "the server did not recover")
            time.sleep(0.2)
        log = open(os.path.join(self.server.dir, "server.log")).read()
        self.assertIn("accept failed: waiting", log)


if __name__ == "__main__":
    unittest.main(argv=[sys.argv[0], "-v"], verbosity=2, warnings="ignore")
