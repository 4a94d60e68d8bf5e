"""The input formats: one entry per format says everything that makes it a format.

An entry (``InputFormat``, see ``model``) names the format, the files that are in
it (suffixes, file names, name prefixes such as ``Dockerfile.``, the interpreters
of a ``#!`` line), the functions that read it (its extractor, its raw view for
the prefilter, its block finder for large documents), the comment syntax that
suppression directives are written in, whether it has identifiers to check, and
the pre-commit ``types`` (identify tags) of its files. Discovery, suppressions,
identifiers, the reader (``reader``) and the pre-commit manifest all ask this
table; adding a format is one entry here plus its extractor module (see
docs/formats.md).

Formats: ``markdown``, ``rst``, ``asciidoc``, ``html``, ``text``, ``commit`` (a
commit message), and the programming languages (``python``, ``javascript``,
``go``, ...), whose comments and docstrings are checked. ``format_for`` returns None for files of no
known format, which directory scans skip and explicitly named files check as
plain text.
"""

from __future__ import annotations

import re
from pathlib import PurePath

from allylint.formats.model import HTML_COMMENT_OPENERS, CodeLanguage, InputFormat


def _source(
    name: str,
    grammar: str | None,
    pygments: str,
    *,
    suffixes: tuple[str, ...] = (),
    precommit_types: tuple[str, ...] = (),
    names: tuple[str, ...] = (),
    name_prefixes: tuple[str, ...] = (),
    interpreters: tuple[str, ...] = (),
    comment_nodes: tuple[str, ...] = ("comment",),
    docstrings: bool = False,
    unterminated: tuple[str, ...] = ("/*",),
    identifiers: bool = True,
) -> InputFormat:
    """A programming language, whose comments and docstrings are checked."""
    return InputFormat(
        name,
        extractor="allylint.formats.code:extract_code",
        suffixes=suffixes,
        names=names,
        name_prefixes=name_prefixes,
        interpreters=interpreters,
        precommit_types=precommit_types,
        identifiers=identifiers,
        code=CodeLanguage(grammar, pygments, comment_nodes, docstrings, unterminated),
    )


# Languages without block comments: an error node never starts an unterminated one.
_LINE_COMMENTS_ONLY: tuple[str, ...] = ()

FORMATS: tuple[InputFormat, ...] = (
    InputFormat(
        "markdown",
        extractor="allylint.formats.markdown:extract",
        suffixes=(".md", ".markdown", ".mdown", ".mkd", ".mdx"),
        precommit_types=("markdown",),
        comment_openers=HTML_COMMENT_OPENERS,
        raw_view="allylint.formats.markdown:raw_view",
        block_finder="allylint.formats.chunks:markdown_blocks",
        block_context="allylint.formats.chunks:markdown_block_context",
        code_examples="allylint.formats.markdown:code_examples",
    ),
    InputFormat(
        "rst",
        extractor="allylint.formats.rst:extract",
        suffixes=(".rst", ".rest"),
        precommit_types=("rst",),
        comment_openers=("..",),
        raw_view="allylint.formats.rst:raw_view",
        block_finder="allylint.formats.chunks:rst_blocks",
        code_examples="allylint.formats.rst:code_examples",
    ),
    InputFormat(
        "asciidoc",
        extractor="allylint.formats.asciidoc:extract",
        suffixes=(".adoc", ".asciidoc"),
        precommit_types=("asciidoc",),
        comment_openers=("//",),
        raw_view="allylint.formats.asciidoc:raw_view",
        block_finder="allylint.formats.asciidoc:blocks",
        code_examples="allylint.formats.asciidoc:code_examples",
    ),
    InputFormat(
        "html",
        extractor="allylint.formats.html:extract",
        suffixes=(".html", ".htm", ".xhtml"),
        precommit_types=("html",),
        comment_openers=HTML_COMMENT_OPENERS,
        raw_view="allylint.formats.html:raw_view",
    ),
    InputFormat(
        "text",
        extractor="allylint.formats.plaintext:extract",
        suffixes=(".txt", ".text"),
        precommit_types=("plain-text",),
        bare_directives=True,
    ),
    InputFormat(
        "commit",
        extractor="allylint.formats.commit_message:extract",
        # The files git hands to a commit-msg hook; the manifest's commit-msg hook
        # checks them, so they have no pre-commit type.
        names=("COMMIT_EDITMSG", "MERGE_MSG", "TAG_EDITMSG", "SQUASH_MSG"),
        bare_directives=True,
    ),
    _source(
        "python",
        "tree_sitter_python:language",
        "python",
        suffixes=(".py", ".pyi", ".pyw"),
        interpreters=("python", "pypy"),
        precommit_types=("python", "pyi"),
        docstrings=True,
        unterminated=_LINE_COMMENTS_ONLY,
    ),
    _source(
        "javascript",
        "tree_sitter_javascript:language",
        "javascript",
        suffixes=(".js", ".mjs", ".cjs", ".jsx"),
        interpreters=("node", "nodejs", "deno", "bun"),
        precommit_types=("javascript", "jsx"),
    ),
    _source(
        "typescript",
        "tree_sitter_typescript:language_typescript",
        "typescript",
        suffixes=(".ts", ".mts", ".cts"),
        interpreters=("ts-node", "tsx"),
        precommit_types=("ts",),
    ),
    _source(
        "tsx",
        "tree_sitter_typescript:language_tsx",
        "tsx",
        suffixes=(".tsx",),
        precommit_types=("tsx",),
    ),
    _source("go", "tree_sitter_go:language", "go", suffixes=(".go",), precommit_types=("go",)),
    _source(
        "rust",
        "tree_sitter_rust:language",
        "rust",
        suffixes=(".rs",),
        precommit_types=("rust",),
        comment_nodes=("line_comment", "block_comment"),
    ),
    _source(
        "java",
        "tree_sitter_java:language",
        "java",
        suffixes=(".java",),
        precommit_types=("java",),
        comment_nodes=("line_comment", "block_comment"),
    ),
    _source(
        "kotlin",
        "tree_sitter_kotlin:language",
        "kotlin",
        suffixes=(".kt", ".kts"),
        interpreters=("kotlin",),
        precommit_types=("kotlin",),
        comment_nodes=("line_comment", "block_comment"),
    ),
    _source("c", "tree_sitter_c:language", "c", suffixes=(".c",), precommit_types=("c",)),
    _source(
        "cpp",
        "tree_sitter_cpp:language",
        "cpp",
        # C++'s grammar also reads C headers, which .h files may be either way.
        suffixes=(
            ".h",
            ".cc",
            ".cpp",
            ".cxx",
            ".c++",
            ".hh",
            ".hpp",
            ".hxx",
            ".h++",
            ".ipp",
            ".tpp",
            ".inl",
        ),
        precommit_types=("c++",),
    ),
    # C#'s `//`, `///` and `/* */` comments are found by Pygments' lexer as by the grammar
    # (the same segments on tests/fixtures/code/sample.cs: verbatim, interpolated and raw
    # strings holding `//` included), without the grammar's 5 MiB wheel.
    _source(
        "csharp",
        None,
        "csharp",
        suffixes=(".cs",),
        precommit_types=("c#",),
    ),
    _source(
        "swift",
        "tree_sitter_swift:language",
        "swift",
        suffixes=(".swift",),
        interpreters=("swift",),
        precommit_types=("swift",),
        comment_nodes=("comment", "multiline_comment"),
    ),
    _source(
        "ruby",
        "tree_sitter_ruby:language",
        "ruby",
        suffixes=(".rb", ".rake", ".gemspec", ".ru", ".rbw"),
        names=(
            "Gemfile",
            "Rakefile",
            "Guardfile",
            "Podfile",
            "Vagrantfile",
            "Brewfile",
            "Fastfile",
            "Capfile",
        ),
        interpreters=("ruby",),
        precommit_types=("ruby",),
        unterminated=("=begin",),
    ),
    _source(
        "php",
        "tree_sitter_php:language_php",
        "php",
        suffixes=(".php", ".phtml"),
        interpreters=("php",),
        precommit_types=("php",),
    ),
    _source(
        "shell",
        "tree_sitter_bash:language",
        "bash",
        suffixes=(".sh", ".bash", ".zsh", ".ksh"),
        names=(
            ".bashrc",
            ".bash_profile",
            ".bash_logout",
            ".profile",
            ".zshrc",
            ".zprofile",
            ".zshenv",
            ".envrc",
        ),
        interpreters=("sh", "bash", "zsh", "ksh", "dash", "ash", "mksh"),
        precommit_types=("shell",),
        unterminated=_LINE_COMMENTS_ONLY,
    ),
    # SQL's comments are `--` lines and `/* */` blocks, which Pygments' lexer finds as
    # the grammar did (the same spans on the test suite's cases), without its 13 MB wheel.
    _source(
        "sql",
        None,
        "sql",
        suffixes=(".sql",),
        precommit_types=("sql",),
    ),
    _source(
        "yaml",
        "tree_sitter_yaml:language",
        "yaml",
        suffixes=(".yaml", ".yml"),
        precommit_types=("yaml",),
        unterminated=_LINE_COMMENTS_ONLY,
        identifiers=False,
    ),
    _source(
        "toml",
        "tree_sitter_toml:language",
        "toml",
        suffixes=(".toml",),
        names=("Pipfile",),
        precommit_types=("toml",),
        unterminated=_LINE_COMMENTS_ONLY,
    ),
    _source(
        "lua",
        "tree_sitter_lua:language",
        "lua",
        suffixes=(".lua",),
        interpreters=("lua", "luajit"),
        precommit_types=("lua",),
        unterminated=("--[",),
    ),
    # R has no grammar wheel: Pygments reads it.
    _source(
        "r",
        None,
        "r",
        suffixes=(".r",),
        interpreters=("rscript",),
        precommit_types=("r",),
        unterminated=_LINE_COMMENTS_ONLY,
    ),
    _source(
        "scala",
        "tree_sitter_scala:language",
        "scala",
        suffixes=(".scala", ".sc", ".sbt"),
        interpreters=("scala",),
        precommit_types=("scala",),
        comment_nodes=("comment", "block_comment"),
    ),
    _source(
        "hcl",
        "tree_sitter_hcl:language",
        "terraform",
        suffixes=(".tf", ".tfvars", ".hcl"),
        precommit_types=("terraform",),
    ),
    _source(
        "dockerfile",
        "tree_sitter_dockerfile:language",
        "docker",
        suffixes=(".dockerfile", ".containerfile"),
        names=("Dockerfile", "Containerfile"),
        name_prefixes=("Dockerfile.", "Containerfile."),
        precommit_types=("dockerfile",),
        unterminated=_LINE_COMMENTS_ONLY,
        identifiers=False,
    ),
    _source(
        "make",
        "tree_sitter_make:language",
        "make",
        suffixes=(".mk", ".mak", ".make"),
        names=("Makefile", "GNUmakefile"),
        interpreters=("make",),
        precommit_types=("makefile",),
        unterminated=_LINE_COMMENTS_ONLY,
        identifiers=False,
    ),
)

_BY_NAME = {entry.name: entry for entry in FORMATS}
_BY_SUFFIX = {suffix.lower(): entry.name for entry in FORMATS for suffix in entry.suffixes}
_BY_FILE_NAME = {name.lower(): entry.name for entry in FORMATS for name in entry.names}
_BY_NAME_PREFIX = {p.lower(): entry.name for entry in FORMATS for p in entry.name_prefixes}
_BY_INTERPRETER = {program: entry.name for entry in FORMATS for program in entry.interpreters}


def input_format(name: str) -> InputFormat:
    """The entry of the format called ``name``; KeyError names an unknown one."""
    try:
        return _BY_NAME[name]
    except KeyError:
        raise KeyError(f"no input format {name!r}") from None


def precommit_types() -> list[str]:
    """The pre-commit ``types_or`` of the files allylint reads, in registry order."""
    return [tag for entry in FORMATS for tag in entry.precommit_types]


# --- which format a file is in -----------------------------------------------------------------

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
    return _BY_INTERPRETER.get(program)


def format_for(path: str | PurePath, first_line: str | None = None) -> str | None:
    """The format of a file by its name, else by its shebang line; None when unknown.

    ``first_line`` is the file's first line, when the caller has read it: a file
    whose name says nothing (``bin/deploy``) is then known by its ``#!`` line.
    """
    pure = PurePath(path)
    name = pure.name.lower()
    fmt = _BY_SUFFIX.get(pure.suffix.lower()) or _BY_FILE_NAME.get(name)
    if fmt is None:
        fmt = next((f for prefix, f in _BY_NAME_PREFIX.items() if name.startswith(prefix)), None)
    if fmt is None and first_line is not None:
        fmt = format_for_shebang(first_line)
    return fmt
