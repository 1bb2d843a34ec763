#!/usr/bin/env python3
"""`kill -9` of the real `ansvar serve` in the middle of a whole-register import, TRIALS times with a random delay
(issue 17, item 9): after every restart the register is exactly the old one or exactly the new one, and
`ansvar audit verify` passes on the database. Bounded: TRIALS trials, each a few seconds at most.

Usage: test_kill_import.py ANSVAR_BINARY SHARED_DIR [TRIALS]"""
import copy, json, os, random, subprocess, sys, threading, time, unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from server_fixture import Server  # noqa: E402

BINARY, SHARED = sys.argv[1], sys.argv[2]
TRIALS = int(sys.argv[3]) if len(sys.argv) > 3 else 100
EXAMPLE = json.load(open(os.path.join(SHARED, "spec/examples/kungsbacka-small.json")))


def grown(register, tag, count):
    """The register with `count` more systems, named after `tag`, so that two versions differ in every trial."""
    big = copy.deepcopy(register)
    template = big["systems"][0]
    for i in range(count):
        s = copy.deepcopy(template)
        s["id"], s["name"] = f"{tag}-{i}", f"System {tag} {i}"
        s["documents"] = [dict(d, id=f"{d['id']}-{tag}-{i}") for d in s.get("documents", [])]
        s["integrations"] = []
        big["systems"].append(s)
    return big


class KillDuringImport(unittest.TestCase):
    def test_the_register_is_always_old_or_new_and_the_chain_verifies(self):
        rng = random.Random(int(os.environ.get("ANSVAR_TEST_SEED", "17")))
        server = Server(BINARY).start()
        try:
            versions = {tag: grown(EXAMPLE, tag, 1500) for tag in ("a", "b")}
            bodies = {tag: json.dumps(reg).encode() for tag, reg in versions.items()}
            ids = {tag: sorted(s["id"] for s in reg["systems"]) for tag, reg in versions.items()}
            status, _, body = server.request("PUT", "/api/v1/register", versions["a"])
            self.assertEqual(status, 200, body)
            current, outcomes = "a", {"old": 0, "new": 0}
            for trial in range(TRIALS):
                target = "b" if current == "a" else "a"
                delay = rng.uniform(0.0, 1.5)

                def put():
                    try:
                        server.request("PUT", "/api/v1/register", raw=bodies[target],
                                       headers={"Content-Type": "application/json"}, timeout=60)
                    except Exception:
                        pass  # the server died under it: expected

                t = threading.Thread(target=put)
                t.start()
                time.sleep(delay)
                server.kill9()
                t.join(60)
                verified = subprocess.run([BINARY, "audit", "verify", "--db", server.db], capture_output=True, text=True)
                self.assertEqual(verified.returncode, 0, f"trial {trial}: {verified.stdout}{verified.stderr}")
                server.start()
                status, _, now = server.request("GET", "/api/v1/register")
                self.assertEqual(status, 200)
                got = sorted(s["id"] for s in now["systems"])
                self.assertIn(got, (ids[current], ids[target]), f"trial {trial} after {delay:.2f} s: neither old nor new")
                if got == ids[target]:
                    outcomes["new"] += 1
                    current = target
                else:
                    outcomes["old"] += 1
            # The chain's head kept outside the database: verify checks the chain still holds it.
            server.stop()
            anchor = subprocess.run([BINARY, "audit", "anchor", "--db", server.db], capture_output=True, text=True)
            self.assertEqual(anchor.returncode, 0, anchor.stderr)
            seq, digest = anchor.stdout.strip().split(":")
            self.assertGreater(int(seq), 0)
            self.assertRegex(digest, r"^[0-9a-f]{64}$")
            held = subprocess.run([BINARY, "audit", "verify", "--db", server.db, "--anchor", anchor.stdout.strip()],
                                  capture_output=True, text=True)
            self.assertEqual(held.returncode, 0, held.stdout + held.stderr)
            self.assertIn("holds the anchor", held.stdout)
            forged = f"{seq}:{'0' * 64}"
            lost = subprocess.run([BINARY, "audit", "verify", "--db", server.db, "--anchor", forged],
                                  capture_output=True, text=True)
            self.assertEqual(lost.returncode, 1, lost.stdout + lost.stderr)
            self.assertIn("BROKEN", lost.stdout)
            print(f"\n{TRIALS} kill -9 trials during a whole-register import: the old register {outcomes['old']} times, "
                  f"the new one {outcomes['new']} times; audit verify passed every time", flush=True)
        finally:
            server.cleanup()


if __name__ == "__main__":
    unittest.main(argv=[sys.argv[0], "-v"], verbosity=2, warnings="ignore")
