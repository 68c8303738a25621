"""Who people are to the bot: unit bindings, work group chats, unreachable chats, the unit picker.

Knows chat ids and units, not the plan or Telegram.
"""

from bot.people import bindings, picker, texts, unit_groups, unreachable

__all__ = ["bindings", "picker", "texts", "unit_groups", "unreachable"]
