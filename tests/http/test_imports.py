#!/usr/bin/env python3
"""Spreadsheet imports and the exports through real HTTP on 127.0.0.1: a dry run row by row, then the import, all or
nothing, 412 when the register changed meanwhile; bad files; the records of processing as PDF rendered page by page;
export and import back without a change.

Usage: test_imports.py ANSVAR_BINARY SHARED_DIR"""
import json, os, shutil, subprocess, sys, tempfile, unittest, urllib.parse
from server_fixture import Server, acting_as

BINARY, SHARED = sys.argv[1], sys.argv[2]
EXAMPLE = json.load(open(os.path.join(SHARED, "spec/examples/kungsbacka-small.json")))
ACTOR = acting_as("asa.import")  # an admin account of that name, with an API token (server_fixture.py)
CSV = {"Content-Type": "text/csv"}
XLSX = {"Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}

GOOD = ("Systemnamn;Kategori;Systemägare;Förvaltning;PUB-avtal\r\n"
        "Lönesystemet;Verksamhetssystem;Ekonomichef;Kommunstyrelsens förvaltning;2024-01-15\r\n"
        "Ecos;Verksamhetssystem;Förvaltningschef Bygg och miljö;bmf;Ja\r\n").encode("cp1252")
BAD = ("Systemnamn;Kategori;Systemägare\r\n"
       "Lönesystemet;Verksamhetssystem;Ekonomichef\r\n"
       "Okänt;Plattform;Kalle Anka\r\n").encode("utf-8")


def pages_with_ink(pdf):
    """Renders each page with pdftoppm and answers the share of non-white pixels per page."""
    if not shutil.which("pdftoppm"):
        return None
    d = tempfile.mkdtemp(prefix="ansvar-pdf-")
    try:
        path = os.path.join(d, "x.pdf")
        with open(path, "wb") as f:
            f.write(pdf)
        subprocess.run(["pdftoppm", "-gray", "-r", "30", path, os.path.join(d, "page")], check=True)
        out = []
        for name in sorted(f for f in os.listdir(d) if f.startswith("page")):
            with open(os.path.join(d, name), "rb") as f:
                data = f.read()
            # P5 header: magic, width, height, maxval, each followed by white space.
            parts = data.split(maxsplit=4)
            pixels = parts[4][:int(parts[1]) * int(parts[2])]
            out.append(sum(1 for b in pixels if b < 200) / max(1, len(pixels)))
        return out
    finally:
        shutil.rmtree(d, ignore_errors=True)


class Imports(unittest.TestCase):
    server = None

    @classmethod
    def setUpClass(cls):
        cls.server = Server(BINARY).start()

    @classmethod
    def tearDownClass(cls):
        cls.server.cleanup()

    def req(self, *args, **kwargs):
        return self.server.request(*args, **kwargs)

    def setUp(self):
        status, _, body = self.req("PUT", "/api/v1/register", EXAMPLE, ACTOR)
        self.assertEqual(status, 200, body)

    def register(self):
        return self.req("GET", "/api/v1/register")[2]

    def post(self, raw, query="", headers=CSV, extra=None):
        h = dict(ACTOR, **headers, **(extra or {}))
        return self.req("POST", "/api/v1/imports" + query, raw=raw, headers=h)

    def test_dry_run_then_import(self):
        before = self.register()
        status, h, report = self.post(GOOD, "?dry_run=true&file_name=system.csv")
        self.assertEqual(status, 200, report)
        self.assertTrue(report["ok"], report["problems"])
        self.assertEqual(report["summary"]["created"], 1)
        self.assertEqual(report["sheets"][0]["kind"], "systems")
        rows = {r["row"]: r for r in report["rows"]}
        self.assertEqual(rows[2]["action"], "create")
        self.assertEqual(rows[2]["entity_id"], "lonesystemet")
        self.assertIn({"column": "B", "field": "category", "heading": "Kategori", "before": "", "after": "Verksamhetssystem"},
                      rows[2]["changes"])
        self.assertEqual(self.register(), before)  # a dry run changes nothing
        version = report["register_version"]
        self.assertEqual(h["etag"], f'"{version}"')
        status, _, done = self.post(GOOD, "?file_name=system.csv", extra={"If-Match": f'"{version}"'})
        self.assertEqual(status, 200, done)
        self.assertFalse(done["dry_run"])
        self.assertEqual(done["applied"]["created"], 1)
        status, _, system = self.req("GET", "/api/v1/systems/lonesystemet")
        self.assertEqual(status, 200)
        self.assertEqual(system["owner_administration"], "ksf")
        self.assertEqual(system["roles"], [{"role": "owner", "person": "p-mgr-ksf"}])
        self.assertEqual([d["signed_on"] for d in system["documents"] if d["kind"] == "dpa"], ["2024-01-15"])
        _, _, audit = self.req("GET", "/api/v1/audit?entity_id=lonesystemet")
        self.assertEqual(audit["entries"][0]["actor"]["id"], "asa.import")
        # The same dry run again: the register moved on, so its version no longer matches.
        status, _, problem = self.post(GOOD, "?file_name=system.csv", extra={"If-Match": f'"{version}"'})
        self.assertEqual(status, 412, problem)

    def test_errors_name_their_cells_and_change_nothing(self):
        before = self.register()
        status, _, report = self.post(BAD, "?dry_run=true&file_name=bad.csv")
        self.assertEqual(status, 200)
        self.assertFalse(report["ok"])
        problems = [p for r in report["rows"] for p in r["problems"]]
        self.assertEqual([(p["cell"], p["severity"]) for p in problems], [("CSV!C3", "error")])
        self.assertIn("Kalle Anka", problems[0]["message"])
        status, _, problem = self.post(BAD, "?file_name=bad.csv")
        self.assertEqual(status, 422, problem)
        self.assertEqual([e["path"] for e in problem["errors"]], ["CSV!C3"])
        self.assertEqual(self.register(), before)  # the good row was not imported either

    def test_bad_files(self):
        before = self.register()
        status, _, problem = self.post(b"PK\x03\x04" + os.urandom(3000), "?file_name=x.xlsx", XLSX)
        self.assertEqual(status, 422, problem)
        self.assertIn("xlsx", problem["errors"][0]["message"])
        status, _, problem = self.post(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500), "?file_name=gammal.xls", XLSX)
        self.assertEqual(status, 422)
        self.assertIn(".xls", problem["errors"][0]["message"])
        status, _, problem = self.post(b";" * 5000 + b"\n", "?file_name=bomb.csv")
        self.assertEqual(status, 422)
        self.assertEqual(problem["errors"][0]["path"], "CSV!ALM1")
        self.assertEqual(self.post(b'{"systems": []}', headers={"Content-Type": "application/json"})[0], 415)
        self.assertEqual(self.post(b"")[0], 400)
        self.assertEqual(self.post(GOOD, "?dry_run=perhaps")[0], 400)
        mapping = urllib.parse.quote(json.dumps({"sheets": {"CSV": "furniture"}}))
        self.assertEqual(self.post(GOOD, "?dry_run=true&mapping=" + mapping)[0], 422)
        self.assertEqual(self.register(), before)

    def test_a_mapping_adjusts_the_headings(self):
        raw = "Sys.namn;Ansv.\r\nEcos;Ekonomichef\r\n".encode()
        mapping = urllib.parse.quote(json.dumps({"sheets": {"CSV": "systems"}, "columns": {"Sys.namn": "name", "Ansv.": "role:owner"}}))
        status, _, report = self.post(raw, "?dry_run=true&mapping=" + mapping)
        self.assertEqual(status, 200, report)
        self.assertTrue(report["ok"], report)
        self.assertEqual(report["rows"][0]["action"], "update")

    def test_a_large_file_is_accepted_beyond_the_usual_body_limit(self):
        lines = ["Systemnamn;Kategori;Förvaltning;Kommentar"]
        lines += [f"System {i};Plattform;sf;{'x' * 120}" for i in range(10000)]
        raw = ("\r\n".join(lines) + "\r\n").encode()
        self.assertGreater(len(raw), 1 << 20)
        status, _, report = self.post(raw, "?dry_run=true&file_name=stor.csv")
        self.assertEqual(status, 200, report if status != 200 else "")
        self.assertEqual(report["summary"]["created"], 10000)

    def test_exports_as_pdf_xlsx_and_csv(self):
        status, h, pdf = self.req("GET", "/api/v1/exports/ropa?committee=bn&format=pdf")
        self.assertEqual(status, 200)
        self.assertEqual(h["content-type"], "application/pdf")
        self.assertIn('filename="registerforteckning-bn.pdf"', h["content-disposition"])
        self.assertEqual(h["cache-control"], "no-store")
        self.assertTrue(pdf.startswith(b"%PDF-"))
        ink = pages_with_ink(pdf)
        if ink is not None:
            self.assertTrue(ink, "no pages rendered")
            self.assertTrue(all(x > 0.002 for x in ink), ink)
        for path in ("/api/v1/exports/processor-record?committee=service&format=pdf",
                     "/api/v1/exports/findings?committee=mh&format=pdf&as_of=2025-02-10",
                     "/api/v1/exports/findings?organization=kba&format=pdf&lang=en"):
            status, _, pdf = self.req("GET", path)
            self.assertEqual(status, 200, path)
            ink = pages_with_ink(pdf)
            if ink is not None:
                self.assertTrue(ink and all(x > 0.002 for x in ink), (path, ink))
        status, h, csv = self.req("GET", "/api/v1/exports/ropa?format=csv&administration=bmf")
        self.assertEqual(status, 200)
        self.assertTrue(h["content-type"].startswith("text/csv"))
        self.assertIn("Bygglovshandläggning", csv.decode("utf-8-sig"))
        self.assertEqual(self.req("GET", "/api/v1/exports/systems?format=pdf")[0], 400)
        self.assertEqual(self.req("GET", "/api/v1/exports/ropa?committee=nope")[0], 404)
        self.assertEqual(self.req("GET", "/api/v1/exports/ropa?format=doc")[0], 400)

    def test_export_and_import_back_changes_nothing(self):
        before = self.register()
        for path in ("/api/v1/exports/systems", "/api/v1/exports/systems?format=csv", "/api/v1/exports/ropa",
                     "/api/v1/exports/ropa?format=csv&lang=en"):
            status, h, data = self.req("GET", path)
            self.assertEqual(status, 200, path)
            name = h["content-disposition"].split('filename="')[1].rstrip('"')
            status, _, report = self.post(data, "?dry_run=true&file_name=" + name, headers={"Content-Type": "application/octet-stream"})
            self.assertEqual(status, 200, (path, report))
            self.assertTrue(report["ok"], (path, report["problems"], [r for r in report["rows"] if r["problems"]][:3]))
            self.assertEqual((report["summary"]["created"], report["summary"]["updated"]), (0, 0), path)
            status, _, done = self.post(data, "?file_name=" + name, headers={"Content-Type": "application/octet-stream"})
            self.assertEqual(status, 200, done)
            self.assertEqual((done["applied"]["created"], done["applied"]["updated"], done["applied"]["deleted"]), (0, 0, 0))
        self.assertEqual(self.register(), before)

    def test_openapi_describes_imports_and_exports(self):
        _, _, spec = self.req("GET", "/api/v1/openapi.json")
        body = spec["paths"]["/api/v1/imports"]["post"]["requestBody"]["content"]
        self.assertIn("text/csv", body)
        self.assertIn("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", body)
        for what in ("ropa", "processor-record", "systems", "findings"):
            self.assertIn(f"/api/v1/exports/{what}", spec["paths"])


if __name__ == "__main__":
    unittest.main(argv=[sys.argv[0], "-v"], verbosity=2)
