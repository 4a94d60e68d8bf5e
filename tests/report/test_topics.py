"""The allyship topics: their format, their links with the rules, and their originality."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest

from allylint.report.topics import (
    DEFAULT_FOUNDATION,
    TOPIC_KEYS,
    TopicError,
    load_topics,
    ordered_topics,
    parse_topic,
    topics_for_rule,
)
from allylint.resources import topics_dir
from allylint.rules.loader import load_rules
from allylint.yamlfile import parse_yaml
from tests.conftest import shared_path

ROOT = Path(__file__).resolve().parents[2]
TOPICS = load_topics()
RULES = list(load_rules())
SHINGLE = 12  # this many consecutive words in common with a seed essay count as copying


def _build_docs():
    spec = importlib.util.spec_from_file_location("build_docs", ROOT / "scripts" / "build_docs.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# --- the topic files ---------------------------------------------------------


@pytest.mark.parametrize("path", sorted(topics_dir().glob("*.md")), ids=lambda p: p.stem)
def test_every_topic_has_exactly_the_front_matter_keys(path):
    text = path.read_text(encoding="utf-8")
    front = text.split("\n---\n", 1)[0].removeprefix("---\n")
    assert set(parse_yaml(front, str(path))) == TOPIC_KEYS
    topic = parse_topic(path)
    assert topic.id == path.stem
    assert topic.title.strip() and topic.summary.strip()
    # brief at the top, depth below
    assert topic.body.startswith("**In brief:**"), f"{path.name} should open with '**In brief:**'"
    assert len(topic.summary.split()) <= 45, f"{path.name}: keep the summary to two sentences"


def test_there_are_foundation_and_category_topics():
    kinds = {topic.kind for topic in TOPICS.values()}
    assert kinds == {"foundation", "category"}
    assert DEFAULT_FOUNDATION in TOPICS and TOPICS[DEFAULT_FOUNDATION].kind == "foundation"


@pytest.mark.parametrize(
    "front, problem",
    [
        ("id: x\ntitle: X\nsummary: S\nkind: category\ncolour: red\n", "exactly the keys"),
        ("id: x\ntitle: X\nsummary: S\n", "exactly the keys"),
        ("id: y\ntitle: X\nsummary: S\nkind: category\n", "differs from the file name"),
        ("id: x\ntitle: X\nsummary: S\nkind: essay\n", "kind must be one of"),
    ],
)
def test_a_malformed_topic_is_rejected(tmp_path, front, problem):
    path = tmp_path / "x.md"
    path.write_text(f"---\n{front}---\n\n**In brief:** text.\n", encoding="utf-8")
    with pytest.raises(TopicError, match=problem):
        parse_topic(path)


def test_topics_are_listed_foundations_first_in_reading_order():
    ordered = ordered_topics(TOPICS)
    kinds = [topic.kind for topic in ordered]
    assert kinds == sorted(kinds, key=("foundation", "category").index)
    assert ordered[0].id == "why-words-matter"
    assert {topic.id for topic in ordered} == set(TOPICS)


def test_each_category_topic_points_to_its_generated_rules_page():
    for topic in TOPICS.values():
        if topic.kind == "category":
            assert f"](../categories/{topic.id}.md)" in topic.body, topic.id


# --- links between rules and topics -------------------------------------------


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.id)
def test_every_learn_id_names_an_existing_topic(rule):
    assert rule.learn, f"rule {rule.id} names no topic"
    missing = [topic_id for topic_id in rule.learn if topic_id not in TOPICS]
    assert not missing, f"rule {rule.id} ({rule.path.name}): no topic named {missing}"


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.id)
def test_the_first_learn_id_is_the_rules_category_topic(rule):
    first = TOPICS.get(rule.learn[0])
    assert first is not None and first.kind == "category", rule.id
    assert rule.learn[0] == rule.category == rule.topic


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.id)
def test_every_rule_is_explained_with_a_category_and_a_foundation(rule):
    shown = [TOPICS[topic_id] for topic_id in topics_for_rule(rule.learn, TOPICS)]
    assert shown[0].id == rule.category
    assert any(topic.kind == "foundation" for topic in shown)


def test_a_rule_without_a_foundation_is_shown_the_default_one():
    assert topics_for_rule(("gender",), TOPICS) == ["gender", DEFAULT_FOUNDATION]
    assert topics_for_rule(("gender", "intersectionality"), TOPICS) == [
        "gender",
        "intersectionality",
    ]


def test_no_topic_is_orphaned():
    """Every topic is linked from some rule's ``learn`` list, so every topic gets read."""
    linked = {topic_id for rule in RULES for topic_id in rule.learn}
    orphans = sorted(set(TOPICS) - linked)
    assert not orphans, (
        f"no rule links to the topics {orphans}: add them to the `learn` list of the rules "
        "they explain (category topic first, then the foundation that fits)"
    )


# --- no copying from the seed essays ------------------------------------------


def _words(text: str) -> list[str]:
    text = re.sub(r"['\u2019]", "", text.lower())
    return re.sub(r"[^a-z0-9]+", " ", text).split()


def _shingles(text: str) -> set[tuple[str, ...]]:
    words = _words(text)
    return {tuple(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}


def _material() -> dict[str, str]:
    material = {f"docs/topics/{t.id}.md": t.path.read_text("utf-8") for t in TOPICS.values()}
    for rule in RULES:
        material[f"rule {rule.id}"] = " ".join(
            [rule.message, *(f"{a.text} {a.when or ''}" for a in rule.alternatives)]
        )
    for path, text in _build_docs().generate(ROOT).items():
        material[path.relative_to(ROOT).as_posix()] = text
    return material


def test_the_shingle_check_catches_a_copied_sentence():
    seed = "one two three four five six seven eight nine ten eleven twelve thirteen"
    assert _shingles(seed) & _shingles(f"Intro. {seed.upper()}, and more.")
    assert not _shingles(seed) & _shingles(" ".join(seed.split()[:11]))


def test_no_material_repeats_twelve_words_of_a_seed_essay():
    seeds = sorted(shared_path("seeds").glob("*.txt"))
    if not seeds:
        pytest.skip("no seed essays")
    seen: dict[tuple[str, ...], str] = {}
    for seed in seeds:
        for shingle in _shingles(seed.read_text(encoding="utf-8", errors="replace")):
            seen.setdefault(shingle, seed.name)
    copied = [
        f"{name}: '{' '.join(shingle)}' (from {seen[shingle]})"
        for name, text in _material().items()
        for shingle in sorted(_shingles(text) & seen.keys())
    ]
    assert not copied, "material repeats a seed essay word for word:\n" + "\n".join(copied[:10])
