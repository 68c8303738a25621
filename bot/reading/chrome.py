"""Recognise the lines a government web page puts around a notice (its "chrome").

A notice copied or saved from a web page brings the page's furniture along: where the page is
(您现在的位置：首页 > 通知公告), its date, source and view count (发布时间：… 来源：… 浏览次数：…),
the font-size switch (【字体：大 中 小】), print and close links, sharing and QR-code prompts,
related links and the previous / next article. None of it is a task, a unit or a problem
worth reporting. Each rule has a name; a line is chrome when a rule takes the whole line.
"""

from __future__ import annotations

import re

from bot.reading.traditional import simplified

_IGNORED = re.compile(r"[\s\u3000【】\[\]〔〕|｜丨/／·•>＞»›→_]+")
"""White space, brackets and separators a page sets between its links, left out first."""

_COLON = r"(?:[：:].*)?$"  # a label may stand alone or be followed by a colon and anything

_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("所在位置", re.compile(rf"^(?:您现在的位置|您的位置|您当前的位置|当前位置|所在位置){_COLON}")),
    ("字体大小", re.compile(r"^(?:字[体号][：:]?)?大中小(?:默认)?$|^字[体号][：:]")),
    (
        "发布信息",
        re.compile(
            rf"^(?:发布时间|发布日期|更新时间|信息来源|文章来源|来源|作者|编辑|责任编辑|供稿){_COLON}"
        ),
    ),
    ("浏览次数", re.compile(rf"^(?:浏览次数|阅读次数|访问次数|点击次数|点击数|浏览量|阅读量|访问量){_COLON}")),
    ("分享", re.compile(r"^(?:分享到|分享至|扫一扫|微信扫一扫|手机扫一扫|用手机扫描|在手机上打开|手机浏览)")),
    ("相关链接", re.compile(rf"^(?:相关链接|相关文章|相关阅读|相关新闻|相关文件|相关附件|相关稿件){_COLON}")),
    ("上下篇", re.compile(rf"^(?:上一篇|下一篇|上一条|下一条|上一页|下一页){_COLON}")),
)  # fmt: skip

_BREADCRUMB = re.compile(r"^\s*(?:网站)?首页\s*(?:>|＞|»|›|→|/|&gt;)")
"""A path of links from the home page: 首页 > 政务公开 > 通知公告."""

_LINKS = re.compile(
    r"(?:打印本页|打印本文|打印此页|打印文章|打印|关闭窗口|关闭本页|关闭|收藏本页|加入收藏|收藏|"
    r"返回顶部|返回首页|返回列表|返回|保存本页|保存|字[体号][：:]?大中小|大中小|默认|纠错|"
    r"[：:])+"
)
"""Links a page sets in a row, often all on one line: 【打印本页】【关闭窗口】."""


def chrome_rule(line: str) -> str | None:
    """The name of the chrome rule that takes the whole of `line`, or None for notice text.

    `line` is one row's text as read (a row's cells joined by spaces, say); brackets, white
    space and separators between links do not matter.
    """
    line = simplified(line)  # a mirror in traditional characters: 您現在的位置, 分享到
    if _BREADCRUMB.match(line):
        return "导航路径"
    text = _IGNORED.sub("", line)
    if not text:
        return None
    for name, pattern in _RULES:
        if pattern.search(text):
            return name
    if _LINKS.fullmatch(text):
        return "打印关闭"
    return None


def is_chrome(line: str) -> bool:
    """True when `line` is web-page chrome and yields no task, unit or problem."""
    return chrome_rule(line) is not None
