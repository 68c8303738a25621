"""Answers to every question form, with expectations read from the notice (not the code)."""

import re
from dataclasses import replace
from datetime import date

import pytest

from bot.answers.model import ChatState, Knowledge
from bot.answers.search import search
from tests.bot.answers.asking import respond


@pytest.fixture(scope="module")
def know(plan, registry):
    return Knowledge(plan, registry)


def ask(know, line, state=None):
    """Ask as the console chat does: a claimed unit is trusted. Returns (state, text)."""
    state, answer = respond(state or ChatState(), line, know)
    if answer.claimed_unit:
        state = replace(state, unit=answer.claimed_unit)
    return state, answer.text


def tasks_by_role(reply):
    """{"牵头": [2], "负责": [1, 8, ...]} from the 【role】 blocks of a unit answer."""
    blocks, role = {}, None
    for line in reply.splitlines():
        heading = re.match(r"【(\S+) \d+ 项】", line)
        if heading:
            role = heading.group(1)
            blocks[role] = []
        elif line.startswith("· 第") and role:
            blocks[role].append(int(re.match(r"· 第(\d+)项", line).group(1)))
    return blocks


# Read from the notice: 综合科 leads 2; is named in 1 and 9; and 各科室（单位） is responsible
# for 8, 11, 13, 16 and cooperates on 10, 12, 17.
ZONGHE = {"牵头": [2], "负责": [1, 8, 9, 11, 13, 16], "配合": [10, 12, 17]}
# 办公室 leads 12, 15, 17, 24, 27; is named alone or with others in 14, 18, 21–23, 25, 26, 29–34;
# through 各科室（单位） it is responsible for 8, 11, 13, 16 and cooperates on 10.
BANGONGSHI = {
    "牵头": [12, 15, 17, 24, 27],
    "负责": [8, 11, 13, 14, 16, 18, 21, 22, 23, 25, 26, 29, 30, 31, 32, 33, 34],
    "配合": [10],
}
# A branch holds every task naming 各市（区）分局; task 27 only 参照落实.
BRANCH = {"负责": [3, 4, 6, 9, 13, 14, 16, 21, 23, 25, 26, 29, 30, 32], "参照落实": [27]}
# 市环境信息中心 (alias 信息中心) leads 7 and 17, is named in 18, 21, 22, cooperates on 19,
# and through groups: 各直属事业单位 配合 5, 各科室（单位） 负责 8/11/13/16 and 配合 10/12.
INFO_CENTRE = {"牵头": [7, 17], "负责": [8, 11, 13, 16, 18, 21, 22], "配合": [5, 10, 12, 19]}
# 执法二科: leads 17, named in 4, 18, 28; 各科室（单位） gives 8/11/13/16 and 配合 10/12.
ENFORCEMENT_2 = {"牵头": [17], "负责": [4, 8, 11, 13, 16, 18, 28], "配合": [10, 12]}


@pytest.mark.parametrize(
    ("line", "expected", "head"),
    [
        ("综合科负责什么", ZONGHE, "综合科（科室）：共 10 项，牵头 1 项、负责 6 项、配合 3 项"),
        ("办公室要做什么", BANGONGSHI, "办公室（科室）：共 23 项"),
        ("蓬江分局的任务", BRANCH, "蓬江分局（分局）：共 15 项"),
        ("信息中心", INFO_CENTRE, "市环境信息中心（直属事业单位）：共 13 项"),
        ("执法2科的任务", ENFORCEMENT_2, "执法二科（科室）：共 10 项"),
        ("江门市生态环境局恩平分局有哪些任务", BRANCH, "恩平分局（分局）"),
    ],
    ids=["综合科", "办公室", "蓬江分局", "alias-信息中心", "digit-执法2科", "full-name-恩平分局"],
)
def test_unit_duties_by_role(know, line, expected, head):
    _, reply = ask(know, line)
    assert reply.splitlines()[0].startswith(head)
    assert tasks_by_role(reply) == expected


def test_unit_answer_says_which_tasks_come_through_a_group(know):
    _, reply = ask(know, "综合科负责什么")
    assert "其中 7 项来自统称“各科室（单位）”" in reply
    line_8 = next(line for line in reply.splitlines() if line.startswith("· 第8项"))
    assert line_8.endswith("（来自“各科室（单位）”）")
    line_2 = next(line for line in reply.splitlines() if line.startswith("· 第2项"))
    assert "来自" not in line_2


def test_unit_answer_lists_tasks_awaiting_the_office(know):
    _, reply = ask(know, "综合科负责什么")
    # Pending groups name tasks 1, 2, 3, 7, 15, 24, 25, 26, 29; 综合科 already holds 1 and 2.
    assert "待办公室明确：第3、7、15、24、25、26、29项" in reply


def test_requirements_are_shortened_for_phones(know):
    _, reply = ask(know, "办公室负责什么")
    for line in reply.splitlines():
        if line.startswith("· 第"):
            requirement = re.sub(r"（来自“[^”]+”）$", "", line.split(" ", 2)[2])
            assert len(requirement) <= 29


def test_my_unit_needs_the_unit_first(know):
    state, reply = ask(know, "我科室负责什么")
    assert state.unit is None
    assert "我是综合科" in reply


@pytest.mark.parametrize(
    "line", ["我科室负责什么", "我们要做什么", "我的任务有哪些", "本科室的工作"]
)
def test_my_unit_after_saying_who_i_am(know, line):
    state, reply = ask(know, "我是综合科")
    assert state.unit == "综合科"
    assert "综合科" in reply
    _, reply = ask(know, line, state)
    assert tasks_by_role(reply) == ZONGHE


def test_saying_who_i_am_by_alias(know):
    state, _ = ask(know, "我是信息中心的")
    assert state.unit == "市环境信息中心"


def test_a_group_is_not_a_unit_to_belong_to(know):
    state, reply = ask(know, "我是各市（区）分局")
    assert state.unit is None
    assert "统称" in reply
    assert "蓬江分局" in reply


def test_unsure_name_suggests_and_confirms(know):
    state, reply = ask(know, "执法三科负责什么")
    assert "您是说“执法" in reply
    assert "吗" in reply
    suggested = re.search(r"您是说“([^”]+)”", reply).group(1)
    state, reply = ask(know, "是", state)
    assert reply.startswith(f"{suggested}（科室）")
    assert state.suggestion is None


def test_declined_suggestion_changes_nothing(know):
    state, _ = ask(know, "我是执法三科")
    state, reply = ask(know, "不是", state)
    assert state.unit is None
    assert state.suggestion is None
    assert "换个说法" in reply


def test_confirmed_suggestion_to_set_the_unit(know):
    state, reply = ask(know, "我是执法3科室")
    assert "您是说" in reply
    state, _ = ask(know, "是的", state)
    assert state.unit in {"执法一科", "执法二科"}


def test_confirm_without_suggestion(know):
    state, reply = ask(know, "是")
    assert state == ChatState()
    assert "帮助" in reply


def test_task_detail(know):
    _, reply = ask(know, "第17项是什么")
    lines = reply.splitlines()
    assert lines[0] == "第17项（八、切实增强回应关切效果）"
    assert lines[1].endswith("以解决问题的具体举措实质性回应社会关切。")
    assert "牵头：办公室、市环境信息中心、执法二科" in lines
    assert any(line.startswith("配合：各科室（单位）") for line in lines)


@pytest.mark.parametrize("line", ["第十七项", "17", "第 17 项是什么？"])
def test_task_number_forms(know, line):
    _, reply = ask(know, line)
    assert reply.startswith("第17项（八、")


def test_task_owners_expand_groups(know):
    _, reply = ask(know, "第17项谁负责")
    assert "牵头：办公室、市环境信息中心、执法二科" in reply
    cooperate = next(line for line in reply.splitlines() if line.startswith("配合："))
    assert "综合科" in cooperate
    assert "蓬江分局" not in cooperate


def test_task_owners_of_a_pending_group(know):
    _, reply = ask(know, "第3项谁负责")
    assert "具有审批职能的各相关科室（待办公室明确）" in reply
    assert "蓬江分局" in reply


def test_task_27_reference_role(know):
    _, reply = ask(know, "第27项是什么")
    assert "牵头：办公室" in reply
    assert "配合：财务与审计科" in reply
    assert "参照落实：各市（区）分局" in reply


def test_no_such_task(know):
    _, reply = ask(know, "第40项是什么")
    assert reply == "通知里没有第40项（共34项，第1项至第34项）。"


def test_section_tasks(know):
    _, reply = ask(know, "第十二部分有哪些任务")
    lines = reply.splitlines()
    assert lines[0] == "十二、提高依申请公开工作质量：共 3 项"
    assert [line.split(" ")[1] for line in lines[1:]] == ["第25项", "第26项", "第27项"]


@pytest.mark.parametrize("line", ["第12部分", "十二、", "第十二部分"])
def test_section_number_forms(know, line):
    _, reply = ask(know, line)
    assert reply.startswith("十二、提高依申请公开工作质量")


def test_no_such_section(know):
    _, reply = ask(know, "第二十部分")
    assert "没有第20部分" in reply
    assert "共15部分" in reply


def test_who_leads_a_keyword(know):
    _, reply = ask(know, "谁牵头政策解读")
    # "政策解读" is in the requirements of 1, 12 and 31 and in section 七's title (12, 13, 14);
    # then, in pieces (政策 … 解读): 10 and 11 (section 六 重大政策发布解读) and 16.
    numbers = [int(n) for n in re.findall(r"^· 第(\d+)项", reply, flags=re.M)]
    assert numbers == [1, 12, 13, 14, 31, 10, 11, 16]
    lines = reply.splitlines()
    assert (
        lines[lines.index(next(x for x in lines if x.startswith("· 第12项"))) + 1]
        == "  牵头：办公室"
    )
    assert "未设牵头" in reply


def test_keyword_search(know):
    _, reply = ask(know, "搜索 舆情")
    numbers = [int(n) for n in re.findall(r"^· 第(\d+)项", reply, flags=re.M)]
    assert numbers == [15, 16, 17, 18]


def test_bare_keyword_falls_back_to_search(know):
    _, reply = ask(know, "信息处理费")
    assert re.findall(r"^· 第(\d+)项", reply, flags=re.M) == ["27"]


def test_search_all_words(plan):
    assert [t.number for t in search(plan, "依申请公开 培训")] == [31]
    assert search(plan, "火星") == []


def test_overview(know):
    _, reply = ask(know, "各单位任务总览")
    lines = reply.splitlines()
    assert lines[0].startswith("全部 17 个单位")
    assert lines[1] == "· 办公室 23 项：牵头5 负责17 配合1"
    assert "· 综合科 10 项：牵头1 负责6 配合3" in lines


def test_pending_groups(know):
    _, reply = ask(know, "待明确")
    assert "· 具有编制专项规划任务的科室：第1项" in reply
    assert "· 各有关科室（单位）：第2、7项" in reply
    assert "· 具有审批职能的各相关科室：第3项" in reply
    assert "· 各相关科室（单位）：第15、24、25、26、29项" in reply


def test_group_duties(know):
    _, reply = ask(know, "各市（区）分局负责什么")
    assert reply.startswith("各市（区）分局（统称）：共 15 项")
    assert tasks_by_role(reply) == BRANCH


@pytest.mark.parametrize(
    "line",
    [
        "",
        "   ",
        "哈哈哈",
        "😀😀",
        "帮助",
        "/help",
        "x" * 5000,
        "第999999999999项",
        "<script>",
        "？？？",
    ],
    ids=[
        "empty",
        "spaces",
        "nonsense",
        "emoji",
        "help",
        "slash-help",
        "very-long",
        "huge-number",
        "markup",
        "question-marks",
    ],
)
def test_anything_else_gets_help_never_an_error(know, line):
    state, reply = ask(know, line)
    assert state == ChatState()
    assert reply
    assert "Traceback" not in reply
    assert len(reply) < 1500


def test_replies_have_no_blank_lines(know):
    state = ChatState(unit="综合科")
    for line in [
        "我科室负责什么",
        "第17项是什么",
        "第17项谁负责",
        "谁牵头政策解读",
        "各单位任务总览",
        "待明确",
        "帮助",
    ]:
        state, reply = ask(know, line, state)
        assert "\n\n" not in reply


def test_answers_offer_the_tasks_they_list(know):
    _, answer = respond(ChatState(), "综合科负责什么", know)
    assert answer.tasks == (1, 2, 8, 9, 10, 11, 12, 13, 16, 17)
    _, answer = respond(ChatState(), "第十二部分有哪些任务", know)
    assert answer.tasks == (25, 26, 27)
    _, answer = respond(ChatState(), "第17项是什么", know)
    assert answer.tasks == ()


def test_claiming_a_unit_is_left_to_the_shell(know):
    state, answer = respond(ChatState(), "我是综合科", know)
    assert answer.claimed_unit == "综合科"
    assert state.unit is None


def test_duties_show_each_tasks_next_due_date(dated):
    # 综合科 gets 8 through 各科室（单位）; like every task but 24 it is due at the year end.
    _, answer = respond(ChatState(), "综合科负责什么", dated, today=date(2021, 11, 15))
    line_8 = next(x for x in answer.text.splitlines() if x.startswith("· 第8项"))
    assert line_8.endswith("（来自“各科室（单位）”），截止 12月31日（周五）")


@pytest.mark.parametrize(
    ("today", "due"),
    [(date(2021, 11, 15), "11月20日（周六）"), (date(2021, 11, 25), "12月10日（周五）")],
    ids=["before-the-first", "between"],
)
def test_the_next_due_date_moves_on(dated, today, due):
    _, answer = respond(ChatState(), "办公室负责什么", dated, today=today)
    line_24 = next(x for x in answer.text.splitlines() if x.startswith("· 第24项"))
    assert line_24.endswith(f"，截止 {due}")
