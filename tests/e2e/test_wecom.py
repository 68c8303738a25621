"""The real bot process on WeCom alone, against the fake WeCom server over real HTTP.

One process serves the cases of this module (started at 08:59:48 on Monday 2021-11-15 with
--now). Expected content comes from the notice: task 24 (办公室牵头) is due 2021年11月20日, so
办公室's people are nudged at 09:00 on 11-15 (five working days before), one task: a text and
one card of 已完成 / 进行中 / 有困难 / 延期. 综合科 is named lead of task 2.
A hundred members of 办公室 make the fan-out; the access token is expired by the test while
it runs; one member (ghost) does not exist in WeCom (81013). The cases on that process run in
order and build on each other (wangwu, approved in one, is told of the import in a later one).
"""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.ledger.history import REPORT, Ledger
from bot.ledger.store import LedgerStore
from bot.people.addresses import Addresses
from bot.people.unreachable import Unreachable
from bot.store.storage import Store
from tests.conftest import ROOT
from tests.e2e.test_importing import revised_notice
from tests.e2e.wecom import (
    SECRETS,
    WeComUser,
    free_port,
    keys,
    seed_wecom,
    start,
    texts_to,
    wait_messages,
    wait_until,
    wecom_env,
    write_config,
)
from tests.fakewecom import FakeWeCom, Fault

ZONE = ZoneInfo("Asia/Shanghai")
STAFF = [f"staff{n:03d}" for n in range(100)]
ADMIN = "zhangsan"
NUDGE = "【工作提醒】办公室：1 项需要关注"
EXPIRE_AFTER = 40  # messages delivered before the test expires the access token


class Office:
    """The running bot, the fake server, WeCom's side, and the data directory."""

    def __init__(self, workdir: Path, fake: FakeWeCom, port: int) -> None:
        self.workdir, self.fake, self.wecom = workdir, fake, WeComUser(port)
        self.ids = seed_wecom(
            workdir,
            {"lisi": "办公室", "ghost": "办公室", **dict.fromkeys(STAFF, "办公室")},
            datetime(2021, 11, 1, 9, tzinfo=ZONE),
        )
        self.expired = threading.Event()

    def expire_mid_fan_out(self) -> None:
        """Expire every token once `EXPIRE_AFTER` messages were delivered."""

        def watch() -> None:
            wait_until(lambda: len(self.fake.messages()) >= EXPIRE_AFTER, timeout=60)
            self.fake.expire_tokens()
            self.expired.set()

        threading.Thread(target=watch, daemon=True).start()


@pytest.fixture(scope="module")
def office(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("wecom")
    with FakeWeCom() as fake:
        port = free_port()
        write_config(workdir, fake, port, admins=[ADMIN])
        place = Office(workdir, fake, port)
        fake.inject(Fault.errcode(81013), user="ghost", times=None)
        place.expire_mid_fan_out()
        place.running = start(workdir, "--now", "2021-11-15T08:59:48+08:00")
        try:
            yield place
        finally:
            place.running.stop()


def test_a_fan_out_of_100_nudges_loses_none_across_a_token_expiry(office):
    fake = office.fake
    for user in STAFF:
        wait_messages(fake, user, 2, office.running)
    assert office.expired.is_set()
    for user in STAFF:
        [nudge] = texts_to(fake, user)
        assert nudge.startswith(NUDGE)
        assert "第24项（牵头）" in nudge
        [card] = fake.cards(user)
        assert keys(card) == [f"s:24:20211120:{code}" for code in "cphe"]
    assert sum(fake.drops.values()) == 0
    assert any(call.errcode == 42001 for call in fake.calls("message/send"))
    assert len([c for c in fake.calls("gettoken") if c.errcode == 0]) >= 2


def test_a_press_on_the_nudge_card_records_and_updates_the_card(office):
    fake, wecom = office.fake, office.wecom
    wait_messages(fake, "lisi", 2, office.running)
    [card] = fake.cards("lisi")
    code = fake.press(card["task_id"])
    office.press = wecom.press("lisi", card, "s:24:20211120:c", code)
    wait_messages(fake, "lisi", 3, office.running)
    assert texts_to(fake, "lisi")[-1] == (
        "已记录：办公室 第24项（截止 11月20日（周六））已完成，此节点不再提醒。"
    )
    [update] = fake.card_updates(card["task_id"])
    assert update["button"] == {"replace_name": "已处理"}


def test_a_replayed_callback_changes_nothing_and_a_forged_one_is_refused(office):
    fake, wecom = office.fake, office.wecom
    before = len(fake.messages("lisi"))
    query, body = office.press
    assert wecom.post(query, body) == 200  # WeCom's retry, or an attacker's replay
    forged = {**query, "msg_signature": "0" * 40}
    assert wecom.post(forged, body) == 403
    tampered = body.replace("<Encrypt><![CDATA[", "<Encrypt><![CDATA[A")
    assert wecom.post(query, tampered) == 403
    wecom.text("lisi", "第24项进展")  # a message after them: answered, so they were handled
    wait_messages(fake, "lisi", before + 1, office.running)
    assert len(fake.messages("lisi")) == before + 1
    [card] = fake.cards("lisi")
    assert len(fake.card_updates(card["task_id"])) == 1


def test_a_binding_request_is_approved_by_a_wecom_admin(office):
    fake, wecom = office.fake, office.wecom
    wecom.text("wangwu", "我是综合科")
    wait_messages(fake, "wangwu", 1, office.running)
    [sent] = texts_to(fake, "wangwu")
    assert sent.startswith("已提交申请：绑定到“综合科”。")
    wait_until(lambda: fake.cards(ADMIN), office.running)
    shown = [t for t in texts_to(fake, ADMIN) if "综合科" in t]
    assert shown, texts_to(fake, ADMIN)
    [card] = fake.cards(ADMIN)
    approve = next(k for k in keys(card) if k.startswith("ok:"))
    wecom.press(ADMIN, card, approve, fake.press(card["task_id"]))
    wait_messages(fake, "wangwu", 2, office.running)
    assert texts_to(fake, "wangwu")[-1].startswith("办公室已批准：您属于“综合科”。")
    assert fake.card_updates(card["task_id"])


def test_a_question_is_answered(office):
    fake, wecom = office.fake, office.wecom
    before = len(texts_to(fake, "wangwu"))
    wecom.text("wangwu", "我科室负责什么")
    wait_until(lambda: len(texts_to(fake, "wangwu")) > before, office.running)
    answer = "\n".join(texts_to(fake, "wangwu")[before:])
    assert "第2项" in answer
    wecom.text("wangwu", "/id")
    wait_until(lambda: "您的企业微信账号是 wangwu" in texts_to(fake, "wangwu")[-1], office.running)


def test_an_admin_imports_a_notice_sent_as_a_file(office):
    fake, wecom = office.fake, office.wecom
    data = revised_notice()
    media = fake.upload("2021年修订.txt", data)
    cards_before = len(fake.cards(ADMIN))
    wecom.file(ADMIN, media, "2021年修订.txt", len(data))
    wait_until(lambda: len(fake.cards(ADMIN)) > cards_before, office.running)
    assert [c for c in fake.calls("media/get") if c.errcode == 0]
    summary = "\n".join(texts_to(fake, ADMIN))
    assert "共 15 个部分，34 项任务" in summary
    assert "【修订对比】新增 1 项，删除 1 项，修改 1 项，未变 32 项" in summary
    panel = fake.cards(ADMIN)[-1]
    enable = next(k for k in keys(panel) if k.endswith(":y"))
    wecom.press(ADMIN, panel, enable, fake.press(panel["task_id"]))
    wait_until(
        lambda: any(t.startswith("已启用：2021年修订.txt") for t in texts_to(fake, ADMIN)),
        office.running,
    )
    # 综合科 gained task 35: its WeCom member is told on WeCom
    wait_until(
        lambda: any(t.startswith("【通知已更新】") for t in texts_to(fake, "wangwu")),
        office.running,
    )


def test_the_office_gets_export_as_a_file(office):
    fake, wecom = office.fake, office.wecom
    wecom.text(ADMIN, "/export")
    wait_until(lambda: any(m.msgtype == "file" for m in fake.messages(ADMIN)), office.running)
    assert [c for c in fake.calls("media/upload") if c.errcode == 0]


def test_stops_cleanly_with_the_unreachable_member_marked_and_no_secret_logged(office):
    assert office.running.stop() == 0
    log = office.running.log_text()
    for secret in (*SECRETS, *office.fake.issued_tokens()):
        assert secret not in log
    with Store(office.workdir / "data" / "bot.json") as store:
        ghost = Addresses(store).find("wecom", "ghost")
        assert ghost in Unreachable(store).all()
    assert office.fake.messages("ghost") == []


def test_a_restart_loses_nothing_and_repeats_nothing(tmp_path):
    with FakeWeCom() as fake:
        port = free_port()
        write_config(tmp_path, fake, port, admins=[ADMIN])
        seed_wecom(tmp_path, {"lisi": "办公室"}, datetime(2021, 11, 1, 9, tzinfo=ZONE))
        wecom = WeComUser(port)
        first = start(tmp_path, "--now", "2021-11-15T08:59:56+08:00")
        try:
            wait_messages(fake, "lisi", 2, first)
            [card] = fake.cards("lisi")
            pressed = wecom.press("lisi", card, "s:24:20211120:c", fake.press(card["task_id"]))
            wait_messages(fake, "lisi", 3, first)
        finally:
            assert first.stop() == 0
        # Back the same morning: the 09:00 nudge went, the press was recorded; WeCom retries it.
        again = start(tmp_path, "--now", "2021-11-15T10:00:00+08:00")
        try:
            wait_until(lambda: "提醒检查" in again.log_text(), again)
            assert wecom.post(*pressed) == 200
            wecom.text("lisi", "第24项进展")
            wait_messages(fake, "lisi", 4, again)
        finally:
            assert again.stop() == 0
    [nudge, recorded, progress] = texts_to(fake, "lisi")
    assert nudge.startswith(NUDGE)
    assert recorded.startswith("已记录：办公室 第24项")
    assert "已完成" in progress
    assert len(fake.cards("lisi")) == 1
    assert len(fake.card_updates(card["task_id"])) == 1
    with LedgerStore(tmp_path / "data" / "ledger") as store:
        reports = [e for e in Ledger(store).history() if e.kind == REPORT]
    assert [(e.tasks, e.unit) for e in reports] == [((24,), "办公室")]


def run_briefly(workdir: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "bot", "run", "--config", str(workdir / "config.toml")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_without_any_channel_the_bot_says_how_to_set_one_up(tmp_path):
    (tmp_path / "config.toml").write_text('[data]\npath = "data"\n', encoding="utf-8")
    done = run_briefly(tmp_path, wecom_env())
    assert done.returncode == 2
    assert "没有可运行的渠道" in done.stderr
    assert "[wecom]" in done.stderr


def test_a_callback_port_in_use_is_one_clear_line_not_a_traceback(tmp_path):
    with FakeWeCom() as fake, socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        write_config(tmp_path, fake, taken.getsockname()[1], admins=[ADMIN])
        done = run_briefly(tmp_path, wecom_env())
    assert done.returncode == 2
    assert "无法在 127.0.0.1:" in done.stderr
    assert "Traceback" not in done.stderr
