"""Reports as meant: several tasks in one line, a status word anywhere, and asking when unsure.

Built on `bot.ledger.reports`: `parse_report` reads each clause and `report_status` its
status; this module adds what a person means beyond those rules (each named and tested):

* several reports in one line: a clause starting with a new task (``第8项已完成，第10项进行中``);
* a done statement: the first clause is ``已完成`` + what was done (``已完成规划公开``) or a
  publication (``已在网站公布…``), with nothing pending after it → 已完成;
* not yet: a completion word near a word of time to come (``快完成了``, ``马上完成``) → 进行中;
* vague words (``好了``, ``ok``, ``差不多了``) → ask which status, recording nothing;
* typos of 已 before 完成 (``己完成``, ``以完成``) read as meant (others: `bot.grammar.written`);
* a status before the task (``已完成第33项``) and a topic marker (``关于第19项，…``);
* a task after a status with no separator starts a new report (``第5项已完成第27项还没完成``);
* colloquial words: done (``搞定``, ``OK了``, ``弄好了``, ``已…完毕``, ``已于…完成``), ongoing
  (``在做``, ``跟进中``, ``离完成还早``), difficulty (``卡住了``, ``完成不了``, ``难度很大``,
  ``对接不上``), never when negated or not yet;
* a count of items done (``已公开…12份``) is progress on ongoing work, not a done statement;
* hedged or self-contradictory statuses (``应该算完成了吧``, ``完成/进行中``, ``还是``), a state
  outside the three (``还没开始``, ``暂停了``) and ongoing work with only a hint of trouble
  (``正在…，但人手紧张``) → ask which status;
* a yes/no question on a status (``第4项完成了没有``) records nothing;
* a status stated first, as a clause of its own (``已完成。共收到意见3条，均已反馈``): that
  status, whatever counts the details give, unless they leave something pending or not done;
* not A but B (``不是进行中，是已完成``): B;
* still doing (``明细还在填``) leaves something pending after a done statement;
* a reason (``因为…，所以我们还在比对``) is context: the status is what follows from it, or
  what was said before it; a denied negation (``并非没有进展``) and a late report (``完成了
  忘了报``) read through; put off (``改到下周``), not begun (``没开展``), ``谈不上完成`` and
  done only on a condition (``要是算上…就完成了``) are asked back;
* every task listed but one (``第8、10、11项，除了第11项都完成了``); with no list, asked.
"""

from __future__ import annotations

import re

from bot.grammar.intents import Amend, AskBack, Intent, Malformed, Progress, Report, Unclear
from bot.grammar.intents import Withdraw as WithdrawIntent
from bot.grammar.safety import (
    COUNT,
    asks,
    asks_in_words,
    finished_deed,
    marks_completion,
    told_ongoing,
)
from bot.grammar.taskrefs import CANONICAL, tasks_in
from bot.ledger.reports import (
    Amend as ParsedAmend,
)
from bot.ledger.reports import (
    BadReport,
    MyProgress,
    Status,
    TaskProgress,
    Withdraw,
    parse_report,
    report_status,
)
from bot.ledger.reports import Report as ParsedReport

_NEW_TASK = re.compile(
    r"[，,；;。\n\s]\s*(?=第[^项]{1,12}项)"
    r"|(?<=[\u4e00-\u9fff])(?<![和与及跟把将对在从第的])(?=第[^项]{1,12}项)"
)
_TYPOS = ((re.compile(r"(?<![^\s，,：:；;项])[己以](?=经?完成)"), "已"),)
_TOPIC_MARK = re.compile(r"^(?:关于|至于)\s*(?=第[^项]{1,12}项)")
# A lead-in before the first task: ``麻烦登记一下：第23项…``, ``我们第13项和第16项都还在做``.
# ``报一下本周进展：…``, ``进展如下：…``, ``今天报三项：…``: the lead-in of a list of reports.
_PERIOD = r"(?:本周|这周|这一周|本月|这个月|今天|近期|最近|最新|目前|现在)?的?"
_LEAD_IN = re.compile(
    rf"^(?:(?:麻烦|请|帮忙|帮我)?(?:登记|记录|记|汇报|报|更新)(?:一下)?{_PERIOD}"
    r"(?:工作)?(?:进展|进度|情况)?(?:如下)?[：:，,\s]*"
    rf"|{_PERIOD}(?:工作)?(?:进展|进度|情况)(?:如下|汇报)?[：:]\s*"
    rf"|{_PERIOD}(?:报|汇报|登记)(?:一下)?[0-9一二三四五六七八九十两几]{{1,3}}项[：:，,\s]*"
    r"|(?:我们|我这边|我们这边|我们科|我科|本科室|我们单位|我们分局|我们中心)(?:的)?)"
    r"(?=第[^项]{1,12}项)"
)
# ``执法一科说他们第4项已报完成了，我们科的第4项还在做``: another's work (heard of, or
# helped with), then ours: only ours is reported.
_OURS = r"(?:我们|我们科|我科|本科室|我们单位|我们分局|我们中心|我们这边)的?"
_THEIRS_THEN_OURS = re.compile(
    r"^[^。；;]*?(?:他们|听说|据说|配合|协助|帮)[^。；;]*?[，,。；;]\s*"
    rf"(?={_OURS}第[^项]{{1,12}}项)"
)
# ``上周说第28项完成了，其实还没有，还在推进``: what was said before, then the truth.
_RETRACTED = re.compile(
    r"^(?:上周|之前|刚才|前面|上次|昨天|前几天)?(?:说|报|讲|报的是)(?P<ref>第[^项]{1,12}项)[^，,]*[，,]\s*"
    r"(?:其实|实际上|但其实|但实际上|实际)(?P<truth>.+)$"
)
# ``第18项 不是进行中，是已完成``: the status denied, then the one meant.
_NOT_BUT = re.compile(
    r"^(?P<ref>第[^项]{1,12}项)[：:\s]*不是[^，,。；;]{1,8}[，,]\s*(?:而)?是(?P<truth>.+)$"
)
# ``已完成。11月共收到意见3条，均已反馈``: a status said first, as a clause of its own.
_STATED_FIRST = re.compile(r"^(?:已经?|均已|都已)(?:全部)?(?:完成|办结)了?[。！!；;，,]\s*(?=\S)")
_NOT_DONE_AFTER = re.compile(r"[没未不]|还|尚|仍|剩|待|正在|在办|计划|准备|将|部分|一半")
_STATUS_FIRST = re.compile(
    r"^(?P<status>已经?(?:全部)?完成了?|完成了|已办结|正在(?:做|推进|办理)|进行中|有困难)"
    r"\s*(?P<ref>第[^项]{1,12}项)[。！!.]*$"
)
_DONE_FIRST = re.compile(
    r"^(?:已经?|均已|都已|已全部|全部已)(?:全部)?(?:按要求|按时|按期|如期|顺利|全面)?"
    r"完成(?!了?(?:一半|部分|大半|初|阶段|第|[0-9]|百分))."
    r"|^已经?(?:在[^，,。；;]{1,16})?(?:公布|公开|发布|挂网|上线)"
)
_PENDING_AFTER = re.compile(
    r"待|正在|还在|仍在|还需|还要|还没|尚未|未完成|下一步|将|部分|一半|继续|推进|准备|计划|其余|剩"
)
_NOT_YET = re.compile(r"快|马上|就要|即将|接近|差不多|还差|争取|预计|明天|下周|月底前")
_VAGUE = re.compile(r"(?:好了|好啦|ok|OK|okay|差不多了|可以了|没问题)[。！!~～]*")
_NEGATED = r"(?<![没不无未])"
_EITHER = r"还是|(?:完成|进行中|困难)\s*[/／或]\s*(?:已|在)?(?:完成|进行中|有困难)"
_HEDGE = re.compile(
    r"应该|可能|(?:大概|估计)(?!(?:有|是)?(?:一半|[0-9一二三四五六七八九十两几]))"
    r"(?![^，,。；;]{0,6}能(?:完成|办结|[\u4e00-\u9fff]完))|也许|好像|似乎|吧[。！!？?~～]*$|不好说|说不好|不确定|不清楚|不知道"
    rf"|还行|一般般|{_EITHER}"
    r"|(?:还|尚|都)?(?:没|未)(?:有)?(?:开始|启动|开展|动)|暂停|停了|搁置"
    # 汇报改到下周了: put off, no state of the work; 要是算上…就已经完成了: done only if
    r"|(?:改|推迟|推|延|挪)到(?:下|明|后|[0-9一二三四五六七八九十]+月)"
    r"|(?:如果|要是|假如|若是)(?![^，,。；;]{0,12}能(?:完成|办结|做完))"
    # 还在做…这个月完成了 with no stop between: two statuses in one breath
    r"|(?:还在|正在)[^，,。；;！!]{0,30}(?<![没未不])(?:完成了|已完成|做完了)"
    # 谈不上完成, 还没到公开的时候: not begun, nor done
    r"|谈不上|说不上|还没到[^，,。；;]{0,8}(?:时候|阶段|时间)"
    r"|(?:暂时|目前|还)?(?:没有|没|无)(?:什么)?进展|不涉及|不适用|无此(?:项|类)"
)
_DIFFICULTY = re.compile(
    r"卡住|卡壳|卡在|完成不了|完不成|做不了|办不了|搞不定|弄不了|推不动|对接不上|推进困难|进展困难"
    rf"|{_NEGATED}难度(?:很|较|比较|非常|太|挺)?大|有点难|{_NEGATED}很难|太难了"
    r"|(?:无法|难以|不能)(?:按时|按期|如期)?(?:完成|办结)"
    r"|(?<![没无])遇到(?:了|点|一些|些)?(?:问题|麻烦|障碍|阻力)|出(?:了)?(?:点|些)?问题"
    # 对接有问题, 存在问题, 暂时无法推送数据: something is wrong, the work cannot go on
    r"|(?<![没无不改对])(?:有|存在)(?:点|些|一些|不少|很多)?(?:问题|障碍|困难)(?![的吗？?])"
    r"|(?:无法|没法|没办法|难以)[\u4e00-\u9fff]"
)
_EITHER_WAY = re.compile(_EITHER)
_RESOLVED = re.compile(r"已经?(?:解决|修复|排除|整改|处理好|处理完|理顺)|问题不大")
# A closing verdict on the whole task (``…，本年度任务完成``, ``本项工作已完成``): done, whatever
# start or contact verbs the work told before it.
_VERDICT = re.compile(
    r"(?:^|[，,。；;])\s*(?:本|该|此|这)(?:项(?:任务|工作)?|(?:年度|年)?的?(?:任务|工作))(?:已经?|均已|都已|已全部)?"
    r"(?:全部)?(?:完成|办结)了?[。！!]*$"
)
_TROUBLE_HINT = re.compile(
    r"(?:但|不过|可是|只是).*(?:人手|人员|经费|资金|时间|任务)(?:紧|不足|不够|少)"
)
_ONE_REF = CANONICAL.pattern.replace("(?P<list>", "(?:")
_REFS = re.compile(rf"{_ONE_REF}(?:\s*(?:、|和|与|及|跟)\s*{_ONE_REF})*")
_ONGOING = re.compile(
    r"(?:都|还|正|一直)?在(?:做|弄|办|搞|跟|推进|处理|落实|整理|收集)|跟进中|推进中|处理中|办理中"
    r"|进行中|进展中|离完成还(?:早|远|有距离)|还没(?:有)?(?:完成|做完|弄完|办完)"
    r"|(?:进展|推进)(?:顺利|正常)|(?:正常|稳步|有序)推进"
    r"|[\u4e00-\u9fff]{2}中[。！!]*$|\bstill doing\b|\bdoing\b|\bin progress\b|\bongoing\b"
    # 基本完成了, 完成了大概一半: partial completion is work still going on
    r"|(?:基本|大体|大部分|大部|初步|差不多)(?:上)?(?:已经?)?完成"
    r"|完成了?(?:大概|大约|约|近|将近|接近|超过)?(?:一半|大半|过半|部分|[0-9]+\s*[%％]|[一二三四五六七八九]成)"
    # 这周能定稿, 月底就能上线: a finish expected, so not yet
    r"|(?:这周|本周|下周|月底|年底|近期|很快)就?能[\u4e00-\u9fff]"
    # 还差十二五的: something still missing
    r"|还差[^，,。；;]{1,10}"
    # 还在比对, 仍在核实: still at it; 目前只公开了预算: only part of it is done
    r"|(?:还|仍)在(?![外家这那])[\u4e00-\u9fff]|只[\u4e00-\u9fff]{1,4}了"
    # 如果下周能完成就…: finishing is a condition still ahead
    r"|(?:如果|要是|假如|若是)[^，,。；;]{0,12}能(?:完成|办结|做完)"
    # 计划12月初开展, 准备下周更新: a plan for the work is progress, not done
    r"|(?:计划|准备|拟|打算|预计)[^，,。；;]{0,10}(?:开展|启动|实施|更新|发布|公开|上线|完成|组织)",
    re.I,
)
_COLLOQUIAL_DONE = re.compile(
    r"(?:搞定|搞掂|ok了|OK了|弄好了|做好了|办好了|弄完了|搞完了|做完了|完毕|完成啦|完成了|done|finished"
    r"|完成率\s*100\s*[%％])"
    r"[了啦哈啊呀。！!~～]*$",
    re.I,
)
_ALREADY_DONE = re.compile(
    r"已经?(?P<between>[^，,。；;]{0,14}?)(?:完成|完毕|办结)(?:了|啦)?[。！!~～]*$"
)
_NOT_DONE = re.compile(
    r"没|未|不|快|马上|就要|即将|差不多|还差|部分|一半|基本|初步|大体|争取|计划|预计|将"
)
_STATUS_QUESTION = re.compile(
    r"(?:完成|办结|做完|弄完|报)了?(?:没有?|吗|么|否|未)[？?]*$|有没有(?:完成|做完|报)|是否(?:完成|办结)"
    r"|(?:谁|哪些?|哪几个)(?:单位|科室|部门)?(?:已经?)?(?:完成|办结|做完|报)"
)
_STATEMENT_END = re.compile(r"(?<=完成|在做|在弄|推进)呢[。！!]*$")


# ``开放江门数据集今年已更新，第7项完成``: what was done, then the task and its status.
_TASK_LAST = re.compile(
    r"^(?P<told>[^，,。；;？?第]{2,30})[，,]\s*(?P<ref>第[^项]{1,12}项)\s*(?P<said>[^，,。；;？?]{1,8})[。！!]*$"
)


def tidy_report(text: str) -> str:
    """Typos fixed, another's work before ours, a topic marker or lead-in dropped, a
    retracted status replaced by the
    truth, a status before the task put after it and a task named after what was done put
    first (``…已更新，第7项完成`` → ``第7项：…已更新，完成``)."""
    for typo, meant in _TYPOS:
        text = typo.sub(meant, text)
    text = _LEAD_IN.sub("", _TOPIC_MARK.sub("", _THEIRS_THEN_OURS.sub("", text)))
    retracted = _RETRACTED.match(text) or _NOT_BUT.match(text)
    if retracted:
        text = f"{retracted['ref']}：{retracted['truth']}"
    first = _STATUS_FIRST.match(text)
    if first:
        return f"{first['ref']}{first['status']}"
    last = _TASK_LAST.match(text)
    if last and _says_on_its_own(f"{last['ref']}{last['said']}"):
        return f"{last['ref']}：{last['told']}，{last['said']}"
    return text


def _done_statement(body: str) -> bool:
    """``已完成规划公开``, ``已在网站公布…``: done, unless something is left pending or
    counted (``已公开决定书12份`` is progress on ongoing work)."""
    return (
        _DONE_FIRST.search(body) is not None
        and _PENDING_AFTER.search(body) is None
        and COUNT.search(body) is None
    )


def _colloquial(body: str) -> Status | None:
    """The status a colloquial last clause says: difficulty, ongoing or done words."""
    last = re.split(r"[，,。；;！!]+", body.rstrip("。！!~～ "))[-1]
    if _DIFFICULTY.search(body):
        return Status.BLOCKED
    done = _COLLOQUIAL_DONE.search(last) or _ALREADY_DONE.search(last)
    between = done.groupdict().get("between") or "" if done else ""
    if done and not _NOT_DONE.search(last[: done.start()] + between):
        return Status.DONE
    return Status.ONGOING if _ONGOING.search(body) else None


# ``因为国家版本这周才更新，所以我们还在比对``: a reason, then what follows from it.
_REASON = re.compile(r"(?<![原起诱])(?:因为|由于|因)[^。；;]*?所以(?P<then>[^。；;]+)")


# ``完成了忘了报``: the report was late, not the work.
_FORGOT = re.compile(
    r"[，,]?\s*(?:但|只是)?(?:忘了|忘记|没来得及|还没)(?:报|汇报|上报|登记)了?[。！!]*$"
)
# ``并非没有进展``, ``不是没完成``: a negation denied.
_DENIED_NEGATION = re.compile(r"(?:并非|并不是|不是)(?:没有|没)")


def _core(body: str) -> str:
    """`body` as its status is read: a denied negation dropped (并非没有进展 → 进展), a late
    report left out (完成了忘了报), a reason read as context (see `_without_reason`)."""
    body = _FORGOT.sub("", _DENIED_NEGATION.sub("", body)) or body
    return _without_reason(body) if _REASON.search(body) else body


def _without_reason(body: str) -> str:
    """`body` with its reason clause (因为…所以…) read as context: the status is what follows
    from it (所以我们还在比对), or, when that says none (所以下周不用再报了), what was said
    before the reason (我们已完成，因为…)."""
    found = _REASON.search(body)
    if found is None:
        return body
    then = found["then"].strip(" ，,")
    if says_status(then):
        return then
    before = body[: found.start()].strip(" ，,")
    return before if before and says_status(before) else body


def _status(text: str) -> Status | None:
    """What `text` says the task stands at; None when a careful reader could not tell."""
    body = _STATEMENT_END.sub("", _core(text.strip()))
    said = report_status(body)
    if _DIFFICULTY.search(body) and _RESOLVED.search(body):
        return None  # 无法登录的问题已解决: trouble told, then settled; ask which status
    if (said is Status.BLOCKED or _DIFFICULTY.search(body)) and not _EITHER_WAY.search(body):
        return Status.BLOCKED  # difficulty outranks doubt: 可能无法按时完成, 有困难…不清楚
    stated = _STATED_FIRST.match(body)
    if stated and not (_NOT_DONE_AFTER.search(body) or _HEDGE.search(body)):
        return Status.DONE
    verdict = _VERDICT.search(body)
    if verdict and not _HEDGE.search(body):
        return None if _PENDING_AFTER.search(body[: verdict.start()]) else Status.DONE
    if _VAGUE.fullmatch(body) or _HEDGE.search(body):
        return None
    if _TROUBLE_HINT.search(body) and not _DIFFICULTY.search(body):
        return None
    colloquial = _colloquial(body)
    if colloquial is not None:
        return colloquial
    if said is Status.DONE and _NOT_YET.search(body):
        return Status.ONGOING
    if said is Status.ONGOING and (_done_statement(body) or finished_deed(body)):
        return Status.DONE
    if said is Status.ONGOING and not told_ongoing(body):
        return None  # nothing says the work goes on: ask, never default to 进行中
    return said


def says_status(body: str) -> bool:
    """True when `body` (what follows a task) is a statement of where the task stands."""
    plain = _STATEMENT_END.sub("", body.strip(" ：:，,"))
    plain = _core(plain)
    if not plain or _STATUS_QUESTION.search(plain):
        return False
    if _HEDGE.search(plain) and re.search(
        r"完成|进行|进展|困难|开始|启动|开展|暂停|停|说|行|涉及|适用|改到|推迟|延到|挪到|谈不上",
        plain,
    ):
        return True
    if plain.endswith(("？", "?", "吗", "么")):
        return False
    return bool(_VAGUE.fullmatch(plain) or _colloquial(plain) or _DIFFICULTY.search(plain))


def _says_on_its_own(piece: str) -> bool:
    """True when ``第N项…`` (up to the next punctuation) is a report by itself."""
    piece = re.split(r"[，,；;。]", piece)[0]
    ref = _REFS.match(piece)
    body = piece[ref.end() :] if ref else ""
    return says_status(body) or isinstance(parse_report(piece, task_count=999), ParsedReport)


def _clauses(text: str) -> list[str]:
    """The line cut before each new task; a first part naming no task (``进展：``) stays
    with the next. A task right after a status word with no punctuation starts a new report
    only when it says a status itself (``第5项已完成第27项还没完成``, never ``已完成第3项相关工作``)."""
    cuts = [
        (m.start(), m.end())
        for m in _NEW_TASK.finditer(text)
        if m.start() < m.end() or _says_on_its_own(text[m.end() :])
    ]
    if cuts and not CANONICAL.search(text[: cuts[0][0]]):
        cuts = cuts[1:]
    starts = [0, *(end for _, end in cuts)]
    ends = [*(start for start, _ in cuts), len(text)]
    return [text[a:b] for a, b in zip(starts, ends, strict=True) if text[a:b].strip()]


def _forced(clause: str, task_count: int) -> ParsedReport | BadReport | None:
    """A later clause of a report line, read as ``第N项：…`` whatever follows the task."""
    ref = CANONICAL.match(clause.strip())
    if ref is None:
        return None
    found = parse_report(f"{ref.group()}：{clause.strip()[ref.end() :]}", task_count=task_count)
    return found if isinstance(found, ParsedReport | BadReport) else None


_KINDS_OF_STATUS = (
    re.compile(r"(?<![没未不])(?:完成|办结|做完|搞定|弄好|done)|已经?(?:公开|发布)", re.I),
    re.compile(r"进行中|在做|正在|推进|还没|未完成|开展中|跟进|doing", re.I),
    re.compile(r"困难|卡住|无法|难以"),
)
_SHARED_OUT = re.compile(r"分别|各自|一个[^，,。；;]*一个|前者|后者|有的|其中")


def tells_status(text: str) -> bool:
    """True when `text` has a word of where work stands (done, ongoing, difficulty, a
    hedge): a line that also asks nothing is a report, never a question about its task."""
    return any(kind.search(text) for kind in _KINDS_OF_STATUS) or _HEDGE.search(text) is not None


def _not_one_to_one(tasks: tuple[int, ...], body: str) -> bool:
    """True when several tasks share one clause that gives them different statuses
    (``第3、5项分别已完成和进行中``, ``第8项和第10项一个完成了一个在做``): which status goes
    with which task cannot be told for sure, so it is asked back, never partly guessed."""
    if len(tasks) < 2:
        return False
    kinds = sum(1 for kind in _KINDS_OF_STATUS if kind.search(body))
    return kinds > 1 or _SHARED_OUT.search(body) is not None


def _status_words(clause: str, task_count: int) -> list[Intent] | None:
    """``第8项 搞定``, ``第16项在做呢``, ``第13项 还行吧``: a task and a colloquial status
    (asked back when a careful reader could not tell which)."""
    ref = _REFS.match(clause.strip())
    body = clause.strip()[ref.end() :].strip(" ：:，,") if ref else ""
    tasks = tasks_in(ref.group()) if ref else ()
    if not tasks or max(tasks) > task_count or not says_status(body):
        return None
    status = None if _not_one_to_one(tasks, body) else _status(body)
    if status is None:
        return [AskBack(Unclear.STATUS, tasks, body)]
    return [Report(task, status, body) for task in tasks]


def _asks_status(clause: str) -> bool:
    """``第4项完成了没有``, ``第17项哪些单位完成了``: a question, never a report."""
    ref = CANONICAL.match(clause.strip())
    return ref is not None and _STATUS_QUESTION.search(clause.strip()[ref.end() :]) is not None


def _reports(found: ParsedReport) -> list[Intent]:
    status = None if _not_one_to_one(found.tasks, found.text) else _status(found.text)
    if status is None:
        return [AskBack(Unclear.STATUS, found.tasks, found.text)]
    if not found.tasks:
        return [Report(None, status, found.text)]
    return [Report(task, status, found.text) for task in found.tasks]


def _amends(found: ParsedAmend) -> list[Intent]:
    status = _status(found.text)
    if status is None and (marks_completion(found.text) or _HEDGE.search(found.text)):
        return [AskBack(Unclear.STATUS, found.tasks, found.text)]
    # 修改：缺少上级统计数据 rewords the last report and names no status: it keeps its own
    return [Amend(task, status, found.text) for task in found.tasks or (None,)]


def _one(found: object) -> list[Intent] | None:
    if isinstance(found, Withdraw):
        return [WithdrawIntent()]
    if isinstance(found, MyProgress):
        return [Progress()]
    if isinstance(found, TaskProgress):
        return [Progress(found.task)]
    if isinstance(found, BadReport):
        return [Malformed(found.reason)]
    if isinstance(found, ParsedAmend):
        return _amends(found)
    if isinstance(found, ParsedReport):
        return _reports(found)
    return None


def after_context(text: str) -> str:
    """``报晚了，前段时间一直在外面跑现场。第4项…``: sentences before the first task that name
    no task, say no status and ask nothing are context (an excuse, what happened); the report
    starts at the task, after a reason (因为…所以第30项…). Anything said of the work before
    the task keeps the line whole."""
    first = CANONICAL.search(text)
    if first is None or first.start() == 0:
        return text
    before = text[: first.start()]
    # 修改：第8项… is a command, not context; 因为局长出差，所以第30项…: a reason is, and
    # so is a lead-in ending in a report verb (…几项汇总报一下第12项…)
    if not re.search(r"(?:[，,。；;！!\s]|所以|(?:报|汇报|登记)一下|如下)$", before):
        return text
    pieces = [p for p in re.split(r"[，,。；;！!：:\s]+", before) if p]
    if any(asks(p) or says_status(p) or unplaced(p) for p in pieces):
        return text
    return text[first.start() :]


def read_reports(text: str, task_count: int) -> list[Intent] | None:
    """The reports, correction or progress question in a canonical line; None if none."""
    clauses = _clauses(after_context(tidy_report(text)))
    if not clauses or any(map(_asks_status, clauses)):
        return None
    first = _status_words(clauses[0], task_count) or _one(
        parse_report(clauses[0], task_count=task_count)
    )
    if first is None or not isinstance(first[0], Report | AskBack | Malformed):
        return first if len(clauses) == 1 else None
    read = list(first)
    for clause in clauses[1:]:
        later = _status_words(clause, task_count) or _one(
            parse_report(clause, task_count=task_count) or _forced(clause, task_count)
        )
        if later is None:
            return None  # a question after a report: the line is read some other way
        read += later
    if asks_in_words(text) or (asks(text) and any(isinstance(i, Report | Amend) for i in read)):
        return None  # a line that asks is never recorded
    return read


_SLIPPED = r"(?:报|说|填|发|搞|写|弄)错了?"
# ``刚才第16项报错了，应该是有困难``: the task named inside the apology moves after it.
_SLIP_ON_TASK = re.compile(
    rf"^(?P<when>刚才|刚刚|之前|上次)(?P<ref>第[^项]{{1,12}}项)(?P<slip>{_SLIPPED})(?=[，,。！!\s])"
)
_SLIP = re.compile(
    r"^(?:刚才|刚刚)?(?:我|上一?条|刚才那条|那条|最后一条)?(?:的)?(?:进展|汇报)?"
    rf"{_SLIPPED}(?!了)[，,。！!\s]*(?=.)"
    r"|^(?:不好意思|抱歉|sorry)[，,。！!\s]+",
    re.I,
)
# ``更正一下刚才报的第20项，…``: the report corrected, named before its task.
_CORRECTING = re.compile(
    r"^(?:改一下|更正一下|修改一下|纠正一下)[，,：:\s]*(?:(?:刚才|刚刚|之前|上次)(?:报|填|发|写)的)?"
)
_SHOULD_BE = re.compile(r"[，,\s]*(?:应该是|应为|应该为|改为|改成|其实是)\s*")
# ``应该是进行中不是已完成``: the status meant, then the one it replaces.
_NOT_THAT = re.compile(r"[，,\s]*(?:而)?不是[^，,。；;]{1,8}[。！!]*$")


def correction(text: str, task_count: int) -> tuple[str, list[Intent] | None]:
    """A correction in words: ``刚才报错了，第8项应该是进行中``, ``改一下，第10项应该是有困难``.

    Returns the line without an apology (``刚才报错了，撤回`` → ``撤回``) and the corrections,
    if the line is one; a line that only starts with ``改一下`` is left whole.
    """
    text = _SLIP_ON_TASK.sub(lambda m: f"{m['when']}{m['slip']}，{m['ref']}", text)
    opening = _SLIP.match(text) or _CORRECTING.match(text)
    if opening is None or asks(text[opening.end() :]):
        return text, None
    rest = text[opening.end() :]
    ref = _REFS.match(rest)
    should = _SHOULD_BE.match(rest, ref.end()) if ref else None
    tasks = tasks_in(ref.group()) if ref else ()
    if ref is None or not tasks or max(tasks) > task_count:
        return (rest if _SLIP.match(text) else text), None
    if should is None and not _says_on_its_own(rest):
        return (rest if _SLIP.match(text) else text), None  # 改一下：第8项 plus no status
    body = rest[should.end() if should else ref.end() :].strip(" ：:，,")
    if should:
        body = _NOT_THAT.sub("", body) or body
    status = _status(body)
    if status is None:
        return rest, [AskBack(Unclear.STATUS, tasks, body)]
    return rest, [Amend(task, status, body) for task in tasks]


_THIS_TASK = re.compile(r"^(?:这项|该项|此项|本项|这一项|这个)(?:任务|工作)?")
_PROGRESS_TOLD = re.compile(r"已[^，,。；;？?]{1,8}[，,]\s*(?:待|正在|还需|准备)")


def unplaced(text: str) -> Report | AskBack | None:
    """A status with no task (``进行中``, ``这项已经完成了``, ``目录已编制，待发布``): a report
    whose task the bot must ask; None if the line says no status."""
    body = _THIS_TASK.sub("", text.strip())
    if asks(body) and not _EITHER_WAY.search(body):
        return None  # 暂停提醒到12月1日吗: a question, never a status (完成？还是进行中 is one)
    if says_status(body):
        status = _status(body)
        return Report(None, status, text) if status else AskBack(Unclear.STATUS, (), text)
    if _PROGRESS_TOLD.search(body) and not body.endswith(("？", "?", "吗")):
        return Report(None, Status.ONGOING, text)
    return None


_COUNTED = r"(?:已经?)?(?:完成|办结|做完|进行中|有困难)(?:了)?"
_COUNTS_AS = re.compile(
    rf"(?:算不算|能不能算|可不可以算){_COUNTED}[吗么呢？?。]*$"
    rf"|(?<![不没])(?:算|算是|能算|可以算){_COUNTED}(?:(?:吗|么|没有?|不|呢)[？?。]*|[？?]+)$"
)


def status_in_doubt(text: str) -> AskBack | None:
    """``第33项表格建好了，但还没开始跟进，这样算完成吗？``: the writer asks which status their
    own work has; the bot asks back with the choices, recording nothing."""
    if _COUNTS_AS.search(text.strip()) is None:
        return None
    return AskBack(Unclear.STATUS, tasks_in(text), text)


# ``第8、10、11项，除了第11项都完成了``: every task listed but the one set apart.
_ALL_BUT = re.compile(
    r"(?P<listed>第[^项]{1,30}项)?[，,：:\s]*除了?(?P<but>第[^项]{1,12}项)(?:以外|之外)?[，,\s]*"
    r"(?:其他|其余|别)?的?(?:几项|任务)?(?P<said>(?:都|均|全部)(?:已经?)?(?:完成|办结|做完)了?)"
)


def all_but(text: str) -> tuple[str, AskBack | None]:
    """``第8、10、11项，除了第11项都完成了`` → ``第8、10项都完成了``: the tasks listed before,
    but the one set apart; with no list before it (``除了第3项，其他的都完成了``) the bot
    cannot tell which tasks are meant and asks. Returns the line, and the question if any."""
    found = _ALL_BUT.search(text)
    if found is None or asks(text):
        return text, None
    but = set(tasks_in(found["but"]))
    kept = [n for n in tasks_in(found["listed"] or "") if n not in but]
    if not kept:
        return text, AskBack(Unclear.TASK, (), text)
    listed = "、".join(map(str, kept))
    return f"{text[: found.start()]}第{listed}项{found['said']}{text[found.end() :]}", None
