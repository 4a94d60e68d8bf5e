"""pre-commit, end to end: a real repository, real hooks, real commits.

The hooks run this environment's ``allylint`` through a ``repo: local`` config
with ``language: system``, mirroring the hooks that ``.pre-commit-hooks.yaml``
publishes. That installs nothing, so the test needs no network (a remote
``repo:``, ``try-repo`` or ``language: python`` would pip-install allylint into
pre-commit's own environment).
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

pre_commit_clientlib = pytest.importorskip("pre_commit.clientlib")

ROOT = Path(__file__).resolve().parent.parent
MANIFEST = ROOT / ".pre-commit-hooks.yaml"
BAD = "# Guide\n\nAdd the build agent to the whitelist.\n"
GOOD = "# Guide\n\nAdd the build agent to the allowlist.\n"
WHERE = f"docs/guide.md:3:{BAD.splitlines()[2].index('whitelist') + 1}: whitelist warning"


def _allylint_executable() -> str | None:
    beside = Path(sys.executable).parent / ("allylint.exe" if os.name == "nt" else "allylint")
    if beside.exists():
        return str(beside)
    return shutil.which("allylint")


def _manifest_hooks() -> dict[str, dict]:
    return {hook["id"]: hook for hook in yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))}


def test_manifest_is_valid_for_pre_commit():
    hooks = {hook["id"]: hook for hook in pre_commit_clientlib.load_manifest(str(MANIFEST))}
    assert set(hooks) == {"allylint", "allylint-commit-msg"}
    assert hooks["allylint"]["entry"] == "allylint check"
    assert hooks["allylint"]["language"] == "python"
    # Only formats allylint reads; JSON, CSV and lock files are not handed to it.
    assert {"markdown", "rst", "python", "plain-text"} <= set(hooks["allylint"]["types_or"])
    assert "json" not in hooks["allylint"]["types_or"]
    # The file hook stays out of the commit-msg stage, or it would check the message too.
    assert "commit-msg" not in hooks["allylint"]["stages"]
    assert "pre-commit" in hooks["allylint"]["stages"]
    assert hooks["allylint-commit-msg"]["entry"] == "allylint check --commit-msg"
    assert hooks["allylint-commit-msg"]["language"] == "python"
    assert hooks["allylint-commit-msg"]["stages"] == ["commit-msg"]


def local_config(executable: str) -> dict:
    """The published hooks, run by ``executable`` with ``language: system``."""
    hooks = []
    for hook in _manifest_hooks().values():
        command, _, arguments = hook["entry"].partition(" ")
        assert command == "allylint", hook["entry"]
        local = {key: value for key, value in hook.items() if key != "description"}
        local.update(entry=f"{shlex.quote(executable)} {arguments}", language="system")
        hooks.append(local)
    return {"repos": [{"repo": "local", "hooks": hooks}]}


class Repo:
    def __init__(self, path: Path, env: dict[str, str]) -> None:
        self.path = path
        self.env = env

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            args, cwd=self.path, env=self.env, capture_output=True, text=True, timeout=120
        )

    def git(self, *args: str) -> subprocess.CompletedProcess[str]:
        done = self.run("git", *args)
        return done

    def pre_commit(self, *args: str) -> subprocess.CompletedProcess[str]:
        return self.run(sys.executable, "-m", "pre_commit", *args)

    def write(self, name: str, text: str) -> None:
        target = self.path / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")


@pytest.fixture
def repo(tmp_path) -> Repo:
    executable = _allylint_executable()
    if executable is None:
        pytest.skip("the allylint executable of this environment is not installed")
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    home = tmp_path / "home"
    home.mkdir()
    (home / ".gitconfig").write_text(
        "[user]\n\tname = Test\n\temail = test@example.com\n"
        "[commit]\n\tgpgsign = false\n[init]\n\tdefaultBranch = main\n",
        encoding="utf-8",
    )
    # A git and a pre-commit of their own: no user or system configuration
    # (a global core.hooksPath would stop `pre-commit install`), no cache.
    env = {key: value for key, value in os.environ.items() if not key.startswith("GIT_")}
    env.update(
        HOME=str(home),
        GIT_CONFIG_NOSYSTEM="1",
        GIT_CONFIG_GLOBAL=str(home / ".gitconfig"),
        PRE_COMMIT_HOME=str(tmp_path / "pre-commit-home"),
        PRE_COMMIT_COLOR="never",
        NO_COLOR="1",
    )
    path = tmp_path / "repo"
    path.mkdir()
    repository = Repo(path, env)
    assert repository.git("init", "-q").returncode == 0
    config = local_config(executable)
    repository.write(".pre-commit-config.yaml", yaml.safe_dump(config, sort_keys=False))
    pre_commit_clientlib.load_config(str(path / ".pre-commit-config.yaml"))
    assert repository.git("add", ".pre-commit-config.yaml").returncode == 0
    return repository


def commit_msg_supported(repo: Repo) -> bool:
    executable = _allylint_executable()
    assert executable is not None
    return "--commit-msg" in repo.run(executable, "check", "--help").stdout


def test_pre_commit_blocks_exclusionary_wording_then_lets_the_fix_through(repo):
    assert repo.pre_commit("install", "--hook-type", "pre-commit").returncode == 0
    repo.write("docs/guide.md", BAD)
    repo.git("add", "docs/guide.md")

    done = repo.pre_commit("run", "--files", "docs/guide.md")
    assert done.returncode == 1, done.stdout + done.stderr
    assert WHERE in done.stdout
    assert "allowlist" in done.stdout

    done = repo.git("commit", "-q", "-m", "Add the guide")
    assert done.returncode != 0
    output = done.stdout + done.stderr
    assert WHERE in output
    assert repo.git("rev-parse", "--verify", "-q", "HEAD").returncode != 0  # nothing committed

    repo.write("docs/guide.md", GOOD)
    repo.git("add", "docs/guide.md")
    done = repo.git("commit", "-q", "-m", "Add the guide")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Passed" in done.stdout + done.stderr
    log = repo.git("log", "--format=%s").stdout.splitlines()
    assert log == ["Add the guide"]


def test_commit_msg_hook_checks_the_message(repo):
    if not commit_msg_supported(repo):
        pytest.skip("`allylint check --commit-msg` is not available yet in this build")
    assert repo.pre_commit("install", "--hook-type", "commit-msg").returncode == 0
    repo.write("notes.txt", "Plain notes.\n")
    repo.git("add", "notes.txt")

    done = repo.git("commit", "-q", "-m", "Add the build agent to the whitelist")
    output = done.stdout + done.stderr
    assert done.returncode != 0
    assert "allylint (commit message)" in output
    assert "Traceback" not in output
    assert "COMMIT_EDITMSG:1:28: whitelist warning" in output
    assert "- hook id: allylint\n" not in output  # the file hook did not run on the message

    done = repo.git("commit", "-q", "-m", "Add the build agent to the allowlist")
    assert done.returncode == 0, done.stdout + done.stderr
    assert repo.git("log", "--format=%s").stdout.splitlines() == [
        "Add the build agent to the allowlist"
    ]
