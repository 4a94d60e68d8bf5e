"""A folder mixing every format: each file's prose is checked, its code is not.

Only the stable rules below are asserted, so that rules added later do not
break this test.
"""

from __future__ import annotations

from pathlib import Path

from allylint import lint_paths
from tests.conftest import STABLE_RULES

MIXED = Path(__file__).resolve().parent / "fixtures" / "mixed"

EXPECTED = [
    ("COMMIT_EDITMSG", "slave", 1, 11),
    ("COMMIT_EDITMSG", "sanity-check", 3, 7),
    ("Dockerfile", "whitelist", 1, 13),
    ("Makefile", "whitelist", 1, 13),
    ("README.md", "whitelist", 3, 21),
    ("analysis/model.R", "whitelist", 1, 5),
    ("analysis/model.R", "crazy", 2, 28),
    ("config/app.toml", "whitelist", 1, 7),
    ("config/app.toml", "sanity-check", 3, 15),
    ("config/settings.yaml", "whitelist", 1, 16),
    ("config/settings.yaml", "crazy", 2, 25),
    ("db/schema.sql", "whitelist", 1, 4),
    ("db/schema.sql", "slave", 2, 37),
    ("docs/index.rst", "whitelist", 5, 26),
    ("docs/index.rst", "sanity-check", 11, 17),
    ("docs/index.rst", "slave", 21, 33),
    ("docs/index.rst", "whitelist", 26, 24),
    ("docs/page.html", "whitelist", 6, 21),
    ("docs/page.html", "slave", 8, 48),
    ("infra/main.tf", "whitelist", 1, 13),
    ("infra/main.tf", "sanity-check", 3, 6),
    ("notes.txt", "crazy", 2, 19),
    ("scripts/deploy.sh", "whitelist", 2, 17),
    ("scripts/deploy.sh", "crazy", 3, 28),
    ("scripts/init.lua", "whitelist", 1, 8),
    ("scripts/init.lua", "slave", 2, 10),
    ("src/App.kt", "whitelist", 1, 11),
    ("src/Main.java", "whitelist", 1, 9),
    ("src/Main.java", "slave", 1, 46),
    ("src/Main.java", "sanity-check", 3, 28),
    ("src/Main.scala", "whitelist", 1, 10),
    ("src/Program.cs", "whitelist", 1, 24),
    ("src/View.swift", "crazy", 1, 6),
    ("src/View.swift", "whitelist", 2, 26),
    ("src/app.py", "whitelist", 1, 33),
    ("src/app.py", "slave", 3, 32),
    ("src/app.py", "sanity-check", 7, 42),
    ("src/index.php", "whitelist", 2, 7),
    ("src/index.php", "sanity-check", 3, 26),
    ("src/lib.rs", "whitelist", 1, 9),
    ("src/lib.rs", "slave", 3, 17),
    ("src/lib.rs", "crazy", 9, 10),
    ("src/main.go", "slave", 3, 28),
    ("src/main.go", "sanity-check", 5, 27),
    ("src/server.js", "whitelist", 1, 19),
    ("src/server.js", "crazy", 2, 33),
    ("src/server.js", "slave", 3, 23),
    ("src/task.rb", "whitelist", 1, 21),
    ("src/task.rb", "slave", 3, 13),
    ("src/types.ts", "whitelist", 2, 18),
    ("src/types.ts", "sanity-check", 4, 43),
    ("src/util.c", "whitelist", 2, 14),
    ("src/util.c", "crazy", 3, 33),
    ("src/util.hpp", "slave", 1, 23),
]


def test_every_format_in_a_folder_is_found_and_checked_exactly():
    notices = []
    found = [
        (Path(f.path).relative_to(MIXED).as_posix(), f.rule_id, f.line, f.column)
        for f in lint_paths([MIXED], on_notice=notices.append)
        if f.rule_id in STABLE_RULES
    ]
    assert sorted(found) == sorted(EXPECTED)
    assert notices == []


def test_each_finding_points_at_its_words_in_the_file():
    for f in lint_paths([MIXED]):
        if f.rule_id not in STABLE_RULES:
            continue
        text = (MIXED / Path(f.path).relative_to(MIXED)).read_text(encoding="utf-8")
        line = text.splitlines()[f.line - 1]
        assert line[f.column - 1 :].lower().startswith(f.text.lower()), (f.path, f.line)
        assert f.text.lower().replace("-", " ").split()[0] in {
            "whitelist",
            "slave",
            "sanity",
            "crazy",
        }
