import codecs

from allylint.discovery.sources import decode, is_binary, read_source


def test_bom_is_removed_and_offsets_start_after_it():
    source, notice = decode(codecs.BOM_UTF8 + b"whitelist", "a.txt")
    assert source.text == "whitelist"
    assert source.bom
    assert notice is None


def test_invalid_utf8_is_read_as_latin1_with_a_notice():
    source, notice = decode(b"caf\xe9 whitelist", "a.txt")
    assert source.text == "caf\xe9 whitelist"
    assert source.encoding == "latin-1"
    assert notice is not None and "not valid UTF-8" in notice.message


def test_binary_detection():
    assert is_binary(b"PNG\x00\x01")
    assert not is_binary("plain text ü".encode())


def test_binary_and_oversized_files_are_skipped_with_notices(tmp_path):
    binary = tmp_path / "image.md"
    binary.write_bytes(b"\x89PNG\x00\x00whitelist")
    source, notice = read_source(binary, "image.md")
    assert source is None and "binary" in notice.message
    big = tmp_path / "big.txt"
    big.write_text("x" * 100)
    source, notice = read_source(big, "big.txt", max_bytes=10)
    assert source is None and "limit" in notice.message
