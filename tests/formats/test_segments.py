import dataclasses
import pickle

import pytest

from allylint.formats.segments import LineIndex, SegmentBuilder, whole_text_segment


def test_line_index_handles_lf_crlf_and_cr():
    index = LineIndex("a\nbb\r\ncc\rd")
    assert index.position(0) == (1, 1)
    assert index.position(2) == (2, 1)
    assert index.position(6) == (3, 1)
    assert index.position(9) == (4, 1)
    assert index.line_text(2) == "bb"


def test_builder_maps_pieces_and_separators_back_to_the_file():
    source = "Hello *big* world"
    builder = SegmentBuilder()
    builder.add("Hello ", 0)
    builder.add("big", 7)
    builder.add(" world", 11)
    segment = builder.build()
    assert segment.text == "Hello big world"
    start = segment.text.index("world")
    file_start, file_end = segment.to_file_span(start, start + 5)
    assert source[file_start:file_end] == "world"
    assert source[slice(*segment.to_file_span(6, 9))] == "big"


def test_empty_segments_are_dropped():
    builder = SegmentBuilder()
    builder.add("   ", 0)
    assert builder.build() is None


def test_whole_text_segment_is_identity():
    segment = whole_text_segment("abc")
    assert segment.to_file_span(1, 3) == (1, 3)


def test_segments_are_frozen_plain_data():
    builder = SegmentBuilder("title")
    builder.add("Hello", 0)
    builder.add("world", 7)
    segment = builder.build()
    assert dataclasses.asdict(segment) == {
        "text": "Helloworld",
        "runs": ((0, 0), (5, 7)),
        "context": "title",
    }
    with pytest.raises(dataclasses.FrozenInstanceError):
        segment.context = "paragraph"
    assert pickle.loads(pickle.dumps(segment)) == segment
    assert segment.to_file_offset(6) == 8


def test_a_shifted_segment_maps_to_offsets_further_into_the_file():
    segment = whole_text_segment("abc def").shifted(10)
    assert segment.runs == ((0, 10),)
    assert segment.to_file_span(4, 7) == (14, 17)
