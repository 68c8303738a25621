"""Notices as web pages and PDFs, built here the way offices publish them.

`gov_page` lays a notice out as a government site's article page, GBK-encoded: breadcrumbs,
the date / source / view-count line, the font-size and print links, the notice with its table
(the section column spanned down each section's rows), then sharing, QR-code, previous / next
and a site footer. `notice_pdf` sets the same table as a ruled PDF table (reportlab, a test
dependency: it writes the PDF a word processor would export); `scanned_pdf` is a page that
is only a picture.
"""

from __future__ import annotations

import html
import io

from PIL import Image
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

from tests.bot.notice_files.test_importers import notice_lines, section_spans

FONT = "STSong-Light"  # one of the Adobe CJK fonts every PDF reader has; nothing to embed
PAGE_CHROME_BEFORE = [
    '<div class="crumb">您现在的位置：<a href="/">首页</a> &gt; <a>政务公开</a> &gt; '
    "<a>通知公告</a></div>",
    '<div class="info"><span>发布时间：2021-10-28 16:30</span>&nbsp;&nbsp;<span>来源：办公室'
    "</span>&nbsp;&nbsp;<span>浏览次数：<script>document.write(1024)</script></span></div>",
    '<div class="tools">【字体：<a>大</a> <a>中</a> <a>小</a>】【<a>打印本页</a>】'
    "【<a>关闭窗口</a>】</div>",
]
PAGE_CHROME_AFTER = [
    '<div class="share">分享到：<a class="wx"></a><a class="wb"></a></div>',
    '<div class="qr">扫一扫在手机上打开当前页<img src="qr.png"></div>',
    '<div class="pages"><p>上一篇：<a>关于开展2021年“六五环境日”宣传活动的通知</a></p>'
    "<p>下一篇：<a>江门市生态环境局2021年部门预算公开</a></p></div>",
    '<div class="links">相关链接：<a>国务院</a> <a>广东省人民政府</a></div>',
]


def _cell(text: str, tag: str = "td", span: int = 1) -> str:
    spanned = f' rowspan="{span}"' if span > 1 else ""
    return f"<{tag}{spanned}>{html.escape(text)}</{tag}>"


def notice_table_html() -> str:
    """The shipped notice's table, its section cells spanning their sections' rows."""
    _, table = notice_lines()
    spans = dict(section_spans(table))
    rows = ["<tr>" + "".join(_cell(text, "th") for text in table[0]) + "</tr>"]
    for i, row in enumerate(table[1:], 1):
        section = _cell(row[0], span=spans[i] - i + 1) if i in spans else ""
        rows.append("<tr>" + section + "".join(_cell(text) for text in row[1:]) + "</tr>")
    return '<table border="1" cellspacing="0">' + "\n".join(rows) + "</table>"


def gov_page(*, encoding: str = "gbk") -> bytes:
    """The shipped notice as a city bureau's site shows it, saved from the browser."""
    preamble, _ = notice_lines()
    head = (
        '<head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">'
        "<title>关于印发分工方案的通知_江门市生态环境局</title>"
        "<style>.crumb{color:#333}</style><script>var page = '1. 不是任务';</script></head>"
    )
    nav = "<nav><ul><li><a>首页</a></li><li><a>1. 机构概况</a></li></ul></nav>"
    body = "\n".join(
        [
            '<div class="top">' + nav + "</div>",
            *PAGE_CHROME_BEFORE,
            '<div class="article">',
            *(f"<p>{html.escape(line.strip())}</p>" for line in preamble),
            notice_table_html(),
            "</div>",
            *PAGE_CHROME_AFTER,
            "<footer>主办：江门市生态环境局 网站标识码：4407000001 粤ICP备00000000号</footer>",
        ]
    )
    page = f"<!DOCTYPE html>\n<html>{head}<body>\n{body}\n</body></html>"
    return page.encode(encoding)


def body_style() -> ParagraphStyle:
    """A paragraph style in `FONT` (registered with reportlab on first use)."""
    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    return ParagraphStyle("body", fontName=FONT, fontSize=10, leading=14)


def notice_pdf() -> bytes:
    """The shipped notice as a PDF: the preamble as paragraphs, the table ruled, its section
    cells spanning each section's rows, the header repeated on every page."""
    style = body_style()
    preamble, table = notice_lines()
    cells = [[Paragraph(html.escape(text), style) for text in row] for row in table]
    spans = [("SPAN", (0, first), (0, last)) for first, last in section_spans(table)]
    grid = Table(cells, colWidths=[100, 280, 120], repeatRows=1)
    grid.setStyle(
        TableStyle(
            [("GRID", (0, 0), (-1, -1), 0.5, "black"), ("VALIGN", (0, 0), (-1, -1), "TOP")] + spans
        )
    )
    out = io.BytesIO()
    document = SimpleDocTemplate(out, pagesize=A4)
    document.build([*(Paragraph(html.escape(line), style) for line in preamble), grid])
    return out.getvalue()


def scanned_pdf(pages: int = 1) -> bytes:
    """A scan: every page one picture of text, no text layer."""
    picture = Image.new("L", (300, 400), 255)
    for x in range(30, 270):
        for y in range(40, 360, 20):
            picture.putpixel((x, y), 0)  # lines where text would be
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=A4)
    for _ in range(pages):
        canvas.drawImage(ImageReader(picture), 50, 200, width=450, height=600)
        canvas.showPage()
    canvas.save()
    return out.getvalue()
