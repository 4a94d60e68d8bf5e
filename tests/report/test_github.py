"""``--format github`` (workflow commands) and the composite action in action.yml."""

import io
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from allylint.cli.main import main
from allylint.findings.model import Finding
from allylint.report.common import Summary
from allylint.report.github import GithubReporter, escape_data, escape_property
from allylint.rules.model import Alternative, Rule, Term
from tests.conftest import docs_project, finding_of

ROOT = Path(__file__).resolve().parents[2]
COMMAND = re.compile(r"^::(?P<kind>error|warning|notice) (?P<props>[^:]*)::(?P<message>.*)$")


def unescape(value: str) -> str:
    for escaped, raw in (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")):
        value = value.replace(escaped, raw)
    return value


def parse(line: str) -> tuple[str, dict[str, str], str]:
    """One workflow command: its kind, its properties and its message, unescaped."""
    match = COMMAND.match(line)
    assert match, line
    props = dict(prop.split("=", 1) for prop in match["props"].split(","))
    return match["kind"], {k: unescape(v) for k, v in props.items()}, unescape(match["message"])


@pytest.fixture
def project(tmp_path, monkeypatch):
    guide = "# Guide\n\nAdd the host to the whitelist.\n\nRestart the slave.\n"
    return docs_project(tmp_path, monkeypatch, guide)


def test_one_command_per_finding_with_location_and_rule(project):
    result = CliRunner().invoke(main, ["check", "--format", "github", "docs"])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    kind, props, message = parse(lines[0])
    assert kind == "warning"
    assert props == {
        "file": "docs/guide.md",
        "line": "3",
        "col": "21",
        "endLine": "3",
        "endColumn": "30",
        "title": "whitelist",
    }
    assert message.startswith('"whitelist", consider "allowlist"')
    assert "allylint explain whitelist" in message
    assert "\n" in message  # several lines, sent as one command
    kind, props, message = parse(lines[1])
    assert (kind, props["title"], props["line"], props["col"]) == ("error", "slave", "5", "13")
    assert '"replica"' in message


def test_clean_run_prints_nothing(project):
    result = CliRunner().invoke(main, ["check", "--format", "github", "docs/clean.md"])
    assert result.exit_code == 0
    assert result.stdout == ""


def test_escaping_follows_the_actions_toolkit():
    assert escape_data("100% done\r\nnext: a, b") == "100%25 done%0D%0Anext: a, b"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"


def _finding(path: str, severity: str, line: int, end_line: int) -> Finding:
    rule = Rule(
        id="frob",
        category="custom",
        severity=severity,
        terms=(Term("frob"),),
        alternatives=(Alternative("tweak"),),
        message="Made up: 100% for the test,\nwith a line break.",
        learn=("why-words-matter",),
    )
    return finding_of(rule, path, line, 4, end_line, 2, "frob\nbed")


def test_info_is_a_notice_and_properties_are_escaped():
    stream = io.StringIO()
    reporter = GithubReporter(stream)
    reporter.finding(_finding("odd, name: x%.md", "info", 2, 2))
    reporter.finish(Summary(files=1))
    (line,) = stream.getvalue().splitlines()
    kind, props, message = parse(line)
    assert kind == "notice"
    assert props["file"] == "odd, name: x%.md"
    assert "Made up: 100% for the test,\nwith a line break." in message


def test_a_finding_over_two_lines_has_no_columns():
    stream = io.StringIO()
    GithubReporter(stream).finding(_finding("a.md", "error", 2, 3))
    kind, props, _ = parse(stream.getvalue().strip())
    assert kind == "error"
    assert props == {"file": "a.md", "line": "2", "endLine": "3", "title": "frob"}


# The composite action ---------------------------------------------------------


@pytest.fixture(scope="module")
def action() -> dict:
    return yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))


def test_action_is_composite_with_documented_inputs(action):
    assert action["runs"]["using"] == "composite"
    inputs = action["inputs"]
    assert inputs["paths"]["default"] == "."
    # Empty inputs leave the project's configuration in charge.
    assert inputs["format"]["default"] == ""
    assert inputs["fail-on"]["default"] == ""
    assert inputs["sarif-file"]["default"] == ""
    assert inputs["upload-sarif"]["default"] == "false"
    assert "sarif-file" in action["outputs"]
    steps = action["runs"]["steps"]
    uses = [step.get("uses", "") for step in steps]
    assert any(use.startswith("actions/setup-python@") for use in uses)
    cache = next(step for step in steps if step.get("uses", "").startswith("actions/cache@"))
    assert "steps.version.outputs.version" in cache["with"]["key"]
    assert "steps.python.outputs.python-version" in cache["with"]["key"]
    upload = next(s for s in steps if s.get("uses", "").startswith("github/codeql-action/upload"))
    assert upload["if"] == "inputs.upload-sarif == 'true'"
    assert uses.index(upload["uses"]) < [s.get("id") for s in steps].index("check")
    install = next(step for step in steps if "pip install" in step.get("run", ""))
    assert "github.action_path" in json.dumps(install)
    for step in steps:
        # Inputs reach scripts through the environment, never pasted into the script.
        assert "${{" not in step.get("run", ""), step.get("name")
        if "run" in step:
            assert step["shell"] == "bash"


def _allylint_executable() -> str | None:
    beside = Path(sys.executable).parent / "allylint"
    if beside.exists():
        return str(beside)
    return shutil.which("allylint")


class ActionSteps:
    """Runs the action's `run:` steps with bash, as the runner would, in a project."""

    def __init__(self, action: dict, project: Path, executable: str, bash: str) -> None:
        self.steps = {step.get("id"): step for step in action["runs"]["steps"]}
        self.project = project
        self.bash = bash
        self.output = project / "github-output"
        self.env = {
            **os.environ,
            "ALLYLINT": executable,
            "ACTION_PATH": str(ROOT),
            "RUNNER_TEMP": str(project / "runner-temp"),
            "GITHUB_ACTIONS": "true",
            "GITHUB_OUTPUT": str(self.output),
            "INPUT_PATHS": ".",
            "INPUT_FORMAT": "",
            "INPUT_FAIL_ON": "",
            "INPUT_SARIF_FILE": "",
            "INPUT_ARGS": "",
        }
        (project / "runner-temp").mkdir()

    def run(self, step_id: str, **inputs: str) -> subprocess.CompletedProcess[str]:
        step = self.steps[step_id]
        env = {**self.env, **inputs}
        assert set(step.get("env", {})) <= set(env), step_id
        self.output.write_text("", encoding="utf-8")
        return subprocess.run(
            [self.bash, "-c", step["run"]],
            cwd=self.project,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )

    def outputs(self) -> dict[str, str]:
        lines = self.output.read_text(encoding="utf-8").splitlines()
        return dict(line.split("=", 1) for line in lines)


@pytest.fixture
def steps(action, project) -> ActionSteps:
    executable = _allylint_executable()
    bash = shutil.which("bash")
    if executable is None or bash is None:
        pytest.skip("needs bash and the allylint executable of this environment")
    return ActionSteps(action, project, executable, bash)


def test_action_leaves_fail_on_and_format_to_the_configuration(steps, project):
    (project / "docs" / "guide.md").write_text("Add the host to the whitelist.\n")
    (project / ".allylint.yaml").write_text("fail-on: error\n")
    done = steps.run("check")
    assert done.returncode == 0, done.stderr  # a warning, and the project fails on errors
    # No format given: annotations, chosen by allylint inside GitHub Actions.
    assert [parse(line)[0] for line in done.stdout.splitlines()] == ["warning"]
    done = steps.run("check", INPUT_FAIL_ON="warning", INPUT_FORMAT="json")
    assert done.returncode == 1, done.stderr
    assert json.loads(done.stdout)[0]["rule"] == "whitelist"


def test_action_check_step_paths_and_args(steps):
    done = steps.run("check", INPUT_PATHS="docs/guide.md\n  docs/clean.md", INPUT_ARGS="-q")
    assert done.returncode == 1, done.stderr
    assert [parse(line)[0] for line in done.stdout.splitlines()] == ["warning", "error"]
    done = steps.run("check", INPUT_PATHS="", INPUT_ARGS="--ignore slave,whitelist")
    assert done.returncode == 0, done.stderr  # an empty `paths` means the current folder


def test_action_sarif_step_writes_the_log_without_failing(steps, project):
    done = steps.run("sarif", INPUT_SARIF_FILE="reports/allylint.sarif")
    assert done.returncode == 0, done.stderr
    log = json.loads((project / "reports" / "allylint.sarif").read_text(encoding="utf-8"))
    assert [r["ruleId"] for r in log["runs"][0]["results"]] == ["whitelist", "slave"]
    assert steps.outputs() == {"sarif-file": "reports/allylint.sarif"}
    # upload-sarif without a path: a log in the runner's temporary folder.
    done = steps.run("sarif")
    assert done.returncode == 0, done.stderr
    assert steps.outputs() == {"sarif-file": str(project / "runner-temp" / "allylint.sarif")}


def test_action_reads_the_version_that_keys_its_cache(steps):
    from allylint.version import __version__

    done = steps.run("version")
    assert done.returncode == 0, done.stderr
    assert steps.outputs()["version"] == __version__
