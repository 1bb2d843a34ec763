#!/usr/bin/env python3
"""SQLite and PostgreSQL side by side at national scale, through the real HTTP API of `ansvar serve`:

  import        PUT /api/v1/register with the whole register (a new database)
  start         `ansvar serve` on the imported database until it listens (the store's Load())
  GET system    GET /api/v1/systems/{id}, random ids, with wrk (2 threads, 32 connections) when installed
  findings      GET /api/v1/findings?administration=…: the first call evaluates the register, later ones are cached
  as of         GET /api/v1/register?as_of=…: the register rebuilt from the audit trail
  shared-db     a write through one instance until the other (--shared-db) answers with it, and GETs through
                the --shared-db instance (each request first asks the database whether others wrote)
PostgreSQL gets a VACUUM (ANALYZE) after the import (timed on its own row), as autovacuum would otherwise compete
for the same two cores during the measurements.

Usage: bench_backends.py --ansvar BUILD/ansvar --register bench/out/national.json [--seconds 10] [--out FILE]
                         [--only sqlite|postgresql] [--quick: the import and the start only]
The register comes from `ansvar_bench_generate --out FILE`. PostgreSQL runs in a throwaway cluster
(scripts/pg_cluster.py); the SQLite file goes to a temporary folder. Prints a table and the PostgreSQL/SQLite
ratios, and writes them as JSON with --out."""
import argparse, http.client, json, os, random, re, shutil, statistics, subprocess, sys, tempfile, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pg_cluster  # noqa: E402


class Serve:
    token = None  # an API token, sent with every request

    def __init__(self, binary, db, extra=()):
        self.log_path = tempfile.mktemp(prefix="ansvar-bench-", suffix=".log")
        self.log = open(self.log_path, "w+")
        started = time.time()
        self.proc = subprocess.Popen([binary, "serve", "--db", db, "--listen", "127.0.0.1:0", "--threads", "2",
                                      "--max-register-mb", "2048", *extra], stdout=subprocess.DEVNULL, stderr=self.log)
        while True:
            self.log.seek(0)
            m = re.search(r'"url":"http://127\.0\.0\.1:(\d+)/"', self.log.read())
            if m:
                self.port = int(m.group(1))
                break
            if self.proc.poll() is not None or time.time() - started > 900:
                self.log.seek(0)
                raise RuntimeError("ansvar serve did not start: " + self.log.read()[-2000:])
            time.sleep(0.05)
        self.start_seconds = time.time() - started

    def request(self, method, path, body=None, headers=None, timeout=3600):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        headers = dict(headers or {})
        if Serve.token:
            headers["Authorization"] = "Bearer " + Serve.token
        conn.request(method, path, body=body, headers=headers)
        r = conn.getresponse()
        data = r.read()
        conn.close()
        return r.status, {k.lower(): v for k, v in r.getheaders()}, data

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self.log.close()
        os.unlink(self.log_path)


def timed(f):
    t = time.perf_counter()
    r = f()
    return time.perf_counter() - t, r


def wrk_gets(port, ids, seconds):
    """Requests per second and latency percentiles for GET /api/v1/systems/{random id}."""
    if shutil.which("wrk"):
        lua = tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False)
        lua.write("local ids = {" + ",".join(json.dumps(i) for i in ids) + "}\n"
                  "math.randomseed(7)\n"
                  "request = function() return wrk.format('GET', '/api/v1/systems/' .. ids[math.random(#ids)], "
                  "{Authorization = 'Bearer " + (Serve.token or "") + "'}) end\n"
                  "done = function(summary, latency, requests)\n"
                  "  io.write(string.format('RESULT %d %d %f %f %f\\n', summary.requests, summary.errors.status,"
                  " latency:percentile(50), latency:percentile(99), summary.duration))\nend\n")
        lua.close()
        out = subprocess.run(["wrk", "-t2", "-c32", f"-d{seconds}s", "-s", lua.name, f"http://127.0.0.1:{port}/"],
                             capture_output=True, text=True).stdout
        os.unlink(lua.name)
        m = re.search(r"RESULT (\d+) (\d+) ([\d.]+) ([\d.]+) ([\d.]+)", out)
        n, errors, p50, p99, dur = int(m[1]), int(m[2]), float(m[3]), float(m[4]), float(m[5])
        return {"rps": n / (dur / 1e6), "p50_ms": p50 / 1000, "p99_ms": p99 / 1000, "errors": errors, "tool": "wrk"}
    # Without wrk: one keep-alive connection, sequential.
    conn = http.client.HTTPConnection("127.0.0.1", port)
    lat = []
    end = time.time() + seconds
    while time.time() < end:
        t = time.perf_counter()
        conn.request("GET", "/api/v1/systems/" + random.choice(ids), headers={"Authorization": "Bearer " + Serve.token})
        conn.getresponse().read()
        lat.append(time.perf_counter() - t)
    lat.sort()
    return {"rps": len(lat) / seconds, "p50_ms": lat[len(lat) // 2] * 1000, "p99_ms": lat[int(len(lat) * .99)] * 1000,
            "errors": 0, "tool": "python"}


def api_token(binary, db):
    """An administrator's API token for the database (every request to /api/v1 is signed in)."""
    pw = tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False)
    pw.write("bench-password-" + str(random.random()) + "\n")
    pw.close()
    subprocess.run([binary, "user", "add", "bench", "--role", "admin", "--password-file", pw.name, "--db", db],
                   check=True, capture_output=True)
    os.unlink(pw.name)
    out = subprocess.run([binary, "token", "create", "--user", "bench", "--name", "bench", "--db", db],
                         check=True, capture_output=True, text=True).stdout
    return re.search(r"ansvar_\S+", out)[0]


def run_backend(name, binary, db, body, seconds, settle=None, quick=False):
    r = {"backend": name}
    subprocess.run([binary, "migrate", "--db", db], check=True, capture_output=True)
    Serve.token = api_token(binary, db)
    print(f"[{name}] importing {len(body) / 1e6:.0f} MB …", file=sys.stderr)
    s = Serve(binary, db)
    r["import_s"], (status, _, answer) = timed(lambda: s.request("PUT", "/api/v1/register", body,
                                                                {"Content-Type": "application/json",
                                                                 "X-Ansvar-Actor": "bench"}))
    assert status == 200, answer[:500]
    after_import = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() + 1))
    s.stop()
    if settle:  # PostgreSQL: VACUUM (ANALYZE) now rather than autovacuum during the measurements
        r["vacuum_s"], _ = timed(settle)
    time.sleep(1.5)
    s = Serve(binary, db)  # the register loaded from the database
    r["start_s"] = s.start_seconds
    if quick:  # --quick: the import and the start only
        s.stop()
        return r
    try:
        _, _, page = s.request("GET", "/api/v1/systems?limit=5000")
        ids = [x["id"] for x in json.loads(page)["items"]]
        _, _, admins = s.request("GET", "/api/v1/administrations?limit=5000")
        admin_ids = [x["id"] for x in json.loads(admins)["items"]]
        print(f"[{name}] GET system ({len(ids)} ids, {seconds} s) …", file=sys.stderr)
        r["get_system"] = wrk_gets(s.port, ids, seconds)

        random.seed(11)
        picks = random.sample(admin_ids, min(5, len(admin_ids)))
        r["findings_cold_s"], (status, _, _) = timed(
            lambda: s.request("GET", f"/api/v1/findings?administration={picks[0]}&limit=500"))
        assert status == 200
        warm = []
        for a in picks * 4:
            t, (status, _, _) = timed(lambda: s.request("GET", f"/api/v1/findings?administration={a}&limit=500"))
            assert status == 200
            warm.append(t)
        r["findings_warm_ms"] = statistics.median(warm) * 1000

        print(f"[{name}] as-of read …", file=sys.stderr)
        times = []
        for _ in range(3):
            t, (status, _, data) = timed(lambda: s.request("GET", "/api/v1/register?as_of=" + after_import))
            assert status == 200, data[:300]
            times.append(t)
        r["as_of_s"] = min(times)
        r["as_of_mb"] = len(data) / 1e6

        # Two instances on the database: how long until the other one answers with a write (incremental catch-up).
        other = Serve(binary, db, ["--shared-db"])
        try:
            sid = ids[len(ids) // 2]
            _, h, sys_json = s.request("GET", "/api/v1/systems/" + sid)
            doc = json.loads(sys_json)
            doc["name"] = doc["name"] + " (ändrad)"
            status, _, _ = s.request("PUT", "/api/v1/systems/" + sid, json.dumps(doc).encode(),
                                     {"Content-Type": "application/json", "If-Match": h["etag"],
                                      "X-Ansvar-Actor": "bench"})
            assert status == 200
            r["shared_db_seen_s"], (status, _, seen) = timed(lambda: other.request("GET", "/api/v1/systems/" + sid))
            assert json.loads(seen)["name"] == doc["name"]
            r["shared_db_start_s"] = other.start_seconds
            print(f"[{name}] GET system with --shared-db ({seconds} s) …", file=sys.stderr)
            r["get_system_shared"] = wrk_gets(other.port, ids, seconds)
        finally:
            other.stop()
    finally:
        s.stop()
    return r


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--ansvar", required=True)
    ap.add_argument("--register", required=True)
    ap.add_argument("--seconds", type=int, default=10)
    ap.add_argument("--out")
    ap.add_argument("--only", choices=["sqlite", "postgresql"])
    ap.add_argument("--quick", action="store_true", help="measure the import and the start only")
    args = ap.parse_args()
    body = open(args.register, "rb").read()
    results = []
    if args.only in (None, "sqlite"):
        tmp = tempfile.mkdtemp(prefix="ansvar-bench-sqlite-")
        try:
            results.append(run_backend("sqlite", args.ansvar, os.path.join(tmp, "national.db"), body, args.seconds,
                                       quick=args.quick))
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    if args.only in (None, "postgresql"):
        with pg_cluster.Cluster() as pg:
            vacuum = lambda: subprocess.run([os.path.join(pg.bin, "psql"), pg.url(), "-q", "-c", "VACUUM (ANALYZE)"],
                                            check=True)
            results.append(run_backend("postgresql", args.ansvar, pg.url(), body, args.seconds, vacuum, args.quick))

    rows = [("import (s)", "import_s", 1), ("VACUUM (ANALYZE) after the import (s)", "vacuum_s", 1),
            ("start: load the register (s)", "start_s", 1),
            ("GET system (req/s)", ("get_system", "rps"), 0), ("GET system p50 (ms)", ("get_system", "p50_ms"), 2),
            ("GET system p99 (ms)", ("get_system", "p99_ms"), 2),
            ("GET system, --shared-db (req/s)", ("get_system_shared", "rps"), 0),
            ("GET system, --shared-db p50 (ms)", ("get_system_shared", "p50_ms"), 2),
            ("findings by administration, first (s)", "findings_cold_s", 2),
            ("findings by administration, cached (ms)", "findings_warm_ms", 2),
            ("register as of (s)", "as_of_s", 2),
            ("shared-db: other instance sees a write (s)", "shared_db_seen_s", 3)]

    def val(r, key):
        if isinstance(key, tuple):
            return r[key[0]][key[1]] if key[0] in r else 0.0
        return r.get(key, 0.0)

    print(f"\n{'':44}" + "".join(f"{r['backend']:>12}" for r in results) + ("   PG/SQLite" if len(results) == 2 else ""))
    ratios = {}
    for label, key, digits in rows:
        vals = [val(r, key) for r in results]
        line = f"{label:44}" + "".join(f"{v:>12.{digits}f}" for v in vals)
        if len(vals) == 2 and vals[0]:
            ratios[label] = vals[1] / vals[0]
            line += f"{ratios[label]:>12.2f}"
        print(line)
    if args.out:
        json.dump({"results": results, "ratios_pg_over_sqlite": ratios}, open(args.out, "w"), indent=2)


if __name__ == "__main__":
    main()
