"""Web pages saved as .html: rows of cells from their tables and lines from their text.

The town page below is written by hand as a town government's site shows an allocation
notice (GBK, a layout table around the article, chrome around the notice); its rows are read
off it by hand. The shipped notice as a city bureau's page must read to the text's plan.
"""

from __future__ import annotations

import time
from dataclasses import replace

import pytest

from bot.errors import NoticeError
from bot.notice_files.html_reader import decode_html, html_rows
from bot.notice_files.importers import notice_rows, plan_of
from bot.notice_files.limits import LIMITS, MB
from bot.notice_files.worker import read_rows
from bot.plan import Plan
from bot.registry.units import Registry
from tests.bot.notice_files.page_files import gov_page
from tests.bot.notice_files.test_importers import check_seed_facts, outline

TOWN_PAGE = """<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN">
<html><head>
<meta http-equiv="Content-Type" content="text/html; charset=gbk" />
<title>关于印发2022年重点工作任务分工的通知-白沙镇人民政府</title>
<script type="text/javascript">var tasks = "1. 不是任务";</script>
<style>td{font-size:14px}</style>
</head>
<body>
<table width="100%" class="layout"><tr><td class="logo"><img src="logo.png">白沙镇人民政府</td></tr>
<tr><td class="main">
  <div class="position">当前位置：<a href="/">首页</a>&nbsp;&gt;&nbsp;<a>政务公开</a></div>
  <h2>关于印发2022年重点工作任务分工的通知</h2>
  <div class="meta">发布日期：2022-03-08&nbsp;&nbsp;来源：党政办&nbsp;&nbsp;【字体：<a>大</a> <a>中</a> <a>小</a>】</div>
  <div class="content">
    <p>各村（居）委会，镇直各单位：<br/>现将《2022年重点工作任务分工》印发给你们，请认真贯彻落实。</p>
    <table border="1">
      <caption>2022年重点工作任务分工</caption>
      <tr><th>序号</th><th>工作任务</th><th colspan="2">责任单位</th></tr>
      <tr><td colspan="4">一、经济发展</td></tr>
      <tr><td>1</td><td>完成固定资产投资<b>5亿元</b>。</td><td>经发办牵头</td><td rowspan="2">财政所</td></tr>
      <tr><td>2</td><td><p>推进农贸市场改造，</p><p>6月底前完成。</p></td><td>规划建设办牵头</td></tr>
      <tr><td>3</td><td rowspan="2">做好安全生产工作。</td><td>应急办牵头</td><td>派出所</td></tr>
      <tr><td>4</td><td>消防所牵头</td><td>各村（居）委会</td></tr>
      <tr style="display:none"><td>9</td><td>隐藏的行</td><td></td><td></td></tr>
    </table>
    <p style="text-align:right">白沙镇人民政府<br>2022年3月7日</p>
  </div>
  <div class="bottom">【<a>打印本页</a>】【<a>关闭窗口</a>】</div>
</td></tr></table>
<form><input value="搜索"><button>搜索</button></form>
</body></html>"""

TOWN_ROWS = [
    ["白沙镇人民政府"],
    ["关于印发2022年重点工作任务分工的通知"],
    ["各村（居）委会，镇直各单位："],
    ["现将《2022年重点工作任务分工》印发给你们，请认真贯彻落实。"],
    ["2022年重点工作任务分工"],
    ["序号", "工作任务", "责任单位", ""],
    ["一、经济发展"],
    ["1", "完成固定资产投资5亿元。", "经发办牵头", "财政所"],
    ["2", "推进农贸市场改造，\n6月底前完成。", "规划建设办牵头", "财政所"],
    ["3", "做好安全生产工作。", "应急办牵头", "派出所"],
    ["4", "做好安全生产工作。", "消防所牵头", "各村（居）委会"],
    ["白沙镇人民政府"],
    ["2022年3月7日"],
]


def cells(rows: list[tuple[int, object]]) -> list[list[str]]:
    return [list(row) for _, row in rows]  # type: ignore[call-overload]


def test_a_town_page_reads_to_its_rows():
    rows = html_rows(TOWN_PAGE.encode("gbk"), "通知.html", LIMITS)
    assert cells(rows) == TOWN_ROWS
    assert [number for number, _ in rows] == list(range(1, len(TOWN_ROWS) + 1))


def test_the_shipped_notice_as_a_gbk_page_reads_like_the_text(plan: Plan, registry: Registry):
    rows = notice_rows(gov_page(), "分工方案.htm")
    read = plan_of(rows, "分工方案.htm", registry)
    check_seed_facts(read)
    assert outline(read) == outline(plan)
    texts = " ".join(" ".join(row) for _, row in rows)
    for chrome in ("您现在的位置", "浏览次数", "字体", "打印本页", "分享到", "扫一扫", "上一篇"):
        assert chrome not in texts
    for hidden in ("不是任务", "机构概况", "网站标识码", "_江门市生态环境局"):
        assert hidden not in texts


@pytest.mark.parametrize(
    ("data", "text"),
    [
        ('<meta charset="GB2312"><p>镇直各单位</p>'.encode("gbk"), "镇直各单位"),
        ("<p>镇直各单位</p>".encode("gbk"), "镇直各单位"),  # no declaration: GB18030 after UTF-8
        ('<meta charset="utf-8"><p>镇直各单位</p>'.encode("gbk"), "镇直各单位"),  # a wrong one
        ("\ufeff<p>镇直各单位</p>".encode(), "镇直各单位"),
        ("\ufeff<p>镇直各单位</p>".encode("utf-16-le"), "镇直各单位"),
        ('<meta charset="no-such-codec"><p>镇直各单位</p>'.encode(), "镇直各单位"),
    ],
    ids=["meta-gb2312", "undeclared-gbk", "wrongly-declared", "utf8-bom", "utf16-bom", "unknown"],
)
def test_the_page_encoding_is_found(data: bytes, text: str):
    assert text in decode_html(data, "p.html")
    assert cells(html_rows(data, "p.html", LIMITS)) == [[text]]


def test_bytes_no_encoding_reads_are_refused():
    with pytest.raises(NoticeError, match="无法识别网页的文字编码"):
        decode_html(b"<p>\x80\xff\xfe</p>", "p.html")


def test_an_empty_page_has_no_rows():
    assert html_rows(b"  \n ", "p.html", LIMITS) == []
    assert html_rows(b"<html><body><script>x</script></body></html>", "p.html", LIMITS) == []


# --- hostile pages ------------------------------------------------------------------------------


@pytest.mark.parametrize("span", ["1000000", "9" * 5000])
def test_a_rowspan_of_a_million_covers_the_rows_there_are(span: str):
    page = f'<table><tr><td rowspan="{span}">甲</td><td>1</td></tr><tr><td>2</td></tr></table>'
    assert cells(html_rows(page.encode(), "p.html", LIMITS)) == [["甲", "1"], ["甲", "2"]]


def test_a_rowspan_of_zero_spans_to_the_table_end_and_junk_spans_count_as_one():
    page = (
        '<table><tr><td rowspan="0">甲</td><td colspan="x">1</td></tr>'
        '<tr><td rowspan="abc">2</td></tr><tr><td colspan="-3">3</td></tr></table>'
    )
    assert cells(html_rows(page.encode(), "p.html", LIMITS)) == [
        ["甲", "1"],
        ["甲", "2"],
        ["甲", "3"],
    ]


def test_a_colspan_of_ten_thousand_is_refused():
    page = '<table><tr><td colspan="10000">一、总体要求</td></tr></table>'
    with pytest.raises(NoticeError, match="表格列数超过 64（一行占 10000 列）"):
        html_rows(page.encode(), "p.html", LIMITS)


def test_spans_covering_more_cells_than_a_notice_has_are_refused():
    row = '<td rowspan="100000" colspan="60">x</td>'
    page = "<table>" + f"<tr>{row}</tr>" + "<tr></tr>" * 4000 + "</table>"
    with pytest.raises(NoticeError, match="合并单元格覆盖超过 100000 个单元格"):
        html_rows(page.encode(), "p.html", LIMITS)


def test_a_page_of_more_rows_than_a_notice_is_refused():
    page = "<table>" + "<tr><td>1</td></tr>" * 6000 + "</table>"
    with pytest.raises(NoticeError, match="段落和表格行数超过 5000"):
        html_rows(page.encode(), "p.html", LIMITS)
    with pytest.raises(NoticeError, match="段落和表格行数超过 5000"):
        html_rows(("<p>1. x</p>" * 6000).encode(), "p.html", LIMITS)


def test_a_page_nested_deeper_than_python_recurses_is_read():
    page = "<div>" * 2000 + "1. 深处的任务" + "</div>" * 2000 + "<p>2. 其后的任务</p>"
    assert cells(html_rows(page.encode(), "p.html", LIMITS)) == [
        ["1. 深处的任务"],
        ["2. 其后的任务"],
    ]


def test_a_page_nested_deeper_than_the_parser_goes_is_refused_not_cut():
    page = "<div>" * 50_000 + "1. 深处的任务" + "</div>" * 50_000 + "<p>2. 其后的任务</p>"
    with pytest.raises(NoticeError, match="网页结构异常"):
        html_rows(page.encode(), "p.html", LIMITS)


def test_a_50_mb_page_is_refused_unread():
    page = b"<p>" + b"x" * (50 * MB) + b"</p>"
    started = time.monotonic()
    with pytest.raises(NoticeError, match="文件过大（50.0 MB），通知文件应小于 10 MB"):
        read_rows(page, "大.html")
    assert time.monotonic() - started < 1


def test_a_page_of_the_size_limit_is_read_in_the_worker_within_its_bounds():
    """10 MB of table cells: the worker refuses it for its rows, quickly, in Chinese."""
    page = b"<table>" + b"<tr><td>1</td><td>x</td></tr>" * 350_000 + b"</table>"
    assert len(page) < LIMITS.max_bytes
    started = time.monotonic()
    with pytest.raises(NoticeError, match="段落和表格行数超过 5000"):
        read_rows(page, "大.html", replace(LIMITS, seconds=15))
    assert time.monotonic() - started < 10
