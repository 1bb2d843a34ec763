#!/usr/bin/env python3
"""Bad input to `ansvar check` exits 2 with a message naming the JSON path; good input exits 0 (or 1 with --fail-on)."""
import json, os, subprocess, sys, tempfile

ansvar = sys.argv[1]
failures = 0

def run(args, data=None):
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "register.json")
        if data is not None:
            with open(path, "wb") as f:
                f.write(data if isinstance(data, bytes) else data.encode())
        p = subprocess.run([ansvar] + [a.replace("{f}", path) for a in args], capture_output=True, timeout=120)
        return p.returncode, p.stdout.decode(errors="replace"), p.stderr.decode(errors="replace")

def expect(name, args, data, code, needle=None):
    global failures
    rc, out, err = run(args, data)
    ok = rc == code and (needle is None or needle in err)
    print(("ok   " if ok else "FAIL ") + name + ("" if ok else f": exit {rc}, stderr {err[:300]!r}"))
    failures += 0 if ok else 1

system = {"id": "s", "name": "S", "category": "platform", "scope": "municipality_wide", "lifecycle": "active"}
good = {"format": "ansvar-register/1", "as_of": "2025-02-10", "systems": [system]}
doc = json.dumps(good)

expect("good register", ["check", "{f}"], doc, 0)
expect("good register, json", ["check", "{f}", "--format", "json"], doc, 0)
expect("fail-on error", ["check", "{f}", "--fail-on", "error"], doc, 1)
expect("truncated JSON", ["check", "{f}"], doc[: len(doc) // 2], 2, "$")
expect("wrong format tag", ["check", "{f}"], doc.replace("ansvar-register/1", "ansvar-register/9"), 2, "$.format")
dangling = dict(good, systems=[dict(system, roles=[{"role": "owner", "person": "p-9"}])])
expect("dangling reference", ["check", "{f}"], json.dumps(dangling), 2, '$.systems[0].roles[0].person: unknown person "p-9"')
expect("unknown enum value", ["check", "{f}"], doc.replace('"platform"', '"spaceship"'), 2, "$.systems[0].category")
expect("wrong type", ["check", "{f}"], json.dumps(dict(good, systems=[dict(system, fee="yes")])), 2, "$.systems[0].fee")
expect("not an object", ["check", "{f}"], "[]", 2, "$")
expect("empty file", ["check", "{f}"], "", 2, "$")
expect("missing file", ["check", "/nonexistent/register.json"], None, 2)
expect("bad --as-of", ["check", "{f}", "--as-of", "tomorrow"], doc, 2, "--as-of")
expect("unknown option", ["check", "{f}", "--colour"], doc, 2)
garbage = os.urandom(1 << 20) * 50  # 50 MB of random bytes
expect("50 MB of garbage", ["check", "{f}"], garbage, 2, "$")
expect("50 MB of JSON-looking garbage", ["check", "{f}"], b'{"format":"ansvar-register/1","systems":[' + b'[' * (50 << 20), 2, "$")

print(f"bad_input: {failures} failed")
sys.exit(1 if failures else 0)
