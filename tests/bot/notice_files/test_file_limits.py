"""Every bound of a notice read, met by the hostile file it is there for (issue 14, item 5).

Readers are called in process for the bounds, which must hold without the worker's limits;
the worker is run for what only it can bound: time and memory.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import replace

import pytest

from bot.errors import NoticeError
from bot.notice_files.importers import notice_rows
from bot.notice_files.limits import LIMITS, MB
from bot.notice_files.worker import _environment, read_rows, read_rows_async
from tests.bot.notice_files.hostile_files import (
    big_text,
    cell,
    corrupt_zip,
    grid_bomb,
    long_sheet,
    many_paragraphs,
    merged_grid_bomb,
    sheet,
    wide_span_docx,
    workbook,
    zip_bomb,
)

TASK = "1. 公开专项规划。（牵头单位：办公室）"


@pytest.fixture(scope="module")
def paragraphs() -> bytes:
    return many_paragraphs()


def refusal(data: bytes, filename: str) -> str:
    with pytest.raises(NoticeError) as caught:
        notice_rows(data, filename)
    return caught.value.detail


def test_the_grid_bomb_is_refused_at_once_by_its_far_cell():
    data = grid_bomb()
    assert len(data) < 5000
    started = time.monotonic()
    assert refusal(data, "全表.xlsx").startswith("表格行数超过 5000（第 1048576 行仍有内容）")
    assert time.monotonic() - started < 5


def test_a_merged_range_across_the_grid_is_refused():
    assert refusal(merged_grid_bomb(), "合并.xlsx").startswith("合并单元格覆盖超过 100000 个")


def test_a_hundred_thousand_rows_are_refused_at_the_first_row_past_the_limit():
    assert refusal(long_sheet(), "十万行.xlsx").startswith("表格行数超过 5000（第 5001 行")


def test_content_past_the_last_column_is_refused():
    rows = f'<row r="1">{cell("A1", TASK)}{cell("BZ1", "x")}</row>'
    assert refusal(workbook(sheet(rows)), "宽.xlsx").startswith("表格列数超过 64（第 78 列")


def test_empty_cells_and_a_declared_dimension_past_the_limits_are_passed_over():
    rows = f'<row r="1">{cell("A1", TASK)}</row><row r="1048576"><c r="XFD1048576" s="0"/></row>'
    data = workbook(sheet(rows, dimension="A1:XFD1048576"))
    assert notice_rows(data, "样式.xlsx") == [(1, [TASK])]


def test_the_row_limit_counts_every_sheet():
    limits = replace(LIMITS, max_rows=3)
    rows = "".join(f'<row r="{n}">{cell(f"A{n}", TASK)}</row>' for n in (1, 2))
    data = workbook(sheet(rows))
    assert notice_rows(data, "两行.xlsx", limits) == [(1, [TASK]), (2, [TASK])]
    with pytest.raises(NoticeError, match="表格行数超过 1"):
        notice_rows(data, "两行.xlsx", replace(limits, max_rows=1))


def test_a_zip_bomb_is_refused_from_its_directory_before_unpacking():
    data = zip_bomb()
    assert len(data) < 100_000
    assert refusal(data, "炸弹.docx") == "文件过大：解压后超过 20 MB，不像一份通知"


def test_a_member_that_unpacks_a_thousandfold_is_refused():
    detail = refusal(zip_bomb(size=15 * MB), "压缩.docx")
    assert detail.startswith("文件中的“word/document.xml”压缩比异常")


def test_two_hundred_thousand_paragraphs_are_refused(paragraphs: bytes):
    assert refusal(paragraphs, "二十万段.docx") == "段落和表格行数超过 5000，不像一份通知"


def test_a_table_cell_spanning_a_billion_columns_is_refused():
    assert refusal(wide_span_docx(), "跨列.docx").startswith("表格列数超过 64（一行占 ")


def test_a_thirty_megabyte_text_is_refused_unread():
    assert refusal(big_text(), "大.txt").startswith("文件过大（30.0 MB）")


def test_a_text_of_more_lines_than_a_notice_is_refused():
    data = ("\n".join([TASK] * 6000)).encode()
    assert refusal(data, "长.txt") == "段落和表格行数超过 5000，不像一份通知"


@pytest.mark.parametrize(
    ("filename", "data", "detail"),
    [
        ("坏的.xlsx", corrupt_zip(), "不是有效的 .xlsx 文件"),
        ("坏的.docx", corrupt_zip(), "不是有效的 .docx 文件"),
        ("表格.docx", grid_bomb(), "不是有效的 .docx 文件"),
        ("文本.xlsx", TASK.encode(), "不是有效的 .xlsx 文件"),
        ("通知.xls", grid_bomb(), "旧版 Excel 文件（.xls）无法读取"),
    ],
    ids=["corrupt-xlsx", "corrupt-docx", "workbook-named-docx", "text-named-xlsx", "xls"],
)
def test_a_damaged_or_misnamed_file_is_refused(filename: str, data: bytes, detail: str):
    assert refusal(data, filename).startswith(detail)


# --- the worker ----------------------------------------------------------------------------------


def test_the_worker_reads_a_notice_as_the_reader_does():
    data = "\n".join(["某局工作要点", "一、做好规划公开", TASK]).encode()
    assert read_rows(data, "通知.txt") == notice_rows(data, "通知.txt")


async def test_a_file_name_with_a_nul_reaches_the_worker():
    """A name Telegram passes on as sent (file\\x00.txt) cannot go into argv as it is."""
    data = "一、总体要求\n1. 做好公开工作。".encode()
    assert await read_rows_async(data, "file\x00.txt") == notice_rows(data, "file.txt")


def test_a_worker_out_of_time_is_killed(paragraphs: bytes):
    limits = replace(LIMITS, max_rows=10**6, max_ratio=10**6, seconds=1.0)
    started = time.monotonic()
    with pytest.raises(NoticeError, match="解析超时（超过 1 秒）"):
        read_rows(paragraphs, "二十万段.docx", limits)
    assert time.monotonic() - started < 5


def test_a_worker_out_of_memory_refuses_the_file(paragraphs: bytes):
    limits = replace(LIMITS, max_rows=10**6, max_ratio=10**6, memory=128 * MB)
    with pytest.raises(NoticeError, match="读取时超出内存上限（128 MB）"):
        read_rows(paragraphs, "二十万段.docx", limits)


async def test_the_event_loop_goes_on_while_a_worker_reads(paragraphs: bytes):
    limits = replace(LIMITS, max_rows=10**6, max_ratio=10**6, seconds=2.0)
    ticks = 0

    async def tick() -> None:
        nonlocal ticks
        while True:
            await asyncio.sleep(0.05)
            ticks += 1

    ticker = asyncio.create_task(tick())
    with pytest.raises(NoticeError, match="解析超时"):
        await read_rows_async(paragraphs, "二十万段.docx", limits)
    ticker.cancel()
    assert ticks >= 20  # two seconds of reading, a tick every 0.05 s


def test_the_worker_gets_no_token(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "123:secret")
    assert "TELEGRAM_BOT_TOKEN" not in _environment()
