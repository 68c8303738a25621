"""Which files are evidence: extension and leading bytes must agree, within the limit."""

from __future__ import annotations

import pytest

from bot.evidence.kinds import MB, megabytes, refusal_before, refusal_of
from tests.bot.evidence import samples


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("现场.png", samples.png()),
        ("现场.JPG", samples.jpeg()),
        ("IMG_1.jpg", samples.png()),
        ("方案.pdf", samples.pdf()),
        ("台账.docx", samples.docx()),
        ("台账.xlsx", samples.xlsx()),
        ("旧版.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100),
    ],
    ids=["png", "jpg upper-case", "a channel's .jpg holding a png", "pdf", "docx", "xlsx", "doc"],
)
def test_accepted_files(name: str, data: bytes):
    assert refusal_of(name, data) is None


def test_a_name_that_lies_is_refused():
    assert refusal_of("照片.png", samples.pdf()) == (
        "“照片.png”的内容不是图片文件（扩展名与内容不符），未保存。"
    )
    # A Word package is a zip, but not every zip is a Word file.
    assert refusal_of("台账.docx", samples.xlsx()) == (
        "“台账.docx”的内容不是Word文件（扩展名与内容不符），未保存。"
    )


def test_other_types_and_sizes_are_refused_before_download():
    assert refusal_before("录音.mp3", 10) == (
        "“录音.mp3”不是可作佐证的文件类型，未保存。佐证可发照片（jpg、png）、PDF、OFD、"
        "Word（doc、docx）或 Excel（xls、xlsx），或直接发链接、文号。"
    )
    assert refusal_before("大图.png", 21 * MB) == (
        "“大图.png”有 21 MB，超过 20 MB 的上限，未保存。可压缩后再发，或发链接、文号。"
    )
    assert refusal_before("大图.png", 20 * MB) is None
    assert refusal_of("空.pdf", b"") == "“空.pdf”是空文件，未保存。"


def test_sizes_as_people_read_them():
    assert megabytes(1536 * 1024) == "1.5 MB"
    assert megabytes(12 * 1024) == "12 KB"
    assert megabytes(10) == "1 KB"
