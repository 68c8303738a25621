"""A notice file as rows and a plan: .docx, .xlsx, .txt, .html and .pdf, read within bounds in
a limited worker process (`python -m bot.reading.worker`, run rather than imported here).

Knows file formats and the notice grammar, not the ledger or Telegram.
"""

from bot.reading import importers

__all__ = ["importers"]
