"""Turn a user's file (plain text, HTML, Markdown, PDF) into one decoded string.

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
PDF_SUFFIXES = {".pdf"}
_PDF_MAGIC = b"%PDF-"
MARKDOWN_SUFFIXES = {".md", ".markdown"}
# Share of control characters (other than tab/newline/CR/form feed) above which a text is binary.
MAX_CONTROL_RATIO = 0.01
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_HTML_SNIFF = re.compile(r"^\s*(<!doctype html|<html\b|<head\b|<body\b)", re.IGNORECASE)


@dataclass(frozen=True)
class ReadText:
    """A decoded document: its text, the format it came in, and the encoding it was read with."""

    text: str
    format: str  # "text" | "html" | "markdown" | "pdf"
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
        raise UnreadableInputError(
            f"{file}: not a regular file; pass a .txt, .html, .md or .pdf file."
        )
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
    ``read_path`` and the API's upload both come through here, so they decode alike.
    A PDF (by suffix or by its ``%PDF-`` signature) is read through its text layer."""
    if suffix.lower() in PDF_SUFFIXES or data[:1024].lstrip().startswith(_PDF_MAGIC):
        text = pdf_to_text(data, source=source)
        check_not_binary(text, source=source)
        check_has_content(text, source=source)
        return ReadText(text=text, format="pdf", encoding="pdf", source=source)
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
        else:
            detected = detect_encoding(data)
            if detected and detected not in candidates[:1]:
                candidates.insert(1, detected)
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
        f"{source}: cannot decode as UTF-8, UTF-16, GB18030 or a detected legacy encoding; "
        "re-save the file as UTF-8."
    ) from last_error


# Share of non-ASCII characters below which a GB18030 reading is not Chinese text: a Chinese
# file is mostly hanzi, while a Windows-1252 English or German text read as GB18030 is ASCII
# words with a few stray "hanzi" where its quotes, dashes and umlauts were.
MIN_CJK_SHARE = 0.2


def detect_encoding(data: bytes) -> str | None:
    """The legacy encoding of bytes that are not UTF-8, or None to keep GB18030.

    Why not GB18030 straight away: it decodes almost any byte sequence, so a Windows-1252 text
    ("smart city \x96 \x93pilot\x94") came out as Chinese nonsense. A text whose GB18030
    reading is mostly ASCII is a Western single-byte text: Windows-1252 when it decodes as such
    (the usual case), else what charset-normalizer finds. Chinese files stay GB18030 (Big5 when
    the detector says so), since detectors misname short GBK texts (as Korean, say)."""
    try:
        as_chinese = data.decode("gb18030")
    except UnicodeDecodeError:
        as_chinese = None
    if as_chinese is not None:
        non_ascii = sum(1 for ch in as_chinese if ord(ch) > 127)
        if non_ascii >= MIN_CJK_SHARE * max(1, len(as_chinese.strip())):
            return _detected_big5(data)
    try:
        data.decode("cp1252")
        return "cp1252"
    except UnicodeDecodeError:
        pass
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - a dependency
        return None
    best = from_bytes(data[:262144]).best()
    if best is None or not best.encoding:
        return None
    try:
        name = codecs.lookup(best.encoding).name
    except LookupError:
        return None
    return None if name in ("ascii", "utf-8") else name


def _detected_big5(data: bytes) -> str | None:
    """ "big5" when charset-normalizer reads a CJK text as Big5 (traditional characters), else
    None (GB18030)."""
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover
        return None
    best = from_bytes(data[:262144]).best()
    if best is not None and best.encoding and best.encoding.lower().startswith(("big5", "cp950")):
        return "big5"
    return None


def pdf_to_text(data: bytes, *, source: str) -> str:
    """The text layer of a PDF, page by page (pages separated by a blank line).

    Clear errors for what cannot be read: an encrypted file, a malformed one, a scan without a
    text layer (needs OCR first)."""
    try:
        from pypdf import PdfReader
        from pypdf.errors import PdfReadError
    except ImportError as error:  # pragma: no cover - a dependency
        raise UnreadableInputError(
            f"{source}: reading PDF needs the pypdf package (uv pip install pypdf)."
        ) from error
    import io

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            try:
                opened = reader.decrypt("")
            except Exception as error:  # pypdf raises several types for unsupported crypto
                raise UnreadableInputError(
                    f"{source}: the PDF is encrypted; save an unprotected copy first."
                ) from error
            if not opened:
                raise UnreadableInputError(
                    f"{source}: the PDF is password-protected; save an unprotected copy first."
                )
        pages = [page.extract_text() or "" for page in reader.pages]
    except UnreadableInputError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as error:
        raise UnreadableInputError(
            f"{source}: not a readable PDF ({error}); export it again or convert it to text."
        ) from error
    text = "\n\n".join(page.strip("\n") for page in pages)
    if not text.strip():
        raise UnreadableInputError(
            f"{source}: the PDF has no text layer (a scan?); run OCR on it first."
        )
    return text.replace("\x00", "")


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
