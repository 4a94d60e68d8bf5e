"""A linear-time HTML tokenizer: tags, text and character references, with offsets.

Python's ``html.parser`` rescans the rest of the document at every ``<`` it
cannot finish (an unclosed ``<a`` or ``<!--``), so a page of them takes
quadratic time. This tokenizer reads each character a bounded number of times
and follows the browsers' tokenizer where it matters for reading prose: a
comment, a ``<!...>`` declaration, a ``<?...>`` instruction or a CDATA section
runs to its end or, unclosed, to the end of the document; so does a tag that
never closes; ``<`` before anything but a letter, ``/`` or ``!`` is text; the
content of ``<script>`` and ``<style>`` is raw text up to its end tag.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

_MARKUP = re.compile(r"[<&]")
_TAG_NAME = re.compile(r"[a-zA-Z][^\s/>]*")
# The attributes of a start tag, up to (not including) its ">". Each branch starts on
# a different character, so the greedy match never backtracks; a quote that is never
# closed leaves its value unquoted, as the fallback branch reads it.
_TAG_REST = re.compile(
    r"""(?:[\s/]+|[^\s/>="'][^\s/>=]*(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]*))?|[="'][^\s/>]*)*"""
)
_REFERENCE = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[a-zA-Z][a-zA-Z0-9]*);?")
_RAW_TEXT_ELEMENTS = frozenset({"script", "style"})
_CLOSERS = {"<!--": "-->", "<![CDATA[": "]]>"}


@dataclass(frozen=True)
class Token:
    """``kind`` is "start" (``raw`` is the whole tag; ``self_closing`` for ``<br/>``),
    "end", "text" or "reference" (``raw`` is ``&amp;``); ``offset`` is where it starts."""

    kind: str
    offset: int
    raw: str
    tag: str = ""
    self_closing: bool = False


def _end_of(text: str, start: int, closer: str) -> int:
    found = text.find(closer, start)
    return len(text) if found == -1 else found + len(closer)


def tokens(text: str) -> Iterator[Token]:
    """The tokens of ``text``, in order; comments, declarations and instructions are
    left out, as they hold no prose."""
    position = 0
    size = len(text)
    while position < size:
        markup = _MARKUP.search(text, position)
        stop = markup.start() if markup else size
        if stop > position:
            yield Token("text", position, text[position:stop])
        if markup is None:
            return
        position = stop
        if text[position] == "&":
            reference = _REFERENCE.match(text, position)
            end = reference.end() if reference else position + 1
            yield Token("reference" if reference else "text", position, text[position:end])
            position = end
            continue
        token, position = _markup(text, position)
        if token is None:
            continue
        yield token
        if token.kind == "start" and token.tag in _RAW_TEXT_ELEMENTS and not token.self_closing:
            closing = re.compile(rf"</{token.tag}[\s/>]", re.IGNORECASE).search(text, position)
            end = closing.start() if closing else size
            if end > position:
                yield Token("text", position, text[position:end], tag=token.tag)
            position = end


def _markup(text: str, start: int) -> tuple[Token | None, int]:
    """The token that starts with ``<`` at ``start`` (None for one that holds no prose),
    and where the next one starts."""
    for opener, closer in _CLOSERS.items():
        if text.startswith(opener, start):
            return None, _end_of(text, start + len(opener), closer)
    following = text[start + 1 : start + 2]
    if following in ("!", "?"):
        return None, _end_of(text, start + 2, ">")
    if following == "/":
        name = _TAG_NAME.match(text, start + 2)
        end = _end_of(text, start + 2, ">")
        if name is None:  # "</>" or "</ x>": nothing, as in a browser
            return None, end
        return Token("end", start, text[start:end], tag=name.group().lower()), end
    name = _TAG_NAME.match(text, start + 1)
    if name is None:
        return Token("text", start, "<"), start + 1
    rest = _TAG_REST.match(text, name.end())
    end = rest.end() if rest else name.end()
    if end >= len(text):  # never closed: a browser drops it, and the rest with it
        return None, end
    raw = text[start : end + 1]
    return Token("start", start, raw, name.group().lower(), raw.endswith("/>")), end + 1
