"""The OpenAPI description as a contract (`ansvar openapi`, the same the server serves at /api/v1/openapi.json):

- every route is documented (none marked x-ansvar-undocumented: a new route needs its line in
  src/http/openapi_operations.cpp), with a unique camelCase operationId, security, and a 4xx answer;
- every schema is valid JSON Schema 2020-12 and every $ref resolves;
- the register documents (the public example, the demo register) are valid RegisterInput;
- web/src/generated/openapi.json, from which the web UI's TypeScript types are generated, is this description
  (regenerate it with `build/ansvar openapi -o web/src/generated/openapi.json`).

Usage: test_openapi.py ANSVAR_BINARY SOURCE_DIR SHARED_DIR"""
import json, os, re, subprocess, sys, unittest

import jsonschema

import openapi_contract

BINARY, SOURCE, SHARED = sys.argv[1:4]
del sys.argv[1:4]
TEXT = subprocess.run([BINARY, "openapi"], check=True, capture_output=True, text=True).stdout
SPEC = json.loads(TEXT)
METHODS = {"get", "put", "post", "delete", "patch", "head", "options"}


def operations():
    for path, ops in SPEC["paths"].items():
        for method, op in ops.items():
            if method in METHODS:
                yield method.upper(), path, op


class Description(unittest.TestCase):
    def test_every_route_is_documented(self):
        undocumented = [f"{m} {p}" for m, p, op in operations() if op.get("x-ansvar-undocumented")]
        self.assertEqual(undocumented, [], "routes without a line in src/http/openapi_operations.cpp")

    def test_operation_ids_are_unique_camel_case(self):
        ids = [op["operationId"] for _, _, op in operations()]
        self.assertEqual(len(ids), len(set(ids)), [i for i in ids if ids.count(i) > 1])
        for i in ids:
            self.assertRegex(i, r"^[a-z][a-zA-Z0-9]*$")
        self.assertGreater(len(ids), 100)

    def test_security_and_answers(self):
        schemes = SPEC["components"]["securitySchemes"]
        self.assertEqual(schemes["bearerToken"]["scheme"], "bearer")
        self.assertEqual(schemes["sessionCookie"]["in"], "cookie")
        self.assertEqual(schemes["csrfHeader"]["name"], "X-CSRF-Token")
        for method, path, op in operations():
            self.assertIn("security", op, path)
            codes = set(op["responses"])
            self.assertTrue(any(c.startswith("2") or c == "302" for c in codes), (method, path))
            if op["security"]:
                self.assertTrue({"401", "403"} <= codes, (method, path))
                if method not in ("GET", "HEAD"):
                    self.assertIn({"sessionCookie": [], "csrfHeader": []}, op["security"], (method, path))
            if "{" in path:
                self.assertIn("404", codes, (method, path))
            for code, answer in op["responses"].items():
                if code.startswith("4") or code.startswith("5") or code == "default":
                    self.assertEqual(answer["content"]["application/problem+json"]["schema"],
                                     {"$ref": "#/components/schemas/Problem"}, (method, path, code))
        public = {(m, p) for m, p, op in operations() if op["security"] == []}
        self.assertIn(("POST", "/api/v1/auth/login"), public)
        self.assertIn(("GET", "/api/v1/health"), public)
        self.assertIn(("GET", "/api/v1/calendar/{feed}"), public)
        self.assertNotIn(("GET", "/api/v1/systems"), public)

    def test_schemas_are_valid_and_references_resolve(self):
        schemas = SPEC["components"]["schemas"]
        for name, schema in schemas.items():
            jsonschema.Draft202012Validator.check_schema(schema)
        for ref in set(re.findall(r'"\$ref": "([^"]+)"', TEXT)):
            self.assertTrue(ref.startswith("#/components/schemas/"), ref)
            self.assertIn(ref.rsplit("/", 1)[1], schemas, ref)
        for entity in ("Organization", "Committee", "Administration", "Unit", "Person", "System", "Document",
                       "Delegation", "PowerOfAttorney", "ProcessingActivity", "ProcessorRecord", "Incident",
                       "DataSubjectRequest", "Agreement", "Cooperation", "DpaDecision", "Measure", "Register",
                       "Rulebook", "Finding", "Findings", "DueItem", "Account", "ApiToken", "AuditEntry", "Problem",
                       "SystemList", "Responsibilities"):
            self.assertIn(entity, schemas)
            self.assertTrue(schemas[entity].get("properties"), entity)

    def test_registers_are_valid_input(self):
        contract = openapi_contract.Contract(SPEC)
        validator = contract.validator({"$ref": "#/components/schemas/RegisterInput"})
        for path in (os.path.join(SHARED, "spec/examples/kungsbacka-small.json"),
                     os.path.join(SOURCE, "examples/demo-register.json")):
            with open(path, encoding="utf-8") as f:
                doc = json.load(f)
            errors = [f"{list(e.absolute_path)}: {e.message[:200]}" for e in validator.iter_errors(doc)]
            self.assertEqual(errors, [], path)
        # And a wrong one is refused, naming the field.
        bad = {"format": "ansvar-register/1", "systems": [{"id": "s", "category": "castle", "scope": "x"}]}
        messages = [e.message for e in validator.iter_errors(bad)]
        self.assertTrue(messages)

    def test_the_web_copy_is_this_description(self):
        path = os.path.join(SOURCE, "web/src/generated/openapi.json")
        with open(path, encoding="utf-8") as f:
            copy = json.load(f)
        self.assertTrue(copy == SPEC, "web/src/generated/openapi.json is out of date: run "
                                      "`build/ansvar openapi -o web/src/generated/openapi.json` and `npm run build`")


if __name__ == "__main__":
    unittest.main(verbosity=2)
