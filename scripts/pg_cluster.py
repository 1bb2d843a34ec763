#!/usr/bin/env python3
"""A throwaway PostgreSQL cluster for the tests: Debian's postgresql package, initdb into a temporary folder,
listening on 127.0.0.1 at a free port (and a unix socket in that folder), removed afterwards.

As a wrapper (ctest uses it):
    pg_cluster.py [--databases N] -- COMMAND ARGS…
starts a cluster, creates the databases ansvar, ansvar2, …, runs COMMAND with ANSVAR_TEST_PG_URL (the first
database), ANSVAR_TEST_PG_URLS (all, space-separated) and ANSVAR_TEST_PG_DATA/ANSVAR_TEST_PG_BIN (so a test can
restart the server), then stops the cluster and removes its folder, and exits with COMMAND's status.

As a module: `with Cluster() as pg: pg.url`, `pg.restart()`, `pg.createdb(name)`.

initdb refuses to run as root: as root, the cluster runs as the `postgres` user the package created."""
import glob, os, pwd, shutil, socket, subprocess, sys, tempfile, time

def _bindir():
    for candidate in [os.environ.get("ANSVAR_PG_BIN", "")] + sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True):
        if candidate and os.path.exists(os.path.join(candidate, "initdb")):
            return candidate
    found = shutil.which("initdb")
    if found:
        return os.path.dirname(found)
    raise RuntimeError("PostgreSQL's server programs are missing: apt-get install postgresql (scripts/install-deps.sh)")

def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]

class Cluster:
    def __init__(self, databases=1):
        self.bin = _bindir()
        self.databases = max(1, databases)
        self.dir = None
        self.port = None
        self.as_user = None

    # -- running the server's programs, as `postgres` when we are root ---------------------------------------------
    def _cmd(self, program, *args):
        cmd = [os.path.join(self.bin, program), *args]
        if self.as_user:
            cmd = ["runuser", "-u", self.as_user, "--"] + cmd
        return cmd

    def _run(self, program, *args, check=True):
        r = subprocess.run(self._cmd(program, *args), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        if check and r.returncode != 0:
            raise RuntimeError(f"{program} failed ({r.returncode}):\n{r.stdout[-3000:]}")
        return r

    @property
    def data(self):
        return os.path.join(self.dir, "data")

    def url(self, db="ansvar"):
        return f"postgresql://ansvar@127.0.0.1:{self.port}/{db}"

    @property
    def urls(self):
        return [self.url("ansvar" if i == 0 else f"ansvar{i + 1}") for i in range(self.databases)]

    def start(self):
        self.dir = tempfile.mkdtemp(prefix="ansvar-pg-")
        if os.geteuid() == 0:
            self.as_user = "postgres"
            pw = pwd.getpwnam(self.as_user)
            os.chown(self.dir, pw.pw_uid, pw.pw_gid)
        self.port = _free_port()
        self._run("initdb", "-D", self.data, "-U", "ansvar", "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8",
                  "--no-sync")
        with open(os.path.join(self.data, "postgresql.conf"), "a") as conf:
            # A test cluster: small, quick to start, durable across a clean restart (fsync only matters for a crash
            # of the machine).
            conf.write(f"\nlisten_addresses = '127.0.0.1'\nport = {self.port}\nunix_socket_directories = '{self.dir}'\n"
                       "fsync = off\nfull_page_writes = off\nshared_buffers = 256MB\nmax_connections = 100\n"
                       "maintenance_work_mem = 256MB\nmax_wal_size = 4GB\nlog_min_messages = warning\n")
        self._start_server()
        for url in self.urls:
            db = url.rsplit("/", 1)[1]
            self._run("createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", "ansvar", db)
        return self

    def _start_server(self):
        self._run("pg_ctl", "-D", self.data, "-l", os.path.join(self.dir, "server.log"), "-w", "-t", "60", "start")

    def restart(self, mode="fast"):
        """pg_ctl restart: sessions are terminated, the server goes down and comes back on the same port."""
        self._run("pg_ctl", "-D", self.data, "-l", os.path.join(self.dir, "server.log"), "-w", "-t", "60", "-m", mode,
                  "restart")

    def stop(self):
        if self.dir and os.path.exists(os.path.join(self.data, "postmaster.pid")):
            self._run("pg_ctl", "-D", self.data, "-w", "-t", "60", "-m", "fast", "stop", check=False)

    def createdb(self, name):
        self._run("createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", "ansvar", name)
        return self.url(name)

    def cleanup(self):
        try:
            self.stop()
        finally:
            if self.dir:
                shutil.rmtree(self.dir, ignore_errors=True)
                self.dir = None

    def env(self):
        return {"ANSVAR_TEST_PG_URL": self.urls[0], "ANSVAR_TEST_PG_URLS": " ".join(self.urls),
                "ANSVAR_TEST_PG_DATA": self.data, "ANSVAR_TEST_PG_BIN": self.bin,
                "ANSVAR_TEST_PG_USER": self.as_user or ""}

    def __enter__(self):
        try:
            return self.start()
        except BaseException:
            self.cleanup()
            raise

    def __exit__(self, *exc):
        self.cleanup()


def from_env():
    """A handle on the cluster a wrapper started (for a test that restarts it)."""
    c = Cluster.__new__(Cluster)
    c.bin = os.environ["ANSVAR_TEST_PG_BIN"]
    c.databases = 1
    c.dir = os.path.dirname(os.environ["ANSVAR_TEST_PG_DATA"])
    c.as_user = os.environ.get("ANSVAR_TEST_PG_USER") or None
    c.port = int(os.environ["ANSVAR_TEST_PG_URL"].rsplit(":", 1)[1].split("/")[0])
    return c


def main(argv):
    databases = 1
    if argv[:1] == ["--databases"]:
        databases = int(argv[1])
        argv = argv[2:]
    if argv[:1] == ["--"]:
        argv = argv[1:]
    if not argv:
        print(__doc__)
        return 2
    with Cluster(databases) as pg:
        env = dict(os.environ, **pg.env())
        # A URL given as an argument "@PG_URL@" is replaced by the cluster's (for commands that take it there).
        args = [a.replace("@PG_URL@", pg.urls[0]) for a in argv]
        started = time.time()
        code = subprocess.call(args, env=env)
        print(f"pg_cluster: {os.path.basename(args[0])} ran {time.time() - started:.1f} s against {pg.urls[0]}",
              file=sys.stderr)
        return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
