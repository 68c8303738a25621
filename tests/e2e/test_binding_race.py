"""The office's 批准 binds exactly the request the admin saw, even when the user changes it at once.

The admin's press and the user's new "我是…" arrive in one getUpdates batch, so the bot handles
them concurrently (different users' updates run side by side), as on a busy day.
"""

import json
from collections.abc import Iterator
from contextlib import contextmanager

from tests.e2e.conftest import ADMIN, REPLY_TIMEOUT, user

TRIALS = 8
FIRST, SECOND = "综合科", "办公室"


@contextmanager
def one_batch(api) -> Iterator[None]:
    """Queue the updates pushed inside so that the bot's next getUpdates returns them together.

    The fake server answers a long poll under its lock; holding it while pushing keeps the poll
    from returning after the first update.
    """
    with api._lock:
        yield


def stored_binding(tmp_path, who):
    """The unit `who` is bound to in the bot's data file, or None."""
    path = tmp_path / "data" / "bot.json"
    doc = json.loads(path.read_text(encoding="utf-8"))["bindings"].get(str(who)) or {}
    return (doc.get("binding") or {}).get("unit")


def admin_message_for(api, who):
    """The admin's newest message about `who`'s request."""
    found = [m for m in api.sent(ADMIN) if str(who) in m.text]
    return found[-1] if found else None


def race(api, tmp_path, who, user_first):
    """`who` asks for FIRST; the admin's 批准 and `who`'s switch to SECOND then arrive together.

    Returns:
        What went wrong, or None.
    """
    api.send_text(who, f"我是{FIRST}", user=user(who, "李四"))
    assert api.wait_for_sync(lambda: admin_message_for(api, who) is not None, REPLY_TIMEOUT)
    request = admin_message_for(api, who)
    answers = len(api.callback_answers())
    switch = [lambda: api.send_text(who, f"我是{SECOND}", user=user(who, "李四"))]
    approve = [lambda: api.press_button(ADMIN, request.message_id, request.callback_data[0])]
    with one_batch(api):
        for push in switch + approve if user_first else approve + switch:
            push()

    def settled():
        told = any(t.startswith("办公室已批准") for t in api.texts(who))
        answered = api.callback_answers()[answers:]
        refused = bool(answered) and answered[0]["text"] is not None
        claimed = any(SECOND in t and "已提交申请" in t for t in api.texts(who))
        return claimed and (refused or told)

    assert api.wait_for_sync(settled, REPLY_TIMEOUT), api.texts(who)
    bound = stored_binding(tmp_path, who)
    shown = api.message(ADMIN, request.message_id)
    notices = [t for t in api.texts(who) if t.startswith("办公室已批准")]
    if (
        bound not in (None, FIRST)
        or ("已批准" in shown["text"]) != (bound is not None)
        or ("已批准" in shown["text"] and f"“{bound}”" not in shown["text"])
        or any(f"“{FIRST}”" not in t for t in notices)
    ):
        return bound, shown["text"], notices
    if bound is None:  # refused: the admin is told why and can decide the new request
        answer = api.callback_answers()[answers]["text"]
        assert answer == f"该申请已被用户更改为“{SECOND}”，请按新申请审批。"
        assert shown["text"].endswith(f"申请加入：“{SECOND}”")
        assert "reply_markup" in shown
    return None


def test_approval_binds_only_the_request_the_admin_saw(api, bot, tmp_path):
    wrong = {}
    for trial in range(TRIALS):  # both orders in the batch: the race can go either way
        problem = race(api, tmp_path, 5000 + trial, user_first=bool(trial % 2))
        if problem is not None:
            wrong[trial] = problem
    assert wrong == {}, f"{len(wrong)} of {TRIALS} trials went wrong"
