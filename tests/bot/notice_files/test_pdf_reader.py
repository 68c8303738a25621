"""PDFs with a text layer read to rows; scans, pictures and hostile PDFs get a Chinese refusal.
The command line imports a PDF and a saved web page as it does a Word file.

The small town notice is set here with reportlab as a word processor would export it: a
spaced-out heading, a title, a ruled table whose 责任单位 cell spans two rows and whose section row spans the
table, a line set in columns without rules, and a browser's print links; its rows are read
off it by hand. The shipped notice as a PDF must read to the text's plan.
"""

from __future__ import annotations

import io
import time
import zlib
from dataclasses import replace
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

from bot.errors import NoticeError
from bot.notice_files.importers import notice_rows, plan_of
from bot.notice_files.limits import LIMITS, MB
from bot.notice_files.pdf_reader import pdf_rows
from bot.notice_files.worker import read_rows
from bot.plan import Plan
from bot.registry.units import Registry
from tests.bot.importing.test_import_cli import run_bot
from tests.bot.notice_files.page_files import FONT, body_style, gov_page, notice_pdf, scanned_pdf
from tests.bot.notice_files.test_importers import check_seed_facts, outline

SCAN_REFUSAL = "这份 PDF 没有文字层（可能是扫描件），请提供 Word 或文字版"


def town_pdf() -> bytes:
    style = body_style()
    ruled = Table(
        [
            ["序号", "工作任务", "责任单位"],
            ["一、经济发展", "", ""],
            ["1", "完成固定资产投资5亿元。", "经发办牵头"],
            ["2", "推进农贸市场改造。", ""],
        ],
        colWidths=[60, 240, 120],
    )
    ruled.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), FONT),
                ("GRID", (0, 0), (-1, -1), 0.5, "black"),
                ("SPAN", (0, 1), (2, 1)),
                ("SPAN", (2, 2), (2, 3)),
            ]
        )
    )
    columns = Table([["主送：", "各村（居）委会", "镇直各单位"]], colWidths=[60, 160, 160])
    columns.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), FONT)]))
    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=A4).build(
        [
            Paragraph("【打印本页】【关闭窗口】", style),
            Paragraph("通\u3000\u3000知", style),
            Paragraph("关于印发2022年重点工作任务分工的通知", style),
            columns,
            ruled,
            Paragraph("白沙镇人民政府", style),
            Paragraph("2022年3月7日", style),
        ]
    )
    return out.getvalue()


def test_a_town_pdf_reads_to_its_rows():
    rows = pdf_rows(town_pdf(), "通知.pdf", LIMITS)
    assert [list(cells) for _, cells in rows] == [
        ["通知"],  # spaced out, yet one cell
        ["关于印发2022年重点工作任务分工的通知"],
        ["主送：", "各村（居）委会", "镇直各单位"],
        ["序号", "工作任务", "责任单位"],
        ["一、经济发展"],
        ["1", "完成固定资产投资5亿元。", "经发办牵头"],
        ["2", "推进农贸市场改造。", "经发办牵头"],
        ["白沙镇人民政府"],
        ["2022年3月7日"],
    ]
    assert [number for number, _ in rows] == list(range(1, 10))


def test_the_shipped_notice_as_a_pdf_reads_like_the_text(plan: Plan, registry: Registry):
    data = notice_pdf()
    read = plan_of(notice_rows(data, "分工方案.pdf"), "分工方案.pdf", registry)
    check_seed_facts(read)
    assert outline(read) == outline(plan)


def test_a_scan_is_refused_with_a_request_for_word_or_text():
    with pytest.raises(NoticeError, match=SCAN_REFUSAL):
        notice_rows(scanned_pdf(pages=2), "扫描件.pdf")


@pytest.mark.parametrize("suffix", [".jpg", ".JPEG", ".png"])
def test_a_picture_is_refused_with_a_request_for_word_or_text(suffix: str):
    with pytest.raises(
        NoticeError, match="这是一张图片，无法可靠识别其中的文字，请提供 Word 或文字版"
    ):
        notice_rows(b"\xff\xd8\xff\xe0", f"通知{suffix}")


@pytest.mark.parametrize(
    "data",
    [b"", b"<html>not a pdf</html>", b"%PDF-1.7\n", b"%PDF-1.4\n1 0 obj << /Type /Catalog"],
    ids=["empty", "html", "header-only", "truncated"],
)
def test_what_is_no_sound_pdf_is_refused(data: bytes):
    with pytest.raises(NoticeError, match="不是有效的 PDF 文件"):
        pdf_rows(data, "坏的.pdf", LIMITS)


def test_a_truncated_notice_pdf_is_refused_or_read_never_crashes():
    data = notice_pdf()
    refusals = {SCAN_REFUSAL, "不是有效的 PDF 文件（可能已损坏，或是改了扩展名的其他格式）"}
    for cut in (len(data) // 3, len(data) // 2, len(data) - 200):
        try:
            outcome = "read" if pdf_rows(data[:cut], "截断.pdf", LIMITS) else "nothing"
        except NoticeError as error:
            outcome = error.detail
        assert outcome == "read" or outcome in refusals, (cut, outcome)


def test_a_pdf_with_a_password_is_refused():
    out = io.BytesIO()
    canvas = Canvas(out, encrypt=StandardEncryption("secret", "owner"))
    canvas.drawString(100, 700, "1. task")
    canvas.save()
    with pytest.raises(NoticeError, match="这份 PDF 设置了密码"):
        pdf_rows(out.getvalue(), "加密.pdf", LIMITS)


def test_a_pdf_of_5000_pages_is_refused_before_its_pages_are_read():
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=A4)
    for page in range(5000):
        canvas.drawString(100, 700, f"{page + 1}. x")
        canvas.showPage()
    canvas.save()
    started = time.monotonic()
    with pytest.raises(NoticeError, match="PDF 超过 100 页，不像一份通知"):
        pdf_rows(out.getvalue(), "长.pdf", LIMITS)
    assert time.monotonic() - started < 5


def bomb_pdf(unpacked: int) -> bytes:
    """One page whose content stream inflates from a few hundred KB to `unpacked` bytes."""
    packer = zlib.compressobj(1)
    chunk = b" " * MB
    stream = b"".join(packer.compress(chunk) for _ in range(unpacked // MB)) + packer.flush()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def test_a_pdf_bomb_ends_in_a_chinese_refusal_in_the_worker():
    data = bomb_pdf(400 * MB)
    assert len(data) < 2 * MB
    limits = replace(LIMITS, memory=300 * MB, seconds=15)
    started = time.monotonic()
    with pytest.raises(NoticeError) as refused:
        read_rows(data, "炸弹.pdf", limits)
    assert refused.value.detail == "读取时超出内存上限（300 MB），未读取；请检查文件是否过大"
    assert time.monotonic() - started < 20


@pytest.mark.parametrize(
    ("name", "build"), [("分工方案.html", gov_page), ("分工方案.pdf", notice_pdf)]
)
def test_the_command_line_imports_a_page_or_a_pdf(tmp_path: Path, name: str, build):
    config = tmp_path / "config.toml"
    config.write_text('[data]\npath = "data"\n', encoding="utf-8")
    data = build()
    (tmp_path / name).write_bytes(data)
    result = run_bot("import", str(tmp_path / name), "--config", str(config), "--yes")
    assert result.returncode == 0, result.stderr
    assert "共 15 个部分，34 项任务" in result.stdout
    assert (tmp_path / "data" / "notices" / name).read_bytes() == data
