"""Turn a line a user typed into a Question. Knows Chinese phrasing, not the plan."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from bot.normalize import parse_number, tidy_prose

_NUMBER = r"[0-9０-９]+|[一二三四五六七八九十两]+"
_TASK_REF = re.compile(rf"第\s*({_NUMBER})\s*[项條条]")
_BARE_NUMBER = re.compile(r"^[0-9０-９]{1,3}$")
_SECTION_REF = re.compile(
    rf"第\s*({_NUMBER})\s*(?:部分|章|节|大项)|^([一二三四五六七八九十]+)[、.]"
)
_SET_UNIT = re.compile(
    r"^(?:我是|我在|我们是|我属于|我的(?:科室|单位)是|本人是)(.+?)(?:的)?(?:人|同事)?$"
)
_WHO = re.compile(
    r"(谁|哪个|哪些|哪几个|什么)(?:科室|单位|部门)?(?:来|在)?(牵头|负责|配合|落实|主责)"
)
_WHO_AFTER = re.compile(r"(?:由|归)?(?:谁|哪个(?:科室|单位|部门)?)(牵头|负责|配合|落实)")
_SEARCH = re.compile(r"^(?:搜索|查找|搜|查询|查|找|关于|关键词)[:：\s]*(.+)$")
_OWNER_WORDS = (
    "谁负责",
    "谁牵头",
    "责任单位",
    "哪个科室",
    "哪些单位",
    "哪个单位",
    "谁来",
    "谁做",
    "由谁",
)
_HELP_WORDS = {
    "帮助",
    "help",
    "/help",
    "/start",
    "?",
    "？",
    "怎么用",
    "你能做什么",
    "菜单",
    "说明",
}
_YES = {"是", "是的", "对", "对的", "嗯", "好", "好的", "没错", "确认", "y", "yes"}
_NO = {"不是", "不对", "否", "不", "错了", "n", "no"}
_OVERVIEW_WORDS = (
    "总览",
    "概览",
    "所有单位",
    "全部单位",
    "各单位任务",
    "单位一览",
    "任务统计",
    "分工统计",
)
_PENDING_WORDS = ("待明确", "待办公室明确", "未明确", "范围未定")
_MINE = (
    "我科室",
    "我们科",
    "我们单位",
    "我单位",
    "本科室",
    "本单位",
    "我们分局",
    "本分局",
    "我们",
    "我的任务",
    "我要做",
    "我负责",
)
_TRAILERS = re.compile(
    r"(?:的)?(?:都|还|主要|具体)?(?:负责|要做|需要做|承担|牵头|配合|有)?(?:哪些|什么|啥|几项)?"
    r"(?:任务|工作|事情|事项|分工)?(?:吗|呢|啊|呀)?$"
)
_PUNCTUATION = "？?。.!！~～，,、 "


class Intent(StrEnum):
    """What the user wants."""

    HELP = "help"
    CONFIRM = "confirm"
    DENY = "deny"
    SET_UNIT = "set_unit"
    MY_DUTIES = "my_duties"
    LOOKUP = "lookup"  # a unit's or group's name, or else a keyword
    TASK_DETAIL = "task_detail"
    TASK_OWNERS = "task_owners"
    SECTION = "section"
    SEARCH = "search"
    OVERVIEW = "overview"
    PENDING = "pending"


@dataclass(frozen=True, slots=True)
class Question:
    """A parsed question: the intent and whatever it refers to (a number, a name, a keyword)."""

    intent: Intent
    number: int | None = None
    text: str = ""
    lead_only: bool = False


def _strip_asking(text: str) -> str:
    """``综合科负责什么`` → ``综合科``: drop the question words at the end."""
    stripped = _TRAILERS.sub("", text)
    return stripped.strip(_PUNCTUATION) or text


def _who_question(text: str) -> Question | None:
    match = _WHO.search(text) or _WHO_AFTER.search(text)
    if not match:
        return None
    keyword = (text[: match.start()] + text[match.end() :]).strip(_PUNCTUATION)
    keyword = re.sub(r"^(?:的|是|了)|(?:的|工作|任务|事项|是)+$", "", keyword).strip(_PUNCTUATION)
    if not keyword:
        return None
    return Question(Intent.SEARCH, text=keyword, lead_only="牵头" in match.group(0))


def parse_question(line: str) -> Question:
    """Read one line from a user; anything unrecognised becomes HELP, never an error."""
    raw = tidy_prose(line)
    text = raw.strip(_PUNCTUATION)
    compact = text.replace(" ", "")
    if not compact or compact.lower() in _HELP_WORDS:
        return Question(Intent.HELP)
    if compact.lower() in _YES:
        return Question(Intent.CONFIRM)
    if compact.lower() in _NO:
        return Question(Intent.DENY)
    task = _TASK_REF.search(compact) or _BARE_NUMBER.match(compact)
    if task:
        number = parse_number(task.group(1) if task.re is _TASK_REF else task.group(0))
        owners = any(word in compact for word in _OWNER_WORDS)
        return Question(Intent.TASK_OWNERS if owners else Intent.TASK_DETAIL, number=number)
    section = _SECTION_REF.search(raw.replace(" ", ""))
    if section:
        return Question(Intent.SECTION, number=parse_number(section.group(1) or section.group(2)))
    if any(word in compact for word in _OVERVIEW_WORDS):
        return Question(Intent.OVERVIEW)
    if any(word in compact for word in _PENDING_WORDS):
        return Question(Intent.PENDING)
    unit = _SET_UNIT.match(compact)
    if unit:
        return Question(Intent.SET_UNIT, text=unit.group(1))
    search = _SEARCH.match(text)
    if search:
        return Question(Intent.SEARCH, text=search.group(1).strip(_PUNCTUATION))
    who = _who_question(compact)
    if who:
        return who
    if compact.startswith(_MINE):
        return Question(Intent.MY_DUTIES)
    return Question(Intent.LOOKUP, text=_strip_asking(compact))
