"""The office approves on the console: `python -m bot chat --admin` lists what waits with
/pending and decides it by number, over a data folder a unit's session (or a Telegram
person, through the conversation) wrote to. Piped input, one reply per line.

From the notice: 综合科 leads task 2, due Friday 2021-12-31 like every undated task; asking
to move it to 2022-01-20 (a Thursday) is a 延期 request. On Friday 2021-12-24 the unit's
nudge lists seven tasks: 1, 2, 8, 9, 11, 13 and 16 due 12-31 (five working days left); once
task 2 is due 01-20 instead, more than ten working days away, that day (the working day on
or before the 25th) brings task 2's monthly progress request naming the new date instead.
"""

from __future__ import annotations

from pathlib import Path

from bot.conversation.actions import Send
from tests.bot.conversation.conftest import ADMIN, STRANGER, Build, build, telegram
from tests.bot.importing.test_import_cli import run_bot

__all__ = ["build"]  # the conversation's fixture, for the Telegram person's claim

NOW = "2021-11-15T09:30:00+08:00"
NUDGED = "2021-12-24T09:30:00+08:00"
ASK = "申请延期 第2项 到2022年1月20日，理由：等待上级数据"
REQUEST = (
    "【延期申请】综合科（控制台，11月15日 09:30）\n"
    "第2项 12月31日（周五） → 1月20日（周四）\n"
    "理由：等待上级数据"
)
NOTHING = "没有待处理的绑定申请。\n没有待审批的延期申请。\n没有待复核的“已完成”报告。"


def chat(data: Path, *args: str, now: str = NOW, lines: tuple[str, ...] = ()) -> list[str]:
    """The blocks a console session over `data` prints (a --now nudge first, then one
    reply per line)."""
    typed = "".join(f"{line}\n" for line in lines)
    result = run_bot("chat", "--data", str(data), "--now", now, *args, answer=typed)
    assert result.returncode == 0, result.stderr
    return result.stdout.rstrip("\n").split("\n\n")


def test_the_office_grants_a_unit_s_extension_from_pending(tmp_path: Path):
    data = tmp_path / "data"
    [asked] = chat(data, "--as", "综合科", lines=(ASK,))
    assert asked == (
        "已提交延期申请：综合科 第2项 12月31日（周五） → 1月20日（周四），"
        "理由：等待上级数据。办公室审批后会通知您。"
    )
    lines = ("/bind 42 综合科", "/pending", "1", "/pending", "/overview 2")
    bound, listed, granted, after, overview = chat(data, "--admin", lines=lines)
    assert bound.startswith("已将用户 42 绑定到“综合科”。")
    assert (
        listed
        == f"没有待处理的绑定申请。\n待审批的延期申请（1 条）：\n{REQUEST}\n[1] 同意  [2] 驳回\n"
        "没有待复核的“已完成”报告。"
    )
    assert granted == (
        f"{REQUEST}\n——已同意（控制台）\n"
        "→ 发给 综合科：办公室已同意延期：综合科 第2项截止日期由 12月31日（周五） 改为 "
        "1月20日（周四），提醒按新日期发送。"
    )
    assert after == NOTHING
    assert "当前节点：1月20日（周四）" in overview
    # The unit is held to the new date: on 12-24 task 2 gets the monthly request.
    nudge, _ = chat(data, "--as", "综合科", now=NUDGED, lines=("我科室进展",))
    assert nudge.startswith("【工作提醒】综合科：7 项需要关注")
    assert "第2项（牵头）" in nudge
    assert "本月请报告工作进展（下一截止 1月20日（周四））" in nudge


def test_the_office_refuses_an_extension_from_pending(tmp_path: Path):
    data = tmp_path / "data"
    chat(data, "--as", "综合科", lines=(ASK,))
    lines = ("/bind 42 综合科", "/pending", "2", "/pending")
    _, listed, refused, after = chat(data, "--admin", lines=lines)
    assert listed.endswith(f"{REQUEST}\n[1] 同意  [2] 驳回\n没有待复核的“已完成”报告。")
    assert refused == (
        f"{REQUEST}\n——已驳回（控制台）\n"
        "→ 发给 综合科：办公室未同意综合科第2项的延期申请（原申请延至 1月20日（周四）），"
        "请按原截止日期 12月31日（周五） 办理；有困难请联系办公室。"
    )
    assert after == NOTHING
    # Still held to 12-31: on 12-24 task 2 is five working days from its due date.
    nudge, _ = chat(data, "--as", "综合科", now=NUDGED, lines=("我科室进展",))
    assert nudge.startswith("【工作提醒】综合科：7 项需要关注")
    task_2 = nudge[nudge.index("2. 第2项（牵头）") :].split("\n")[1]
    assert task_2.strip() == "截止 12月31日（周五），还有 5 个工作日"
    assert "本月请报告工作进展" not in nudge


async def test_the_office_approves_a_telegram_person_s_binding_from_pending(build: Build):
    talk = await build("telegram")  # a bot over its data folder: 张三 (1001) is in 综合科
    claimed = await talk.say("我是信息中心", telegram(STRANGER, "李四"))
    [to_office] = [a for a in claimed.actions if isinstance(a, Send)]
    await talk.conversation.sent(to_office.track, [(ADMIN, 77)])  # Telegram delivered it
    request = "绑定申请 · 用户 ID 1002\n姓名：李四\n申请加入：“市环境信息中心”"
    lines = ("/pending", "1", "/pending", "/users")
    data = talk.core.config.data_dir
    listed, approved, after, users = chat(data, "--admin", lines=lines)
    assert listed == (
        f"待处理的绑定申请（1 条）：\n{request}\n申请时间：11-15 09:00\n[1] 批准  [2] 拒绝\n"
        "没有待审批的延期申请。\n没有待复核的“已完成”报告。"
    )
    decided = f"{request}\n—— 已批准（控制台）"
    assert approved == (
        f"{decided}\n→ 改为：{decided}\n"
        "→ 发给 1002：办公室已批准：您属于“市环境信息中心”。现在可以问“我科室负责什么”，或发 /my。"
    )
    assert after == NOTHING
    assert "· 市环境信息中心：[1002] 李四" in users


async def test_the_office_refuses_a_binding_from_pending(build: Build):
    talk = await build("telegram")
    claimed = await talk.say("我是信息中心", telegram(STRANGER, "李四"))
    [to_office] = [a for a in claimed.actions if isinstance(a, Send)]
    await talk.conversation.sent(to_office.track, [(ADMIN, 77)])
    request = "绑定申请 · 用户 ID 1002\n姓名：李四\n申请加入：“市环境信息中心”"
    data = talk.core.config.data_dir
    _, refused, after, users = chat(data, "--admin", lines=("/pending", "2", "/pending", "/users"))
    decided = f"{request}\n—— 已拒绝（控制台）"
    assert refused == (
        f"{decided}\n→ 改为：{decided}\n"
        "→ 发给 1002：办公室未批准您加入“市环境信息中心”的申请。如有疑问请联系办公室，"
        "或重新选择单位：/unit"
    )
    assert after == NOTHING
    assert "李四" not in users
