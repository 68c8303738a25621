"""Durable files: the one atomic writer, the TinyDB store built on it, and the data directory's
lock.

Knows files, not Telegram or the plan.
"""

from bot.store import atomic, instance_lock, storage

__all__ = ["atomic", "instance_lock", "storage"]
