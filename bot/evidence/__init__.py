"""佐证材料: files (a photo, a PDF, an OFD, Word, Excel) and links or 文号 that back a unit's
report, optional and light.

`kinds` says which files are evidence (extension and leading bytes, within the channel's
limit); `store` keeps each file once by content under the data directory
(``evidence/ab/cdef…``), written durably before the ledger names it, and removes at start
what no record names; `lines` reads "第24项佐证 https://…" and a 文号; `listing` turns the
ledger's evidence records into what the export shows and the zip's layout. The records
themselves are the ledger's (kind ``e``). Knows no channel.
"""

from bot.evidence import kinds, lines, listing, store, texts

__all__ = ["kinds", "lines", "listing", "store", "texts"]
