"""Safe fixes: rewrite a matched term the way the original was written.

The replacement keeps the original's inflection (whitelisted -> allowlisted),
case, part by part (Whitelist -> Allowlist, WHITELIST -> ALLOWLIST,
whiteList -> allowList), joining style (white-listed -> allow-listed,
man hours -> person hours) and the article before it (a -> an). Only the
matched span, and an article right before it, ever change.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from allylint.discovery.sources import SourceText, encode
from allylint.engine.spelling import fold, joined_key, split_at_joiners
from allylint.fileio import error_reason, rewrite_file
from allylint.rules.inflect import transfer_inflection
from allylint.rules.model import Term

# An article right before the word, possibly at the end of the previous line.
_ARTICLE_BEFORE = re.compile(r"(?<![\w'])(a|an|A|An|AN)([ \t]+|[ \t]*(?:\r\n|\r|\n)[ \t]*)$")
_SENTENCE_START = re.compile(r"(?:^|[.!?:]\s|\n)\s*(?:[-*+#>]+\s*)*$")
_VOWEL_SOUND = re.compile(r"^(?:[aeio]|u(?![bcdfghjklmnpqrstvwxz][aeiou]))", re.IGNORECASE)
_MIN_SHARED_SUFFIX = 3
_PLAIN_WORDS = re.compile(r"^[\w\s\-'\u2019/()]+$")


@dataclass(frozen=True)
class Edit:
    """Replace ``text[start:end]`` with ``replacement``."""

    start: int
    end: int
    replacement: str


def _part_lengths(base_words: Sequence[str], total: int, inflect: str) -> list[int]:
    """Lengths of the original's parts, given the base words and which of them inflects."""
    lengths = [len(word) for word in base_words]
    extra = total - sum(lengths)
    index = 0 if inflect == "first" else len(lengths) - 1
    lengths[index] += extra
    return lengths


def _cut(text: str, lengths: Sequence[int]) -> list[str]:
    parts, position = [], 0
    for length in lengths:
        parts.append(text[position : position + length])
        position += length
    return parts


def _shared_suffix(a: str, b: str) -> int:
    size = 0
    while size < min(len(a), len(b)) and a[-1 - size] == b[-1 - size]:
        size += 1
    return size


def _apply_case(template: str, word: str) -> str:
    letters = [c for c in template if c.isalpha()]
    if not letters:
        return word
    if all(c.isupper() for c in letters) and len(letters) > 1:
        return word.upper()
    if letters[0].isupper():
        return word[:1].upper() + word[1:]
    return word


def _structure(term: Term, fix: str) -> tuple[list[str], list[str], list[str]]:
    """Base words of the term, the fix's parts, and the fix's own joiners, aligned."""
    base_words = list(term.words)
    fix_parts, fix_joiners = split_at_joiners(fix)
    if len(fix_parts) == 1 and len(base_words) <= 2:
        # "whitelist"/"white list" -> "allowlist": align on the shared ending so that
        # the original's inner capitals and hyphens carry over (whiteList -> allowList).
        last = base_words[-1]
        shared = _shared_suffix(last, fix_parts[0])
        if len(base_words) == 2 and shared == len(last) < len(fix_parts[0]):
            fix_parts = [fix_parts[0][:-shared], last]
            fix_joiners = [""]
        elif len(base_words) == 1 and _MIN_SHARED_SUFFIX <= shared < min(
            len(last), len(fix_parts[0])
        ):
            base_words = [last[:-shared], last[-shared:]]
            fix_parts = [fix_parts[0][:-shared], fix_parts[0][-shared:]]
            fix_joiners = [""]
    return base_words, fix_parts, fix_joiners


def _closed_parts(original: str, base_words: Sequence[str], inflect: str) -> list[str] | None:
    """Split a closed-up or camel-cased original ("whiteList") along the base words."""
    lengths = _part_lengths(base_words, len(original), inflect)
    if any(length <= 0 for length in lengths):
        return None
    return _cut(original, lengths)


def replacement_for(original: str, term: Term, fix: str) -> str | None:
    """The fix written the way ``original`` is, or None when that cannot be done safely."""
    base_words, fix_parts, fix_joiners = _structure(term, fix)
    words, joiners = split_at_joiners(original)
    if len(words) == len(base_words):
        parts = words
    elif len(words) == 1:
        split = _closed_parts(words[0], base_words, term.inflect)
        if split is None:
            return None
        parts, joiners = split, [""] * (len(split) - 1)
    else:
        return None
    case_templates = parts
    if len(parts) != len(fix_parts):
        # Different shapes ("he or she" -> "they"): keep the fix's own form.
        case_templates = [original]
        parts, fix_parts, joiners = [joined_key(original)], [fix], []
        base_words = [joined_key(" ".join(term.words))]
    inflected = 0 if term.inflect == "first" else len(parts) - 1
    result = []
    for index, (part, base, fix_part) in enumerate(zip(parts, base_words, fix_parts, strict=True)):
        if index == inflected and term.inflect != "none":
            fix_part = transfer_inflection(fold(part), base, fix_part)
        result.append(_apply_case(case_templates[index], fix_part))
        if index < len(joiners):
            own = fix_joiners[index] if index < len(fix_joiners) else " "
            result.append(joiners[index] or own)
    return "".join(result)


def written_plainly(original: str) -> bool:
    """Is the matched text words alone? One that spans markup ("white**list**",
    "white<b>list</b>") is left for a person to rewrite."""
    return _PLAIN_WORDS.match(original) is not None


def edit_for(text: str, start: int, end: int, term: Term, fix: str) -> Edit | None:
    """The edit that fixes ``text[start:end]``, adjusting an "a"/"an" right before it."""
    original = text[start:end]
    replacement = replacement_for(original, term, fix)
    if replacement is None or replacement == original:
        return None
    article = _ARTICLE_BEFORE.search(text, max(0, start - 16), start)
    # "A"/"An" is an article only at a sentence start; elsewhere it is a label ("Plan A").
    if (
        article is not None
        and article.group(1)[0] == "A"
        and not _SENTENCE_START.search(text, max(0, article.start() - 40), article.start())
    ):
        article = None
    if article is not None:
        word, space = article.group(1), article.group(2)
        wanted = "an" if _VOWEL_SOUND.match(replacement) else "a"
        if word.lower() != wanted:
            fixed_article = _apply_case(word, wanted) if word != "AN" else wanted.upper()
            return Edit(article.start(), end, fixed_article + space + replacement)
    return Edit(start, end, replacement)


def apply_edits(text: str, edits: Iterable[Edit]) -> tuple[str, int]:
    """Apply non-overlapping edits; returns the new text and how many were applied."""
    applied = 0
    pieces = []
    position = 0
    for edit in sorted(edits, key=lambda e: e.start):
        if edit.start < position:
            continue
        pieces.append(text[position : edit.start])
        pieces.append(edit.replacement)
        position = edit.end
        applied += 1
    pieces.append(text[position:])
    return "".join(pieces), applied


# Lines as git counts them: ended by LF only (a lone CR is part of its line).
_GIT_LINE = re.compile(r"[^\n]*\n|[^\n]+")
_NO_NEWLINE = b"\\ No newline at end of file\n"
_BOM_TEXT = "\ufeff"


def unified_diff(path: str, source: SourceText, after: str) -> bytes:
    """The fix as a patch ``git apply`` accepts: lines split where git splits them (at
    LF; CR-only files are one line), the original bytes of each line (its encoding and
    byte-order mark), and git's marker for a last line without a newline."""
    bom = _BOM_TEXT if source.bom else ""
    before_lines = _GIT_LINE.findall(bom + source.text)
    after_lines = _GIT_LINE.findall(bom + after)
    out = bytearray()
    lines = difflib.unified_diff(
        before_lines, after_lines, fromfile=f"a/{path}", tofile=f"b/{path}", lineterm="\n"
    )
    for index, line in enumerate(lines):
        if index < 2 or line.startswith("@@"):  # the two file headers, then hunk headers
            out += line.encode("utf-8", "backslashreplace")
            continue
        out += line[0].encode("ascii") + _line_bytes(source, line[1:])
        if not line.endswith("\n"):
            out += b"\n" + _NO_NEWLINE
    return bytes(out)


def _line_bytes(source: SourceText, line: str) -> bytes:
    """A line of the file as it is stored: its BOM (on the first line) in the file's
    encoding, its characters in the file's encoding."""
    if line.startswith(_BOM_TEXT) and source.bom:
        return encode(source, line[1:])
    return line.encode(source.encoding)


def rewrite(path: Path, original: bytes, fixed: bytes) -> str | None:
    """Write ``fixed`` over ``path`` unless that could lose something; else say why not.

    A symbolic link, a file with other hard links, a read-only file, or one that
    changed since it was read is left alone (see ``fileio.rewrite_file``); the new
    file keeps the old one's owner, permissions and extended attributes."""
    try:
        rewrite_file(path, original, fixed)
    except OSError as error:
        return f"not fixed: {error_reason(error)}"
    return None
