"""Spoken forms written down: Jiangmen's Cantonese, voice-input homophones, 廿 for twenty.

Rewritten to the Mandarin the other rules read, before anything else is read:

* Cantonese: ``完成咗`` → 完成了, ``仲未`` → 还未, ``搞掂`` → 搞定 (``搞唔掂`` → 搞不定),
  ``需唔需要`` → 需不需要
  (唔 is 不), ``冇`` → 没有, ``係`` → 是, ``做紧`` → 在做, ``我哋`` → 我们, and the question
  words ``点样`` (怎样), ``点解``, ``边个``, ``边度``, ``咩`` / ``乜嘢``, so a question stays one;
  ``呢个`` → 这个 and ``多谢晒`` → 多谢;
* voice input: ``地十三项`` → 第十三项 (地 right before a task number), ``己经`` / ``以经`` →
  已经, and a filler opening the line before a task number (``那个二十八项…``) dropped;
* ``廿`` → 二十 (第廿二项 → 第二十二项).
"""

from __future__ import annotations

import re

_NUMBER = r"\s*(?:[0-9０-９]{1,3}|[〇零一二两三四五六七八九十廿]{1,4})\s*[项条項]"
_FORMS = (
    (re.compile("咗"), "了"),
    (re.compile("(?P<verb>[做搞弄跟办写编整])紧"), r"在\g<verb>"),
    (re.compile("仲未"), "还未"),
    (re.compile("仲(?=[在系係要])"), "还"),
    (re.compile("(?<=[搞弄])(?P<not>唔|不)?掂"), r"\g<not>定"),
    (re.compile("唔"), "不"),
    (re.compile("冇"), "没有"),
    (re.compile("係"), "是"),
    (re.compile("点样|点么样"), "怎样"),
    (re.compile("点解"), "为什么"),
    (re.compile("边个"), "谁"),
    (re.compile("边度"), "哪里"),
    (re.compile("乜嘢|咩"), "什么"),
    (re.compile("我哋"), "我们"),
    (re.compile("呢(?=个|几)"), "这"),
    (re.compile("(?<=多谢)晒"), ""),
    (re.compile(rf"(?<![\u4e00-\u9fff])地(?={_NUMBER})"), "第"),
    (re.compile("己经|以经(?=[完在公发更办做弄搞听全都按开])"), "已经"),
    (re.compile("廿"), "二十"),
)
_FILLER = re.compile(rf"^(?:那个|嗯|呃|额|就是)[，,\s]*(?={_NUMBER})")


def mandarin(text: str) -> str:
    """`text` with its spoken forms written as the Mandarin the grammar reads."""
    for form, meant in _FORMS:
        text = form.sub(meant, text)
    return _FILLER.sub("", text)


def filler(text: str) -> bool:
    """True when `text` opens with a filler before a task number (``那个二十八项…``)."""
    return _FILLER.search(text) is not None
