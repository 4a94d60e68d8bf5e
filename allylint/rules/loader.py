"""Loading and validating rule files into the rule model (``rules/model.py``).

The format is documented in ``docs/rules.md`` and described by the JSON Schema
``schemas/rules.json``, which every file is validated against first; what a
schema cannot say (lexicon names, the forms a term makes, conditions that
compile, ids unique across files) is checked here. Every problem in a rule file
is reported with the file, line, rule id and key. The rule keeps its conditions
as the file wrote them.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from allylint.conditions.language import ConditionError, compile_condition
from allylint.conditions.lexicons import Lexicon, LexiconError, builtin_lexicons
from allylint.printable import bounded_repr
from allylint.resources import builtin_rules_dir
from allylint.rules.inflect import form_count
from allylint.rules.model import (
    Alternative,
    ConditionSpec,
    Rule,
    RuleSet,
    Term,
)
from allylint.schemas import SchemaProblem, first_problem, key_path
from allylint.yamlfile import LineDict, LineList, YamlFileError, load_yaml

# Bounds on one term that a schema cannot state, far above any real phrase, so that a
# rule file cannot make the prefilter's pattern enormous (each form is compiled) or
# deeply nested. (The schema bounds a phrase's characters.)
MAX_PHRASE_WORDS = 12
MAX_SURFACE_FORMS = 256
# The exception every rule has unless it sets ``flag_mentions`` (see ``exceptions``).
_MENTION: ConditionSpec = {"mention": True}


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


def _listed(value: Any) -> list[Any]:
    """A value that the schema allows as one item or a list of them, as a list."""
    return value if isinstance(value, list) else [value]


def _words(text: str) -> str:
    return " ".join(text.split())


class _RuleReader:
    """Reads one rule mapping that its schema (``schemas/rules.json``) has validated,
    checking by hand what a schema cannot say: that each lexicon exists, that the
    conditions compile and that no term makes too many forms."""

    def __init__(self, path: Path, raw: LineDict) -> None:
        self.path = path
        self.raw = raw
        self.rule_id: str = raw["id"]

    def error(self, key: str | None, problem: str, line: int | None = None) -> RuleError:
        line = line or (self.raw.line_of(key) if key else self.raw.line)
        return RuleError(self.path, line, self.rule_id, key, problem)

    def term(self, entry: Any, key: str) -> Term:
        if isinstance(entry, str):
            entry = {"phrase": entry}
        term = Term(
            phrase=_words(entry["phrase"]),
            inflect=entry.get("inflect", "last"),
            case=entry.get("case", "any"),
            fix=entry["fix"].strip() if "fix" in entry else None,
            alternatives=_alternatives(entry.get("use", [])),
            severity=entry.get("severity"),
            group=entry.get("group"),
        )
        if len(term.words) > MAX_PHRASE_WORDS:
            raise self.error(
                key,
                f"a phrase of {len(term.words)} words is over the limit of {MAX_PHRASE_WORDS}",
                self._line(key),
            )
        forms = form_count(term.words, term.inflect)
        if forms > MAX_SURFACE_FORMS:
            raise self.error(
                key,
                f"'inflect: {term.inflect}' on {bounded_repr(term.phrase)} makes {forms:,} "
                f"forms, over the limit of {MAX_SURFACE_FORMS}; inflect fewer words "
                "(inflect: last)",
                self._line(key),
            )
        return term

    def lexicon_terms(self, entry: dict[str, Any], key: str) -> list[Term]:
        """``{lexicon: NAME, inflect, case, fix, ...}``: each word of the lexicon as a term."""
        lexicons = self.lexicons()
        name = entry["lexicon"]
        if name not in lexicons:
            raise self.error(
                f"{key}.lexicon",
                f"unknown lexicon {bounded_repr(name)}; expected one of {sorted(lexicons)}",
                self._line(key),
            )
        options = {option: value for option, value in entry.items() if option != "lexicon"}
        return [self.term({**options, "phrase": word}, key) for word in lexicons[name].words]

    def lexicons(self) -> Mapping[str, Lexicon]:
        try:
            return builtin_lexicons()
        except LexiconError as error:
            raise _lexicon_file_error(error) from error

    def _line(self, key: str) -> int | None:
        """The line of ``match[3]`` and the like: the item's own, when the file has it."""
        name, _, index = key.partition("[")
        value = self.raw.get(name)
        if index and isinstance(value, LineList):
            return value.line_of(int(index.rstrip("]")))
        return self.raw.line_of(name)

    def terms(self) -> tuple[Term, ...]:
        terms: list[Term] = []
        for index, entry in enumerate(_listed(self.raw["match"])):
            key = f"match[{index}]"
            if isinstance(entry, dict) and "lexicon" in entry:
                terms.extend(self.lexicon_terms(entry, key))
            else:
                terms.append(self.term(entry, key))
        return tuple(terms)

    def conditions(self, key: str, groups: frozenset[str]) -> tuple[ConditionSpec, ...]:
        """The conditions under ``key``, compiled here so that an unknown lexicon, or a
        group that none of the rule's terms (whose groups are ``groups``) is in, is an
        error of the rule file."""
        value = _listed(self.raw.get(key, []))
        for index, entry in enumerate(value):
            line = value.line_of(index) if isinstance(value, LineList) else None
            try:
                compile_condition(entry)
            except ConditionError as error:
                where = f"{key}[{index}]"
                raise self.error(where, f"{error} (condition key '{error.key}')", line) from error
            except LexiconError as error:
                raise _lexicon_file_error(error) from error
            unknown = sorted(_groups_named(entry) - groups)
            if unknown:
                raise self.error(
                    f"{key}[{index}]",
                    f"no term of this rule is in group {bounded_repr(unknown[0])}; "
                    f"its terms' groups are {sorted(groups) or 'none'}",
                    line,
                )
        return tuple(_plain(entry) for entry in value)

    def exceptions(self, groups: frozenset[str]) -> tuple[ConditionSpec, ...]:
        """The rule's exceptions, led by ``mention``: a word talked about ("the word
        crazy", "rename master to main") is no use of it, for every rule unless it sets
        ``flag_mentions``."""
        written = self.conditions("exceptions", groups)
        if self.raw.get("flag_mentions", False) or _MENTION in written:
            return written
        return (_MENTION, *written)

    def read(self) -> Rule:
        raw = self.raw
        terms = self.terms()
        groups = frozenset(term.group for term in terms if term.group)
        examples = raw.get("examples", {})
        return Rule(
            id=self.rule_id,
            category=raw["category"],
            severity=raw["severity"],
            terms=terms,
            alternatives=_alternatives(raw.get("alternatives", [])),
            message=_words(raw["message"]),
            learn=tuple(topic.strip() for topic in raw["learn"]),
            sources=tuple(source.strip() for source in raw.get("sources", [])),
            fix=raw["fix"].strip() if "fix" in raw else None,
            fix_when=self.conditions("fix_when", groups),
            exceptions=self.exceptions(groups),
            requires=self.conditions("requires", groups),
            enabled=raw.get("enabled", True),
            in_paths=raw.get("in_paths", False),
            ordinary_words=raw.get("ordinary_words", False),
            examples_flag=tuple(examples.get("flag", [])),
            examples_pass=tuple(examples.get("pass", [])),
            path=self.path,
            line=raw.line,
        )


def _alternatives(entries: list[Any]) -> tuple[Alternative, ...]:
    """Alternatives, best first, from strings and {use, when} mappings."""
    return tuple(
        Alternative(entry.strip())
        if isinstance(entry, str)
        else Alternative(entry["use"].strip(), entry.get("when"))
        for entry in entries
    )


def _groups_named(condition: Any) -> set[str]:
    """The term groups a condition (its nested ``any`` and ``not`` too) names."""
    if isinstance(condition, list):
        return set().union(*(_groups_named(entry) for entry in condition))
    if not isinstance(condition, dict):
        return set()
    named = set(condition.get("group", []))
    for key in ("any", "not"):
        if key in condition:
            named |= _groups_named(condition[key])
    return named


def _plain(value: Any) -> Any:
    """``value`` as plain dicts and lists, without the key lines of ``LineDict``."""
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


def load_rule_file(path: Path, *, validate: bool = True) -> list[Rule]:
    """The rules of one file, validated against the schema unless ``validate`` is false:
    for the built-in pack, which the test suite validates (it ships with allylint, and
    validating it would cost more than a pre-commit hook's whole run)."""
    try:
        document = load_yaml(path)
    except YamlFileError as error:
        raise RuleError(path, error.line, None, error.key, error.problem) from error
    problem = first_problem(document, "rules") if validate else None
    if problem is not None:
        raise _schema_error(path, document, problem)
    return [_RuleReader(path, entry).read() for entry in document["rules"]]


def _schema_error(path: Path, document: Any, problem: SchemaProblem) -> RuleError:
    """A schema problem told as a rule error: inside a rule, its id and the key in it."""
    if len(problem.path) > 2 and problem.path[0] == "rules":
        rule = document["rules"][problem.path[1]]
        rule_id = rule.get("id") if isinstance(rule.get("id"), str) else None
        return RuleError(path, problem.line, rule_id, key_path(problem.path[2:]), problem.message)
    return RuleError(path, problem.line, None, problem.key, problem.message)


def rule_files(directory: Path) -> list[Path]:
    return sorted(p for p in directory.iterdir() if p.suffix in {".yaml", ".yml"})


def load_rules(paths: Iterable[Path] | None = None, *, base: RuleSet | None = None) -> RuleSet:
    """Load rule files (default: the built-in pack, unvalidated: see load_rule_file)
    after the rules of ``base``, if any; ids must be unique across them."""
    files: list[Path] = []
    for path in paths if paths is not None else [builtin_rules_dir()]:
        files.extend(rule_files(path) if path.is_dir() else [path])
    rules: list[Rule] = list(base or ())
    seen: dict[str, Rule] = {rule.id: rule for rule in rules}
    for file in files:
        for rule in load_rule_file(file, validate=paths is not None):
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
