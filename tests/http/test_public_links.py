#!/usr/bin/env python3
"""Links in feeds come from --public-url, never from the request (issue 17).

- With --public-url https://ansvar.example.se: a calendar token's url and webcal address, the calendar feed's URL
  properties and the Atom feed's links all point there, whatever Host and X-Forwarded-Proto the client sends.
- Without --public-url: the server says so at start (a warning naming the listening address) and links point to the
  listening address, again whatever Host the client sends.
- A --public-url that is no http(s) address stops the start with exit code 2.

Usage: test_public_links.py ANSVAR_BINARY"""
import json, os, re, subprocess, sys, tempfile, unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from server_fixture import Server  # noqa: E402

BINARY = sys.argv[1]
PUBLIC = "https://ansvar.example.se"
HOSTILE = {"Host": "evil.example:666", "X-Forwarded-Proto": "https", "X-Forwarded-Host": "evil.example"}


class Links:
    base = None  # what the links must start with

    def links_of(self, text):
        return re.findall(r'(?:https?|webcal)://[^\s"<>\\]+', text)

    def test_calendar_token_and_feed(self):
        status, _, orgs = self.server.request("GET", "/api/v1/organizations?limit=1")
        self.assertEqual(status, 200, orgs)
        org = orgs["items"][0]["id"]
        status, _, issued = self.server.request("POST", "/api/v1/calendar/tokens", {"scope": "organization", "id": org},
                                                headers=dict(HOSTILE))
        self.assertEqual(status, 201, issued)
        self.assertTrue(issued["url"].startswith(self.base + "/api/v1/calendar/"), issued["url"])
        self.assertEqual(issued["webcal"], "webcal://" + issued["url"].split("://", 1)[1])
        status, _, ics = self.server.request("GET", issued["path"], headers=dict(HOSTILE), auth=False)
        self.assertEqual(status, 200)
        text = ics.decode().replace("\r\n ", "")  # unfolded
        self.assertNotIn("evil.example", text)
        urls = [l for l in text.split("\r\n") if l.startswith("URL")]
        self.assertTrue(urls, "the feed has no event with a link")
        for line in urls:
            self.assertIn(":" + self.base + "/", line)

    def test_atom_feed(self):
        status, _, systems = self.server.request("GET", "/api/v1/systems?limit=1")
        self.assertEqual(status, 200, systems)
        msg = {"type": "crisis", "priority": "high", "status": "major_impact", "title": "Systemet ligger nere",
               "body": "Vi felsöker.", "system": systems["items"][0]["id"]}
        status, _, created = self.server.request("POST", "/api/v1/messages", msg)
        self.assertEqual(status, 201, created)
        status, _, atom = self.server.request("GET", "/api/v1/messages.atom", headers=dict(HOSTILE), auth=False)
        self.assertEqual(status, 200)
        text = atom.decode()
        self.assertNotIn("evil.example", text)
        links = self.links_of(text)
        self.assertTrue(links)
        self.assertTrue(all(l.startswith(self.base + "/") for l in links if "w3.org" not in l), links)


class WithPublicUrl(Links, unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = Server(BINARY, extra=["--demo", "--public-url", PUBLIC + "/"]).start()
        cls.base = PUBLIC

    @classmethod
    def tearDownClass(cls):
        cls.server.cleanup()

    def test_no_warning_at_start(self):
        log = open(os.path.join(self.server.dir, "server.log")).read()
        self.assertNotIn("no --public-url", log)


class WithoutPublicUrl(Links, unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = Server(BINARY, extra=["--demo"]).start()
        cls.base = f"http://127.0.0.1:{cls.server.port}"

    @classmethod
    def tearDownClass(cls):
        cls.server.cleanup()

    def test_the_start_says_links_use_the_listening_address(self):
        lines = [json.loads(l) for l in open(os.path.join(self.server.dir, "server.log")) if l.startswith("{")]
        warned = [l for l in lines if "no --public-url" in l.get("msg", l.get("message", ""))]
        self.assertTrue(warned, lines[:5])
        self.assertEqual(warned[0].get("links"), self.base)


class BadPublicUrl(unittest.TestCase):
    def test_refused_at_start(self):
        with tempfile.TemporaryDirectory() as d:
            for bad in ["javascript:alert(1)", "ansvar.example.se", "https://", "https://a b", "https://x/\r\nX: y"]:
                proc = subprocess.run([BINARY, "serve", "--db", os.path.join(d, "r.db"), "--listen", "127.0.0.1:0",
                                       "--public-url", bad], capture_output=True, text=True, timeout=60)
                self.assertEqual(proc.returncode, 2, (bad, proc.stderr))
                self.assertIn("--public-url", proc.stderr)


if __name__ == "__main__":
    unittest.main(argv=[sys.argv[0], "-v"], verbosity=2, warnings="ignore")
