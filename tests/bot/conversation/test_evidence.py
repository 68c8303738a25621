"""佐证材料 in the conversation: files, links and 文号 attached to a unit's task, no channel.

张三 (1001) is bound to 综合科, which leads task 2 and holds task 17 but not task 24; 9001 is
the office's admin (no unit); the time is 2021-11-15 09:00.
"""

from __future__ import annotations

from bot.conversation.actions import Asked, Recorded, Refused
from bot.conversation.events import File, Place
from bot.evidence.store import EvidenceStore
from bot.ledger.history import EVIDENCE, REPORT
from tests.bot.conversation.conftest import ADMIN, STRANGER, ZHANG, Build, Talk, replies, telegram
from tests.bot.evidence import samples

NUDGE = ("s:2:20211231:c", "s:2:20211231:p", "s:2:20211231:h", "s:2:20211231:e")


async def _never() -> bytes:
    raise AssertionError("fetched a file that should be refused unread")


async def send(talk: Talk, who: int, name: str, data: bytes | None, caption: str = "", **kw):
    event = File(
        telegram(who),
        Place(who, group=False),
        name,
        len(data) if data is not None else 30 * 1024 * 1024,
        caption,
        data,
        None if data is not None else _never,
        talk.next_id(),
        **kw,
    )
    return await talk.conversation.handle(event)


def stored(talk: Talk) -> set[str]:
    return EvidenceStore(talk.core.config.data_dir).stored()


def evidence(talk: Talk) -> list:
    return [e for e in talk.core.ledger.history() if e.kind == EVIDENCE]


async def test_a_caption_names_the_task(build: Build):
    talk = await build("telegram")
    photo = samples.png()
    result = await send(talk, ZHANG, "现场.png", photo, "第2项佐证")
    assert replies(result) == ["已附佐证：综合科 第2项 “现场.png”（1 KB）。"]
    assert isinstance(result.outcome, Recorded)
    [entry] = evidence(talk)
    assert (entry.tasks, entry.unit, entry.ref) == ((2,), "综合科", None)
    assert [f.name for f in entry.files] == ["现场.png"]
    assert stored(talk) == {entry.files[0].digest}


async def test_a_report_in_the_caption_is_recorded_and_the_file_linked_to_it(build: Build):
    talk = await build("telegram")
    result = await send(talk, ZHANG, "方案.pdf", samples.pdf(), "第2项已完成，方案已印发")
    assert replies(result)[0].startswith("已记录：综合科 第2项 已完成")
    assert replies(result)[1].startswith("已附佐证：综合科 第2项 “方案.pdf”")
    assert replies(result)[1].endswith("（随 11月15日 09:00 的进展）。")
    report, attached = talk.core.ledger.history()
    assert (report.kind, attached.kind, attached.ref) == (REPORT, EVIDENCE, report.id)
    assert report.text == "已完成，方案已印发"


async def test_the_same_file_twice_is_stored_once(build: Build):
    talk = await build("telegram")
    await send(talk, ZHANG, "现场.png", samples.png(), "第2项佐证")
    await send(talk, ZHANG, "现场（另存）.png", samples.png(), "第17项佐证")
    assert len(evidence(talk)) == 2
    assert len(stored(talk)) == 1


async def test_a_file_replying_to_a_nudge_or_to_the_bot_goes_to_that_task(build: Build):
    talk = await build("telegram")
    nudged = await send(talk, ZHANG, "台账.docx", samples.docx(), replied_choices=NUDGE)
    assert replies(nudged)[0].startswith("已附佐证：综合科 第2项 “台账.docx”")
    await talk.say("第17项正在对接", telegram(ZHANG))
    after = await send(talk, ZHANG, "照片.jpg", samples.jpeg(), replied_bot=True)
    assert replies(after)[0].startswith("已附佐证：综合科 第17项 “照片.jpg”")
    assert replies(after)[0].endswith("（随 11月15日 09:00 的进展）。")


async def test_a_file_replying_to_a_nudge_of_several_tasks_asks_among_them(build: Build):
    talk = await build("telegram")
    nudge = (*NUDGE, "s:8:20211231:c", "s:8:20211231:p")
    asked = await send(talk, ZHANG, "现场.png", samples.png(), replied_choices=nudge)
    assert [c.label for a in asked.actions for row in a.rows for c in row] == ["第2项", "第8项"]


async def test_no_task_named_asks_which_then_the_choice_attaches(build: Build):
    talk = await build("telegram")
    asked = await send(talk, ZHANG, "现场.png", samples.png())
    assert replies(asked) == [
        "“现场.png”是哪一项的佐证？请点选任务；也可在说明里写“第24项佐证”再发。"
    ]
    assert isinstance(asked.outcome, Asked)
    labels = [c.label for a in asked.actions for row in a.rows for c in row]
    assert labels[:3] == ["第1项", "第2项", "第8项"]
    assert evidence(talk) == []
    assert stored(talk) == set()
    chosen = await talk.press("ev:8", telegram(ZHANG))
    assert replies(chosen) == ["已附佐证：综合科 第8项 “现场.png”（1 KB）。"]
    again = await talk.press("ev:8", telegram(ZHANG))
    assert isinstance(again.outcome, Refused)  # the file went with the first press


async def test_said_first_then_sent(build: Build):
    talk = await build("telegram")
    asked = await talk.say("第17项佐证", telegram(ZHANG))
    assert replies(asked) == [
        "请发第17项的佐证：照片或文件（可在说明里写“第17项佐证”），或链接、文号。"
    ]
    sent = await send(talk, ZHANG, "签到表.xlsx", samples.xlsx())
    assert replies(sent)[0].startswith("已附佐证：综合科 第17项 “签到表.xlsx”")


async def test_a_link_or_a_document_number_as_text(build: Build):
    talk = await build("telegram")
    link = await talk.say("第2项佐证 https://gk.example.cn/a/1.html", telegram(ZHANG))
    assert replies(link) == ["已附佐证：综合科 第2项 链接 https://gk.example.cn/a/1.html。"]
    number = await talk.say("第2项佐证：江环〔2021〕12号", telegram(ZHANG))
    assert replies(number) == ["已附佐证：综合科 第2项 文号 江环〔2021〕12号。"]
    vague = await talk.say("第2项佐证 已上传", telegram(ZHANG))
    assert replies(vague) == [
        "“第2项佐证”后面请写链接（http 开头）或文号（如 江环〔2021〕12号），或直接发文件。"
    ]
    assert [e.text for e in evidence(talk)] == [
        "https://gk.example.cn/a/1.html",
        "江环〔2021〕12号",
    ]
    assert stored(talk) == set()


async def test_refusals_change_nothing(build: Build):
    talk = await build("telegram")
    refused = [
        await send(talk, ZHANG, "录音.mp3", None, "第2项佐证"),
        await send(talk, ZHANG, "大图.png", None, "第2项佐证"),
        await send(talk, ZHANG, "照片.png", samples.pdf(), "第2项佐证"),
        await send(talk, ZHANG, "现场.png", samples.png(), "第24项佐证"),
        await talk.say("第24项佐证 江环〔2021〕12号", telegram(ZHANG)),
        await send(talk, STRANGER, "现场.png", samples.png(), "第2项佐证"),
    ]
    assert [replies(r)[0] for r in refused] == [
        "“录音.mp3”不是可作佐证的文件类型，未保存。佐证可发照片（jpg、png）、PDF、OFD、"
        "Word（doc、docx）或 Excel（xls、xlsx），或直接发链接、文号。",
        "“大图.png”有 30 MB，超过 20 MB 的上限，未保存。可压缩后再发，或发链接、文号。",
        "“照片.png”的内容不是图片文件（扩展名与内容不符），未保存。",
        "综合科在第24项中没有任务，佐证未保存。请检查项号。",
        "综合科在第24项中没有任务，佐证未保存。请检查项号。",
        "请先说明您是哪个单位（如“我是综合科”），办公室批准后再发佐证材料。",
    ]
    assert all(isinstance(r.outcome, Refused) for r in refused)
    assert evidence(talk) == []
    assert stored(talk) == set()


async def test_the_office_notice_file_is_still_an_import(build: Build):
    talk = await build("telegram")
    [picture] = replies(await send(talk, ADMIN, "照片.jpg", None))
    assert picture.endswith("请提供 Word 或文字版")  # an admin with no unit: not evidence
    [other] = replies(await send(talk, ADMIN, "名单.rtf", None))
    assert other.startswith("只能导入")


async def test_only_a_task_the_office_marked_asks_for_evidence(build: Build):
    talk = await build("telegram")
    plain = await talk.say("第2项已完成", telegram(ZHANG))
    assert len(replies(plain)) == 1  # nothing asks for evidence on an unmarked task
    refused = await talk.command("/evidence 2", telegram(ZHANG))
    assert replies(refused) == ["这是办公室管理员的命令，您没有权限使用。"]
    assert replies(await talk.command("/evidence", telegram(ADMIN))) == [
        "目前没有标记需要佐证材料的任务。用法：/evidence 24（标记第24项需要佐证材料），"
        "/evidence 24 取消，/evidence（查看）。"
    ]
    marked = await talk.command("/evidence 17", telegram(ADMIN))
    assert replies(marked) == [
        "已标记：第17项需要佐证材料。单位报告“已完成”时会提示发照片、文件，或链接、文号。"
    ]
    assert replies(await talk.command("/evidence 17", telegram(ADMIN))) == [
        "第17项已标记为需要佐证材料。"
    ]
    assert replies(await talk.command("/evidence", telegram(ADMIN))) == [
        "需要佐证材料的任务：第17项。"
    ]
    ongoing = await talk.say("第17项正在对接", telegram(ZHANG))
    assert len(replies(ongoing)) == 1  # only 已完成 is answered with the hint
    done = await talk.say("第17项已完成", telegram(ZHANG))
    assert replies(done)[1] == (
        "第17项需要佐证材料：可发照片或文件（说明写“第17项佐证”），或发链接、文号。"
    )
    await talk.say("第17项佐证 https://gk.example.cn/17", telegram(ZHANG))
    again = await talk.say("修改：第17项已完成，已归档", telegram(ZHANG))
    assert len(replies(again)) == 1  # a link satisfies it
    unmarked = await talk.command("/evidence 17 取消", telegram(ADMIN))
    assert replies(unmarked) == ["已取消：第17项不再提示佐证材料。"]
    assert replies(await talk.command("/evidence 99", telegram(ADMIN)))[0].startswith("用法：")


async def test_the_review_lists_a_report_with_its_evidence(build: Build):
    talk = await build("telegram")
    await send(talk, ZHANG, "方案.pdf", samples.pdf(), "第2项已完成，方案已印发")
    pending = replies(await talk.command("/pending", telegram(ADMIN, "王主任")))
    [item] = [text for text in pending if "第2项" in text]
    assert "方案已印发" in item
    assert item.endswith("\n  佐证：方案.pdf")
