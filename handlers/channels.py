"""Run the bot on every configured channel over one data directory, one core and one outbox.

Each channel is an adapter over the same `Core` and `Conversation`: Telegram
(`handlers.app`), WeCom (`handlers.wecom.channel`). A message for a person goes to that
person's channel (`handlers.outlets` for the conversation's sends, `bot.rounds.routing` for
the rounds), and one timer wakes the rounds whatever channels run (`bot.rounds.waking`).
A channel that cannot reach its server retries by itself; the others go on.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterable
from contextlib import ExitStack
from functools import partial

from bot.answers.model import Knowledge
from bot.clock import Clock
from bot.config import Config
from bot.conversation.core import OUTBOX_FILE, STORE_FILE, Core
from bot.conversation.events import TELEGRAM, WECOM
from bot.conversation.router import Conversation
from bot.evidence.store import sweep_orphans
from bot.ledger.store import LEDGER_DIR, LedgerStore
from bot.notices.desks import load_later
from bot.rounds.routing import RoutingSender
from bot.rounds.sender import Sender
from bot.rounds.service import Rounds
from bot.rounds.waking import keep_waking
from bot.store.instance_lock import InstanceLock
from bot.store.storage import Store
from handlers.app import build_application, run_telegram
from handlers.delivery import on_telegram
from handlers.nudging import TelegramSender
from handlers.outlets import Outlets
from handlers.transport.polling import stop_on_signals
from handlers.wecom.channel import WeComChannel

__all__ = ["configure_logging", "run_bot", "serve_channels"]

log = logging.getLogger(__name__)


class _Redact(logging.Filter):
    """Replace each secret wherever it appears in a log record, as a second line of defence."""

    def __init__(self, secrets: Iterable[str]) -> None:
        super().__init__()
        self.secrets = sorted({s for s in secrets if s}, key=len, reverse=True)

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if any(secret in message for secret in self.secrets):
            for secret in self.secrets:
                message = message.replace(secret, "<secret>")
            record.msg, record.args = message, None
        return True


def configure_logging(secrets: Iterable[str]) -> None:
    """Log to stderr, never a secret; httpx logs request URLs (the token), so WARNING."""
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(_Redact(secrets))
    logging.basicConfig(level=logging.INFO, handlers=[handler])
    for noisy in ("httpx", "httpcore", "apscheduler", "aiohttp.access"):
        logging.getLogger(noisy).setLevel(logging.WARNING)


def _secrets(config: Config) -> list[str]:
    found = [config.telegram.token, config.webhook.secret_token]
    if config.wecom is not None:
        found += [config.wecom.secret, config.wecom.token, config.wecom.aes_key]
    return [str(s) for s in found if s]


async def serve_channels(core: Core, stop: asyncio.Event | None = None) -> None:
    """Run every configured channel and the rounds until `stop` (default: SIGINT/SIGTERM)."""
    stop = stop or stop_on_signals()
    channels = core.config.channels
    conversation = Conversation(core)
    outlets = Outlets(core.addresses)
    senders: dict[str, Sender] = {}
    runs = []
    if WECOM in channels:
        wecom = WeComChannel(core, conversation, outlets.deliver)
        outlets.add(WECOM, wecom.adapter.deliver)
        senders[WECOM] = wecom.nudges
        runs.append(wecom.run(stop))
    if TELEGRAM in channels:
        application = build_application(core, conversation=conversation, outlets=outlets)
        outlets.add(TELEGRAM, partial(on_telegram, application.bot))
        senders[TELEGRAM] = TelegramSender(application.bot)
        runs.append(run_telegram(application, core.config, stop))
    rounds = Rounds(core, RoutingSender(outlets.channel_of, senders))
    log.info("渠道：%s", "、".join(channels))
    waking = keep_waking(rounds, stop, heartbeat=core.config.reminders.heartbeat)
    tasks = [asyncio.ensure_future(run) for run in (*runs, waking)]
    try:
        await asyncio.gather(*tasks)
    finally:
        stop.set()
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)


def run_bot(config: Config, knowledge: Knowledge, clock: Clock) -> int:
    """Run the bot on its channels until SIGINT/SIGTERM; returns the exit status.

    Takes the data directory's lock first, so a second process refuses to start instead of
    polling the same token (409 Conflict) and writing the same files.
    """
    configure_logging(_secrets(config))
    config.data_dir.mkdir(parents=True, exist_ok=True)
    with (
        InstanceLock(config.data_dir),
        Store(config.data_dir / STORE_FILE) as store,
        Store(config.data_dir / OUTBOX_FILE) as outbox_store,
        LedgerStore(config.data_dir / LEDGER_DIR) as ledger_store,
        ExitStack() as stack,
    ):
        core = Core.open(config, knowledge, store, outbox_store, ledger_store, clock)
        stack.callback(core.close)
        for entry, later in load_later(config, knowledge.registry):
            core.open_desk(entry, later)
        orphans = sweep_orphans(config.data_dir, [d.ledger for d in core.desks])
        if orphans:
            log.info("已删除 %d 个没有记录引用的佐证文件（上次中断时留下）", len(orphans))
        for desk in core.desks:
            state = "已归档" if desk.archived else "使用中"
            log.info("通知%s（%s）：%d 项任务", desk.label, state, len(desk.knowledge.plan.tasks))
        log.info("分工助手启动，数据目录 %s", config.data_dir)
        asyncio.run(serve_channels(core))
    log.info("分工助手已停止")
    return 0
