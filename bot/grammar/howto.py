"""How-to questions: 我该怎么报进度, 怎么申请延期, 怎么暂停提醒, 怎么撤回."""

from __future__ import annotations

import re

from bot.grammar.intents import HowTo, Topic

_ASKING_HOW = re.compile(
    r"怎么|怎样|如何|咋|怎么样|该怎|要怎|能不能|可不可以|可以.*吗|能.*吗|方法|步骤|流程|在哪"
    r"|(?:报|交|告诉)给谁|向谁(?:报|汇报)|找谁|(?<![a-z])how\s*(?:to|do|can)(?![a-z])"
    # 按什么格式写, 写成什么样子, 有没有模板: how to write it
    # 还要上传什么材料: what else a report needs
    r"|(?:还|需)要?(?:上传|提交|附|补|交)什么|什么格式|格式[^，,。]{0,4}要求|(?:就|才)(?:行|可以)吗|什么样子?|模板|范本|样例|示例",
    re.I,
)
_TOPICS = (
    (Topic.WITHDRAW, re.compile(r"撤回|撤销|收回")),
    (
        Topic.AMEND,
        re.compile(r"修改|更正|改正|改(?:一下)?(?:进展|进度|汇报|报错|错)|(?:报|填|写|发)错"),
    ),
    (Topic.EXTENSION, re.compile(r"延期|延长|推迟|延后|宽限|往后(?:推|延|挪)|推后")),
    (
        Topic.PAUSE,
        re.compile(
            r"暂停|停止提醒|关闭提醒|(?:不要|别|不用)[^，,。？?]{0,4}提醒|不想收到?提醒|屏蔽提醒"
            r"|免打扰|休假|请假|出差"
            r"|提醒.{0,8}(?:关|停|恢复|开启|打开)|(?:关掉|停掉|恢复|开启|打开)提醒"
        ),
    ),
    (
        Topic.REPORT,
        re.compile(
            r"报(?:已)?(?:进度|进展|完成|送)|上传|佐证|汇报|上报|填报|反馈(?:进度|进展)|报告进展|提交进展|报告"
            r"|登记进展|(?:进度|进展).{0,2}(?:填|报)|告诉你|通知你|跟你说|发给你|反映|报给|向谁报"
        ),
    ),
)


def how_to(text: str) -> HowTo | None:
    """The how-to question `text` asks, if it asks how to report, 延期, pause or withdraw."""
    if not _ASKING_HOW.search(text):
        return None
    return next((HowTo(topic) for topic, words in _TOPICS if words.search(text)), None)
