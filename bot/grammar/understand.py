"""One typed line read into its intents, in the order said: the grammar's entry point.

Pure: knows the notice only through the `Vocabulary` the caller gives, and the day through
`today`. Whole-line forms come first (a how-to, an office question, a pause, a 延期申请,
reports); a line of several questions is then read a part at a time.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace
from datetime import date

from bot.grammar.chat import one_word, without_courtesy
from bot.grammar.commands import extension, pause_or_resume, withdrawal
from bot.grammar.howto import how_to
from bot.grammar.instructions import instruction
from bot.grammar.intents import Amend, AskBack, Intent, Report, Search, Unclear, Unknown, Unsure
from bot.grammar.office import office_question
from bot.grammar.questions import (
    due_question,
    listing_question,
    my_progress,
    section_question,
    task_questions,
)
from bot.grammar.reports import (
    all_but,
    correction,
    read_reports,
    status_in_doubt,
    tells_status,
    unplaced,
)
from bot.grammar.safety import asks, marks_completion
from bot.grammar.simple import MAX_CLAUSE, settle
from bot.grammar.spoken import mandarin
from bot.grammar.taskrefs import canonical, tasks_in
from bot.grammar.topics import duties, keywords, search, set_unit
from bot.grammar.vocabulary import Vocabulary
from bot.grammar.wording import named_by_wording
from bot.grammar.written import written
from bot.normalize import tidy_prose

MAX_LOOKUP = 16  # a longer line nothing else read is not taken for a keyword
MAX_TYPED = 1000  # a report's words are found back in a line up to this long
_INVISIBLE = re.compile("[\ufeff\u200b\u200c\u200d\u2060]")
_PARTS = re.compile(r"[。；;！!？?\n]+\s*|[，,]\s*(?=第[^项]{1,12}项)")
_ASKING = re.compile(r"怎么|什么|为什么|如何|哪|谁|啥|吗|呢|咋|怎样|多少|几点|几号|几时|多久")
# Where a line's reports and questions part: sentences, and a comma before a clause that
# names a task within its first words (``，另外想问下第14项…``).
_ASIDES = re.compile(r"[。；;！!？?\n]+\s*|[，,]\s*(?=[^，,。；;！!？?第]{0,6}第[^项]{1,12}项)")
_CHINESE = re.compile(r"[\u4e00-\u9fff]")
_SEPARATED = re.compile(r"[，,。；;！!\s]")
# A space typed between two Chinese words separates them (执法一科 执法二科, 好的 多谢了);
# after a task reference it only sets the task apart (第8项 截止时间).
_CJK_GAP = re.compile(r"(?<=[\u4e00-\u9fff])(?<!项)\s+(?=[\u4e00-\u9fff])")
# A request to the bot itself (给我讲个笑话) is no topic of the notice.
_REQUEST = re.compile(r"^(?:请你|你|你给我|给我|帮我)(?!查|找|搜)")
# A note about the day or to a colleague (明天下午开会记得带U盘) is no topic of the notice.
_EVERYDAY = re.compile(r"记得|别忘|不要忘|[今明后]天|上午|下午|晚上|中午|早上")


def _whole_line(text: str, vocabulary: Vocabulary, today: date) -> list[Intent] | None:
    for read in (
        instruction,
        status_in_doubt,
        my_progress,
        withdrawal,
        how_to,
        office_question,
        lambda t: pause_or_resume(t, today),
        lambda t: extension(t, today),
    ):
        found = read(text)
        if found is not None:
            return [found]
    return read_reports(text, vocabulary.task_count)


def _by_wording(text: str, vocabulary: Vocabulary) -> list[Intent] | None:
    """A report on a task named by the notice's words (``“加强行政许可信息公开”完成``),
    always proposed, never recorded at once; the words of several tasks are asked which, and
    the notice's words alone, saying done (``完成主动公开基层目录编制``), which status."""
    named = named_by_wording(text, vocabulary.wordings)
    if named is None:
        return None
    tasks, rest = named
    if not rest:
        return [AskBack(Unclear.STATUS, tasks, text)] if marks_completion(text) else None
    read = read_reports(f"第{tasks[0]}项：{rest}", vocabulary.task_count)
    if not read or not all(isinstance(i, Report | AskBack) for i in read):
        return None
    if len(tasks) > 1:
        return [AskBack(Unclear.TASK, tasks, rest)]
    return [replace(i, unsure=Unsure.TOPIC) if isinstance(i, Report) else i for i in read]


def _lookup(text: str) -> Intent:
    """What nothing else read: a status with no task is a report whose task is asked; a
    short Chinese phrase that asks nothing of the bot is a keyword (as a bare name always was)."""
    told = unplaced(text)
    if told is not None:
        return told
    words = keywords(text)
    if (
        words
        and len(text) <= MAX_LOOKUP
        and not _ASKING.search(text)
        and _CHINESE.search(text)
        and not _REQUEST.match(text)
        and not _EVERYDAY.search(text)
    ):
        return Search(words)
    return Unknown(text)


def _told(text: str) -> bool:
    """True when `text`, naming tasks, is a statement of where they stand, not a question
    about them: several clauses or a long one, words of a status, and nothing asked. What no
    report rule read there is asked back, never answered with the task's text."""
    long = len(text) > MAX_CLAUSE or _SEPARATED.search(text) is not None
    return long and not asks(text) and tells_status(text)


def _question(text: str, vocabulary: Vocabulary, today: date) -> list[Intent]:
    word = one_word(text)
    if word is not None:
        return [word]
    about_tasks = task_questions(text)
    if about_tasks and _told(text):
        return [AskBack(Unclear.STATUS, tasks_in(text), text)]
    if about_tasks:
        return about_tasks
    for read in (
        lambda t: due_question(t, today),
        section_question,
        listing_question,
        lambda t: set_unit(t, vocabulary),
        lambda t: duties(t, vocabulary),
        search,
    ):
        found = read(text)
        if found is not None:
            return [found]
    return [_lookup(text)]


def _questions(text: str, vocabulary: Vocabulary, today: date) -> list[Intent]:
    parts = [p for p in _PARTS.split(text) if p.strip(" ，,")]
    if len(parts) > 1:
        read = [i for p in parts for i in _question(p.strip(" ，,"), vocabulary, today)]
        known = [i for i in read if not isinstance(i, Unknown)]
        if known:
            return known
    return _question(text, vocabulary, today)


def _beside_questions(text: str, vocabulary: Vocabulary, today: date) -> list[Intent] | None:
    """Reports and questions in one line (``第13项一直在做，另外想问下第14项什么时候截止``):
    a question stops every report of its own clause, and of the whole line unless it names a
    task of its own that no report names (``…，这样算完成吗`` is about the report itself)."""
    parts = [p.strip(" ，,") for p in _ASIDES.split(text) if p.strip(" ，,")]
    asking = [asks(p) for p in parts]
    if all(asking) or not any(asking):
        return None
    told = {n for p, a in zip(parts, asking, strict=True) if not a for n in tasks_in(p)}
    read: list[Intent] = []
    for part, question in zip(parts, asking, strict=True):
        own = set(tasks_in(part))
        if question and (not own or own & told):
            return None
        found = (
            _question(part, vocabulary, today)
            if question
            else read_reports(part, vocabulary.task_count)
        )
        if not found or not question and not all(isinstance(i, Report | AskBack) for i in found):
            return None
        read += found
    return read


def plain(line: str) -> str:
    """`line` without emoji and pictographs (``搞定✅``, ``你好呀😊``): decoration, not words."""
    return "".join(c for c in line if unicodedata.category(c) != "So" and c != "\ufe0f")


def _read_form(line: str) -> str:
    """`line` as the grammar reads it: decoration dropped, spoken and written forms read as
    simplified Mandarin, task references canonical, spaces between words read as separators."""
    text = _CJK_GAP.sub("，", canonical(written(mandarin(plain(_INVISIBLE.sub("", line))))))
    return tidy_prose(text)


def _as_typed(line: str, read: list[Intent]) -> list[Intent]:
    """The words of a line's one report as typed (line breaks kept), when they are the end of
    the line: what is recorded is what the person wrote, not its read form."""
    told = [i for i in read if isinstance(i, Report | Amend | AskBack)]
    if len(told) != 1 or len(line) > MAX_TYPED:
        return read
    said = told[0].text
    typed = next(
        (line[at:].strip() for at in range(len(line)) if _read_form(line[at:]) == said), None
    )
    if typed is None or typed == said:
        return read
    return [replace(i, text=typed) if i is told[0] else i for i in read]


def understand(line: str, vocabulary: Vocabulary, *, today: date) -> tuple[Intent, ...]:
    """The intents of `line`, in the order said; never empty, never an error."""
    text = _read_form(line)
    word = one_word(text)
    if word is not None:
        return (word,)
    text = canonical(without_courtesy(text))
    text, corrected = correction(text, vocabulary.task_count)
    # 刚才发错了，麻烦撤回一下: the courtesy after the apology; 请问十七项…: a task reference
    # the courtesy hid from the start of its clause
    text = canonical(without_courtesy(text))
    said = text  # the simple-form rule judges what was said, never a rewriting of it
    text, unsaid = all_but(text)
    body = (
        ([unsaid] if unsaid else None)
        or corrected
        or _by_wording(text, vocabulary)
        or _whole_line(text, vocabulary, today)
        or _beside_questions(text, vocabulary, today)
        or _questions(text, vocabulary, today)
    )
    once = list(dict.fromkeys(body))  # the same thing said twice is answered once
    return tuple(_as_typed(line, settle(line, said, once, vocabulary)))
