"""A notice file as rows and a plan: .docx, .xlsx, .txt, .html and .pdf, read within bounds
(`limits`, explained to the office by `texts`) in a limited worker process
(`python -m bot.notice_files.worker`, run rather than imported here).

Knows file formats and their bounds; the grammar is `bot.reading`'s. Not the ledger or Telegram.
"""

from bot.notice_files import importers, limits, table_grid, texts

__all__ = ["importers", "limits", "table_grid", "texts"]
