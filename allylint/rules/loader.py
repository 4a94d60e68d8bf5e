"""Loading and validating rule files into the rule model (``rules/model.py``).

The format is documented in ``docs/rules.md``. Every problem in a rule file is
reported with the file, line, rule id and key, and unknown keys are errors.
Conditions are checked by compiling them; the rule keeps what the file wrote.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from allylint.conditions.language import ConditionError, compile_condition
from allylint.conditions.lexicons import Lexicon, LexiconError, builtin_lexicons
from allylint.printable import bounded_repr
from allylint.resources import builtin_rules_dir
from allylint.rules.inflect import form_count
from allylint.rules.model import (
    CASE_MODES,
    INFLECT_MODES,
    SEVERITIES,
    Alternative,
    ConditionSpec,
    Rule,
    RuleSet,
    Term,
)
from allylint.yamlfile import LineDict, YamlFileError, load_yaml

_ID = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
_RULE_KEYS = {
    "id": True,
    "category": True,
    "severity": True,
    "match": True,
    "alternatives": False,  # required unless every term has its own 'use'
    "message": True,
    "learn": True,
    "sources": False,
    "fix": False,
    "fix_when": False,
    "exceptions": False,
    "requires": False,
    "enabled": False,
    "in_paths": False,
    "examples": False,
}
_TERM_KEYS = {"phrase", "inflect", "case", "fix", "use", "severity"}
# Bounds on one term, far above any real phrase, so that a rule file cannot make the
# prefilter's pattern enormous (each form is compiled) or deeply nested.
MAX_PHRASE_CHARS = 200
MAX_PHRASE_WORDS = 12
MAX_SURFACE_FORMS = 256
_LEXICON_TERM_KEYS = {"lexicon", "inflect", "case", "fix", "use", "severity"}
_ALTERNATIVE_KEYS = {"use", "when"}
_EXAMPLE_KEYS = {"flag", "pass"}


class RuleError(ValueError):
    """A rule file is invalid. The message names file, line, rule id and key."""

    def __init__(
        self, path: Path | str, line: int | None, rule_id: str | None, key: str | None, problem: str
    ) -> None:
        where = f"{path}:{line}" if line else str(path)
        subject = f"rule '{rule_id}'" if rule_id else "rule file"
        key_part = f", key '{key}'" if key else ""
        super().__init__(f"{where}: {subject}{key_part}: {problem}")
        self.path = Path(path)
        self.line = line
        self.rule_id = rule_id
        self.key = key


def _lexicon_file_error(error: LexiconError) -> RuleError:
    """A broken lexicon file, reported like a broken rule file: file, line and lexicon."""
    return RuleError(error.path, error.line, None, error.name, error.problem)


def _non_blank(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())


class _RuleReader:
    """Validates one rule mapping, turning every problem into a RuleError."""

    def __init__(self, path: Path, raw: LineDict) -> None:
        self.path = path
        self.raw = raw
        rule_id = raw.get("id")
        self.rule_id = rule_id if isinstance(rule_id, str) else None

    def error(self, key: str | None, problem: str) -> RuleError:
        line = self.raw.line_of(key) if key else self.raw.line
        return RuleError(self.path, line, self.rule_id, key, problem)

    def text(self, key: str, required: bool = True) -> str | None:
        value = self.raw.get(key)
        if value is None and not required:
            return None
        if not isinstance(value, str) or not value.strip():
            raise self.error(key, "must be a non-empty string")
        return value.strip()

    def text_list(self, key: str) -> tuple[str, ...]:
        value = self.raw.get(key, [])
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise self.error(key, "must be a list of non-empty strings")
        return tuple(v.strip() for v in value)

    def choice(self, key: str, value: Any, choices: Sequence[str]) -> str:
        if value not in choices:
            raise self.error(key, f"must be one of {', '.join(choices)}, not {bounded_repr(value)}")
        return str(value)

    def term(self, entry: Any) -> Term:
        return self._bounded(self._term(entry))

    def _bounded(self, term: Term) -> Term:
        if len(term.phrase) > MAX_PHRASE_CHARS:
            raise self.error(
                "match",
                f"a phrase of {len(term.phrase):,} characters is over the limit of "
                f"{MAX_PHRASE_CHARS}: {bounded_repr(term.phrase)}",
            )
        if len(term.words) > MAX_PHRASE_WORDS:
            raise self.error(
                "match",
                f"a phrase of {len(term.words)} words is over the limit of {MAX_PHRASE_WORDS}",
            )
        forms = form_count(term.words, term.inflect)
        if forms > MAX_SURFACE_FORMS:
            raise self.error(
                "match",
                f"'inflect: {term.inflect}' on {bounded_repr(term.phrase)} makes {forms:,} "
                f"forms, over the limit of {MAX_SURFACE_FORMS}; inflect fewer words "
                "(inflect: last)",
            )
        return term

    def _term(self, entry: Any) -> Term:
        if isinstance(entry, str) and entry.strip():
            return Term(phrase=" ".join(entry.split()))
        if isinstance(entry, dict):
            unknown = set(entry) - _TERM_KEYS
            if unknown:
                raise self.error(
                    "match", f"unknown term key(s) {sorted(unknown)}; expected {sorted(_TERM_KEYS)}"
                )
            phrase = entry.get("phrase")
            if not isinstance(phrase, str) or not phrase.strip():
                raise self.error("match", "a term mapping needs a non-empty 'phrase'")
            severity = entry.get("severity")
            return Term(
                phrase=" ".join(phrase.split()),
                inflect=self.choice("match", entry.get("inflect", "last"), INFLECT_MODES),
                case=self.choice("match", entry.get("case", "any"), CASE_MODES),
                fix=self._term_fix(entry.get("fix")),
                alternatives=self._alternative_list("match", entry["use"], "a term's 'use'")
                if "use" in entry
                else (),
                severity=None if severity is None else self.choice("match", severity, SEVERITIES),
            )
        raise self.error(
            "match", f"a term is a phrase or a mapping with 'phrase', not {bounded_repr(entry)}"
        )

    def _term_fix(self, value: Any) -> str | None:
        if value is not None and (not isinstance(value, str) or not value.strip()):
            raise self.error(
                "match", f"a term's 'fix' must be a non-empty string, not {bounded_repr(value)}"
            )
        return value.strip() if value else None

    def lexicon_terms(self, entry: dict[str, Any]) -> list[Term]:
        """``{lexicon: NAME, inflect, case, fix}``: each word of the lexicon as a term."""
        unknown = set(entry) - _LEXICON_TERM_KEYS
        if unknown:
            raise self.error(
                "match",
                f"unknown term key(s) {sorted(unknown)}; expected {sorted(_LEXICON_TERM_KEYS)}",
            )
        lexicons = self.lexicons()
        name = entry["lexicon"]
        if not isinstance(name, str) or name not in lexicons:
            known = sorted(lexicons)
            raise self.error(
                "match", f"unknown lexicon {bounded_repr(name)}; expected one of {known}"
            )
        options = {key: value for key, value in entry.items() if key != "lexicon"}
        return [self.term({**options, "phrase": word}) for word in lexicons[name].words]

    def lexicons(self) -> Mapping[str, Lexicon]:
        try:
            return builtin_lexicons()
        except LexiconError as error:
            raise _lexicon_file_error(error) from error

    def terms(self) -> tuple[Term, ...]:
        value = self.raw.get("match")
        if isinstance(value, (str, dict)):
            value = [value]
        if not isinstance(value, list) or not value:
            raise self.error("match", "must be a non-empty list of terms")
        terms: list[Term] = []
        for entry in value:
            if isinstance(entry, dict) and "lexicon" in entry:
                terms.extend(self.lexicon_terms(entry))
            else:
                terms.append(self.term(entry))
        return tuple(terms)

    def _alternative_list(self, key: str, value: Any, what: str) -> tuple[Alternative, ...]:
        """Alternatives, best first: a list of strings and {use, when} mappings."""
        if not isinstance(value, list) or not value:
            raise self.error(key, f"{what} must be a non-empty list, best first")
        result = []
        for entry in value:
            if isinstance(entry, str) and entry.strip():
                result.append(Alternative(entry.strip()))
            elif isinstance(entry, dict) and _non_blank(entry.get("use")):
                unknown = set(entry) - _ALTERNATIVE_KEYS
                if unknown:
                    raise self.error(
                        key,
                        f"unknown key(s) {sorted(unknown)}; expected {sorted(_ALTERNATIVE_KEYS)}",
                    )
                when = entry.get("when")
                if when is not None and not isinstance(when, str):
                    raise self.error(key, "'when' must be a string")
                result.append(Alternative(entry["use"].strip(), when))
            else:
                raise self.error(
                    key,
                    "an alternative is a non-blank string or {use, when}, not "
                    + bounded_repr(entry),
                )
        return tuple(result)

    def alternatives(self, terms: tuple[Term, ...]) -> tuple[Alternative, ...]:
        """The rule's alternatives: required unless every term carries its own ``use``."""
        if "alternatives" not in self.raw:
            if all(term.alternatives for term in terms):
                return ()
            raise self.error(None, "missing required key 'alternatives' (or a 'use' on every term)")
        return self._alternative_list("alternatives", self.raw["alternatives"], "'alternatives'")

    def conditions(self, key: str) -> tuple[ConditionSpec, ...]:
        value = self.raw.get(key, [])
        if isinstance(value, dict):
            value = [value]
        if not isinstance(value, list):
            raise self.error(key, "must be a list of conditions")
        for entry in value:
            try:
                compile_condition(entry)
            except ConditionError as error:
                raise self.error(key, f"{error} (condition key '{error.key}')") from error
            except LexiconError as error:
                raise _lexicon_file_error(error) from error
        return tuple(_plain(entry) for entry in value)

    def examples(self) -> tuple[tuple[str, ...], tuple[str, ...]]:
        value = self.raw.get("examples", {})
        if not isinstance(value, dict):
            raise self.error("examples", "must be a mapping with 'flag' and/or 'pass'")
        unknown = set(value) - _EXAMPLE_KEYS
        if unknown:
            raise self.error("examples", f"unknown key(s) {sorted(unknown)}; expected flag, pass")
        result = []
        for kind in ("flag", "pass"):
            items = value.get(kind, [])
            if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
                raise self.error("examples", f"'{kind}' must be a list of strings")
            result.append(tuple(items))
        return result[0], result[1]

    def flag(self, key: str, default: bool) -> bool:
        value = self.raw.get(key, default)
        if not isinstance(value, bool):
            raise self.error(key, "must be true or false")
        return value

    def read(self) -> Rule:
        unknown = sorted(set(self.raw) - set(_RULE_KEYS))
        if unknown:
            raise self.error(unknown[0], f"unknown key; expected one of {', '.join(_RULE_KEYS)}")
        for key, required in _RULE_KEYS.items():
            if required and key not in self.raw:
                raise self.error(None, f"missing required key '{key}'")
        rule_id = self.text("id")
        assert rule_id is not None
        if not _ID.match(rule_id):
            raise self.error("id", f"{bounded_repr(rule_id)} is not a lowercase-hyphenated id")
        category = self.text("category")
        assert category is not None
        if not _ID.match(category):
            raise self.error(
                "category", f"{bounded_repr(category)} is not a lowercase-hyphenated name"
            )
        learn = self.text_list("learn")
        if not learn:
            raise self.error("learn", "must name at least one topic")
        enabled = self.flag("enabled", True)
        in_paths = self.flag("in_paths", False)
        flag, passing = self.examples()
        message = self.text("message")
        assert message is not None
        terms = self.terms()
        return Rule(
            id=rule_id,
            category=category,
            severity=self.choice("severity", self.raw.get("severity"), SEVERITIES),
            terms=terms,
            alternatives=self.alternatives(terms),
            message=" ".join(message.split()),
            learn=learn,
            sources=self.text_list("sources"),
            fix=self.text("fix", required=False),
            fix_when=self.conditions("fix_when"),
            exceptions=self.conditions("exceptions"),
            requires=self.conditions("requires"),
            enabled=enabled,
            in_paths=in_paths,
            examples_flag=flag,
            examples_pass=passing,
            path=self.path,
            line=self.raw.line,
        )


def _plain(value: Any) -> Any:
    """``value`` as plain dicts and lists, without the key lines of ``LineDict``."""
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


def load_rule_file(path: Path) -> list[Rule]:
    try:
        document = load_yaml(path)
    except YamlFileError as error:
        raise RuleError(path, error.line, None, None, error.problem) from error
    if not isinstance(document, LineDict) or set(document) != {"rules"}:
        raise RuleError(
            path,
            getattr(document, "line", None),
            None,
            None,
            "a rule file is a mapping with the single key 'rules'",
        )
    entries = document["rules"]
    if not isinstance(entries, list):
        raise RuleError(path, document.line_of("rules"), None, "rules", "must be a list of rules")
    rules = []
    for entry in entries:
        if not isinstance(entry, LineDict):
            raise RuleError(
                path,
                document.line_of("rules"),
                None,
                "rules",
                f"each rule is a mapping, not {bounded_repr(entry)}",
            )
        rules.append(_RuleReader(path, entry).read())
    return rules


def rule_files(directory: Path) -> list[Path]:
    return sorted(p for p in directory.iterdir() if p.suffix in {".yaml", ".yml"})


def load_rules(paths: Iterable[Path] | None = None, *, base: RuleSet | None = None) -> RuleSet:
    """Load rule files (default: the built-in pack) after the rules of ``base``, if any;
    ids must be unique across them."""
    files: list[Path] = []
    for path in paths if paths is not None else [builtin_rules_dir()]:
        files.extend(rule_files(path) if path.is_dir() else [path])
    rules: list[Rule] = list(base or ())
    seen: dict[str, Rule] = {rule.id: rule for rule in rules}
    for file in files:
        for rule in load_rule_file(file):
            if rule.id in seen:
                first = seen[rule.id]
                raise RuleError(
                    file,
                    rule.line,
                    rule.id,
                    "id",
                    f"duplicate id, first defined at {first.path}:{first.line}",
                )
            seen[rule.id] = rule
            rules.append(rule)
    return RuleSet(tuple(rules))


@functools.cache
def builtin_rules() -> RuleSet:
    """The built-in rule pack, read once per process: it ships with allylint and
    does not change while it runs."""
    return load_rules()
