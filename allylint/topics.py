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
