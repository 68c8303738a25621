"""The layering of bot/ and handlers/, read from their imports (ast, nothing is run).

LAYERS lists the parts from the bottom up: a part may import itself and the parts before it,
never one after it. A part is a package or a top-level module; a module belongs to the longest
entry that names it (so `bot.ledger.history` to `bot.ledger`, `handlers.app` to `handlers`).

- Shared modules first: errors, the clock, text normalisation, workdays, the plan model, the
  shared wording and the unit registry, which everything may use.
- Then the notice grammar (bot/reading/: layout, numbering, responsibility, dates … loader), which
  reads a notice's lines into a plan and knows no file format.
- Then storage and people, the ledger and due dates, the grammar of a typed line (it reads
  reports with the ledger's words), the duties, and the capabilities built on
  them, each above what it uses: revisions, answers, reminders, the
  office's view, progress, 延期申请; the config (which carries the reminder and digest settings);
  the clerk's workbook and the notice files (bot/notice_files/: formats, bounds, the worker);
  several notices; importing; holidays; evidence (佐证材料); backup.
- Then the conversation (what an event means, for every channel), the reminder rounds (one
  wake-up, sent through a channel's sender; they read the conversation's core and choices),
  and the console, a channel of the conversation.
- handlers/: the adapter's wording and context, its error handling, the transport, the WeCom
  channel (handlers/wecom/: callback, messages, API), then the handlers.
- The command line (`bot/__main__.py`) on top: `python -m bot run` starts the Telegram adapter.

Lazy imports inside functions count as well. Imports in an `if TYPE_CHECKING:` block are left
out (they never run). bot/ also imports no channel library, and code outside a package names
its modules, never its face (`bot.ledger.history`, not `bot.ledger`), so a face never takes
part in a cycle.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import ROOT

LAYERS = [
    "bot.errors",
    "bot.clock",
    "bot.normalize",
    "bot.workdays",
    "bot.plan",
    "bot.texts",
    "bot.registry",
    "bot.reading",
    "bot.store",
    "bot.people",
    "bot.ledger",
    "bot.grammar",
    "bot.duties",
    "bot.instructions",
    "bot.evidence",
    "bot.revisions",
    "bot.answers",
    "bot.reminders",
    "bot.office",
    "bot.progress",
    "bot.extensions",
    "bot.config",
    "bot.workbook",
    "bot.notice_files",
    "bot.notices",
    "bot.importing",
    "bot.holidays",
    "bot.backup",
    "bot.conversation",
    "bot.rounds",
    "bot.console",
    "handlers.texts",
    "handlers.outlets",
    "handlers.context",
    "handlers.errors",
    "handlers.transport",
    "handlers.wecom",
    "handlers",
    "bot.__main__",
]
CHANNEL_LIBRARIES = ("telegram", "wechatpy", "httpx", "aiohttp", "werobot")


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def all_sources() -> dict[str, Path]:
    """Every module of bot/ and handlers/ but the two empty roots."""
    paths = [p for top in ("bot", "handlers") for p in (ROOT / top).rglob("*.py")]
    return {module_name(p): p for p in paths if module_name(p) not in ("bot", "handlers")}


SOURCES = all_sources()


def is_package(name: str) -> bool:
    return (ROOT / name.replace(".", "/") / "__init__.py").is_file()


def type_checking_only(tree: ast.Module) -> set[int]:
    """Line numbers of imports under `if TYPE_CHECKING:`."""
    lines: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for inner in node.body:
                lines.update(range(inner.lineno, (inner.end_lineno or inner.lineno) + 1))
    return lines


def imports(path: Path) -> list[tuple[int, str, str | None]]:
    """(line, module, name) for each imported name; name is None for `import x`."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped = type_checking_only(tree)
    found: list[tuple[int, str, str | None]] = []
    for node in ast.walk(tree):
        if getattr(node, "lineno", None) in skipped:
            continue
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name, None) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found += [(node.lineno, node.module, alias.name) for alias in node.names]
    return found


def target(module: str, name: str | None) -> str:
    """The module an import loads last: `from bot.x import y` is bot.x.y when y is a module."""
    if name is not None and f"{module}.{name}" in SOURCES:
        return f"{module}.{name}"
    return module


def layer(module: str) -> int | None:
    matches = [entry for entry in LAYERS if module == entry or module.startswith(entry + ".")]
    return LAYERS.index(max(matches, key=len)) if matches else None


def test_every_module_has_a_layer():
    assert [name for name in SOURCES if layer(name) is None] == []


@pytest.mark.parametrize("name", sorted(SOURCES))
def test_no_module_imports_a_layer_above_its_own(name: str):
    own = layer(name)
    above = []
    for line, module, imported in imports(SOURCES[name]):
        wanted = target(module, imported)
        theirs = layer(wanted)
        if theirs is not None and own is not None and theirs > own:
            above.append(f"line {line}: {wanted} ({LAYERS[theirs]} is above {LAYERS[own]})")
    assert above == []


@pytest.mark.parametrize("name", sorted(n for n in SOURCES if n.startswith("bot")))
def test_the_core_imports_no_channel_library(name: str):
    channels = [
        f"line {line}: {module}"
        for line, module, _ in imports(SOURCES[name])
        if module.split(".")[0] in CHANNEL_LIBRARIES
    ]
    assert channels == []


@pytest.mark.parametrize("name", sorted(SOURCES))
def test_code_names_modules_not_faces(name: str):
    """Only a face imports from a face, and only its own: everyone else names the module."""
    through_faces = []
    for line, module, imported in imports(SOURCES[name]):
        if module not in SOURCES or not is_package(module) or imported is None:
            continue
        own_face = is_package(name) and module == name
        if not own_face and target(module, imported) == module:
            through_faces.append(f"line {line}: from {module} import {imported}")
    assert through_faces == []


def test_a_face_imports_only_its_own_modules():
    strays = [
        f"{name}: {module}"
        for name in SOURCES
        if is_package(name)
        for _, module, imported in imports(SOURCES[name])
        if not target(module, imported).startswith(name + ".")
    ]
    assert strays == []
