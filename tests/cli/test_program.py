"""The allylint program around the command line: a reader that goes away, a full disk."""

import subprocess
import sys


def _check(tmp_path, *args, **kwargs):
    (tmp_path / "a.md").write_text("Add the host to the whitelist.\n" * 2000)
    return subprocess.run(
        [sys.executable, "-m", "allylint", "check", "--no-cache", *args, "a.md"],
        cwd=tmp_path,
        stderr=subprocess.PIPE,
        timeout=120,
        check=False,
        **kwargs,
    )


def test_a_reader_that_goes_away_ends_the_run_quietly(tmp_path):
    reader = subprocess.Popen(
        ["head", "-c", "10"], stdin=subprocess.PIPE, stdout=subprocess.DEVNULL
    )
    run = _check(tmp_path, stdout=reader.stdin)
    reader.stdin.close()
    reader.wait()
    assert b"Traceback" not in run.stderr and b"BrokenPipe" not in run.stderr
    assert run.returncode == 1


def test_a_full_standard_output_is_an_error(tmp_path):
    with open("/dev/full", "wb") as full:
        run = _check(tmp_path, stdout=full)
    assert run.returncode == 2
    assert b"cannot write the output: No space left on device" in run.stderr
    assert b"Traceback" not in run.stderr
