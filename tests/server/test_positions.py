from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from allylint.server.positions import UTF8, UTF16, UTF32, PositionMap

TEXT = "a😀b\r\n主机 whitelist\rlast"


@pytest.mark.parametrize(
    ("encoding", "offset", "expected"),
    [
        (UTF16, 2, (0, 3)),  # after the emoji: two UTF-16 code units
        (UTF8, 2, (0, 5)),  # four UTF-8 bytes
        (UTF32, 2, (0, 2)),
        (UTF16, TEXT.index("whitelist"), (1, 3)),  # after CRLF; CJK is one unit each
        (UTF8, TEXT.index("whitelist"), (1, 7)),
        (UTF16, TEXT.index("last"), (2, 0)),  # a lone CR breaks a line too
        (UTF16, len(TEXT), (2, 4)),
    ],
)
def test_positions(encoding: str, offset: int, expected: tuple[int, int]) -> None:
    positions = PositionMap(TEXT, encoding)
    assert positions.position(offset) == expected
    assert positions.offset(*expected) == offset


def test_positions_past_the_end_of_a_line_mean_its_end() -> None:
    positions = PositionMap(TEXT, UTF16)
    assert positions.offset(0, 99) == TEXT.index("\r\n")
    assert positions.offset(9, 0) == len(TEXT)
    assert positions.offset(-1, 5) == 0


def test_a_position_inside_a_character_means_its_start() -> None:
    assert PositionMap(TEXT, UTF16).offset(0, 2) == 1  # between the emoji's two units


@given(st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=40))
def test_every_offset_survives_the_round_trip(text: str) -> None:
    for encoding in (UTF8, UTF16, UTF32):
        positions = PositionMap(text, encoding)
        for offset in range(len(text) + 1):
            # Offsets inside a CRLF have no position of their own.
            if text[offset - 1 : offset + 1] == "\r\n":
                continue
            assert positions.offset(*positions.position(offset)) == offset
