#!/usr/bin/env python3
"""The annual cycle through real HTTP and real SMTP on 127.0.0.1: GET /api/v1/due, calendar feeds read by a real
iCalendar parser (python3-icalendar) with token rotation, operational messages and their Atom feed (xml.etree),
R-MSG-STALE in the findings, and reminder digests delivered to an SMTP server started here (python3-aiosmtpd, with
AUTH), including a server killed in the middle of a send and started again: every reminder arrives exactly once.

Usage: test_cycle.py ANSVAR_BINARY"""
import os, sys

try:
    import aiosmtpd  # noqa: F401
    import icalendar  # noqa: F401
except ImportError:
    # Debian's python3-aiosmtpd and python3-icalendar live in the system interpreter; another python3 may be first
    # on PATH (pyenv).
    if os.path.exists("/usr/bin/python3") and os.path.realpath(sys.executable) != os.path.realpath("/usr/bin/python3") \
            and not os.environ.get("ANSVAR_REEXEC"):
        os.environ["ANSVAR_REEXEC"] = "1"
        os.execv("/usr/bin/python3", ["/usr/bin/python3"] + sys.argv)
    raise

import asyncio, datetime, email, email.policy, json, re, shutil, socket, subprocess, tempfile, threading, time, unittest
import xml.etree.ElementTree as ET
from zoneinfo import ZoneInfo

import logging, warnings
import icalendar
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from server_fixture import Server, acting_as, fresh_database

# The test server requires AUTH without TLS on 127.0.0.1 on purpose; aiosmtpd warns about that on every session.
warnings.filterwarnings("ignore", message="Requiring AUTH while not requiring TLS")
warnings.simplefilter("ignore", ResourceWarning)
logging.getLogger("mail.log").setLevel(logging.ERROR)

BINARY = sys.argv[1]
ACTOR = acting_as("anna.dpo")  # an admin account of that name, with an API token (server_fixture.py)
STOCKHOLM = ZoneInfo("Europe/Stockholm")
NOW = datetime.datetime.now(datetime.timezone.utc)
TODAY = NOW.astimezone(STOCKHOLM).date()
SMTP_USER, SMTP_PASSWORD = "ansvar", "hemligt-lösen"
# Who gets a digest within the lead time (14 days): the DPO (breach clock, management review), the owner (the
# contract ends in 5 days), the steward (access and log reviews).
EXPECTED = {"dora@kungsbacka.test", "asa.agare@kungsbacka.test", "sven@kungsbacka.test"}


def day(offset):
    return (TODAY + datetime.timedelta(days=offset)).isoformat()


def register():
    """A small municipality whose deadlines fall in the next days, whatever today is."""
    aware = (NOW - datetime.timedelta(hours=10)).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")
    last_review = TODAY.replace(year=TODAY.year - 1) if not (TODAY.month == 2 and TODAY.day == 29) else TODAY.replace(year=TODAY.year - 1, day=28)
    return {
        "format": "ansvar-register/1",
        "organizations": [{"id": "kba", "name": "Kungsbacka kommun", "kind": "municipality", "dpo": "p-dpo",
                           "management_review_on": (last_review + datetime.timedelta(days=3)).isoformat()}],
        "committees": [{"id": "ks", "organization": "kba", "name": "Kommunstyrelsen", "kind": "executive_board"},
                       {"id": "bn", "organization": "kba", "name": "Byggnadsnämnden", "kind": "committee"}],
        "administrations": [
            {"id": "ksf", "organization": "kba", "name": "Kommunstyrelsens förvaltning", "committees": ["ks"]},
            {"id": "bmf", "organization": "kba", "name": "Bygg- och miljöförvaltningen", "committees": ["bn"]}],
        "people": [
            {"id": "p-owner", "name": "Åsa Ägare", "administration": "bmf", "title": "administration_director",
             "email": "asa.agare@kungsbacka.test"},
            {"id": "p-budget", "name": "Berit Budget", "administration": "bmf", "title": "manager",
             "email": "berit@kungsbacka.test"},
            {"id": "p-steward", "name": "Sven Förvaltare", "administration": "bmf", "title": "employee",
             "email": "sven@kungsbacka.test"},
            {"id": "p-dpo", "name": "Dora Dataskydd", "administration": "ksf", "title": "employee",
             "email": "dora@kungsbacka.test"}],
        "systems": [{
            "id": "ecos", "name": "Ecos", "category": "business_system", "scope": "administration_specific",
            "owner_administration": "bmf", "used_by": ["bmf"], "personal_data": True, "lifecycle": "active",
            "roles": [{"role": "owner", "person": "p-owner"}, {"role": "budget_holder", "person": "p-budget"},
                      {"role": "system_steward", "person": "p-steward"}],
            "documents": [{"id": "k1", "kind": "base_contract", "valid_from": "2020-01-01", "valid_to": day(5),
                           "diary_number": "BMF-2020-1"},
                          # A DPA being negotiated: the committee's delegate (Åsa) decides on the processor first.
                          {"id": "dpa1", "kind": "dpa", "diary_number": "BMF-2026-7"},
                          # Next year's management plan, waiting for the budget holder's approval (Berit).
                          {"id": "plan-next", "kind": "management_plan", "year": TODAY.year + 1}],
            "supplier": "Ecos Leverantör AB",
            "reviews": [{"kind": "access_review", "done_on": day(-360)}, {"kind": "log_review", "done_on": day(-360)}]}],
        "delegations": [{"id": "deleg-bn-dpa", "committee": "bn", "matter": "decide_dpa", "delegate_person": "p-owner",
                         "decision": "BN 2024-09-24 § 101", "valid_from": day(-400), "valid_to": day(400)}],
        "incidents": [{"id": "i1", "system": "ecos", "aware_at": aware, "controllers": ["bn"], "handler": "bn",
                       "assessment": None, "dpo_informed": True}],
        "data_subject_requests": [{"id": "r1", "received_on": day(-20), "kind": "access", "controllers": ["bn"]}],
    }


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


class Mailbox:
    """An aiosmtpd handler that keeps what it accepts; stall_next makes the next transaction hang at RCPT TO."""

    def __init__(self):
        self.messages = []
        self.lock = threading.Lock()
        self.stall_next = False
        self.stalled = threading.Event()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.stall_next:
            self.stall_next = False
            self.stalled.set()
            await asyncio.sleep(20)  # the sender is killed meanwhile: this transaction never completes
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        msg = email.message_from_bytes(envelope.original_content, policy=email.policy.default)
        with self.lock:
            self.messages.append({"from": envelope.mail_from, "to": list(envelope.rcpt_tos), "msg": msg,
                                  "authenticated": session.authenticated})
        return "250 Message accepted for delivery"

    def snapshot(self):
        with self.lock:
            return list(self.messages)


def authenticator(server, session, envelope, mechanism, auth_data):
    ok = isinstance(auth_data, LoginPassword) and auth_data.login == SMTP_USER.encode() and \
        auth_data.password == SMTP_PASSWORD.encode()
    return AuthResult(success=ok)


def start_smtp(mailbox):
    port = free_port()
    c = Controller(mailbox, hostname="127.0.0.1", port=port, authenticator=authenticator, auth_required=True,
                   auth_require_tls=False)
    c.start()
    return c, port


def unfold_lines(raw):
    return raw.split(b"\r\n")


class Cycle(unittest.TestCase):
    """Due items, calendars, messages: one server without reminders."""

    @classmethod
    def setUpClass(cls):
        cls.server = Server(BINARY).start()
        status, _, answer = cls.server.request("PUT", "/api/v1/register", body=register(), headers=ACTOR)
        assert status == 200, answer

    @classmethod
    def tearDownClass(cls):
        cls.server.cleanup()

    def req(self, *args, **kwargs):
        return self.server.request(*args, **kwargs)

    def test_due_items_have_the_shape_the_web_interface_reads(self):
        status, _, answer = self.req("GET", f"/api/v1/due?from={day(-30)}&to={day(60)}")
        self.assertEqual(status, 200, answer)
        items = answer["items"]
        self.assertTrue(items)
        for it in items:
            for key in ("rule", "severity", "subject", "title", "due", "state", "person", "role"):
                self.assertIn(key, it)
            self.assertIn(it["state"], ("upcoming", "due", "overdue", "done"))
            self.assertRegex(it["due"], r"^\d{4}-\d{2}-\d{2}$")
            self.assertTrue(it["person"] is None or set(it["person"]) >= {"id", "name"})
            self.assertEqual(set(it["subject"]) >= {"type", "id"}, True)
        by_rule = {(i["rule"], (i["person"] or {}).get("id")): i for i in items}
        contract = by_rule[("R-CONTRACT-EXPIRY", "p-owner")]
        self.assertEqual((contract["due"], contract["state"], contract["role"]), (day(5), "due", "owner"))
        breach = by_rule[("R-INC-72H", "p-dpo")]
        self.assertEqual((breach["role"], breach["committee"]["id"], breach["state"]), ("dpo", "bn", "due"))
        self.assertTrue(breach["due_at"].endswith("Z"))
        dsar = [i for i in items if i["rule"] == "R-DSAR-DEADLINE"][0]
        self.assertIsNone(dsar["person"])
        self.assertEqual(dsar["committee"]["id"], "bn")

        status, _, mine = self.req("GET", f"/api/v1/due?person=p-dpo&from={day(-30)}&to={day(60)}")
        self.assertEqual(status, 200)
        self.assertTrue(mine["items"])
        self.assertTrue(all(i["person"]["id"] == "p-dpo" for i in mine["items"]))
        status, _, due = self.req("GET", f"/api/v1/due?state=due&from={day(-30)}&to={day(60)}")
        self.assertTrue(all(i["state"] == "due" for i in due["items"]))
        status, _, adm = self.req("GET", f"/api/v1/due?administration=ksf&from={day(-30)}&to={day(60)}")
        self.assertEqual({i["rule"] for i in adm["items"]} & {"R-CONTRACT-EXPIRY"}, set())  # not ksf's system
        self.assertEqual(self.req("GET", "/api/v1/due?from=2025-02-30")[0], 400)
        self.assertEqual(self.req("GET", "/api/v1/due?state=late")[0], 400)
        self.assertEqual(self.req("GET", "/api/v1/due?person=nobody")[0], 404)
        self.assertEqual(self.req("GET", "/api/v1/due?from=2020-01-01&to=2030-01-01")[0], 400)

    def feed(self, scope, ident):
        status, headers, answer = self.req("POST", "/api/v1/calendar/tokens", body={"scope": scope, "id": ident},
                                           headers=ACTOR)
        self.assertEqual(status, 201, answer)
        self.assertEqual(headers.get("cache-control"), "no-store")
        self.assertTrue(answer["url"].endswith(".ics"))
        self.assertTrue(answer["webcal"].startswith("webcal://"))
        return answer

    def fetch(self, path):
        status, headers, raw = self.req("GET", path)
        return status, headers, raw

    def check_ics(self, raw):
        self.assertTrue(raw.endswith(b"\r\n"))
        for line in unfold_lines(raw)[:-1]:
            self.assertLessEqual(len(line), 75, line)  # folded at 75 octets
        self.assertNotIn(b"\n", raw.replace(b"\r\n", b""))  # CRLF only
        cal = icalendar.Calendar.from_ical(raw)
        self.assertEqual(cal["VERSION"], "2.0")
        events = [c for c in cal.walk("VEVENT")]
        uids = [str(e["UID"]) for e in events]
        self.assertEqual(len(uids), len(set(uids)), "UIDs are unique within a feed")
        for e in events:
            self.assertIn("DTSTAMP", e)
            self.assertTrue(str(e["UID"]).endswith("@ansvar"))
        return cal, events

    def test_person_feed_is_valid_icalendar_with_stable_uids_and_rotates(self):
        issued = self.feed("person", "p-dpo")
        status, headers, raw = self.fetch(issued["path"])
        self.assertEqual(status, 200)
        self.assertTrue(headers["content-type"].startswith("text/calendar"))
        cal, events = self.check_ics(raw)
        self.assertIn("Dora Dataskydd", str(cal["X-WR-CALNAME"]))
        by_uid = {str(e["UID"]): e for e in events}
        breach = by_uid["r-inc-72h.incident.i1.%d.notify.p-dpo@ansvar" % (
            (NOW - datetime.timedelta(hours=10) + datetime.timedelta(hours=72)).astimezone(STOCKHOLM).year)]
        start = breach["DTSTART"].dt
        self.assertIsInstance(start, datetime.datetime)  # an instant, in UTC
        self.assertEqual(start.utcoffset(), datetime.timedelta(0))
        self.assertEqual(start, (NOW - datetime.timedelta(hours=10) + datetime.timedelta(hours=72)).replace(microsecond=0))
        lis = [e for e in events if str(e["UID"]).startswith("r-lis-review.organization.kba.")][0]
        self.assertIsInstance(lis["DTSTART"].dt, datetime.date)
        self.assertNotIsInstance(lis["DTSTART"].dt, datetime.datetime)  # an all-day event
        self.assertEqual(lis["DTEND"].dt - lis["DTSTART"].dt, datetime.timedelta(days=1))
        self.assertIn("Ansvarig", str(lis["DESCRIPTION"]))

        # The same feed again: the same UIDs (a subscribed calendar replaces, never duplicates).
        _, _, again = self.fetch(issued["path"])
        self.assertEqual(sorted(by_uid), sorted(str(e["UID"]) for e in self.check_ics(again)[1]))

        # Rotation: a new token for the same scope; the old URL stops working at once.
        rotated = self.feed("person", "p-dpo")
        self.assertNotEqual(rotated["token"], issued["token"])
        self.assertEqual(self.fetch(issued["path"])[0], 404)
        self.assertEqual(self.fetch(rotated["path"])[0], 200)
        self.assertEqual(self.fetch("/api/v1/calendar/" + "0" * 64 + ".ics")[0], 404)
        status, _, listed = self.req("GET", "/api/v1/calendar/tokens")
        self.assertIn({"scope": "person", "id": "p-dpo"}, [{"scope": t["scope"], "id": t["id"]} for t in listed["items"]])
        self.assertNotIn(rotated["token"], json.dumps(listed))
        self.assertEqual(self.req("DELETE", "/api/v1/calendar/tokens?scope=person&id=p-dpo", headers=ACTOR)[0], 204)
        self.assertEqual(self.fetch(rotated["path"])[0], 404)

    def test_person_feeds_carry_the_task_list(self):
        """The feed of a person carries what "Mina uppgifter" lists: a decision waiting for the delegate, an approval
        waiting for the budget holder, each as the act (with its link), the due item it stands for not repeated."""
        for person, kind, title, act in (
                ("p-owner", "decide", "Besluta om personuppgiftsbiträde för Ecos", "/api/v1/systems/ecos/dpa_decision"),
                ("p-budget", "approve", "Godkänn förvaltningsplanen %d" % (TODAY.year + 1),
                 "/api/v1/systems/ecos/documents/plan-next/approve")):
            issued = self.feed("person", person)
            _, _, raw = self.fetch(issued["path"])
            _, events = self.check_ics(raw)
            tasks = [e for e in events if kind in [str(c) for c in e["CATEGORIES"].cats]]
            self.assertEqual(len(tasks), 1, [str(e["SUMMARY"]) for e in events])
            e = tasks[0]
            self.assertEqual(str(e["SUMMARY"]), title + " – Ecos")
            self.assertIn(act, str(e["DESCRIPTION"]))
            self.assertTrue(str(e["URL"]).endswith("/systems/ecos/acts"), str(e["URL"]))
            if kind == "approve":
                # The plan's approval due item is the act now: one event, with the due item's UID.
                self.assertFalse([x for x in events if str(x["UID"]) != str(e["UID"])
                                  and "Godkänn förvaltningsplanen för %d" % (TODAY.year + 1) in str(x["SUMMARY"])],
                                 [str(x["SUMMARY"]) for x in events])
                self.assertTrue(str(e["UID"]).startswith("r-plan-annual.system.ecos.%d.approve.p-budget" % (TODAY.year + 1)), str(e["UID"]))

    def test_organization_and_administration_feeds(self):
        org = self.feed("organization", "kba")
        _, _, raw = self.fetch(org["path"])
        _, events = self.check_ics(raw)
        rules = {str(e["CATEGORIES"].cats[0]) for e in events}
        self.assertTrue({"R-CONTRACT-EXPIRY", "R-INC-72H", "R-LIS-REVIEW", "R-DSAR-DEADLINE"} <= rules, rules)
        adm = self.feed("administration", "bmf")
        _, _, raw = self.fetch(adm["path"])
        _, events = self.check_ics(raw)
        self.assertIn("R-CONTRACT-EXPIRY", {str(e["CATEGORIES"].cats[0]) for e in events})
        self.assertEqual(self.req("POST", "/api/v1/calendar/tokens", body={"scope": "team", "id": "x"}, headers=ACTOR)[0], 400)
        self.assertEqual(self.req("POST", "/api/v1/calendar/tokens", body={"scope": "person", "id": "nobody"}, headers=ACTOR)[0], 404)

    def test_operational_messages_atom_and_stale_findings(self):
        status, _, bad = self.req("POST", "/api/v1/messages", body={"type": "crisis", "title": "x"}, headers=ACTOR)
        self.assertEqual(status, 422, bad)
        paths = {e["path"] for e in bad["errors"]}
        self.assertTrue({"$.status", "$.system"} <= paths, paths)
        msg = {"type": "crisis", "priority": "high", "status": "major_impact", "title": "Ecos ligger nere",
               "body": "Inloggningen fungerar inte. Vi felsöker & återkommer.", "system": "ecos"}
        status, headers, created = self.req("POST", "/api/v1/messages", body=msg, headers=ACTOR)
        self.assertEqual(status, 201, created)
        mid = created["id"]
        self.assertEqual(headers["location"], "/api/v1/messages/" + mid)
        self.assertEqual((created["colour"], created["status_text"]["sv"], created["targets"], created["published"]),
                         ("purple", "Stor påverkan", ["bmf"], True))
        info = {"type": "information", "status": "limited_impact", "title": "Planerat underhåll", "system": "ecos",
                "administrations": ["ksf"]}
        self.assertEqual(self.req("POST", "/api/v1/messages", body=info, headers=ACTOR)[0], 201)

        status, _, listed = self.req("GET", "/api/v1/messages?published=true&administration=bmf")
        self.assertEqual([m["id"] for m in listed["items"]], [mid])

        # The Atom feed, read by an XML parser.
        status, headers, raw = self.req("GET", "/api/v1/messages.atom")
        self.assertEqual(status, 200)
        self.assertTrue(headers["content-type"].startswith("application/atom+xml"))
        ns = {"a": "http://www.w3.org/2005/Atom"}
        root = ET.fromstring(raw)
        self.assertEqual(root.tag, "{http://www.w3.org/2005/Atom}feed")
        for tag in ("id", "title", "updated"):
            self.assertIsNotNone(root.find("a:" + tag, ns))
        entries = root.findall("a:entry", ns)
        self.assertEqual(len(entries), 2)
        first = entries[0]  # high priority first
        self.assertEqual(first.find("a:id", ns).text, "urn:ansvar:message:" + mid)
        self.assertIn("Ecos ligger nere", first.find("a:title", ns).text)
        self.assertEqual(first.find("a:content", ns).text, msg["body"])
        terms = {(c.get("scheme"), c.get("term")) for c in first.findall("a:category", ns)}
        self.assertIn(("urn:ansvar:message:colour", "purple"), terms)
        datetime.datetime.strptime(first.find("a:updated", ns).text, "%Y-%m-%dT%H:%M:%SZ")

        # Resolved now; more than message_stale_days (3) later it is stale: R-MSG-STALE until taken down.
        _, headers, current = self.req("GET", "/api/v1/messages/" + mid)
        resolved = dict(msg, status="resolved", title="Ecos fungerar igen")
        self.assertEqual(self.req("PUT", "/api/v1/messages/" + mid, body=resolved, headers=ACTOR)[0], 428)
        status, headers, after = self.req("PUT", "/api/v1/messages/" + mid, body=resolved,
                                          headers=dict(ACTOR, **{"If-Match": headers["etag"]}))
        self.assertEqual(status, 200, after)
        self.assertEqual(after["colour"], "green")
        self.assertIsNotNone(after["resolved_at"])
        later = (NOW + datetime.timedelta(days=4)).strftime("%Y-%m-%dT%H:%M:%SZ")
        status, _, findings = self.req("GET", f"/api/v1/findings?rule=R-MSG-STALE&as_of={later}")
        self.assertEqual(status, 200)
        self.assertEqual([(f["subject"]["id"], f["detail"]["message"]) for f in findings["findings"]], [("ecos", mid)])
        _, _, now_findings = self.req("GET", "/api/v1/findings?rule=R-MSG-STALE")
        self.assertEqual(now_findings["findings"], [])
        status, _, down = self.req("PUT", "/api/v1/messages/" + mid, body=dict(resolved, taken_down=True),
                                   headers=dict(ACTOR, **{"If-Match": headers["etag"]}))
        self.assertEqual(status, 200, down)
        self.assertTrue(down["taken_down"])
        self.assertEqual(self.req("GET", f"/api/v1/findings?rule=R-MSG-STALE&as_of={later}")[2]["findings"], [])

        status, _, history = self.req("GET", f"/api/v1/messages/{mid}/history")
        self.assertEqual([e["action"] for e in history["entries"]], ["update", "update", "create"])
        self.assertEqual(history["entries"][-1]["actor"]["id"], "anna.dpo")
        _, headers, _ = self.req("GET", "/api/v1/messages/" + mid)
        self.assertEqual(self.req("DELETE", "/api/v1/messages/" + mid, headers=dict(ACTOR, **{"If-Match": headers["etag"]}))[0], 204)
        self.assertEqual(self.req("GET", "/api/v1/messages/" + mid)[0], 404)

    def test_the_due_command_reads_a_file_or_the_database(self):
        path = os.path.join(self.server.dir, "register.json")
        with open(path, "w") as f:
            json.dump(register(), f)
        run = lambda *args: subprocess.run([BINARY, "due", *args], capture_output=True, text=True, timeout=120)
        out = run(path, "--format", "json", "--person", "p-owner", "--from", day(0), "--to", day(30))
        self.assertEqual(out.returncode, 0, out.stderr)
        items = json.loads(out.stdout)["items"]
        self.assertIn(("R-CONTRACT-EXPIRY", day(5), "due"), {(i["rule"], i["due"], i["state"]) for i in items})
        self.assertTrue(all(i["person"]["id"] == "p-owner" for i in items))
        text = run(path, "--today", day(0), "--lang", "en")
        self.assertEqual(text.returncode, 0, text.stderr)
        self.assertIn("Decide to extend or terminate the contract", text.stdout)
        db = run("--db", self.server.db, "--format", "json", "--from", day(0), "--to", day(30))
        self.assertEqual(db.returncode, 0, db.stderr)
        self.assertIn("R-CONTRACT-EXPIRY", {i["rule"] for i in json.loads(db.stdout)["items"]})
        self.assertEqual(run(path, "--person", "nobody").returncode, 2)
        self.assertEqual(run().returncode, 2)
        self.assertEqual(run(path, "--from", "2025-13-01").returncode, 2)

    def test_routes_are_in_the_openapi_description(self):
        _, _, spec = self.req("GET", "/api/v1/openapi.json")
        for path in ("/api/v1/due", "/api/v1/calendar/tokens", "/api/v1/calendar/{feed}", "/api/v1/messages",
                     "/api/v1/messages/{id}", "/api/v1/messages.atom"):
            self.assertIn(path, spec["paths"])


class Reminders(unittest.TestCase):
    """Digests over SMTP with AUTH: once per item and stage, across a kill -9 in the middle of a send."""

    def setUp(self):
        self.mailbox = Mailbox()
        self.smtp, self.port = start_smtp(self.mailbox)
        self.dir = tempfile.mkdtemp(prefix="ansvar-cycle-")
        self.db = fresh_database(self.dir)
        self.secret = os.path.join(self.dir, "smtp-password")
        with open(self.secret, "w") as f:
            f.write(SMTP_PASSWORD + "\n")
        self.servers = []

    def tearDown(self):
        for s in self.servers:
            s.cleanup()
        self.smtp.stop()
        shutil.rmtree(self.dir, ignore_errors=True)

    def start(self):
        """`ansvar serve` on the test's database, mailing to the test's SMTP server."""
        extra = ["--smtp-url", f"smtp://127.0.0.1:{self.port}", "--smtp-user", SMTP_USER, "--smtp-password-file",
                 self.secret, "--smtp-timeout", "2", "--mail-from", "ansvar@kungsbacka.test", "--reminder-lead-days",
                 "14,1", "--reminder-interval", "0.3", "--public-url", "http://ansvar.kungsbacka.test/"]
        server = Server(BINARY, self.db, extra=extra)
        self.servers.append(server)
        return server.start()

    def log(self, server):
        with open(os.path.join(server.dir, "server.log")) as f:
            return f.read()

    def wait_for(self, predicate, timeout=60):
        deadline = time.time() + timeout
        while time.time() < deadline:
            got = predicate()
            if got:
                return got
            time.sleep(0.1)
        self.fail("timed out; mailbox: " + repr([(m["to"], str(m["msg"]["Subject"])) for m in self.mailbox.snapshot()]))

    def recipients(self):
        return sorted(r for m in self.mailbox.snapshot() for r in m["to"])

    def test_digests_arrive_once_per_person_and_stage(self):
        server = self.start()
        status, _, answer = server.request("PUT", "/api/v1/register", body=register(), headers=ACTOR)
        self.assertEqual(status, 200, answer)
        # The DPO (breach clock, management review), the owner (contract), the steward (access and log reviews).
        self.wait_for(lambda: EXPECTED <= set(self.recipients()))
        time.sleep(2)  # several more scheduler passes
        messages = self.mailbox.snapshot()
        tos = [r for m in messages for r in m["to"]]
        self.assertEqual(len(tos), len(set(tos)), "never the same digest twice: " + repr(tos))
        dora = [m for m in messages if m["to"] == ["dora@kungsbacka.test"]][0]
        self.assertTrue(dora["authenticated"])
        msg = dora["msg"]
        self.assertIn("saker att göra", str(msg["Subject"]))  # RFC 2047, decoded
        self.assertEqual(msg["Auto-Submitted"], "auto-generated")
        self.assertRegex(msg["Message-ID"], r"^<reminder-[0-9a-f]{32}@ansvar>$")
        body = msg.get_content()
        self.assertIn("Anmäl personuppgiftsincidenten till IMY", body)
        self.assertIn("Följ upp ledningssystemet för dataskydd", body)
        self.assertIn("http://ansvar.kungsbacka.test/incidents/i1", body)
        asa = [m for m in messages if m["to"] == ["asa.agare@kungsbacka.test"]][0]["msg"]
        self.assertIn("Besluta om förlängning eller uppsägning av avtalet", asa.get_content())
        sven = [m for m in messages if m["to"] == ["sven@kungsbacka.test"]][0]["msg"]
        self.assertIn("Gå igenom behörigheterna", sven.get_content())
        # The digest carries the task list too: the decision waiting for the committee's delegate (Åsa) and the plan
        # waiting for the budget holder's approval (Berit), each with the link where it is done, once.
        self.wait_for(lambda: "berit@kungsbacka.test" in self.recipients())
        asa = "".join(m["msg"].get_content() for m in self.mailbox.snapshot() if m["to"] == ["asa.agare@kungsbacka.test"])
        self.assertIn("Väntar på dig", asa)
        self.assertEqual(asa.count("Besluta om personuppgiftsbiträde för Ecos"), 1, asa)
        self.assertIn("http://ansvar.kungsbacka.test/systems/ecos/acts", asa)
        berit = [m for m in self.mailbox.snapshot() if m["to"] == ["berit@kungsbacka.test"]]
        self.assertEqual(len(berit), 1)
        body = berit[0]["msg"].get_content()
        self.assertEqual(body.count("Godkänn förvaltningsplanen %d" % (TODAY.year + 1)), 1, body)
        self.assertIn("http://ansvar.kungsbacka.test/systems/ecos/acts", body)

    def test_a_restart_in_the_middle_of_a_send_neither_loses_nor_doubles(self):
        self.mailbox.stall_next = True
        first = self.start()
        status, _, answer = first.request("PUT", "/api/v1/register", body=register(), headers=ACTOR)
        self.assertEqual(status, 200, answer)
        self.assertTrue(self.mailbox.stalled.wait(30), "the first digest never reached the SMTP server")
        first.kill9()  # in the middle of the SMTP transaction: its claims stay "sending"
        self.assertEqual(self.mailbox.snapshot(), [], "nothing was accepted before the kill")

        # Started again on the same database: the dead process's claims are taken over once their lease (the SMTP
        # timeout + 5 s) has run out, and sent; everything else is sent as usual.
        second = self.start()
        self.wait_for(lambda: EXPECTED <= set(self.recipients()), timeout=60)
        self.wait_for(lambda: re.search(r"[1-9]\d* resumed", self.log(second)), timeout=30)
        time.sleep(2)
        tos = self.recipients()
        self.assertEqual(len(tos), len(set(tos)), "each digest exactly once: " + repr(tos))
        second.stop()

        # And once more: nothing new is sent.
        count = len(self.mailbox.snapshot())
        third = self.start()
        time.sleep(2)
        self.assertEqual(len(self.mailbox.snapshot()), count)
        third.stop()

class RemindersOverStartTls(unittest.TestCase):
    """`smtp://` with --smtp-require-tls: STARTTLS against a server that refuses mail before it, with a certificate
    checked against --smtp-ca-file; a certificate the client cannot verify sends nothing."""

    def setUp(self):
        import ssl
        self.dir = tempfile.mkdtemp(prefix="ansvar-starttls-")
        self.cert, key = os.path.join(self.dir, "cert.pem"), os.path.join(self.dir, "key.pem")
        subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj",
                        "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", key, "-out", self.cert],
                       check=True, capture_output=True)
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(self.cert, key)
        self.mailbox = Mailbox()
        self.port = free_port()
        self.smtp = Controller(self.mailbox, hostname="127.0.0.1", port=self.port, authenticator=authenticator,
                               auth_required=True, auth_require_tls=True, require_starttls=True,
                               tls_context=context)
        self.smtp.start()
        self.secret = os.path.join(self.dir, "smtp-password")
        with open(self.secret, "w") as f:
            f.write(SMTP_PASSWORD + "\n")
        self.server = None

    def tearDown(self):
        if self.server:
            self.server.cleanup()
        self.smtp.stop()
        shutil.rmtree(self.dir, ignore_errors=True)

    def start(self, ca_file):
        extra = ["--smtp-url", f"smtp://127.0.0.1:{self.port}", "--smtp-user", SMTP_USER, "--smtp-password-file",
                 self.secret, "--smtp-require-tls", "--smtp-timeout", "5", "--mail-from", "ansvar@kungsbacka.test",
                 "--reminder-lead-days", "14,1", "--reminder-interval", "0.3"]
        if ca_file:
            extra += ["--smtp-ca-file", ca_file]
        self.server = Server(BINARY, fresh_database(self.dir), extra=extra).start()
        status, _, answer = self.server.request("PUT", "/api/v1/register", body=register(), headers=ACTOR)
        self.assertEqual(status, 200, answer)

    def test_digests_go_over_starttls_with_the_certificate_checked(self):
        self.start(self.cert)
        deadline = time.time() + 60
        while time.time() < deadline and not EXPECTED <= {r for m in self.mailbox.snapshot() for r in m["to"]}:
            time.sleep(0.1)
        messages = self.mailbox.snapshot()
        self.assertTrue(EXPECTED <= {r for m in messages for r in m["to"]}, repr(messages))
        self.assertTrue(all(m["authenticated"] for m in messages))

    def test_a_certificate_that_cannot_be_verified_sends_nothing(self):
        other = os.path.join(self.dir, "other.pem")
        subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj",
                        "/CN=127.0.0.1", "-keyout", os.path.join(self.dir, "other-key.pem"), "-out", other],
                       check=True, capture_output=True)
        logging.getLogger("mail.log").setLevel(logging.CRITICAL)  # aiosmtpd logs each refused handshake
        self.addCleanup(logging.getLogger("mail.log").setLevel, logging.ERROR)
        self.start(other)
        time.sleep(4)  # many scheduler passes, each refused at the handshake
        self.assertEqual(self.mailbox.snapshot(), [])
        with open(os.path.join(self.server.dir, "server.log")) as f:
            log = f.read()
        self.assertRegex(log, r"(?i)certificate|ssl|tls")
        self.assertNotIn(SMTP_PASSWORD, log)


if __name__ == "__main__":
    unittest.main(argv=[sys.argv[0], "-v"], verbosity=2, warnings="ignore")
