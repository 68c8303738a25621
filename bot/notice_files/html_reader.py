"""Read a web page saved as .html or .htm: its tables with their spans, its text as lines.

Parsed with lxml's HTML parser. A table that holds no other table is a data table: each of
its rows becomes a row of cells, spans laid out by `bot.notice_files.table_grid` (so a rowspan's text
repeats down the rows it covers). Everything else is text: a line per block element (p, div,
li, h1…, a table cell of a layout table) and per ``<br>``, as one-cell rows. What a browser
does not show as the page's text is left out: the head, scripts, styles, navigation, forms,
hidden elements, and a header or footer outside the article; so are the lines of the page's
chrome around the notice (breadcrumbs, print links, sharing: `bot.reading.chrome`). Rows are numbered 1, 2, … in
reading order, as in a Word document.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

import bot.notice_files.texts as file_texts
from bot.errors import NoticeError
from bot.notice_files.limits import Limits, check_rows
from bot.notice_files.table_grid import Placed, check_width, grid_rows
from bot.reading.chrome import is_chrome
from bot.reading.loader import RawRow

if TYPE_CHECKING:
    from lxml.html import HtmlElement

_DROPPED = frozenset(
    {
        "head", "script", "style", "noscript", "template", "nav", "iframe", "object", "embed",
        "svg", "canvas", "select", "button", "input", "textarea", "form", "map", "audio", "video",
    }
)  # fmt: skip
_CHROME_UNLESS_IN_ARTICLE = frozenset({"header", "footer", "aside"})
_ARTICLE = frozenset({"article", "main"})
_BLOCKS = frozenset(
    {
        "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "div",
        "dl", "dt", "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6",
        "header", "hr", "li", "main", "ol", "p", "pre", "section", "table", "tbody", "td",
        "tfoot", "th", "thead", "tr", "ul",
    }
)  # fmt: skip
_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_GB = frozenset({"gb2312", "gbk", "x-gbk", "gb_2312-80", "gb18030", "cp936", "euc-cn"})
_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_SPAN = re.compile(r"\s*\+?(\d{1,9})")


def html_rows(data: bytes, filename: str, limits: Limits) -> list[RawRow]:
    """A saved web page as numbered rows: a row per data-table row, a one-cell row per line."""
    from lxml import etree, html

    text = decode_html(data, filename)  # markup may be most of it: text is counted in rows
    parser = html.HTMLParser(huge_tree=True)  # nesting up to 2048 deep, not 256
    try:
        root = html.document_fromstring(text, parser=parser)
    except (etree.ParserError, ValueError):  # nothing but white space, or no markup at all
        return []
    if any(error.level == etree.ErrorLevels.FATAL for error in parser.error_log):
        raise NoticeError(filename, file_texts.HTML_BROKEN)  # libxml2 stopped: text was lost
    rows: list[RawRow] = []
    for cells in _PageRows(filename, limits).read(root):
        rows.append((len(rows) + 1, cells))
        check_rows(len(rows), filename, limits)
    return rows


def decode_html(data: bytes, filename: str) -> str:
    """The page's text: by its byte-order mark, else the charset its meta tag declares (GB2312
    and GBK read as GB18030, their superset), else UTF-8, else GB18030."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encodings: list[str] = ["utf-16"]
    elif data.startswith(b"\xef\xbb\xbf"):
        encodings = ["utf-8-sig"]
    else:
        declared = _CHARSET.search(data[:8192])
        name = declared.group(1).decode("ascii").lower() if declared else ""
        encodings = ["gb18030" if name in _GB else name, "utf-8", "gb18030"]
    for encoding in filter(None, encodings):
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    raise NoticeError(filename, "无法识别网页的文字编码，请在浏览器中另存为 UTF-8 网页或文本")


class _PageRows:
    """Walks a page's tree without recursion (a page may nest deeper than Python recurses)."""

    def __init__(self, filename: str, limits: Limits) -> None:
        self.filename = filename
        self.limits = limits

    def read(self, root: HtmlElement) -> Iterator[list[str]]:
        """The page's rows in reading order: data tables' rows and the lines between them."""
        line = [root.text or ""]
        stack = [(child, False) for child in reversed(root)]
        while stack:
            element, closing = stack.pop()
            if closing:
                if element.tag in _BLOCKS:
                    yield from _flush(line)
                line.append(element.tail or "")
                continue
            if not isinstance(element.tag, str) or _dropped(element):  # comments too
                line.append(element.tail or "")
                continue
            if element.tag == "br" or element.tag in _BLOCKS:
                yield from _flush(line)
            if element.tag == "table" and _is_data_table(element):
                yield from self.table(element)
                line.append(element.tail or "")
                continue
            if element.tag == "br":
                line.append(element.tail or "")
                continue
            line.append(element.text or "")
            stack.append((element, True))
            stack.extend((child, False) for child in reversed(element))
        yield from _flush(line)

    def table(self, table: HtmlElement) -> Iterator[list[str]]:
        """A data table's caption as a line, then its rows on the grid."""
        for caption in table.iterchildren("caption"):
            yield from ([line] for line in self.lines(caption))
        trs = [tr for tr in table.iter("tr") if not _dropped(tr)]
        check_rows(len(trs), self.filename, self.limits)
        busy: list[int] = []  # per column, the first row no rowspan from above covers
        placed: list[Placed] = []
        for row, tr in enumerate(trs):
            column = 0
            for cell in tr.iterchildren("td", "th"):
                while column < len(busy) and busy[column] > row:
                    column += 1
                rows = _span(cell, "rowspan", default=1) or len(trs)  # 0: to the table's end
                columns = _span(cell, "colspan", default=1) or 1
                check_width(column + columns, self.filename, self.limits)
                busy.extend([0] * (column + columns - len(busy)))
                for covered in range(column, column + columns):
                    busy[covered] = row + min(rows, len(trs))
                placed.append(Placed(row, column, rows, columns, "\n".join(self.lines(cell))))
                column += columns
        yield from (cells for cells in grid_rows(placed, len(trs), self.filename, self.limits))

    def lines(self, element: HtmlElement) -> list[str]:
        """The lines of text inside a table cell or caption (a nested table's rows as lines)."""
        return [" ".join(cells) for cells in self.read(element)]


def _flush(line: list[str]) -> Iterator[list[str]]:
    """The text gathered since the last block boundary, white space collapsed, as a row;
    none when it is the page's chrome (`bot.reading.chrome`)."""
    text = " ".join("".join(line).split())
    line.clear()
    if text and not is_chrome(text):
        yield [text]


def _dropped(element: HtmlElement) -> bool:
    """Whether the element is no part of the page's text (see the module's docstring)."""
    if element.tag in _DROPPED or element.get("hidden") is not None:
        return True
    if _HIDDEN.search(element.get("style") or ""):
        return True
    return element.tag in _CHROME_UNLESS_IN_ARTICLE and not any(
        ancestor.tag in _ARTICLE for ancestor in element.iterancestors()
    )


def _is_data_table(table: HtmlElement) -> bool:
    """A table holding no table: one holding tables only lays out the page."""
    return next(table.iterdescendants("table"), None) is None


def _span(cell: HtmlElement, attribute: str, *, default: int) -> int:
    """A rowspan or colspan as a browser reads it: leading digits, else the default."""
    found = _SPAN.match(cell.get(attribute) or "")
    return int(found.group(1)) if found else default
