"""Whose tasks and which topic: a unit's duties (with a role filter), a unit to set, a search."""

from __future__ import annotations

import re

from bot.grammar.intents import Duties, Role, Search, SetUnit, WhichUnit
from bot.grammar.safety import asks
from bot.grammar.units import UNIT_ENDINGS, resolve, unit_named
from bot.grammar.vocabulary import Vocabulary

_SET_UNIT = re.compile(
    r"^(?:我是|我在|我们是|我属于|我的(?:科室|单位|部门)是|本人是|我来自|我是来自"
    r"|我(?:现在|已经|刚)?(?:调到|调去|调入|转到|换到)了?)(?P<unit>.+?)(?:的)?(?:人|同事|员工)?了?$"
)
_SEARCH_WORDS = re.compile(
    r"^(?:搜索|查找|搜一下|搜|查询|查一下|查|找|关于|关键词)[:：\s]*(?P<words>.+)$"
)
_WHO = re.compile(
    r"(?:是)?(?:由)?(?:谁|哪个|哪些|哪几个)(?:科室|单位|部门|科)?(?:来|在)?"
    r"(?P<role>牵头|负责|配合|落实|主责|管|做|办理|办|弄|搞|组织|抓|跟)(?:的)?"
    r"|归谁(?:管|的)?|是谁(?:管|的)|是?哪个(?:科室|单位|部门|科)的(?:活|事|任务|工作)?"
    r"|(?:由)?谁来[\u4e00-\u9fff]{0,3}$"  # 开放江门数据集谁来更新: who, whatever the verb
)
# ``依申请公开的任务有哪些``, ``年报是哪几项``, ``一网通办是哪个任务``, ``有没有关于培训的任务``.
_WHICH_TASKS = re.compile(
    r"^(?:有没有|有无)(?:关于|和)?(?P<asked>.+?)(?:有关|相关)?的?(?:任务|工作|事项)(?:吗|呢)?$"
    r"|^(?P<named>.+?)的?(?:任务|工作|事项)?(?:有哪些|是哪(?:几|一)?(?:项|个任务|条|些)|是第几项"
    r"|在哪(?:一)?项)(?:呢|啊)?$"
)
_ABOUT = re.compile(
    r"^(?:和|与|跟|有关|关于)?(?P<words>.+?)(?:有关|相关)(?:的)?(?:任务|工作|事项)?(?:有哪些|是什么)?$"
)
_ROLES = (
    (Role.LEAD, re.compile(r"(?:是|只是|作为)?(?:牵头|主责|主办)(?:单位|科室)?了?")),
    (Role.COOPERATE, re.compile(r"(?:是|只是|作为)?(?:配合|协助|协同|协办)(?:单位|科室)?")),
)
# What is left of a duties question once its asking words are gone: ``综合科负责什么`` → 综合科.
_ASKING = re.compile(
    r"^(?:请问|问一下|查一下|看看|看一下|帮我查|需要)?|"
    r"(?:的)?(?:都|还|主要|具体|一共|总共|分别|各自|各)?"
    r"(?:有|是|负责|要做|需要做|需要|要干|承担|做|干|管|要)?"
    r"(?:哪些|那些|什么|啥|哪几项|那几项|几项|多少)?"
    r"(?:的)?(?:需要|要|得)?(?:落实|完成|承担)?(?:的)?"
    r"(?:任务|工作|事情|事项|分工|活)?(?:清单|列表)?(?:吗|呢|啊|呀|了)?$"
)
# ``…帮我看下``, ``…列一下``: a request to show, not part of a unit's name.
_SHOW = re.compile(
    r"(?:请|麻烦)?(?:帮我|给我)?(?:看下|看一下|看看|查下|查一下|列一下|列下|列出来)$"
)
# ``协办的不用列``: a clause leaving something out of the answer.
_LEFT_OUT = re.compile(r"[，,][^，,]*(?:不用|不要|不必|不需要|无需)(?:列|看|管|算|显示)[^，,]*$")
_EDGES = "？?。.!！~～，,、 ：:的"
_KEYWORD_SPLIT = re.compile(r"\s*(?:、|，|,|和|与|及|以及|或者|或|/|\s)\s*")
_FILLER = re.compile(
    r"^(?:的|是|了|有关|关于|跟|同)+"
    r"|(?:的|工作|任务|事项|事情|事|活|方面|是|相关|有关|那个|这个|那项|这项|那条|这条|要求)+$"
)
# Where a unit is said to be or what it is read in: ``信息中心那边``, ``在分工方案里``.
_PLACE = re.compile(
    r"(?<=[\u4e00-\u9fff])(?:那边|这边|那里|这里|那儿)"
    r"|在(?:分工方案|方案|通知|文件|要点|分工|清单|台账)(?:里|中|上|里面)?"
)
# ``江海、新会两个分局``: names sharing the ending said once after their count.
_SHARED_ENDING = re.compile(
    r"^(?P<names>[^的]+?)(?:这|那)?(?:两|三|四|五|六|七|几)个(?P<end>分局|科室|科)(?P<rest>.*)$"
)
_OWN_NAMED = re.compile(r"^(?:我们|我|咱们|本)(?P<name>\S+)$")


def set_unit(text: str, vocabulary: Vocabulary) -> SetUnit | WhichUnit | None:
    """``我是综合科的``: the unit, which to ask, or None."""
    found = _SET_UNIT.match(text)
    if found is None:
        return None
    named = unit_named(found["unit"], vocabulary)
    if named is None and "的" in found["unit"]:  # 我是蓬江分局的小李: the unit, then a name
        named = unit_named(found["unit"].rsplit("的", 1)[0], vocabulary)
    if named is None and found["unit"].endswith(UNIT_ENDINGS) and not asks(found["unit"]):
        named = found["unit"]  # 我是执法3科室: a unit's name mistyped, checked by the flow
    return SetUnit(named) if isinstance(named, str) else named


def keywords(text: str) -> tuple[str, ...]:
    """The words of a topic: 、 lists and 和 split, filler words dropped, order kept."""
    words = (_FILLER.sub("", w.strip(_EDGES)) for w in _KEYWORD_SPLIT.split(text))
    return tuple(dict.fromkeys(w for w in words if w))


def search(text: str) -> Search | None:
    """``搜索 舆情``, ``预算公开谁负责``, ``谁牵头政策解读``, ``和舆情有关的任务``."""
    listed = _SEARCH_WORDS.match(text)
    if listed:
        words = keywords(listed["words"])
        return Search(words) if words else None
    who = _WHO.search(text)
    if who:
        words = keywords(text[: who.start()] + " " + text[who.end() :])
        return Search(words, lead_only=who["role"] == "牵头") if words else None
    which = _WHICH_TASKS.match(text.strip(_EDGES))
    if which:
        words = keywords(which["asked"] or which["named"])
        return Search(words) if words else None
    about = _ABOUT.match(text)
    if about:
        words = keywords(about["words"])
        return Search(words) if words else None
    return None


def _role(text: str) -> tuple[Role | None, str]:
    for role, words in _ROLES:
        found = words.search(text)
        if found:
            return role, text[: found.start()] + text[found.end() :]
    return None, text


def duties(text: str, vocabulary: Vocabulary) -> Duties | WhichUnit | None:
    """``我科室负责什么``, ``执法一科和执法二科的任务``, ``我们配合哪些任务``, ``分局的任务``,
    ``江海、新会两个分局的任务``, ``我们固废科在通知里要干啥`` (my unit, said by name)."""
    text = _SHOW.sub("", _LEFT_OUT.sub("", text.strip(_EDGES))).strip(_EDGES)
    role, rest = _role(_PLACE.sub("", text).strip(_EDGES))
    shared = _SHARED_ENDING.match(rest)
    if shared:
        names = re.split(r"[、，,和与及]", shared["names"])
        ending = shared["end"]
        rest = "、".join(n if n.endswith(ending) else n + ending for n in names if n)
        rest += shared["rest"]
    named = _ASKING.sub("", rest).strip(_EDGES)
    named = _ASKING.sub("", named).strip(_EDGES)
    if not named:
        return None
    own = _OWN_NAMED.match(named)
    found = resolve(own["name"], vocabulary, role) if own else None
    if isinstance(found, Duties) and len(found.units) == 1:
        return Duties((), role)  # 我们固废科: the asker's own unit, said by name
    return resolve(named, vocabulary, role)
