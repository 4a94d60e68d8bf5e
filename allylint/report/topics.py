"""Explanatory topics: Markdown files with front matter (id, title, summary, kind)."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from allylint.resources import topics_dir
from allylint.yamlfile import YamlFileError, parse_yaml

TOPIC_KEYS = {"id", "title", "summary", "kind"}
TOPIC_KINDS = ("foundation", "category")


class TopicError(ValueError):
    pass


@dataclass(frozen=True)
class Topic:
    id: str
    title: str
    summary: str
    kind: str
    body: str
    path: Path


def parse_topic(path: Path) -> Topic:
    text = path.read_text(encoding="utf-8")
    if not text.startswith("---\n"):
        raise TopicError(f"{path}:1: a topic starts with '---' front matter")
    end = text.find("\n---\n", 4)
    if end == -1:
        raise TopicError(f"{path}: the front matter is not closed with '---'")
    try:
        meta = parse_yaml(text[4:end], str(path))
    except YamlFileError as error:
        raise TopicError(str(error)) from error
    if not isinstance(meta, dict) or set(meta) != TOPIC_KEYS:
        raise TopicError(f"{path}: front matter needs exactly the keys {sorted(TOPIC_KEYS)}")
    if meta["id"] != path.stem:
        raise TopicError(f"{path}: id {meta['id']!r} differs from the file name")
    if meta["kind"] not in TOPIC_KINDS:
        raise TopicError(f"{path}: kind must be one of {', '.join(TOPIC_KINDS)}")
    return Topic(
        id=meta["id"],
        title=str(meta["title"]),
        summary=" ".join(str(meta["summary"]).split()),
        kind=meta["kind"],
        body=text[end + 5 :].strip() + "\n",
        path=path,
    )


@functools.cache
def load_topics(directory: Path | None = None) -> dict[str, Topic]:
    folder = directory or topics_dir()
    if not folder.is_dir():
        return {}
    return {topic.id: topic for topic in map(parse_topic, sorted(folder.glob("*.md")))}


def topics_if_readable() -> dict[str, Topic]:
    """The installed topics, or none if they cannot be read: for outputs that link to
    topics (SARIF, the language server's hover), which must not fail for want of one."""
    try:
        return load_topics()
    except TopicError:
        return {}


# The order in which ``allylint learn`` and the docs index present the topics:
# the foundations as a reading path, then the categories in the order of
# docs/rules.md. Topics not named here follow, alphabetically.
READING_ORDER = (
    "why-words-matter",
    "centering-affected-people",
    "intersectionality",
    "learning-and-accountability",
    "genuine-allyship",
    "allyship-in-action",
    "tech-metaphors",
    "gender",
    "disability",
    "mental-health",
    "race-culture",
    "age",
    "orientation-identity",
    "religion",
    "class",
    "body",
    "violence",
)

# The foundation shown with a rule whose ``learn`` list names none.
DEFAULT_FOUNDATION = "why-words-matter"


def ordered_topics(topics: dict[str, Topic]) -> list[Topic]:
    """Foundations first, then categories, each in reading order."""
    rank = {topic_id: index for index, topic_id in enumerate(READING_ORDER)}

    def key(topic: Topic) -> tuple[int, int, str]:
        return (TOPIC_KINDS.index(topic.kind), rank.get(topic.id, len(rank)), topic.id)

    return sorted(topics.values(), key=key)


def topics_for_rule(learn: tuple[str, ...], topics: dict[str, Topic]) -> list[str]:
    """The topic ids to show with a rule: its ``learn`` list, plus a foundation if it has none."""
    shown = list(dict.fromkeys(learn))
    has_foundation = any(
        topics[topic_id].kind == "foundation" for topic_id in shown if topic_id in topics
    )
    if not has_foundation and DEFAULT_FOUNDATION in topics:
        shown.append(DEFAULT_FOUNDATION)
    return shown
