"""The JSON Schema of the scenario format against the loader, which is the truth.

Sources/FiredrillServer/Public/schemas/scenario-v1.json (served at /schemas/scenario-v1.json,
linked from the repository root as schemas/) must accept exactly what `firedrill validate`
accepts, as far as a JSON Schema can say:

- every bundled scenario, and the template, is valid against the schema (and the loader);
- the schema names the same keys at each level as ScenarioDecoder.swift, and refuses others;
- about 12,000 mutations of four valid scenarios (the template, two bundled drills, one in
  Japanese, and a minimal one) are written to files, judged by the firedrill binary and by the
  schema, and the two verdicts must agree: each key removed; unknown keys and the contract's
  additions (role cards, the quiz); every key set to each JSON type; values outside
  enums and id patterns; texts and lists at and over their limits; conditions; durations
  (Japanese ones in a group of their own); the rules between keys; plain YAML scalars.

Mutations are written as JSON (which the loader reads as YAML), so both sides see the same
types; the YAML group is read here with the loader's YAML 1.1 scalar rules.

A schema cannot express rules that compare values across the document. A mutation that the
schema accepts but that breaks one of these (found by a port of those rules, below) is
*excluded*: counted, and the loader must reject it, which checks the exclusion. A mutation
the schema rejects is always compared. The categories:

- cross-reference: an inject `to` or objective `by`/`to`/`from` naming an unknown role or
  inject, a persona role in `by`, a condition naming an unknown objective or inject, a
  channel missing from the scenario's own `channels:` list (the default channels are an enum
  in the schema, so those are compared);
- duplicate-id: two roles, injects or objectives with one id;
- relation: `at` after `duration`, `limit` not greater than `target`;
- when-cycle: `when` injects that wait on each other and can never fire;
- condition-grammar: a condition that is not well formed beyond what the schema's pattern
  sees (it requires a met( or delivered( atom): unbalanced parentheses, a missing operand,
  nesting deeper than 32;
- duration-value: a well-formed duration over 30 days in total, or a Japanese duration
  longer than the parser reads (the schema checks the shape and plain numbers only);
- yaml-1.1-spelling: YAML 1.1 spellings whose value differs from their text (`True`, `1:30`,
  `1_000`, `1.0` for an integer, `.nan`): the loader reads the text, the schema the value.
  Editors read YAML 1.2, where most of these are strings;
- duplicate-key: a key twice in one mapping, a YAML error before any schema.

Run with Tests/Schema/run.sh [path-to-firedrill] (or FIREDRILL_BIN=... python -m unittest
test_schema from this folder). Nothing is skipped: a missing binary or module fails.
"""

import concurrent.futures
import copy
import json
import os
import re
import subprocess
import sys
import tempfile
import unittest
from collections import Counter, defaultdict
from pathlib import Path

import jsonschema
import yaml

ROOT = Path(__file__).resolve().parents[2]
SCHEMA_PATH = ROOT / "Sources/FiredrillServer/Public/schemas/scenario-v1.json"
SCENARIOS = ROOT / "Sources/FiredrillScenarios/Scenarios"
DECODER_SOURCE = ROOT / "Sources/FiredrillCore/Validation/ScenarioDecoder.swift"
BINARY = Path(os.environ.get("FIREDRILL_BIN") or ROOT / ".build/debug/firedrill")
BATCH = 200

DEFAULT_CHANNELS = ["chat", "email", "phone", "in-person", "pager", "ticket", "monitoring", "news", "social", "web"]
MAX_SECONDS = 30 * 24 * 3600

# ---------------------------------------------------------------------------------------------
# YAML read as the loader reads it (Sources/FiredrillYAML/SourceTreeBuilder.swift): YAML 1.1
# plain-scalar types as Yams' resolver has them (no timestamps, no merge keys), duplicate keys
# an error.


class YamsLikeLoader(yaml.SafeLoader):
    pass


YamsLikeLoader.yaml_implicit_resolvers = {}
_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL = re.compile(r"^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$")
_INT = re.compile(r"^[-+]?(?:0b[01_]+|0x[0-9a-fA-F_]+|0o?[0-7_]+|0|[1-9][0-9_]*(?::[0-5]?[0-9])*)$")
_FLOAT = re.compile(
    r"^(?:[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)"
    r"|\.[0-9_]+(?:[eE][-+][0-9]+)?"
    r"|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*"
    r"|[-+]?[0-9][0-9_]*(?:\.[0-9_]*)?(?:[eE][-+]?[0-9]+)?)$"
)
for _tag, _regexp in (("null", _NULL), ("bool", _BOOL), ("int", _INT), ("float", _FLOAT)):
    YamsLikeLoader.add_implicit_resolver("tag:yaml.org,2002:" + _tag, _regexp, None)


def _construct_int(loader, node):
    text = loader.construct_scalar(node).replace("_", "")
    sign = -1 if text.startswith("-") else 1
    text = text.lstrip("+-")
    if text.startswith("0b"):
        return sign * int(text[2:], 2)
    if text.startswith("0x"):
        return sign * int(text[2:], 16)
    if ":" in text:
        value = 0
        for part in text.split(":"):
            value = value * 60 + int(part)
        return sign * value
    if text.startswith("0") and len(text) > 1:
        return sign * int(text.lstrip("0o") or "0", 8)
    return sign * int(text)


YamsLikeLoader.add_constructor("tag:yaml.org,2002:int", _construct_int)


def _construct_mapping(loader, node, deep=False):
    seen = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise yaml.constructor.ConstructorError(None, None, f"duplicate key {key!r}", key_node.start_mark)
        seen.add(key)
    return yaml.SafeLoader.construct_mapping(loader, node, deep=deep)


YamsLikeLoader.construct_mapping = _construct_mapping


def load_yaml(text):
    return yaml.load(text, Loader=YamsLikeLoader)


# ---------------------------------------------------------------------------------------------
# The rules a schema cannot express, ported from the loader (ScenarioDecoder, DrillTime,
# ConditionParser, ReachabilityAnalysis). They are applied only to documents the schema
# accepts, so the shapes are already right.


def text_of(value):
    """A scalar's text as the loader reads it from the JSON this test writes."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return json.dumps(value)
    return value


def _is_trimmed_space(c):
    """String.trimmingWhitespace: space and tab to carriage return, else Unicode White_Space."""
    return (c == " " or "\t" <= c <= "\r") if ord(c) < 0x80 else c.isspace()


def trimmed(value):
    text = text_of(value)
    start, end = 0, len(text)
    while start < end and _is_trimmed_space(text[start]):
        start += 1
    while end > start and _is_trimmed_space(text[end - 1]):
        end -= 1
    return text[start:end]


def _japanese_duration(text):
    if len(text.encode()) > 96:
        return None
    width = "".join(chr(ord(c) - 0xFEE0) if 0xFF01 <= ord(c) <= 0xFF5E else " " if c == "\u3000" else c for c in text)
    out, rest = "", width
    while rest:
        c = rest[0]
        if c in "0123456789hms":
            out, rest = out + c, rest[1:]
        elif c == " ":
            if not out or out[-1].isdigit():
                return None
            rest = rest[1:]
        elif rest.startswith("時間半"):
            out, rest = out + "h30m", rest[3:]
        elif rest.startswith("分半"):
            out, rest = out + "m30s", rest[2:]
        elif rest.startswith("時間"):
            out, rest = out + "h", rest[2:]
        elif rest.startswith("分"):
            out, rest = out + "m", rest[1:]
        elif rest.startswith("秒"):
            out, rest = out + "s", rest[1:]
        else:
            return None
    return out


def duration_seconds(value):
    """DrillTime(durationText:) in seconds, or None."""
    text = text_of(value)
    if not isinstance(text, str):
        return None
    if not all(ord(c) < 0x80 for c in text):
        text = _japanese_duration(text)
        if text is None:
            return None
    if not text or len(text) > 32:
        return None
    if all("0" <= c <= "9" for c in text):
        return int(text) if int(text) <= MAX_SECONDS else None
    total, number, last = 0, None, -1
    for c in text:
        if "0" <= c <= "9":
            number = (number or 0) * 10 + int(c)
            if number > MAX_SECONDS:
                return None
        elif c in "hms":
            if number is None:
                return None
            rank, factor = {"h": (0, 3600), "m": (1, 60), "s": (2, 1)}[c]
            if rank <= last:
                return None
            last, total, number = rank, total + number * factor, None
            if total > MAX_SECONDS:
                return None
        else:
            return None
    return None if number is not None else total


ATOM = re.compile(r"(?:met|delivered)\s*\(")


class ConditionError(Exception):
    pass


def parse_condition(text):
    """ConditionParser: the atoms as ('met'|'delivered', id) and the tree, or ConditionError."""
    if len(text) > 4096:
        raise ConditionError("longer than 4096 characters")
    tokens, current = [], ""
    for c in text:
        if c in "()":
            if current:
                tokens.append(current)
            tokens.append(c)
            current = ""
        elif c.isspace():
            if current:
                tokens.append(current)
            current = ""
        else:
            current += c
    if current:
        tokens.append(current)
    position = 0

    def peek():
        return tokens[position] if position < len(tokens) else None

    def take():
        nonlocal position
        position += 1
        return tokens[position - 1] if position - 1 < len(tokens) else None

    def joined(word, operand, depth):
        nonlocal position
        result = operand(depth)
        while peek() == word:
            position += 1
            result = (word, result, operand(depth))
        return result

    def parse_or(depth):
        return joined("or", parse_and, depth)

    def parse_and(depth):
        return joined("and", parse_unary, depth)

    def parse_unary(depth):
        if depth >= 32:
            raise ConditionError("nested more than 32 levels")
        token = take()
        if token is None:
            raise ConditionError("ends early")
        if token == "not":
            return ("not", parse_unary(depth + 1))
        if token == "(":
            inner = parse_or(depth + 1)
            if take() != ")":
                raise ConditionError("missing ')'")
            return inner
        if token in ("met", "delivered"):
            if take() != "(":
                raise ConditionError("expected '('")
            ident = take()
            if ident is None or ident in "()":
                raise ConditionError("needs an id")
            if take() != ")":
                raise ConditionError("expected ')'")
            return (token, ident)
        raise ConditionError(f"unexpected {token!r}")

    if peek() is None:
        raise ConditionError("empty")
    tree = parse_or(0)
    if peek() is not None:
        raise ConditionError("text after a complete condition")
    return tree


def atoms(tree):
    if tree[0] in ("met", "delivered"):
        return [tree]
    return [a for part in tree[1:] for a in atoms(part)]


def non_schema_problems(doc):
    """The problems of a schema-valid scenario that only the loader can see: (category, text)."""
    problems = []
    channels = DEFAULT_CHANNELS
    if "channels" in doc:
        listed = doc["channels"]
        channels = [text_of(c) for c in (listed if isinstance(listed, list) else [listed])]
    roles, injects, objectives = doc["roles"], doc["injects"], doc["objectives"]
    role_ids = [text_of(r["id"]) for r in roles]
    persona_ids = {text_of(r["id"]) for r in roles if "persona" in r}
    inject_ids = [text_of(i["id"]) for i in injects]
    objective_ids = [text_of(o["id"]) for o in objectives]
    for what, ids in (("role", role_ids), ("inject", inject_ids), ("objective", objective_ids)):
        for ident, count in Counter(ids).items():
            if count > 1:
                problems.append(("duplicate-id", f"{what} id {ident!r} appears {count} times"))

    def seconds(value, where):
        result = duration_seconds(value)
        if result is None:
            problems.append(("duration-value", f"{where} {value!r} is not a duration the parser reads"))
        return result

    def channel(value, where):
        # Without a `channels:` list the schema itself names the default channels.
        if "channels" in doc and trimmed(value) not in channels:
            problems.append(("cross-reference", f"{where}: unknown channel {value!r}"))

    def listed(value):
        return value if isinstance(value, list) else [value]

    def condition(value, where):
        if not ATOM.search(value):
            return None  # a condition without met( or delivered( is the schema's to refuse
        try:
            tree = parse_condition(value)
        except ConditionError as error:
            problems.append(("condition-grammar", f"{where}: {error}"))
            return None
        for kind, ident in atoms(tree):
            known = objective_ids if kind == "met" else inject_ids
            if ident not in known:
                problems.append(("cross-reference", f"{where}: unknown id in {kind}({ident})"))
        return tree

    duration = seconds(doc["duration"], "duration")
    for role in roles:
        persona = role.get("persona")
        if persona is not None:
            for c in listed(persona.get("channels", [])):
                channel(c, "persona channels")
            if "delay" in persona:
                seconds(persona["delay"], "persona delay")
    whens = {}
    for inject in injects:
        if inject["to"] != "all":
            for r in inject["to"]:
                if text_of(r) not in role_ids:
                    problems.append(("cross-reference", f"inject to: unknown role {r!r}"))
        channel(inject["channel"], "inject channel")
        if "at" in inject:
            at = seconds(inject["at"], "at")
            if at is not None and duration is not None and at > duration:
                problems.append(("relation", f"at {inject['at']!r} is after duration {doc['duration']!r}"))
        if "when" in inject:
            tree = condition(inject["when"], "when")
            if tree is not None:
                whens[text_of(inject["id"])] = tree
        if "delay" in inject:
            seconds(inject["delay"], "delay")
        if "if" in inject:
            condition(inject["if"], "if")
    objective_from = {}
    for objective in objectives:
        for r in listed(objective.get("by", [])):
            if trimmed(r) not in role_ids or trimmed(r) in persona_ids:
                problems.append(("cross-reference", f"by: {r!r} is not a played role"))
        if "from" in objective:
            if trimmed(objective["from"]) not in inject_ids:
                problems.append(("cross-reference", f"from: unknown inject {objective['from']!r}"))
            objective_from.setdefault(text_of(objective["id"]), trimmed(objective["from"]))
        if "to" in objective and trimmed(objective["to"]) not in role_ids:
            problems.append(("cross-reference", f"to: unknown role {objective['to']!r}"))
        for c in listed(objective.get("via", [])):
            channel(c, "via")
        target = seconds(objective["target"], "target")
        if "limit" in objective:
            limit = seconds(objective["limit"], "limit")
            if None not in (target, limit) and limit <= target:
                problems.append(("relation", f"limit {objective['limit']!r} is not greater than target {objective['target']!r}"))
    # ReachabilityAnalysis: `when` injects that can never fire.
    possible = {text_of(i["id"]) for i in injects if "at" in i}
    possible |= set(inject_ids) - set(whens) - possible  # unreadable ones count as possible

    def can_hold(tree):
        kind = tree[0]
        if kind == "delivered":
            return tree[1] in possible
        if kind == "met":
            return objective_from[tree[1]] in possible if tree[1] in objective_from else True
        if kind == "not":
            return True
        if kind == "and":
            return can_hold(tree[1]) and can_hold(tree[2])
        return can_hold(tree[1]) or can_hold(tree[2])

    changed = True
    while changed:
        changed = False
        for ident, tree in whens.items():
            if ident not in possible and can_hold(tree):
                possible.add(ident)
                changed = True
    for ident in whens:
        if ident not in possible:
            problems.append(("when-cycle", f"inject {ident!r} can never fire"))
    return problems


# ---------------------------------------------------------------------------------------------
# Cases, their files, and the two verdicts.


class Case:
    def __init__(self, category, name, doc=None, yaml_text=None, excluded=None):
        self.category, self.name, self.doc, self.yaml_text, self.excluded = category, name, doc, yaml_text, excluded


_ESCAPE = re.compile("[\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]")


def json_text(doc):
    """JSON the loader reads back exactly (it reads JSON as YAML: escape what YAML would fold)."""
    text = json.dumps(doc, ensure_ascii=False, indent=1)
    return _ESCAPE.sub(lambda m: "\\u%04x" % ord(m.group()), text)


def loader_verdicts(paths):
    """path -> (accepted, first message) from `firedrill validate`, in batches."""
    verdicts = {}
    for start in range(0, len(paths), BATCH):
        batch = paths[start:start + BATCH]
        result = subprocess.run([str(BINARY), "validate", *batch], capture_output=True, text=True, timeout=600)
        accepted = {line.split(": ok — ")[0] for line in result.stdout.splitlines() if ": ok — " in line}
        messages = defaultdict(list)
        for line in result.stderr.splitlines():
            for path in batch:
                if line.startswith(path + ":"):
                    messages[path].append(line[len(path) + 1:].strip())
                    break
        for path in batch:
            if path in accepted:
                verdicts[path] = (True, "")
            elif messages[path]:
                verdicts[path] = (False, messages[path][0])
            else:
                raise AssertionError(f"firedrill validate said nothing about {path}:\n{result.stdout}\n{result.stderr}")
        if not accepted and result.returncode == 0:
            raise AssertionError(f"firedrill validate exited 0 without an 'ok' line:\n{result.stdout}\n{result.stderr}")
    return verdicts


def verdict_word(accepted):
    return "ACCEPTS" if accepted else "REJECTS"


SUMMARY = {}


class SchemaCase(unittest.TestCase):
    maxDiff = None

    @classmethod
    def setUpClass(cls):
        if not BINARY.is_file() or not os.access(BINARY, os.X_OK):
            raise AssertionError(f"no firedrill binary at {BINARY} (build it, or set FIREDRILL_BIN / pass it to run.sh)")
        cls.schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
        cls.validator = jsonschema.Draft202012Validator(cls.schema)

    def schema_verdict(self, instance):
        errors = list(self.validator.iter_errors(instance))
        if not errors:
            return True, ""
        best = jsonschema.exceptions.best_match(errors)
        where = "/".join(str(p) for p in best.absolute_path) or "(top)"
        return False, f"{where}: {best.message[:200]}"

    def check(self, cases, group):
        """Both verdicts for every case; fails naming every disagreement. The loader runs in a
        background thread (it is a subprocess) while the schema judges."""
        with tempfile.TemporaryDirectory(prefix="firedrill-schema-") as folder:
            paths = []
            for number, case in enumerate(cases):
                if case.yaml_text is not None:
                    path = os.path.join(folder, f"{number:05d}.yaml")
                    Path(path).write_text(case.yaml_text, encoding="utf-8")
                else:
                    path = os.path.join(folder, f"{number:05d}.json")
                    Path(path).write_text(json_text(case.doc), encoding="utf-8")
                paths.append(path)
            with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
                pending = pool.submit(loader_verdicts, paths)
                instances, schema_valid = [], []
                for case in cases:
                    instance = case.doc
                    if case.yaml_text is not None:
                        try:
                            instance = load_yaml(case.yaml_text)
                        except yaml.YAMLError as error:
                            instance = error
                    instances.append(instance)
                    schema_valid.append(not isinstance(instance, Exception) and self.validator.is_valid(instance))
                loader = pending.result()
        failures, counts = [], defaultdict(Counter)
        for case, path, instance, valid in zip(cases, paths, instances, schema_valid):
            loaded, loader_message = loader[path]

            def schema_message():
                if isinstance(instance, Exception):
                    return f"not readable: {instance}"
                return self.schema_verdict(instance)[1]

            excluded = case.excluded
            if valid and excluded is None:
                found = non_schema_problems(instance)
                if found:
                    excluded = f"{found[0][0]} ({found[0][1]})"
            tally = counts[case.category]
            tally["total"] += 1
            if excluded is not None:
                tally["excluded: " + excluded.split(" ")[0]] += 1
                if loaded:
                    failures.append(f"[{case.category}] {case.name}: excluded as {excluded}, yet the loader ACCEPTS it "
                                    f"(schema {verdict_word(valid)}{' (' + schema_message() + ')' if not valid else ''})")
                continue
            tally["compared"] += 1
            if loaded != valid:
                failures.append(f"[{case.category}] {case.name}: loader {verdict_word(loaded)}"
                                f"{' (' + loader_message + ')' if loader_message else ''}, schema {verdict_word(valid)}"
                                f"{' (' + schema_message() + ')' if not valid else ''}")
        SUMMARY[group] = counts
        lines = [f"{group}:"]
        for category, tally in sorted(counts.items()):
            rest = ", ".join(f"{k} {v}" for k, v in sorted(tally.items()) if k not in ("total", "compared"))
            lines.append(f"  {category}: {tally['total']} mutations, {tally['compared']} compared"
                         + (f", {rest}" if rest else ""))
        print("\n".join(lines), file=sys.stderr)
        if failures:
            shown = failures[:80]
            more = f"\n… and {len(failures) - len(shown)} more" if len(failures) > len(shown) else ""
            self.fail(f"{len(failures)} of {len(cases)} mutations in '{group}' disagree:\n" + "\n".join(shown) + more)


# ---------------------------------------------------------------------------------------------
# The valid scenarios that are mutated.

MINIMAL_YAML = """\
firedrill: 1
id: minimal
title: Minimal drill
duration: 30m
roles:
  - id: ops
    name: On-call engineer
injects:
  - id: alert
    to: [ops]
    channel: chat
    subject: Something is wrong
    at: 1m
objectives:
  - id: ack
    kind: acknowledge
    target: 5m
"""


def bases():
    """(name, document, representative paths of mappings) for each valid scenario mutated."""
    found = []
    sources = [
        ("template", (SCENARIOS / "template/drill-template.yaml").read_text(encoding="utf-8")),
        ("certificate", (SCENARIOS / "certificate-expiry-3am.yaml").read_text(encoding="utf-8")),
        ("newsletter-ja", (SCENARIOS / "newsletter-brochure-leak-ja.yaml").read_text(encoding="utf-8")),
        ("minimal", MINIMAL_YAML),
    ]
    for name, text in sources:
        doc = load_yaml(text)
        found.append((name, doc, representative_paths(doc, every=name in ("template", "minimal"))))
    return found


def representative_paths(doc, every):
    """Paths of the mappings to mutate: all of them in small scenarios; in large ones the first
    of each shape (played role, persona, `at` inject, `when` inject, escalate objective, other
    objective, survey question mapping)."""
    paths = [((), "top")]
    seen = set()

    def pick(shape):
        if every or shape not in seen:
            seen.add(shape)
            return True
        return False

    for n, role in enumerate(doc["roles"]):
        if pick(("role", "persona" in role)):
            paths.append((("roles", n), "role"))
            if "persona" in role:
                paths.append((("roles", n, "persona"), "persona"))
    for n, inject in enumerate(doc["injects"]):
        if pick(("inject", "at" in inject)):
            paths.append((("injects", n), "inject"))
    for n, objective in enumerate(doc["objectives"]):
        if pick(("objective", objective["kind"] == "escalate")):
            paths.append((("objectives", n), "objective"))
    for n, item in enumerate(doc.get("survey", []) if isinstance(doc.get("survey"), list) else []):
        if isinstance(item, dict) and pick(("survey", item.get("kind"))):
            paths.append((("survey", n), "survey question"))
    return paths


def get(doc, path):
    for step in path:
        doc = doc[step]
    return doc


def with_value(doc, path, key, value):
    copied = copy.deepcopy(doc)
    get(copied, path)[key] = value
    return copied


def without(doc, path, key):
    copied = copy.deepcopy(doc)
    del get(copied, path)[key]
    return copied


def where(base, path, key=None):
    text = base + ":" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path)
    return text + (f".{key}" if key is not None else "")


def short(value):
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 60 else f"{text[:40]}… ({len(text)} characters)"


# What each key holds, to pick the values that probe it.
KINDS = {
    "top": {"firedrill": "version", "id": "slug", "title": "line", "summary": "text", "briefing": "text",
            "language": "language", "tags": "lines", "duration": "duration", "channels": "slugs",
            "roles": "roles", "injects": "injects", "objectives": "objectives", "survey": "survey"},
    "role": {"id": "slug", "name": "line", "department": "line", "persona": "persona"},
    "persona": {"channels": "channels", "delay": "duration", "reply": "text"},
    "inject": {"id": "slug", "to": "recipients", "channel": "channel", "subject": "line", "body": "text",
               "from": "line", "at": "duration", "when": "condition", "delay": "duration", "if": "condition",
               "expect": "text", "notes": "text"},
    "objective": {"id": "slug", "name": "line", "kind": "kind", "by": "roles-ref", "from": "inject-ref",
                  "target": "duration", "limit": "duration", "weight": "weight", "to": "role-ref",
                  "via": "channels", "match": "lines", "controls": "controls", "expect": "text"},
    "survey question": {"question": "text", "kind": "survey-kind"},
}

WRONG_TYPES = [None, True, False, 0, 7, -3, 2.5, "", " ", "text", [], ["x"], [7], {"x": 1}]

LINES = ["a\nb", "\nleading and trailing line breaks\n", "  padded  ", "x" * 500, "x" * 501, "é" * 500, "é" * 501,
         "tab\there", "escape \u001b[2J", "bidi \u202e override", "isolate \u2066", "nbsp\u00a0inside",
         "\u3000全角の空白\u3000", "line\u2028separator", "next line \u0085", "carriage\rreturn", "del \u007f",
         "bell \u0007", "\u00a0\u2003", "😀 emoji", "日本語の件名"]
TEXTS = ["", "   ", "x" * 20000, "x" * 20001, "a\nb\n", "tab\t", "cr\r\n", "escape \u001b", "\u2069", "nul \u0000",
         "c1 \u009b", "日本語\n本文", "line\u2028separator"]
SLUGS = ["a", "0", "9-", "a" * 64, "a" * 65, "x-" * 32, "Upper", "-lead", "with space", "under_score", "dot.ted",
         "日本語", "é", " padded", "trail\n", "a--b", 42, 0, -1, 2.5, True]
VERSIONS = [1, 2, 0, -1, "1", 1.5, True, None, [1]]
LANGUAGES = ["en", "ja", "pt-BR", "zh-Hant-TW", "de-1996", "EN", "abcdefgh", "abcdefghi", "x", "english",
             "en_US", "en-", "-en", "en--us", "123", "e1", "en-abcdefgh", "en-abcdefghi", " en ", "en\n",
             "日本語", True, False, 5]
WEIGHTS = [0, 0.5, 1000, 1000.0001, 1001, -0.001, -1, 1e3, 1e308, "2", True, None]
OBJECTIVE_KINDS = ["acknowledge", "escalate", "action", "communicate", "report", "resolve", "ack", "do", "say",
                   "Acknowledge", "escalation", " action", "escalate\n", "\u3000resolve", " ac tion ", "", 5]
SURVEY_KINDS = ["scale", "text", "Scale", "TEXT", "free", " text ", "scale\n", "", None, 5, ["text"]]
CONTROLS = ["A.5.24", "A.5.1", "A.5.37", "A.5.38", "A.6.8", "A.6.9", "A.7.14", "A.7.15", "A.8.34", "A.8.35",
            "A.9.1", "IR-1", "IR-10", "IR-11", "ir-4", "RS", "rs", "GV", "CSF", "A.5", "A-5-24", "A.5.24 ", " RS", "", 5]


def condition_values(doc):
    """Conditions over ids that exist and cannot make a cycle: an `at` inject and an objective
    whose clock starts at the drill or at an `at` inject."""
    first_at = next(text_of(i["id"]) for i in doc["injects"] if "at" in i)
    at_ids = {text_of(i["id"]) for i in doc["injects"] if "at" in i}
    objective = next(text_of(o["id"]) for o in doc["objectives"] if o.get("from") is None or o.get("from") in at_ids)
    good = [f"delivered({first_at})", f"met({objective})", f"not met({objective})",
            f"met({objective}) and delivered({first_at})", f"(met({objective}) or not delivered({first_at}))",
            f"met ( {objective} )", f"\tmet({objective})\n", f"not not not met({objective})",
            f"delivered({first_at})" + " " * (4096 - len(f"delivered({first_at})")),
            f"delivered({first_at})" + " " * (4097 - len(f"delivered({first_at})")),
            "not " * 31 + f"met({objective})", "not " * 33 + f"met({objective})",
            "(" * 33 + f"met({objective})" + ")" * 33]
    bad = ["", "   ", "soon", "met", "met(", f"met({objective}", "met()", f"met({objective} x)",
           f"(met({objective})", f"met({objective}))", "not", f"met({objective}) and", f"met({objective}) or or met({objective})",
           f"MET({objective})", f"met({objective}) met({objective})", f"met[{objective}]", f"unmet({objective})",
           f"met(unknown-objective)", f"delivered(unknown-inject)", f"met({objective}) \u001b"]
    return good + bad


def values_for(kind, doc):
    roles = [text_of(r["id"]) for r in doc["roles"]]
    played = [text_of(r["id"]) for r in doc["roles"] if "persona" not in r]
    channels = doc.get("channels", DEFAULT_CHANNELS)
    channels = channels if isinstance(channels, list) else [channels]
    if kind == "version":
        return VERSIONS
    if kind == "slug":
        return SLUGS
    if kind == "line":
        return LINES
    if kind == "text":
        return TEXTS
    if kind == "language":
        return LANGUAGES
    if kind == "lines":
        return [[], ["incident"], "incident", "  ", ["a", "a"], ["x" * 501], ["ok", "a\nb"], [5, True, 2.5], [None], [[]]]
    if kind == "slugs":  # the top-level channels
        return [channels + ["sms"], channels + ["SMS"], channels + [channels[0]], channels[:1] * 1, ["chat"] + channels,
                channels + ["a" * 65], channels + [5]]
    if kind == "duration":
        return ["0", "0s", "90s", "5m", "1h30m", "2m30s", "1h2m3s", "0090", 90, 0, "90", "m", "5", "5 m", "5min", "1m1h",
                "1h1h", "-5m", "+5m", "5.5m", "5M", "1d", " 5m", "5m ", "1h 30m", "0h0m0s", "00000000000000000000000000000005m",
                "000000000000000000000000000000005m", 2592000, 2592001, "720h", "720h1s", "43200m", "2592001s", 1.5, -5, "", True]
    if kind == "condition":
        return condition_values(doc)
    if kind == "kind":
        return OBJECTIVE_KINDS
    if kind == "survey-kind":
        return SURVEY_KINDS
    if kind == "weight":
        return WEIGHTS
    if kind == "controls":
        return [[c] for c in CONTROLS] + ["A.5.24", "A.5.38", [], ["A.5.24", "A.5.24"]]
    if kind == "recipients":
        return ["all", "All", "ALL", " all", "everyone", roles[0], [], [roles[0]], [roles[0], roles[0]], roles[:2],
                roles, [f" {roles[0]}"], ["Ops"], ["ops team"], ["all"], [5]]
    if kind == "channel":
        return DEFAULT_CHANNELS + channels + ["sms", "Chat", "in person", " chat ", "in-person\n", " sms ", ""]
    if kind == "channels":  # persona channels, via
        return [[c] for c in channels] + [channels[0], [], channels + channels, ["sms"], ["Chat"], [channels[0]] * 100,
                                           [channels[0]] * 101]
    if kind == "roles-ref":
        return [played[0], [played[0]], played, [], ["nobody"], [roles[-1]], ["Upper"], [f" {played[0]} "],
                f"{played[0]}\t", [played[0]] * 500, [played[0]] * 501]
    if kind == "role-ref":
        return roles + ["nobody", "Upper", "", f" {roles[0]} ", [roles[0]]]
    if kind == "inject-ref":
        first = text_of(doc["injects"][0]["id"])
        return [text_of(i["id"]) for i in doc["injects"][:3]] + ["nothing", "Upper", "", f"{first} ", [first]]
    if kind == "survey":
        return [[], "How was it?", "", ["", "x"], [{"question": "q"}], [{"kind": "text"}],
                [{"question": "q", "kind": "text", "extra": 1}], [["nested"]], [None], [5, True], [{"question": None}],
                ["q"] * 500, ["q"] * 501, [{"question": "x" * 20001}]]
    if kind == "persona":
        return [{}, {"reply": "ok"}, None, "persona", {"channels": "phone"}, {"delay": "1m", "reply": "x", "extra": 1}]
    if kind in ("roles", "injects", "objectives"):
        return []
    raise KeyError(kind)


def typo(key):
    return key[:-1] if len(key) > 3 else key + "x"


# ---------------------------------------------------------------------------------------------
# The mutations, by group.


def key_cases():
    """Each key removed; an unknown key and a misspelt one added at every level; the contract's
    additions (role cards, the quiz), which both accept."""
    cases = []
    for base, doc, paths in bases():
        for path, level in paths:
            mapping = get(doc, path)
            for key in list(mapping):
                cases.append(Case("remove-key", f"remove {where(base, path, key)}", without(doc, path, key)))
            for key in ("colour", typo(sorted(mapping)[0]), "ID", "x-note"):
                if key not in mapping:
                    cases.append(Case("unknown-key", f"add {where(base, path, key)}", with_value(doc, path, key, "red")))
        # Contract additions (role cards, quiz): read by the loader and described by the schema.
        played = next(n for n, r in enumerate(doc["roles"]) if "persona" not in r)
        cases.append(Case("contract-addition", f"{base}: roles[{played}].responsibilities",
                          with_value(doc, ("roles", played), "responsibilities", ["Declare the incident"])))
        cases.append(Case("contract-addition", f"{base}: quiz", with_value(doc, (), "quiz", [
            {"id": "q1", "question": "Who decides?", "choices": ["A", "B"], "answer": 1, "explanation": "B does."}])))
        objective = doc["objectives"][0]
        if "expect" not in objective:
            cases.append(Case("contract-addition", f"{base}: objectives[0].expect (adjudication addition)",
                              with_value(doc, ("objectives", 0), "expect", "The team acknowledges.")))
    return cases


def type_cases():
    """Every key of every representative mapping set to each JSON type."""
    cases = []
    for base, doc, paths in bases():
        for path, level in paths:
            for key in list(get(doc, path)):
                for value in WRONG_TYPES:
                    cases.append(Case("wrong-type", f"{where(base, path, key)} = {short(value)}",
                                      with_value(doc, path, key, value)))
    return cases


def value_cases():
    """Values chosen for what each key holds: enums, id patterns, texts, lists, conditions."""
    cases = []
    for base, doc, paths in bases():
        for path, level in paths:
            for key in list(get(doc, path)):
                kind = KINDS[level][key]
                if kind == "duration":
                    continue  # the duration groups
                category = {"slug": "id-pattern", "version": "enum", "kind": "enum", "survey-kind": "enum",
                            "controls": "enum", "channel": "enum", "language": "pattern", "line": "text-rules",
                            "text": "text-rules", "condition": "condition"}.get(kind, "list-or-value")
                for value in values_for(kind, doc):
                    cases.append(Case(category, f"{where(base, path, key)} = {short(value)}",
                                      with_value(doc, path, key, value)))
        # Ids of new entries (renaming an existing one would break references to it).
        for value in SLUGS:
            for what, entry in (("roles", {"id": value, "name": "Extra role"}),
                                ("injects", {"id": value, "to": "all", "channel": "chat", "subject": "Extra", "at": 0}),
                                ("objectives", {"id": value, "kind": "resolve", "target": "1m"})):
                copied = copy.deepcopy(doc)
                copied[what].append(entry)
                cases.append(Case("id-pattern", f"{base}: new {what[:-1]} with id {short(value)}", copied))
        # A duplicate id (excluded: the schema cannot compare entries).
        copied = copy.deepcopy(doc)
        copied["roles"].append({"id": doc["roles"][0]["id"], "name": "Twin"})
        cases.append(Case("duplicate-id", f"{base}: a second role with id {doc['roles'][0]['id']}", copied))
    return cases


def limit_cases():
    """Lists and texts at and over the limits the schema states (the loader must agree)."""
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    props = schema["properties"]
    cases = []
    doc = load_yaml(MINIMAL_YAML)

    def add(name, mutated):
        cases.append(Case("limits", name, mutated))

    for n in (props["roles"]["maxItems"], props["roles"]["maxItems"] + 1):
        mutated = copy.deepcopy(doc)
        mutated["roles"] += [{"id": f"role-{k}", "name": f"Role {k}"} for k in range(n - 1)]
        add(f"{n} roles", mutated)
        mutated = copy.deepcopy(mutated)
        if n - 1 + 1 <= props["roles"]["maxItems"]:
            mutated["injects"][0]["to"] = [r["id"] for r in mutated["roles"]]
            add(f"inject to {n} roles", mutated)
    for n in (props["injects"]["maxItems"], props["injects"]["maxItems"] + 1):
        mutated = copy.deepcopy(doc)
        mutated["injects"] += [{"id": f"i-{k}", "to": "all", "channel": "chat", "subject": "s", "at": 0} for k in range(n - 1)]
        add(f"{n} injects", mutated)
    for n in (props["objectives"]["maxItems"], props["objectives"]["maxItems"] + 1):
        mutated = copy.deepcopy(doc)
        mutated["objectives"] += [{"id": f"o-{k}", "kind": "resolve", "target": "1m"} for k in range(n - 1)]
        add(f"{n} objectives", mutated)
    channel_max = props["channels"]["anyOf"][1]["maxItems"]
    for n in (channel_max, channel_max + 1):
        add(f"{n} channels", with_value(doc, (), "channels", ["chat"] + [f"c{k}" for k in range(n - 1)]))
    list_max = props["tags"]["anyOf"][1]["maxItems"]
    for n in (list_max, list_max + 1):
        add(f"{n} tags", with_value(doc, (), "tags", [f"t{k}" for k in range(n)]))
        add(f"{n} survey questions", with_value(doc, (), "survey", [f"Question {k}?" for k in range(n)]))
        add(f"{n} match keywords", with_value(doc, ("objectives", 0), "match", ["k"] * n))  # rejected: match on acknowledge
        resolve = with_value(doc, ("objectives", 0), "kind", "resolve")
        add(f"{n} match keywords on a resolve objective", with_value(resolve, ("objectives", 0), "match", ["k"] * n))
        add(f"{n} by", with_value(doc, ("objectives", 0), "by", ["ops"] * n))
        add(f"{n} controls", with_value(doc, ("objectives", 0), "controls", ["RS"] * n))
    return cases


ASCII_DURATIONS = ["0", "0s", "1", "90s", "5m", "1h", "1h30m", "2m30s", "1h2m3s", "0090", 90, 0, "90", "m", "h",
                   "5", "5 m", "5min", "5mins", "1m1h", "1h1h", "1s1m", "-5m", "+5m", "5.5m", "5M", "1H", "1d",
                   " 5m", "5m ", "1h 30m", "0h0m0s", "0m0s", "5m\n", "00000000000000000000000000000005m",
                   "000000000000000000000000000000005m", 2592000, 2592001, "2592000", "2592001", "720h",
                   "720h1s", "43200m", "2592001s", 1.5, -5, "", True, None, ["5m"], {"m": 5}, "1:30", "PT5M"]
JAPANESE_DURATIONS = ["20分", "1時間30分", "90秒", "1時間半", "1分半", "１時間３０分", "２０分", "９０", "9０",
                      "1時間 30分", "1時間　30分", "1h30分", "1時間30m", "１ｈ３０ｍ", "20分 ", "1時間半30秒",
                      "30分半", "0分", "０秒", "0時間0分", "20 分", " 20分", "　20分", "20分間", "1分1時間", "二十分",
                      "1日", "半", "時間", "分", "1時間半半", "1時間半分半", "20分半半", "1時間30", "１Ｈ", "２０ふん",
                      "1時間1時間", "5分" + " " * 60, "1" * 40 + "秒", "720時間", "720時間1秒", "４３２００分"]


def duration_cases(values, category):
    cases = []
    # The drill's duration alone (an `at` of 0 cannot come after it): zero is refused.
    at_zero = with_value(load_yaml(MINIMAL_YAML), ("injects", 0), "at", 0)
    for value in values + (["0分", "０秒", "0時間0分", "０"] if category == "duration-japanese" else ["0", "0s", "0m", "0h0m0s", "00", 0]):
        cases.append(Case(category, f"minimal (at 0): duration = {short(value)}", with_value(at_zero, (), "duration", value)))
    for base, doc, paths in bases():
        for path, level in paths:
            for key in list(get(doc, path)):
                if KINDS[level][key] == "duration":
                    for value in values:
                        cases.append(Case(category, f"{where(base, path, key)} = {short(value)}",
                                          with_value(doc, path, key, value)))
        # A zero target needs an explicit limit greater than 0.
        n = next(n for n, o in enumerate(doc["objectives"]))
        for target in (["0s", 0, "0分"] if category == "duration-japanese" else ["0s", 0, "0h0m0s"]):
            zero = without(with_value(doc, ("objectives", n), "target", target), ("objectives", n), "limit") \
                if "limit" in doc["objectives"][n] else with_value(doc, ("objectives", n), "target", target)
            cases.append(Case(category, f"{base}: objectives[{n}] target {short(target)} without limit", zero))
            for limit in (["1分", "0分", "０秒"] if category == "duration-japanese" else ["1m", "0s", 0]):
                cases.append(Case(category, f"{base}: objectives[{n}] target {short(target)}, limit {short(limit)}",
                                  with_value(zero, ("objectives", n), "limit", limit)))
    return cases


def rule_cases():
    """The rules between keys that a schema can state: exactly one of at/when, delay only with
    when, to/via only on escalate objectives and required there, match not on acknowledge and
    escalate, at least one played role; and the excluded ones (references, cycles, relations)."""
    cases = []
    for base, doc, paths in bases():
        at_n = next(n for n, i in enumerate(doc["injects"]) if "at" in i)
        when_n = next((n for n, i in enumerate(doc["injects"]) if "when" in i), None)
        at_inject = doc["injects"][at_n]
        cases.append(Case("rules", f"{base}: injects[{at_n}] gets when too",
                          with_value(doc, ("injects", at_n), "when", f"delivered({at_inject['id']})")))
        cases.append(Case("rules", f"{base}: injects[{at_n}] gets delay (with at)",
                          with_value(doc, ("injects", at_n), "delay", "1m")))
        as_when = with_value(without(doc, ("injects", at_n), "at"), ("injects", at_n), "when", "not delivered(nothing-here)")
        cases.append(Case("rules", f"{base}: injects[{at_n}] at replaced by when (unknown id)", as_when))
        if when_n is not None:
            cases.append(Case("rules", f"{base}: injects[{when_n}] gets at too",
                              with_value(doc, ("injects", when_n), "at", "1m")))
            neither = without(doc, ("injects", when_n), "when")
            cases.append(Case("rules", f"{base}: injects[{when_n}] loses when (delay stays)", neither))
            cases.append(Case("rules", f"{base}: injects[{when_n}] when replaced by at",
                              with_value(neither, ("injects", when_n), "at", "2m")))
        for n, objective in enumerate(doc["objectives"]):
            kind = objective["kind"]
            if kind != "escalate":
                cases.append(Case("rules", f"{base}: objectives[{n}] ({kind}) gets to",
                                  with_value(doc, ("objectives", n), "to", doc["roles"][0]["id"])))
                cases.append(Case("rules", f"{base}: objectives[{n}] ({kind}) gets via",
                                  with_value(doc, ("objectives", n), "via", ["chat"])))
            if kind in ("acknowledge", "escalate"):
                cases.append(Case("rules", f"{base}: objectives[{n}] ({kind}) gets match",
                                  with_value(doc, ("objectives", n), "match", ["x"])))
            for other in ("acknowledge", "escalate", "action"):
                if other != kind:
                    cases.append(Case("rules", f"{base}: objectives[{n}] kind {kind} -> {other}",
                                      with_value(doc, ("objectives", n), "kind", other)))
        every_persona = copy.deepcopy(doc)
        for role in every_persona["roles"]:
            role.setdefault("persona", {})
        cases.append(Case("rules", f"{base}: every role gets a persona", every_persona))
        persona_only = copy.deepcopy(doc)
        persona_only["roles"] = [r for r in doc["roles"] if "persona" in r] or [dict(doc["roles"][0], persona={})]
        cases.append(Case("rules", f"{base}: only the persona roles are left", persona_only))
        with_extra_played = copy.deepcopy(every_persona)
        with_extra_played["roles"].append({"id": "extra-player", "name": "Extra"})
        cases.append(Case("rules", f"{base}: every role a persona but one added", with_extra_played))
        # Channels: the defaults unless listed; a listed channel may be used.
        if "channels" in doc:
            cases.append(Case("rules", f"{base}: channels removed", without(doc, (), "channels")))
            cases.append(Case("rules", f"{base}: channels + sms, injects[{at_n}] over sms",
                              with_value(with_value(doc, (), "channels", doc["channels"] + ["sms"]), ("injects", at_n), "channel", "sms")))
            cases.append(Case("rules", f"{base}: injects[{at_n}] over a default channel not listed",
                              with_value(doc, ("injects", at_n), "channel", next(c for c in DEFAULT_CHANNELS if c not in doc["channels"]))))
        else:
            cases.append(Case("rules", f"{base}: channels [chat] only",
                              with_value(doc, (), "channels", ["chat"])))
            cases.append(Case("rules", f"{base}: channels: chat (one, no list)",
                              with_value(doc, (), "channels", "chat")))
            cases.append(Case("rules", f"{base}: channels: every default plus sms",
                              with_value(doc, (), "channels", DEFAULT_CHANNELS + ["sms"])))
        # Excluded by category, with the loader's rejection checked.
        cases.append(Case("rules", f"{base}: injects[{at_n}] to an unknown role",
                          with_value(doc, ("injects", at_n), "to", ["nobody"])))
        cases.append(Case("rules", f"{base}: injects[{at_n}] at after the duration",
                          with_value(doc, ("injects", at_n), "at", "720h")))
        cases.append(Case("rules", f"{base}: objectives[0] limit equal to target",
                          with_value(doc, ("objectives", 0), "limit", doc["objectives"][0]["target"])))
        cases.append(Case("rules", f"{base}: objectives[0] from an unknown inject",
                          with_value(doc, ("objectives", 0), "from", "nothing-here")))
        persona = next((r for r in doc["roles"] if "persona" in r), None)
        if persona is not None:
            cases.append(Case("rules", f"{base}: objectives[0] by a persona role",
                              with_value(doc, ("objectives", 0), "by", [persona["id"]])))
        whens = [n for n, i in enumerate(doc["injects"]) if "when" in i]
        if len(whens) >= 2:
            a, b = whens[:2]
            cycle = with_value(doc, ("injects", a), "when", f"delivered({doc['injects'][b]['id']})")
            cycle = with_value(cycle, ("injects", b), "when", f"delivered({doc['injects'][a]['id']})")
            cases.append(Case("rules", f"{base}: injects[{a}] and [{b}] wait on each other", cycle))
        if when_n is not None:
            own = with_value(doc, ("injects", when_n), "when", f"delivered({doc['injects'][when_n]['id']})")
            cases.append(Case("rules", f"{base}: injects[{when_n}] waits on itself", own))
    return cases


def yaml_cases():
    """Plain YAML scalars, read by the loader as their text and by the schema as their value."""
    spelling = "yaml-1.1-spelling (the loader reads the text, the schema the value)"
    replacements = [
        ("title: Minimal drill", "title: 2024", None), ("title: Minimal drill", "title: yes", None),
        ("title: Minimal drill", "title: ~", None), ("title: Minimal drill", "title: 1e3", None),
        ("title: Minimal drill", "title: .inf", None), ("title: Minimal drill", "title: 2024-01-01", None),
        ("title: Minimal drill", "title: [a]", None), ("title: Minimal drill", "title: 'Minimal: drill'", None),
        ("id: minimal", "id: 42", None), ("id: minimal", "id: 007", None), ("id: minimal", "id: yes", None),
        ("id: minimal", "id: true", None), ("id: minimal", "id: -5", None), ("id: minimal", "id: 4.2", None),
        ("id: minimal", "id: True", spelling), ("id: minimal", "id: 0x1F", spelling),
        ("id: minimal", "id: '42'", None),
        ("title: Minimal drill", "title: Minimal drill\nlanguage: no", None),
        ("title: Minimal drill", "title: Minimal drill\nlanguage: NO", None),
        ("title: Minimal drill", "title: Minimal drill\nlanguage: 12", None),
        ("title: Minimal drill", "title: Minimal drill\nlanguage: ~", None),
        ("title: Minimal drill", "title: Minimal drill\ntags: [2024, yes, 1.5]", None),
        ("title: Minimal drill", "title: Minimal drill\ntags: incident", None),
        ("title: Minimal drill", "title: Minimal drill\ntags: 2024", None),
        ("title: Minimal drill", "title: Minimal drill\nsurvey: How was it?", None),
        ("title: Minimal drill", "title: Minimal drill\nsurvey: [yes, 5]", None),
        ("duration: 30m", "duration: 1800", None), ("duration: 30m", "duration: '1800'", None),
        ("duration: 30m", "duration: 1.5", None), ("duration: 30m", "duration: 30:00", spelling),
        ("duration: 30m", "duration: 1_800", spelling), ("duration: 30m", "duration: 0o3410", spelling),
        ("duration: 30m", "duration: +1800", spelling),
        ("duration: 30m", "duration: ~", None), ("duration: 30m", "duration: yes", None),
        ("at: 1m", "at: 60", None), ("at: 1m", "at: 1:00", spelling), ("at: 1m", "at: 0", None),
        ("firedrill: 1", "firedrill: '1'", None), ("firedrill: 1", "firedrill: 1.0", spelling),
        ("firedrill: 1", "firedrill: 0x1", spelling), ("firedrill: 1", "firedrill: 01", spelling),
        ("firedrill: 1", "firedrill: yes", None), ("firedrill: 1", "firedrill: 2", None),
        ("target: 5m", "target: 5m\n    weight: 1e2", None), ("target: 5m", "target: 5m\n    weight: .5", None),
        ("target: 5m", "target: 5m\n    weight: 1_000", spelling), ("target: 5m", "target: 5m\n    weight: '2'", None),
        ("target: 5m", "target: 5m\n    weight: .nan", spelling), ("target: 5m", "target: 5m\n    weight: .inf", None),
        ("target: 5m", "target: 5m\n    weight: 0x10", None),  # Swift's Double reads hex: 16
        ("to: [ops]", "to: ops", None), ("to: [ops]", "to: all", None), ("to: [ops]", "to: 'all'", None),
        ("to: [ops]", "to: ~", None), ("to: [ops]", "to: [ops, ops]", None),
        ("channel: chat", "channel: 'chat'", None), ("channel: chat", "channel: yes", None),
        ("kind: acknowledge", "kind: 'acknowledge'", None),
        ("    name: On-call engineer", "    name: On-call engineer\n    persona: ~", None),
        ("    name: On-call engineer", "    name: On-call engineer\n  - id: boss\n    name: Boss\n    persona: {}", None),
        ("    name: On-call engineer", "    name: On-call engineer\n  - id: boss\n    name: Boss\n    persona:\n      delay: 120", None),
        ("    name: On-call engineer", "    name: On-call engineer\n  - id: boss\n    name: Boss\n    persona:\n      channels: phone", None),
        ("    name: On-call engineer", "    name: On-call engineer\n  - id: boss\n    name: Boss\n    persona:\n      reply: no", None),
        ("firedrill: 1", "firedrill: 1\nfiredrill: 1", "duplicate-key (YAML reading, not the schema)"),
    ]
    cases = [Case("yaml-scalars", "the minimal scenario as written", yaml_text=MINIMAL_YAML)]
    for old, new, excluded in replacements:
        assert old in MINIMAL_YAML, old
        cases.append(Case("yaml-scalars", f"{old.strip()!r} -> {new.strip()!r}", yaml_text=MINIMAL_YAML.replace(old, new, 1),
                          excluded=excluded))
    return cases


# ---------------------------------------------------------------------------------------------


class TestSchemaFile(SchemaCase):
    def test_schema_is_a_valid_2020_12_schema(self):
        jsonschema.Draft202012Validator.check_schema(self.schema)
        self.assertEqual(self.schema["$schema"], "https://json-schema.org/draft/2020-12/schema")
        self.assertTrue(self.schema["$id"].endswith("/schemas/scenario-v1.json"))

    def test_repository_link_reaches_the_served_file(self):
        link = ROOT / "schemas"
        self.assertTrue(link.is_symlink(), "schemas at the repository root should be a symbolic link")
        self.assertFalse(os.path.isabs(os.readlink(link)), "the schemas link should be relative")
        self.assertEqual((link / "scenario-v1.json").resolve(), SCHEMA_PATH.resolve())

    def test_keys_match_the_loader_source(self):
        source = DECODER_SOURCE.read_text(encoding="utf-8")
        lists = {name: re.findall(r'"([^"]+)"', body)
                 for name, body in re.findall(r"static let (\w+Keys) = \[(.*?)\]", source, re.S)}
        defs = self.schema["$defs"]
        survey_object = next(s for s in defs["surveyQuestion"]["anyOf"] if s.get("type") == "object")
        expected = {
            "topLevelKeys": self.schema["properties"],
            "roleKeys": defs["role"]["properties"],
            "personaKeys": defs["persona"]["properties"],
            "injectKeys": defs["inject"]["properties"],
            "objectiveKeys": defs["objective"]["properties"],
            "surveyKeys": survey_object["properties"],
            "quizKeys": defs["quizQuestion"]["properties"],
        }
        self.assertEqual(sorted(lists), sorted(expected), "the loader's key lists changed; update the schema and this test")
        for name, properties in expected.items():
            self.assertEqual(sorted(lists[name]), sorted(properties), f"{name} in ScenarioDecoder.swift vs the schema")
        for where_, node in [("top", self.schema)] + [(k, defs[k]) for k in ("role", "persona", "inject", "objective")] \
                + [("survey question", survey_object)]:
            self.assertIs(node.get("additionalProperties"), False, f"{where_}: unknown keys are errors in the loader")


class TestBundledScenarios(SchemaCase):
    def test_every_bundled_scenario_and_the_template_is_valid(self):
        files = sorted(SCENARIOS.glob("*.yaml")) + sorted((SCENARIOS / "template").glob("*.yaml"))
        self.assertGreaterEqual(len(files), 27, f"expected the 26 bundled scenarios and the template in {SCENARIOS}")
        problems = []
        for path in files:
            valid, message = self.schema_verdict(load_yaml(path.read_text(encoding="utf-8")))
            if not valid:
                problems.append(f"{path.relative_to(ROOT)}: schema REJECTS ({message})")
        loader = loader_verdicts([str(p) for p in files])
        problems += [f"{p}: loader REJECTS ({m})" for p, (ok, m) in loader.items() if not ok]
        self.assertEqual(problems, [], "\n".join(problems))


class TestMutations(SchemaCase):
    def test_keys_removed_unknown_and_contract_additions(self):
        self.check(key_cases(), "keys")

    def test_wrong_types(self):
        self.check(type_cases(), "types")

    def test_values_enums_patterns_texts_lists_conditions(self):
        self.check(value_cases(), "values")

    def test_limits(self):
        self.check(limit_cases(), "limits")

    def test_durations(self):
        self.check(duration_cases(ASCII_DURATIONS, "duration"), "durations")

    def test_durations_japanese(self):
        # Japanese durations (20分, 1時間半, full-width digits) are read by the loader since the
        # change to DrillTime.swift; a binary built before it rejects the good ones here.
        self.check(duration_cases(JAPANESE_DURATIONS, "duration-japanese"), "durations-japanese")

    def test_rules_between_keys(self):
        self.check(rule_cases(), "rules")

    def test_yaml_scalars(self):
        self.check(yaml_cases(), "yaml")


def tearDownModule():
    if not SUMMARY:
        return
    total = sum(t["total"] for counts in SUMMARY.values() for t in counts.values())
    compared = sum(t["compared"] for counts in SUMMARY.values() for t in counts.values())
    print(f"\nschema vs loader: {total} mutations, {compared} compared, {total - compared} excluded by category",
          file=sys.stderr)


if __name__ == "__main__":
    unittest.main(verbosity=2)
