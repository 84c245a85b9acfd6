"""Decoding policy: every input either gives text (with a warning when bytes were
replaced or an encoding guessed) or a one-line InputError naming it."""

from __future__ import annotations

from pathlib import Path

import pytest

from strikeparse.errors import InputError
from strikeparse.read import Input, decode, expand_inputs, read_document

TEXT = "Ракети влучили в Харків. Two people were killed in Kharkiv — officials said.\n"


def test_utf8_plain():
    assert decode(TEXT.encode("utf-8"), "x") == (TEXT, ())


def test_utf8_bom_is_removed():
    text, warnings = decode(b"\xef\xbb\xbf" + TEXT.encode("utf-8"), "x")
    assert text == TEXT and warnings == ()


@pytest.mark.parametrize("encoding", ["utf-16", "utf-32"])
def test_utf16_and_32_with_bom(encoding):
    text, warnings = decode(TEXT.encode(encoding), "x")
    assert text == TEXT and warnings == ()


def test_windows_1251_is_guessed_with_a_warning():
    data = "Ракетний удар по Харкову: загинули двоє людей, поранено дванадцять.".encode("cp1251")
    text, warnings = decode(data, "x")
    assert text.startswith("Ракетний") and "Windows-1251" in warnings[0]


def test_windows_1252_is_guessed_with_a_warning():
    data = "The mayor said the strike \u2014 the third this week \u2014 killed two.".encode("cp1252")
    text, warnings = decode(data, "x")
    assert "\u2014" in text and warnings[0].startswith("not UTF-8: decoded as Windows-1252 (guessed by charset-normalizer: ")


def test_ascii_with_stray_bytes_is_utf8_with_replacements_not_a_code_page():
    text, warnings = decode(b"A drone hit Kyiv \xff\xfe killing 3 people.", "x")
    assert text == "A drone hit Kyiv \ufffd\ufffd killing 3 people."
    assert warnings == ("invalid UTF-8: 2 undecodable byte sequence(s) were replaced with U+FFFD",)


def test_mostly_valid_utf8_stays_utf8():
    data = "Kyiv\u2019s mayor said \u201cthree\u201d died \u2014 ".encode() + b"\xe9\x92 more."
    text, warnings = decode(data, "x")
    assert text.startswith("Kyiv\u2019s mayor") and text.endswith(" \ufffd more.")
    assert "invalid UTF-8" in warnings[0]


def test_a_western_accent_inside_a_word_is_windows_1252():
    text, warnings = decode("A drone hit a caf\u00e9 in Odesa.".encode("cp1252"), "x")
    assert text == "A drone hit a caf\u00e9 in Odesa." and "Windows-1252" in warnings[0]


def test_invalid_utf8_is_replaced_with_a_warning():
    data = b"Two killed in Sumy \x81\x8d\x8f\x90\x9d."
    text, warnings = decode(data, "x")
    assert "Two killed in Sumy" in text and warnings


def test_binary_file_is_an_input_error():
    with pytest.raises(InputError, match="binary"):
        decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "image.png")


def test_crlf_line_endings_are_kept():
    text, _ = decode(b"Line one.\r\nLine two.\r\n", "x")
    assert text == "Line one.\r\nLine two.\r\n"


def test_size_limit(tmp_path: Path):
    big = tmp_path / "big.txt"
    big.write_bytes(b"a" * 2048)
    with pytest.raises(InputError, match="over the limit"):
        read_document(Input(str(big), big), max_bytes=1024)


def test_empty_file_gives_empty_document(tmp_path: Path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert read_document(Input(str(empty), empty)).text == ""


def test_missing_path_and_empty_folder_are_errors(tmp_path: Path):
    items = list(expand_inputs([str(tmp_path / "missing.txt"), str(tmp_path)]))
    assert all(isinstance(i, InputError) for i in items)
    assert "no such file" in str(items[0]) and "no report files" in str(items[1])
