"""The published schemas: valid JSON Schemas, true to the code's choices, and met by
every built-in rule file and every example configuration and rule in the docs."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib

import jsonschema
import pytest
import yaml

from allylint.config.loader import FAIL_ON_CHOICES, STARTER
from allylint.report.registry import FORMATS
from allylint.resources import builtin_lexicons_dir, builtin_rules_dir
from allylint.rules.loader import rule_files
from allylint.rules.model import SEVERITIES
from allylint.schemas import SCHEMAS, first_problem, schema, schema_text
from allylint.yamlfile import load_yaml, parse_yaml
from tests.conftest import ROOT

_BLOCK = re.compile(r"^```(?:yaml|toml)\n(.*?)^```", re.MULTILINE | re.DOTALL)
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]


@pytest.mark.parametrize("name", SCHEMAS)
def test_each_schema_is_a_valid_json_schema(name):
    jsonschema.Draft202012Validator.check_schema(schema(name))
    assert schema(name)["$id"].endswith(f"/allylint/schemas/{name}.json")


@pytest.mark.parametrize("name", SCHEMAS)
def test_allylint_schema_prints_the_published_file(name):
    printed = subprocess.run(
        [sys.executable, "-m", "allylint", "schema", name],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert (
        printed == schema_text(name) == (ROOT / "allylint" / "schemas" / f"{name}.json").read_text()
    )


def test_the_schemas_choices_are_the_codes():
    rules, config = schema("rules"), schema("config")
    assert tuple(rules["$defs"]["severity"]["enum"]) == SEVERITIES
    assert tuple(config["properties"]["fail-on"]["enum"]) == FAIL_ON_CHOICES
    assert tuple(config["properties"]["format"]["enum"]) == FORMATS
    assert tuple(config["properties"]["severity"]["additionalProperties"]["enum"]) == SEVERITIES


@pytest.mark.parametrize("path", rule_files(builtin_rules_dir()), ids=lambda path: path.name)
def test_every_builtin_rule_file_meets_the_schema(path):
    """The built-in pack is not validated at run time (see load_rule_file): here it is,
    by the loader's validation and by jsonschema against the file as published."""
    document = load_yaml(path)
    assert first_problem(document, "rules") is None
    jsonschema.validate(yaml.safe_load(path.read_text()), schema("rules"))


@pytest.mark.parametrize(
    "path", sorted(builtin_lexicons_dir().glob("*.yaml")), ids=lambda path: path.name
)
def test_every_builtin_lexicon_file_meets_the_schema(path):
    # Each file names the schema in its first line, for editors.
    assert path.read_text().startswith("# yaml-language-server: $schema=")
    assert first_problem(load_yaml(path), "lexicons") is None
    jsonschema.validate(yaml.safe_load(path.read_text()), schema("lexicons"))


@pytest.mark.parametrize(
    ("text", "line", "key", "message"),
    [
        (
            "lexicons:\n  ok: [a]\n  Bad_Name: [a]\n",
            3,
            "lexicons.Bad_Name",
            "must be lowercase and hyphenated",
        ),
        ("lexicons:\n  ok: [a]\n  empty: []\n", 3, "lexicons.empty", "non-empty list"),
        ("lexicons:\n  ok:\n    - a\n    - 3\n", 4, "lexicons.ok[1]", "expected a string"),
        ("lexicons:\n  ok: [a]\nwords: [b]\n", 3, "words", "unknown key"),
        ("lexicons: {}\n", 1, "lexicons", "maps lexicon names to word lists"),
    ],
)
def test_a_bad_lexicon_file_is_told_at_its_line_and_key(text, line, key, message):
    problem = first_problem(parse_yaml(text, "lexicons.yaml"), "lexicons")
    assert problem is not None
    assert (problem.line, problem.key) == (line, key)
    assert message in problem.message


def _examples() -> list[tuple[str, str, str]]:
    """(where, schema name, YAML or TOML text) of each example file in the docs."""
    found = []
    for path in DOCS:
        text = path.read_text()
        for match in _BLOCK.finditer(text):
            body = match.group(1)
            line = text.count("\n", 0, match.start()) + 1
            where = f"{path.relative_to(ROOT)}:{line}"
            first = body.splitlines()[0] if body.strip() else ""
            if "config.json" in first or first.startswith(("# .allylint.yaml", "# pyproject")):
                found.append((where, "config", body))
            elif "rules.json" in first or first.startswith(("rules:", "  - id:")):
                rules = body if not first.startswith("  - id:") else "rules:\n" + body
                found.append((where, "rules", rules))
    return found


EXAMPLES = _examples()


def test_the_docs_show_example_configurations_and_rules():
    kinds = [name for _, name, _ in EXAMPLES]
    assert kinds.count("config") >= 3
    assert kinds.count("rules") >= 3


@pytest.mark.parametrize(("where", "name", "text"), EXAMPLES, ids=[e[0] for e in EXAMPLES])
def test_every_example_in_the_docs_meets_its_schema(where, name, text):
    if text.startswith("# pyproject"):
        document = tomllib.loads(text)["tool"]["allylint"]
    else:
        document = parse_yaml(text, where)
    assert first_problem(document, name) is None


def test_the_starter_configuration_meets_the_schema_with_every_key_set():
    uncommented = re.sub(r"^# (?=[a-z-]+:|  [\"a-z])", "", STARTER, flags=re.MULTILINE)
    document = parse_yaml(uncommented, "starter")
    assert set(document) == set(schema("config")["properties"])
    assert first_problem(document, "config") is None
