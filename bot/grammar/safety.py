"""The safety rules of reading a report: a wrong record is worse than a question.

* A line that asks (几号, 什么时候, 多久, 是否, 吗, 要不要, a question mark …) is never a record.
* A finished deed: ``…已在网站公开``, ``…已全部更新到…``, ``…已经听取了``, ``…已于10月完成年度
  更新`` (a time between 已 and the verb), ``done`` — something
  already brought to its end by a finishing verb, with nothing left pending or counted.
* Ongoing settled: 正在, 在…中, 还, 继续, a count of items done so far (``已办结留言128条``),
  a contact or start verb (``已联系…``, ``已开展``), something pending (待, 准备, 已提交审核)
  or partial.
* 进行中 is never a default: a text nothing settles as ongoing (a completion-like marker
  left unsettled, or no status word at all) is asked back.
* 什么 / 啥 and A-不-A forms (算不算, 对不对) ask too.
"""

from __future__ import annotations

import re

_ASKS = re.compile(
    r"[？?]|几号|几时|几点|哪天|哪一天|什么时候|啥时候|多久|多长时间|多少|是否|吗|呢\s*$"
    r"|要不要|能不能|需不需要|需唔需要|用不用|可不可以|是不是|有没有|好不好|行不行"
    r"|(?:搞|做|要|办|管|用)不[。！!]*$|谁|哪|怎么|怎样|如何|为什么|为啥"
    r"|(?<![没无])(?:什么|啥)(?!都|也)|(?P<either>[\u4e00-\u9fff])不(?P=either)"
)
# ``在做呢``, ``还没完成呢``: 呢 closing a statement, not a question.
_STATEMENT_END = re.compile(r"(?:完成|做|弄|推进|办|编|改|搞)呢[。！!]*$")

FINISHING = (
    r"完成|完毕|办结|办完|做完|公开|公布|公示|发布|挂网|上线|更新|听取|印发|出台|上报|报送"
    r"|提交|归档|修订|签发|审定|审议|建成|开通|落实|整改到位"
)
_FINISHED_DEED = re.compile(
    rf"已经?(?:全部|均|都|按时|按期|如期|顺利|专题|正式|主动|及时|集中|统一)*"
    rf"(?:于[^，,。；;\s]{{1,12}}?)?(?:在[^，,。；;\s]{{1,16}})?(?:{FINISHING})"
    r"(?!了?(?:一半|部分|大半|初|阶段|[0-9]|百分))"
    r"|\bdone\b|\bfinished\b",
    re.I,
)
_COMPLETION_LIKE = re.compile(
    rf"已|全部|完毕|完成|办结|\bdone\b|\bfinished\b|搞[定掂]|(?:{FINISHING})了", re.I
)
# A count of items (12份, 两篇, 三十余条, 几批): numerals in digits or in Chinese, then a
# measure word.
COUNT = re.compile(
    r"(?:[0-9０-９]+|(?!一个)[〇零一二两三四五六七八九十百千几数]+)\s*(?:余|多)?\s*"
    r"(?:份|条|件|个|篇|次(?!性)|家|批|期|场|宗|张|部|本|册|段|组|套|轮|则|幅|户|处|封|人次)"
    r"|[0-9]+\s*[%％]"
)
# A contact or start verb: the work has begun, not ended (已联系市发展改革局, 专项检查已开展).
_STARTED = r"联系|启动|开展|部署|开始|着手|对接|沟通|布置|安排|收集|起草|征求|动员|组织"
_ONGOING = re.compile(
    rf"(?i)正在|在[^，,。；;\s]{{0,8}}中|进行|进展|还|继续|仍|尚|持续|推进|跟进|{_STARTED}"
    r"|待|准备|下一步|计划|预计|争取|将|其余|剩|等待|(?:提交|报送|上报|送)(?:审核|审批|审定|批复)"
    r"|没|未|不|部分|一半|基本|初步|初稿|大体|大部|[一二三四五六七八九]成|快|即将|马上|差不多|顺利"
    r"|(?:前|之前|以前|内)(?:完成|办结|做完)"  # 本月底前完成: a deadline ahead, a plan
    r"|[\u4e00-\u9fff]{2}中(?=$|[，,。；;！!\s])"  # 排查中, 整理中: a verb under way
    r"|\bdoing\b|\bin progress\b|\bongoing\b|\bworking on\b"
)


def asks(text: str) -> bool:
    """True when `text` asks something: then nothing in it is recorded."""
    return _ASKS.search(_STATEMENT_END.sub("", text.strip())) is not None


def asks_in_words(text: str) -> bool:
    """True when `text` asks with a question word, not only a question mark (``已完成？还是
    进行中`` is a status in doubt, ``最迟几号完成`` a question): no report at all."""
    return asks(re.sub(r"[？?]", "", text))


def finished_deed(text: str) -> bool:
    """``本局年度预算决算已在网站公开``, ``已全部更新到本部门频道``, ``已经听取了 done``:
    done, unless anything in `text` settles it as ongoing."""
    return _FINISHED_DEED.search(text) is not None and not settles_ongoing(text)


def settles_ongoing(text: str) -> bool:
    """True when `text` says the work goes on: an ongoing, pending, partial or start word, or
    a count of items done so far."""
    return _ONGOING.search(text) is not None or COUNT.search(text) is not None


def marks_completion(text: str) -> bool:
    """True when `text` has a completion-like marker (已, 全部, 完毕, 完成, done …)."""
    return _COMPLETION_LIKE.search(text) is not None


def told_ongoing(text: str) -> bool:
    """True when `text` itself says the work goes on (an ongoing, pending, partial or start
    word, or a count), with no completion-like marker left unsettled. The common cause of
    every under-claim seen (a done deed recorded 进行中) was 进行中 taken as the default of
    a text that said neither: such a text is asked back."""
    return settles_ongoing(text)
