"""The output-format registry: each entry makes its reporter, and the command line
and the configuration offer exactly its formats."""

from __future__ import annotations

import io
import sys

import pytest
from click.testing import CliRunner

from allylint.cli.main import main
from allylint.config.loader import ConfigError, parse_config
from allylint.report.common import Summary
from allylint.report.registry import FORMATS, OUTPUT_FORMATS


@pytest.mark.parametrize("entry", OUTPUT_FORMATS.values(), ids=lambda entry: entry.name)
def test_every_entry_makes_a_reporter_that_writes_a_report(entry):
    stream = io.StringIO()
    reporter = entry.make(stream, color=False)
    reporter.finish(Summary(files=1, checked=["a.md"], rules=()))
    module = sys.modules[entry.reporter.partition(":")[0]]
    assert type(reporter).__module__ == module.__name__
    assert entry.help and entry.suffix.startswith(".") and "/" in entry.media_type
    if not entry.streams:  # a whole document, written at the end
        assert stream.getvalue().lstrip().startswith(("{", "<?xml", "<!DOCTYPE"))


def test_only_the_text_format_is_terminal():
    assert [entry.name for entry in OUTPUT_FORMATS.values() if entry.terminal] == ["text"]


def test_the_command_line_offers_the_registrys_formats():
    result = CliRunner().invoke(main, ["check", "--help"])
    for entry in OUTPUT_FORMATS.values():
        assert entry.name in result.output
    assert f"[{'|'.join(FORMATS)}]" in result.output.replace("\n", "").replace(" ", "")
    result = CliRunner().invoke(main, ["check", "--format", "yaml", "--stdin"], input="")
    assert result.exit_code == 2 and "'yaml' is not one of" in result.output


def test_the_configuration_accepts_the_registrys_formats_and_names_them_when_wrong(tmp_path):
    path = tmp_path / ".allylint.yaml"
    for name in FORMATS:
        assert parse_config({"format": name}, path).format == name
    with pytest.raises(ConfigError) as error:
        parse_config({"format": "yaml"}, path)
    assert "format" in str(error.value) and ", ".join(FORMATS) in str(error.value)
