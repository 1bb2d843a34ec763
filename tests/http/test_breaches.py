#!/usr/bin/env python3
"""Breaches from the first report to the authority (issue 15) through real HTTP and a real SMTP server on 127.0.0.1
(python3-aiosmtpd): a reader reports a breach (POST /api/v1/incident_reports), sees only their own reports; the report
is routed to the data protection contact of the administration it concerns and the DPO, each told by one e-mail that
is not sent again after a restart; the incident register is refused to readers and kept to a contact's own
administration; the contact fills the case (a bad action plan refused by field, nothing lost) and the notification
to the authority comes out as JSON, PDF (read back with pdftotext) and xlsx; the statistics count per cause.

Usage: test_breaches.py ANSVAR_BINARY"""
import os, sys

try:
    import aiosmtpd  # noqa: F401
except ImportError:
    if os.path.exists("/usr/bin/python3") and os.path.realpath(sys.executable) != os.path.realpath("/usr/bin/python3") \
            and not os.environ.get("ANSVAR_REEXEC"):
        os.environ["ANSVAR_REEXEC"] = "1"
        os.execv("/usr/bin/python3", ["/usr/bin/python3"] + sys.argv)
    raise

import datetime, email, email.policy, logging, shutil, socket, subprocess, tempfile, threading, time, unittest, warnings

from aiosmtpd.controller import Controller

from server_fixture import Server, fresh_database

warnings.simplefilter("ignore", ResourceWarning)
logging.getLogger("mail.log").setLevel(logging.ERROR)

BINARY = sys.argv[1]
NOW = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)


def stamp(dt):
    return dt.strftime("%Y-%m-%dT%H:%M:%SZ")


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


class Mailbox:
    def __init__(self):
        self.messages = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        msg = email.message_from_bytes(envelope.original_content, policy=email.policy.default)
        with self.lock:
            self.messages.append({"to": list(envelope.rcpt_tos), "msg": msg})
        return "250 Message accepted for delivery"

    def breach_notices(self):
        """(recipient, subject) of the breach notices received (the reminder digests left aside)."""
        with self.lock:
            return [(m["to"][0], str(m["msg"]["Subject"])) for m in self.messages
                    if str(m["msg"]["Message-ID"]).startswith("<breach-")]


def register():
    """Two administrations, each with its committee and system; the DPO a person of the register."""
    return {
        "format": "ansvar-register/1",
        "organizations": [{"id": "kba", "name": "Kungsbacka kommun", "kind": "municipality", "dpo": "p-dpo"}],
        "committees": [{"id": "ifo", "organization": "kba", "name": "Nämnden för Individ & Familjeomsorg",
                        "kind": "committee"},
                       {"id": "bn", "organization": "kba", "name": "Byggnadsnämnden", "kind": "committee"}],
        "administrations": [
            {"id": "iff", "organization": "kba", "name": "Förvaltningen för Individ & Familjeomsorg",
             "committees": ["ifo"]},
            {"id": "bmf", "organization": "kba", "name": "Bygg- och miljöförvaltningen", "committees": ["bn"]}],
        "people": [
            {"id": "p-dpo", "name": "Dora Dataskydd", "administration": "iff", "title": "employee",
             "email": "dora@kungsbacka.test"},
            {"id": "p-owner", "name": "Åsa Ägare", "administration": "iff", "title": "administration_director",
             "email": "asa@kungsbacka.test"}],
        "systems": [
            {"id": "ekopost", "name": "Ekopost", "category": "business_system", "scope": "administration_specific",
             "owner_administration": "iff", "used_by": ["iff"], "personal_data": True, "lifecycle": "active",
             "roles": [{"role": "owner", "person": "p-owner"}]},
            {"id": "ecos", "name": "Ecos", "category": "business_system", "scope": "administration_specific",
             "owner_administration": "bmf", "used_by": ["bmf"], "personal_data": True, "lifecycle": "active"}],
    }


class Breaches(unittest.TestCase):
    def setUp(self):
        self.mailbox = Mailbox()
        self.port = free_port()
        self.smtp = Controller(self.mailbox, hostname="127.0.0.1", port=self.port)
        self.smtp.start()
        self.dir = tempfile.mkdtemp(prefix="ansvar-breaches-")
        self.db = fresh_database(self.dir)
        self.servers = []
        self.tokens = {}

    def tearDown(self):
        for s in self.servers:
            s.cleanup()
        self.smtp.stop()
        shutil.rmtree(self.dir, ignore_errors=True)

    def start(self):
        extra = ["--smtp-url", f"smtp://127.0.0.1:{self.port}", "--smtp-timeout", "5", "--mail-from",
                 "ansvar@kungsbacka.test", "--reminder-interval", "0.3", "--public-url", "http://ansvar.test/"]
        server = Server(BINARY, self.db, extra=extra)
        self.servers.append(server)
        return server.start()

    def account(self, server, account_id, role, **fields):
        status, _, body = server.request("POST", "/api/v1/accounts",
                                         dict({"id": account_id, "name": account_id, "role": role}, **fields))
        self.assertEqual(status, 201, body)
        status, _, body = server.request("POST", "/api/v1/tokens", {"account": account_id, "name": "breach tests"})
        self.assertEqual(status, 201, body)
        self.tokens[account_id] = {"Authorization": "Bearer " + body["token"]}

    def as_(self, server, account_id, method, path, body=None, headers=None):
        return server.request(method, path, body, dict(self.tokens[account_id], **(headers or {})))

    def wait_for(self, predicate, what, timeout=60):
        deadline = time.time() + timeout
        while time.time() < deadline:
            got = predicate()
            if got:
                return got
            time.sleep(0.1)
        self.fail(f"timed out waiting for {what}; notices: {self.mailbox.breach_notices()!r}")

    def test_a_breach_from_the_report_to_the_notification(self):
        server = self.start()
        status, _, answer = server.request("PUT", "/api/v1/register", body=register())
        self.assertEqual(status, 200, answer)
        self.account(server, "rita.reader", "reader", email="rita@kungsbacka.test")
        self.account(server, "ruben.reader", "reader")
        self.account(server, "dina.kontakt", "data_protection_contact", administration="iff",
                     email="dina@kungsbacka.test")
        self.account(server, "bo.kontakt", "data_protection_contact", administration="bmf", email="bo@kungsbacka.test")
        # The DPO's account is the register's DPO: told once, not twice.
        self.account(server, "dora.dpo", "dpo", person="p-dpo", email="dora@kungsbacka.test")

        # A report lacking what happened is refused by field; nothing is stored.
        discovered = stamp(NOW - datetime.timedelta(hours=2))
        status, _, problem = self.as_(server, "rita.reader", "POST", "/api/v1/incident_reports",
                                      {"what_happened": " ", "discovered_at": discovered, "system": "ekopost"})
        self.assertEqual(status, 422, problem)
        self.assertEqual([e["path"] for e in problem["errors"]], ["$.what_happened"])
        status, _, problem = self.as_(server, "rita.reader", "POST", "/api/v1/incident_reports",
                                      {"what_happened": "x", "discovered_at": discovered, "system": "nosuch"})
        self.assertEqual(status, 422, problem)
        self.assertEqual([e["path"] for e in problem["errors"]], ["$.system"])
        status, _, problem = self.as_(server, "rita.reader", "POST", "/api/v1/incident_reports",
                                      {"what_happened": "x", "discovered_at": "igår"})
        self.assertEqual(status, 422, problem)
        self.assertEqual(problem["errors"][0]["path"], "$.discovered_at")
        status, _, page = server.request("GET", "/api/v1/incidents")
        self.assertEqual(page["total"], 0)

        # The reader reports; it is routed at once to the contact of the administration and the DPO, clock running.
        status, headers, receipt = self.as_(server, "rita.reader", "POST", "/api/v1/incident_reports", {
            "what_happened": "Ett beslut skickades till fel mottagare.", "discovered_at": discovered,
            "system": "ekopost", "whose_data": "Sökande av försörjningsstöd"})
        self.assertEqual(status, 201, receipt)
        incident = receipt["incident"]
        self.assertEqual(receipt["status"], "received")
        self.assertEqual(receipt["deadline"], stamp(NOW - datetime.timedelta(hours=2) + datetime.timedelta(hours=72)))
        self.assertEqual(sorted(r["name"] for r in receipt["routed_to"]), ["dina.kontakt", "dora.dpo"])
        self.assertEqual(receipt["handler_name"], "Nämnden för Individ & Familjeomsorg")

        # The reporter sees their own report and its status, nothing else; another reader sees none.
        status, _, mine = self.as_(server, "rita.reader", "GET", "/api/v1/incident_reports")
        self.assertEqual(status, 200)
        self.assertEqual([(m["incident"], m["status"]) for m in mine["items"]], [(incident, "received")])
        self.assertEqual(mine["items"][0]["what_happened"], "Ett beslut skickades till fel mottagare.")
        status, _, theirs = self.as_(server, "ruben.reader", "GET", "/api/v1/incident_reports")
        self.assertEqual(theirs["items"], [])
        for path in ("/api/v1/incidents", f"/api/v1/incidents/{incident}", f"/api/v1/incidents/{incident}/notification",
                     "/api/v1/incident_statistics"):
            status, _, problem = self.as_(server, "rita.reader", "GET", path)
            self.assertEqual(status, 403, path)
            self.assertIn("incident_reports", problem["detail"])
        status, _, me = self.as_(server, "rita.reader", "GET", "/api/v1/pages/me")
        self.assertEqual((me["incidents"]["items"], me["breach_tasks"]), ([], []))
        status, _, overview = self.as_(server, "rita.reader", "GET", "/api/v1/pages/overview")
        self.assertEqual(overview["incidents"]["items"], [])

        # The contact of the administration reads it and has it on the task list with the clock; the other does not.
        status, _, page = self.as_(server, "dina.kontakt", "GET", "/api/v1/incidents")
        self.assertEqual([i["id"] for i in page["items"]], [incident])
        self.assertEqual(page["items"][0]["reported_at"][:4], str(NOW.year))
        status, _, tasks = self.as_(server, "dina.kontakt", "GET", "/api/v1/incident_tasks")
        self.assertEqual([(t["id"], t["deadline"]) for t in tasks["breach_tasks"]], [(incident, receipt["deadline"])])
        status, _, me = self.as_(server, "dina.kontakt", "GET", "/api/v1/pages/me")
        self.assertEqual([t["id"] for t in me["breach_tasks"]], [incident])
        status, _, page = self.as_(server, "bo.kontakt", "GET", "/api/v1/incidents")
        self.assertEqual(page["items"], [])
        status, _, _ = self.as_(server, "bo.kontakt", "GET", f"/api/v1/incidents/{incident}")
        self.assertEqual(status, 403)
        status, _, tasks = self.as_(server, "bo.kontakt", "GET", "/api/v1/incident_tasks")
        self.assertEqual(tasks["breach_tasks"], [])

        # One e-mail to each recipient: the contact and the DPO (once, though both account and register name her).
        self.wait_for(lambda: len(self.mailbox.breach_notices()) >= 2, "the two notices")
        notices = self.mailbox.breach_notices()
        self.assertEqual(sorted(to for to, _ in notices), ["dina@kungsbacka.test", "dora@kungsbacka.test"])
        self.assertTrue(all(incident in subject for _, subject in notices))
        body = [m["msg"] for m in self.mailbox.messages if m["to"] == ["dina@kungsbacka.test"]
                and str(m["msg"]["Message-ID"]).startswith("<breach-")][0].get_content()
        self.assertIn(f"http://ansvar.test/incidents/{incident}", body)
        self.assertNotIn("fel mottagare", body)  # the report itself stays in Ansvar

        # Restarted, nothing is sent again: a second report's notices arrive, the first's are not repeated.
        server.stop()
        server = self.start()
        status, _, second = self.as_(server, "ruben.reader", "POST", "/api/v1/incident_reports", {
            "what_happened": "En bärbar dator med ärendelistor glömdes på tåget.",
            "discovered_at": stamp(NOW - datetime.timedelta(hours=1)), "administration": "bmf"})
        self.assertEqual(status, 201, second)
        self.assertEqual(sorted(r["name"] for r in second["routed_to"]), ["bo.kontakt", "dora.dpo"])
        self.wait_for(lambda: len(self.mailbox.breach_notices()) >= 4, "the second report's notices")
        time.sleep(1)  # a few more scheduler passes (0.3 s each) that must send nothing
        notices = self.mailbox.breach_notices()
        self.assertEqual(len(notices), 4, notices)
        self.assertEqual(sum(1 for to, s in notices if incident in s), 2)

        # The contact fills the case. A measure with an unknown owner is refused by its path, and nothing is lost.
        status, headers, stored = self.as_(server, "dina.kontakt", "GET", f"/api/v1/incidents/{incident}")
        self.assertEqual(status, 200)
        etag = headers["etag"]
        case = dict(stored, nature=["confidentiality"], cause="misdirected", subject_categories=["Sökande"],
                    approx_subjects=1, record_categories=["Beslut om försörjningsstöd"], approx_records=1,
                    likely_consequences="Obehörig fick kännedom om ekonomiska förhållanden.",
                    measures="Mottagaren har raderat brevet; rutin för adressering ses över.",
                    assessment="risk", action_plan=[{"id": "m1", "description": "Ny rutin", "owner": "p-nobody",
                                                     "status": "planned"}])
        status, _, problem = self.as_(server, "dina.kontakt", "PUT", f"/api/v1/incidents/{incident}", case,
                                      {"If-Match": etag})
        self.assertEqual(status, 422, problem)
        self.assertEqual(problem["errors"][0]["path"], "$.action_plan[0].owner")
        status, _, again = self.as_(server, "dina.kontakt", "GET", f"/api/v1/incidents/{incident}")
        self.assertEqual(again, stored)
        status, _, notification = self.as_(server, "dina.kontakt", "GET", f"/api/v1/incidents/{incident}/notification")
        self.assertEqual(status, 200)
        self.assertFalse(notification["complete"])
        self.assertIn("nature", notification["missing"])
        self.assertIn("likely_consequences", notification["missing"])
        case["action_plan"][0]["owner"] = "p-owner"
        status, _, saved = self.as_(server, "dina.kontakt", "PUT", f"/api/v1/incidents/{incident}", case,
                                    {"If-Match": etag})
        self.assertEqual(status, 200, saved)
        self.assertEqual(saved["action_plan"][0]["owner"], "p-owner")
        status, _, problem = self.as_(server, "dina.kontakt", "PUT", f"/api/v1/incidents/{incident}", case,
                                      {"If-Match": etag})
        self.assertEqual(status, 412, problem)  # the old version: someone else's change is never overwritten

        status, _, notification = self.as_(server, "dina.kontakt", "GET", f"/api/v1/incidents/{incident}/notification")
        self.assertEqual(notification["missing"], [], notification)
        self.assertTrue(notification["complete"])
        fields = {f["key"]: f["value"] for s in notification["sections"] for f in s["fields"]}
        self.assertEqual(fields["controllers"], "Nämnden för Individ & Familjeomsorg")
        self.assertEqual(fields["contact"], "Dora Dataskydd <dora@kungsbacka.test>")
        self.assertEqual(fields["aware_at"], discovered)
        self.assertIn("Ny rutin", fields["action_plan"])
        status, headers, pdf = self.as_(server, "dina.kontakt", "GET",
                                        f"/api/v1/incidents/{incident}/notification?format=pdf")
        self.assertEqual(status, 200)
        self.assertEqual(headers["content-type"], "application/pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
        text = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
        self.assertIn("Anmälan av personuppgiftsincident", text)
        self.assertIn("Ett beslut skickades till fel mottagare.", text)
        self.assertIn("Dora Dataskydd", text)
        status, headers, xlsx = self.as_(server, "dina.kontakt", "GET",
                                         f"/api/v1/incidents/{incident}/notification?format=xlsx")
        self.assertEqual(status, 200)
        self.assertTrue(xlsx.startswith(b"PK"))
        status, _, problem = self.as_(server, "dina.kontakt", "GET",
                                      f"/api/v1/incidents/{incident}/notification?format=doc")
        self.assertEqual(status, 400)

        # The reporter now sees it assessed; the audit names who did what.
        status, _, mine = self.as_(server, "rita.reader", "GET", "/api/v1/incident_reports")
        self.assertEqual(mine["items"][0]["status"], "assessed")
        status, _, audit = server.request("GET", f"/api/v1/audit?entity_type=incident&entity_id={incident}")
        actors = [e["actor"]["id"] for e in sorted(audit["entries"], key=lambda e: e["seq"])]
        self.assertEqual(actors, ["rita.reader", "dina.kontakt"])

        # Statistics for the follow-up: all for the DPO, the administration's for a contact.
        status, _, stats = self.as_(server, "dora.dpo", "GET", "/api/v1/incident_statistics")
        self.assertEqual((stats["total"], stats["notified"], stats["not_notified"]), (2, 0, 2))
        self.assertEqual({c["key"]: c["total"] for c in stats["by_cause"]}, {"misdirected": 1, "unknown": 1})
        self.assertEqual(sum(c["total"] for c in stats["by_quarter"]), 2)
        status, _, stats = self.as_(server, "bo.kontakt", "GET", "/api/v1/incident_statistics")
        self.assertEqual(stats["total"], 1)
        status, headers, xlsx = self.as_(server, "dora.dpo", "GET", "/api/v1/incident_statistics?format=xlsx")
        self.assertEqual(status, 200)
        self.assertTrue(xlsx.startswith(b"PK"))


if __name__ == "__main__":
    unittest.main(argv=[sys.argv[0]], verbosity=2)
