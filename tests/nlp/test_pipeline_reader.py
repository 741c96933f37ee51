"""The reader: decoding, HTML stripping and the refusal of input we cannot use."""

from __future__ import annotations

import codecs
import time
from pathlib import Path

import pytest

from nlp.errors import UnreadableInputError
from nlp.reader import decode_bytes, html_to_text, read_path
from stdkg.errors import InputError


def test_utf8_with_bom_is_decoded_without_the_bom(tmp_path: Path) -> None:
    path = tmp_path / "plan.txt"
    path.write_bytes(codecs.BOM_UTF8 + b"1. General requirements\n")
    read = read_path(path)
    assert read.text == "1. General requirements\n"
    assert read.encoding == "utf-8-sig"


def test_gb18030_and_utf16_are_decoded(tmp_path: Path) -> None:
    chinese = "第五条 国务院标准化行政主管部门统一管理全国标准化工作。\n"
    gb = tmp_path / "law.txt"
    gb.write_bytes(chinese.encode("gb18030"))
    assert read_path(gb).text == chinese
    assert read_path(gb).encoding == "gb18030"
    utf16 = tmp_path / "law16.txt"
    utf16.write_bytes(chinese.encode("utf-16"))  # with BOM
    assert read_path(utf16).text == chinese


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"   \n\t \n", "empty"),
        (b"\x00\x01\x02binary\x00" * 50, "binary"),
        (bytes(range(1, 32)) * 100, "binary"),
    ],
)
def test_bad_files_raise_a_clear_input_error(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(UnreadableInputError, match=message) as raised:
        read_path(path)
    assert str(path) in str(raised.value)
    assert isinstance(raised.value, InputError)


def test_missing_file_names_the_file(tmp_path: Path) -> None:
    with pytest.raises(UnreadableInputError, match=r"nope\.txt"):
        read_path(tmp_path / "nope.txt")


def test_a_50_mb_file_is_refused_fast_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:  # sparse: 50 MB on paper, nothing written
        handle.truncate(50 * 1024 * 1024)
    started = time.perf_counter()
    with pytest.raises(UnreadableInputError, match=r"over the 20 MB limit.*split"):
        read_path(path)
    assert time.perf_counter() - started < 0.5


def test_size_limit_is_configurable(tmp_path: Path) -> None:
    path = tmp_path / "small.txt"
    path.write_text("Standards for smart cities. " * 100, encoding="utf-8")
    with pytest.raises(UnreadableInputError, match="limit"):
        read_path(path, max_bytes=1000)
    assert read_path(path, max_bytes=10_000).text.startswith("Standards")


def test_html_keeps_visible_text_and_turns_headings_into_markdown() -> None:
    html = (
        "<html><head><title>T</title><style>p{color:red}</style></head><body>"
        "<script>var x = 'Ministry of Finance';</script><h2>1. Tasks</h2>"
        "<p>Develop standards for <b>city brain</b>.</p><p>A &amp; B</p></body></html>"
    )
    text = html_to_text(html)
    assert "## 1. Tasks" in text
    assert "Develop standards for city brain." in text
    assert "A & B" in text
    assert "Ministry of Finance" not in text and "color" not in text


def test_html_file_is_read_as_html(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text("<p>Hello <i>world</i></p>", encoding="utf-8")
    read = read_path(path)
    assert read.format == "html"
    assert read.text.strip() == "Hello world"


def test_decode_bytes_rejects_undecodable_control_noise() -> None:
    with pytest.raises(UnreadableInputError):
        decode_bytes(b"\x00" * 10 + b"abc")


def test_html_declared_big5_is_honoured(tmp_path: Path) -> None:
    html = (
        '<html><head><meta charset="big5"></head>'
        "<body><p>關於促進智慧城市健康發展的指導意見</p></body></html>"
    )
    path = tmp_path / "page.html"
    path.write_bytes(html.encode("big5"))
    read = read_path(path)
    assert read.encoding == "big5"
    assert "智慧城市" in read.text
