"""Both channels at once over one ledger and one outbox: the real bot process against the fake
Bot API and the fake WeCom server, each unreachable for a while at start.

From the notice: on Friday 2021-12-24 at 09:00 the tasks due at the year end are five working
days away. 办公室 (张三, on Telegram) and 综合科 (lisi, on WeCom) are each nudged once, on
their own channel. 综合科 holds seven of those tasks, more than WeCom cards should carry, so
lisi's nudge is text that says to reply in words.
"""

from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo

from tests.e2e.conftest import ADMIN, user
from tests.e2e.test_nudges import seed
from tests.e2e.wecom import (
    SECRETS,
    WeComUser,
    free_port,
    seed_wecom,
    start,
    texts_to,
    wait_messages,
    wait_until,
    wecom_env,
    write_config,
)
from tests.fakebotapi import FakeBotApi
from tests.fakebotapi import Fault as BotFault
from tests.fakewecom import FakeWeCom, Fault

ZONE = ZoneInfo("Asia/Shanghai")
ZHANG = 1001


def test_one_ledger_two_channels_each_person_on_their_own(tmp_path):
    with FakeBotApi() as api, FakeWeCom() as fake:
        api.inject("getMe", BotFault.connection_reset(), times=2)  # Telegram away at start
        fake.inject(Fault.errcode(60020), endpoint="gettoken", times=1)  # IP not yet trusted
        port = free_port()
        write_config(tmp_path, fake, port, telegram_admins=[ADMIN])
        seed(tmp_path, {ZHANG: "办公室"})
        seed_wecom(tmp_path, {"lisi": "综合科"}, datetime(2021, 10, 29, 9, tzinfo=ZONE))
        telegram = {
            "TELEGRAM_BOT_TOKEN": api.token,
            "BOT_API_BASE_URL": api.base_url,
            "BOT_API_FILE_URL": api.base_file_url,
        }
        running = start(tmp_path, "--now", "2021-12-24T08:59:35+08:00", env=wecom_env(telegram))
        try:
            # Each channel came back by itself while the other ran.
            wait_until(lambda: "已连接企业微信" in running.log_text(), running)
            wait_until(lambda: api.calls("getUpdates"), running)
            log = running.log_text()
            assert log.count("无法连接 Telegram") == 2
            assert "无法连接企业微信" in log
            assert "企业可信IP" in log
            # A WeCom member asks to join 综合科; the Telegram admin approves.
            WeComUser(port).text("wangwu", "我是综合科")
            [request] = api.wait_for_messages_sync(ADMIN, 1, timeout=20)
            assert "综合科" in request.text
            approve = next(d for d in request.callback_data if d.startswith("ok:"))
            api.press_button(ADMIN, request.message_id, approve, user=user(ADMIN, "办公室小陈"))
            wait_until(
                lambda: any(t.startswith("办公室已批准") for t in texts_to(fake, "wangwu")),
                running,
            )
            # 09:00: each is nudged once, on their own channel.
            [nudge] = api.wait_for_messages_sync(ZHANG, 1, timeout=40)
            assert nudge.text.startswith("【工作提醒】办公室：")
            wait_messages(fake, "lisi", 1, running)
            wait_until(lambda: "发出 3 条" in running.log_text(), running)
        finally:
            assert running.stop() == 0
    [lisi] = texts_to(fake, "lisi")
    assert lisi.startswith("【工作提醒】综合科：7 项需要关注")
    assert {int(n) for n in re.findall(r"第(\d+)项（", lisi)} == {1, 2, 8, 9, 11, 13, 16}
    assert "请直接回复文字" in lisi
    assert fake.cards("lisi") == []
    assert len(api.sent(ZHANG)) == 1
    assert [t for t in texts_to(fake, "wangwu") if t.startswith("【工作提醒】综合科")]
    log = running.log_text()
    assert "Traceback" not in log
    for secret in (*SECRETS, api.token, *fake.issued_tokens()):
        assert secret not in log
