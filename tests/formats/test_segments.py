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
