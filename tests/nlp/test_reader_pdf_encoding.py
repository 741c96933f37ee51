"""PDF input and encoding detection (nlp.reader): what is read, and the errors for what is not."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from nlp.errors import UnreadableInputError
from nlp.reader import decode_bytes, read_bytes, read_path


def _pdf(lines: list[str]) -> bytes:
    """A minimal one-page PDF whose text layer holds ``lines`` (Helvetica, one line each)."""
    content = (
        "BT /F1 12 Tf 72 720 Td 14 TL "
        + " ".join(
            "(" + line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ") '"
            for line in lines
        )
        + " ET"
    )
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        "/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        f"<< /Length {len(content)} >>\nstream\n{content}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1"))
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return out.getvalue()


def test_a_pdf_is_read_through_its_text_layer(tmp_path: Path) -> None:
    path = tmp_path / "plan.pdf"
    path.write_bytes(_pdf(["Smart city standards plan", "By 2027, apply ISO 37120:2018."]))
    read = read_path(path)
    assert read.format == "pdf"
    assert "ISO 37120:2018" in read.text and "Smart city standards plan" in read.text


def test_a_pdf_is_recognised_by_its_signature_without_a_suffix() -> None:
    read = read_bytes(_pdf(["Standards for street lighting"]), source="upload")
    assert read.format == "pdf" and "street lighting" in read.text


def test_a_pdf_without_a_text_layer_asks_for_ocr() -> None:
    with pytest.raises(UnreadableInputError, match="no text layer"):
        read_bytes(_pdf([]), source="scan.pdf", suffix=".pdf")


def test_a_broken_pdf_is_refused_clearly() -> None:
    with pytest.raises(UnreadableInputError, match=r"scan\.pdf"):
        read_bytes(b"%PDF-1.4\n garbage without objects", source="scan.pdf", suffix=".pdf")


def test_an_encrypted_pdf_is_refused_clearly() -> None:
    pypdf = pytest.importorskip("pypdf")
    reader = pypdf.PdfReader(io.BytesIO(_pdf(["secret plan"])))
    writer = pypdf.PdfWriter()
    for page in reader.pages:
        writer.add_page(page)
    writer.encrypt(user_password="pw", algorithm="RC4-128")
    data = io.BytesIO()
    writer.write(data)
    with pytest.raises(UnreadableInputError, match=r"password|encrypted"):
        read_bytes(data.getvalue(), source="locked.pdf", suffix=".pdf")


def test_windows_1252_is_not_read_as_gb18030() -> None:
    text = (
        "The city \u2013 a \u201cpilot\u201d for na\u00efve caf\u00e9 standards \u2014 by 2027.\n"
        * 2
    )
    decoded, encoding = decode_bytes(text.encode("cp1252"))
    assert encoding == "cp1252" and decoded == text
    german = "F\u00fcr die Stadt: Ma\u00dfnahmen \u201eSmart City\u201c bis 2027.\n"
    assert decode_bytes(german.encode("cp1252")) == (german, "cp1252")


def test_chinese_legacy_encodings_still_decode() -> None:
    simplified = "到2027年，制定超过150项国家标准"
    assert decode_bytes(simplified.encode("gbk")) == (simplified, "gb18030")
    traditional = "國家標準化發展綱要，智慧城市標準體系建設" * 3
    assert decode_bytes(traditional.encode("big5")) == (traditional, "big5")


def test_utf8_stays_utf8() -> None:
    assert decode_bytes("naïve — 标准".encode()) == ("naïve — 标准", "utf-8")
