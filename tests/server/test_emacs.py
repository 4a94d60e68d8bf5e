"""Emacs with eglot, in batch mode, opens a file and reads the diagnostics.

Skipped when ``emacs`` is not installed or has no eglot (built in from Emacs 29;
from GNU ELPA, Debian's ``elpa-eglot``, before). The Lisp is the set-up of
docs/editors.md, with the server command of this test's Python.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

EMACS = shutil.which("emacs")


def _has_eglot() -> bool:
    if EMACS is None:
        return False
    probe = subprocess.run(
        [EMACS, "--batch", "--eval", "(progn (package-initialize) (require 'eglot))"],
        capture_output=True,
        timeout=60,
    )
    return probe.returncode == 0


pytestmark = pytest.mark.skipif(not _has_eglot(), reason="emacs with eglot is not installed")

SCRIPT = """
(package-initialize)
(require 'eglot)
(with-eval-after-load 'eglot
  (add-to-list 'eglot-server-programs
               '((markdown-mode gfm-mode rst-mode) . {command})))
(dolist (hook '(markdown-mode-hook gfm-mode-hook rst-mode-hook))
  (add-hook hook #'eglot-ensure))
(find-file "guide.rst")
;; eglot-ensure starts the server after the command that opened the file.
(run-hooks 'post-command-hook)
(let ((deadline (+ (float-time) 60)))
  (while (and (< (float-time) deadline) (null (flymake-diagnostics)))
    (accept-process-output nil 0.1)))
;; Read in the file's buffer: with-temp-file makes another one current.
(let ((found (mapcar (lambda (d)
                       (list (cons 'type (symbol-name (flymake-diagnostic-type d)))
                             (cons 'start (flymake-diagnostic-beg d))
                             (cons 'end (flymake-diagnostic-end d))
                             (cons 'text (flymake-diagnostic-text d))))
                     (flymake-diagnostics))))
  (with-temp-file "diagnostics.json"
    (insert (json-encode found))))
(kill-emacs 0)
"""


def test_emacs_eglot_shows_the_diagnostics(tmp_path: Path) -> None:
    assert EMACS is not None
    text = "Hosts\n=====\n\nÜber 😀 hosts on the whitelist.\n"
    (tmp_path / "guide.rst").write_text(text, encoding="utf-8")
    command = (
        "("
        + " ".join(json.dumps(part) for part in [sys.executable, "-m", "allylint", "server"])
        + ")"
    )
    script = tmp_path / "allylint.el"
    script.write_text(SCRIPT.replace("{command}", command), encoding="utf-8")
    subprocess.run(
        [EMACS, "--batch", "-l", str(script)],
        cwd=tmp_path,
        env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"},
        timeout=120,
        check=True,
        capture_output=True,
    )
    (diagnostic,) = json.loads((tmp_path / "diagnostics.json").read_text(encoding="utf-8"))
    # Emacs counts characters from 1: the emoji is one, as LSP's two UTF-16 units say.
    start = text.index("whitelist") + 1
    assert (diagnostic["start"], diagnostic["end"]) == (start, start + len("whitelist"))
    assert diagnostic["type"] == "eglot-warning"
    assert diagnostic["text"].startswith('allylint [whitelist]: "whitelist", consider "allowlist"')
