"""A project's configured checker, as the Sphinx and MkDocs integrations load it."""

import pytest

from allylint.project import ProjectError, load_project_checker


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_the_configuration_around_the_docs_is_applied(tmp_path):
    write(
        tmp_path / ".allylint.yaml",
        "ignore: [slave]\nexclude: ['docs/old/**']\nfail-on: warning\n",
    )
    docs = tmp_path / "docs"
    docs.mkdir()
    checker = load_project_checker(docs)
    result = checker.check("The whitelist.\n\nRestart the slave.\n", "docs/a.md", "markdown")
    rules = [f.rule_id for f in result.findings]
    assert "whitelist" in rules and "slave" not in rules
    assert all(checker.fails(f) == (f.severity in {"warning", "error"}) for f in result.findings)
    assert checker.excludes(tmp_path / "docs" / "old" / "page.md")
    assert not checker.excludes(tmp_path / "docs" / "page.md")


def test_without_configuration_the_defaults_check(tmp_path):
    checker = load_project_checker(tmp_path)
    result = checker.check("Restart the slave.\n", "a.md", "markdown")
    assert [f.rule_id for f in result.findings] == ["slave"]
    assert not checker.excludes(tmp_path / "a.md")


def test_fail_on_overrides_and_is_validated(tmp_path):
    checker = load_project_checker(tmp_path, fail_on="error")
    [finding] = checker.check("The whitelist.\n", "a.md", "markdown").findings
    assert finding.severity == "warning" and not checker.fails(finding)
    with pytest.raises(ProjectError, match="fail_on: 'loud'"):
        load_project_checker(tmp_path, fail_on="loud")


def test_a_missing_or_invalid_configuration_is_a_project_error(tmp_path):
    with pytest.raises(ProjectError, match="does not exist"):
        load_project_checker(tmp_path, config_file=tmp_path / "nope.yaml")
    bad = write(tmp_path / "bad" / ".allylint.yaml", "ignore: [\n")
    with pytest.raises(ProjectError, match=r"\.allylint\.yaml"):
        load_project_checker(bad.parent)
