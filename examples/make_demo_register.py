#!/usr/bin/env python3
"""Writes examples/demo-register.json: a demo register (ansvar-register/1) for Kungsbacka kommun.

The register is meant to be opened by a data protection officer: about forty systems in the seven categories of
"Modell för digitala tjänster och system", the committees and administrations of Kungsbacka, the delegations under
KF 2024-03-05 § 33, the records of processing, open breaches and data subject requests. Most of it is in order; a
deliberate set of gaps tells a story when checked at 2026-11-23 (`as_of` is omitted, the product evaluates at now):

  * Skolplattformen (FG + GA) is the problem child: no power of attorney from GA, a US sub-processor without a
    transfer basis, a late follow-up report, no contract review in 2025, a stale access review, a thin DPA, a DPIA
    done after the fact and an open high-risk breach whose pupils and guardians have not been told.
  * Nämnden för Gymnasium & Arbetsmarknad never revised its delegation list after § 33 (no delegation, no fullmakt);
    Valnämnden delegated to the wrong title.
  * Procapita is being retired but runs on an expired contract without a plan for 2026.
  * Lifecare SP, shared with Region Halland, has a cooperation agreement but no art. 26 arrangement and no
    classification, and Combine already sends it personal data; the library system shared with Varberg and Region
    Halland shows how it should be done.
  * Smaller gaps one per system: a DPA missing, a DPA signed by the wrong person, two owners, an infrastructure owner
    with the wrong title, a missing steward, a budget outside KS/Service, a processor record that lists too few
    committees, contracts that end in early 2027, a foundation without its own DPA, and so on.

Run: python3 examples/make_demo_register.py   (writes the JSON next to this script)
"""
import json
import os
import random

# ---------------------------------------------------------------------------------------------------------------
# Organisation
# ---------------------------------------------------------------------------------------------------------------

organizations = [
    {"id": "kba", "name": "Kungsbacka kommun", "kind": "municipality", "dpo": "p-dpo",
     "management_review_on": "2026-05-19"},
    # K: "Eksta bostads AB, med dotterbolag, och stiftelsen Tjolöholm är fristående juridiska personer ...
    # Bolaget och stiftelsen kan använda det kommungemensamma dataskyddsombudet".
    {"id": "eksta", "name": "Eksta bostads AB", "kind": "company", "dpo": "p-dpo",
     "management_review_on": "2026-04-14"},
    {"id": "tjoloholm", "name": "Stiftelsen Tjolöholm", "kind": "foundation", "dpo": "p-dpo",
     "management_review_on": "2025-06-10"},   # finding: R-LIS-REVIEW (more than 12 months ago)
    # D: a library system shared by several municipalities and the region under an art. 26 arrangement.
    {"id": "varberg", "name": "Varbergs kommun", "kind": "municipality", "management_review_on": "2026-02-03"},
    {"id": "rh", "name": "Region Halland", "kind": "region", "management_review_on": "2026-03-12"},
]

committees = [
    {"id": "ks", "organization": "kba", "name": "Kommunstyrelsen", "kind": "executive_board"},
    {"id": "service", "organization": "kba", "name": "Nämnden för Service", "kind": "service_committee"},
    {"id": "rev", "organization": "kba", "name": "Revisionen", "kind": "audit"},
    {"id": "valn", "organization": "kba", "name": "Valnämnden", "kind": "committee"},
    {"id": "bn", "organization": "kba", "name": "Byggnadsnämnden", "kind": "committee"},
    {"id": "mh", "organization": "kba", "name": "Nämnden för Miljö & Hälsoskydd", "kind": "committee"},
    {"id": "fg", "organization": "kba", "name": "Nämnden för Förskola & Grundskola", "kind": "committee"},
    {"id": "ga", "organization": "kba", "name": "Nämnden för Gymnasium & Arbetsmarknad", "kind": "committee"},
    {"id": "ifo", "organization": "kba", "name": "Nämnden för Individ & Familjeomsorg", "kind": "committee"},
    {"id": "vo", "organization": "kba", "name": "Nämnden för Vård & Omsorg", "kind": "committee"},
    {"id": "kf", "organization": "kba", "name": "Nämnden för Kultur & Fritid", "kind": "committee"},
    {"id": "tn", "organization": "kba", "name": "Nämnden för Teknik", "kind": "committee"},
]
KBA_COMMITTEES = [c["id"] for c in committees]
# Committees whose staff, clients and customers are touched by the support processes KS and Service perform.
OPERATING = ["ks", "valn", "service", "bn", "mh", "fg", "ga", "ifo", "vo", "kf", "tn"]


def unit(uid, name, kind="other"):
    return {"id": uid, "name": name, "kind": kind}


administrations = [
    {"id": "ksf", "organization": "kba", "name": "Kommunstyrelsens förvaltning", "committees": ["ks", "valn"],
     "employing_committee": "ks",
     "units": [unit("ks-kansli", "Kansli"), unit("ks-ekonomi", "Ekonomi"), unit("ks-hr", "HR"),
               unit("ks-komm", "Kommunikation"), unit("ks-styr", "Verksamhetsstyrning")]},
    {"id": "sf", "organization": "kba", "name": "Förvaltningen för Service", "committees": ["service"],
     "units": [unit("dc", "Digitalt center", "digital_center"), unit("ink", "Inköp", "procurement"),
               unit("lon", "Lön & HR-service"), unit("kc", "Kontaktcenter"), unit("kost", "Måltidsservice")]},
    {"id": "bmf", "organization": "kba", "name": "Bygg- och miljöförvaltningen", "committees": ["bn", "mh"],
     "employing_committee": "bn", "units": []},
    {"id": "fgf", "organization": "kba", "name": "Förvaltningen för Förskola & Grundskola", "committees": ["fg"],
     "units": []},
    {"id": "gaf", "organization": "kba", "name": "Förvaltningen för Gymnasium & Arbetsmarknad", "committees": ["ga"],
     "units": []},
    {"id": "iff", "organization": "kba", "name": "Förvaltningen för Individ & Familjeomsorg", "committees": ["ifo"],
     "units": []},
    {"id": "vof", "organization": "kba", "name": "Förvaltningen för Vård & Omsorg", "committees": ["vo"],
     "units": []},
    {"id": "kff", "organization": "kba", "name": "Förvaltningen för Kultur & Fritid", "committees": ["kf"],
     "units": []},
    {"id": "tf", "organization": "kba", "name": "Förvaltningen för Teknik", "committees": ["tn"], "units": []},
    # Other organizations: no committees are recorded for them (R-DELEG-KF33 would otherwise apply to a
    # neighbouring municipality's committees too), so they are never derived as controllers of a system.
    {"id": "eksta-adm", "organization": "eksta", "name": "Eksta bostads AB", "committees": [], "units": []},
    {"id": "tjolo-adm", "organization": "tjoloholm", "name": "Stiftelsen Tjolöholm", "committees": [], "units": []},
    {"id": "varberg-kff", "organization": "varberg", "name": "Kultur- och fritidsförvaltningen, Varbergs kommun",
     "committees": [], "units": []},
    {"id": "rh-rb", "organization": "rh", "name": "Regionbibliotek Halland", "committees": [], "units": []},
    {"id": "rh-hs", "organization": "rh", "name": "Hallands sjukhus", "committees": [], "units": []},
]
ALL_KBA = ["ksf", "sf", "bmf", "fgf", "gaf", "iff", "vof", "kff", "tf"]

# (id, name, administration, unit, title, position). `position` is the job title as written in Kungsbacka; the
# format's `title` is the coarse kind the rules use. `position` is not part of ansvar-register/1 and is ignored.
PEOPLE = [
    # Kommunstyrelsens förvaltning
    ("p-kd", "Anna-Karin Bengtsson", "ksf", None, "municipal_director", "Kommundirektör"),
    ("p-bkd", "Magnus Ekström", "ksf", None, "deputy_municipal_director", "Biträdande kommundirektör"),
    ("p-dpo", "Helena Sjöberg", "ksf", "ks-kansli", "employee", "Dataskyddsombud"),
    ("p-ks-dsk", "Jonas Lindahl", "ksf", "ks-kansli", "employee",
     "Dataskyddskontakt, Kommunstyrelsens förvaltning"),
    ("p-kanslichef", "Henrik Johansson", "ksf", "ks-kansli", "manager", "Kanslichef"),
    ("p-registrator", "Eva Gustafsson", "ksf", "ks-kansli", "employee", "Registrator, systemförvaltare Ciceron"),
    ("p-arkivarie", "Karl Andersson", "ksf", "ks-kansli", "employee", "Kommunarkivarie"),
    ("p-ekchef", "Per Olausson", "ksf", "ks-ekonomi", "manager", "Ekonomichef"),
    ("p-ks-sf-ek", "Linnea Karlsson", "ksf", "ks-ekonomi", "employee", "Systemförvaltare ekonomisystem"),
    ("p-hrchef", "Maria Thorsson", "ksf", "ks-hr", "manager", "HR-chef"),
    ("p-arbmiljo", "Oskar Nyberg", "ksf", "ks-hr", "employee", "HR-specialist arbetsmiljö"),
    ("p-kommchef", "Camilla Åberg", "ksf", "ks-komm", "manager", "Kommunikationschef"),
    ("p-kommunikator", "Elias Hedlund", "ksf", "ks-komm", "employee", "Kommunikatör, sociala medier"),
    ("p-styrchef", "Lars Wikström", "ksf", "ks-styr", "manager", "Chef verksamhetsstyrning"),
    ("p-styrstrateg", "Ida Persson", "ksf", "ks-styr", "employee", "Verksamhetsstrateg, systemförvaltare Stratsys"),
    # Förvaltningen för Service
    ("p-fc-sf", "Katarina Olsson", "sf", None, "administration_director", "Förvaltningschef Service"),
    ("p-vc-dc", "Johan Svensson", "sf", "dc", "digital_center_head", "Verksamhetschef Digitalt center"),
    ("p-dc-infra", "Niklas Holm", "sf", "dc", "manager", "Enhetschef IT-infrastruktur"),
    ("p-dc-utv", "Therese Nilsson", "sf", "dc", "manager", "Enhetschef digital utveckling"),
    ("p-tsf1", "Amir Hadzic", "sf", "dc", "employee", "Teknisk systemförvaltare"),
    ("p-tsf2", "Malin Ek", "sf", "dc", "employee", "Teknisk systemförvaltare"),
    ("p-tsf3", "Viktor Sandberg", "sf", "dc", "employee", "Teknisk systemförvaltare"),
    ("p-po-id", "Robin Fransson", "sf", "dc", "employee", "Produktägare identitet och katalogtjänster"),
    ("p-tjf-m365", "Jenny Axelsson", "sf", "dc", "employee", "Tjänsteförvaltare M365"),
    ("p-tjf-etj", "Daniel Kraft", "sf", "dc", "employee", "Tjänsteförvaltare e-tjänster"),
    ("p-tjf-webb", "Petra Lindgren", "sf", "dc", "employee", "Tjänsteförvaltare webb"),
    ("p-lonchef", "Åsa Pettersson", "sf", "lon", "manager", "Chef Lön & HR-service"),
    ("p-sf-personec", "Tobias Ahlström", "sf", "lon", "employee", "Systemförvaltare Personec"),
    ("p-kc-chef", "Patrik Lundgren", "sf", "kc", "manager", "Chef Kontaktcenter"),
    ("p-inkopschef", "Ulf Kjellberg", "sf", "ink", "manager", "Inköpschef"),
    ("p-upphandlare", "Rebecka Wallin", "sf", "ink", "employee", "Upphandlare, systemförvaltare TendSign"),
    ("p-kostchef", "Gunilla Ström", "sf", "kost", "manager", "Kostchef"),
    ("p-kostekonom", "Marcus Blom", "sf", "kost", "employee", "Kostekonom"),
    ("p-sf-dsk", "Elin Wahlberg", "sf", None, "employee", "Dataskyddskontakt, Förvaltningen för Service"),
    # Bygg- och miljöförvaltningen (serves Byggnadsnämnden and Nämnden för Miljö & Hälsoskydd)
    ("p-fc-bmf", "Anders Håkansson", "bmf", None, "administration_director", "Förvaltningschef Bygg och miljö"),
    ("p-bygglovschef", "Cecilia Larsson", "bmf", None, "manager", "Bygglovschef"),
    ("p-miljochef", "Peter Engström", "bmf", None, "manager", "Miljöchef"),
    ("p-bmf-sf", "Johanna Falk", "bmf", None, "employee", "Systemförvaltare Ecos"),
    ("p-bmf-dsk", "Rasmus Eklund", "bmf", None, "employee", "Dataskyddskontakt, Bygg- och miljöförvaltningen"),
    # Förskola & Grundskola
    ("p-fc-fgf", "Charlotte Björk", "fgf", None, "administration_director", "Förvaltningschef Förskola & Grundskola"),
    ("p-fgf-utv", "Mattias Holmberg", "fgf", None, "manager", "Chef digitalisering och utveckling"),
    ("p-fgf-sf", "Josefin Ljung", "fgf", None, "employee", "Systemförvaltare Skolplattformen"),
    ("p-fgf-forskola", "Annika Sundberg", "fgf", None, "manager", "Verksamhetschef förskola"),
    ("p-fgf-dsk", "Erik Lindström", "fgf", None, "employee", "Dataskyddskontakt, Förskola & Grundskola"),
    # Gymnasium & Arbetsmarknad
    ("p-fc-gaf", "Jan Eriksson", "gaf", None, "administration_director", "Förvaltningschef Gymnasium & Arbetsmarknad"),
    ("p-gaf-chef", "Louise Hermansson", "gaf", None, "manager", "Verksamhetschef gymnasieskolan"),
    ("p-gaf-dsk", "Sebastian Norén", "gaf", None, "employee", "Dataskyddskontakt, Gymnasium & Arbetsmarknad"),
    # Individ & Familjeomsorg
    ("p-fc-iff", "Birgitta Magnusson", "iff", None, "administration_director", "Förvaltningschef Individ & Familjeomsorg"),
    ("p-iff-chef", "Ola Carlsson", "iff", None, "manager", "Verksamhetschef myndighetsutövning"),
    ("p-iff-sf", "Madeleine Ekberg", "iff", None, "employee", "Systemförvaltare Combine"),
    ("p-iff-dsk", "Kristoffer Dahl", "iff", None, "employee", "Dataskyddskontakt, Individ & Familjeomsorg"),
    # Vård & Omsorg
    ("p-fc-vof", "Susanne Wallgren", "vof", None, "administration_director", "Förvaltningschef Vård & Omsorg"),
    ("p-vof-chef", "Göran Lindberg", "vof", None, "manager", "Verksamhetschef hemtjänst"),
    ("p-mas", "Ingrid Bergqvist", "vof", None, "manager", "Medicinskt ansvarig sjuksköterska (MAS)"),
    ("p-vof-sf", "Tina Andersson", "vof", None, "employee", "Systemförvaltare vård och omsorg"),
    ("p-vof-utv", "Agnes Holmgren", "vof", None, "employee", "Verksamhetsutvecklare"),
    ("p-vof-dsk", "Mohammed Rahimi", "vof", None, "employee", "Dataskyddskontakt, Vård & Omsorg"),
    # Kultur & Fritid
    ("p-fc-kff", "Lena Forsman", "kff", None, "administration_director", "Förvaltningschef Kultur & Fritid"),
    ("p-bibchef", "Kristina Sjögren", "kff", None, "manager", "Bibliotekschef"),
    ("p-kff-sf", "Anton Westerberg", "kff", None, "employee", "Systemförvaltare bibliotekssystem"),
    ("p-kff-dsk", "Nora Isaksson", "kff", None, "employee", "Dataskyddskontakt, Kultur & Fritid"),
    # Teknik
    ("p-fc-tf", "Stefan Nyström", "tf", None, "administration_director", "Förvaltningschef Teknik"),
    ("p-gischef", "Hans Ekdahl", "tf", None, "manager", "Enhetschef Mät och GIS"),
    ("p-gis-tjf", "Julia Strömberg", "tf", None, "employee", "Tjänsteförvaltare GIS"),
    ("p-cad", "Björn Kvist", "tf", None, "employee", "CAD-samordnare"),
    ("p-tf-dsk", "Alice Lindholm", "tf", None, "employee", "Dataskyddskontakt, Teknik"),
    # Company, foundation, partners
    ("p-eksta-vd", "Thomas Jönsson", "eksta-adm", None, "manager", "Verkställande direktör, Eksta bostads AB"),
    ("p-tjolo-chef", "Margareta Lilja", "tjolo-adm", None, "manager", "Stiftelsechef, Stiftelsen Tjolöholm"),
    ("p-varberg-bib", "Karin Ståhl", "varberg-kff", None, "manager", "Bibliotekschef, Varbergs kommun"),
    ("p-rh-regbib", "Gustav Almqvist", "rh-rb", None, "manager", "Regionbibliotekschef, Region Halland"),
]


def email(name):
    table = str.maketrans({"å": "a", "ä": "a", "ö": "o", "é": "e", " ": ".", "-": "-"})
    return name.lower().translate(table) + "@kungsbacka.example"


people = [{"id": i, "name": n, "administration": a, "unit": u, "title": t, "email": email(n), "position": pos}
          for (i, n, a, u, t, pos) in PEOPLE]
PERSON = {p["id"]: p for p in people}

# ---------------------------------------------------------------------------------------------------------------
# Documents, roles and the rest of a system
# ---------------------------------------------------------------------------------------------------------------

ALL_CLAUSES = ["28.3.a", "28.3.b", "28.3.c", "28.3.d", "28.3.e", "28.3.f", "28.3.g", "28.3.h",
               "audit_information", "erase_or_return", "staff_confidentiality"]
DIARY_PREFIX = {"ksf": "KS", "sf": "SN", "bmf": "BN", "fgf": "FG", "gaf": "GA", "iff": "IFO", "vof": "VO",
                "kff": "KF", "tf": "TN"}


def R(role, person):
    return {"role": role, "person": person}


def RC(role, committee):
    return {"role": role, "committee": committee}


def rnd(sid):
    return random.Random("kungsbacka/" + sid)


def day(rng, year, month, lo=2, hi=27):
    return f"{year}-{month:02d}-{rng.randint(lo, hi):02d}"


def diary(admin, year, rng):
    return f"{DIARY_PREFIX[admin]}-{year}-{rng.randint(40, 990):05d}"


class Sys:
    """Builds one system; the defaults describe a system in good order at 2026-11-23."""

    def __init__(self, sid, name, category, scope, owner_admin, used_by, *, supplier, hosting="external",
                 personal_data=True, special=False, fee=True, lifecycle="active", active_since="2019-01-01",
                 classification=(2, 2, 2), countries=("SE",), own_support=False, description=None):
        self.rng = rnd(sid)
        self.admin = owner_admin
        self.s = {
            "id": sid, "name": name, "category": category, "scope": scope, "own_support_process": own_support,
            "owner_administration": owner_admin, "used_by": list(used_by), "hosting": hosting,
            "supplier": supplier, "personal_data": personal_data, "special_categories": special, "fee": fee,
            "lifecycle": lifecycle, "active_since": active_since,
            "classification": None if classification is None else dict(zip(
                ("confidentiality", "integrity", "availability"), classification)),
            "processing_countries": list(countries), "roles": [], "documents": [], "forums": [], "reviews": [],
            "integrations": [],
        }
        if description:
            self.s["description"] = description
        if active_since is None:
            del self.s["active_since"]

    # --- documents -------------------------------------------------------------------------------------------
    def doc(self, kind, **fields):
        d = {"id": f"{self.s['id']}-{kind.replace('_', '-')}", "kind": kind}
        if "suffix" in fields:
            d["id"] += "-" + fields.pop("suffix")
        d.update(fields)
        self.s["documents"].append(d)
        return self

    def contract(self, valid_from, valid_to, diary_number="auto"):
        if diary_number == "auto":
            diary_number = diary(self.admin, int(valid_from[:4]) - (1 if valid_from[5:7] < "04" else 0), self.rng)
        d = {"valid_from": valid_from, "valid_to": valid_to}
        if diary_number is not None:
            d["diary_number"] = diary_number
        return self.doc("base_contract", **d)

    def dpa(self, signed_on, signed_by, on_behalf_of, *, clauses=ALL_CLAUSES, poas=None, organization=None,
            suffix=None, diary_number="auto"):
        if diary_number == "auto":
            diary_number = diary(self.admin, int(signed_on[:4]), self.rng)
        d = {"signed_on": signed_on, "signed_by": signed_by, "on_behalf_of": list(on_behalf_of),
             "diary_number": diary_number, "clauses": list(clauses)}
        if poas is not None:
            d["powers_of_attorney"] = list(poas)
        if organization is not None:
            d["organization"] = organization
        if suffix:
            d["suffix"] = suffix
        return self.doc("dpa", **d)

    def annual(self, approver, *, plan2026=True, report2025=True, plan2027=None, report_on=None, plan_on=None):
        """Management plan for 2026 (approved in December 2025) and follow-up report for 2025 (by March 2026),
        both approved by the budget holder; optionally the 2027 plan, already approved in November 2026."""
        r = self.rng
        if plan2026:
            self.doc("management_plan", suffix="2026", year=2026,
                     approved_on=plan_on or day(r, 2025, 12, 1, 19), approved_by=approver,
                     diary_number=diary(self.admin, 2025, r))
        if report2025:
            self.doc("follow_up_report", suffix="2025", year=2025,
                     approved_on=report_on or day(r, 2026, r.choice([2, 3]), 3, 28), approved_by=approver)
        if plan2027 is None:
            plan2027 = r.random() < 0.4
        if plan2027:
            self.doc("management_plan", suffix="2027", year=2027, approved_on=day(r, 2026, 11, 2, 20),
                     approved_by=approver, diary_number=diary(self.admin, 2026, r))
        return self

    def sla(self, valid_from, valid_to):
        return self.doc("sla", valid_from=valid_from, valid_to=valid_to)

    def classified(self, done_on=None):
        return self.doc("classification", done_on=done_on or day(self.rng, self.rng.choice([2023, 2024, 2025]),
                                                                   self.rng.randint(1, 12)))

    def reference_dpia(self, done_on):
        return self.doc("dpia", done_on=done_on, dpo_consulted=True)

    def transfer(self, basis, tia_done_on):
        self.doc("transfer_impact_assessment", done_on=tia_done_on)
        self.s["transfer"] = {"basis": basis, "tia_document": f"{self.s['id']}-transfer-impact-assessment"}
        return self

    # --- roles, forums, reviews, flows -----------------------------------------------------------------------
    def roles(self, *roles):
        self.s["roles"].extend(roles)
        return self

    def forums(self, contract_review=True, extra=()):
        r = self.rng
        if contract_review:
            kind = "contract_review" if r.random() < 0.75 else "internal_dialogue"
            self.s["forums"].append({"kind": kind, "held_on": day(r, 2025, r.randint(3, 11))})
        for kind in extra:
            self.s["forums"].append({"kind": kind, "held_on": day(r, 2026, r.randint(2, 11), 2, 20)})
        return self

    def reviewed(self, access=None, log=None):
        r = self.rng
        self.s["reviews"].append({"kind": "access_review", "done_on": access or day(r, 2026, r.randint(2, 10))})
        self.s["reviews"].append({"kind": "log_review", "done_on": log or day(r, 2026, r.randint(1, 10))})
        return self

    def flows(self, *targets):
        for to, pd in targets:
            self.s["integrations"].append({"to": to, "personal_data": pd})
        return self

    def done(self):
        return self.s


STEWARD_FORUMS = ("development_council", "user_forum", "supplier_meeting", "steward_forum")
DEPUTY_BEHALF = KBA_COMMITTEES

systems = []
add = systems.append

# ----- Publika tjänster: Facebook, Instagram, Spotify --------------------------------------------------------------
add(Sys("facebook", "Facebook", "public_service", "municipality_wide", "ksf", ALL_KBA, supplier="Meta Platforms Ireland Ltd",
        fee=False, active_since="2011-05-01", classification=(1, 2, 1), countries=("IE", "US"),
        description="Kommunens sidor på Facebook.")
    .roles(R("lead_superuser", "p-kommunikator"), RC("information_owner", "ks"))
    .transfer("adequacy", "2024-02-12").classified("2024-02-12")
    .reviewed(access="2026-09-08", log="2026-09-08").done())
# Finding: R-ROLE-NO-OWNER - someone registered a budget holder because the municipality pays for ads.
add(Sys("instagram", "Instagram", "public_service", "municipality_wide", "ksf", ALL_KBA, supplier="Meta Platforms Ireland Ltd",
        fee=False, active_since="2014-03-01", classification=(1, 2, 1), countries=("IE", "US"),
        description="Kommunens konton på Instagram. Annonsering betalas av Kommunikation.")
    .roles(R("lead_superuser", "p-kommunikator"), R("budget_holder", "p-kommchef"))
    .transfer("adequacy", "2024-02-12").classified("2024-02-12")
    .reviewed(access="2026-09-08", log="2026-09-08").done())
add(Sys("spotify", "Spotify", "public_service", "administration_specific", "kff", ["kff"], supplier="Spotify AB",
        personal_data=False, fee=False, active_since="2019-09-01", classification=(0, 1, 1),
        description="Bibliotekens spellistor och poddar.")
    .roles(R("lead_superuser", "p-kff-sf")).done())

# ----- Myndighetstjänster: Sjunet, NPÖ, Pascal, SITHS Admin -------------------------------------------------------
add(Sys("sjunet", "Sjunet", "authority_service", "administration_specific", "vof", ["vof"], supplier="Inera AB",
        personal_data=False, fee=False, active_since="2012-01-01", classification=(2, 3, 3),
        description="Vårdens nätverk för säker kommunikation.")
    .roles(R("lead_superuser", "p-po-id")).done())
# Finding: R-LOG-REVIEW - the NPÖ access logs were last reviewed in September 2025.
add(Sys("npo", "NPÖ – Nationell patientöversikt", "authority_service", "administration_specific", "vof", ["vof"],
        supplier="Inera AB", special=True, fee=False, active_since="2015-03-01", classification=(3, 3, 2),
        description="Läsåtkomst till patientuppgifter från andra vårdgivare med samtycke.")
    .roles(R("lead_superuser", "p-mas"), R("process_owner", "p-mas"))
    .classified("2024-10-02").reviewed(access="2026-04-21", log="2025-09-15").done())
add(Sys("pascal", "Pascal", "authority_service", "administration_specific", "vof", ["vof"],
        supplier="E-hälsomyndigheten", special=True, fee=False, active_since="2016-05-01", classification=(3, 3, 3),
        description="Ordination av dosdispenserade läkemedel.")
    .roles(R("lead_superuser", "p-mas"))
    .classified("2024-10-02").reviewed(access="2026-04-21", log="2026-04-21").done())
add(Sys("siths-admin", "SITHS Admin", "authority_service", "administration_specific", "sf", ["sf", "vof", "iff"],
        supplier="Inera AB", fee=False, active_since="2013-01-01", classification=(2, 3, 3),
        description="Utfärdande och spärr av SITHS-kort för vård och omsorg.")
    .roles(R("lead_superuser", "p-po-id"))
    .classified("2024-05-14").reviewed().done())

# ----- Kommersiella tjänster: Ekopost, Kivra, Digitala invånarmöten, SMS från Outlook, e-legitimation -------------------
add(Sys("ekopost", "Ekopost", "commercial_service", "municipality_wide", "ksf", ALL_KBA, supplier="Ekopost AB",
        active_since="2020-02-01", classification=(3, 2, 2),
        description="Utskick av brev, digitalt eller på papper.")
    .roles(R("owner", "p-bkd"), R("budget_holder", "p-kanslichef"), R("lead_superuser", "p-registrator"))
    .contract("2024-02-01", "2028-01-31")
    .dpa("2024-10-14", "p-bkd", DEPUTY_BEHALF).classified("2025-03-11").reviewed().done())
add(Sys("kivra", "Kivra", "commercial_service", "municipality_wide", "ksf", ALL_KBA, supplier="Kivra AB",
        active_since="2019-06-01", classification=(3, 2, 2), description="Digital brevlåda för beslut och fakturor.")
    .roles(R("owner", "p-bkd"), R("budget_holder", "p-kanslichef"), R("lead_superuser", "p-registrator"))
    .contract("2019-06-01", None)
    .dpa("2024-10-14", "p-bkd", DEPUTY_BEHALF).classified("2025-03-11").reviewed().done())
add(Sys("invanarmoten", "Digitala invånarmöten", "commercial_service", "municipality_wide", "ksf", ALL_KBA,
        supplier="Zoom Video Communications Inc.", active_since="2021-02-01", classification=(1, 2, 2),
        countries=("SE", "DE", "US"), description="Webbinarier för samråd och medborgardialog.")
    .roles(R("owner", "p-bkd"), R("budget_holder", "p-kommchef"), R("lead_superuser", "p-kommunikator"))
    .dpa("2024-11-05", "p-bkd", DEPUTY_BEHALF).transfer("scc", "2024-10-21").classified("2024-10-21")
    .reviewed().done())
# Finding: R-DOC-MANDATORY (dpa) - bought by Kontaktcenter on a card; nobody signed a DPA.
add(Sys("sms-outlook", "SMS från Outlook", "commercial_service", "municipality_wide", "sf", ALL_KBA,
        supplier="Link Mobility AB", active_since="2022-09-01", classification=(2, 2, 2),
        description="Skicka sms till invånare och medarbetare direkt från Outlook.")
    .roles(R("owner", "p-fc-sf"), R("budget_holder", "p-kc-chef"), R("lead_superuser", "p-kc-chef"))
    .classified("2025-05-06").reviewed().done())
add(Sys("e-legitimation", "E-legitimering (BankID och Freja eID+)", "commercial_service", "municipality_wide", "sf",
        ALL_KBA, supplier="Svensk e-identitet AB", active_since="2018-10-01", classification=(2, 3, 3),
        description="Identifiering och underskrift i kommunens e-tjänster.")
    .roles(R("owner", "p-fc-sf"), R("budget_holder", "p-dc-utv"), R("lead_superuser", "p-tjf-etj"))
    .contract("2023-10-01", "2029-09-30")
    .dpa("2024-10-21", "p-bkd", DEPUTY_BEHALF).classified("2024-06-18").reviewed()
    .flows(("open-eplatform", True)).done())

# ----- Digitala verktyg: KIA, AutoCad, Mashie, KLOK -------------------------------------------------------------
add(Sys("kia", "KIA – arbetsmiljöavvikelser", "digital_tool", "municipality_wide", "ksf", ALL_KBA,
        supplier="Entergate AB", special=True, active_since="2017-01-01", classification=(3, 2, 2),
        description="Anmälan och utredning av tillbud, olycksfall och riskobservationer.")
    .roles(R("owner", "p-bkd"), R("budget_holder", "p-hrchef"), R("lead_superuser", "p-arbmiljo"),
           R("technical_steward", "p-tsf1"), R("process_owner", "p-hrchef"))
    .contract("2022-01-01", "2028-12-31").dpa("2024-10-14", "p-bkd", DEPUTY_BEHALF)
    .annual("p-hrchef").classified("2023-04-25").reference_dpia("2023-05-30")
    .forums(extra=("checkpoint_meeting", "supplier_meeting")).reviewed().done())
add(Sys("autocad", "AutoCad", "digital_tool", "administration_specific", "tf", ["tf", "bmf"],
        supplier="Autodesk via Symetri AB", personal_data=False, active_since="2009-01-01", classification=(1, 2, 1),
        description="Ritningar och projektering för Teknik och bygglov.")
    .roles(R("owner", "p-fc-tf"), R("budget_holder", "p-gischef"), R("lead_superuser", "p-cad"),
           R("technical_steward", "p-tsf1"), R("process_owner", "p-gischef"))
    .contract("2024-04-01", "2028-03-31").annual("p-gischef").forums(extra=("supplier_meeting",)).done())
# Mashie: shared by Service (Måltidsservice), FG and VO; Service's director signs the DPA with powers of attorney from
# FG and VO. Finding: R-CONTRACT-EXPIRY (warning) - the contract ends 2027-02-28.
add(Sys("mashie", "Mashie", "digital_tool", "administration_specific", "sf", ["sf", "fgf", "vof"],
        supplier="Mashie AB", special=True, active_since="2019-03-01", classification=(2, 2, 2),
        description="Kostdata, menyplanering och specialkost.")
    .roles(R("owner", "p-fc-sf"), R("budget_holder", "p-kostchef"), R("lead_superuser", "p-kostekonom"),
           R("technical_steward", "p-tsf2"), R("process_owner", "p-kostchef"), R("superuser", "p-fgf-forskola"))
    .contract("2023-03-01", "2027-02-28")
    .dpa("2024-12-10", "p-fc-sf", ["service", "fg", "vo"], poas=["f-mashie-fg", "f-mashie-vo"])
    .annual("p-kostchef", plan2027=False).classified("2024-01-30")
    .forums(extra=("checkpoint_meeting", "user_forum")).reviewed().done())
# KLOK started in Vård & Omsorg and became municipality-wide; its budget never moved.
# Findings: R-SCOPE-OWNER, R-ROLE-BUDGET-MANAGER, R-DIARIUM (contract never registered).
add(Sys("klok", "KLOK – kunskapsbank och manualer", "digital_tool", "municipality_wide", "sf", ALL_KBA,
        supplier="Atlassian (Confluence Cloud)", personal_data=False, active_since="2020-01-01",
        classification=(0, 2, 1), description="Användarmanualer och instruktioner, bl.a. för Viktigt meddelande.")
    .roles(R("owner", "p-fc-sf"), R("budget_holder", "p-vof-utv"), R("lead_superuser", "p-vof-utv"),
           R("technical_steward", "p-tsf1"), R("process_owner", "p-dc-utv"))
    .contract("2023-01-01", "2028-12-31", diary_number=None).annual("p-vof-utv", plan2027=False)
    .forums().done())

# ----- Verksamhetssystem ---------------------------------------------------------------------------------------------
# Finding: R-CONTRACT-EXPIRY (warning, ends 2027-03-31) and R-DPA-SIGNER (the 2021 DPA was signed by the head of
# finance under the old rules; after § 33 the deputy municipal director decides and signs).
add(Sys("stratsys", "Stratsys", "business_system", "municipality_wide", "ksf", ALL_KBA, supplier="Stratsys AB",
        active_since="2017-04-01", classification=(1, 2, 2), description="Mål, planering och uppföljning.")
    .roles(R("owner", "p-bkd"), R("budget_holder", "p-styrchef"), R("system_steward", "p-styrstrateg"),
           R("technical_steward", "p-tsf1"), R("process_owner", "p-styrchef"))
    .contract("2021-04-01", "2027-03-31").dpa("2021-04-01", "p-ekchef", ["ks"])
    .annual("p-styrchef").sla("2021-04-01", "2027-03-31").classified("2023-09-19")
    .forums(extra=("development_council", "user_forum")).reviewed().done())
# Finding: R-COOP-SEPARATE-DPA - Stiftelsen Tjolöholm keeps its books in Raindance without a DPA of its own.
add(Sys("raindance", "Raindance", "business_system", "municipality_wide", "ksf", ALL_KBA + ["tjolo-adm"],
        supplier="CGI Sverige AB", active_since="2008-01-01", classification=(2, 3, 2),
        description="Ekonomisystem: redovisning, leverantörs- och kundreskontra.")
    .roles(R("owner", "p-bkd"), R("budget_holder", "p-ekchef"), R("system_steward", "p-ks-sf-ek"),
           R("technical_steward", "p-tsf1"), R("process_owner", "p-ekchef"), RC("information_owner", "ks"))
    .contract("2022-01-01", "2029-12-31").dpa("2024-10-14", "p-bkd", DEPUTY_BEHALF)
    .annual("p-ekchef").sla("2022-01-01", "2029-12-31").classified("2024-03-05")
    .forums(extra=STEWARD_FORUMS).reviewed().flows(("ekopost", True), ("kivra", True)).done())
# Combine: shared by IFO and VO (administration-specific); IFO's director signs with VO's power of attorney.
# Finding: R-FLOW-SECURITY - Combine sends personal data to Lifecare SP, which has not been classified.
add(Sys("combine", "Combine", "business_system", "administration_specific", "iff", ["iff", "vof"],
        supplier="Pulsen Omsorg AB", special=True, active_since="2020-01-01", classification=(3, 3, 3),
        description="Verksamhetssystem för socialtjänst: IFO och biståndshandläggning äldreomsorg.")
    .roles(R("owner", "p-fc-iff"), R("budget_holder", "p-iff-chef"), R("budget_holder", "p-vof-chef"),
           R("system_steward", "p-iff-sf"), R("system_administrator", "p-vof-sf"), R("technical_steward", "p-tsf3"),
           R("process_owner", "p-iff-chef"), R("process_owner", "p-vof-chef"),
           RC("information_owner", "ifo"), RC("information_owner", "vo"))
    .contract("2019-07-01", "2029-06-30").dpa("2024-11-20", "p-fc-iff", ["ifo", "vo"], poas=["f-combine-vo"])
    .annual("p-iff-chef").sla("2019-07-01", "2029-06-30").classified("2024-09-10")
    .forums(extra=STEWARD_FORUMS).reviewed()
    .flows(("kivra", True), ("lifecare-sp", True)).done())
# Personec: Service's own support process (payroll) - Service decides the DPA; Eksta and Tjolöholm have their own.
add(Sys("personec", "Personec P", "business_system", "municipality_wide", "sf", ALL_KBA + ["eksta-adm", "tjolo-adm"],
        supplier="Visma Enterprise AB", special=True, own_support=True, active_since="2012-01-01",
        classification=(3, 3, 2), description="Lön, anställning och personaladministration.")
    .roles(R("owner", "p-fc-sf"), R("budget_holder", "p-lonchef"), R("system_steward", "p-sf-personec"),
           R("technical_steward", "p-tsf2"), R("process_owner", "p-lonchef"))
    .contract("2022-01-01", "2030-12-31").dpa("2024-06-03", "p-fc-sf", ["service"])
    .dpa("2024-06-17", "p-eksta-vd", [], organization="eksta", suffix="eksta", diary_number="EKSTA-2024-031")
    .dpa("2024-08-26", "p-tjolo-chef", [], organization="tjoloholm", suffix="tjoloholm", diary_number="TJO-2024-007")
    .annual("p-lonchef").sla("2022-01-01", "2030-12-31").classified("2024-02-20").reference_dpia("2024-04-10")
    .forums(extra=STEWARD_FORUMS).reviewed().flows(("raindance", False)).done())
add(Sys("ecos", "Ecos", "business_system", "administration_specific", "bmf", ["bmf"], supplier="Sokigo AB",
        hosting="internal", active_since="2014-01-01", classification=(2, 3, 2),
        description="Ärendehantering för bygglov och miljö- och hälsoskyddstillsyn.")
    .roles(R("owner", "p-fc-bmf"), R("budget_holder", "p-bygglovschef"), R("budget_holder", "p-miljochef"),
           R("system_steward", "p-bmf-sf"), R("technical_steward", "p-tsf3"), R("process_owner", "p-bygglovschef"),
           R("process_owner", "p-miljochef"))
    .contract("2020-01-01", "2028-12-31").dpa("2024-10-07", "p-fc-bmf", ["bn", "mh"], poas=["f-ecos-mh"])
    .annual("p-bygglovschef").sla("2020-01-01", "2028-12-31").classified("2024-11-12")
    .forums(extra=STEWARD_FORUMS).reviewed().flows(("arcgis", True), ("ciceron", True)).done())
# Procapita is being retired in favour of Combine; the contract ended 2026-06-30 and no 2026 plan was made.
# Findings: R-CONTRACT-EXPIRY (error), R-PLAN-ANNUAL (2026).
add(Sys("procapita", "Procapita VoO", "business_system", "administration_specific", "vof", ["vof"],
        supplier="Tietoevry Sweden AB", hosting="internal", special=True, lifecycle="retiring",
        active_since="2008-01-01", classification=(3, 3, 3),
        description="Hälso- och sjukvårdsdokumentation i äldreomsorgen. Ersätts av Combine under 2027.")
    .roles(R("owner", "p-fc-vof"), R("budget_holder", "p-vof-chef"), R("system_steward", "p-vof-sf"),
           R("technical_steward", "p-tsf3"), R("process_owner", "p-mas"))
    .contract("2014-07-01", "2026-06-30").dpa("2019-03-12", "p-fc-vof", ["vo"])
    .annual("p-vof-chef", plan2026=False, plan2027=False).sla("2014-07-01", "2026-06-30").classified("2022-10-04")
    .forums().reviewed().done())
add(Sys("tempus", "Tempus", "business_system", "administration_specific", "fgf", ["fgf"],
        supplier="Tempus Information Systems AB", active_since="2016-08-01", classification=(2, 2, 2),
        description="Schema, närvaro och placering i förskola och fritidshem.")
    .roles(R("owner", "p-fc-fgf"), R("budget_holder", "p-fgf-forskola"), R("system_steward", "p-fgf-sf"),
           R("technical_steward", "p-tsf2"), R("process_owner", "p-fgf-forskola"))
    .contract("2022-08-01", "2028-07-31").dpa("2022-07-15", "p-fc-fgf", ["fg"])
    .annual("p-fgf-forskola").sla("2022-08-01", "2028-07-31").classified("2023-05-16")
    .forums(extra=("user_forum",)).reviewed().flows(("skolplattform", True)).done())
# The problem child. Findings: R-DPA-FULLMAKT (ga), R-DPA-CLAUSES, R-TRANSFER-TIA, R-REPORT-ANNUAL (2025, approved
# in May), R-FORUM-CONTRACT-REVIEW (only a supplier meeting in 2025), R-ACCESS-REVIEW (last in August 2025).
add(Sys("skolplattform", "Skolplattformen (Vklass)", "business_system", "administration_specific", "fgf",
        ["fgf", "gaf"], supplier="Vklass AB", special=True, active_since="2022-08-01", classification=(3, 2, 2),
        countries=("SE", "US"),
        description="Lärplattform, frånvaro, omdömen och kontakt med vårdnadshavare i grundskola och gymnasium.")
    .roles(R("owner", "p-fc-fgf"), R("budget_holder", "p-fgf-utv"), R("budget_holder", "p-gaf-chef"),
           R("system_steward", "p-fgf-sf"), R("technical_steward", "p-tsf2"), R("process_owner", "p-fgf-utv"),
           R("process_owner", "p-gaf-chef"), RC("information_owner", "fg"), RC("information_owner", "ga"))
    .contract("2022-07-01", "2029-06-30")
    .dpa("2025-06-02", "p-fc-fgf", ["fg", "ga"],
         clauses=[c for c in ALL_CLAUSES if c not in ("28.3.h", "audit_information")], poas=[])
    .annual("p-fgf-utv", report_on="2026-05-12", plan_on="2025-12-15", plan2027=False)
    .sla("2022-07-01", "2029-06-30").classified("2024-08-27")
    .forums(contract_review=False, extra=("supplier_meeting", "user_forum"))
    .reviewed(access="2025-08-20", log="2026-02-16").done())
skol = systems[-1]
skol["forums"].append({"kind": "supplier_meeting", "held_on": "2025-10-09"})
add(Sys("ciceron", "Ciceron", "business_system", "municipality_wide", "ksf", ALL_KBA, supplier="Ciceron AB",
        active_since="2013-01-01", classification=(3, 3, 2),
        description="Diarium, ärendehantering och avtalsdatabas.")
    .roles(R("owner", "p-bkd"), R("budget_holder", "p-kanslichef"), R("system_steward", "p-registrator"),
           R("technical_steward", "p-tsf3"), R("process_owner", "p-kanslichef"))
    .contract("2021-01-01", "2028-12-31").dpa("2024-10-14", "p-bkd", DEPUTY_BEHALF)
    .annual("p-kanslichef").sla("2021-01-01", "2028-12-31").classified("2024-06-04")
    .forums(extra=STEWARD_FORUMS).reviewed().done())
# The library system shared with Varbergs kommun and Region Halland under a cooperation agreement with an art. 26
# arrangement (as in Bibliotek Dalarna) - in order.
add(Sys("bibliotek", "Bibliotekssystemet Halland (Quria)", "business_system", "administration_specific", "kff",
        ["kff", "varberg-kff", "rh-rb"], supplier="Axiell Sverige AB", active_since="2023-01-01",
        classification=(2, 2, 2), description="Gemensamt bibliotekssystem med Varbergs kommun och Region Halland.")
    .roles(R("owner", "p-fc-kff"), R("budget_holder", "p-bibchef"), R("system_steward", "p-kff-sf"),
           R("technical_steward", "p-tsf3"), R("process_owner", "p-bibchef"), R("superuser", "p-varberg-bib"),
           R("superuser", "p-rh-regbib"))
    .contract("2022-11-01", "2030-10-31").dpa("2022-11-01", "p-fc-kff", ["kf"])
    .annual("p-bibchef").sla("2022-11-01", "2030-10-31").classified("2022-09-20")
    .forums(extra=("development_council", "user_forum", "supplier_meeting")).reviewed().done())
add(Sys("varbi", "Varbi", "business_system", "municipality_wide", "sf", ALL_KBA, supplier="Varbi AB",
        own_support=True, active_since="2016-01-01", classification=(2, 2, 2),
        description="Rekrytering för samtliga förvaltningar.")
    .roles(R("owner", "p-fc-sf"), R("budget_holder", "p-lonchef"), R("system_steward", "p-sf-personec"),
           R("technical_steward", "p-tsf2"), R("process_owner", "p-lonchef"))
    .contract("2023-01-01", "2028-12-31").dpa("2024-05-27", "p-fc-sf", ["service"])
    .annual("p-lonchef").sla("2023-01-01", "2028-12-31").classified("2024-02-20").reference_dpia("2024-04-10")
    .forums(extra=("supplier_meeting",)).reviewed().flows(("personec", True)).done())
# Finding: R-ROLE-MANDATORY (system_steward) - the steward left in the spring and nobody has been appointed.
add(Sys("kontaktcenter", "Artvise Kundtjänst", "business_system", "municipality_wide", "sf", ALL_KBA,
        supplier="Artvise AB", own_support=True, active_since="2018-01-01", classification=(2, 2, 3),
        description="Ärenden och kontakter i kommunens kontaktcenter.")
    .roles(R("owner", "p-fc-sf"), R("budget_holder", "p-kc-chef"), R("technical_steward", "p-tsf1"),
           R("process_owner", "p-kc-chef"), R("superuser", "p-kc-chef"))
    .contract("2023-01-01", "2028-12-31").dpa("2024-05-27", "p-fc-sf", ["service"])
    .annual("p-kc-chef").sla("2023-01-01", "2028-12-31").classified("2024-03-19").reference_dpia("2024-09-02")
    .forums().reviewed().flows(("ciceron", True)).done())
add(Sys("tendsign", "Visma TendSign", "business_system", "administration_specific", "sf", ["sf"],
        supplier="Visma Commerce AB", active_since="2015-01-01", classification=(2, 2, 2),
        description="Upphandlingsverktyg för Inköp.")
    .roles(R("owner", "p-fc-sf"), R("budget_holder", "p-inkopschef"), R("system_steward", "p-upphandlare"),
           R("technical_steward", "p-tsf2"), R("process_owner", "p-inkopschef"))
    .contract("2024-01-01", "2027-12-31").dpa("2024-01-01", "p-fc-sf", ["service"])
    .annual("p-inkopschef").sla("2024-01-01", "2027-12-31").classified("2024-01-09").forums().reviewed().done())
# Lifecare SP, used with Hallands sjukhus (Region Halland) for discharge planning; new in 2026.
# Findings: R-COOP-ART26 (only a cooperation agreement), R-CLASSIFICATION.
add(Sys("lifecare-sp", "Lifecare SP", "business_system", "administration_specific", "vof", ["vof", "iff", "rh-hs"],
        supplier="Tietoevry Sweden AB", special=True, active_since="2026-04-01", classification=None,
        description="Samordnad planering vid utskrivning från slutenvård, tillsammans med Region Halland.")
    .roles(R("owner", "p-fc-vof"), R("budget_holder", "p-vof-chef"), R("system_steward", "p-vof-sf"),
           R("technical_steward", "p-tsf3"), R("process_owner", "p-mas"))
    .contract("2026-03-01", "2030-02-28").dpa("2026-02-23", "p-fc-vof", ["vo"])
    .annual("p-vof-chef", report2025=False, plan_on="2025-12-11", plan2027=True).sla("2026-03-01", "2030-02-28")
    .forums(contract_review=False, extra=("checkpoint_meeting",)).reviewed(access="2026-09-30", log="2026-10-14")
    .done())
# In procurement: the E-arkiv has every role appointed; the home-care planning system lacks a technical steward.
add(Sys("e-arkiv", "E-arkiv", "business_system", "municipality_wide", "ksf", ALL_KBA, supplier=None,
        lifecycle="procurement", active_since=None, classification=None, countries=(),
        description="Upphandling av e-arkiv för bevarande av digitala handlingar, tilldelning våren 2027.")
    .roles(R("owner", "p-bkd"), R("budget_holder", "p-kanslichef"), R("system_steward", "p-arkivarie"),
           R("technical_steward", "p-tsf3"), R("process_owner", "p-kanslichef")).done())
# Finding: R-ROLE-PROCUREMENT (technical_steward) - must be appointed before procurement starts.
add(Sys("hemtjanstplanering", "Planeringssystem för hemtjänst", "business_system", "administration_specific", "vof",
        ["vof"], supplier=None, special=True, lifecycle="procurement", active_since=None, classification=None,
        countries=(), description="Upphandling pågår: planering, digitala nycklar och tidsregistrering i hemtjänsten.")
    .roles(R("owner", "p-fc-vof"), R("budget_holder", "p-vof-chef"), R("system_steward", "p-vof-sf"),
           R("process_owner", "p-vof-chef")).done())

# ----- Plattformar: Sitevision, Open ePlatform, M365, Blueprism, ArcGIS -----------------------------------------------
# Finding: R-ROLE-SINGLE-OWNER - the web team moved to Service and the old owner was never removed.
add(Sys("sitevision", "Sitevision (kungsbacka.se och Insidan)", "platform", "municipality_wide", "ksf", ALL_KBA,
        supplier="Sitevision AB", hosting="internal", active_since="2012-01-01", classification=(2, 2, 3),
        description="Webbplatsen kungsbacka.se och intranätet Insidan, med Viktigt meddelande och Driftinformation.")
    .roles(R("owner", "p-bkd"), R("owner", "p-fc-sf"), R("budget_holder", "p-kommchef"),
           R("service_steward", "p-tjf-webb"), R("technical_steward", "p-tsf3"), R("process_owner", "p-kommchef"))
    .contract("2022-01-01", "2029-12-31").dpa("2024-10-14", "p-bkd", DEPUTY_BEHALF)
    .annual("p-kommchef").sla("2022-01-01", "2029-12-31").classified("2024-04-16")
    .forums(extra=STEWARD_FORUMS).reviewed().done())
add(Sys("open-eplatform", "Open ePlatform", "platform", "municipality_wide", "sf", ALL_KBA,
        supplier="Nordic Peak AB", hosting="internal", active_since="2016-01-01", classification=(3, 2, 2),
        description="E-tjänsteplattform, bl.a. e-tjänsterna för incidentrapportering och registrerades rättigheter.")
    .roles(R("owner", "p-fc-sf"), R("budget_holder", "p-dc-utv"), R("service_steward", "p-tjf-etj"),
           R("technical_steward", "p-tsf3"), R("process_owner", "p-dc-utv"))
    .contract("2021-06-01", "2029-05-31").dpa("2024-10-21", "p-bkd", DEPUTY_BEHALF)
    .annual("p-dc-utv").sla("2021-06-01", "2029-05-31").classified("2024-05-21")
    .forums(extra=STEWARD_FORUMS).reviewed().flows(("ciceron", True)).done())
add(Sys("m365", "Microsoft 365 (Outlook, Teams, SharePoint)", "platform", "municipality_wide", "sf", ALL_KBA,
        supplier="Microsoft Ireland Operations Ltd", active_since="2019-09-01", classification=(2, 2, 3),
        countries=("SE", "IE", "NL", "US"), description="E-post, Teams och samarbetsytor för alla medarbetare.")
    .roles(R("owner", "p-fc-sf"), R("budget_holder", "p-dc-utv"), R("service_steward", "p-tjf-m365"),
           R("technical_steward", "p-tsf1"), R("process_owner", "p-dc-utv"))
    .contract("2023-07-01", "2029-06-30").dpa("2024-10-21", "p-bkd", DEPUTY_BEHALF)
    .transfer("scc", "2024-09-24").annual("p-dc-utv").sla("2023-07-01", "2029-06-30").classified("2024-09-24")
    .forums(extra=STEWARD_FORUMS).reviewed().done())
add(Sys("blueprism", "Blue Prism", "platform", "administration_specific", "sf", ["sf", "ksf"],
        supplier="SS&C Blue Prism", hosting="internal", active_since="2020-03-01", classification=(2, 3, 2),
        description="Automatisering (RPA) av flöden i lön, ekonomi och kontaktcenter.")
    .roles(R("owner", "p-fc-sf"), R("budget_holder", "p-dc-utv"), R("service_steward", "p-tjf-etj"),
           R("technical_steward", "p-tsf1"), R("process_owner", "p-dc-utv"))
    .contract("2023-03-01", "2028-02-29").dpa("2023-02-20", "p-fc-sf", ["service"])
    .annual("p-dc-utv").sla("2023-03-01", "2028-02-29").classified("2023-01-24")
    .forums(extra=("development_council",)).reviewed().done())
# ArcGIS has grown into every administration but is still registered as Teknik's own platform, and Service's processor
# record only names Teknik. Findings: R-SCOPE-USERS (warning), R-ROPA-PROCESSOR.
add(Sys("arcgis", "ArcGIS Enterprise", "platform", "administration_specific", "tf", ALL_KBA,
        supplier="Esri Sverige AB", hosting="internal", active_since="2018-01-01", classification=(2, 2, 2),
        description="GIS-plattform: kartor, fastighetsinformation och geodata.")
    .roles(R("owner", "p-fc-tf"), R("budget_holder", "p-gischef"), R("budget_holder", "p-bygglovschef"),
           R("service_steward", "p-gis-tjf"), R("technical_steward", "p-tsf1"), R("process_owner", "p-gischef"),
           R("process_owner", "p-bygglovschef"))
    .contract("2022-05-01", "2028-04-30").dpa("2025-02-17", "p-fc-tf", ["tn", "bn"], poas=["f-arcgis-bn"])
    .annual("p-gischef").sla("2022-05-01", "2028-04-30").classified("2023-11-07")
    .forums(extra=("development_council", "user_forum")).reviewed().done())
add(Sys("ai-assistent", "AI-assistent för kontaktcenter", "platform", "municipality_wide", "sf", ALL_KBA,
        supplier=None, lifecycle="planned", active_since=None, classification=None, countries=(),
        description="Planerad: en AI-assistent som besvarar invånarfrågor på kungsbacka.se. Förstudie 2027.").done())

# ----- IT-infrastruktur: Active Directory, DNS, ADFS -------------------------------------------------------------------
INFRA = dict(hosting="internal", supplier="Microsoft via Atea Sverige AB", active_since="2006-01-01")
add(Sys("ad", "Active Directory", "it_infrastructure", "municipality_wide", "sf", ALL_KBA, classification=(2, 3, 3),
        description="Katalogtjänst för konton och behörigheter.", **INFRA)
    .roles(R("owner", "p-vc-dc"), R("budget_holder", "p-dc-infra"), R("area_manager", "p-dc-infra"),
           R("product_owner", "p-po-id"), R("system_administrator", "p-tsf1"))
    .contract("2023-07-01", "2029-06-30").dpa("2023-07-01", "p-vc-dc", ["service"])
    .annual("p-dc-infra").sla("2023-07-01", "2029-06-30").classified("2024-03-12")
    .forums(extra=("development_council", "steward_forum")).reviewed()
    .flows(("adfs", True), ("m365", True)).done())
# Finding: R-ROLE-OWNER-TITLE - the unit manager, not the head of Digitalt center, is registered as owner.
add(Sys("dns", "DNS", "it_infrastructure", "municipality_wide", "sf", ALL_KBA, personal_data=False,
        classification=(1, 3, 3), description="Namnuppslagning, internt och externt.",
        **{**INFRA, "supplier": "Infoblox via Atea Sverige AB"})
    .roles(R("owner", "p-dc-infra"), R("budget_holder", "p-dc-infra"), R("area_manager", "p-dc-infra"),
           R("product_owner", "p-po-id"))
    .contract("2024-01-01", "2028-12-31").annual("p-dc-infra").sla("2024-01-01", "2028-12-31")
    .forums(extra=("steward_forum",)).done())
add(Sys("adfs", "ADFS", "it_infrastructure", "municipality_wide", "sf", ALL_KBA, classification=(2, 3, 3),
        description="Federerad inloggning till externa tjänster.", **INFRA)
    .roles(R("owner", "p-vc-dc"), R("budget_holder", "p-dc-infra"), R("area_manager", "p-dc-infra"),
           R("product_owner", "p-po-id"))
    .contract("2023-07-01", "2029-06-30").dpa("2023-07-01", "p-vc-dc", ["service"])
    .annual("p-dc-infra").sla("2023-07-01", "2029-06-30").classified("2024-03-12")
    .forums(extra=("steward_forum",)).reviewed().done())

# ---------------------------------------------------------------------------------------------------------------
# Delegations (KF 2024-03-05 § 33) and powers of attorney
# ---------------------------------------------------------------------------------------------------------------


def deleg(committee, matter, title, decision, valid_from):
    return {"committee": committee, "matter": matter, "delegate_title": title, "decision": decision,
            "valid_from": valid_from, "valid_to": None}


DPA_MW = "decide_dpa_municipality_wide"
POA = "issue_power_of_attorney_dpa"
delegations = [
    deleg("ks", DPA_MW, "deputy_municipal_director", "KS 2024-04-16 § 98", "2024-04-16"),
    deleg("service", DPA_MW, "deputy_municipal_director", "SN 2024-05-22 § 41", "2024-05-22"),
    deleg("service", "other:Besluta om PUB-avtal för IT-infrastruktur och nämndens stödprocesser enligt reglemente",
          "administration_director", "SN 2024-05-22 § 42", "2024-05-22"),
    deleg("rev", DPA_MW, "deputy_municipal_director", "Revisionen 2024-04-25 § 12", "2024-04-25"),
    deleg("bn", DPA_MW, "deputy_municipal_director", "BN 2024-09-24 § 101", "2024-09-24"),
    deleg("bn", POA, "administration_director", "BN 2024-09-24 § 101", "2024-09-24"),
    deleg("mh", DPA_MW, "deputy_municipal_director", "MH 2024-09-25 § 88", "2024-09-25"),
    deleg("mh", POA, "administration_director", "MH 2024-09-25 § 88", "2024-09-25"),
    deleg("fg", DPA_MW, "deputy_municipal_director", "FG 2024-06-13 § 52", "2024-06-13"),
    deleg("fg", POA, "administration_director", "FG 2024-06-13 § 52", "2024-06-13"),
    # ga: Nämnden för Gymnasium & Arbetsmarknad has not revised its delegation list (R-DELEG-KF33).
    deleg("ifo", DPA_MW, "deputy_municipal_director", "IFO 2024-06-18 § 60", "2024-06-18"),
    deleg("ifo", POA, "administration_director", "IFO 2024-06-18 § 60", "2024-06-18"),
    deleg("vo", DPA_MW, "deputy_municipal_director", "VO 2024-06-19 § 71", "2024-06-19"),
    deleg("vo", POA, "administration_director", "VO 2024-06-19 § 71", "2024-06-19"),
    deleg("kf", DPA_MW, "deputy_municipal_director", "KF-nämnden 2024-05-29 § 39", "2024-05-29"),
    deleg("tn", DPA_MW, "deputy_municipal_director", "TN 2024-06-12 § 58", "2024-06-12"),
    deleg("tn", POA, "administration_director", "TN 2024-06-12 § 58", "2024-06-12"),
    # Valnämnden delegated to the head of the secretariat instead of the deputy municipal director (R-DELEG-KF33).
    deleg("valn", DPA_MW, "manager", "Valnämnden 2024-10-08 § 9", "2024-10-08"),
]

powers_of_attorney = [
    {"id": "f-ecos-mh", "committee": "mh", "issued_by": "p-fc-bmf", "holder": "p-fc-bmf", "system": "ecos",
     "issued_on": "2024-10-01"},
    {"id": "f-combine-vo", "committee": "vo", "issued_by": "p-fc-vof", "holder": "p-fc-iff", "system": "combine",
     "issued_on": "2024-11-05"},
    {"id": "f-mashie-fg", "committee": "fg", "issued_by": "p-fc-fgf", "holder": "p-fc-sf", "system": "mashie",
     "issued_on": "2024-12-02"},
    {"id": "f-mashie-vo", "committee": "vo", "issued_by": "p-fc-vof", "holder": "p-fc-sf", "system": "mashie",
     "issued_on": "2024-12-04"},
    {"id": "f-arcgis-bn", "committee": "bn", "issued_by": "p-fc-bmf", "holder": "p-fc-tf", "system": "arcgis",
     "issued_on": "2025-02-11"},
    # No power of attorney from GA for Skolplattformen (R-DPA-FULLMAKT).
]

# ---------------------------------------------------------------------------------------------------------------
# Records of processing (art. 30.1), per committee
# ---------------------------------------------------------------------------------------------------------------

CNAME = {c["id"]: c["name"] for c in committees}
activities = []


def ta(done_on, *criteria, motivation=None, dpo_commented=False):
    return {"done_on": done_on, "criteria": list(criteria), "motivation": motivation, "dpo_commented": dpo_commented}


def act(aid, controller, name, code, systems_, *, purposes, basis, subjects, data, recipients, retention,
        security="Behörighetsstyrning efter roll, loggning och årlig behörighetsgenomgång",
        joint=(), processor=None, start, threshold, dpia=None, transfers=(), own_dpia=False):
    activities.append({
        "id": aid, "controller": controller, "name": name, "process_code": code, "purposes": purposes,
        "legal_basis": basis, "systems": list(systems_), "data_subjects": subjects, "data_categories": data,
        "recipients": recipients, "transfers": list(transfers), "retention": retention,
        "security_measures": security, "joint_controllers": list(joint), "processor_committee": processor,
        "start_date": start, "own_dpia_required": own_dpia, "threshold_analysis": threshold, "dpia": dpia})


DHP = "Enligt nämndens informationshanteringsplan"

# --- Kommunstyrelsen ---
act("ks-diarie", "ks", "Diarieföring och ärendehantering", "2.5.1", ["ciceron"],
    purposes=["Registrera och hantera allmänna handlingar och ärenden"], basis="legal_obligation",
    subjects=["Invånare", "Företrädare för företag och organisationer", "Medarbetare"],
    data=["Namn", "Kontaktuppgifter", "Personnummer", "Uppgifter i ärenden"], recipients=["Allmänheten efter sekretessprövning"],
    retention="Bevaras enligt informationshanteringsplan", start="2013-01-01", threshold=ta("2023-03-14", "large_scale"))
act("ks-ekonomi", "ks", "Redovisning och leverantörsreskontra", "2.1.1", ["raindance"],
    purposes=["Bokföring och betalning av leverantörsfakturor"], basis="legal_obligation",
    subjects=["Leverantörer", "Enskilda firmor"], data=["Namn", "Organisations- eller personnummer", "Bankuppgifter"],
    recipients=["Skatteverket", "Revisorer"], retention="10 år enligt bokföringslagen", start="2008-01-01",
    threshold=ta("2023-02-07"))
# KS performs accounts receivable for every committee - joint controllership with each. Nämnden för Teknik has not
# noted it in its record (R-ROPA-JOINT).
act("ks-kundreskontra", "ks", "Kundreskontra och fakturering", "2.1.3", ["raindance", "ekopost", "kivra"],
    purposes=["Fakturera avgifter och bevaka kundfordringar för samtliga nämnder"], basis="legal_obligation",
    subjects=["Kunder", "Vårdnadshavare", "Omsorgstagare"], data=["Namn", "Personnummer", "Adress", "Belopp och avgiftsgrund"],
    recipients=["Inkassobolag", "Kronofogden"], retention="10 år enligt bokföringslagen", start="2008-01-01",
    joint=[c for c in OPERATING if c != "ks"], threshold=ta("2023-02-07", "large_scale"))
act("ks-styrning", "ks", "Planering och uppföljning", "1.2.1", ["stratsys"],
    purposes=["Planera och följa upp kommunens mål och budget"], basis="public_task",
    subjects=["Medarbetare"], data=["Namn", "Roll"], recipients=["Ingen extern mottagare"],
    retention=DHP, start="2017-04-01", threshold=ta("2023-03-14"))
act("ks-sociala-medier", "ks", "Kommunikation i sociala medier", "2.4.2", ["facebook", "instagram"],
    purposes=["Informera invånare och besvara frågor"], basis="public_task", subjects=["Invånare som kommenterar"],
    data=["Namn", "Profilbild", "Kommentarer"], recipients=["Meta Platforms Ireland Ltd"],
    transfers=[{"country": "US", "recipient": "Meta Platforms Inc.", "safeguards": "EU–US Data Privacy Framework"}],
    retention="Kommentarer gallras efter 1 år", start="2011-05-01", threshold=ta("2024-02-12", "systematic_monitoring"))
act("ks-webb", "ks", "Webbplats och intranät", "2.4.1", ["sitevision"],
    purposes=["Information till invånare och medarbetare"], basis="public_task",
    subjects=["Invånare", "Medarbetare"], data=["Namn", "Kontaktuppgifter", "Bild"], recipients=["Allmänheten"],
    retention=DHP, processor="service", start="2012-01-01", threshold=ta("2024-04-16"))
act("ks-utskick", "ks", "Utskick av digital och fysisk post", "2.5.3", ["ekopost", "kivra"],
    purposes=["Skicka beslut, fakturor och information till invånare"], basis="public_task",
    subjects=["Invånare"], data=["Namn", "Personnummer", "Adress", "Innehåll i utskick"],
    recipients=["Ekopost AB", "Kivra AB"], retention="Utskicksloggar gallras efter 2 år", start="2019-06-01",
    threshold=ta("2024-09-03", "large_scale"))
# Finding: R-ROPA-FIELDS (retention) - nobody has decided how long the recordings are kept.
act("ks-invanardialog", "ks", "Digitala invånarmöten och medborgardialog", "1.3.1", ["invanarmoten"],
    purposes=["Samråd och dialog med invånare"], basis="public_task", subjects=["Invånare", "Förtroendevalda"],
    data=["Namn", "E-postadress", "Bild och ljud", "Frågor och synpunkter"], recipients=["Zoom Video Communications Inc."],
    transfers=[{"country": "US", "recipient": "Zoom Video Communications Inc.", "safeguards": "Standardavtalsklausuler"}],
    retention="", start="2021-02-01", threshold=ta("2024-10-21"))
act("ks-etjanster", "ks", "E-tjänster och inloggning med e-legitimation", "2.6.2", ["open-eplatform", "e-legitimation"],
    purposes=["Ta emot ansökningar och ärenden digitalt"], basis="public_task", subjects=["Invånare"],
    data=["Namn", "Personnummer", "Kontaktuppgifter", "Uppgifter i ansökan"], recipients=["Berörd nämnd"],
    retention=DHP, processor="service", start="2016-01-01", threshold=ta("2024-05-21", "large_scale"))
act("ks-incidenter", "ks", "Hantering av personuppgiftsincidenter", "2.5.5", ["open-eplatform"],
    purposes=["Utreda, dokumentera och anmäla personuppgiftsincidenter"], basis="legal_obligation",
    subjects=["Registrerade som berörs av incidenten", "Medarbetare som rapporterar"],
    data=["Namn", "Beskrivning av incidenten", "Berörda uppgiftskategorier"],
    recipients=["Integritetsskyddsmyndigheten", "Berörda nämnder"], retention="Bevaras",
    processor="service", start="2018-05-25", threshold=ta("2024-05-21", "sensitive_data"))
act("ks-rattigheter", "ks", "Registrerades rättigheter (e-tjänst)", "2.5.6", ["open-eplatform"],
    purposes=["Ta emot och samordna begäran om registerutdrag, rättelse och radering"], basis="legal_obligation",
    subjects=["Registrerade som gör en begäran"], data=["Namn", "Personnummer", "Kontaktuppgifter"],
    recipients=["Berörda nämnder"], retention="Gallras 2 år efter avslutat ärende", processor="service",
    start="2018-05-25", threshold=ta("2024-05-21"))
act("ks-arbetsmiljo", "ks", "Arbetsmiljöavvikelser, tillbud och olycksfall", "2.3.5", ["kia"],
    purposes=["Anmäla, utreda och följa upp arbetsskador och tillbud"], basis="legal_obligation",
    subjects=["Medarbetare", "Elever och brukare som berörs"], data=["Namn", "Händelsebeskrivning", "Uppgifter om hälsa"],
    recipients=["Arbetsmiljöverket", "AFA Försäkring", "Försäkringskassan"], retention="Bevaras",
    start="2017-01-01", threshold=ta("2023-04-25", "sensitive_data", "large_scale"))

# --- Nämnden för Service: support processes for every committee (joint controllership) ---
act("sn-lon", "service", "Löneadministration och anställning", "2.3.2", ["personec"],
    purposes=["Betala lön och administrera anställningar för samtliga nämnder"], basis="legal_obligation",
    subjects=["Medarbetare", "Förtroendevalda"], data=["Namn", "Personnummer", "Lön", "Frånvaro och sjukfrånvaro",
                                                          "Fackföreningstillhörighet"],
    recipients=["Skatteverket", "Försäkringskassan", "Pensionsförvaltare"], retention="Bevaras",
    joint=[c for c in OPERATING if c != "service"], start="2012-01-01",
    threshold=ta("2024-04-10", "sensitive_data", "large_scale"))
act("sn-rekrytering", "service", "Rekrytering", "2.3.1", ["varbi"],
    purposes=["Rekrytera medarbetare för samtliga nämnder"], basis="public_task",
    subjects=["Arbetssökande"], data=["Namn", "Kontaktuppgifter", "CV", "Bedömningar"],
    recipients=["Ingen extern mottagare"], retention="Ansökningar gallras 2 år efter avslutad rekrytering",
    joint=[c for c in OPERATING if c != "service"], start="2016-01-01",
    threshold=ta("2015-11-02", "evaluation_scoring", "large_scale"),
    dpia={"done_on": "2015-12-01", "dpo_consulted": True})
act("sn-kontaktcenter", "service", "Kontaktcenter", "2.6.1", ["kontaktcenter", "sms-outlook"],
    purposes=["Besvara frågor och ta emot ärenden för samtliga nämnder"], basis="public_task",
    subjects=["Invånare", "Företag"], data=["Namn", "Kontaktuppgifter", "Ärendebeskrivning"],
    recipients=["Berörd nämnd"], retention="Gallras efter 2 år", joint=[c for c in OPERATING if c != "service"],
    start="2018-01-01", threshold=ta("2024-09-02", "large_scale"))
act("sn-kost", "service", "Måltidsproduktion och specialkost", "2.7.1", ["mashie"],
    purposes=["Planera och leverera måltider, inklusive specialkost"], basis="public_task",
    subjects=["Barn och elever", "Omsorgstagare"], data=["Namn", "Enhet", "Allergier och specialkost"],
    recipients=["Ingen extern mottagare"], retention="Gallras när placeringen upphör", joint=["fg", "vo"],
    start="2019-03-01", threshold=ta("2019-01-15", "sensitive_data", "vulnerable_subjects"),
    dpia={"done_on": "2019-02-12", "dpo_consulted": True})
act("sn-inkop", "service", "Upphandling och avtalsuppföljning", "2.8.1", ["tendsign"],
    purposes=["Genomföra upphandlingar och följa upp avtal"], basis="legal_obligation",
    subjects=["Kontaktpersoner hos leverantörer"], data=["Namn", "Kontaktuppgifter", "Referenser"],
    recipients=["Anbudsgivare efter sekretessprövning"], retention=DHP, start="2015-01-01", threshold=ta("2024-01-09"))
act("sn-rpa", "service", "Automatiserade flöden (RPA)", "2.2.2.2", ["blueprism"],
    purposes=["Automatisera regelstyrda moment i lön, ekonomi och kontaktcenter"], basis="public_task",
    subjects=["Medarbetare", "Leverantörer"], data=["Namn", "Personnummer", "Fakturauppgifter"],
    recipients=["Ingen extern mottagare"], retention="Loggar gallras efter 1 år", processor=None, start="2020-03-01",
    threshold=ta("2020-01-20", "innovative_technology", "matching_datasets",
                 motivation="Robotarna utför samma regelstyrda moment som handläggarna, utan egna bedömningar "
                            "och utan att nya uppgifter samkörs; hög risk bedöms osannolik.", dpo_commented=True))
act("sn-it", "service", "Förvalta system: behörigheter och support", "2.2.2.3", ["m365"],
    purposes=["Administrera konton, behörigheter och IT-support för medarbetare"], basis="public_task",
    subjects=["Medarbetare", "Konsulter"], data=["Namn", "Användar-id", "Behörigheter", "Supportärenden"],
    recipients=["Microsoft Ireland Operations Ltd"],
    transfers=[{"country": "US", "recipient": "Microsoft Corporation", "safeguards": "Standardavtalsklausuler"}],
    retention="Gallras 1 år efter avslutad anställning", start="2019-09-01", threshold=ta("2024-09-24", "large_scale"))

# --- Byggnadsnämnden and Nämnden för Miljö & Hälsoskydd (one administration, two controllers) ---
act("bn-bygglov", "bn", "Bygglov, anmälan och tillsyn enligt PBL", "3.1.1", ["ecos", "autocad"],
    purposes=["Handlägga bygglov och anmälningsärenden"], basis="public_task",
    subjects=["Sökande", "Fastighetsägare", "Grannar"], data=["Namn", "Personnummer", "Fastighetsbeteckning", "Ritningar"],
    recipients=["Lantmäteriet", "Länsstyrelsen", "Allmänheten efter sekretessprövning"], retention=DHP,
    joint=["mh"], processor="service", start="2014-01-01", threshold=ta("2024-11-12", "large_scale"))
act("bn-kartor", "bn", "Kartor och fastighetsinformation i bygglov", "3.1.3", ["arcgis"],
    purposes=["Ta fram nybyggnadskartor och fastighetsförteckningar"], basis="public_task",
    subjects=["Fastighetsägare"], data=["Namn", "Adress", "Fastighetsbeteckning"], recipients=["Sökande"],
    retention=DHP, processor="service", start="2018-01-01", threshold=ta("2023-11-07"))
act("mh-tillsyn", "mh", "Miljö- och hälsoskyddstillsyn", "3.2.1", ["ecos"],
    purposes=["Tillsyn, prövning och klagomålshantering enligt miljöbalken och livsmedelslagen"], basis="public_task",
    subjects=["Verksamhetsutövare", "Klagande", "Fastighetsägare"], data=["Namn", "Personnummer", "Kontaktuppgifter",
                                                                        "Uppgifter om lagöverträdelser"],
    recipients=["Länsstyrelsen", "Åklagarmyndigheten"], retention=DHP, joint=["bn"], processor="service",
    start="2014-01-01", threshold=ta("2024-11-12", "large_scale"))

# --- Förskola & Grundskola, Gymnasium & Arbetsmarknad ---
# Finding: R-DPIA-REQUIRED - FG's DPIA for Skolplattformen was made half a year after the start, without the DPO.
act("fg-skolplattform", "fg", "Undervisning, frånvaro och kontakt med vårdnadshavare", "3.3.1",
    ["skolplattform", "tempus"],
    purposes=["Dokumentera elevers lärande och närvaro och kommunicera med vårdnadshavare"], basis="public_task",
    subjects=["Elever", "Vårdnadshavare", "Lärare"], data=["Namn", "Personnummer", "Omdömen", "Frånvaro",
                                                           "Uppgifter om särskilt stöd"],
    recipients=["Skolverket", "Statistiska centralbyrån"], retention=DHP, joint=["ga"], start="2022-08-01",
    threshold=ta("2022-05-10", "vulnerable_subjects", "large_scale", "sensitive_data"),
    dpia={"done_on": "2023-02-10", "dpo_consulted": False})
act("fg-forskola", "fg", "Placering, schema och närvaro i förskola och fritidshem", "3.3.2", ["tempus"],
    purposes=["Placera barn och registrera omsorgstider och närvaro"], basis="public_task",
    subjects=["Barn", "Vårdnadshavare"], data=["Namn", "Personnummer", "Omsorgstider", "Inkomst för avgift"],
    recipients=["Kommunstyrelsen (fakturering)"], retention=DHP, start="2016-08-01",
    threshold=ta("2023-05-16", "vulnerable_subjects"))
act("fg-specialkost", "fg", "Specialkost i förskola och skola", "3.3.4", ["mashie"],
    purposes=["Beställa specialkost till barn och elever"], basis="public_task", subjects=["Barn och elever"],
    data=["Namn", "Enhet", "Allergier och specialkost"], recipients=["Nämnden för Service (Måltidsservice)"],
    retention="Gallras när placeringen upphör", joint=["service"], start="2019-03-01",
    threshold=ta("2019-01-15", "sensitive_data", "vulnerable_subjects"),
    dpia={"done_on": "2019-02-12", "dpo_consulted": True})
act("ga-skolplattform", "ga", "Undervisning och frånvaro i gymnasieskolan", "3.4.1", ["skolplattform"],
    purposes=["Dokumentera elevers lärande och närvaro och kommunicera med elever och vårdnadshavare"],
    basis="public_task", subjects=["Elever", "Vårdnadshavare", "Lärare"],
    data=["Namn", "Personnummer", "Betyg och omdömen", "Frånvaro"], recipients=["CSN", "Skolverket"],
    retention=DHP, joint=["fg"], start="2022-08-01", threshold=ta("2022-05-10", "vulnerable_subjects", "large_scale"),
    dpia={"done_on": "2022-06-15", "dpo_consulted": True})

# --- Individ & Familjeomsorg, Vård & Omsorg ---
act("ifo-socialtjanst", "ifo", "Utredning och insatser enligt SoL, LVU och LVM", "3.5.1", ["combine"],
    purposes=["Utreda, besluta och dokumentera insatser inom individ- och familjeomsorgen"], basis="public_task",
    subjects=["Barn och unga", "Vuxna klienter", "Anhöriga"],
    data=["Namn", "Personnummer", "Uppgifter om hälsa", "Uppgifter om lagöverträdelser", "Sociala förhållanden"],
    recipients=["Försäkringskassan", "Polismyndigheten", "Förvaltningsrätten", "IVO"], retention=DHP, joint=["vo"],
    start="2020-01-01", threshold=ta("2019-06-11", "sensitive_data", "vulnerable_subjects", "large_scale"),
    dpia={"done_on": "2019-09-24", "dpo_consulted": True})
act("vo-bistand", "vo", "Biståndshandläggning och verkställighet i äldreomsorgen", "3.6.1", ["combine"],
    purposes=["Utreda, besluta och verkställa bistånd enligt SoL"], basis="public_task",
    subjects=["Omsorgstagare", "Anhöriga"], data=["Namn", "Personnummer", "Uppgifter om hälsa", "Sociala förhållanden"],
    recipients=["Utförare i hemtjänst och särskilt boende", "IVO"], retention=DHP, joint=["ifo"], start="2020-01-01",
    threshold=ta("2019-06-11", "sensitive_data", "vulnerable_subjects", "large_scale"),
    dpia={"done_on": "2019-09-24", "dpo_consulted": True})
act("vo-halso", "vo", "Hälso- och sjukvårdsdokumentation", "3.6.2", ["procapita", "npo", "pascal", "siths-admin", "sjunet"],
    purposes=["Dokumentera hälso- och sjukvård enligt patientdatalagen"], basis="legal_obligation",
    subjects=["Patienter i kommunal hälso- och sjukvård"], data=["Namn", "Personnummer", "Uppgifter om hälsa",
                                                                 "Läkemedel"],
    recipients=["Region Halland", "IVO", "Apotek via Pascal"], retention="Bevaras enligt patientdatalagen",
    processor="service", start="2018-09-01", threshold=ta("2018-05-22", "sensitive_data", "vulnerable_subjects"),
    dpia={"done_on": "2018-06-15", "dpo_consulted": True})
act("vo-kost", "vo", "Kost i äldreomsorgen", "3.6.4", ["mashie"],
    purposes=["Beställa måltider och specialkost till omsorgstagare"], basis="public_task",
    subjects=["Omsorgstagare"], data=["Namn", "Enhet", "Allergier och specialkost"],
    recipients=["Nämnden för Service (Måltidsservice)"], retention="Gallras när insatsen upphör", joint=["service"],
    start="2019-03-01", threshold=ta("2019-01-15", "sensitive_data", "vulnerable_subjects"),
    dpia={"done_on": "2019-02-12", "dpo_consulted": True})
act("vo-sip", "vo", "Samordnad planering vid utskrivning från slutenvård", "3.6.3", ["lifecare-sp"],
    purposes=["Planera insatser inför utskrivning tillsammans med Region Halland"], basis="legal_obligation",
    subjects=["Patienter som skrivs ut från slutenvård"], data=["Namn", "Personnummer", "Uppgifter om hälsa"],
    recipients=["Region Halland"], retention="Bevaras enligt patientdatalagen", start="2026-04-01",
    threshold=ta("2026-01-20", "sensitive_data", "vulnerable_subjects", "matching_datasets"),
    dpia={"done_on": "2026-02-10", "dpo_consulted": True})

# --- Kultur & Fritid, Teknik, Revisionen ---
act("kf-bibliotek", "kf", "Lån och bibliotekstjänster", "3.7.1", ["bibliotek"],
    purposes=["Administrera lån, reservationer och avgifter"], basis="public_task",
    subjects=["Låntagare", "Vårdnadshavare till låntagare under 18 år"],
    data=["Namn", "Personnummer", "Kontaktuppgifter", "Pågående lån"],
    recipients=["Varbergs kommun och Region Halland enligt samverkansavtal"],
    retention="Lånehistorik gallras när lånet är återlämnat", start="2023-01-01",
    threshold=ta("2022-09-20", "large_scale"))
# Finding: R-DPIA-THRESHOLD - no threshold analysis for the GIS processing.
act("tn-gis", "tn", "Geodata, mätning och kartproduktion", "3.8.2", ["arcgis", "autocad"],
    purposes=["Mätning, grundkarta och adressregister"], basis="public_task",
    subjects=["Fastighetsägare", "Boende"], data=["Namn", "Adress", "Fastighetsbeteckning"],
    recipients=["Lantmäteriet", "Räddningstjänsten"], retention=DHP, processor="service", start="2018-01-01",
    threshold=None)
act("rev-granskning", "rev", "Revision och granskning", "1.4.1", ["ciceron"],
    purposes=["Granska nämndernas verksamhet enligt kommunallagen"], basis="legal_obligation",
    subjects=["Förtroendevalda", "Medarbetare"], data=["Namn", "Uppgifter i granskade ärenden"],
    recipients=["Kommunfullmäktige"], retention="Bevaras", start="2013-01-01", threshold=ta("2024-03-07"))

# --- Every committee notes the support processes it shares with Service and with KS ---
SHORT = {"ks": "KS", "valn": "Valnämnden", "service": "Service", "bn": "BN", "mh": "MH", "fg": "FG", "ga": "GA",
         "ifo": "IFO", "vo": "VO", "kf": "KF", "tn": "TN"}
for c in OPERATING:
    if c != "service":
        act(f"{c}-stod-service", c, "Lön, rekrytering och kontaktcenter – gemensamt ansvar med Nämnden för Service",
            "2.3.0", ["personec", "varbi", "kontaktcenter"],
            purposes=[f"{CNAME[c]}s del av lön, rekrytering och invånarkontakter som Nämnden för Service utför"],
            basis="legal_obligation", subjects=["Medarbetare", "Arbetssökande", "Invånare"],
            data=["Namn", "Personnummer", "Lön och frånvaro", "Ärendeuppgifter"],
            recipients=["Skatteverket", "Försäkringskassan"], retention="Enligt Nämnden för Services informationshanteringsplan",
            joint=["service"], start="2018-01-01", threshold=ta("2024-04-10", "sensitive_data", "large_scale"))
    if c not in ("ks", "tn"):   # tn has not noted KS's accounts receivable (R-ROPA-JOINT on ks-kundreskontra)
        act(f"{c}-stod-ks", c, "Kundreskontra och fakturering – gemensamt ansvar med Kommunstyrelsen", "2.1.3",
            ["raindance"], purposes=[f"Fakturera avgifter inom {CNAME[c]}s verksamhet"], basis="legal_obligation",
            subjects=["Kunder"], data=["Namn", "Personnummer", "Adress", "Belopp"], recipients=["Inkassobolag"],
            retention="10 år enligt bokföringslagen", joint=["ks"], start="2008-01-01",
            threshold=ta("2023-02-07", "large_scale"))

# ---------------------------------------------------------------------------------------------------------------
# Service's art. 30.2 records (internal processor for the systems Digitalt center runs)
# ---------------------------------------------------------------------------------------------------------------
NOT_SERVICE = [c for c in OPERATING if c != "service"] + ["rev"]
processor_records = [
    {"committee": "service", "system": "ecos", "subject": "Drift och support av Ecos",
     "processing_categories": ["hosting", "backup", "support"], "committees": ["bn", "mh"]},
    {"committee": "service", "system": "procapita", "subject": "Drift och support av Procapita",
     "processing_categories": ["hosting", "backup", "support"], "committees": ["vo"]},
    {"committee": "service", "system": "sitevision", "subject": "Drift av webbplats och intranät",
     "processing_categories": ["hosting", "backup", "support"], "committees": NOT_SERVICE},
    {"committee": "service", "system": "open-eplatform", "subject": "Drift av e-tjänsteplattformen",
     "processing_categories": ["hosting", "backup", "support"], "committees": NOT_SERVICE},
    {"committee": "service", "system": "ad", "subject": "Katalogtjänst för konton och behörigheter",
     "processing_categories": ["hosting", "operations"], "committees": NOT_SERVICE},
    {"committee": "service", "system": "adfs", "subject": "Federerad inloggning",
     "processing_categories": ["hosting", "operations"], "committees": NOT_SERVICE},
    # Lists Teknik only: Byggnadsnämnden's use of ArcGIS is missing (R-ROPA-PROCESSOR).
    {"committee": "service", "system": "arcgis", "subject": "Drift av GIS-plattformen",
     "processing_categories": ["hosting", "backup"], "committees": ["tn"]},
]

# ---------------------------------------------------------------------------------------------------------------
# Personal data breaches, data subject requests, agreements
# ---------------------------------------------------------------------------------------------------------------
incidents = [
    {"id": "inc-2026-041", "system": "skolplattform", "aware_at": "2026-11-18T13:40:00Z", "controllers": ["fg", "ga"],
     "handler": "fg", "assessment": "high_risk", "notified_authority_at": "2026-11-20T15:05:00Z", "delay_reason": None,
     "dpo_informed": True, "subjects_informed_at": None,
     "description": "Efter en uppdatering kunde vårdnadshavare se andra elevers dokument om särskilt stöd.",
     # The authority form's fields and the action plan (docs/breach-records.md).
     "occurred_at": "2026-11-18T06:00:00Z", "nature": ["confidentiality"], "cause": "technical_fault",
     "action_plan": [
         {"id": "m1", "description": "Leverantören rättar behörighetskontrollen och bekräftar skriftligt",
          "owner": "p-dpo", "due": "2026-12-15", "status": "in_progress"},
         {"id": "m2", "description": "Informera berörda vårdnadshavare", "owner": "p-dpo", "due": "2026-11-25",
          "status": "planned"}]},
    {"id": "inc-2026-038", "nature": ["confidentiality"], "cause": "unauthorised_access", "system": "combine", "aware_at": "2026-11-12T09:15:00Z", "controllers": ["ifo", "vo"],
     "handler": "ifo", "assessment": "risk", "notified_authority_at": None,
     "delay_reason": "Omfattningen utreds; loggutdrag beställt från leverantören",
     "dpo_informed": True, "subjects_informed_at": None,
     "description": "Logguppföljning visade att en medarbetare öppnat akter utan koppling till sina ärenden."},
    {"id": "inc-2026-043", "nature": ["confidentiality"], "cause": "misdirected", "system": "ekopost", "aware_at": "2026-11-21T08:30:00Z", "controllers": ["ifo"],
     "handler": "ifo", "assessment": None, "notified_authority_at": None, "delay_reason": None,
     "dpo_informed": True, "subjects_informed_at": None,
     "description": "Fel adressfil kopplades till ett utskick av beslut; 14 brev kan ha nått fel mottagare."},
    {"id": "inc-2026-031", "nature": ["confidentiality"], "cause": "technical_fault", "system": "personec", "aware_at": "2026-09-03T07:00:00Z",
     "controllers": ["service", "fg", "vo"], "handler": "service", "assessment": "risk",
     "notified_authority_at": "2026-09-04T16:20:00Z", "delay_reason": None, "dpo_informed": True,
     "subjects_informed_at": None, "description": "Lönespecifikationer för augusti publicerades för fel medarbetare."},
    {"id": "inc-2026-035", "nature": ["confidentiality"], "cause": "other_human_error", "system": "m365", "aware_at": "2026-10-06T10:00:00Z", "controllers": ["kf"],
     "handler": "service", "assessment": "no_risk", "notified_authority_at": None, "delay_reason": None,
     "dpo_informed": True, "subjects_informed_at": None,
     "description": "Felaktigt delad Teams-kanal med kontaktlista; åtgärdad inom en timme, ingen extern åtkomst."},
]

data_subject_requests = [
    {"id": "dsr-2026-017", "received_on": "2026-09-28", "kind": "access", "controllers": ["ifo", "vo"],
     "decided_on": None, "extended_reason": None, "outcome": None, "appeal_notice": False},
    {"id": "dsr-2026-019", "received_on": "2026-10-30", "kind": "access", "controllers": ["fg"],
     "decided_on": None, "extended_reason": None, "outcome": None, "appeal_notice": False},
    {"id": "dsr-2026-018", "received_on": "2026-10-05", "kind": "access",
     "controllers": ["ks", "fg", "ga", "ifo", "vo", "kf"], "decided_on": None,
     "extended_reason": "Begäran omfattar uppgifter hos sex nämnder och ett tiotal system", "outcome": None,
     "appeal_notice": False},
    {"id": "dsr-2026-014", "received_on": "2026-08-20", "kind": "erasure", "controllers": ["kf"],
     "decided_on": "2026-09-15", "extended_reason": None, "outcome": "partly_refused", "appeal_notice": True},
    {"id": "dsr-2026-012", "received_on": "2026-06-10", "kind": "rectification", "controllers": ["bn"],
     "decided_on": "2026-06-25", "extended_reason": None, "outcome": "granted", "appeal_notice": False},
]

agreements = [
    {"id": "agr-bibliotek-samverkan", "kind": "cooperation_agreement", "systems": ["bibliotek"],
     "parties": ["kba", "varberg", "rh"], "signed_on": "2022-10-18",
     "name": "Samverkansavtal om gemensamt bibliotekssystem i Halland"},
    {"id": "agr-bibliotek-art26", "kind": "joint_controller_arrangement", "systems": ["bibliotek"],
     "parties": ["kba", "varberg", "rh"], "signed_on": "2022-10-18",
     "name": "Bilaga 4: avtal om gemensamt personuppgiftsansvar enligt artikel 26"},
    {"id": "agr-sip-halland", "kind": "cooperation_agreement", "systems": ["lifecare-sp"],
     "parties": ["kba", "rh"], "signed_on": "2026-02-05",
     "name": "Överenskommelse om samverkan vid utskrivning från slutenvård i Halland"},
]

register = {
    "format": "ansvar-register/1",
    "organizations": organizations,
    "committees": committees,
    "administrations": administrations,
    "people": people,
    "systems": systems,
    "delegations": delegations,
    "powers_of_attorney": powers_of_attorney,
    "processing_activities": activities,
    "processor_records": processor_records,
    "incidents": incidents,
    "data_subject_requests": data_subject_requests,
    "agreements": agreements,
}

if __name__ == "__main__":
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "demo-register.json")
    with open(out, "w", encoding="utf-8") as f:
        json.dump(register, f, ensure_ascii=False, indent=1)
        f.write("\n")
    print(f"wrote {out}: {len(systems)} systems, {len(people)} people, {len(activities)} processing activities")
