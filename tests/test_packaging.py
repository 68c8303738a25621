"""The built wheel holds every module of bot/ and handlers/, and runs from where it is installed.

The wheel is built as the Dockerfile builds it: from a copy of what it copies (pyproject.toml,
README.md, bot/, handlers/), with `pip`'s isolated build and the pinned setuptools. A copy,
because a build in the checkout reuses its build/ folder and could hide a missing subpackage.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT

PACKAGES = ("bot", "handlers")
IGNORED = shutil.ignore_patterns("__pycache__")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    source = tmp_path_factory.mktemp("source")
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    for package in PACKAGES:
        shutil.copytree(ROOT / package, source / package, ignore=IGNORED)
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--quiet",
            "-w",
            str(out),
            str(source),
        ],
        check=True,
        cwd=out,
        timeout=300,
    )
    (built,) = out.glob("fengong-*.whl")
    return built


def source_modules() -> set[str]:
    """Every .py file of the packages, as a path inside the wheel."""
    return {
        path.relative_to(ROOT).as_posix()
        for package in PACKAGES
        for path in (ROOT / package).rglob("*.py")
    }


def test_the_tree_has_subpackages():
    subpackages = [p for p in (ROOT / "bot").iterdir() if (p / "__init__.py").is_file()]
    assert len(subpackages) >= 10  # the check below means little on a flat tree


def test_the_wheel_holds_every_module_of_every_subpackage(wheel: Path):
    with zipfile.ZipFile(wheel) as archive:
        inside = {name for name in archive.namelist() if name.endswith(".py")}
    assert source_modules() <= inside, sorted(source_modules() - inside)


def test_the_installed_wheel_imports_the_bot_and_the_handlers(wheel: Path, tmp_path: Path):
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "--quiet", "--target", str(target)]
        + [str(wheel)],
        check=True,
        timeout=300,
    )
    probe = (
        "import bot, bot.__main__, handlers.app, bot.notice_files.worker\nprint(bot.__file__)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=tmp_path,  # not the checkout: only the installed copy can be found
        env={"PYTHONPATH": str(target), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    assert Path(done.stdout.strip()).is_relative_to(target)
