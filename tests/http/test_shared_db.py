#!/usr/bin/env python3
"""Two `ansvar serve --shared-db` processes on one PostgreSQL database, through real HTTP on 127.0.0.1:
edits through either are seen by both, concurrent edits of one entity lose no update (the stale one gets 412),
the audit chain stays valid under concurrent writers, and restarting PostgreSQL in the middle of a write load loses
no acknowledged write. Starts its own throwaway cluster (scripts/pg_cluster.py).

Usage: test_shared_db.py ANSVAR_BINARY SHARED_DIR"""
import json, os, subprocess, sys, threading, time, unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "..", "scripts"))
from server_fixture import Server, acting_as  # noqa: E402
import pg_cluster  # noqa: E402

BINARY, SHARED = sys.argv[1], sys.argv[2]
EXAMPLE = json.load(open(os.path.join(SHARED, "spec/examples/kungsbacka-small.json")))
ACTOR = acting_as("anna.dpo")  # an admin account of that name, with an API token (server_fixture.py)


class SharedDatabase(unittest.TestCase):
    pg = None

    @classmethod
    def setUpClass(cls):
        cls.pg = pg_cluster.Cluster().start()

    @classmethod
    def tearDownClass(cls):
        cls.pg.cleanup()

    def setUp(self):
        # A database of its own per test; two instances on it.
        self.url = self.pg.createdb(f"shared_{self._testMethodName[:40].lower()}")
        self.a = Server(BINARY, self.url, ["--shared-db", "--threads", "4"]).start()
        self.b = Server(BINARY, self.url, ["--shared-db", "--threads", "4"]).start()
        status, _, body = self.a.request("PUT", "/api/v1/register", EXAMPLE, ACTOR)
        self.assertEqual(status, 200, body)

    def tearDown(self):
        for s in (self.a, self.b):
            s.cleanup()

    def verify(self, server):
        status, _, v = server.request("GET", "/api/v1/audit/verify")
        self.assertEqual(status, 200, v)
        self.assertTrue(v["ok"], v)
        return v

    def test_edits_through_either_are_seen_by_both(self):
        # The import through A is there in B.
        status, h, ecos = self.b.request("GET", "/api/v1/systems/ecos")
        self.assertEqual(status, 200, ecos)
        ecos["name"] = "Ecos via B"
        status, h2, _ = self.b.request("PUT", "/api/v1/systems/ecos", ecos, {"If-Match": h["etag"], **ACTOR})
        self.assertEqual(status, 200)
        status, h3, seen = self.a.request("GET", "/api/v1/systems/ecos")
        self.assertEqual((seen["name"], h3["etag"]), ("Ecos via B", h2["etag"]))
        # Created through A, deleted through B, gone in A.
        person = {"id": "p-shared", "name": "Delad Person", "administration": "bmf", "title": "employee",
                  "email": "delad@example.se"}
        status, h4, _ = self.a.request("POST", "/api/v1/people", person, ACTOR)
        self.assertEqual(status, 201)
        self.assertEqual(self.b.request("GET", "/api/v1/people/p-shared")[0], 200)
        self.assertEqual(self.b.request("DELETE", "/api/v1/people/p-shared", None, {"If-Match": h4["etag"], **ACTOR})[0], 204)
        self.assertEqual(self.a.request("GET", "/api/v1/people/p-shared")[0], 404)
        # The findings and the export agree.
        self.assertEqual(self.a.request("GET", "/api/v1/register")[2], self.b.request("GET", "/api/v1/register")[2])
        fa = self.a.request("GET", "/api/v1/findings?as_of=2025-02-10&limit=5000")[2]
        fb = self.b.request("GET", "/api/v1/findings?as_of=2025-02-10&limit=5000")[2]
        self.assertEqual(fa, fb)
        # A whole-register replace through B (the import's rulebook overrides and order included) reaches A.
        changed = json.loads(json.dumps(EXAMPLE))
        changed["systems"].reverse()
        changed["systems"][0]["name"] = "Först nu"
        self.assertEqual(self.b.request("PUT", "/api/v1/register", changed, ACTOR)[0], 200)
        self.assertEqual(self.a.request("GET", "/api/v1/register")[2], self.b.request("GET", "/api/v1/register")[2])
        self.verify(self.a)

    def test_the_stale_edit_of_one_entity_gets_412(self):
        _, ha, from_a = self.a.request("GET", "/api/v1/systems/kivra")
        _, hb, from_b = self.b.request("GET", "/api/v1/systems/kivra")
        self.assertEqual(ha["etag"], hb["etag"])
        from_a["name"], from_b["name"] = "Kivra (A)", "Kivra (B)"
        self.assertEqual(self.a.request("PUT", "/api/v1/systems/kivra", from_a, {"If-Match": ha["etag"], **ACTOR})[0], 200)
        status, _, problem = self.b.request("PUT", "/api/v1/systems/kivra", from_b, {"If-Match": hb["etag"], **ACTOR})
        self.assertEqual(status, 412, problem)
        self.assertEqual(self.b.request("GET", "/api/v1/systems/kivra")[2]["name"], "Kivra (A)")

    def test_concurrent_read_modify_write_loses_no_update_and_keeps_one_chain(self):
        # Writers on both instances increment a counter kept in a system's name, each with the ETag it read; a 412
        # sends it back to read again. A lost update would leave the counter below the number of acknowledged writes.
        _, h, sys0 = self.a.request("GET", "/api/v1/systems/raindance")
        sys0["name"] = "n=0"
        self.assertEqual(self.a.request("PUT", "/api/v1/systems/raindance", sys0, {"If-Match": h["etag"], **ACTOR})[0], 200)
        acknowledged, stale, other = [0], [0], []
        lock = threading.Lock()
        deadline = time.time() + 8

        def writer(server):
            n = 0
            while time.time() < deadline and n < 40:
                _, h, s = server.request("GET", "/api/v1/systems/raindance")
                s["name"] = "n=%d" % (int(s["name"][2:]) + 1)
                status, _, body = server.request("PUT", "/api/v1/systems/raindance", s, {"If-Match": h["etag"], **ACTOR})
                with lock:
                    if status == 200:
                        acknowledged[0] += 1
                        n += 1
                    elif status == 412:
                        stale[0] += 1
                    else:
                        other.append((status, body))

        threads = [threading.Thread(target=writer, args=(s,)) for s in (self.a, self.b, self.a, self.b)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(other, [])
        self.assertGreater(acknowledged[0], 10)
        for server in (self.a, self.b):
            _, h, s = server.request("GET", "/api/v1/systems/raindance")
            self.assertEqual(s["name"], "n=%d" % acknowledged[0])
            self.assertEqual(h["etag"], '"%d"' % (2 + acknowledged[0]))
        v = self.verify(self.b)
        print(f"\n  {acknowledged[0]} acknowledged writes, {stale[0]} stale (412), audit: {v['entries']} entries",
              file=sys.stderr)

    def test_restarting_postgresql_during_a_write_load_loses_no_acknowledged_write(self):
        acknowledged, unknown, errors = [], [], []
        lock = threading.Lock()
        stop = threading.Event()

        def writer(server, name):
            i = 0
            while not stop.is_set() and i < 400:
                cid = f"{name}-{i}"
                i += 1
                body = {"id": cid, "organization": "kba", "name": f"Nämnd {cid}", "kind": "committee"}
                try:
                    status, _, answer = server.request("POST", "/api/v1/committees", body, ACTOR, timeout=90)
                except Exception as e:  # a dropped connection: the outcome is unknown to the client
                    with lock:
                        unknown.append(cid)
                        errors.append(repr(e))
                    continue
                with lock:
                    if status == 201:
                        acknowledged.append(cid)
                    elif status == 503:
                        unknown.append(cid)
                    else:
                        errors.append((status, answer))

        threads = [threading.Thread(target=writer, args=(s, n)) for s, n in
                   ((self.a, "a1"), (self.a, "a2"), (self.b, "b1"), (self.b, "b2"))]
        for t in threads:
            t.start()
        time.sleep(1.5)
        before = len(acknowledged)
        self.pg.restart()  # pg_ctl restart -m fast: every session is terminated
        time.sleep(2.0)
        stop.set()
        for t in threads:
            t.join()
        self.assertEqual([e for e in errors if not isinstance(e, str)], [])
        self.assertGreater(before, 0)
        self.assertGreater(len(acknowledged), before, "no write was acknowledged after the restart")
        for server in (self.a, self.b):
            status, _, page = server.request("GET", "/api/v1/committees?limit=5000")
            self.assertEqual(status, 200)
            stored = {c["id"] for c in page["items"]}
            missing = [c for c in acknowledged if c not in stored]
            self.assertEqual(missing, [], "acknowledged writes lost")
            # Whatever is stored beyond them was written by a request whose answer was lost (503 or a dropped
            # connection), never invented.
            extra = stored - set(acknowledged) - {c["id"] for c in EXAMPLE["committees"]}
            self.assertTrue(extra <= set(unknown), extra - set(unknown))
        v = self.verify(self.a)
        self.assertEqual(self.verify(self.b)["entries"], v["entries"])
        print(f"\n  {len(acknowledged)} acknowledged ({before} before the restart), {len(unknown)} unknown, "
              f"audit: {v['entries']} entries", file=sys.stderr)


class Backup(unittest.TestCase):
    """`ansvar backup` while the service writes: SQLite's online backup, and pg_dump for PostgreSQL, restored with
    pg_restore; either copy serves the same register and its audit chain verifies."""

    def writes_during(self, server, action, n=40):
        stop, done = threading.Event(), []

        def writer():
            i = 0
            while not stop.is_set() and i < n:
                body = {"id": f"bk-{i}", "organization": "kba", "name": f"Nämnd {i}", "kind": "committee"}
                if server.request("POST", "/api/v1/committees", body, ACTOR)[0] == 201:
                    done.append(body["id"])
                i += 1
        t = threading.Thread(target=writer)
        t.start()
        time.sleep(0.2)
        try:
            return action()
        finally:
            stop.set()
            t.join()

    def check_copy(self, db, extra_db_cleanup=None):
        copy = Server(BINARY, db).start()
        try:
            status, _, v = copy.request("GET", "/api/v1/audit/verify")
            self.assertTrue(v["ok"], v)
            status, _, reg = copy.request("GET", "/api/v1/register")
            self.assertEqual(len(reg["systems"]), len(EXAMPLE["systems"]))
            self.assertGreaterEqual(v["entries"], 48)
        finally:
            copy.cleanup()

    def test_sqlite_online_backup(self):
        server = Server(BINARY).start()
        try:
            self.assertEqual(server.request("PUT", "/api/v1/register", EXAMPLE, ACTOR)[0], 200)
            target = os.path.join(server.dir, "copy.db")
            r = self.writes_during(server, lambda: subprocess.run(
                [BINARY, "backup", "--db", server.db, "--to", target], capture_output=True, text=True))
            self.assertEqual(r.returncode, 0, r.stderr)
            self.assertIn("backup written", r.stdout)
            again = subprocess.run([BINARY, "backup", "--db", server.db, "--to", target], capture_output=True, text=True)
            self.assertEqual(again.returncode, 2)  # never overwrites
            self.check_copy(target)
        finally:
            server.cleanup()

    def test_postgresql_backup_with_pg_dump_and_restore(self):
        with pg_cluster.Cluster() as pg:
            server = Server(BINARY, pg.url()).start()
            try:
                self.assertEqual(server.request("PUT", "/api/v1/register", EXAMPLE, ACTOR)[0], 200)
                dump = os.path.join(server.dir, "ansvar.dump")
                r = self.writes_during(server, lambda: subprocess.run(
                    [BINARY, "backup", "--db", pg.url(), "--to", dump], capture_output=True, text=True,
                    env=dict(os.environ, PATH=pg.bin + os.pathsep + os.environ.get("PATH", ""))))
                self.assertEqual(r.returncode, 0, r.stderr)
                restored = pg.createdb("restored")
                r = subprocess.run([os.path.join(pg.bin, "pg_restore"), "--no-owner", "-d", restored, dump],
                                   capture_output=True, text=True)
                self.assertEqual(r.returncode, 0, r.stderr)
                self.check_copy(restored)
            finally:
                server.cleanup()


if __name__ == "__main__":
    unittest.main(argv=[sys.argv[0], "-v"], verbosity=2)
