"""Who people are to the bot: unit bindings, work group chats, unreachable chats, the unit picker.

Knows chat ids and units, not the plan or Telegram.
"""

from bot.people import texts
from bot.people.bindings import Binding, Bindings, Request, clean_name
from bot.people.picker import PickerPage, fingerprint, kinds, picker_page
from bot.people.unit_groups import UnitGroups
from bot.people.unreachable import Unreachable

__all__ = [
    "Binding",
    "Bindings",
    "PickerPage",
    "Request",
    "UnitGroups",
    "Unreachable",
    "clean_name",
    "fingerprint",
    "kinds",
    "picker_page",
    "texts",
]
