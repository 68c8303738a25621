"""Telegram adapters: parse an update, call the core in `bot`, render the reply."""
