import re
import subprocess

INVALID_CONFIGURATION = "select: [whitelist]\nfail-on: sometimes\n"


def assert_clear_configuration_error(result: subprocess.CompletedProcess[str]) -> None:
    """The build failed on INVALID_CONFIGURATION, naming file, line and key, no traceback."""
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    pattern = r"allylint: invalid configuration: \S+\.allylint\.yaml:2: key 'fail-on'"
    assert re.search(pattern, result.stderr), result.stderr
