"""Importing a notice: review it against the registry and the notice it revises, propose and write
new units, the one workflow (which notice a file is, the import waiting for answers, the writes)
and the `python -m bot import` command with its wording.

Knows notices, the registry and the data directory, not Telegram.
"""

from bot.importing import command, registry_file, registry_proposal, review, texts, workflow

__all__ = ["command", "registry_file", "registry_proposal", "review", "texts", "workflow"]
