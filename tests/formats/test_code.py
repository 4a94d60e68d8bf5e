"""Comments and docstrings of source code: what is checked, what is not, and where.

Files are written to disk and checked with ``lint_paths`` like a user's files.
Only stable rules are asserted, so that rules added later do not break these tests.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from allylint import lint_paths
from allylint.formats import code as code_extractor
from allylint.formats.identifiers import extract_identifiers, split_identifier
from allylint.formats.reader import extract, extractor_for
from allylint.formats.registry import FORMATS, format_for, format_for_shebang, input_format
from tests.conftest import ROOT, stable_findings, write_file


def check(tmp_path: Path, name: str, content: str, *, newline: str = "\n") -> list[tuple]:
    """(rule, line, column, text) of the stable findings in a file written to disk."""
    (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
    return stable_findings(write_file(tmp_path, name, content, newline))


def segments(content: str, fmt: str) -> list[tuple[str, str]]:
    return [(s.context, s.text) for s in extract(content, fmt)]


# --- Python ------------------------------------------------------------------------------------

PYTHON = '''\
#!/usr/bin/env python3
# -*- coding: utf-8 -*-
"""Module docstring: add hosts to the whitelist.

Example::

    pool = whitelist_pool()  # the whitelist in a literal block

>>> check("slave")
True
"""
import os

WHITELIST = ["slave"]  # the slave host is retired
message = "a crazy string is code, not a comment"


class Pool:
    r"""Pool of workers, each a slave process.

    .. code-block:: python

        pool.sanity_check("slave")

    Use ``whitelist`` or :class:`Whitelist` for this.
    """

    def run(self):
        # First line of a comment that runs a sanity
        # check across two lines.
        return os.getcwd()

    def stop(self):
        "One-line docstring about the blacklist."
        x = """not a docstring: the whitelist"""
        return x
'''


def test_python_checks_comments_and_docstrings_only(tmp_path):
    assert check(tmp_path, "app.py", PYTHON) == [
        ("whitelist", 3, 39, "whitelist"),
        ("slave", 14, 30, "slave"),
        ("slave", 19, 33, "slave"),
        ("sanity-check", 29, 47, "sanity\n        # check"),
        ("blacklist", 34, 39, "blacklist"),
    ]


def test_python_segments_are_prose_units_without_markers():
    found = segments(PYTHON, "python")
    assert ("docstring", "Module docstring: add hosts to the whitelist.") in found
    assert ("docstring", "Example:") in found
    assert (
        "comment",
        "First line of a comment that runs a sanity check across two lines.",
    ) in found
    assert ("docstring", "One-line docstring about the blacklist.") in found
    assert not any("#!" in text or "coding" in text or "pool" in text for _, text in found)
    assert {context for context, _ in found} == {"comment", "docstring"}


def test_a_blank_comment_line_ends_a_paragraph():
    found = segments("# first paragraph\n#\n# second paragraph\nx = 1\n", "python")
    assert found == [("comment", "first paragraph"), ("comment", "second paragraph")]


def test_trailing_comments_join_only_at_the_same_column():
    found = segments("a = 1  # one\nb = 2  # two\nlonger = 3  # three\n", "python")
    assert found == [("comment", "one two"), ("comment", "three")]


def test_docstring_field_names_and_javadoc_param_names_are_not_prose():
    python = 'def f(master):\n    """Run.\n\n    :param slave: the node\n    """\n'
    assert segments(python, "python") == [("docstring", "Run."), ("docstring", "the node")]
    java = "/**\n * Run.\n * @param slave the node\n * {@code slave} and <b>bold</b>\n */\n"
    assert segments(java, "java") == [("comment", "Run. the node and bold")]


def test_positions_with_tabs_crlf_and_multibyte_characters(tmp_path):
    content = 'x = "é漢字😀"\t# the whitelist\n\ty = 1  # a slave\n'
    # Columns count characters: é, 漢, 字 and 😀 are one column each, and so is a tab.
    expected = [("whitelist", 1, 18, "whitelist"), ("slave", 2, 13, "slave")]
    assert check(tmp_path, "lf.py", content) == expected
    assert check(tmp_path, "crlf.py", content, newline="\r\n") == expected
    bom = tmp_path / "bom.py"
    bom.write_bytes(b"\xef\xbb\xbf" + content.encode("utf-8"))
    assert [(f.rule_id, f.line, f.column) for f in lint_paths([bom])] == [
        (rule, line, column) for rule, line, column, _ in expected
    ]


def test_findings_map_back_to_the_exact_file_text(tmp_path):
    content = "/*\n * A crazy   idea,\n *\tthe whitelist.\n */\nint x; // é slave\n"
    path = tmp_path / "a.c"
    path.write_text(content, encoding="utf-8")
    for finding in lint_paths([path]):
        assert content[finding.start : finding.end] == finding.text


# --- every language ----------------------------------------------------------------------------

LANGUAGES = [
    ("app.js", "// the whitelist\nconst s = 'slave'; /* a crazy\n * idea */\n", "javascript"),
    ("app.mjs", "/** JSDoc: the whitelist. */\nexport const slave = 1;\n", "javascript"),
    ("app.ts", "let slave: string = 'x'; // the whitelist\n", "typescript"),
    ("view.tsx", "// the whitelist\nconst v = <div>slave</div>;\n", "tsx"),
    ("main.go", "package main\n\n// the whitelist\nvar slave = `x`\n", "go"),
    ("lib.rs", '/// the whitelist\n//! inner doc\nlet slave = "x"; /* block */\n', "rust"),
    ("Main.java", '// the whitelist\nclass A { String slave = "x"; }\n', "java"),
    ("App.kt", '// the whitelist\nval slave = "x"\n', "kotlin"),
    ("app.kts", '/* the whitelist */\nval slave = "x"\n', "kotlin"),
    ("a.c", '/* the whitelist */\nchar *slave = "x";\n', "c"),
    ("a.h", "// the whitelist\nextern char *slave;\n", "cpp"),
    ("a.cpp", '// the whitelist\nauto slave = "x";\n', "cpp"),
    ("A.cs", '/// <summary>the whitelist</summary>\nvar slave = "x";\n', "csharp"),
    ("a.swift", '/* the /* nested */ whitelist */\nlet slave = "x"\n', "swift"),
    ("a.rb", '# the whitelist\nslave = "x"\n=begin\nthe crazy\n=end\n', "ruby"),
    ("Gemfile", '# the whitelist\ngem "slave"\n', "ruby"),
    ("a.php", '<?php\n# the whitelist\n$slave = "x"; // crazy\n', "php"),
    ("a.sh", '#!/bin/sh\n# the whitelist\necho "# slave"\n', "shell"),
    ("a.sql", "-- the whitelist\nSELECT 'slave'; /* crazy */\n", "sql"),
    ("a.yaml", "# the whitelist\nslave: x  # crazy\n", "yaml"),
    ("a.toml", '# the whitelist\nslave = "x"\n', "toml"),
    ("a.lua", '-- the whitelist\nlocal slave = "x" --[==[ crazy ]==]\n', "lua"),
    ("a.R", '# the whitelist\nslave <- "# crazy"\n', "r"),
    ("a.scala", '// the whitelist\nval slave = "x" /* crazy */\n', "scala"),
    ("main.tf", '# the whitelist\n// crazy\nslave = "x"\n/* block */\n', "hcl"),
    ("Dockerfile", '# the whitelist\nRUN echo "slave"\n', "dockerfile"),
    ("Dockerfile.dev", '# the whitelist\nRUN echo "slave"\n', "dockerfile"),
    ("Makefile", "# the whitelist\nslave:\n\techo x\n", "make"),
    ("rules.mk", "# the whitelist\nSLAVE = x\n", "make"),
]


@pytest.mark.parametrize(("name", "content", "fmt"), LANGUAGES)
def test_each_language_checks_comments_and_not_code(tmp_path, name, content, fmt):
    assert format_for(name) == fmt
    found = check(tmp_path, name, content)
    assert ("whitelist", *_position(content, "whitelist"), "whitelist") in found
    assert all(rule != "slave" for rule, *_ in found)
    contexts = {context for context, _ in segments(content, fmt)}
    assert contexts == {"comment"}


def _position(content: str, word: str) -> tuple[int, int]:
    offset = content.index(word)
    line = content.count("\n", 0, offset) + 1
    return line, offset - (content.rfind("\n", 0, offset) + 1) + 1


def test_block_comment_markers_are_stripped_with_exact_offsets():
    content = "/**\n * First line\n * second line.\n */\n--[[ lua ]]\n"
    [segment] = extract(content, "c")
    assert segment.text == "First line second line."
    for index, char in enumerate(segment.text):
        if char != " ":
            assert content[segment.to_file_offset(index)] == char
    assert segments("--[[ a lua\n block ]]\n", "lua") == [("comment", "a lua block")]
    assert segments("=begin\nruby block\n=end\n", "ruby") == [("comment", "ruby block")]
    assert segments("-- sql line\n/* sql block */\n", "sql") == [
        ("comment", "sql line"),
        ("comment", "sql block"),
    ]


def test_fenced_code_in_rust_doc_comments_is_skipped():
    content = "/// Returns the count.\n///\n/// ```\n/// let slave = 1;\n/// ```\nfn f() {}\n"
    assert segments(content, "rust") == [("comment", "Returns the count.")]


def test_every_language_has_a_working_extractor():
    languages = [entry for entry in FORMATS if entry.code is not None]
    for entry in languages:
        assert callable(extractor_for(entry.name))
        assert extract("x = 1\n", entry.name) == []
    grammars = [entry.code for entry in languages if entry.code.grammar]
    assert all(code_extractor.grammar_for(language) is not None for language in grammars)


def test_pygments_fallback_finds_comments_and_docstrings():
    python = input_format("python").code
    comments, docstrings = code_extractor._pygments_spans('"""Doc."""\n# note\nx = 1\n', python)
    assert comments == [(11, 17)]
    assert docstrings == [(3, 7)]


# --- formats by name and shebang ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "fmt"),
    [
        ("#!/usr/bin/env python3", "python"),
        ("#!/usr/bin/python3.12 -u", "python"),
        ("#!/bin/bash -e", "shell"),
        ("#!/bin/sh", "shell"),
        ("#!/usr/bin/env -S node --harmony", "javascript"),
        ("#!/usr/bin/env ruby", "ruby"),
        ("#!/usr/bin/env Rscript", "r"),
        ("#!/usr/bin/lua5.4", "lua"),
        ("#!/usr/bin/make -f", "make"),
        ("#!/usr/bin/env perl", None),
        ("# not a shebang", None),
        ("", None),
    ],
)
def test_format_by_shebang(line, fmt):
    assert format_for_shebang(line) == fmt
    assert format_for("bin/tool", line) == fmt
    assert format_for("bin/tool") is None


def test_format_by_name_wins_over_the_shebang():
    assert format_for("notes.md", "#!/bin/bash") == "markdown"
    assert format_for("x.py") == "python"
    assert format_for("docs/index.rst") == "rst"
    assert format_for("page.HTML") == "html"
    assert format_for(".git/COMMIT_EDITMSG") == "commit"
    assert format_for("CMakeLists.cmake") is None


def test_an_explicit_script_without_extension_is_read_by_its_shebang(tmp_path):
    content = '#!/usr/bin/env bash\n# deploy to the whitelist hosts\necho "slave"\n'
    assert check(tmp_path, "deploy", content) == [("whitelist", 2, 17, "whitelist")]


# --- malformed, truncated and large files ------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("open.js", "let x = 1;\n/* the whitelist and then the file ends"),
        ("open.c", "int x;\n/**\n * the whitelist\n"),
        ("broken.py", 'def f(:\n    # the whitelist\n    """unterminated docstring'),
        ("broken.rs", "fn main( {\n// the whitelist\n"),
        ("broken.go", "package\n// the whitelist\nfunc {{{{"),
        ("broken.sql", "SELEC FROM WHERE -- the whitelist\n"),
        ("broken.yaml", "a: [b, {c: \n# the whitelist\n"),
        ("broken.lua", "--[[ the whitelist never closed\n"),
        ("broken.rb", "=begin\nthe whitelist never ends\n"),
        ("empty.py", ""),
        ("nul.ts", "// the whitelist \x01\x02\n"),
    ],
)
def test_malformed_code_gives_findings_or_nothing_but_never_crashes(tmp_path, name, content):
    found = check(tmp_path, name, content)
    if "whitelist" not in content:
        assert found == []
    else:
        assert found in ([], [("whitelist", *_position(content, "whitelist"), "whitelist")])


@pytest.mark.parametrize(
    ("name", "content", "line", "column"),
    [
        ("open.js", "let x = 1;\n/* the whitelist and then the file ends", 2, 8),
        ("open.lua", "local x = 1\n--[[ the whitelist never closed\n", 2, 10),
        ("open.rb", "x = 1\n=begin\nthe whitelist never ends\n", 3, 5),
    ],
)
def test_unterminated_block_comment_is_still_checked(tmp_path, name, content, line, column):
    assert check(tmp_path, name, content) == [("whitelist", line, column, "whitelist")]


def test_a_20_mb_file_and_a_100000_character_line_finish(tmp_path):
    function = (
        "def handler_{n}(request, response):\n"
        '    """Handle one request and write the response body."""\n'
        "    result = compute(request.body, response.headers, timeout=30)\n"
        "    # keep the result for the next call to the handler\n"
        "    cache[request.key] = result\n"
        "    return render(result, template='page.html', status=200)\n\n\n"
    )
    body = "".join(function.format(n=n) for n in range(20_000_000 // len(function)))
    started = time.process_time()
    found = check(tmp_path, "big.py", body + "# the whitelist\n")
    assert found == [("whitelist", body.count("\n") + 1, 7, "whitelist")]
    long_line = "x = 1  # " + "word " * 20_000 + "whitelist\n"
    assert check(tmp_path, "long.py", long_line) == [("whitelist", 1, 100_010, "whitelist")]
    assert time.process_time() - started < 30


# --- identifiers -------------------------------------------------------------------------------


def test_identifiers_are_split_at_case_and_underscore_boundaries():
    content = "whitelistIps = MASTER_HOST\nclass HTTPServer: pass\n"
    found = extract_identifiers(content, "python")
    assert [s.text for s in found] == ["whitelist Ips", "MASTER HOST", "HTTP Server"]
    assert {s.context for s in found} == {"identifier"}
    for segment in found:
        for index, char in enumerate(segment.text):
            if char != " ":
                assert content[segment.to_file_offset(index)] == char
    ips = found[0]
    assert ips.to_file_span(10, 13) == (9, 12)  # "Ips"


def test_identifiers_in_other_languages_and_formats():
    assert [s.text for s in extract_identifiers("var blackList = 1;", "javascript")] == [
        "black List"
    ]
    assert [s.text for s in extract_identifiers('<?php $slaveHost = "x";', "php")] == ["slave Host"]
    assert [s.text for s in extract_identifiers("slave_host <- 1", "r")] == ["slave host"]
    assert extract_identifiers("the whitelist", "markdown") == []
    assert split_identifier("__init__") is not None
    assert split_identifier("___") is None


def test_csharp_comments_are_found_by_pygments_as_the_grammar_found_them():
    # The segments the tree-sitter grammar gave for this file before C# moved to
    # Pygments: strings that hold "//" (verbatim, interpolated, raw) are no comments.
    content = (ROOT / "tests" / "fixtures" / "code" / "sample.cs").read_text()
    assert segments(content, "csharp") == [
        ("comment", "Copyright the authors. The whitelist lives here."),
        ("comment", "Block comment: master and slave on two lines"),
        ("comment", "Keeps the blacklist of hosts."),
        ("comment", "the master host"),
        ("comment", "trailing: sanity check"),
        ("comment", "Doc block with the dummy value."),
        ("comment", "inline crazy"),
    ]
