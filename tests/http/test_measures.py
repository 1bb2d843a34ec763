"""The measures register and the owner's approval of a classification (issue 15), through the real HTTP API on the
demo register: a DPIA's and a classification's measures past due are listed as overdue and are R-MEASURE-OVERDUE
findings; only the account linked to the system's owner approves the classification's action plan; a breach's content
(its record, its audit images, its measures) reaches the DPO and the data protection contacts of its administration,
never a reader, through the register export, the audit trail or the measures register."""
import json, sys, unittest

from server_fixture import Server

BINARY = sys.argv[1]


class Measures(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.srv = Server(BINARY, extra=["--demo"]).start()

    @classmethod
    def tearDownClass(cls):
        cls.srv.stop()
        cls.srv.cleanup()

    def account(self, account_id, role, **extra):
        admin = {"Authorization": "Bearer " + self.srv.admin_token}
        status, _, body = self.srv.request("POST", "/api/v1/accounts",
                                           {"id": account_id, "name": account_id, "role": role, **extra}, admin)
        self.assertEqual(status, 201, body)
        status, _, body = self.srv.request("POST", "/api/v1/tokens", {"account": account_id, "name": "measures"}, admin)
        self.assertEqual(status, 201, body)
        return {"Authorization": "Bearer " + body["token"]}

    def put(self, collection, entity, etag):
        status, headers, body = self.srv.request("PUT", f"/api/v1/{collection}/{entity['id']}", entity,
                                                 {"If-Match": etag})
        self.assertEqual(status, 200, body)
        return headers["etag"]

    def system_with_owner(self):
        _, _, page = self.srv.request("GET", "/api/v1/systems?limit=500")
        for s in page["items"]:
            owners = [r["person"] for r in s["roles"] if r["role"] == "owner" and r.get("person")]
            others = [r["person"] for r in s["roles"] if r["role"] != "owner" and r.get("person")]
            if s.get("classification") and s["personal_data"] and len(owners) == 1 and others and \
                    s["lifecycle"] == "active" and others[0] != owners[0]:
                return s, owners[0], others[0]
        self.fail("the demo has a classified system with one owner")

    def test_a_demo_holds_a_dpia_with_open_measures_and_a_classification_awaiting_approval(self):
        # Runs first (the name): the other tests change the demo's records.
        _, _, reg = self.srv.request("GET", "/api/v1/measures?source=dpia&open=true")
        lines = [m for m in reg["measures"] if m["holder"]["id"] == "ifo-socialtjanst"]
        self.assertEqual(sorted(m["measure"]["id"] for m in lines), ["m1", "m2"])
        self.assertEqual([m["measure"]["id"] for m in lines if m["overdue"]], ["m1"])
        self.assertTrue(all(m["owner_name"] for m in lines))
        _, _, f = self.srv.request("GET", "/api/v1/findings?rule=R-MEASURE-OVERDUE&subject=ifo-socialtjanst&limit=50")
        self.assertEqual([x["detail"]["measure"] for x in f["findings"]], ["m1"])
        _, _, combine = self.srv.request("GET", "/api/v1/systems/combine")
        self.assertEqual(combine["classification"]["method"], "KLASSA")
        self.assertEqual(len(combine["classification"]["measures"]), 2)
        self.assertIsNone(combine["classification"].get("approved_by"))
        _, _, f = self.srv.request("GET", "/api/v1/findings?rule=R-CLASSIFICATION&subject=combine&limit=50")
        self.assertIn("unapproved", [x["detail"].get("problem") for x in f["findings"]])

    def test_classification_measures_overdue_and_the_owners_approval(self):
        s, owner, other = self.system_with_owner()
        _, headers, s = self.srv.request("GET", f"/api/v1/systems/{s['id']}")
        s["classification"].update({"done_on": "2025-01-15", "method": "KLASSA", "standard_information": "Personnummer",
                                    "measures": [{"id": "k1", "description": "Logga uttag", "owner": owner,
                                                  "due": "2025-02-01", "status": "planned"},
                                                 {"id": "k2", "description": "Utbilda användare", "owner": owner,
                                                  "due": "2099-01-01", "status": "in_progress"}]})
        etag = self.put("systems", s, headers["etag"])

        status, _, reg = self.srv.request("GET", f"/api/v1/measures?system={s['id']}")
        self.assertEqual(status, 200, reg)
        by_id = {m["measure"]["id"]: m for m in reg["measures"] if m["source"] == "classification"}
        self.assertTrue(by_id["k1"]["overdue"])
        self.assertFalse(by_id["k2"]["overdue"])
        self.assertEqual({k: v for k, v in by_id["k1"]["holder"].items() if k != "version"},
                         {"type": "system", "id": s["id"], "name": s["name"]})
        self.assertEqual(by_id["k1"]["holder"]["version"], int(etag.strip('"')))
        status, _, only = self.srv.request("GET", f"/api/v1/measures?system={s['id']}&overdue=true")
        self.assertEqual([m["measure"]["id"] for m in only["measures"] if m["source"] == "classification"], ["k1"])
        _, _, mine = self.srv.request("GET", f"/api/v1/measures?person={owner}&open=true")
        self.assertTrue(any(m["measure"]["id"] == "k2" for m in mine["measures"]))

        _, _, f = self.srv.request("GET", f"/api/v1/findings?rule=R-MEASURE-OVERDUE&subject={s['id']}&limit=50")
        self.assertEqual([x["detail"]["measure"] for x in f["findings"]], ["k1"])
        _, _, f = self.srv.request("GET", f"/api/v1/findings?rule=R-CLASSIFICATION&subject={s['id']}&limit=50")
        self.assertIn("unapproved", [x["detail"].get("problem") for x in f["findings"]])

        # Bad input: a clear problem naming the field; nothing stored changes.
        bad = dict(s, classification=dict(s["classification"], measures=[{"description": "x", "status": "soon"}]))
        status, _, problem = self.srv.request("PUT", f"/api/v1/systems/{s['id']}", bad, {"If-Match": etag})
        self.assertEqual(status, 422, problem)
        self.assertIn("classification.measures[0].status", str(problem))

        # Someone else, an account without a person, a stale ETag, no If-Match: refused, nothing changes.
        not_owner = self.account("not-owner", "steward", person=other)
        status, _, problem = self.srv.request("POST", f"/api/v1/systems/{s['id']}/classification/approve", None,
                                              {**not_owner, "If-Match": etag})
        self.assertEqual(status, 403, problem)
        self.assertEqual(problem["status"], 403)
        status, _, _ = self.srv.request("POST", f"/api/v1/systems/{s['id']}/classification/approve", None,
                                        {"If-Match": etag})
        self.assertEqual(status, 403)  # the admin's account is not the owner
        owner_acct = self.account("the-owner", "reader", person=owner)
        status, _, _ = self.srv.request("POST", f"/api/v1/systems/{s['id']}/classification/approve", None,
                                        {**owner_acct, "If-Match": '"1"'})
        self.assertEqual(status, 412)
        status, _, _ = self.srv.request("POST", f"/api/v1/systems/{s['id']}/classification/approve", None, owner_acct)
        self.assertEqual(status, 428)

        status, headers, approved = self.srv.request("POST", f"/api/v1/systems/{s['id']}/classification/approve", None,
                                                     {**owner_acct, "If-Match": etag})
        self.assertEqual(status, 200, approved)
        self.assertEqual(approved["classification"]["approved_by"], owner)
        self.assertEqual(approved["classification"]["approval"], "ansvar")
        self.assertRegex(approved["classification"]["approved_on"], r"^\d{4}-\d{2}-\d{2}$")
        self.assertNotEqual(headers["etag"], etag)
        _, _, f = self.srv.request("GET", f"/api/v1/findings?rule=R-CLASSIFICATION&subject={s['id']}&limit=50")
        self.assertNotIn("unapproved", [x["detail"].get("problem") for x in f["findings"]])
        _, _, audit = self.srv.request("GET", f"/api/v1/audit?entity_type=system&entity_id={s['id']}&limit=5")
        self.assertIn("the-owner", str(audit))

    def test_measure_status_set_by_its_owner_as_one_act(self):
        # The DPIA's overdue measure of ifo-socialtjanst: only its lines (holder=), with the activity's version.
        status, _, reg = self.srv.request("GET", "/api/v1/measures?holder=processing_activity:ifo-socialtjanst")
        self.assertEqual(status, 200, reg)
        self.assertEqual({m["holder"]["id"] for m in reg["measures"]}, {"ifo-socialtjanst"})
        m1 = next(m for m in reg["measures"] if m["measure"]["id"] == "m1")
        self.assertTrue(m1["overdue"])
        _, headers, activity = self.srv.request("GET", "/api/v1/processing_activities/ifo-socialtjanst")
        self.assertEqual(m1["holder"]["version"], int(headers["etag"].strip('"')))
        status, _, bad = self.srv.request("GET", "/api/v1/measures?holder=nothing")
        self.assertEqual(status, 400, bad)
        path = "/api/v1/measures/dpia/ifo-socialtjanst/m1/status"
        version = f'"{m1["holder"]["version"]}"'

        # A reader who does not own the measure: refused in words, nothing changes.
        reader = self.account("mira.lasare", "reader")
        status, _, body = self.srv.request("POST", path, {"status": "done"}, dict(reader, **{"If-Match": version}))
        self.assertEqual(status, 403, body)
        self.assertIn("owner", body["detail"])
        # The owner (the account linked to the measure's owner): a bad status names the field, a stale version is 412.
        owner = self.account("otto.agare", "reader", person=m1["measure"]["owner"])
        status, _, body = self.srv.request("POST", path, {"status": "finished"}, dict(owner, **{"If-Match": version}))
        self.assertEqual(status, 422, body)
        self.assertIn("$.status", json.dumps(body))
        # Someone else changes the activity meanwhile: the version read is stale.
        activity["dpia"]["measures"] = [dict(m, description=m["description"] + " (ändrad)") if m["id"] == "m2" else m
                                        for m in activity["dpia"]["measures"]]
        fresh = self.put("processing_activities", activity, headers["etag"])
        status, _, body = self.srv.request("POST", path, {"status": "done"}, dict(owner, **{"If-Match": version}))
        self.assertEqual(status, 412, body)
        version = fresh
        status, _, body = self.srv.request("POST", path, {"status": "done"}, owner)
        self.assertEqual(status, 428, body)
        _, _, f = self.srv.request("GET", "/api/v1/findings?rule=R-MEASURE-OVERDUE&subject=ifo-socialtjanst&limit=50")
        self.assertEqual([x["detail"]["measure"] for x in f["findings"]], ["m1"])

        # Done: today's date (Europe/Stockholm), the finding leaves, the act is in the audit trail.
        status, headers, body = self.srv.request("POST", path, {"status": "done"}, dict(owner, **{"If-Match": version}))
        self.assertEqual(status, 200, body)
        self.assertEqual(body["measure"]["status"], "done")
        self.assertEqual(body["measure"]["done_on"], reg["today"])
        self.assertEqual(headers["etag"], f'"{body["holder"]["version"]}"')
        _, _, f = self.srv.request("GET", "/api/v1/findings?rule=R-MEASURE-OVERDUE&subject=ifo-socialtjanst&limit=50")
        self.assertEqual(f["findings"], [])
        _, _, stored = self.srv.request("GET", "/api/v1/processing_activities/ifo-socialtjanst")
        self.assertEqual(next(m for m in stored["dpia"]["measures"] if m["id"] == "m1")["status"], "done")
        _, _, audit = self.srv.request("GET", "/api/v1/audit?entity_type=processing_activity&entity_id=ifo-socialtjanst&limit=5")
        self.assertIn("otto.agare", json.dumps(audit))

        # The DPO sets it in progress again (done_on cleared); a breach's measure is refused to a reader.
        dpo = self.account("dina.dpo", "dpo")
        status, _, body = self.srv.request("POST", path, {"status": "in_progress"},
                                           dict(dpo, **{"If-Match": f'"{body["holder"]["version"]}"'}))
        self.assertEqual(status, 200, body)
        self.assertNotIn("done_on", body["measure"])
        status, _, body = self.srv.request("POST", "/api/v1/measures/dpia/ifo-socialtjanst/nope/status",
                                           {"status": "done"}, dict(dpo, **{"If-Match": f'"{body["holder"]["version"]}"'}))
        self.assertEqual(status, 404, body)

    def test_dpia_record_with_measures_round_trips_and_exports(self):
        _, _, page = self.srv.request("GET", "/api/v1/processing_activities?limit=500")
        a = next(x for x in page["items"] if x.get("dpia") and x.get("controller"))
        _, headers, a = self.srv.request("GET", f"/api/v1/processing_activities/{a['id']}")
        a["dpia"].update({"description": "Beskrivning", "necessity_proportionality": "Nödvändig",
                          "risks": [{"id": "r1", "description": "Obehörig åtkomst", "likelihood": 3, "consequence": 4}],
                          "measures": [{"id": "m1", "description": "Stark autentisering", "owner": None, "due": "2025-03-01",
                                        "status": "in_progress"}],
                          "residual_risk": "high", "dpo_opinion": {"text": "Förhandssamråd krävs", "given_on": "2025-01-10"},
                          "prior_consultation": {"needed": True, "sent_on": None, "authority_reply_on": None},
                          "review_on": "2025-06-01"})
        self.put("processing_activities", a, headers["etag"])
        _, _, back = self.srv.request("GET", f"/api/v1/processing_activities/{a['id']}")
        self.assertEqual(back["dpia"], a["dpia"])
        rules = set()
        _, _, f = self.srv.request("GET", f"/api/v1/findings?subject={a['id']}&limit=200")
        rules = {x["rule"] for x in f["findings"]}
        self.assertTrue({"R-MEASURE-OVERDUE", "R-DPIA-PRIOR-CONSULTATION", "R-DPIA-REVIEW"} <= rules, rules)
        _, _, reg = self.srv.request("GET", "/api/v1/measures?source=dpia&overdue=true")
        self.assertIn(a["id"], [m["holder"]["id"] for m in reg["measures"]])
        status, headers, xlsx = self.srv.request("GET", "/api/v1/measures/export?format=xlsx")
        self.assertEqual(status, 200)
        self.assertTrue(xlsx.startswith(b"PK"))
        self.assertIn("attachment", headers["content-disposition"])
        status, _, csv = self.srv.request("GET", "/api/v1/measures/export?format=csv&source=dpia")
        self.assertEqual(status, 200)
        self.assertIn("Stark autentisering", csv.decode("utf-8-sig"))
        status, _, _ = self.srv.request("GET", "/api/v1/measures?source=nope")
        self.assertEqual(status, 400)

    def test_reference_dpia_adopted_and_supplemented_by_committees(self):
        _, _, page = self.srv.request("GET", "/api/v1/systems?limit=500")
        s = next(x for x in page["items"] if x["scope"] == "municipality_wide")
        _, _, committees = self.srv.request("GET", "/api/v1/committees?limit=500")
        ids = [k["id"] for k in committees["items"]][:2]
        _, headers, s = self.srv.request("GET", f"/api/v1/systems/{s['id']}")
        docs = [d for d in s["documents"] if d["id"] != "ref-dpia"]
        reference = {"id": "ref-dpia", "kind": "dpia", "done_on": "2024-05-01", "dpo_consulted": True,
                     "adopted_by": ids, "supplemented_by": ids[:1]}
        s["documents"] = docs + [reference]
        etag = self.put("systems", s, headers["etag"])
        _, _, back = self.srv.request("GET", f"/api/v1/systems/{s['id']}")
        stored = next(d for d in back["documents"] if d["id"] == "ref-dpia")
        self.assertEqual(stored["adopted_by"], ids)
        self.assertEqual(stored["supplemented_by"], ids[:1])
        n = len(docs)
        # An unknown committee, and committees on a document that is not a DPIA: refused naming the field.
        for doc, field in ((dict(reference, adopted_by=["ingen-sådan"]), f"documents[{n}].adopted_by[0]"),
                           (dict(reference, kind="dpa"), f"documents[{n}].adopted_by")):
            status, _, problem = self.srv.request("PUT", f"/api/v1/systems/{s['id']}",
                                                  dict(s, documents=docs + [doc]), {"If-Match": etag})
            self.assertEqual(status, 422, problem)
            self.assertIn(field, str(problem))
        _, _, again = self.srv.request("GET", f"/api/v1/systems/{s['id']}")
        self.assertEqual(again, back)  # nothing changed

    def test_breach_content_reaches_no_reader(self):
        _, _, page = self.srv.request("GET", "/api/v1/systems?limit=500")
        s = next(x for x in page["items"] if x.get("owner_administration") and any(r.get("person") for r in x["roles"]))
        _, _, admins = self.srv.request("GET", "/api/v1/administrations?limit=500")
        other = next(a["id"] for a in admins["items"] if a["id"] != s["owner_administration"])
        secret = "Utskrifter med personnummer i fel kuvert 7731"
        incident = {"id": "inc-leak", "system": s["id"], "aware_at": "2025-01-10T08:00:00Z", "controllers": [],
                    "dpo_informed": True, "description": secret,
                    "action_plan": [{"id": "a1", "description": secret + " (åtgärd)", "owner": None,
                                     "due": "2025-02-01", "status": "planned"}]}
        status, headers, body = self.srv.request("POST", "/api/v1/incidents", incident)
        self.assertEqual(status, 201, body)
        body["likely_consequences"] = secret + " (följder)"
        status, _, body = self.srv.request("PUT", "/api/v1/incidents/inc-leak", body, {"If-Match": headers["etag"]})
        self.assertEqual(status, 200, body)

        reader = self.account("leak-reader", "reader")
        steward_person = next(r["person"] for r in s["roles"] if r.get("person"))
        steward = self.account("leak-steward", "steward", person=steward_person)  # a role on the breach's system
        dpo = self.account("leak-dpo", "dpo")
        own_contact = self.account("leak-contact", "data_protection_contact", administration=s["owner_administration"])
        other_contact = self.account("leak-other", "data_protection_contact", administration=other)
        for name, who, sees in (("reader", reader, False), ("steward", steward, False), ("dpo", dpo, True),
                                ("contact of the breach's administration", own_contact, True),
                                ("contact of another administration", other_contact, False)):
            with self.subTest(who=name):
                status, _, reg = self.srv.request("GET", "/api/v1/register", None, who)
                self.assertEqual(status, 200, reg)
                self.assertEqual(secret in json.dumps(reg, ensure_ascii=False), sees)
                self.assertEqual("inc-leak" in [i["id"] for i in reg.get("incidents", [])], sees)
                self.assertTrue(reg["systems"])  # the rest of the register is there
                status, _, old = self.srv.request("GET", "/api/v1/register?as_of=2999-01-01", None, who)
                self.assertEqual(status, 200, old)
                self.assertEqual(secret in json.dumps(old, ensure_ascii=False), sees)
                status, _, audit = self.srv.request(
                    "GET", "/api/v1/audit?entity_type=incident&entity_id=inc-leak&limit=10", None, who)
                self.assertEqual(status, 200, audit)
                self.assertEqual(len(audit["entries"]), 2)  # the entries keep their place in the trail
                self.assertEqual(secret in json.dumps(audit, ensure_ascii=False), sees)
                status, _, audit = self.srv.request("GET", "/api/v1/audit?limit=50", None, who)
                self.assertEqual(secret in json.dumps(audit, ensure_ascii=False), sees)
                status, _, measures = self.srv.request("GET", "/api/v1/measures?source=breach", None, who)
                self.assertEqual(status, 200, measures)
                self.assertEqual("inc-leak" in [m["holder"]["id"] for m in measures["measures"]], sees)
                status, _, csv = self.srv.request("GET", "/api/v1/measures/export?format=csv", None, who)
                self.assertEqual(status, 200)
                self.assertEqual(secret in csv.decode("utf-8-sig"), sees)


if __name__ == "__main__":
    unittest.main(argv=sys.argv[:1], verbosity=2)
