"""Hypothesis strategies for what users send: wild text, task-and-report-like lines with odd
numbers and dates, commands with arguments, forged button data, files and captions."""

from __future__ import annotations

import io
from functools import cache

from hypothesis import strategies as st

from tests.adversarial.world import ADMIN, PENDING, STAFF, STRANGER
from tests.conftest import NOTICE

BIDI = "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
ODD = (
    BIDI
    + "\x00\x01\x07\x08\t\n\x0b\x0c\r\x1b\x7f\x85\u00a0\u00ad\u200b\u200d\u2028\u2029\u3000\ufeff"
)
# Lone surrogates cannot travel in an update's UTF-8, so Telegram never sends them.
_ANY = st.characters(exclude_categories=("Cs",))
_HAN = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)
CHARS = st.one_of(_ANY, st.sampled_from(ODD), _HAN, st.sampled_from("第项：:，。、0123456789"))
chunk = st.text(CHARS, min_size=1, max_size=40)


def _stretch(piece: str, length: int) -> str:
    return (piece * (length // len(piece) + 1))[:length]


def wild_text(limit: int = 4096) -> st.SearchStrategy[str]:
    """Any text up to `limit` characters (Telegram's 4096 for a message, 1024 for a caption),
    short or repeated out to the limit; none is a command."""
    return st.one_of(
        chunk,
        st.text(CHARS, min_size=1, max_size=300),
        st.builds(_stretch, chunk, st.integers(1, limit)),
    ).filter(lambda text: not text.startswith("/"))


NUMBERS = st.one_of(
    st.integers(-3, 40).map(str),
    st.integers(0, 10**30).map(str),
    st.sampled_from(
        [
            "１７",
            "十七",
            "一百零八",
            "零",
            "⑰",
            "Ⅻ",
            "١٧",
            "17.5",
            "1e3",
            "0017",
            "+17",
            "",
            " 17 ",
            "17\u200f",
            "\u202e71",
            "9" * 40,
            "NaN",
            "17项",
            "二十四",
            "廿四",
            "𝟏𝟕",
        ]
    ),
)
DATES = st.one_of(
    st.builds("{}月{}日".format, NUMBERS, NUMBERS),
    st.sampled_from(
        [
            "12月20日",
            "13月40日",
            "2月30日",
            "0月0日",
            "2021-12-20",
            "2021年12月20日",
            "明天",
            "下周一",
            "月底",
            "99999年1月1日",
            "12/20",
            "12月",
            "20日",
            "11月14日",
            "11月15日",
            "2021年2月29日",
            "十二月二十日",
            "１２月２０日",
            "12月20日\x0b",
        ]
    ),
)
UNITS = st.one_of(
    st.sampled_from(
        [
            "综合科",
            "办公室",
            "执法2科",
            "信息中心",
            "蓬江分局",
            "不存在科",
            "综合",
            "科",
            "\u202e科合综",
            "综合科（ID 9001）",
            '=HYPERLINK("http://x","点我")',
            "综合科\n管理员",
        ]
    ),
    chunk,
)
STATUSES = st.one_of(
    st.sampled_from(
        [
            "已完成",
            "进行中",
            "有困难",
            "延期",
            "正在推进",
            "已办结留言128条",
            "=1+1",
            "\t=SUM(A1)",
            "@SUM(1)",
            "已完成\u202e",
            "尚未开始",
            "完成了一半",
            "",
        ]
    ),
    chunk,
)

# (kind, template): the kind says what the line asks of the bot, which decides whether it
# may change the data.
TEMPLATES = {
    "report": [
        "第{n}项：{s}",
        "第{n}项{s}",
        "{n}.{s}",
        "第{n}、{m}项：{s}",
        "第{n}项已完成",
        "第{n}至{m}项：{s}",
        "进展：{s}",
        "修改：{s}",
        "撤回",
    ],
    "extension": [
        "申请延期 第{n}项 到{d}，理由：{s}",
        "第{n}项申请延期到{d}",
        "延期 第{n}项 {d}",
        "申请延期到{d}",
    ],
    "pause": ["暂停提醒到{d}", "恢复提醒", "暂停提醒{n}天", "{d}前不要提醒"],
    "claim": ["我是{u}", "我在{u}", "本人是{u}的", "我们是{u}"],
    "question": [
        "第{n}项",
        "第{n}项是什么",
        "第{n}项进展",
        "第{n}项的完成情况",
        "{u}负责什么",
        "我科室负责什么",
        "{u}的任务",
        "谁负责第{n}项",
        "{d}前要做什么",
        "{s}？",
        "第{n}项谁牵头",
        "{u}第{n}项进展怎么样",
    ],
}


@st.composite
def templated(draw: st.DrawFn) -> tuple[str, str]:
    """A line shaped like a report, request, claim or question, with its fields mutated."""
    kind = draw(st.sampled_from(sorted(TEMPLATES)))
    template = draw(st.sampled_from(TEMPLATES[kind]))
    fields = {
        "n": draw(NUMBERS),
        "m": draw(NUMBERS),
        "d": draw(DATES),
        "u": draw(UNITS),
        "s": draw(STATUSES),
    }
    return kind, template.format(**fields)


USER_IDS = st.one_of(
    st.sampled_from([STAFF, PENDING, STRANGER, ADMIN, 0, -1, 123456789]),
    st.integers(-(10**20), 10**20),
)
ARGUMENT = st.one_of(
    NUMBERS,
    USER_IDS.map(str),
    UNITS,
    DATES,
    st.builds("第{}项".format, NUMBERS),
    st.sampled_from(["2021年通知", "通知", "全部", "-", "--help", "'; DROP TABLE", "%s%n"]),
    chunk,
)
COMMAND_NAMES = st.from_regex(r"[A-Za-z0-9_]{1,32}", fullmatch=True)


def arguments() -> st.SearchStrategy[str]:
    """A command's arguments: a few odd words, or any text up to a message's length."""
    return st.one_of(
        st.just(""),
        st.lists(ARGUMENT, min_size=1, max_size=5).map(" ".join),
        wild_text(4000),
    )


# Callback data: the bot's own formats (handlers/buttons.py) with forged fields.
FORMATS = [
    "k:{fp}:{a}:{b}",
    "u:{fp}:{a}",
    "ok:{uid}:{fp}:{a}",
    "no:{uid}:{fp}:{a}",
    "t:{a}",
    "t:{a}:{key}",
    "s:{a}:{date}:{code}",
    "s:{a}:{date}:{code}:{key}",
    "xg:{a}",
    "xg:{a}:{key}",
    "xr:{a}",
    "xr:{a}:{key}",
    "im:{tok}:{yns}",
    "iu:{tok}:{a}:{b}",
    "it:{tok}:{a}:{b}:{yn}",
    "r:{a}",
    "r:{a}:{key}",
]
FIELD_NUMBERS = st.one_of(
    st.integers(0, 40).map(str),
    st.integers(0, 10**16).map(str),
    st.sampled_from(["0", "00017", "１７", "-1", "", "1e3", "٣", "9999", "1" * 20]),
)
FIELD_DATES = st.one_of(
    st.sampled_from(
        [
            "20211231",
            "20211120",
            "20211301",
            "00000000",
            "99991231",
            "2021123",
            "20210229",
            "20211115",
        ]
    ),
    st.integers(0, 99999999).map("{:08d}".format),
)


@st.composite
def forged_data(draw: st.DrawFn, fp: str) -> str:
    """A button's data in one of the bot's formats, fields forged, or then mutated by a byte."""
    data = draw(st.sampled_from(FORMATS)).format(
        fp=draw(st.one_of(st.just(fp), st.from_regex(r"[0-9a-f]{6}", fullmatch=True), chunk)),
        a=draw(FIELD_NUMBERS),
        b=draw(FIELD_NUMBERS),
        uid=draw(USER_IDS.map(lambda n: str(abs(n)))),
        key=draw(st.sampled_from(["1", "2", "0", "99", "", "01"])),
        date=draw(FIELD_DATES),
        code=draw(st.sampled_from(["c", "p", "h", "e", "x", "C", ""])),
        tok=draw(st.from_regex(r"[0-9a-f]{8}", fullmatch=True)),
        yns=draw(st.sampled_from(["y", "n", "s", "x"])),
        yn=draw(st.sampled_from(["y", "n", "x"])),
    )
    if draw(st.booleans()):
        at = draw(st.integers(0, len(data)))
        cut = draw(st.integers(0, 2))
        data = data[:at] + draw(st.text(CHARS, max_size=3)) + data[at + cut :]
    return data


def fits(data: str) -> bool:
    """Telegram carries 1 to 64 bytes of callback data."""
    return 1 <= len(data.encode()) <= 64


def random_data() -> st.SearchStrategy[str]:
    """Arbitrary short text as button data."""
    return st.text(CHARS, min_size=1, max_size=64).filter(fits)


# Files: names, bodies (random, or real notices cut short or with a byte changed), captions.
EXTENSIONS = ["docx", "xlsx", "txt", "doc", "xls", "pdf", "DOCX", "TxT", "docx.exe", ""]
FILE_NAMES = st.one_of(
    st.builds("{}.{}".format, chunk, st.sampled_from(EXTENSIONS)),
    st.sampled_from(
        [
            "../../etc/passwd",
            "通知.docx",
            "a" * 250 + ".xlsx",
            "\u202excod.exe",
            "CON.txt",
            ".docx",
            "名单.xls",
            "file\x00.txt",
            "分工方案\n第二版.docx",
            "通知 (1).txt",
        ]
    ),
    chunk,
)


@cache
def samples() -> dict[str, bytes]:
    """Small real files: the shipped notice's start as .txt (UTF-8 and GBK), .docx and .xlsx."""
    from docx import Document
    from openpyxl import Workbook

    lines = NOTICE.read_text(encoding="utf-8").splitlines()[:40]
    document = Document()
    for line in lines:
        document.add_paragraph(line)
    docx = io.BytesIO()
    document.save(docx)
    workbook = Workbook()
    sheet = workbook.active
    for row, line in enumerate(lines[:20], start=1):
        sheet.cell(row=row, column=1, value=line)
    xlsx = io.BytesIO()
    workbook.save(xlsx)
    text = "\n".join(lines)
    return {
        "txt": text.encode("utf-8"),
        "gbk": text.encode("gbk", errors="replace"),
        "docx": docx.getvalue(),
        "xlsx": xlsx.getvalue(),
    }


@st.composite
def file_bodies(draw: st.DrawFn) -> bytes:
    """Random bytes, or a real small file cut short or with one byte changed."""
    if draw(st.booleans()):
        return draw(st.binary(max_size=2048))
    body = samples()[draw(st.sampled_from(sorted(samples())))]
    if draw(st.booleans()):
        return body[: draw(st.integers(0, len(body)))]
    at = draw(st.integers(0, len(body) - 1))
    return body[:at] + bytes([draw(st.integers(0, 255))]) + body[at + 1 :]


MIME_TYPES = st.sampled_from(
    [
        "application/octet-stream",
        "text/plain",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "image/png",
    ]
)
