"""``--format html``: the page's content and structure, and a real render in Chromium."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import time
from html.parser import HTMLParser
from pathlib import Path

import pytest

GUIDE = """\
# Setup

Add the host to the whitelist <b>first</b>.

Each user must change his password.
"""
NOTES = "Run a sanity check, then update the blacklist & the whitelist.\n"

_CHECK = [sys.executable, "-m", "allylint", "check", "--no-cache", "--format", "html"]
_VOID = {"meta", "link", "br", "img", "input", "hr", "rect", "source", "wbr"}


class _Page(HTMLParser):
    """Collects what the checks look at, and checks that every element is closed."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self.in_script = tag in ("script", "style")
        if tag not in _VOID:
            self.open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        assert self.open and self.open[-1] == tag, f"</{tag}> closes <{self.open[-1:]}>"
        self.open.pop()
        self.in_script = False

    def handle_data(self, data: str) -> None:
        if not self.in_script:
            self.text.append(data)

    def all(self, tag: str) -> list[dict[str, str | None]]:
        return [attrs for name, attrs in self.tags if name == tag]


def _report(tmp_path: Path, *paths: str) -> tuple[subprocess.CompletedProcess[str], Path]:
    docs = tmp_path / "docs"
    docs.mkdir(exist_ok=True)
    (docs / "guide.md").write_text(GUIDE, encoding="utf-8")
    (docs / "notes.txt").write_text(NOTES, encoding="utf-8")
    (docs / "clean.md").write_text("Nothing to see here.\n", encoding="utf-8")
    output = tmp_path / "report.html"
    result = subprocess.run(
        [*_CHECK, "--output", str(output), *(paths or ["docs"])],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    return result, output


def _parsed(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    page.close()
    assert page.open == []
    return page


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, _Page]:
    tmp_path = tmp_path_factory.mktemp("html")
    result, output = _report(tmp_path)
    assert result.returncode == 1, result.stderr
    assert "report written to" in result.stdout
    return output, _parsed(output)


def test_the_page_holds_every_finding_its_count_and_context(report):
    output, page = report
    text = " ".join("".join(page.text).split())
    assert "Checked 3 files: 5 findings (5 warnings) in 2 files." in text
    assert "Showing all 5 findings." in text
    for words in ("whitelist", "his", "sanity check", "blacklist"):
        assert f"{words}" in text
    # The line in context, the matched words marked, what to write instead and why.
    assert "Add the host to the <mark>whitelist</mark> &lt;b&gt;first&lt;/b&gt;." in (
        output.read_text(encoding="utf-8")
    )
    assert 'Consider "allowlist", "allow list" or "permit list".' in text
    assert "Learn more: allylint explain whitelist" in text
    assert "Line 3, column 21" in text


def test_the_page_is_self_contained(report):
    output, page = report
    source = output.read_text(encoding="utf-8")
    assert not page.all("link") and not page.all("img") and not page.all("iframe")
    assert all(script.get("src") is None for script in page.all("script"))
    assert all((a.get("href") or "").startswith("#") for a in page.all("a"))
    assert "url(" not in source and "@import" not in source
    assert not re.search(r"(?:src|href)=\"(?:https?:)?//", source)


def test_the_page_is_structured_for_assistive_technology(report):
    _, page = report
    assert page.all("html")[0]["lang"] == "en"
    assert len(page.all("h1")) == 1
    for landmark in ("header", "main", "footer"):
        assert len(page.all(landmark)) == 1
    assert page.all("form")[0]["role"] == "search"
    labels = {attrs["for"] for attrs in page.all("label")}
    assert {attrs["id"] for attrs in page.all("select")} == labels
    assert len(page.all("caption")) == 1
    assert {attrs.get("scope") for attrs in page.all("th")} == {"col", "row"}
    for svg in page.all("svg"):
        assert svg["role"] == "img" and svg["aria-labelledby"]
    assert any(attrs.get("aria-live") == "polite" for attrs in page.all("p"))
    assert page.all("a")[0]["class"] == "skip"


def test_files_are_ordered_by_findings_and_link_to_their_section(report):
    _, page = report
    rows = [a["href"] for a in page.all("a") if (a.get("href") or "").startswith("#file-")]
    assert rows == ["#file-1", "#file-2"]
    sections = [s["id"] for s in page.all("section") if s.get("class") == "file"]
    assert sections == ["file-1", "file-2"]
    text = "".join(page.text)
    assert text.index("docs/notes.txt (3 findings)") < text.index("docs/guide.md (2 findings)")


def test_a_clean_tree_gives_a_page_that_says_so(tmp_path):
    (tmp_path / "docs").mkdir()
    result, output = _report(tmp_path, "docs/clean.md")
    assert result.returncode == 0
    page = _parsed(output)
    assert "Checked 1 file: no findings." in "".join(page.text)
    assert not page.all("form")


def _chromium() -> str | None:
    return next(
        (
            found
            for name in ("chromium", "chromium-browser", "google-chrome")
            if (found := shutil.which(name))
        ),
        None,
    )


def _headless(*arguments: str) -> subprocess.CompletedProcess[str]:
    browser = _chromium()
    if browser is None:
        pytest.skip("no Chromium installed")
    return subprocess.run(
        [browser, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", *arguments],
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_chromium_renders_the_page_and_its_filters_work(tmp_path):
    if _chromium() is None:
        pytest.skip("no Chromium installed")
    result, output = _report(tmp_path)
    assert result.returncode == 1
    screenshot = tmp_path / "report.png"
    shot = _headless("--window-size=1280,2000", f"--screenshot={screenshot}", output.as_uri())
    assert screenshot.stat().st_size > 10_000, shot.stderr

    dom = _headless("--dump-dom", output.as_uri()).stdout
    assert '<form id="filters" class="filters" role="search" aria-label="Filter findings">' in dom
    assert "Showing all 5 findings." in dom

    # Choose a rule as a person would, by changing the select, then read the page again.
    chosen = output.with_name("filtered.html")
    chosen.write_text(
        output.read_text(encoding="utf-8").replace(
            "</body>",
            "<script>var s = document.getElementById('filter-rule'); s.value = 'whitelist';"
            "s.form.dispatchEvent(new Event('change'));</script></body>",
        ),
        encoding="utf-8",
    )
    filtered = _headless("--dump-dom", chosen.as_uri()).stdout
    assert "Showing 2 of 5 findings." in filtered
    assert filtered.count('class="finding"') == 5
    assert filtered.count('data-rule="whitelist" hidden=""') == 0
    assert (
        len(
            re.findall(r'<li class="finding"[^>]*data-rule="(?!whitelist)[^"]*" hidden', (filtered))
        )
        == 3
    )


def test_ten_thousand_findings_stay_fast(tmp_path):
    from allylint.findings.model import Finding
    from allylint.report.common import Summary
    from allylint.report.html import render
    from tests.conftest import findings

    base = findings("Add the host to the whitelist, each user and his blacklist.\n", "a.md")
    docs = tmp_path / "docs"
    docs.mkdir()
    many: list[Finding] = []
    for number in range(200):
        path = docs / f"page{number}.md"
        path.write_text("Add the host to the whitelist, each user and his blacklist.\n" * 17)
        for line in range(1, 18):
            for finding in base:
                many.append(_moved(finding, str(path), line))
    many = many[:10_000]
    assert len(many) == 10_000
    summary = Summary(files=200)
    for finding in many:
        summary.add(finding)
    started = time.process_time()
    page = render(many, summary)
    assert time.process_time() - started < 10
    assert page.count('<li class="finding"') == 10_000
    assert len(page.encode("utf-8")) < 15_000_000
    if _chromium() is None:
        return
    output = tmp_path / "large.html"
    output.write_text(page, encoding="utf-8")
    started = time.perf_counter()
    result = _headless("--dump-dom", output.as_uri())
    assert time.perf_counter() - started < 60
    assert "Showing all 10000 findings." in result.stdout


def _moved(finding, path: str, line: int):
    import dataclasses

    return dataclasses.replace(finding, path=path, line=line, end_line=line)
