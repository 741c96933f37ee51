"""Recognise the page chrome (navigation, login links, share buttons, footers, copyright) that
scraped policy texts carry around their content.

Why: nothing may be extracted from chrome ("Contact Us" is not an organization, "©2023" is not a
date of the policy). We only trim a leading and a trailing block, never lines in the middle:
chrome lives at the edges of a scraped page, and cutting inside the content would lose text.
"""

from __future__ import annotations

import re

from nlp.spans import Component, Context, line_spans

_NAV_WORDS = re.compile(
    r"^(home|homepage|menu|search|log ?in|login|sign ?(up|in|out)|register|feedback|contact( us)?|"
    r"about( us)?|products?( & services)?|services|latest news|news|database|reports|"
    r"analytic tools|"
    r"case studies|share( to| this)?|print|close|back|top|back to top|skip to (main )?content|"
    r"english|中文|简体|繁體|繁体|首页|登录|注册|搜索|导航|返回|打印|关闭|分享|网站地图|"
    r"policy paper|cookies?( settings| on [a-z.]+)?|accept( all)?( cookies)?|"
    r"reject( all)?( cookies)?|"
    r"[\W\d_]{0,3})$",
    re.IGNORECASE,
)
_FOOTER = re.compile(
    r"(©|copyright|all rights reserved|版权所有|备案|icp|^like\(\d*\)$|^collect\(\d*\)$|"
    r"^(facebook|twitter|weibo|wechat|linkedin|whatsapp|email|微信|微博|qq)$|^region:|^tags?:|"
    r"^logo[_\w]*$|^share(:| on| to)?|^print$|^close$|^(previous|next)( article| page)?\b|"
    r"^related (news|articles|links)|^hits:|^views?:|^editor:|^责任编辑|^扫一扫|^top$|"
    r"^back to top$|^return to top$|^phone:|^tel:|^e-?mail:|^address:|^地址|^电话|^主办|^承办|"
    # an editor's note in square brackets under the page ("[Unofficial translation ...]")
    r"^\[[^\]\n]*\]$)",
    re.IGNORECASE,
)
# A line with sentence punctuation or this many words is content, not a menu entry.
_CONTENT_WORDS = 8


def _is_nav_line(line: str) -> bool:
    stripped = line.strip()
    if not stripped:
        return True
    if _NAV_WORDS.match(stripped):
        return True
    # Menu bars glued together by the scraper: "HomeProducts & ServicesAbout UsContact Us".
    return bool(re.search(r"[a-z](Home|About|Contact|Products|Services|News)\b", stripped))


def _looks_short(line: str) -> bool:
    stripped = line.strip()
    return (
        len(stripped.split()) <= 4 and len(stripped) <= 40 and not re.search(r"[.。:：]$", stripped)
    )


def _is_footer_line(line: str) -> bool:
    stripped = line.strip()
    return not stripped or (bool(_FOOTER.search(stripped)) and len(stripped) < 200)


def find_content_bounds(text: str) -> tuple[int, int]:
    """(content_start, content_end): the text without its leading and trailing chrome blocks."""
    lines = list(line_spans(text))
    first, nav_seen, index = 0, 0, 0
    # Leading block: a run of short lines among which menu words dominate.
    while index < len(lines):
        line = text[lines[index][0] : lines[index][1]]
        if _is_nav_line(line):
            nav_seen += bool(line.strip())
        elif not _looks_short(line):
            break
        index += 1
    if nav_seen >= 2:
        first = index
    elif nav_seen == 1 and index > 0 and _is_nav_line(text[lines[0][0] : lines[0][1]]):
        first = index if index <= 3 else 0
    last = len(lines)
    while last > first and _is_footer_line(text[lines[last - 1][0] : lines[last - 1][1]]):
        last -= 1
    if last <= first:
        return _strip(text, 0, len(text))
    start = lines[first][0]
    end = lines[last - 1][1]
    return _strip(text, start, end)


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def detect_chrome(ctx: Context) -> None:
    """Pipeline component: set ``document.content_start`` / ``content_end``."""
    ctx.document.content_start, ctx.document.content_end = find_content_bounds(ctx.text)


COMPONENT = Component(
    name="chrome",
    run=detect_chrome,
    reads=("text",),
    writes=("document.content",),
)
