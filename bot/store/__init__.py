"""Durable files: the TinyDB store, written atomically, and the data directory's lock.

Knows files, not Telegram or the plan.
"""

from bot.store import instance_lock, storage

__all__ = ["instance_lock", "storage"]
