"""Small talk, help, and yes or no: the lines that are one short word."""

from __future__ import annotations

import re

from bot.grammar.intents import Chat, Confirm, Deny, Help, Intent, SmallTalk

_KINDS = (
    (
        Chat.GREETING,
        re.compile(
            r"(?:你好|您好|你们好|hi|hello|哈喽|嗨|早上好|上午好|下午好|晚上好|早安|早|老师好)(?:呀|啊|哈)?",
            re.I,
        ),
    ),
    (
        Chat.THANKS,
        re.compile(
            r"(?:谢谢|多谢|感谢|谢了|谢啦|thanks|thank you|thx|辛苦了|辛苦|麻烦(?:你|您)?了)(?:你|您|啦|了|哈|啊|呀|哦|喔)?",
            re.I,
        ),
    ),
    (Chat.PRESENCE, re.compile(r"(?:在吗|在不在|有人吗|在么|在嘛|还在吗|机器人在吗|你在吗)")),
)
_HELP = re.compile(
    r"(?:这个|那个)?(?:机器人|助手|系统|平台|小程序|bot|你)?(?:到底)?(?:有|都有)?"
    r"(?:怎么用|如何使用|怎么使用|什么功能|啥功能|哪些功能)[呢啊吗？?]*"
    r"|帮助|help|/help|/start|[?？]|怎么用|如何使用|怎么使用|你能做什么|能做什么|你会什么|你?能干(?:什么|啥|嘛)|你会干(?:什么|啥)|菜单|说明|使用说明|功能",
    re.I,
)
_YES = re.compile(r"是|是的|对|对的|嗯|嗯嗯|好|好的|没错|确认|可以|行|y|yes", re.I)
_NO = re.compile(r"不是|不对|否|不|错了|不用|算了|n|no|不是(?:这个|这项|这样|这条)", re.I)
_END = "。.！!~～ "
# Courtesies (您好, 请问, 麻烦您, 不好意思, 抱歉, 谢谢, 辛苦了) carry no intent of their own:
# alone they are small talk; around a request they are dropped, so the reply answers it.
_COURTEOUS_OPENING = re.compile(
    r"^(?:(?:你好|您好|你们好|老师好|早上好|上午好|下午好|晚上好|hi|hello|哈喽|嗨|喂)(?:呀|啊|哈)?"
    r"|请问(?:一下)?|想问(?:一)?下|问(?:一)?下|打扰(?:一下|了)?|麻烦(?:您|你)?(?=.{4})"
    r"|不好意思|抱歉|对不起|sorry)[，,。！!~～\s]*(?=\S)",
    re.I,
)
_COURTEOUS_CLOSING = re.compile(
    r"(?<=\S)(?:[，,。！!\s]*(?:谢谢|多谢|thanks|thank you)|[，,。！!\s]+(?:感谢|辛苦|麻烦))"
    r"(?:您|你|了|啦|哈|啊)*[。！!~～\s]*$",
    re.I,
)
_COMMA = re.compile(r"[，,、\s]+")


_ASKED_LATER = re.compile(r"[，,。！!]\s*(?:请问|想问(?:一)?下|问(?:一)?下|我想问)[，,\s]*(?=\S)")


def small_talk(text: str) -> SmallTalk | None:
    """``你好``, ``谢谢``, ``在吗`` (the whole text)."""
    bare = text.strip(_END + "？?")
    return next((SmallTalk(k) for k, words in _KINDS if words.fullmatch(bare)), None)


def _parts(text: str) -> list[str]:
    return [p for p in (p.strip(_END) for p in _COMMA.split(text)) if p]


def _acknowledged(text: str) -> Intent | None:
    """``不对，不是这个`` (no, said twice), ``好的，谢谢`` and ``好的，辛苦了，谢谢`` (an
    acknowledgement, perhaps small talk, then thanks) and
    small talk said twice (``辛苦了，谢谢``, ``喂，有人吗``): one reply, to the last."""
    parts = _parts(text)
    if len(parts) < 2:
        return None
    if all(_NO.fullmatch(p) for p in parts):
        return Deny()
    said = [small_talk(p) or (SmallTalk(Chat.GREETING) if p == "喂" else None) for p in parts]
    if all(said):
        return said[-1]
    thanks = small_talk(parts[-1])
    if (
        thanks
        and thanks.kind is Chat.THANKS
        and all(_YES.fullmatch(p) or small_talk(p) for p in parts[:-1])
    ):
        return thanks
    return None


def one_word(text: str) -> Intent | None:
    """Small talk, the help, or a yes or a no, when that is all the line says."""
    bare = text.strip(_END)
    if (both := _acknowledged(bare)) is not None:
        return both
    if not bare or _HELP.fullmatch(bare) or _HELP.fullmatch(bare.rstrip("？?")):
        return Help()
    if _YES.fullmatch(bare):
        return Confirm()
    if _NO.fullmatch(bare):
        return Deny()
    return small_talk(text)


def without_courtesy(text: str) -> str:
    """`text` without the courtesies around its request (``您好，请问第12项是什么？谢谢`` →
    ``第12项是什么？``); a line that is only courtesy is read by `one_word` first. A 请问
    later in the line starts the request: what comes before it, naming no task and asking
    nothing, is context (``我刚接手这块工作，请问我们科室负责哪些任务``)."""
    while (opening := _COURTEOUS_OPENING.match(text)) is not None:
        text = text[opening.end() :]
    text = _COURTEOUS_CLOSING.sub("", text)
    asked = _ASKED_LATER.search(text)
    if asked and not re.search(r"第[^项]{1,12}项|[？?吗]", text[: asked.start()]):
        return text[asked.end() :]
    return text
