"""Lines that speak of evidence: "第24项佐证", "第24项佐证 https://…", "第24项佐证 江环〔2021〕12号".

Three reading rules, each with its name:

* `evidence_line`: a line (or a file's caption) that opens with a task and 佐证 (``第24项佐证``,
  ``第24项的佐证材料：…``); what follows is the evidence given as text, or nothing.
* `link_in`: a web link (http:// or https://) up to the first space or Chinese punctuation.
* `document_number_in`: a 文号 as offices write them: an issuer, the year in 〔〕 (or [] 【】
  （）), a number and 号 (江环〔2021〕12号).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.normalize import parse_number

_NUM = r"[0-9０-９]{1,4}|[〇零一二两三四五六七八九十]{1,4}"
_EVIDENCE = re.compile(
    rf"\s*第\s*({_NUM})\s*[项条條]\s*的?\s*佐证(?:材料)?\s*[：:，,。\s]*(.*)", re.DOTALL
)
_LINK = re.compile(r"https?://[^\s，。；、！？“”‘’（）《》【】]+", re.IGNORECASE)
_NUMBER = re.compile(
    r"[\u4e00-\u9fff]{1,16}\s*[〔\[［【（(]\s*(?:19|20)\d{2}\s*[〕\]］】）)]\s*第?\s*\d{1,5}\s*号"
)


@dataclass(frozen=True, slots=True)
class EvidenceLine:
    """A line naming a task's evidence: the task, and the rest of the line (maybe empty)."""

    task: int
    rest: str


def evidence_line(text: str) -> EvidenceLine | None:
    """The task and the rest of a line that opens with "第N项佐证", else None."""
    match = _EVIDENCE.fullmatch(text or "")
    if match is None:
        return None
    task = parse_number(match.group(1))
    return EvidenceLine(task, match.group(2).strip()) if task else None


def link_in(text: str) -> str | None:
    """The first web link in `text`."""
    match = _LINK.search(text)
    return match.group(0).rstrip(".,;:!?") if match else None


def document_number_in(text: str) -> str | None:
    """The first 文号 in `text`, spaces taken out."""
    match = _NUMBER.search(text)
    return re.sub(r"\s+", "", match.group(0)) if match else None
