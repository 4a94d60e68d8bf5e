"""Settings: a configuration and overrides resolved, once, into what a check uses."""

import pickle
from pathlib import Path

import pytest

from allylint.config.loader import Config, load_config_file
from allylint.config.settings import (
    Overrides,
    Settings,
    SettingsError,
    load_settings,
    resolve,
)
from allylint.rules.loader import builtin_rules

TEAM_RULES = """\
rules:
  - id: team-only
    category: team
    severity: info
    enabled: false
    match: [plan]
    alternatives: [scheme]
    message: m
    learn: [gender]
"""


def rule_states(settings: Settings, *ids: str) -> list[tuple[str, bool, str]]:
    return [(r.id, r.enabled, r.severity) for r in settings.rules if r.id in ids]


def test_defaults_are_the_built_in_rules_as_they_are():
    settings = resolve(Config())
    assert settings.rules == builtin_rules()
    assert (settings.fail_on, settings.output_format, settings.allow) == ("warning", "text", ())
    assert settings.exclusions() is None


def test_select_ignore_and_severity_by_id_or_category():
    config = Config(
        select=("tech-metaphors", "crazy"),
        ignore=("slave",),
        severity={"tech-metaphors": "error", "whitelist": "info"},
    )
    settings = resolve(config)
    assert sorted(
        rule_states(settings, "whitelist", "blacklist", "slave", "crazy", "he-or-she")
    ) == [
        ("blacklist", True, "error"),
        ("crazy", True, "warning"),
        ("he-or-she", False, "info"),
        ("slave", False, "error"),
        ("whitelist", True, "info"),
    ]


def test_a_configured_severity_holds_for_every_term_of_the_rule():
    rule = resolve(Config(severity={"lunatic": "error"})).rules.get("lunatic")
    assert rule is not None
    hysterical = next(term for term in rule.terms if term.phrase == "hysterical")
    assert rule.severity_for(hysterical) == "error"  # its own severity is info
    built_in = builtin_rules().get("lunatic")
    assert built_in is not None
    [own] = [term for term in built_in.terms if term.phrase == "hysterical"]
    assert built_in.severity_for(own) == "info"


def test_overrides_replace_or_extend_the_files_values(tmp_path):
    (tmp_path / "team.yaml").write_text(TEAM_RULES)
    config = Config(ignore=("slave",), exclude=("vendor/",), fail_on="never", format="json")
    overrides = Overrides(
        select=("team-only",),
        exclude=("old/",),
        rule_files=(tmp_path / "team.yaml",),
        fail_on="info",
        output_format="sarif",
    )
    settings = resolve(config, overrides)
    assert [r.id for r in settings.rules.active] == ["team-only"]
    assert settings.exclude == ("vendor/", "old/")
    assert (settings.fail_on, settings.output_format) == ("info", "sarif")
    # An --ignore adds to the file's ignore list: what the project turned off stays off.
    added = resolve(config, Overrides(ignore=("whitelist",)))
    assert sorted(rule_states(added, "slave", "whitelist")) == [
        ("slave", False, "error"),
        ("whitelist", False, "warning"),
    ]
    # --extend-select adds to the selection; ignore still wins.
    extended = resolve(
        Config(select=("whitelist",), ignore=("crazy",)),
        Overrides(extend_select=("slave", "crazy")),
    )
    assert sorted(rule_states(extended, "slave", "whitelist", "crazy")) == [
        ("crazy", False, "warning"),
        ("slave", True, "error"),
        ("whitelist", True, "warning"),
    ]


def test_fails_follows_fail_on():
    assert [resolve(Config(fail_on=level)).fails("warning") for level in ("error", "warning")] == [
        False,
        True,
    ]
    assert resolve(Config(fail_on="info")).fails("info")
    assert not resolve(Config(fail_on="never")).fails("error")


@pytest.mark.parametrize(
    ("config", "overrides", "message"),
    [
        (
            Config(select=("nope",)),
            Overrides(),
            "invalid configuration: <command line>: key 'select'",
        ),
        (Config(severity={"nope": "error"}), Overrides(), "key 'severity': unknown rule id"),
        (Config(), Overrides(ignore=("nope",)), "--ignore: unknown rule id or category 'nope'"),
        (Config(), Overrides(exclude=("[z-a]",)), "--exclude: bad pattern '[z-a]'"),
        (Config(), Overrides(fail_on="sometimes"), "--fail-on: 'sometimes' is not one of"),
        (Config(), Overrides(output_format="pdf"), "--format: 'pdf' is not one of"),
        (Config(), Overrides(rule_files=(Path("missing.yaml"),)), "invalid rules: missing.yaml"),
    ],
)
def test_every_problem_is_one_settings_error(config, overrides, message):
    with pytest.raises(SettingsError) as caught:
        resolve(config, overrides)
    assert message in str(caught.value)


def test_a_name_overridden_on_the_command_line_is_not_checked_in_the_file():
    settings = resolve(Config(select=("nope",)), Overrides(select=("crazy",)))
    assert [r.id for r in settings.rules.active] == ["crazy"]


def test_load_settings_finds_the_configuration_walking_up(tmp_path):
    (tmp_path / ".allylint.yaml").write_text("allow: [Blacklist Records]\nexclude: [old/]\n")
    (tmp_path / "docs").mkdir()
    settings = load_settings([tmp_path / "docs"])
    assert settings.config == load_config_file(tmp_path / ".allylint.yaml")
    assert settings.allow == ("Blacklist Records",)
    assert settings.config_dir == tmp_path
    assert settings.project_root == tmp_path.resolve()
    exclusions = settings.exclusions()
    assert exclusions is not None and exclusions.excludes(tmp_path / "old" / "a.md")


def test_a_bad_configuration_file_is_a_settings_error(tmp_path):
    (tmp_path / ".allylint.yaml").write_text("colour: red\n")
    with pytest.raises(SettingsError, match=r"invalid configuration: .*\.allylint\.yaml:1: key"):
        load_settings([tmp_path])


def test_settings_are_plain_data_for_workers():
    settings = resolve(Config(severity={"crazy": "error"}, allow=("x",)))
    assert pickle.loads(pickle.dumps(settings)) == settings
