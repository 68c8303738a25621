"""Promises the project makes about itself: README commands, CI, the core free of Telegram."""

import hashlib
import re

from tests.conftest import NOTICE, ROOT

SEED_SHA256 = "15e5ef50b919ad8da02d82dda5e47d594af42022a5f87076c765f5786cbfb9e5"


def readme_commands():
    return re.findall(r"```sh\n(.+?)\n```", (ROOT / "README.md").read_text(encoding="utf-8"))


def test_readme_starts_with_install_and_chat_then_tests():
    install_and_chat, tests = readme_commands()[:2]
    assert "pip install" in install_and_chat
    assert install_and_chat.endswith("python -m bot chat --as 综合科")
    assert "pytest" in tests


def test_ci_runs_exactly_the_readme_test_command():
    test_command = readme_commands()[1]
    ci_lines = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert test_command in ci_lines


def test_core_imports_nothing_from_telegram():
    for path in (ROOT / "bot").rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        assert not re.search(r"^\s*(from|import)\s+telegram", source, flags=re.M), path


def test_shipped_notice_is_the_unedited_seed():
    assert hashlib.sha256(NOTICE.read_bytes()).hexdigest() == SEED_SHA256
