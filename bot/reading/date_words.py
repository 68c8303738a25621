"""The words notices use for time limits: regular expressions and word lists for `bot.reading.dates`.

Every pattern runs on text already normalised by `bot.reading.dates` (NFKC: full-width digits and
brackets made half width; spaces next to 年/月/日 and similar removed).
"""

from __future__ import annotations

import re

YEAR = r"(?:19|20)\d{2}"
_MONTH = r"1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九]"
_DAY = r"3[01]|[12]\d|0?[1-9]|[二三]?十[一二三四五六七八九]?|[一二三四五六七八九]"
_NO_DIGIT_BEFORE = r"(?<![\d.])"

# ---- Recurring: 每季度, 每月10日前, 每年6月底前, 每年至少更新一次 ----
RECURRING = re.compile(
    rf"每个?(?P<p>半年|年度?|季度?|月)(?:(?P<m>{_MONTH})月)?(?:末|底)?"
    rf"(?:(?P<d>{_DAY})[日号])?前?"
    r"(?:至少[^，。；,;]{0,10}?[一二两三四五六七八九十\d]+次)?"
)
PERIOD_MONTHS = {"年": 12, "年度": 12, "半年": 6, "季": 3, "季度": 3, "月": 1}

# ---- One-off dates, in the order `bot.reading.dates` claims them (earlier patterns win overlaps) ----
FULL_DATE = re.compile(
    rf"{_NO_DIGIT_BEFORE}(?:(?P<y>{YEAR})年)?(?P<m>{_MONTH})月(?P<d>{_DAY})[日号](?!\d)"
)
DOTTED_DATE = re.compile(
    rf"{_NO_DIGIT_BEFORE}(?P<y>{YEAR})(?P<s>[./\-])(?P<m>1[0-2]|0?[1-9])(?P=s)"
    r"(?P<d>3[01]|[12]\d|0?[1-9])(?![\d.%])"
)
QUARTER = re.compile(rf"(?:(?P<y>{YEAR})年)?第?(?P<q>[一二三四1-4])季度(?:末|底)?")
HALF_YEAR = re.compile(rf"(?:(?P<y>{YEAR})年)?(?P<h>上|下)半年")
YEAR_END = re.compile(
    rf"(?:(?P<y>{YEAR})年度?年?|今年年?|本年度?年?"
    r"|(?<![\d个多两一二三四五六七八九十百几年度明去前后])年度?)(?:底|末|内)"
)
# 到2025年 / 至2025年底前: a target year with no month → the year's last day (prose too).
BY_YEAR = re.compile(rf"(?:到|至|于|在)(?P<y>{YEAR})年(?:底前|前)?(?![\d月度底末内])")
# Years named relative to when the text was written (its signing): 明年 → that year + 1.
RELATIVE_YEAR = re.compile(r"(明|今|去)年")
RELATIVE_YEAR_OFFSETS = {"明": 1, "今": 0, "去": -1}
WHOLE_YEAR = re.compile(rf"(?:(?P<y>{YEAR})年)?全年")  # a time-limit cell only
MONTH = re.compile(
    rf"{_NO_DIGIT_BEFORE}(?:(?P<y>{YEAR})年)?(?P<m>{_MONTH})月份?"
    r"(?P<q>上中旬|中下旬|上旬|中旬|下旬|底|末|初|前|内)?(?!\d)"
)
DOTTED_MONTH = re.compile(rf"{_NO_DIGIT_BEFORE}(?P<y>{YEAR})[./\-](?P<m>1[0-2]|0?[1-9])(?![\d%])")
# A month's qualifier → the day it means; None is the month's last day, 0 the day before it.
MONTH_PARTS: dict[str | None, int | None] = {
    None: None,
    "底": None,
    "末": None,
    "内": None,
    "下旬": None,
    "中下旬": None,
    "上旬": 10,
    "初": 10,
    "中旬": 20,
    "上中旬": 20,
    "前": 0,
}
RANGE = re.compile(r"[至到—\-－~～]+")

# ---- Continuous: no due date ----
CONTINUOUS_CELL = re.compile(r"长期坚持|长期|持续推进|持续开展|持续|常态化|常年|长效")
_CLAUSE_START = r"(?<![^，。；、,;(：:\s])"
_CLAUSE_END = r"(?![^，。；,;)\s])"
CONTINUOUS_PROSE = re.compile(
    rf"{_CLAUSE_START}(?:长期坚持|长期|持续推进|常态化推进|常态化开展|常态化){_CLAUSE_END}"
)

# ---- The notice's own year ----
TITLE_YEAR = re.compile(rf"(?<!\d)({YEAR})(?:年|\s*[—\-－~～至到]\s*{YEAR}年)")
DOCUMENT_NUMBER = re.compile(rf"[〔\[(【]\s*({YEAR})\s*[〕\])】]\s*\d+\s*号")
SIGNATURE = re.compile(rf"({YEAR}|[〇零一二三四五六七八九]{{4}})年(?:{_MONTH})月(?:{_DAY})日")
ISSUE_LABEL = re.compile(
    rf"(?:发布|成文|印发|发文|公开)(?:时间|日期)\s*[:：]?\s*({YEAR})\s*[年./\-]"
)

NO_YEAR = (
    "通知的标题、文号、落款和发布日期都没有写年份，按月、日、“年底前”等写的时限"
    "和默认的年底截止日期无法确定年份；请办公室用 /deadline 设定各项任务的截止日期"
)
