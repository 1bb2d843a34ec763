"""The OpenAPI description as the contract of every answer: server_fixture.Server.request hands each JSON answer here,
and it is validated against the response schema of the operation the request matched (its status, else `default`)
by an independent validator, python3-jsonschema (Draft 2020-12, as OpenAPI 3.1 uses it). A mismatch raises
ContractError, which fails the suite. The description is what `ansvar openapi` prints: the same the server serves."""
import atexit, json, re, subprocess, sys

import jsonschema

_specs = {}


class ContractError(AssertionError):
    pass


class Contract:
    def __init__(self, spec):
        self.spec = spec
        self.components = spec["components"]
        self.routes = []  # (method, regex, pattern, operation), literal paths before templated ones
        for pattern, ops in spec["paths"].items():
            regex = "^" + re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(pattern)) + "$"
            for method, op in ops.items():
                self.routes.append((method.upper(), re.compile(regex), pattern, op))
        self.routes.sort(key=lambda r: r[2].count("{"))
        self._validators = {}
        self.checked = 0

    def validator(self, schema):
        key = json.dumps(schema, sort_keys=True)
        if key not in self._validators:
            # The components travel with each schema, so that "#/components/schemas/…" resolves in the same document
            # with any version of jsonschema.
            root = dict(schema)
            root["components"] = self.components
            cls = jsonschema.Draft202012Validator
            cls.check_schema(root)
            self._validators[key] = cls(root, format_checker=cls.FORMAT_CHECKER)
        return self._validators[key]

    def operation(self, method, path):
        method = "GET" if method == "HEAD" else method
        for m, regex, pattern, op in self.routes:
            if m == method and regex.match(path):
                return pattern, op
        return None, None

    def check(self, method, path, status, content_type, body):
        """Raises ContractError when a JSON answer does not match the description."""
        path = path.split("?", 1)[0]
        media = (content_type or "").split(";")[0].strip().lower()
        if not media.endswith("json") or body is None or isinstance(body, (bytes, bytearray)):
            return
        pattern, op = self.operation(method, path)
        if op is None:
            # No such operation: the server's answer is a problem (404, 405) whatever the path.
            if media != "application/problem+json":
                raise ContractError(f"{method} {path}: {status} {media} for a path the description does not have")
            schema = {"$ref": "#/components/schemas/Problem"}
        else:
            responses = op["responses"]
            response = responses.get(str(status)) or responses.get("default")
            if response is None:
                raise ContractError(f"{method} {pattern}: status {status} is not in the description")
            content = response.get("content") or {}
            entry = content.get(media)
            if entry is None:
                raise ContractError(f"{method} {pattern}: {status} answered {media}; the description says "
                                    f"{sorted(content) or 'no body'}")
            schema = entry["schema"]
        errors = sorted(self.validator(schema).iter_errors(body), key=lambda e: list(e.absolute_path))
        if errors:
            deepest = [jsonschema.exceptions.best_match([e]) for e in errors[:5]]
            detail = "\n".join(f"  at $/{'/'.join(map(str, e.absolute_path))}: {e.message[:300]}" for e in deepest)
            raise ContractError(f"{method} {path} → {status} does not match the description "
                                f"({op['operationId'] if op else 'Problem'}):\n{detail}")
        self.checked += 1


def for_binary(binary):
    """The contract of `binary` (`ansvar openapi`), made once per binary."""
    if binary not in _specs:
        out = subprocess.run([binary, "openapi"], check=True, capture_output=True, text=True).stdout
        _specs[binary] = contract = Contract(json.loads(out))
        atexit.register(lambda: print(f"openapi contract: {contract.checked} JSON answers validated against the "
                                      f"description", file=sys.stderr))
    return _specs[binary]
