"""Reading "第24项佐证 …": the task, a link, a 文号."""

from __future__ import annotations

import pytest

from bot.evidence.lines import EvidenceLine, document_number_in, evidence_line, link_in


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("第24项佐证", EvidenceLine(24, "")),
        ("第二十四项佐证材料", EvidenceLine(24, "")),
        (
            "第24项的佐证：https://gk.example.cn/a?id=3",
            EvidenceLine(24, "https://gk.example.cn/a?id=3"),
        ),
        ("第 3 条佐证 江环〔2021〕12号", EvidenceLine(3, "江环〔2021〕12号")),
        ("第24项已完成", None),
        ("佐证第24项", None),
        ("第24项佐证是什么意思", EvidenceLine(24, "是什么意思")),
    ],
)
def test_evidence_line(text: str, expected: EvidenceLine | None):
    assert evidence_line(text) == expected


def test_links_and_numbers():
    assert link_in("见 https://gk.example.cn/x/1.html，已公开") == "https://gk.example.cn/x/1.html"
    assert link_in("网址：http://a.cn/b.") == "http://a.cn/b"
    assert link_in("江环〔2021〕12号") is None
    assert document_number_in("江环〔2021〕12号") == "江环〔2021〕12号"
    assert document_number_in("国办函 [2026] 12 号") == "国办函[2026]12号"
    assert document_number_in("苏环办【2021】第5号") == "苏环办【2021】第5号"
    assert document_number_in("2021年12号") is None
