"""The units of the office: names, aliases, groups and kinds, read from the registry file.

Knows names, not notices or people.
"""

from bot.registry.kinds import is_collective, usual_kind, without_role
from bot.registry.units import Group, NameMatch, Registry, Unit, load_registry

__all__ = [
    "Group",
    "NameMatch",
    "Registry",
    "Unit",
    "is_collective",
    "load_registry",
    "usual_kind",
    "without_role",
]
