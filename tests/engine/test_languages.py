"""The language gate: passages in languages not checked are skipped, and counted."""

# Turkish text is written with the dotless i.
# ruff: noqa: RUF001

import subprocess
import sys
from collections import Counter

import pytest

from allylint.api import default_engine, lint_text
from allylint.engine.core import Engine
from allylint.engine.languages import LanguageGate, detect, sentence_around
from allylint.formats.segments import whole_text_segment
from allylint.rules.loader import builtin_rules

EN = frozenset({"en"})


def gate(document: str = "", languages: frozenset[str] = EN) -> LanguageGate:
    return LanguageGate(languages, lambda: document)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "Bu kontroller her path operation için bağımsız yapılır ve her request ile çalışır.",
            "tr",
        ),
        ("Es un gran paquete, y lo he usado mucho antes de tener FastAPI en producción.", "es"),
        ("Die Abhängigkeit wird für jeden Request einmal ausgeführt und danach gespeichert.", "de"),
        ("Você pode declarar os parâmetros do corpo da requisição como modelos do Pydantic.", "pt"),
    ],
)
def test_sentences_in_other_languages_are_told_apart(text, language):
    assert gate().language_of(text, text) == language
    assert not gate().admits(text, text)


@pytest.mark.parametrize(
    "text",
    [
        "Each user must change her password before she logs in again.",
        # Few function words, and names and code the model could take for another language.
        "Master pod label in Rancher clusters now shows correctly (RED42896)",
        "exec java -jar ~/bin/slave.jar on every build machine we still run",
        "word " * 30 + "whitelist",
    ],
)
def test_english_and_code_are_checked(text):
    assert gate().admits(text, text)


def test_obvious_english_is_settled_without_the_model():
    english, turkish = (
        "Add the host to the whitelist so that it can connect",
        "Her zaman ve her yerde",
    )
    assert gate().cues.obviously_english(english.split())
    assert not gate().cues.obviously_english(turkish.split())


@pytest.mark.parametrize(
    "text",
    [
        # Names, code and fragments: ASCII letters and no function word of another language.
        "Eric Traut, Jelle Zijlstra, Joshua Butt, Danny Yamamoto, Kaylynn Morgan and Jakub Kuczys",
        "sig-release-master-informing#gce-cos-master-serial: flaky on master nodes",
        "HIMPORT DISCARD u name email age OK master replica",
        "But unsafe code may want to access a fat pointer\u2019s components separately",
    ],
)
def test_ascii_text_without_another_languages_function_words_is_english(text):
    assert gate().cues.obviously_english(text.split())


@pytest.mark.parametrize(
    "text",
    [
        "Diese Option wird nur auf dem Master gesetzt",  # German function words
        "Ajoutez le master dans la configuration pour que le service marche",
        "Master düğümü yapılandırması",  # letters outside ASCII
        "Eine Konfiguration mit master und slave",
        # ASCII, with none of the listed function words, but few English words.
        "Bitte trage zuerst alle erlaubten Adressen in die Whitelist, danach starte neu",
        "Tambahkan semua alamat IP ke whitelist terlebih dahulu sebelum menjalankan server",
    ],
)
def test_another_languages_words_or_letters_leave_the_passage_to_the_model(text):
    assert not gate().cues.obviously_english(text.split())


def test_english_documentation_never_loads_the_language_model():
    # A names list, a heading of code words and prose: all settled by the cues.
    text = (
        "# master-serial gce-cos flaky\n\n"
        "Authors: Eric Traut, Jelle Zijlstra, Danny Yamamoto, Kaylynn Morgan and Jakub Kuczys "
        "reviewed the whitelist.\n\n"
        "Each user must change her password before she logs in again.\n"
    )
    script = (
        "from allylint.api import lint_text\n"
        "from allylint.engine import languages\n"
        f"findings = lint_text({text!r}, 'notes.md')\n"
        "assert findings, findings\n"
        "print(languages._identifier.cache_info().currsize)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "0"


def test_a_short_sentence_is_judged_by_its_paragraph_then_by_the_document():
    turkish = "Bu kontroller her path operation için bağımsız yapılır ve her request ile çalışır."
    # A heading alone says nothing; the document around it does.
    assert gate(turkish).language_of("Her Zaman", "Her Zaman") == "tr"
    assert gate("Each user must change the password before logging in.").admits(
        "Her Zaman", "Her Zaman"
    )
    assert gate().language_of("Her Zaman", "Her Zaman " + turkish) == "tr"
    # Nothing long enough anywhere: checked.
    assert gate("Her Zaman").admits("Her Zaman", "Her Zaman")


def test_a_short_text_alone_with_another_languages_function_words_is_judged():
    # Nothing longer around it: two French function words and no English one send it
    # to the model; short English, and short text with none, stay checked.
    assert gate("Changez la lame.").language_of("Changez la lame du rasoir.", "") == ""
    assert not gate().admits("Remplacez la lame du rasoir.", "Remplacez la lame du rasoir.")
    assert gate().admits("That is a lame excuse.", "That is a lame excuse.")
    assert gate().admits("Title: Chairman of the board", "Title: Chairman of the board")


def test_the_document_is_asked_once():
    asked = []
    language_gate = LanguageGate(EN, lambda: asked.append(1) or "Bu her şeyi içerir ve her yerde.")
    for _ in range(3):
        language_gate.language_of("Her Zaman", "Her Zaman")
    assert asked == [1]


def test_skipped_candidates_are_counted_by_language():
    language_gate = gate()
    spanish = "Es un gran paquete, y lo he usado mucho antes de tener FastAPI en producción."
    language_gate.admits(spanish, spanish)
    language_gate.admits(spanish, spanish)
    assert language_gate.skipped == {"es": 2}


def test_configured_languages_are_checked():
    spanish = "Es un gran paquete, y lo he usado mucho antes de tener FastAPI en producción."
    assert gate(languages=frozenset({"en", "es"})).admits(spanish, spanish)
    assert detect(spanish, frozenset({"en", "es"})) == ""


def test_sentence_around_finds_the_candidates_sentence():
    text = "First one. The second: with a term here. Third."
    start = text.index("term")
    assert sentence_around(text, start, start + 4) == " with a term here"


def test_the_engine_skips_and_counts_other_languages_and_checks_english_left_in_them():
    engine = default_engine()
    text = (
        "Her zaman, o spesifik path operation için tanımlanan her dependency çalışır.\n\n"
        "Each user must change his password before the first login to the service.\n"
    )
    skipped: Counter[str] = Counter()
    matches = engine.match_segments([whole_text_segment(text)], text, skipped)
    assert [(m.rule.id, text[m.start : m.end]) for m in matches] == [("generic-pronoun", "his")]
    assert skipped == {"tr": 2}


def test_an_engine_for_other_languages_checks_them():
    text = "Bu kontroller her path operation için bağımsız yapılır ve her request ile çalışır."
    skipped: Counter[str] = Counter()
    Engine(builtin_rules(), languages=("en", "tr")).match_segments(
        [whole_text_segment(text)], text, skipped
    )
    assert not skipped


def test_lint_text_skips_a_translated_page():
    page = "# Dependencias\n\nLuego el cajero dice he terminado de hacer las hamburguesas ahora.\n"
    assert lint_text(page, "index.md") == []


def _check(tmp_path, *args):
    return subprocess.run(
        [sys.executable, "-m", "allylint", "check", "--no-cache", "--statistics", *args],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )


def test_statistics_count_what_other_languages_skipped_and_configuration_widens_them(tmp_path):
    (tmp_path / "tr.md").write_text(
        "Her **request** için çalışan bir fonksiyondur ve her response ile de çalışır.\n"
    )
    (tmp_path / "en.md").write_text("Each user must change his password.\n")
    result = _check(tmp_path, ".")
    assert "generic-pronoun" in result.stdout
    assert "     2  skipped: terms in passages in other languages (tr 2)" in result.stdout
    (tmp_path / ".allylint.yaml").write_text("languages: [en, tr]\n")
    assert "skipped" not in _check(tmp_path, ".").stdout


def test_a_bad_language_code_is_a_configuration_error(tmp_path):
    (tmp_path / ".allylint.yaml").write_text("languages: [English]\n")
    (tmp_path / "a.md").write_text("text\n")
    result = _check(tmp_path, ".")
    assert result.returncode == 2
    assert (
        ".allylint.yaml:1: key 'languages[0]': 'English' is not a language code such as en, de "
        "or tr (ISO 639-1)" in result.stderr
    )
