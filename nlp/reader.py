"""Turn a user's file (plain text, HTML, Markdown) into one decoded string.

Why a module of its own: every span the pipeline emits points into the text this reader returns
(``Extraction.text``), and ingestion stores exactly that text, so decoding and HTML stripping
must happen once, here, and deterministically. Bad input is rejected early with a message that
names the file and says what to do, before anything is handed to spaCy.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import ClassVar

from nlp.errors import UnreadableInputError

#: The one size limit of a policy text (bytes on disk; characters once decoded). Policy texts
#: are at most a few hundred kB; anything far larger is not a policy and would only exhaust
#: memory in extraction. The reader, the pipeline and policy ingestion all use this value.
MAX_POLICY_BYTES = 20 * 1024 * 1024
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
MARKDOWN_SUFFIXES = {".md", ".markdown"}
# Share of control characters (other than tab/newline/CR/form feed) above which a text is binary.
MAX_CONTROL_RATIO = 0.01
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_HTML_SNIFF = re.compile(r"^\s*(<!doctype html|<html\b|<head\b|<body\b)", re.IGNORECASE)


@dataclass(frozen=True)
class ReadText:
    """A decoded document: its text, the format it came in, and the encoding it was read with."""

    text: str
    format: str  # "text" | "html" | "markdown"
    encoding: str
    source: str


def read_path(path: Path | str, *, max_bytes: int = MAX_POLICY_BYTES) -> ReadText:
    """Read and decode ``path``; HTML is reduced to its visible text."""
    file = Path(path)
    try:
        size = file.stat().st_size
    except OSError as error:
        raise UnreadableInputError(f"{file}: cannot read the file ({error.strerror}).") from error
    if not file.is_file():
        raise UnreadableInputError(f"{file}: not a regular file; pass a .txt, .html or .md file.")
    if size > max_bytes:
        raise UnreadableInputError(
            f"{file}: {size / 2**20:.1f} MB is over the {max_bytes / 2**20:g} MB limit; split the "
            "document or raise the limit (max_bytes / --max-mb)."
        )
    try:
        data = file.read_bytes()
    except OSError as error:
        raise UnreadableInputError(f"{file}: cannot read the file ({error.strerror}).") from error
    return read_bytes(data, source=str(file), suffix=file.suffix)


def read_bytes(data: bytes, *, source: str, suffix: str = "") -> ReadText:
    """Decode the bytes of a file named ``source`` (a path, an uploaded file's name): the
    charset an HTML page declares, else UTF-8/UTF-16/GB18030; HTML reduced to its visible text.
    ``read_path`` and the API's upload both come through here, so they decode alike."""
    text, encoding = decode_bytes(data, source=source, declared=declared_charset(data))
    kind = sniff_format(suffix.lower(), text)
    if kind == "html":
        text = html_to_text(text)
    check_has_content(text, source=source)
    return ReadText(text=text, format=kind, encoding=encoding, source=source)


def sniff_format(suffix: str, text: str) -> str:
    """The format from the suffix, or from the first bytes when the suffix says nothing."""
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in MARKDOWN_SUFFIXES:
        return "markdown"
    if suffix in {"", ".txt", ".text"} and _HTML_SNIFF.match(text[:2000]):
        return "html"
    return "text"


_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_-]+)""", re.IGNORECASE)


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in a ``<meta>`` tag (a Big5 page must not be read as
    GB18030, which would accept its bytes and return nonsense), if Python knows it."""
    match = _CHARSET.search(data[:4096])
    if not match:
        return None
    try:
        return codecs.lookup(match.group(1).decode("ascii")).name
    except LookupError:
        return None


def decode_bytes(
    data: bytes, *, source: str = "<bytes>", declared: str | None = None
) -> tuple[str, str]:
    """Decode UTF-8 (BOM optional), UTF-16 with a BOM, else GB18030; reject binary data.

    Order matters: a BOM is certain; UTF-8 is strict enough that a successful decode is nearly
    always right; GB18030 accepts almost any byte sequence, so it comes last and the control
    character check afterwards catches binary data it let through.
    """
    if not data.strip():
        raise UnreadableInputError(f"{source}: the file is empty; nothing to extract.")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        candidates = ["utf-16"]
    elif data.startswith(codecs.BOM_UTF8):
        candidates = ["utf-8-sig"]
    elif b"\x00" in data[:4096]:
        raise UnreadableInputError(
            f"{source}: looks like a binary file (NUL bytes); convert it to text (UTF-8) first."
        )
    else:
        candidates = ["utf-8", "gb18030"]
        if declared and declared not in ("utf-8", "ascii"):
            candidates.insert(1, declared)
    last_error: UnicodeDecodeError | None = None
    for encoding in candidates:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as error:
            last_error = error
            continue
        check_not_binary(text, source=source)
        return text, encoding
    raise UnreadableInputError(
        f"{source}: cannot decode as UTF-8, UTF-16 or GB18030; re-save the file as UTF-8."
    ) from last_error


def check_not_binary(text: str, *, source: str) -> None:
    """Reject text that is mostly control characters: a decoded binary file."""
    sample = text[:65536]
    if "\x00" in sample or len(_CONTROL.findall(sample)) > MAX_CONTROL_RATIO * max(1, len(sample)):
        raise UnreadableInputError(
            f"{source}: looks like a binary file (control characters); convert it to text first."
        )


def check_has_content(text: str, *, source: str) -> None:
    if not text.strip():
        raise UnreadableInputError(f"{source}: contains only whitespace; nothing to extract.")


class _VisibleText(HTMLParser):
    """Collect the visible text of an HTML page, one block element per line."""

    SKIP: ClassVar[set[str]] = {"script", "style", "noscript", "template", "svg", "head"}
    BLOCKS: ClassVar[set[str]] = {
        "p",
        "div",
        "br",
        "li",
        "ul",
        "ol",
        "tr",
        "table",
        "section",
        "article",
        "header",
        "footer",
        "nav",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "pre",
        "title",
        "dd",
        "dt",
        "hr",
        "main",
        "aside",
        "form",
    }
    HEADINGS: ClassVar[dict[str, str]] = {
        "h1": "# ",
        "h2": "## ",
        "h3": "### ",
        "h4": "#### ",
        "h5": "##### ",
        "h6": "###### ",
    }

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip_depth = 0
        self._title: list[str] = []
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self._in_title = True
        if tag in self.SKIP:
            self._skip_depth += 1
            return
        if tag in self.BLOCKS:
            self.parts.append("\n")
        if tag in self.HEADINGS and not self._skip_depth:
            self.parts.append(self.HEADINGS[tag])

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        if tag in self.SKIP:
            self._skip_depth = max(0, self._skip_depth - 1)
            return
        if tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self._title.append(data)
        if not self._skip_depth:
            self.parts.append(data)


def html_to_text(html: str) -> str:
    """Visible text of an HTML page: scripts, styles and tags removed, blocks on their own lines,
    ``<h1>``..``<h6>`` turned into Markdown headings so the clause finder sees them."""
    parser = _VisibleText()
    parser.feed(html)
    parser.close()
    raw = "".join(parser.parts)
    lines = [re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in raw.splitlines()]
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
    if not text and parser._title:
        text = " ".join(parser._title).strip()
    return text + "\n" if text else ""
