"""Source extractors: one small module per format, each turning text into segments.

An extractor is a function ``extract(text: str) -> list[Segment]``. Formats are
chosen by file name (extension, or a well-known name such as ``Dockerfile``)
and, for scripts without an extension, by the shebang line; ``format_for``
returns None for files of no known format, which directory scans skip and
explicitly named files check as plain text.

Formats: ``markdown``, ``text``, ``rst``, ``html``, ``commit`` (a commit
message), and the programming languages of ``code.LANGUAGES`` (``python``,
``javascript``, ``go``, ..., whose comments and docstrings are checked).
"""

from __future__ import annotations

import functools
import importlib
import re
from collections.abc import Callable
from pathlib import PurePath

from allylint.formats import chunks
from allylint.formats.segments import Segment

Extractor = Callable[[str], list[Segment]]

# Extractor modules are imported when a file of their format is first seen, so
# that a run over Markdown never loads docutils or tree-sitter.
_MODULES = {
    "markdown": "markdown",
    "text": "plaintext",
    "rst": "rst",
    "html": "html",
    "commit": "commit_message",
}


@functools.cache
def extractor_for(fmt: str) -> Extractor:
    module = _MODULES.get(fmt)
    if module is not None:
        extract_function: Extractor = importlib.import_module(f"allylint.formats.{module}").extract
        return extract_function
    from allylint.formats import code

    if fmt not in code.LANGUAGES:
        raise KeyError(f"no extractor for format {fmt!r}")
    return code.extractor(fmt)


_SUFFIX_LISTS = {
    "markdown": ".md .markdown .mdown .mkd .mdx",
    "text": ".txt .text",
    "rst": ".rst .rest",
    "html": ".html .htm .xhtml",
    "python": ".py .pyi .pyw",
    "javascript": ".js .mjs .cjs .jsx",
    "typescript": ".ts .mts .cts",
    "tsx": ".tsx",
    "go": ".go",
    "rust": ".rs",
    "java": ".java",
    "kotlin": ".kt .kts",
    "c": ".c",
    # C++'s grammar also reads C headers, which .h files may be either way.
    "cpp": ".h .cc .cpp .cxx .c++ .hh .hpp .hxx .h++ .ipp .tpp .inl",
    "csharp": ".cs",
    "swift": ".swift",
    "ruby": ".rb .rake .gemspec .ru .rbw",
    "php": ".php .phtml",
    "shell": ".sh .bash .zsh .ksh",
    "sql": ".sql",
    "yaml": ".yaml .yml",
    "toml": ".toml",
    "lua": ".lua",
    "r": ".r",
    "scala": ".scala .sc .sbt",
    "hcl": ".tf .tfvars .hcl",
    "dockerfile": ".dockerfile .containerfile",
    "make": ".mk .mak .make",
}
_SUFFIXES = {suffix: fmt for fmt, suffixes in _SUFFIX_LISTS.items() for suffix in suffixes.split()}
_NAMES = {
    "commit_editmsg": "commit",
    "merge_msg": "commit",
    "tag_editmsg": "commit",
    "squash_msg": "commit",
    "dockerfile": "dockerfile",
    "containerfile": "dockerfile",
    "makefile": "make",
    "gnumakefile": "make",
    "gemfile": "ruby",
    "rakefile": "ruby",
    "guardfile": "ruby",
    "podfile": "ruby",
    "vagrantfile": "ruby",
    "brewfile": "ruby",
    "fastfile": "ruby",
    "capfile": "ruby",
    "pipfile": "toml",
    ".bashrc": "shell",
    ".bash_profile": "shell",
    ".bash_logout": "shell",
    ".profile": "shell",
    ".zshrc": "shell",
    ".zprofile": "shell",
    ".zshenv": "shell",
    ".envrc": "shell",
}
# Names that start a family of files: Dockerfile.dev, Makefile.am-like variants.
_NAME_PREFIXES = {"dockerfile.": "dockerfile", "containerfile.": "dockerfile"}
_INTERPRETERS = {
    "python": "python",
    "pypy": "python",
    "sh": "shell",
    "bash": "shell",
    "zsh": "shell",
    "ksh": "shell",
    "dash": "shell",
    "ash": "shell",
    "mksh": "shell",
    "node": "javascript",
    "nodejs": "javascript",
    "deno": "javascript",
    "bun": "javascript",
    "ts-node": "typescript",
    "tsx": "typescript",
    "ruby": "ruby",
    "php": "php",
    "lua": "lua",
    "luajit": "lua",
    "rscript": "r",
    "scala": "scala",
    "kotlin": "kotlin",
    "swift": "swift",
    "make": "make",
}
_SHEBANG = re.compile(r"#!\s*(\S+)(.*)")


def format_for_shebang(first_line: str) -> str | None:
    """The format named by a ``#!`` line (``#!/usr/bin/env python3``, ``#!/bin/bash -e``)."""
    match = _SHEBANG.match(first_line.lstrip("\ufeff"))
    if match is None:
        return None
    program = match.group(1).rsplit("/", 1)[-1]
    if program == "env":  # "env [-S] [VAR=value]... program"
        words = [w for w in match.group(2).split() if not w.startswith("-") and "=" not in w]
        if not words:
            return None
        program = words[0].rsplit("/", 1)[-1]
    program = re.sub(r"[\d.]+$", "", program.lower())  # python3.12, lua5.4
    return _INTERPRETERS.get(program)


def format_for(path: str | PurePath, first_line: str | None = None) -> str | None:
    """The format of a file by its name, else by its shebang line; None when unknown.

    ``first_line`` is the file's first line, when the caller has read it: a file
    whose name says nothing (``bin/deploy``) is then known by its ``#!`` line.
    """
    pure = PurePath(path)
    name = pure.name.lower()
    fmt = _SUFFIXES.get(pure.suffix.lower()) or _NAMES.get(name)
    if fmt is None:
        fmt = next((f for prefix, f in _NAME_PREFIXES.items() if name.startswith(prefix)), None)
    if fmt is None and first_line is not None:
        fmt = format_for_shebang(first_line)
    return fmt


# reST hyperlink references (`link text <https://...>`_, `target`_): their text is
# prose, so their backticks must not read as inline code.
_RST_LINK_REFERENCE = re.compile(r"(?<![`\w])`([^`\n]+)`(?=__?(?!\w))")


_HTML_BARE_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]{0,9}>")
# A soft hyphen written as an entity splits a word only in the source ("white&shy;list").
_HTML_SOFT_HYPHEN = re.compile(r"&(?:shy|#173|#[xX][aA][dD]);")


def raw_view(text: str, fmt: str) -> str:
    """The raw text as the prefilter should scan it before any parsing: markup that
    would hide a word from it is blanked out, every offset kept."""
    if fmt == "markdown":
        # Emphasis markers ("_whitelist_", "**whitelist**") read as spaces, one
        # character for one. str.replace: str.translate is slow on non-ASCII text.
        return text.replace("_", " ").replace("*", " ")
    if fmt == "rst" and "`_" in text:
        return _RST_LINK_REFERENCE.sub(lambda m: f" {m.group(1)} ", text)
    if fmt == "html":
        # Tags without attributes inside a word ("white<b>list</b>") read as spaces.
        text = _HTML_BARE_TAG.sub(lambda m: " " * len(m.group()), text)
        if "&" in text:
            text = _HTML_SOFT_HYPHEN.sub(lambda m: "-" * len(m.group()), text)
    return text


# Above this share of the text, parsing the whole document is as cheap.
_WHOLE_DOCUMENT_SHARE = 0.5


def _shifted(segment: Segment, offset: int) -> Segment:
    runs = [(start, file_offset + offset) for start, file_offset in segment.runs]
    return Segment(text=segment.text, runs=runs, kind=segment.kind)


def extract_near(text: str, fmt: str, positions: list[int]) -> list[Segment]:
    """Segments of the parts of ``text`` that hold ``positions`` (candidate terms).

    Markdown and reStructuredText are parsed block by block (see ``chunks``), so a
    large document with a few candidates costs a few small parses; other formats,
    and documents where candidates are everywhere, are extracted whole.
    """
    finder = {"markdown": chunks.markdown_blocks, "rst": chunks.rst_blocks}.get(fmt)
    if finder is None or not positions:
        return extract(text, fmt)
    spans = chunks.spans_with(finder(text), len(text), positions)
    if sum(end - start for start, end in spans) > _WHOLE_DOCUMENT_SHARE * len(text):
        return extract(text, fmt)
    definitions = chunks.markdown_link_definitions(text) if fmt == "markdown" else {}
    segments = []
    for start, end in spans:
        block = text[start:end]
        # Link definitions go after the block so that its offsets stay as they are.
        used = chunks.definitions_used(block, definitions)
        for segment in extract(block + "\n\n" + used if used else block, fmt):
            segments.append(_shifted(segment, start))
    return segments


def extract(text: str, fmt: str) -> list[Segment]:
    """Segments of ``text`` in format ``fmt``.

    Plain text that starts with a shebang of a known language is read as that
    language: a script named on the command line without an extension.
    """
    if fmt == "text" and text.startswith(("#!", "\ufeff#!")):
        fmt = format_for_shebang(text.split("\n", 1)[0]) or fmt
    return extractor_for(fmt)(text)
