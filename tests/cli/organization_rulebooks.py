#!/usr/bin/env python3
"""Several organizations in one register, each judged by its own rulebook (cooperation-and-decisions.md §1), through
the command line: `check`, `derive` and `rulebook --organization`, on the rule cases' base register with a
municipality of Dalarna beside Kungsbacka."""
import json, os, subprocess, sys, tempfile

ansvar, base_path = sys.argv[1], sys.argv[2]
failures = 0

def check(name, ok, info=""):
    global failures
    print(("ok   " if ok else "FAIL ") + name + ("" if ok else ": " + info))
    failures += 0 if ok else 1

def run(args):
    p = subprocess.run([ansvar] + args, capture_output=True, timeout=120)
    return p.returncode, p.stdout.decode(), p.stderr.decode()

with open(base_path, encoding="utf-8") as f:
    reg = json.load(f)
# Falun sets require_dpa_delegation false (no KF 33 of its own) and keeps no delegations; Kungsbacka's board lacks one.
reg["organizations"].append({"id": "falun", "name": "Falu kommun", "kind": "municipality",
                             "rulebook": {"require_dpa_delegation": False, "dpia_threshold": 3}})
reg["committees"] += [{"id": "falun-ks", "organization": "falun", "name": "Kommunstyrelsen", "kind": "executive_board"},
                      {"id": "falun-kfn", "organization": "falun", "name": "Kultur- och fritidsnämnden", "kind": "committee"}]
reg["delegations"] = [d for d in reg["delegations"] if not (d["committee"] == "mh" and d["matter"] == "decide_dpa_municipality_wide")]

with tempfile.TemporaryDirectory() as d:
    path = os.path.join(d, "register.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(reg, f)
    rc, out, err = run(["check", path, "--format", "json"])
    check("check exits 0", rc == 0, err)
    findings = json.loads(out)["findings"] if rc == 0 else []
    kf33 = sorted(f["subject"]["id"] for f in findings if f["rule"] == "R-DELEG-KF33")
    check("R-DELEG-KF33 only for Kungsbacka's committee", kf33 == ["mh"], str(kf33))

    rc, out, err = run(["rulebook", path, "--organization", "falun"])
    falun = json.loads(out) if rc == 0 else {}
    check("Falun's effective rulebook has its own settings",
          falun.get("require_dpa_delegation") is False and falun.get("dpia_threshold") == 3, err or str(falun)[:200])
    rc, out, err = run(["rulebook", path, "--organization", "kba"])
    kba = json.loads(out) if rc == 0 else {}
    check("Kungsbacka keeps the defaults", kba.get("require_dpa_delegation") is True and kba.get("dpia_threshold") == 2)
    rc, out, err = run(["rulebook", path, "--organization", "nowhere"])
    check("an unknown organization exits 2 naming it", rc == 2 and "nowhere" in err, f"exit {rc} {err}")

    reg["organizations"][-1]["rulebook"] = {"dpia_threshold": "three"}
    with open(path, "w", encoding="utf-8") as f:
        json.dump(reg, f)
    rc, out, err = run(["check", path])
    check("a bad organization rulebook exits 2 naming its path",
          rc == 2 and "$.organizations[3].rulebook.dpia_threshold" in err, f"exit {rc} {err}")

sys.exit(1 if failures else 0)
