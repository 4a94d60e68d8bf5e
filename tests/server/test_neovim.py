"""Headless Neovim with its built-in LSP client opens a file and reads the diagnostics.

Skipped when ``nvim`` is not installed. The Lua is the set-up of docs/editors.md
(``vim.lsp.start``, Neovim 0.8 and later), with ``vim.lsp.start_client`` for 0.7.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

NVIM = shutil.which("nvim")
pytestmark = pytest.mark.skipif(NVIM is None, reason="nvim is not installed")

SCRIPT = """
local cmd = vim.fn.json_decode(os.getenv("ALLYLINT_SERVER"))
local config = { name = "allylint", cmd = cmd, root_dir = vim.fn.getcwd() }
if vim.lsp.start then
  vim.lsp.start(config)
else
  vim.lsp.buf_attach_client(0, vim.lsp.start_client(config))
end
vim.wait(60000, function() return #vim.diagnostic.get(0) > 0 end, 50)
local found = {}
for _, d in ipairs(vim.diagnostic.get(0)) do
  local lsp = (d.user_data or {}).lsp or {}
  table.insert(found, {
    line = d.lnum, col = d.col, end_col = d.end_col,
    code = d.code or lsp.code, source = d.source, message = d.message,
  })
end
vim.fn.writefile({ vim.fn.json_encode(found) }, os.getenv("ALLYLINT_OUT"))
vim.cmd("qall!")
"""


def test_neovim_shows_the_diagnostics(tmp_path: Path) -> None:
    assert NVIM is not None
    document = tmp_path / "guide.md"
    document.write_text("# Hosts\n\nÜber 😀 hosts on the whitelist.\n", encoding="utf-8")
    script = tmp_path / "allylint.lua"
    script.write_text(SCRIPT, encoding="utf-8")
    out = tmp_path / "diagnostics.json"
    env = {
        "ALLYLINT_SERVER": json.dumps([sys.executable, "-m", "allylint", "server"]),
        "ALLYLINT_OUT": str(out),
        "HOME": str(tmp_path),
        "PATH": "/usr/bin:/bin",
    }
    subprocess.run(
        [NVIM, "--headless", "--clean", str(document), "-c", f"luafile {script}"],
        cwd=tmp_path,
        env=env,
        timeout=120,
        check=True,
        capture_output=True,
    )
    (diagnostic,) = json.loads(out.read_text(encoding="utf-8"))
    # Neovim counts columns in bytes: "Über 😀 hosts on the " is 23 bytes.
    start = len("Über 😀 hosts on the ".encode())
    assert (diagnostic["line"], diagnostic["col"]) == (2, start)
    assert diagnostic["end_col"] == start + len("whitelist")
    assert diagnostic["code"] == "whitelist"
    assert diagnostic["source"] == "allylint"
    assert diagnostic["message"].startswith('"whitelist", consider "allowlist"')
