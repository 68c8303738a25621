"""A notice file as rows and a plan: .docx, .xlsx, .txt, .html and .pdf, read within bounds in
a limited worker process (`python -m bot.reading.worker`, run rather than imported here).

Knows file formats and the notice grammar, not the ledger or Telegram.
"""

from bot.reading.importers import (
    SUFFIXES,
    UnknownName,
    decode_text,
    docx_rows,
    load_notice,
    notice_rows,
    plan_of,
    read_file,
    unknown_names,
    unreadable,
)

__all__ = [
    "SUFFIXES",
    "UnknownName",
    "decode_text",
    "docx_rows",
    "load_notice",
    "notice_rows",
    "plan_of",
    "read_file",
    "unknown_names",
    "unreadable",
]
