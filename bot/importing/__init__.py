"""Importing a notice: review it against the registry and the notice it revises, propose and write
new units, and the `python -m bot import` command with its wording.

Knows notices, the registry and the data directory, not Telegram.
"""

from bot.importing import texts
from bot.importing.command import Answers, Console, Target, import_command
from bot.importing.registry_file import Addition, RegistryEditError, add_to_registry
from bot.importing.registry_proposal import propose
from bot.importing.review import (
    Offer,
    Review,
    continuing,
    follow_revision,
    notice_digest,
    offers,
    replacing_review,
    review_notice,
    revises,
)

__all__ = [
    "Addition",
    "Answers",
    "Console",
    "Offer",
    "RegistryEditError",
    "Review",
    "Target",
    "add_to_registry",
    "continuing",
    "follow_revision",
    "import_command",
    "notice_digest",
    "offers",
    "propose",
    "replacing_review",
    "review_notice",
    "revises",
    "texts",
]
