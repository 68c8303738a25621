"""Issue 18 in the console: lines as staff and the office type them, through `python -m bot chat`.

Expected replies read from data/notice-2021.txt and data/units.toml, on Monday 15 November
2021: 综合科 holds tasks 1 and 9 itself, leads task 2, holds 8, 11, 13, 16 through
各科室（单位） and cooperates on 10, 12 and 17; none of its tasks is dated, so each is due on
the default year end, Friday 31 December (34 working days on); task 24 is 办公室's, due
20 November and 10 December; 执法科 fits 执法一科 and 执法二科; task 5 is
预算、决算及相关报表公开, led by 财务与审计科, and no task of 综合科; no task speaks of
年报数据核查, task 29 (年报基础性数据) is the nearest; task 24's 各相关科室（单位） is a group the
office has not defined, so for 综合科 it is 暂不确定; the help's examples are 办公室 (which
leads task 12) and the last section, 十五; task 17 is led by 办公室 among the ten units of
各科室（单位） (eight 科室, 机关党委, 市环境信息中心).
"""

from __future__ import annotations

import json
from pathlib import Path

from tests.bot.console.test_console_sessions import session

TASK_24 = "第24项（十一、推进基层政务公开标准化规范化）"

# (line typed, words its reply holds), in order; one reply per line.
UNIT_LINES = (
    # 1. time
    ("本周要做什么", ["综合科本周（11月15日至11月21日）到期的任务：没有", "12月31日"]),
    ("下周有什么到期", ["综合科下周（11月22日至11月28日）到期的任务：没有"]),
    ("有没有逾期", ["综合科没有逾期的任务"]),
    ("我们的截止日期", ["综合科未完成的任务（按截止日期）：共 10 项", "还有 34 个工作日"]),
    ("24项啥时候截止", ["综合科不承担此项", "11月20日（周六）", "12月10日（周五）"]),
    # 2. task references
    ("任务24", [TASK_24]),
    ("24号任务", [TASK_24]),
    ("第24条", [TASK_24]),
    ("第二十四项", [TASK_24]),
    ("２４", [TASK_24]),
    ("第 24 项", [TASK_24]),
    # 3. how-to and help
    ("怎么申请延期", ["申请延期 第"]),
    ("我该怎么报进度", ["第1项：已完成"]),
    ("帮助", ["以办公室为例", "第12项：已完成", "第十五部分有哪些任务"]),
    # 4. reports
    ("第1项 已完成规划公开", ["已记录：综合科 第1项 已完成", "已完成规划公开"]),
    ("第13项还没完成", ["将记录为：第13项 进行中（还没完成）", "[1] 确认", "[4] 取消"]),
    ("1", ["已记录：综合科 第13项 进行中"]),
    ("第16项完成了一半", ["将记录为：第16项 进行中（完成了一半）"]),
    ("1", ["已记录：综合科 第16项 进行中"]),
    ("第2项：已在网站公布规划，解读稿在改", ["将记录为：第2项 "]),
    ("4", ["已取消，未记录。"]),
    (
        "第８项已完成，第10项进行中",
        ["已记录：综合科 第8项 已完成", "已记录：综合科 第10项 进行中"],
    ),
    ("第9项己完成", ["已记录：综合科 第9项 已完成", "己完成"]),
    ("第2项 差不多了", ["是已完成，还是仍在办理", "[1] 第2项 已完成"]),
    ("1", ["第2项"]),
    ("第5项：已在网站公布预算", ["综合科在第5项中没有任务，未记录"]),
    # 5. several units, a vague one
    ("执法一科和执法二科的任务", ["执法一科（科室）", "执法二科（科室）"]),
    ("执法科", ["“执法科”指哪个单位", "[1] 执法一科  [2] 执法二科"]),
    ("2", ["执法二科（科室）"]),
    # 6. filters and yes/no
    ("我们科室有哪些牵头任务", ["综合科牵头的任务：共 1 项", "第2项"]),
    ("我们配合哪些任务", ["综合科配合的任务", "第17项"]),
    ("第24项我们要不要做", ["暂不确定", "各相关科室（单位）"]),
    ("第2项我们要不要做", ["要。综合科在第2项中是牵头单位"]),
    # 7. the office's questions, refused to staff
    ("哪些单位还没报", ["办公室查看各单位进展用的"]),
    ("导出台账", ["办公室查看各单位进展用的"]),
    # 8. search and a miss
    ("预算公开谁负责", ["第5项", "财务与审计科"]),
    ("谁负责年报数据核查", ["没有找到和“年报数据核查”有关的任务", "最接近的任务", "第29项"]),
    # 9. small talk
    ("你好", ["您好"]),
    ("谢谢", ["不客气"]),
    ("在吗", ["在的"]),
)

OFFICE_LINES = (
    ("哪些单位还没报", ["【未反馈】", "· 第24项，截止 11月20日（周六）：办公室"]),
    ("总体进展", ["【督办总览】", "全部 34 项"]),
    ("第17项谁还没报", ["第17项进展：10 个单位", "办公室（牵头）"]),
    ("导出台账", ["→ 文件已写入", "台账（截至2021年11月15日）"]),
)


def _replies(tmp_path: Path, lines, *args: str) -> list[str]:
    out = session(tmp_path, *args, lines=tuple(line for line, _ in lines))
    replies = out.rstrip("\n").split("\n\n")
    assert len(replies) == len(lines), replies
    return replies


def test_staff_lines_as_typed(tmp_path: Path):
    replies = _replies(tmp_path, UNIT_LINES, "--as", "综合科")
    for (line, words), reply in zip(UNIT_LINES, replies, strict=True):
        for word in words:
            assert word in reply, f"{line!r}: {word!r} not in {reply!r}"


def test_the_office_s_questions_in_words(tmp_path: Path):
    """The office's replies hold blank lines of their own: their words are found in order."""
    lines = tuple(line for line, _ in OFFICE_LINES)
    out = session(tmp_path, "--admin", "--files", str(tmp_path / "out"), lines=lines)
    at = 0
    for line, words in OFFICE_LINES:
        for word in words:
            found = out.find(word, at)
            assert found >= 0, f"{line!r}: {word!r} not after {out[at : at + 200]!r}"
            at = found + len(word)
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["台账-2021-11-15.xlsx"]


def test_the_ledger_holds_each_report_as_meant_and_typed(tmp_path: Path):
    """Questions record nothing; the unclear status only once chosen; a report off the
    unit's duties is refused."""
    _replies(tmp_path, UNIT_LINES, "--as", "综合科")
    [shard] = (tmp_path / "data" / "ledger").glob("ledger-*.json")
    records = json.loads(shard.read_text(encoding="utf-8"))["ledger"].values()
    assert [(r["t"], r["s"], r["x"]) for r in records] == [
        ([1], "已完成", "已完成规划公开"),
        ([13], "进行中", "还没完成"),
        ([16], "进行中", "完成了一半"),
        ([8], "已完成", "已完成"),
        ([10], "进行中", "进行中"),
        ([9], "已完成", "己完成"),
        ([2], "已完成", "差不多了"),
    ]
