"""Durable files: the TinyDB store, written atomically, and the data directory's lock.

Knows files, not Telegram or the plan.
"""

from bot.store.instance_lock import LOCK_NAME, AlreadyRunningError, InstanceLock
from bot.store.storage import (
    AtomicJSONStorage,
    CorruptStoreError,
    FileOps,
    OneWriter,
    Store,
    parse_file,
)

__all__ = [
    "AlreadyRunningError",
    "AtomicJSONStorage",
    "CorruptStoreError",
    "FileOps",
    "InstanceLock",
    "LOCK_NAME",
    "OneWriter",
    "Store",
    "parse_file",
]
