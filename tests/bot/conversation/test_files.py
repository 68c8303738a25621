"""/export 含佐证 and /chart in the conversation: the zip of the 台账 and its evidence files,
and the picture counting a task with an undefined group as 待明确.

张三 (1001) is bound to 综合科, which leads task 2 (“综合科牵头，各有关科室（单位）配合”: the
group phrase is not defined in the shipped registry); 9001 is the office's admin; the time is
2021-11-15 09:00.
"""

from __future__ import annotations

import io
import zipfile

from PIL import Image

from bot.conversation.actions import Recorded, Reply, SendFile
from bot.conversation.events import TELEGRAM
from bot.conversation.files import SEND_LIMITS
from tests.bot.conversation.conftest import ADMIN, ZHANG, Build, Talk, replies, telegram
from tests.bot.conversation.test_evidence import send
from tests.bot.evidence import samples

PENDING_PURPLE = (0xB3, 0x9D, 0xDB)  # the 待明确 colour


async def file_of(talk: Talk, line: str) -> SendFile:
    [sent] = (await talk.command(line, telegram(ADMIN))).actions
    assert isinstance(sent, SendFile)
    return sent


def purple(png: bytes) -> int:
    image = Image.open(io.BytesIO(png)).convert("RGB")
    return sum(n for n, rgb in image.getcolors(maxcolors=1 << 20) if rgb == PENDING_PURPLE)


async def test_export_with_evidence_is_a_zip_of_the_workbook_and_the_files(build: Build):
    talk = await build("telegram")
    photo, paper = samples.png(), samples.pdf()
    await send(talk, ZHANG, "现场.png", photo, "第2项已完成")
    await send(talk, ZHANG, "方案.pdf", paper, "第2项佐证")
    plain = await file_of(talk, "/export")
    zipped = await file_of(talk, "/export 含佐证")
    assert (plain.name, zipped.name) == ("台账-2021-11-15.xlsx", "台账-2021-11-15.zip")
    assert zipped.caption.startswith(plain.caption)
    assert zipped.caption.endswith(
        "\n压缩包内另有佐证材料 2 个文件，按“佐证材料/第N项/单位/”存放。"
    )
    archive = zipfile.ZipFile(io.BytesIO(zipped.data))
    assert archive.namelist() == [
        "台账-2021-11-15.xlsx",
        "佐证材料/第2项/综合科/2021-11-15_现场.png",
        "佐证材料/第2项/综合科/2021-11-15_方案.pdf",
    ]
    assert archive.read("佐证材料/第2项/综合科/2021-11-15_现场.png") == photo
    assert archive.read("佐证材料/第2项/综合科/2021-11-15_方案.pdf") == paper
    assert archive.read("台账-2021-11-15.xlsx")[:2] == b"PK"


async def test_export_with_evidence_and_nothing_attached_is_the_workbook_alone(build: Build):
    talk = await build("telegram")
    zipped = await file_of(talk, "/export 含佐证")
    assert zipped.caption.endswith("压缩包内另有佐证材料 0 个文件，按“佐证材料/第N项/单位/”存放。")
    assert zipfile.ZipFile(io.BytesIO(zipped.data)).namelist() == ["台账-2021-11-15.xlsx"]


async def test_the_chart_counts_a_closed_task_with_an_undefined_group_as_pending(build: Build):
    talk = await build("telegram")
    before = purple((await file_of(talk, "/chart")).data)
    reported = await talk.press("s:2:20211231:c", telegram(ZHANG))
    assert isinstance(reported.outcome, Recorded)
    passed = await talk.press(f"vp:{reported.outcome.entry.id}", telegram(ADMIN, "王主任"))
    assert isinstance(passed.outcome, Recorded)
    after = purple((await file_of(talk, "/chart")).data)
    # Task 2 is closed for 综合科, but 各有关科室（单位） may still owe work: its section's bar
    # grows a 待明确 segment rather than an 已完成 one.
    assert after > before + 1000


async def test_a_zip_too_big_for_the_channel_is_not_sent_and_the_office_told_why(
    build: Build, monkeypatch
):
    talk = await build("telegram")
    await send(talk, ZHANG, "方案.pdf", samples.pdf(), "第2项佐证")
    monkeypatch.setitem(SEND_LIMITS, TELEGRAM, 1024)  # 1 KB: any zip is over it
    result = await talk.command("/export 含佐证", telegram(ADMIN))
    assert [type(a) for a in result.actions] == [Reply]
    assert replies(result)[0].startswith("“台账-2021-11-15.zip”有 ")
    assert replies(result)[0].endswith(
        "超过机器人能发送的 1 KB，未发送。请先停止机器人，"
        "在服务器上用 python -m bot export --with-evidence 导出；发 /export 可只取台账。"
    )
