"""Commands typed as words: pause and resume reminders, a 延期申请, withdraw my last."""

from __future__ import annotations

import re
from datetime import date

from bot.grammar.intents import Extension, Pause, Resume, Withdraw
from bot.grammar.safety import asks
from bot.grammar.taskrefs import tasks_in
from bot.grammar.timewords import date_at, date_in

_RESUME = re.compile(
    r"(?:请|我要?|可以)?(?:恢复提醒|继续提醒|重新提醒|取消暂停(?:提醒)?|(?:重新)?(?:开启|打开)提醒|重新开始提醒)我?了?吧?[。！!]*"
)
_PAUSE = re.compile(
    r"^(?:请|我要?|帮我)?(?:暂停提醒|暂停|停止提醒|关闭提醒|先别提醒|别提醒|不要提醒"
    r"|提醒(?:先|暂时)?(?:停|暂停|关)(?:一下)?)(?:我)?"
    r"(?:(?:到|至|直到)(?P<when>.+?)(?:为止)?)?[。！!]*$"
    r"|^(?:我)?(?:要)?(?:休假|请假|出差)(?:到|至|直到)(?P<away>.+?)(?:为止)?[。！!]*$"
)
_EXTENSION = re.compile(
    r"申请延期|延期申请|申请延长|申请推迟|(?<![怎能可])延期(?=[\s:：，,第到至])|要延期|需要延期"
    r"|申请把.{0,12}(?:延|推迟|顺延)(?:期)?(?:到|至)"
    r"|(?<![怎能可])(?:延|推|推迟|顺延|延后|往后推)(?:期)?(?:到|至)(?=.{0,8}[0-9一二三四五六七八九十]+\s*月)"
)
_REASON = re.compile(r"(?:理由|原因|因为|由于|因)[\s:：是]*(?P<reason>.+)$")
# What follows the new date with no 理由 marker is the reason (``到11月30日，平台升级``).
_AFTER_DATE = re.compile(r"^(?:前|之前|以前)?(?:为止)?[\s，,。；;:：]+(?P<reason>.+)$")
# After 休假到/请假到/出差到, a word of time means a date was meant (月底, 明天, 周五): ask
# for it; anything else (出差到北京, 出差到周口) is not about reminders.
_DATE_ATTEMPT = re.compile(
    r"[0-9]|[〇零一二两三四五六七八九十]+[月日号]|(?:周|星期|礼拜)[一二三四五六日天末]"
    r"|下个?(?:周|星期|礼拜|月)|[今明后]天|[年月](?:底|初)"
)


# ``刚才那条撤回``, ``把上一条删掉``, ``撤回刚才那条``: what to withdraw named by the verb.
_LAST = r"(?:刚才|刚刚)?(?:发)?的?(?:那条|这条|上一?条|最后一条)(?:进展|汇报|报告|记录)?"
_UNDO = r"(?:撤回|撤销|删掉|删除|删了|收回)"
_WITHDRAW_LAST = re.compile(
    rf"^(?:请|帮我)?把?{_LAST}(?:给我)?{_UNDO}(?:吧|一下|了)?[。！!]*$"
    rf"|^(?:请|帮我)?{_UNDO}(?:一下)?{_LAST}(?:吧)?[。！!]*$"
    rf"|^(?:请|帮我|请帮我|帮忙)?{_UNDO}(?:一下|掉)?(?:吧)?[。！!]*$"  # 撤回一下, 请帮我撤回
)


def withdrawal(text: str) -> Withdraw | None:
    """``刚才那条撤回``: withdraw my last report; None if the line says something else."""
    return Withdraw() if _WITHDRAW_LAST.match(text) else None


def pause_or_resume(text: str, today: date) -> Pause | Resume | None:
    """``暂停提醒到12月30日``, ``休假到12月1日``, ``恢复提醒``; None if neither."""
    compact = re.sub(r"\s+", "", text)
    last = re.split(r"[，,]", compact)[-1]  # 我出差，提醒先停到11月26日: a reason, then the ask
    if _RESUME.fullmatch(compact) or _RESUME.fullmatch(last):
        return Resume()
    if asks(compact):
        return None  # 暂停提醒到12月1日吗: a question, not the command
    joined = re.sub(r"[，,]", "", compact)  # 暂停 提醒 到 12 月 1 日: spaces read as commas
    found = _PAUSE.match(compact) or _PAUSE.match(last) or _PAUSE.match(joined)
    if found is None:
        return None
    when = found["when"] or found["away"]
    until = date_in(when, today) if when else None
    if found["away"] and until is None and not _DATE_ATTEMPT.search(found["away"]):
        return None  # 出差到北京: not about reminders
    return Pause(until)


def extension(text: str, today: date) -> Extension | None:
    """``申请延期 第2项 到2022年1月20日，理由：…`` (any order of its parts); None if not one."""
    if _EXTENSION.search(text) is None:
        return None
    tasks = tasks_in(text)
    until, end = date_at(text, today)
    reason = _REASON.search(text) or (_AFTER_DATE.match(text[end:]) if end else None)
    return Extension(
        tasks[0] if tasks else None,
        until,
        reason["reason"].strip(" 。") if reason else "",
    )
