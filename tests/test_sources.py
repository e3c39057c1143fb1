import os
import pathlib
import time

import pytest

from feeds.errors import CaptureError
from feeds.parse.textreader import parse_text
from feeds.sources import decode_bytes, discover, read_capture

TEXT = "Café owners’ union wins €5 rise\n\nThe “deal” was fair — said everyone.\n"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + TEXT.encode("utf-8"), "utf-8"),
        (b"\xff\xfe" + TEXT.encode("utf-16-le"), "utf-16-le"),
        (b"\xfe\xff" + TEXT.encode("utf-16-be"), "utf-16-be"),
        (b"\xff\xfe\x00\x00" + TEXT.encode("utf-32-le"), "utf-32-le"),
    ],
)
def test_unicode_encodings_are_read_without_warning(data, encoding):
    decoded = decode_bytes(data)
    assert decoded.text == TEXT
    assert decoded.encoding == encoding
    assert decoded.warnings == ()


def test_cp1252_is_decoded_with_a_warning():
    decoded = decode_bytes(TEXT.encode("cp1252"))
    assert decoded.text == TEXT
    assert decoded.warnings == ("encoding guessed as cp1252",)


def test_other_legacy_encodings_are_guessed():
    text = "Привет мир. Это тест кодировки для нашего проекта, и он длинный.\n" * 3
    decoded = decode_bytes(text.encode("cp1251"))
    assert decoded.text == text
    assert decoded.warnings == (f"encoding guessed as {decoded.encoding}",)


def test_a_truncated_utf8_tail_keeps_utf8():
    data = TEXT.encode("utf-8") + "’".encode()[:2]
    decoded = decode_bytes(data)
    assert decoded.text.startswith(TEXT)
    assert decoded.warnings == ("1 invalid UTF-8 byte sequences replaced",)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b" \t\r\n", "empty"),
        (b"\xef\xbb\xbf  \n", "empty"),
        (b"\xff\xfe" + " \n".encode("utf-16-le"), "empty"),
        (bytes(range(256)) * 4, "binary"),
        (b"%PDF-1.7\n" + b"x" * 100, "binary"),
        (b"\x1f\x8b\x08\x00" + b"a" * 100, "binary"),
        (b"\xff\xfe" + b"\x00\xd8a\x00", "undecodable"),
    ],
)
def test_unusable_bytes_are_errors(data, reason):
    with pytest.raises(CaptureError, match=f"^{reason}"):
        decode_bytes(data)


def test_a_few_nul_bytes_do_not_make_text_binary():
    assert decode_bytes(b"Some text\x00 with a NUL\n").text == "Some text\x00 with a NUL\n"


def test_too_large_is_checked_before_reading(tmp_path, monkeypatch):
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * 2048)
    opened = []
    real_open = pathlib.Path.open
    monkeypatch.setattr(pathlib.Path, "open", lambda self, *a, **k: opened.append(self)
                        or real_open(self, *a, **k))
    with pytest.raises(CaptureError, match=r"^too large \(0\.0 MB > 0\.0 MB limit\)"):
        read_capture(big, max_bytes=1024)
    assert opened == []


def test_read_capture_reports_repairs(tmp_path):
    path = tmp_path / "m.txt"
    path.write_bytes("Itâ€™s a headline here\n\nA body\x00 line.\n".encode())
    capture = read_capture(path)
    assert capture.text.startswith("It’s a headline")
    assert capture.warnings == (
        "mis-decoded text (mojibake) repaired",
        "1 control or non-XML characters removed",
    )


def test_special_files_are_refused_without_reading(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)  # opening it for reading would block until a writer came
    with pytest.raises(CaptureError, match="^not a regular file"):
        read_capture(fifo)


def test_special_files_given_by_name_are_reported():
    paths, problems = discover(["/dev/null"])
    assert paths == []
    assert [(p.path, p.reason) for p in problems] == [("/dev/null", "not a regular file")]


def test_a_large_capture_of_short_runs_parses_in_linear_time():
    """5 MB of three-line runs once made the related-headlines pass quadratic."""
    runs = "\n\n".join(f"Rel headline {i}\nOther headline {i}\nThird one {i}" for i in range(80000))
    text = "Site\n\nHeadline here now\n\nFirst para is prose here.\n\nSecond para is prose too.\n\n"
    text += runs
    started = time.perf_counter()
    article = parse_text(text, "big")
    assert len(article.related) == 240000
    assert time.perf_counter() - started < 20  # about 1.5 s; the quadratic version took minutes
