#!/usr/bin/env python3
"""Crafted spreadsheets against the real `ansvar serve` on 127.0.0.1 (issue 17, item 5): small files that would
make a dense reader allocate gigabytes. The server's resident memory is sampled while it reads them and printed.

- 200,000 rows of one filled cell at column 1,000 (ALL): read sparsely (one cell a row, not a thousand);
  one row more is refused naming the row.
- A merged-range bomb: ranges over the whole 200,000 × 1,000 area, refused naming the range's first cell before
  anything is filled.

Usage: test_sheet_bombs.py ANSVAR_BINARY"""
import io, os, re, sys, threading, time, unittest, zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from server_fixture import Server  # noqa: E402

BINARY = sys.argv[1]
MEMORY_BOUND_MB = 200
XLSX = {"Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def xlsx(sheet_body):
    """A minimal workbook of one sheet, Blad1, whose <worksheet> holds `sheet_body` (bytes)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0" encoding="UTF-8"?><Types '
                   'xmlns="http://schemas.openxmlformats.org/package/2006/content-types"></Types>')
        z.writestr("_rels/.rels", '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
                   f'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{REL}/officeDocument" '
                   'Target="xl/workbook.xml"/></Relationships>')
        z.writestr("xl/workbook.xml", f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{NS}" xmlns:r="{REL}">'
                   '<sheets><sheet name="Blad1" sheetId="1" r:id="rId1"/></sheets></workbook>')
        z.writestr("xl/_rels/workbook.xml.rels", '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://'
                   f'schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{REL}/worksheet" '
                   'Target="worksheets/sheet1.xml"/></Relationships>')
        z.writestr("xl/worksheets/sheet1.xml", b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="' +
                   NS.encode() + b'">' + sheet_body + b"</worksheet>")
    return out.getvalue()


def sparse_rows(n):
    rows = b"".join(b'<row r="%d"><c r="ALL%d" t="inlineStr"><is><t>x</t></is></c></row>' % (i, i)
                    for i in range(1, n + 1))
    return b"<sheetData>" + rows + b"</sheetData>"


def rss_mb(pid):
    with open(f"/proc/{pid}/status") as f:
        return int(re.search(r"VmRSS:\s+(\d+) kB", f.read()).group(1)) / 1024


class Peak(threading.Thread):
    def __init__(self, pid):
        super().__init__(daemon=True)
        self.pid, self.peak, self.running = pid, 0.0, True

    def run(self):
        while self.running:
            self.peak = max(self.peak, rss_mb(self.pid))
            time.sleep(0.02)

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc):
        self.running = False
        self.join(5)


class SheetBombs(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = Server(BINARY).start()

    @classmethod
    def tearDownClass(cls):
        cls.server.cleanup()

    def dry_run(self, raw, label):
        pid = self.server.proc.pid
        before = rss_mb(pid)
        start = time.time()
        with Peak(pid) as peak:
            status, _, body = self.server.request("POST", "/api/v1/imports?dry_run=true&file_name=bomb.xlsx", raw=raw,
                                                  headers=XLSX, timeout=300)
        print(f"\n[{label}] {len(raw) / 1e6:.2f} MB file: status {status} in {time.time() - start:.1f} s; server RSS "
              f"{before:.0f} MB before, peak {peak.peak:.0f} MB", flush=True)
        self.assertLess(peak.peak - before, MEMORY_BOUND_MB)
        return status, body

    def test_200000_sparse_rows_are_read_as_one_cell_each(self):
        status, body = self.dry_run(xlsx(sparse_rows(200000)), "200,000 rows, one cell at column 1,000")
        self.assertIn(status, (200, 422), body)  # read; whether the sheet makes sense to the import is another matter

    def test_one_row_over_the_limit_is_refused_naming_it(self):
        status, body = self.dry_run(xlsx(sparse_rows(200001)), "200,001 sparse rows")
        self.assertEqual(status, 422, body)
        self.assertTrue(any(e["path"].startswith("Blad1!") and "200001" in e["path"] for e in body["errors"]), body)

    def test_a_merged_range_bomb_is_refused_before_anything_is_filled(self):
        data = (b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row>'
                b'<row r="200000"><c r="ALL200000" t="inlineStr"><is><t>y</t></is></c></row></sheetData>')
        merges = b"".join(b'<mergeCell ref="A1:ALL200000"/>' for _ in range(5000))
        status, body = self.dry_run(xlsx(data + b'<mergeCells count="5000">' + merges + b"</mergeCells>"),
                                    "5,000 merged ranges over 200,000 x 1,000")
        self.assertEqual(status, 422, body)
        self.assertEqual(body["errors"][0]["path"], "Blad1!A1", body)
        self.assertIn("merged", body["errors"][0]["message"])

    def test_too_many_merged_ranges_are_refused(self):
        data = b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row></sheetData>'
        merges = b"".join(b'<mergeCell ref="B%d:C%d"/>' % (i, i) for i in range(1, 10002))
        status, body = self.dry_run(xlsx(data + b"<mergeCells>" + merges + b"</mergeCells>"), "10,001 merged ranges")
        self.assertEqual(status, 422, body)
        self.assertEqual(body["errors"][0]["path"], "Blad1!B10001", body)


if __name__ == "__main__":
    unittest.main(argv=[sys.argv[0], "-v"], verbosity=2, warnings="ignore")
