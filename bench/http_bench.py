#!/usr/bin/env python3
"""The service's figures through the real HTTP server: `ansvar serve` on a SQLite file, driven by wrk.

    bench/http_bench.py [--register FILE | --municipalities 4] [--db FILE] [--duration 5] [--connections 16]
                        [--wrk-threads 2] [--server-threads 2] [--start-runs 1] [--reuse-db] [--binary PATH]
                        [--static-dir DIR]

It starts `ansvar serve` on 127.0.0.1 (a port the kernel picks) in a process group of its own, on a database holding
a register: a generated one of --municipalities (the register ansvar_service_bench generates, about 500 systems a
municipality) or --register FILE, put whole through PUT /api/v1/register. The account and its API token are made
with the CLI (`ansvar user add`, `ansvar token create`), as tests/http/server_fixture.py does. Then wrk measures, for
--duration seconds each, one client (one connection) and --connections clients: a static file of the web interface
(the baseline: what the server answers without the register), one system, every system with its roles
(?limit=5000), and one client creating systems. Each request's figure is given as its ratio to the static file's
at the same number of clients, measured in the same run, beside the server's CPU per request (its /proc counters):
on a shared machine the wall times move with the load, the ratios and CPU much less. The start is timed from exec
to the server's "listening" line, against a start on the empty database of the same run.

Standard library only; needs wrk (Debian package `wrk`) and the built web interface (`make web`, web/dist)."""
import argparse
import http.client
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CLOCK_TICK = os.sysconf("SC_CLK_TCK")

# Reports each run's figures as one line for the bench to read: latencies in microseconds, as wrk counts them.
# The create script makes every request's body from a template with a fresh id (one counter per wrk thread).
WRK_DONE = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("ansvar_wrk requests=%d duration_us=%d bytes=%d errors=%d status_errors=%d "
                         .. "p50_us=%d p99_us=%d mean_us=%.1f\\n",
                         summary.requests, summary.duration, summary.bytes, e.connect + e.read + e.write + e.timeout,
                         e.status, latency:percentile(50), latency:percentile(99), latency.mean))
end
"""
WRK_CREATE = """
local threads = 0
setup = function(thread)
  threads = threads + 1
  thread:set("thread_no", threads)
end
local head, tail, n = os.getenv("ANSVAR_BODY_HEAD"), os.getenv("ANSVAR_BODY_TAIL"), 0
init = function(args)
  wrk.method = "POST"
  wrk.path = "/api/v1/systems"
  wrk.headers["Content-Type"] = "application/json"
end
request = function()
  n = n + 1
  return wrk.format(nil, nil, nil, head .. thread_no .. "-" .. n .. tail)
end
"""


def fail(message):
    raise SystemExit("http_bench: " + message)


def cpu_seconds(pid):
    """User + system CPU of a live process, from /proc (clock ticks, 10 ms)."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICK


class Server:
    """`ansvar serve` in a process group of its own, so that stop() ends it and nothing else."""

    def __init__(self, args, db, log_path):
        self.args, self.db, self.log_path = args, db, log_path
        self.proc = None
        self.log = None
        self.port = None

    def start(self, register_bytes=0):
        """Starts the server; returns the seconds from exec to its "listening" line and its CPU seconds by then."""
        command = [self.args.binary, "serve", "--db", self.db, "--listen", "127.0.0.1:0", "--static-dir",
                   self.args.static_dir, "--threads", str(self.args.server_threads)]
        if register_bytes > 1000 << 20:
            command += ["--max-register-mb", str((register_bytes >> 20) + 16)]
        self.log = log = open(self.log_path, "w+")
        t0 = time.monotonic()
        self.proc = subprocess.Popen(command, stdout=log, stderr=log, start_new_session=True)
        while True:
            log.seek(0)
            for line in log:
                if '"listening"' in line:
                    elapsed = time.monotonic() - t0
                    self.port = int(json.loads(line)["url"].rsplit(":", 1)[1].strip("/"))
                    return elapsed, cpu_seconds(self.proc.pid)
            if self.proc.poll() is not None:
                log.seek(0)
                fail("the server did not start:\n" + log.read()[-3000:])
            time.sleep(0.005)

    def cpu(self):
        return cpu_seconds(self.proc.pid)

    def stop(self):
        if self.proc is None or self.proc.poll() is not None:
            return
        try:
            os.killpg(self.proc.pid, signal.SIGTERM)
            self.proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()
        except ProcessLookupError:
            pass
        self.log.close()

    def request(self, method, path, token, body=None, length=None, timeout=3600):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        headers = {"Authorization": "Bearer " + token}
        if body is not None:
            headers["Content-Type"] = "application/json"
            if length is not None:
                headers["Content-Length"] = str(length)
        conn.request(method, path, body=body, headers=headers)
        r = conn.getresponse()
        payload = r.read()
        conn.close()
        return r.status, payload


def remove_db(path):
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(path + suffix):
            os.remove(path + suffix)


def admin_token(binary, db):
    """The account `bench` (an admin) and an API token of it, through the CLI; a reused database keeps its account."""
    added = subprocess.run([binary, "user", "add", "bench", "--role", "admin", "--name", "Benchmark",
                            "--password-stdin", "--db", db], input="bench-" + os.urandom(12).hex() + "\n", text=True,
                           capture_output=True)
    if added.returncode != 0 and "already exists" not in added.stderr:
        fail("ansvar user add: " + added.stderr)
    out = subprocess.run([binary, "token", "create", "--user", "bench", "--name", "http bench", "--db", db],
                         text=True, capture_output=True)
    if out.returncode != 0:
        fail("ansvar token create: " + out.stderr)
    return out.stdout.strip()


def generate_register(args, out_dir):
    """The register ansvar_service_bench generates: --municipalities, no regions, ~504 systems a municipality."""
    path = os.path.join(out_dir, f"http-{args.municipalities}.json")
    generator = os.path.join(os.path.dirname(args.binary), "bench", "ansvar_bench_generate")
    scale = args.municipalities * 504.0 / 150000.0  # the same double as service_bench.cpp computes
    subprocess.run([generator, "--municipalities", str(args.municipalities), "--regions", "0", "--scale", repr(scale),
                    "--out", path], check=True, stdout=subprocess.DEVNULL)
    return path


def wrk(server, token, path, connections, threads, duration, script, env=None):
    """One wrk run; returns its figures and the server's CPU seconds during it."""
    command = ["wrk", "-t", str(min(threads, connections)), "-c", str(connections), "-d", f"{duration}s", "--timeout",
               "60s", "--latency", "-s", script, "-H", "Authorization: Bearer " + token,
               f"http://127.0.0.1:{server.port}{path}"]
    cpu0 = server.cpu()
    out = subprocess.run(command, text=True, capture_output=True, env=dict(os.environ, **(env or {})))
    cpu = server.cpu() - cpu0
    line = next((l for l in out.stdout.splitlines() if l.startswith("ansvar_wrk ")), None)
    if out.returncode != 0 or line is None:
        fail(f"wrk {path}: {out.stderr or out.stdout}")
    figures = {k: float(v) for k, v in (item.split("=") for item in line.split()[1:])}
    if figures["requests"] == 0 or figures["errors"] or figures["status_errors"]:
        fail(f"wrk {path}: {figures['requests']:.0f} requests, {figures['errors']:.0f} socket errors, "
             f"{figures['status_errors']:.0f} answers of status 400 or more")
    figures["rate"] = figures["requests"] / (figures["duration_us"] / 1e6)
    figures["server_cpu_us"] = cpu / figures["requests"] * 1e6
    return figures


def run(args, server, db, register_path, work_dir):
    out = {}
    register_bytes = os.path.getsize(register_path)
    reuse = args.reuse_db and os.path.exists(db)
    if not reuse:
        remove_db(db)
    token = admin_token(args.binary, db)
    # The baseline of the start: the same server on a database without the register (a reused one holds it).
    if not reuse:
        out["start_empty_s"], out["start_empty_cpu_s"] = server.start(register_bytes)
        cpu0 = server.cpu()
        t0 = time.monotonic()
        with open(register_path, "rb") as f:
            status, payload = server.request("PUT", "/api/v1/register", token, f, register_bytes)
        out["import_s"] = time.monotonic() - t0
        out["import_cpu_s"] = server.cpu() - cpu0
        if status != 200:
            fail(f"PUT /api/v1/register: {status} {payload[:2000]!r}")
        out["import_summary"] = payload.decode()
        server.stop()
    starts = []
    for _ in range(args.start_runs):
        server.stop()
        starts.append(server.start(register_bytes))
    out["start_s"], out["start_cpu_s"] = min(starts)

    status, payload = server.request("GET", "/api/v1/systems?limit=5000", token)
    if status != 200:
        fail(f"GET /api/v1/systems: {status}")
    page = json.loads(payload)
    systems = page["items"]
    out["systems"], out["listed"], out["list_kb"] = page["total"], len(systems), len(payload) / 1e3
    out["roles_listed"] = sum(len(s.get("roles") or []) for s in systems)
    some = systems[len(systems) // 2]
    status, one = server.request("GET", "/api/v1/systems/" + some["id"], token)
    if status != 200:
        fail(f"GET /api/v1/systems/{some['id']}: {status}")

    done_lua = os.path.join(work_dir, "done.lua")
    create_lua = os.path.join(work_dir, "create.lua")
    with open(done_lua, "w") as f:
        f.write(WRK_DONE)
    with open(create_lua, "w") as f:
        f.write(WRK_CREATE + WRK_DONE)
    # A new system like the one read, under ids no run has used: the template's id is cut where the counter goes.
    body = json.loads(one)
    body.pop("version", None)
    body["id"] = "SPLIT"
    body["name"] = body.get("name", "") + " (ny)"
    head, tail = json.dumps(body, ensure_ascii=False).split("SPLIT")
    head += f"http-bench-{os.getpid()}-{int(time.time())}-"
    create_env = {"ANSVAR_BODY_HEAD": head, "ANSVAR_BODY_TAIL": tail}

    n, d, t = args.connections, args.duration, args.wrk_threads
    static = "/" + args.static_file
    # The static file and the reads interleave by client count; the creates (which change the register) come last.
    for clients in (1, n):
        out[("static", clients)] = wrk(server, token, static, clients, t, d, done_lua)
        out[("get", clients)] = wrk(server, token, "/api/v1/systems/" + some["id"], clients, t, d, done_lua)
        out[("list", clients)] = wrk(server, token, "/api/v1/systems?limit=5000", clients, t, d, done_lua)
    out[("create", 1)] = wrk(server, token, "/api/v1/systems", 1, 1, d, create_lua, create_env)
    out["register_mb"] = register_bytes / 1e6
    return out


def print_results(args, out, load_before, load_after):
    n = args.connections
    print(f"systems={out['systems']}\nlisted={out['listed']}\nroles_listed={out['roles_listed']}\n"
          f"list_kb={out['list_kb']:.0f}\nregister_mb={out['register_mb']:.1f}")
    if "import_s" in out:
        print(f"import_summary={out['import_summary']}\nimport_s={out['import_s']:.3f}\n"
              f"import_cpu_s={out['import_cpu_s']:.3f}\nstart_empty_s={out['start_empty_s']:.3f}")
    print(f"start_s={out['start_s']:.3f}\nstart_cpu_s={out['start_cpu_s']:.3f}")
    for key, r in out.items():
        if isinstance(key, tuple):
            name = f"{key[0]}_c{key[1]}"
            print(f"{name}_per_s={r['rate']:.0f}\n{name}_p50_ms={r['p50_us'] / 1e3:.3f}\n"
                  f"{name}_p99_ms={r['p99_us'] / 1e3:.3f}\n{name}_server_cpu_us={r['server_cpu_us']:.0f}")
    print(f"server_threads={args.server_threads}\nwrk_threads={args.wrk_threads}\nduration_s={args.duration}")
    print("loadavg_before={:.2f} {:.2f} {:.2f}\nloadavg_after={:.2f} {:.2f} {:.2f}".format(*load_before, *load_after))

    rows = []
    if "import_s" in out:
        rows.append(("baseline: start, empty database", out["start_empty_s"], out["start_empty_cpu_s"], "", "", "",
                     "", "", "", "", ""))
        mb = out["register_mb"]
        rows.append(("import (PUT /api/v1/register)", out["import_s"], out["import_cpu_s"],
                     f"{mb / out['import_s']:.0f} MB/s", "", "", "", "", "", "< 10 s",
                     "yes" if out["import_s"] < 10 else "no"))
    start_ratio = f"{out['start_s'] / out['start_empty_s']:.2f}" if "start_empty_s" in out else ""
    rows.append(("start on the database", out["start_s"], out["start_cpu_s"], "", "", "", "",
                 "start, empty" if start_ratio else "", start_ratio, "< 2 s", "yes" if out["start_s"] < 2 else "no"))
    names = {"static": "baseline: static file", "get": "get one system", "list": f"list {out['listed']} systems",
             "create": "create one system"}
    for clients in (1, n):
        for what in ("static", "get", "list", "create"):
            r = out.get((what, clients))
            if r is None:
                continue
            base = out[("static", clients)]
            ratio = "" if what == "static" else f"{base['rate'] / r['rate']:.2f}"
            target, met = "", ""
            if what == "list" and clients == 1:
                target, met = "< 20 ms", "yes" if r["p50_us"] < 20000 else "no"
            if what == "create":
                target, met = ">= 1000/s", "yes" if r["rate"] >= 1000 else "no"
            rows.append((f"{names[what]}, {clients} client{'s' if clients > 1 else ''}", None, None,
                         f"{r['rate']:.0f} req/s", f"{r['p50_us'] / 1e3:.3f}", f"{r['p99_us'] / 1e3:.3f}",
                         f"{r['server_cpu_us']:.0f}", "" if what == "static" else f"static, {clients}", ratio, target,
                         met))
    print(f"\n{'phase':<36} {'wall_s':>8} {'cpu_s':>7} {'rate':>14} {'p50_ms':>9} {'p99_ms':>9} {'cpu_us/req':>10} "
          f"{'baseline':<13} {'x_baseline':>10} {'target':<10} met")
    for (what, wall, cpu, rate, p50, p99, cpu_req, baseline, ratio, target, met) in rows:
        wall_s = f"{wall:.3f}" if wall is not None else ""
        cpu_s = f"{cpu:.2f}" if cpu is not None else ""
        print(f"{what:<36} {wall_s:>8} {cpu_s:>7} {rate:>14} {p50:>9} {p99:>9} {cpu_req:>10} {baseline:<13} "
              f"{ratio:>10} {target:<10} {met}".rstrip())


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--register", help="a register file (ansvar-register/1); default: a generated one")
    p.add_argument("--municipalities", type=int, default=4, help="of the generated register (4: about 2,000 systems)")
    p.add_argument("--db", default=os.path.join(ROOT, "bench", "out", "http.db"), help="the SQLite file (removed "
                   "before and after unless --reuse-db)")
    p.add_argument("--reuse-db", action="store_true", help="keep the database; start on it without importing when it "
                   "is there already")
    p.add_argument("--duration", type=int, default=5, help="seconds of each wrk run")
    p.add_argument("--connections", type=int, default=16, help="clients of the concurrent runs (the others: one)")
    p.add_argument("--wrk-threads", type=int, default=2)
    p.add_argument("--server-threads", type=int, default=2, help="ansvar serve --threads")
    p.add_argument("--start-runs", type=int, default=1, help="starts on the database; the fastest is reported")
    p.add_argument("--binary", default=os.path.join(ROOT, "build-bench", "ansvar"))
    p.add_argument("--static-dir", default=os.path.join(ROOT, "web", "dist"))
    p.add_argument("--static-file", default="index.html", help="the baseline's file, under --static-dir")
    args = p.parse_args()
    args.binary = os.path.abspath(args.binary)
    if shutil.which("wrk") is None:
        fail("wrk is missing: apt-get install wrk")
    if not os.path.isfile(os.path.join(args.static_dir, args.static_file)):
        fail(f"{args.static_dir}/{args.static_file} is missing: build the web interface first (make web)")
    if not os.access(args.binary, os.X_OK):
        fail(f"{args.binary} is missing: cmake --build build-bench --target ansvar ansvar_bench_generate")
    os.makedirs(os.path.dirname(os.path.abspath(args.db)), exist_ok=True)

    work_dir = tempfile.mkdtemp(prefix="ansvar-http-bench-")
    server = Server(args, args.db, os.path.join(work_dir, "server.log"))
    # A signal ends the run through the finally below, which stops the server.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    try:
        load_before = os.getloadavg()
        register = args.register or generate_register(args, work_dir)
        out = run(args, server, args.db, register, work_dir)
        server.stop()
        print_results(args, out, load_before, os.getloadavg())
    finally:
        server.stop()
        if not args.reuse_db:
            remove_db(args.db)
        shutil.rmtree(work_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
