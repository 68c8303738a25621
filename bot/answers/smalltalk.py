"""Small talk (你好, 谢谢, 在吗) and the reply to a line nothing understood: the closest intents,
each with one example from the notice in use.

Pure: reads the notice's knowledge; rapidfuzz ranks the intents by their cue words.
"""

from __future__ import annotations

from rapidfuzz import fuzz

import bot.answers.texts as answer_texts
from bot.answers.model import Answer, Knowledge
from bot.grammar.intents import Chat
from bot.registry.units import Unit

SHOWN = 3
CUE_SCORE = 50  # rapidfuzz partial_ratio, 0–100, for a cue word to count


# Each intent: its label, the words that hint at it, and an example ({n}: a task, {unit}).
INTENTS: tuple[tuple[str, tuple[str, ...], str], ...] = (
    ("查本单位的任务", ("负责", "任务", "要做", "分工", "工作"), "我科室负责什么"),
    ("查截止日期", ("截止", "到期", "期限", "逾期", "本周", "下周", "什么时候"), "本周要做什么"),
    ("报进度", ("完成", "进展", "进度", "汇报", "报告", "办结"), "第{n}项：已完成"),
    ("看一项任务", ("第", "项", "条", "内容", "要求"), "第{n}项是什么"),
    ("查别的单位", ("科", "局", "中心", "单位"), "{unit}负责什么"),
    ("申请延期", ("延期", "推迟", "延长", "来不及"), "申请延期 第{n}项 到12月20日，理由：……"),
    ("暂停提醒", ("暂停", "休假", "出差", "请假", "提醒"), "暂停提醒到12月1日"),
    ("撤回或修改", ("撤回", "撤销", "修改", "更正", "报错"), "撤回"),
)


def _examples(know: Knowledge, unit: Unit | None) -> dict[str, str]:
    tasks = know.plan.tasks
    number = tasks[len(tasks) // 2].number if tasks else 1
    named = unit.name if unit else (know.registry.units[0].name if know.registry.units else "")
    return {"n": str(number), "unit": named}


def small_talk_answer(kind: Chat, know: Knowledge, unit: Unit | None = None) -> Answer:
    """A short friendly reply with one hint drawn from the notice."""
    example = "我科室负责什么" if unit else f"我是{_examples(know, unit)['unit']}"
    return Answer(answer_texts.small_talk(kind.value, example))


def closest_intents(text: str, limit: int = SHOWN) -> list[int]:
    """Indexes into INTENTS, most likely first: by how well the text holds their cue words;
    the first `limit` intents when nothing is near."""
    scored = []
    for index, (_, cues, _) in enumerate(INTENTS):
        best = max(fuzz.partial_ratio(cue, text) for cue in cues) if text else 0
        if best >= CUE_SCORE:
            scored.append((-best, index))
    chosen = [index for _, index in sorted(scored)][:limit]
    return chosen or list(range(limit))


def unknown_answer(text: str, know: Knowledge, unit: Unit | None = None) -> Answer:
    """没听懂, with the closest intents and one example each, from the notice in use."""
    values = _examples(know, unit)
    shown = [(INTENTS[i][0], INTENTS[i][2].format(**values)) for i in closest_intents(text)]
    return Answer(answer_texts.not_understood(text, shown))
