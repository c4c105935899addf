"""A small JSON Schema (draft 7 subset) checker with one-line errors, standard library only.

It reads a JSON file strictly (UTF-8, no duplicate keys, no NaN/Infinity, at most 16 MiB)
and checks it against a schema such as scenarios/sweeps/sweep.schema.json, stopping at the
first problem. Errors read like the simulator's: ``/axes/0/values: got 0 items (expected a
list of 1 to 10000 values)``. The keywords it knows are the ones the sweep schema uses:
type, properties, additionalProperties (false), required, items, minItems, maxItems,
uniqueItems, minimum, maximum, exclusiveMinimum, minLength, maxLength, pattern, enum,
propertyNames, maxProperties, oneOf, $ref (#/definitions/...); title names what was
expected. Checker refuses a schema with any other keyword, so the schema cannot ask for a
check that is silently skipped.
"""
import json
import re

MAX_BYTES = 16 * 1024 * 1024
KNOWN = {"$schema", "title", "description", "type", "properties", "additionalProperties",
         "required", "items", "minItems", "maxItems", "uniqueItems", "minimum", "maximum",
         "exclusiveMinimum", "minLength", "maxLength", "pattern", "enum", "propertyNames",
         "maxProperties", "oneOf", "$ref", "definitions", "default"}


class JsonError(Exception):
    """A problem with a JSON document: pointer ("" for the whole file) and message."""

    def __init__(self, pointer, message):
        super().__init__(f"{pointer}: {message}" if pointer else message)
        self.pointer = pointer
        self.message = message


def escape(token):
    return str(token).replace("~", "~0").replace("/", "~1")


def show(value, limit=60):
    """A value as the error messages print it: JSON, cut to limit characters."""
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _no_duplicates(pairs):
    seen = {}
    for k, v in pairs:
        if k in seen:
            raise JsonError("", f'duplicate key "{k}"')
        seen[k] = v
    return seen


def _no_constant(name):
    raise JsonError("", f"{name} is not JSON (expected a finite number)")


def _finite(text):
    value = float(text)
    if value in (float("inf"), float("-inf")):
        raise JsonError("", f"{text} is out of range (expected a finite number)")
    return value


def load_file(path):
    """Reads a JSON file strictly; raises JsonError (pointer "") or OSError."""
    with open(path, "rb") as f:
        data = f.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise JsonError("", f"file larger than {MAX_BYTES} bytes (expected at most 16 MiB)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise JsonError("", f"not UTF-8 at byte {e.start} (expected a UTF-8 JSON file)")
    try:
        return json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_no_constant,
                          parse_float=_finite)
    except json.JSONDecodeError as e:
        raise JsonError("", f"not valid JSON at line {e.lineno} column {e.colno}: {e.msg}")
    except RecursionError:
        raise JsonError("", "nested too deeply (expected at most a few hundred levels)")


def _type_ok(value, t):
    if t == "object":
        return isinstance(value, dict)
    if t == "array":
        return isinstance(value, list)
    if t == "string":
        return isinstance(value, str)
    if t == "boolean":
        return isinstance(value, bool)
    if t == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    if t == "number":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if t == "null":
        return value is None
    raise ValueError(f"schema: unknown type {t}")


def _expected(schema):
    if "title" in schema:
        return schema["title"]
    t = schema.get("type")
    if isinstance(t, list):
        return " or ".join(_article(x) for x in t)
    if t:
        return _article(t)
    return "a valid value"


def _article(t):
    names = {"object": "an object", "array": "a list", "string": "a string",
             "boolean": "true or false", "integer": "a whole number", "number": "a number",
             "null": "null"}
    return names.get(t, t)


class Checker:
    def __init__(self, schema):
        self.root = schema
        self._check_schema(schema, "#")

    def _check_schema(self, s, where):
        if not isinstance(s, dict):
            return
        for k, v in s.items():
            if k not in KNOWN:
                raise ValueError(f"schema {where}: keyword {k} is not supported by jsoncheck")
            if k in ("properties", "definitions"):
                for name, sub in v.items():
                    self._check_schema(sub, f"{where}/{k}/{name}")
            elif k in ("items", "propertyNames") and isinstance(v, dict):
                self._check_schema(v, f"{where}/{k}")
            elif k == "oneOf":
                for i, sub in enumerate(v):
                    self._check_schema(sub, f"{where}/oneOf/{i}")

    def _resolve(self, s):
        while "$ref" in s:
            ref = s["$ref"]
            if not ref.startswith("#/"):
                raise ValueError(f"schema: only local $ref supported, got {ref}")
            node = self.root
            for part in ref[2:].split("/"):
                node = node[part]
            merged = dict(node)
            merged.update({k: v for k, v in s.items() if k != "$ref"})
            s = merged
        return s

    def check(self, value, schema=None, pointer=""):
        """Raises JsonError for the first problem found."""
        s = self._resolve(self.root if schema is None else schema)
        expected = _expected(s)
        if "oneOf" in s:
            branches = [self._resolve(b) for b in s["oneOf"]]
            matching = [b for b in branches if self._ok(value, b, pointer)]
            if len(matching) == 1:
                pass
            elif not matching:
                # The branch the value was meant for: the one whose required keys it has.
                meant = [b for b in branches if isinstance(value, dict) and b.get("required")
                         and all(k in value for k in b["required"])]
                if not meant:
                    meant = [b for b in branches if "type" in b and not isinstance(b["type"], list)
                             and _type_ok(value, b["type"])]
                if len(meant) == 1:
                    self.check(value, meant[0], pointer)
                raise JsonError(pointer, f"got {show(value)} (expected {expected})")
            else:
                raise JsonError(pointer, f"got {show(value)}, which matches more than one form "
                                         f"(expected {expected})")
        t = s.get("type")
        if t is not None:
            types = t if isinstance(t, list) else [t]
            if not any(_type_ok(value, x) for x in types):
                raise JsonError(pointer, f"got {show(value)} (expected {expected})")
        if "enum" in s and value not in s["enum"]:
            raise JsonError(pointer, f"got {show(value)} (expected one of "
                                     + ", ".join(show(x) for x in s["enum"]) + ")")
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            if "minimum" in s and value < s["minimum"] or "maximum" in s and value > s["maximum"] \
                    or "exclusiveMinimum" in s and value <= s["exclusiveMinimum"]:
                raise JsonError(pointer, f"got {show(value)} (expected {expected})")
        if isinstance(value, str):
            if "minLength" in s and len(value) < s["minLength"] \
                    or "maxLength" in s and len(value) > s["maxLength"] \
                    or "pattern" in s and not re.search(s["pattern"], value):
                raise JsonError(pointer, f"got {show(value)} (expected {expected})")
        if isinstance(value, list):
            if "minItems" in s and len(value) < s["minItems"] \
                    or "maxItems" in s and len(value) > s["maxItems"]:
                raise JsonError(pointer, f"got {len(value)} items (expected {expected})")
            if s.get("uniqueItems"):
                seen = []
                for i, item in enumerate(value):
                    key = json.dumps(item, sort_keys=True)
                    if key in seen:
                        raise JsonError(f"{pointer}/{i}", f"got {show(item)} a second time "
                                                          f"(expected {expected})")
                    seen.append(key)
            if "items" in s:
                for i, item in enumerate(value):
                    self.check(item, s["items"], f"{pointer}/{i}")
        if isinstance(value, dict):
            props = s.get("properties", {})
            for k in s.get("required", []):
                if k not in value:
                    raise JsonError(pointer, f'missing key "{k}" (required: '
                                             + ", ".join(s["required"]) + ")")
            if "maxProperties" in s and len(value) > s["maxProperties"]:
                raise JsonError(pointer, f"got {len(value)} keys (expected at most "
                                         f"{s['maxProperties']})")
            for k, v in value.items():
                sub = f"{pointer}/{escape(k)}"
                if "propertyNames" in s:
                    try:
                        self.check(k, s["propertyNames"], sub)
                    except JsonError as e:
                        raise JsonError(sub, f"key {e.message}")
                if k in props:
                    self.check(v, props[k], sub)
                elif s.get("additionalProperties") is False:
                    raise JsonError(sub, f'unknown key "{k}" (keys: ' + ", ".join(props) + ")")

    def _ok(self, value, schema, pointer):
        try:
            self.check(value, schema, pointer)
            return True
        except JsonError:
            return False
