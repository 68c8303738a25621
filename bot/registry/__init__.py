"""The units of the office: names, aliases, groups and kinds, read from the registry file.

Knows names, not notices or people.
"""

from bot.registry import kinds, units

__all__ = ["kinds", "units"]
