"""The Neo4j Browser guide: docs/browser.md's ready queries as slides.

Why generated from the Markdown: docs/browser.md is the one place the queries live, and
tests/test_browser_guide.py runs every one of them against a real graph; the guide the Browser
opens after connecting (``browser.post_connect_cmd``, see graph/server.py) is built from it on
request, so the two can never drift apart. The format is the Browser's HTML guide format: one
``<slide>`` per query, the query in a ``<pre class="code runnable">`` the reader clicks to
put in the editor.
"""

from __future__ import annotations

import html
import re

_CODE = re.compile(r"`([^`]+)`")
_LINK = re.compile(r"<(https?://[^>]+)>")


def _inline(text: str) -> str:
    escaped = html.escape(text, quote=False)
    escaped = _CODE.sub(lambda m: f"<code>{m.group(1)}</code>", escaped)
    return _LINK.sub(lambda m: f'<a href="{m.group(1)}" target="_blank">{m.group(1)}</a>', escaped)


def ready_queries(markdown: str) -> list[tuple[str, list[str], list[str]]]:
    """``(title, paragraphs, cypher blocks)`` of every ``###`` section of the guide."""
    sections: list[tuple[str, list[str], list[str]]] = []
    title: str | None = None
    paragraphs: list[str] = []
    blocks: list[str] = []
    lines = markdown.splitlines()
    index = 0
    current: list[str] = []

    def flush_paragraph() -> None:
        if current:
            paragraphs.append(" ".join(part.strip() for part in current))
            current.clear()

    while index < len(lines):
        line = lines[index]
        if line.startswith("### ") or line.startswith("## "):
            flush_paragraph()
            if title is not None and blocks:
                sections.append((title, paragraphs, blocks))
            title = line.lstrip("#").strip() if line.startswith("### ") else None
            paragraphs, blocks = [], []
        elif line.strip().startswith("```"):
            flush_paragraph()
            language = line.strip().strip("`").strip()
            body = []
            index += 1
            while index < len(lines) and not lines[index].strip().startswith("```"):
                body.append(lines[index])
                index += 1
            if language == "cypher" and title is not None:
                blocks.append("\n".join(body).strip())
        elif not line.strip():
            flush_paragraph()
        elif title is not None:
            current.append(line)
        index += 1
    flush_paragraph()
    if title is not None and blocks:
        sections.append((title, paragraphs, blocks))
    return sections


def guide_html(markdown: str, *, pages_url: str) -> str:
    """The guide document: an opening slide, then one slide per ready query."""
    slides = [
        "<slide class='row-fluid'><div class='col-sm-12'>"
        "<h3>The standards knowledge graph</h3>"
        "<p>The stdkg style is loaded: standards show their reference, documents their title, "
        "clauses their number, requirements their topic.</p>"
        "<p>Each next slide is a ready query: click it to put it in the editor, then run it "
        "(Ctrl+Enter). Every relationship drawn from a policy carries its evidence "
        "(<code>doc_id</code>, <code>start</code>, <code>end</code>, <code>surface</code>).</p>"
        f"<p>Search, gap analysis and documents as pages: "
        f"<a href='{html.escape(pages_url)}/' target='_blank'>{html.escape(pages_url)}/</a></p>"
        "</div></slide>"
    ]
    for title, paragraphs, blocks in ready_queries(markdown):
        body = "".join(f"<p>{_inline(p)}</p>" for p in paragraphs)
        code = "".join(
            f"<pre class='pre-scrollable code runnable'>{html.escape(block)}</pre>"
            for block in blocks
        )
        slides.append(
            f"<slide class='row-fluid'><div class='col-sm-12'><h3>{_inline(title)}</h3>"
            f"{body}{code}</div></slide>"
        )
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'>"
        "<title>stdkg: exploring the standards graph</title></head><body>"
        "<article class='guide'><carousel class='deck container-fluid'>"
        + "".join(slides)
        + "</carousel></article></body></html>"
    )
